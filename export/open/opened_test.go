package open

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/export/xlsx"
	"github.com/nianbao/nianbao/form"
)

// withoutTotals is the sample with every total cell blank: all the terms given.
func withoutTotals(t *testing.T) *form.Report {
	t.Helper()
	r := form.Sample(form.Latest)
	for _, d := range r.Format.Cells {
		if d.Derived {
			if err := r.Set(d.Code, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
	return r
}

// TestReadPrepares: every format read through the registry comes back prepared by form's
// rule (Prepare): totals a file left blank are computed where every term is a number, a
// total over a blank term stays blank, and totals that disagree with their terms are kept
// and said so — for drafts and workbooks alike.
func TestReadPrepares(t *testing.T) {
	dir := t.TempDir()
	full := form.Sample(form.Latest)
	partial := withoutTotals(t)
	_ = partial.Set("apply.1.natural", "") // a blank term: its totals stay blank
	wrong := form.Sample(form.Latest)
	_ = wrong.Set("apply.1.total", "999999") // typed, disagreeing with its row
	cases := []struct {
		name         string
		r            *form.Report
		typed        bool
		filled, kept []string // totals computed; totals left as the file has them
	}{
		{"totals blank", withoutTotals(t), false, []string{"apply.1.total", "apply.3.7.total", "apply.3.7.natural", "review.admin.total"}, nil},
		{"a term blank", partial, false, []string{"apply.2.total", "apply.3.7.total"}, []string{"apply.1.total"}},
		{"typed totals differ", wrong, true, nil, []string{"apply.1.total"}},
		{"complete", full, false, nil, nil},
	}
	for _, c := range cases {
		for _, ext := range []string{form.DraftExt, ".xlsx"} {
			t.Run(c.name+ext, func(t *testing.T) {
				path := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+ext)
				if ext == ".xlsx" {
					f, err := os.Create(path)
					if err != nil {
						t.Fatal(err)
					}
					if err := xlsx.Write(f, c.r); err != nil {
						t.Fatal(err)
					}
					f.Close()
				} else if err := form.SaveDraft(path, c.r); err != nil {
					t.Fatal(err)
				}
				o, err := Read(path)
				if err != nil {
					t.Fatal(err)
				}
				if o.Prepared.TypedTotals != c.typed || o.Report.TypedTotals != c.typed {
					t.Errorf("TypedTotals = %v, want %v (notes %q)", o.Prepared.TypedTotals, c.typed, o.Notes())
				}
				for _, code := range c.filled {
					got, _ := o.Report.Cell(code)
					want, _ := full.Cell(code)
					if !got.OK() || got.Value != want.Value || !slices.Contains(o.Prepared.Filled, code) {
						t.Errorf("%s = %q, want %q computed (filled %q)", code, got.Text, want.Text, o.Prepared.Filled)
					}
				}
				for _, code := range c.kept {
					got, _ := o.Report.Cell(code)
					want, _ := c.r.Cell(code)
					if got.Text != want.Text || slices.Contains(o.Prepared.Filled, code) {
						t.Errorf("%s = %q, want %q as the file has it", code, got.Text, want.Text)
					}
				}
				notes := strings.Join(o.Notes(), "\n")
				switch {
				case len(c.filled) > 0 && !strings.Contains(notes, "已按各项数字计算"):
					t.Errorf("no note of the computed totals: %q", notes)
				case c.typed && !strings.Contains(notes, "合计保留文件中的数字"):
					t.Errorf("no note of the kept totals: %q", notes)
				case c.name == "complete" && notes != "":
					t.Errorf("notes for a complete report: %q", notes)
				}
			})
		}
	}
}

// TestReadPublishedKeepsImport: a published report read through the registry keeps its
// import (issue: the registry dropped it): the summary and blank rows every front end shows.
func TestReadPublishedKeepsImport(t *testing.T) {
	path := filepath.Join("testdata", "published.txt")
	o, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ReadPublished(path)
	if err != nil {
		t.Fatal(err)
	}
	if o.Import == nil || o.Format != txtFormat {
		t.Fatalf("Import %v, format %v", o.Import, o.Format)
	}
	if want := res.Summary(); !slices.Equal(o.Summary(), want) || len(want) == 0 || !strings.HasPrefix(want[0], "来源：") {
		t.Errorf("summary %q, want %q", o.Summary(), want)
	}
	if !slices.Equal(o.Warnings, res.Warnings) {
		t.Errorf("warnings %q, want %q", o.Warnings, res.Warnings)
	}
	n := 0
	for _, b := range res.Blanks {
		n += len(b.Codes)
	}
	if len(o.Blanks()) != n {
		t.Errorf("%d blank cells, want %d", len(o.Blanks()), n)
	}
	if d, _ := Read(filepath.Join("testdata", "handmade.xlsx")); d.Import != nil || d.Summary() != nil || d.Blanks() != nil {
		t.Error("a workbook has an import summary")
	}
}

// TestNotesOneLine: notes come from files anyone can write: each is one line without control
// characters, and each is said once.
func TestNotesOneLine(t *testing.T) {
	o := &Opened{Warnings: []string{"a\x1b[31mb\nc", "a\x1b[31mb\nc", "\u0085d\t"}, Prepared: Prepared{Notes: []string{"e"}}}
	if got := o.Notes(); !slices.Equal(got, []string{"a[31mb c", "d", "e"}) {
		t.Errorf("Notes = %q", got)
	}
}
