package pdf

import (
	"bytes"
	"context"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/assets"
	"github.com/nianbao/nianbao/form"
)

// distinctReport returns the sample report with n more distinct characters (CJK
// ideographs the bundled body font has) in 六, 500 to a paragraph.
func distinctReport(tb testing.TB, n int) *form.Report {
	tb.Helper()
	f, _, err := roleFace(assets.Body, &Options{BundledFontsOnly: true})
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	k := 0
	for r := rune(0x4E00); r <= 0x9FFF && k < n; r++ {
		if f.has(r) {
			b.WriteRune(r)
			if k++; k%500 == 0 {
				b.WriteByte('\n')
			}
		}
	}
	if k < n {
		tb.Fatalf("the body font has only %d ideographs", k)
	}
	r := form.Sample(form.Latest)
	r.Text.Other = b.String()
	return r
}

// TestManyDistinctCharacters: 3,000 distinct characters come back from the PDF whole and
// in order (the ToUnicode map of a large subset, across high-byte boundaries of glyph ids).
func TestManyDistinctCharacters(t *testing.T) {
	needTool(t, "pdftotext")
	r := distinctReport(t, 3000)
	path := writeReport(t, r)
	if text := extractText(t, path); !strings.Contains(text, spaces.ReplaceAllString(r.Text.Other, "")) {
		t.Error("the 3,000 characters of 六 do not come back in order")
	}
}

func TestWriteContextCancel(t *testing.T) {
	r := form.Sample(form.Latest)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	if _, err := WriteContext(ctx, &buf, r, testOptions()); !errors.Is(err, context.Canceled) || buf.Len() > 0 {
		t.Errorf("cancelled before: err %v, %d bytes written", err, buf.Len())
	}
	// Cancelled while the pages are written: nothing reaches w.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	opt := testOptions()
	var seen []int
	opt.Progress = func(page, pages int) {
		seen = append(seen, page)
		if page == 2 {
			cancel()
		}
	}
	if _, err := WriteContext(ctx, &buf, r, opt); !errors.Is(err, context.Canceled) || buf.Len() > 0 {
		t.Errorf("cancelled at page 2: err %v, %d bytes written", err, buf.Len())
	}
	if len(seen) != 2 {
		t.Errorf("progress called for pages %v after cancel at 2", seen)
	}
	// Not cancelled: progress counts every page.
	seen = nil
	opt.Progress = func(page, pages int) {
		if page != len(seen)+1 {
			t.Errorf("progress page %d after %v", page, seen)
		}
		seen = append(seen, pages)
	}
	st, err := WriteContext(context.Background(), &buf, r, opt)
	if err != nil || buf.Len() == 0 || len(seen) != st.Pages || st.Pages < 3 || seen[0] != st.Pages {
		t.Errorf("err %v, %d bytes, progress %v, %d pages", err, buf.Len(), seen, st.Pages)
	}
}

// TestMemoryReleased: exports keep nothing: after a first export (which decompresses the
// font chunks it needs, once per process), ten more leave the live heap as it was.
func TestMemoryReleased(t *testing.T) {
	r := form.Sample(form.Latest)
	if err := Write(io.Discard, r, testOptions()); err != nil {
		t.Fatal(err)
	}
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	// Up to three rounds: a goroutine of an earlier test (a cancelled export finishing) can
	// still allocate during one round; a real leak grows in every round.
	var before, after uint64
	for round := 0; round < 3; round++ {
		before = heap()
		for i := 0; i < 10; i++ {
			if err := Write(io.Discard, r, testOptions()); err != nil {
				t.Fatal(err)
			}
		}
		if after = heap(); after <= before+2<<20 {
			return
		}
	}
	t.Errorf("live heap grew from %d to %d KB over ten exports, in each of three rounds", before>>10, after>>10)
}

// BenchmarkWriteDistinct20000 exports the sample with 20,000 more distinct characters
// (gofpdf's own font code took 451 s for 8,000).
func BenchmarkWriteDistinct20000(b *testing.B) {
	r := distinctReport(b, 20000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := Write(&buf, r, testOptions()); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len())/1024, "KB")
	}
}
