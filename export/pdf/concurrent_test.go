package pdf

import (
	"bytes"
	"io"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// TestConcurrentWrites builds documents in parallel; they share the parsed font cache and
// the embedded font bytes (run with -race). With a fixed creation date every parallel
// render must equal the serial one, byte for byte.
func TestConcurrentWrites(t *testing.T) {
	var serial [][]byte
	for _, f := range form.Formats {
		var b bytes.Buffer
		if err := Write(&b, form.Sample(f), testOptions()); err != nil {
			t.Fatal(err)
		}
		serial = append(serial, b.Bytes())
	}
	if bytes.Equal(serial[0], serial[len(serial)-1]) {
		t.Fatal("the formats render alike; the comparison would prove nothing")
	}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		for k, f := range form.Formats {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var b bytes.Buffer
				if err := Write(&b, form.Sample(f), testOptions()); err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(b.Bytes(), serial[k]) {
					t.Errorf("format %s, goroutine %d: parallel render differs from the serial one (%d vs %d bytes)", f.ID, i, b.Len(), len(serial[k]))
				}
			}()
		}
	}
	wg.Wait()
}

// TestFontDataUnchanged: writing documents leaves the shared faces (their tables, read
// once per process) as they were: gofpdf writes into the bytes it is given, so it gets
// subset fonts of its own.
func TestFontDataUnchanged(t *testing.T) {
	opt := testOptions()
	var before []map[string][]byte
	var faces []*face
	for _, r := range pdfRoles {
		f, _, err := roleFace(r, &opt)
		if err != nil {
			t.Fatal(err)
		}
		faces = append(faces, f)
		snap := map[string][]byte{}
		for tag, b := range f.sf.tab {
			snap[tag] = bytes.Clone(b)
		}
		before = append(before, snap)
	}
	for _, f := range form.Formats {
		if err := Write(io.Discard, form.Sample(f), opt); err != nil {
			t.Fatal(err)
		}
	}
	for i, f := range faces {
		for tag, b := range f.sf.tab {
			if !bytes.Equal(b, before[i][tag]) {
				t.Errorf("font %s: table %q changed by writing a document", f.label, tag)
			}
		}
		if f2, _, _ := roleFace(pdfRoles[i], &opt); f2 != f {
			t.Errorf("font %s parsed again: faces are cached once per process", f.label)
		}
	}
}
