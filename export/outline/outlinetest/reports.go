// Package outlinetest provides what the document exporters' tests share: the reports they
// print (the sample of each format, an empty report, a long one) and what a printed report
// must show (its texts, its tables' cells).
package outlinetest

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/export/outline"
	"github.com/nianbao/nianbao/form"
)

// Case is a named report.
type Case struct {
	// Name is a file-name-safe name: "sample-2021", "empty", "long".
	Name string
	// Report is the report.
	Report *form.Report
}

// Reports returns the sample report of every format, an empty report (no agency, no
// narrative, every cell blank) and a long report (see Long).
func Reports() []Case {
	var out []Case
	for _, f := range form.Formats {
		out = append(out, Case{"sample-" + f.ID, form.Sample(f)})
	}
	return append(out, Case{"empty", form.New(form.Latest, 2025, "")}, Case{"long", Long(form.Latest)})
}

// Long returns the sample of format f with a long agency name, every narrative section
// several paragraphs long (one of them with the part's heading typed by the user) and a
// closing paragraph: a report of many pages whose title breaks over lines.
func Long(f *form.Format) *form.Report {
	r := form.Sample(f)
	r.Meta.Agency = "示例省示例市示例县人民政府办公室（示例县人民政府外事办公室）"
	more := func(s string, n int) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = s
		}
		return strings.Join(parts, "\n")
	}
	r.Text.Opening = more(r.Text.Opening, 2)
	r.Text.Overview = more(r.Text.Overview, 4)
	for i := range r.Text.Parts {
		r.Text.Parts[i] = more(r.Text.Parts[i], 3)
	}
	r.Text.Parts[1] = f.Sections[0].Parts[1] + "\n" + r.Text.Parts[1]
	r.Text.Problems = more(r.Text.Problems, 5)
	r.Text.Other = "本年度无其他需要报告的事项。\n" + form.FeeNone
	r.Text.Closing = "特此报告。"
	return r
}

// Texts are the texts a printed report shows outside its tables, in reading order: the
// title (its lines joined), every heading and paragraph, the 落款's lines.
func Texts(r *form.Report) []string {
	var out []string
	for _, b := range outline.Blocks(r) {
		switch b.Kind {
		case outline.Table:
		case outline.Title:
			out = append(out, strings.Join(b.Lines, ""))
		case outline.Signature:
			for _, l := range b.Lines {
				if l != "" {
					out = append(out, l)
				}
			}
		default:
			out = append(out, b.Text)
		}
	}
	return out
}

// Rect is a cell of a printed table: the grid rectangle it covers and its text.
type Rect struct {
	Row, Col, RowSpan, ColSpan int
	Text                       string
}

// LayoutRects are the cells table tb of report r must print: the official spans with
// their labels and values, sorted by row and column.
func LayoutRects(r *form.Report, tb *form.Table) []Rect {
	var out []Rect
	for _, c := range outline.NewGrid(r, tb).Cells {
		out = append(out, Rect{c.Row, c.Col, c.RowSpan, c.ColSpan, c.Text})
	}
	return SortRects(out)
}

// SortRects returns the cells sorted by row, then column.
func SortRects(rs []Rect) []Rect {
	out := append([]Rect(nil), rs...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Row != out[j].Row {
			return out[i].Row < out[j].Row
		}
		return out[i].Col < out[j].Col
	})
	return out
}

// Golden returns the golden file at path to compare data with; with update set it writes
// data there instead and returns nil. Golden files are looked at (rendered) before they are
// committed.
func Golden(t testing.TB, path string, data []byte, update bool) []byte {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return nil
	}
	golden, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	return golden
}
