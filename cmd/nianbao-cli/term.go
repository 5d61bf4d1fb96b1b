package main

import (
	"io"
	"unicode/utf8"
)

// termWriter passes text to a terminal without the characters that can drive it: C0 controls
// other than newline and tab (ESC starts the escape sequences that recolour, retitle or clear
// a terminal; CR overwrites a line), DEL, C1 controls (U+0080–U+009F, which 8-bit terminals
// obey) and the bidirectional overrides that make text read differently than it is stored.
// Invalid UTF-8 becomes U+FFFD. Agency names, cell texts and file names come from files
// anyone can write; everything the CLI prints goes through it.
type termWriter struct {
	w       io.Writer
	pending []byte // an incomplete UTF-8 sequence at the end of the last write
}

func newTermWriter(w io.Writer) *termWriter { return &termWriter{w: w} }

// Write filters p; it reports len(p) written unless the underlying writer fails.
func (t *termWriter) Write(p []byte) (int, error) {
	data := p
	if len(t.pending) > 0 {
		data = append(t.pending, p...)
		t.pending = nil
	}
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			if !utf8.FullRune(data[i:]) {
				t.pending = append([]byte(nil), data[i:]...)
				break
			}
			out = utf8.AppendRune(out, utf8.RuneError)
			i++
			continue
		}
		if safeRune(r) {
			out = append(out, data[i:i+n]...)
		}
		i += n
	}
	if _, err := t.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes an incomplete sequence left at the end as U+FFFD.
func (t *termWriter) Flush() {
	if len(t.pending) > 0 {
		t.pending = nil
		t.w.Write([]byte(string(utf8.RuneError)))
	}
}

// safeRune reports whether r may reach a terminal.
func safeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return true
	case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f:
		return false
	case r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c:
		return false
	}
	return true
}
