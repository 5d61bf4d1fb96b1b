package published

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form/fileio"
)

// hostileTexts are texts of the largest size read (MaxSize) built to be slow: table labels and
// digits run together on one line, one row of four million cells, a million one-cell lines,
// a paragraph wrapped over every line.
var hostileTexts = map[string]func() string{
	"glued":  func() string { return strings.Repeat("规章0", MaxSize/7) },
	"spaced": func() string { return strings.Repeat("规章 0 ", MaxSize/9) },
	"pipes":  func() string { return strings.Repeat("0|", MaxSize/2) },
	"lines":  func() string { return strings.Repeat("规章0\n", MaxSize/8) },
	// A PDF text's wrapped paragraph that never ends: 20,000 lines joined into one.
	"wrapped": func() string {
		return strings.Repeat("全年主动公开政府信息三百八十六条其中机构职能\n", MaxSize/67)
	},
}

// TestHostileTextBounded: each hostile text is read within bounded memory (the limits of
// lines.go), never panics, and a text too long to be a report says so.
func TestHostileTextBounded(t *testing.T) {
	for name, build := range hostileTexts {
		in := build()
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		res := Import(in)
		runtime.ReadMemStats(&m1)
		if alloc := (m1.TotalAlloc - m0.TotalAlloc) >> 20; alloc > 200 && !raceEnabled {
			t.Errorf("%s: %d MB allocated for %d bytes", name, alloc, len(in))
		}
		if res.Cells > 0 {
			t.Errorf("%s: %d cells from a text that is no report", name, res.Cells)
		}
		if (name == "lines" || name == "wrapped") && !strings.Contains(strings.Join(res.Warnings, "\n"), fmt.Sprintf("只读取了前 %d 行", fileio.MaxLines)) {
			t.Errorf("%s: no word of the lines left out: %q", name, res.Warnings)
		}
	}
}

// BenchmarkImportHostile measures the hostile texts (time per text of MaxSize bytes).
func BenchmarkImportHostile(b *testing.B) {
	for _, name := range []string{"glued", "spaced", "pipes", "lines", "wrapped"} {
		in := hostileTexts[name]()
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				Import(in)
			}
		})
	}
}
