package published

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzImport: arbitrary text never panics, and what is imported is consistent: every cell
// that was set holds text from the input. Run with -fuzzminimizetime 3s: minimizing the large
// seed inputs with the default 60s shows as "0 execs/sec" without being a hang.
func FuzzImport(f *testing.F) {
	for _, name := range []string{"seed000", "seed002", "seed003", "seed004", "r2021_tabs_contradiction", "r2021_lines_slash"} {
		data, err := os.ReadFile("testdata/" + name + ".txt")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, name := range []string{"03_pingtan_gonganju_2024.txt", "07_pingtan_shenpiju_2024.txt", "12_huaian_city_gov_2024.layout.txt",
		"12_huaian_city_gov_2024.gaps.txt", "11_suibin_lianshengxiang_2024_partial.txt"} {
		data, err := os.ReadFile("testdata/corpus/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("一、总体情况\n（一）主动公开\n二、主动公开政府信息情况\n规章 |\n|\n||\n"))
	f.Add([]byte("二、主动公开政府信息情况第二十条第（一）项规章000行政规范性文件15621三、收到和处理政府信息公开申请情况一、本年新收政府信息公开申请数量640020470"))
	f.Add([]byte("\xff\xfe\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return // keep each run fast; linear time is shown by BenchmarkImport
		}
		res, err := Read(data)
		if err != nil {
			return
		}
		r := res.Report
		if r == nil || r.Format == nil {
			t.Fatal("no report")
		}
		text, _, _ := Decode(data)
		text = sanitize(text) // control characters are removed before reading
		n := 0
		for i := range r.Format.Cells {
			c := r.At(i)
			if c.Blank {
				continue
			}
			n++
			if !strings.Contains(text, strings.TrimSpace(c.Text)) && c.Text != "0" {
				t.Fatalf("cell %s holds %q, not in the input", r.Format.Cells[i].Code, c.Text)
			}
		}
		if n != res.Cells {
			t.Fatalf("%d cells set, Result.Cells = %d", n, res.Cells)
		}
		for _, w := range res.Warnings {
			if !utf8.ValidString(w) {
				t.Fatalf("invalid warning %q", w)
			}
		}
	})
}

// FuzzRunTogether feeds table text whose labels and numbers run together (the shape cut by
// the table's identities): any digits, spaces and labels. It never panics, stays within its
// step budget, and never writes a number that is not a piece of the text; a row it fills
// either satisfies 总计 = the sum of the row or was the only possible cut.
func FuzzRunTogether(f *testing.F) {
	f.Add("640020470", "0000000", "212003026", "10 0 0 0 01")
	f.Add("2 1 20 0 3 0 26", "0", "212003026", "212003026")
	f.Add("15621", "100000000000000", "00000002.", "3.其他")
	f.Fuzz(func(t *testing.T, a, b, c, d string) {
		if len(a)+len(b)+len(c)+len(d) > 400 {
			return
		}
		text := gluedApply(map[string]string{"1": a, "2": b, "3.1": c, "3.7": d, "3.2": a + b})
		res := Import(text)
		r := res.Report
		n := 0
		for i := range r.Format.Cells {
			cell := r.At(i)
			if cell.Blank {
				continue
			}
			n++
			if !strings.Contains(sanitize(text), cell.Text) {
				t.Fatalf("cell %s holds %q, not in the text", r.Format.Cells[i].Code, cell.Text)
			}
		}
		if n != res.Cells {
			t.Fatalf("%d cells set, Result.Cells = %d", n, res.Cells)
		}
	})
}

// BenchmarkImport shows that import time grows at most linearly with the input: compare ns/op
// of x1, x8 and x64, for a real scrape and for pathological inputs (runs of empty cells, one
// huge line, thousands of pipes, a table run together over and over). Beyond the bounds of
// lines.go (lines, tokens, table line length) it stops growing.
func BenchmarkImport(b *testing.B) {
	seed, err := os.ReadFile("testdata/seed000.txt")
	if err != nil {
		b.Fatal(err)
	}
	inputs := map[string]func(k int) string{
		"seed": func(k int) string { return strings.Repeat(string(seed), k) },
		"blanks": func(k int) string {
			return "一、本年新收政府信息公开申请数量 |\n" + strings.Repeat("|\n\n", 4000*k) + "二、上年结转政府信息公开申请数量 |\n"
		},
		"longline": func(k int) string { return strings.Repeat("收到政府信息公开申请3件，", 4000*k) },
		"pipes":    func(k int) string { return strings.Repeat("规章 | 1 | | 2 |\n第二十条第（一）项\n", 2000*k) },
		// A table run together on one line, over and over: labels and digit runs to cut.
		"glued": func(k int) string {
			return strings.Repeat("规章000行政规范性文件15621一、本年新收政府信息公开申请数量640020470（一）予以公开212003026", 200*k)
		},
	}
	for _, name := range []string{"seed", "blanks", "longline", "pipes", "glued"} {
		for _, k := range []int{1, 8, 64} {
			in := inputs[name](k)
			b.Run(fmt.Sprintf("%s/x%d", name, k), func(b *testing.B) {
				b.SetBytes(int64(len(in)))
				for b.Loop() {
					Import(in)
				}
			})
		}
	}
}

// BenchmarkImportReport imports one real report in each text shape: the whole report on one
// line with its table run together (03), the readers' "|" convention of a saved page (01), and
// the real PDF as laid-out text and with "|" at its column gaps (12).
func BenchmarkImportReport(b *testing.B) {
	for _, tc := range []struct{ name, file string }{
		{"oneline", "03_pingtan_gonganju_2024.txt"},
		{"pipes", "01_pingtan_shenpiju_2023.pipes.txt"},
		{"pdf-layout", "12_huaian_city_gov_2024.layout.txt"},
		{"pdf-gaps", "12_huaian_city_gov_2024.gaps.txt"},
	} {
		data, err := os.ReadFile("testdata/corpus/" + tc.file)
		if err != nil {
			b.Fatal(err)
		}
		text := string(data)
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				Import(text)
			}
		})
	}
}
