package xlsx

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// The fixtures in testdata/ are workbooks as another office program saves them:
// NIANBAO_FIXTURES=DIR go test -run TestMakeFixtures writes the sources and their expected
// cells to DIR; each source was then opened and saved by LibreOffice
// (soffice --headless --convert-to xlsx --outdir OUT DIR/*.xlsx) and copied here.
//
//	lo-own-2021.xlsx       our export of a 2021 report with odd values, re-saved
//	lo-handmade-2019.xlsx  a hand-typed 2019 table (seed 000's figures), re-saved
func TestMakeFixtures(t *testing.T) {
	dir := os.Getenv("NIANBAO_FIXTURES")
	if dir == "" {
		t.Skip("set NIANBAO_FIXTURES=DIR to regenerate the fixture sources")
	}
	own := oddReport(form.Latest)
	own.Text.Problems = "存在的问题：一是……；二是……。"
	os.WriteFile(filepath.Join(dir, "lo-own-2021.xlsx"), writeBytes(t, own), 0o644)
	os.WriteFile(filepath.Join(dir, "lo-own-2021.cells"), cellsText(own), 0o644)
	seed := seedReport(t)
	data, _ := handMade(t, seed, handOpts{title: []string{"厦门市城市管理行政执法局2019年政府信息公开工作年度报告"}, merge: true, relabel: typist, shift: 1,
		values: map[string]string{"apply.1.research": "/", "apply.3.3.1.natural": "", "review.admin.upheld": "—"}})
	os.WriteFile(filepath.Join(dir, "lo-handmade-2019.xlsx"), data, 0o644)
}

// seedReport is seed 000 (a real 2019 report) from testdata/seed000.cells.
func seedReport(t testing.TB) *form.Report {
	r := form.New(format(t, "2019"), 2019, "厦门市城市管理行政执法局")
	for code, text := range readCells(t, "testdata/seed000.cells") {
		if err := r.Set(code, text); err != nil {
			t.Fatalf("seed %s=%s: %v", code, text, err)
		}
	}
	return r
}

func cellsText(r *form.Report) []byte {
	var b bytes.Buffer
	for i, d := range r.Format.Cells {
		if c := r.At(i); !c.Blank || c.Err != nil {
			fmt.Fprintf(&b, "%s=%s\n", d.Code, c.Text)
		}
	}
	return b.Bytes()
}

func readCells(t testing.TB, path string) map[string]string {
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			k, v, _ := strings.Cut(l, "=")
			out[k] = v
		}
	}
	return out
}

// TestReadResavedByLibreOffice: our workbook opened and saved by another office program
// still reads back exactly; a hand-typed table saved by it reads by its labels.
func TestReadResavedByLibreOffice(t *testing.T) {
	t.Run("own", func(t *testing.T) {
		r, ws, err := ReadFile("testdata/lo-own-2021.xlsx")
		if err != nil {
			t.Fatal(err)
		}
		if len(ws) > 0 {
			t.Errorf("warnings: %v", ws)
		}
		want := readCells(t, "testdata/lo-own-2021.cells")
		got := map[string]string{}
		for k, v := range readCellsBytes(cellsText(r)) {
			got[k] = v
		}
		if fmt.Sprint(sorted(got)) != fmt.Sprint(sorted(want)) {
			t.Errorf("cells differ:\n got %v\nwant %v", sorted(got), sorted(want))
		}
		if r.Text.Problems != "存在的问题：一是……；二是……。" || r.Meta.Agency != "示例县市场监督管理局" {
			t.Errorf("narrative or meta lost: %q %q", r.Text.Problems, r.Meta.Agency)
		}
	})
	t.Run("hand-made", func(t *testing.T) {
		r, ws, err := ReadFile("testdata/lo-handmade-2019.xlsx")
		if err != nil {
			t.Fatal(err)
		}
		seed := seedReport(t)
		if r.Format.ID != "2019" || r.Meta.Year != 2019 || r.Meta.Agency != seed.Meta.Agency {
			t.Errorf("read %s %d %q", r.Format.ID, r.Meta.Year, r.Meta.Agency)
		}
		warned := map[string]string{}
		for _, w := range ws {
			warned[w.Code] = w.Message
		}
		for code, words := range map[string]string{"apply.1.research": "「/」", "apply.3.3.1.natural": "空白", "review.admin.upheld": "「—」"} {
			if !strings.Contains(warned[code], words) {
				t.Errorf("%s: warning %q, want %q", code, warned[code], words)
			}
		}
		for i, d := range r.Format.Cells {
			g, w := r.At(i), seed.At(i)
			if _, noted := warned[d.Code]; noted && (g.Err != nil || g.Blank && w.Blank) {
				continue
			}
			if g.Value != w.Value || g.Blank != w.Blank || g.Err != nil {
				t.Errorf("%s = %q, want %q", d.Code, g.Text, w.Text)
			}
		}
	})
}

func readCellsBytes(b []byte) map[string]string {
	out := map[string]string{}
	for _, l := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok {
			out[k] = v
		}
	}
	return out
}

func sorted(m map[string]string) []string {
	var out []string
	for k, v := range m {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}
