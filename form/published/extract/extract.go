// Package extract turns a published report in the form a clerk has it — a saved web page
// (.html), a Word file (.docx) or a PDF — into the plain text that published.Import reads.
//
// The output is one line per paragraph, in reading order. A table row is one line with its
// visible cells separated by "|", as a browser's copy of the table gives it: a cell spanning
// several rows appears in its first row only, a cell spanning several columns once; line
// breaks inside a cell are joined, a "|" inside a cell becomes "｜", and a blank line follows
// each table. PDF lines are rebuilt from glyph positions, with "|" where a table column gap
// is found.
//
// Every reader is bounded: input size, archive entries and ratios, nesting depth, token and
// page counts are limited, so that a hostile file is refused with a Chinese message within
// bounded time and memory, and never panics.
package extract

import (
	"errors"
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/form"
	"unicode/utf8"
)

// Error is a failure to read a document, with a Chinese reason saying what to do.
type Error struct {
	// Reason is the Chinese explanation shown to the user.
	Reason string
	// Err is a sentinel below (ErrNoText, ErrLimit, ErrFormat, ErrOldWord, ErrEncrypted), for errors.Is.
	Err error
}

// Error returns the Chinese reason.
func (e *Error) Error() string { return e.Reason }

// Unwrap returns the sentinel, for errors.Is.
func (e *Error) Unwrap() error { return e.Err }

// Sentinels wrapped by *Error.
var (
	// ErrNoText: the document has no usable text (a scanned PDF, a garbled text layer).
	ErrNoText = errors.New("no recognizable text")
	// ErrLimit: the document exceeds a size, depth, count or ratio limit.
	ErrLimit = errors.New("limit exceeded")
	// ErrFormat: the file is damaged or not of the type its name says.
	ErrFormat = errors.New("bad format")
	// ErrOldWord: an old binary Word file (.doc), or a .docx that is really one.
	ErrOldWord = errors.New("old Word format")
	// ErrEncrypted: the document is protected by a password.
	ErrEncrypted = errors.New("encrypted")
)

// Messages shown for the common failures.
const (
	// MsgNoText is the message for a PDF without a usable text layer.
	MsgNoText = "此 PDF 没有可识别的文字（可能是扫描件），请复制网页上的文字后导入"
	// MsgOldWord is the message for an old .doc file.
	MsgOldWord = "这是旧版 Word 文件（.doc），无法直接读取。请在 Word/WPS 中另存为 .docx 后再打开"
)

func errorf(sentinel error, format string, args ...any) error {
	return &Error{Reason: strings.ToValidUTF8(fmt.Sprintf(format, args...), "\uFFFD"), Err: sentinel}
}

// sizeText prints a byte count for messages: "8 MB", "512 KB".
func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}

// isSpace reports the spaces a cell or paragraph is trimmed of and whose runs collapse:
// form.IsSpace, the one definition (Unicode spaces with &nbsp; and the ideographic space,
// and the zero-width characters).
func isSpace(r rune) bool { return form.IsSpace(r) }

// collapse turns every run of spaces (see isSpace) into one ASCII space and trims the ends,
// as a browser shows the text of a cell or a paragraph.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// wide reports a character after or before which a line break joins without a space:
// CJK ideographs, kana, full-width forms and CJK punctuation.
func wide(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF, // radicals, CJK punctuation, kana, ideographs
		r >= 0xF900 && r <= 0xFAFF,   // compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F,   // compatibility forms
		r >= 0xFF00 && r <= 0xFFEF,   // full-width forms
		r >= 0x20000 && r <= 0x3FFFF, // supplementary ideographs
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '·':
		return true
	}
	return false
}

// joinParts joins the lines of a cell (or a wrapped paragraph): without a space where either
// side is Chinese ("部分公开（区分处理的，只计这一情" + "形，不计其他情形）"), with one otherwise.
func joinParts(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		p = collapse(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(p)
			if !wide(last) && !wide(first) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

// cellText is a table cell's text in the output: its lines joined, spaces collapsed, and a
// "|" (the cell separator) replaced by the full-width "｜".
func cellText(parts []string) string {
	return strings.ReplaceAll(joinParts(parts), "|", "｜")
}

// output collects the lines of the extracted text, with at most one blank line in a row
// and none at the start.
type output struct {
	b     strings.Builder
	blank bool // the last line written was blank (or nothing was written)
	lines int
}

func newOutput() *output { return &output{blank: true} }

// line writes a non-empty paragraph or row.
func (o *output) line(s string) {
	if s == "" {
		return
	}
	o.b.WriteString(s)
	o.b.WriteByte('\n')
	o.blank = false
	o.lines++
}

// row writes a table row: its cells joined with "|"; a row of empty cells is left out.
func (o *output) row(cells []string) {
	for _, c := range cells {
		if c != "" {
			o.line(strings.Join(cells, "|"))
			return
		}
	}
}

// gap writes the blank line that ends a table.
func (o *output) gap() {
	if !o.blank {
		o.b.WriteByte('\n')
		o.blank = true
	}
}

func (o *output) String() string { return o.b.String() }
