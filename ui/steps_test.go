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

// checkStepRows measures each row of the step list: the row within the list, the lines of
// text within the row (beside the mark), the drawn text within its line.
func checkStepRows(t *testing.T, u *UI) {
	t.Helper()
	listW := u.nav.list.Size().Width
	rows := 0
	for _, o := range test.LaidOutObjects(u.nav.list) {
		c, ok := o.(*fyne.Container)
		if !ok || !c.Visible() {
			continue
		}
		icon, texts := stepRowParts(c)
		if icon == nil || texts == nil || c.Size().Width == 0 {
			continue
		}
		title, count := texts.Objects[0].(*widget.Label), texts.Objects[1].(*countLine)
		if title.Text == "三 依申请公开" && count.counts == (form.Counts{Errors: 99, Warnings: 99, Blanks: 999}) {
			continue // the list's template, not drawn
		}
		rows++
		rowW := c.Size().Width
		if rowW > listW+0.5 {
			t.Errorf("row %q is %.1f px wide in a list of %.1f", title.Text, rowW, listW)
		}
		end := texts.Position().X + texts.Size().Width
		if end > rowW+0.5 || texts.Position().X < icon.Position().X+icon.Size().Width {
			t.Errorf("row %q: its text runs from %.1f to %.1f, the mark ends at %.1f, the row at %.1f", title.Text,
				texts.Position().X, end, icon.Position().X+icon.Size().Width, rowW)
		}
		shown := count.shown()
		if !slices.Contains(countForms(count.counts), shown) {
			t.Errorf("row %q shows %q, not a whole form of %+v (%v)", title.Text, shown, count.counts, countForms(count.counts))
		}
		w := fyne.MeasureText(shown, count.text.TextSize, fyne.TextStyle{}).Width
		if count.Position().X+theme.InnerPadding()+w > texts.Size().Width+0.5 || count.Size().Width > texts.Size().Width+0.5 {
			t.Errorf("row %q: counts %q are %.1f px wide, past the row's text width %.1f", title.Text, shown, w, texts.Size().Width)
		}
		for _, n := range []int{count.counts.Errors, count.counts.Warnings, count.counts.Blanks} {
			if n > 0 && !strings.Contains(shown, fmt.Sprint(n)) {
				t.Errorf("row %q: counts %q lack %d", title.Text, shown, n)
			}
		}
		tw := fyne.MeasureText(title.Text, theme.TextSize(), fyne.TextStyle{}).Width
		if 2*theme.InnerPadding()+tw > title.Size().Width+0.5 {
			t.Errorf("step name %q (%.1f px) does not fit its line of %.1f px", title.Text, tw, title.Size().Width)
		}
		t.Logf("%s / %s", title.Text, shown)
	}
	if rows != len(steps) {
		t.Fatalf("measured %d step rows, want %d", rows, len(steps))
	}
}
