package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/form"
)

// Every step row shows its name and all of its counts whole at 1024×700 and 1366×768: the
// text drawn, measured with fyne.MeasureText, fits the row it is in, and it is one of the
// complete forms of the counts (never cut with "…"). The states: a new report (hundreds of
// 未填), the sample with errors, and errors, warnings and blanks in the same steps.
func TestStepRowsShowCountsWhole(t *testing.T) {
	states := []struct {
		name string
		set  func(u *UI)
	}{
		{"new report", func(u *UI) {}},
		{"sample with errors", func(u *UI) {
			u.setReport(form.Sample(form.Latest), "")
			_ = u.rep.Set("apply.3.3.4.natural", "3")
			u.rep.FillDerived()
		}},
		{"errors, warnings and blanks", func(u *UI) {
			for _, code := range []string{"apply.1.natural", "apply.1.commercial", "apply.2.natural", "apply.3.1.natural",
				"apply.3.2.natural", "apply.3.3.1.natural", "apply.3.3.2.natural", "apply.3.3.3.natural",
				"apply.3.4.1.natural", "apply.3.5.1.natural", "apply.3.6.1.natural", "apply.4.natural"} {
				_ = u.rep.Set(code, "x")
			}
			_ = u.rep.Set("review.admin.upheld", "-1")
			u.rep.Meta.Date = "明年"
			u.rep.Text.Opening = "依据《中华人民共和国政府信息公开条例》（国务院令第492号）编制本报告。"
		}},
	}
	for _, size := range []fyne.Size{{Width: 1024, Height: 700}, {Width: 1366, Height: 768}} {
		for _, st := range states {
			t.Run(fmt.Sprintf("%s %.0fx%.0f", st.name, size.Width, size.Height), func(t *testing.T) {
				u := newTestUI(t)
				u.win.Resize(size)
				st.set(u)
				u.recheck()
				for _, v := range u.views {
					if v != nil {
						v.reload()
					}
				}
				u.showStep(3)
				u.win.Content().Refresh()
				checkStepRows(t, u)
			})
		}
	}
}

func checkStepRows(t *testing.T, u *UI) {
	t.Helper()
	d := u.app.Driver()
	listRight := d.AbsolutePositionForObject(u.nav.list).X + u.nav.list.Size().Width
	seen := map[string]bool{}
	for _, o := range test.LaidOutObjects(u.nav.list) {
		l, ok := o.(*countLine)
		if !ok || !l.Visible() || l.Size().Width == 0 {
			continue
		}
		shown := l.shown()
		if !slices.Contains(countForms(l.counts), shown) {
			t.Errorf("row shows %q, not a whole form of %+v (%v)", shown, l.counts, countForms(l.counts))
		}
		w := fyne.MeasureText(shown, l.text.TextSize, fyne.TextStyle{}).Width
		x := d.AbsolutePositionForObject(l).X
		right := min(x+l.Size().Width, listRight-theme.ScrollBarSize())
		if x+theme.InnerPadding()+w > right+0.5 {
			t.Errorf("counts %q are %.1f px wide from x=%.1f: past the row's end at %.1f", shown, w, x+theme.InnerPadding(), right)
		}
		for _, n := range []int{l.counts.Errors, l.counts.Warnings, l.counts.Blanks} {
			if n > 0 && !strings.Contains(shown, fmt.Sprint(n)) {
				t.Errorf("counts %q lack %d", shown, n)
			}
		}
		seen[shown] = true
	}
	if len(seen) < 2 {
		t.Fatalf("found the counts of %d step rows, want the list's rows", len(seen))
	}
	for _, o := range test.LaidOutObjects(u.nav.list) {
		l, ok := o.(*widget.Label)
		if !ok || l.Text == "" {
			continue
		}
		w := fyne.MeasureText(l.Text, theme.TextSize(), fyne.TextStyle{}).Width
		x := d.AbsolutePositionForObject(l).X
		if x+2*theme.InnerPadding()+w > min(x+l.Size().Width, listRight)+0.5 {
			t.Errorf("step name %q (%.1f px) does not fit its row of %.1f px", l.Text, w, l.Size().Width)
		}
	}
}

