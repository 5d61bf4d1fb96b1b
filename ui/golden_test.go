package ui

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/nianbao/nianbao/form"
)

// Each step's page renders to the reviewed markup in testdata/golden: the sample report with
// one item of 三 that no longer adds up, in a 1024×700 window. Set NIANBAO_GOLDEN_PNG to a
// folder to get the same renders as PNG for review.
func TestStepPagesMarkup(t *testing.T) {
	for i, s := range steps {
		t.Run(s.Title, func(t *testing.T) {
			u := newTestUI(t)
			u.win.Resize(fyne.NewSize(1024, 700))
			r := form.Sample(form.Latest)
			r.Meta.Agency = "示例县市场监督管理局"
			u.setReport(r, "")
			_ = u.rep.Set("apply.3.3.4.natural", "3") // the items no longer add up
			u.rep.FillDerived()
			u.recheck()
			u.showStep(i)
			u.win.Content().Refresh()
			name := fmt.Sprintf("golden/step%d.xml", i)
			test.AssertRendersToMarkup(t, name, u.win.Canvas())
			if dir := os.Getenv("NIANBAO_GOLDEN_PNG"); dir != "" {
				f, err := os.Create(filepath.Join(dir, fmt.Sprintf("step%d.png", i)))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				if err := png.Encode(f, u.win.Canvas().Capture()); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// A table of a new report renders to reviewed markup too: every cell the clerk types framed
// 未填, each computed total showing the grey 「未填完」 unframed (its items are not numbers yet;
// B1 counts the items, not the totals), the step list counting what is blank.
func TestEmptyTablePageMarkup(t *testing.T) {
	u := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	u.newReport(form.Latest, 2025, "示例县市场监督管理局")
	u.rep.Meta.Date = "2026-01-20"
	u.recheck()
	u.showStep(4)
	u.win.Content().Refresh()
	test.AssertRendersToMarkup(t, "golden/step4-empty.xml", u.win.Canvas())
	if dir := os.Getenv("NIANBAO_GOLDEN_PNG"); dir != "" {
		f, err := os.Create(filepath.Join(dir, "step4-empty.png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, u.win.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
}
