package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/nianbao/nianbao/form"
)

// At 1280×800 the open problems list shows at least six whole problems, four at 1024×700;
// its summary line counts them and goes to 检查与导出; the arrow folds it to that one line.
func TestProblemsPanelRowsAndSummary(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	for _, c := range []string{"natural", "commercial", "research", "nonprofit", "legal", "other"} {
		typeInto(u, tv.cell(t, "apply.1."+c), "x"+c) // one error per cell
	}
	if len(u.problems) < 6 {
		t.Fatalf("want at least 6 problems, have %d", len(u.problems))
	}
	for _, c := range []struct {
		w, h float32
		rows float32
	}{{1280, 800, 6}, {1024, 700, 4}} {
		u.win.Resize(fyne.NewSize(c.w, c.h))
		u.win.Content().Refresh()
		row := newProblemRow().MinSize().Height
		if rows := u.probs.list.Size().Height / (row + 1); rows < c.rows {
			t.Errorf("%v×%v: the list is %.0f px high, %.1f rows of %.0f px; want ≥ %v", c.w, c.h, u.probs.list.Size().Height, rows, row, c.rows)
		}
		if tv.scroll.Size().Height < 150 {
			t.Errorf("%v×%v: the numbers of 三 have only %.0f px", c.w, c.h, tv.scroll.Size().Height)
		}
	}
	if !strings.Contains(u.probs.summary.Text, "错误 6 个") {
		t.Errorf("summary %q does not count the errors", u.probs.summary.Text)
	}
	// Folding leaves the summary line and gives the table the height.
	open := tv.scroll.Size().Height
	test.Tap(u.probs.toggle)
	u.win.Content().Refresh()
	if u.probs.expanded() || u.probs.listBox.Visible() {
		t.Fatal("the arrow did not fold the list")
	}
	if got := tv.scroll.Size().Height; got <= open+50 {
		t.Errorf("folding gave the table %.0f px, had %.0f", got, open)
	}
	if !strings.Contains(u.probs.summary.Text, "已收起") {
		t.Errorf("folded summary %q", u.probs.summary.Text)
	}
	test.Tap(u.probs.toggle)
	if !u.probs.expanded() {
		t.Error("the arrow did not open the list again")
	}
	test.Tap(u.probs.summary)
	if u.current != len(steps)-1 {
		t.Errorf("summary tap went to step %d, want 检查与导出", u.current)
	}
}

// With nothing to report the panel is one line, and its arrow is gone.
func TestProblemsPanelCollapsesWhenEmpty(t *testing.T) {
	u := newTestUI(t)
	u.setReport(form.Sample(form.Latest), "")
	if len(u.problems) != 0 {
		t.Skipf("the sample has problems: %v", u.problems)
	}
	u.win.Content().Refresh()
	if u.probs.listBox.Visible() || u.probs.toggle.Visible() {
		t.Error("an empty problems list still takes room")
	}
	if !strings.Contains(u.probs.summary.Text, "未发现问题") {
		t.Errorf("summary %q", u.probs.summary.Text)
	}
	if h := u.probs.root.Size().Height; h > 50 {
		t.Errorf("the empty panel is %.0f px high, want one line", h)
	}
}

// A long problem is cut with an ellipsis to the row's width.
func TestFitText(t *testing.T) {
	newTestUI(t)
	long := strings.Repeat("第三部分总计列应相等", 20)
	for _, w := range []float32{80, 300, 5000} {
		got := fitText(long, 14, w)
		if fyne.MeasureText(got, 14, fyne.TextStyle{}).Width > w {
			t.Errorf("fitText(%v) = %q is wider than %v", w, got, w)
		}
		if w < 5000 && !strings.HasSuffix(got, "…") {
			t.Errorf("fitText(%v) = %q lacks the ellipsis", w, got)
		}
	}
	if got := fitText(long, 14, 5000); got != long {
		t.Errorf("a text that fits is cut: %q", got)
	}
}

// The last-year note shares the switch's line above the table instead of taking a line of
// its own below it.
func TestLastYearNoteBesideSwitch(t *testing.T) {
	u := newTestUI(t)
	last := form.New(form.Latest, 2024, "测试局")
	_ = last.Set("apply.4.natural", "7")
	u.last = last
	tv := u.table(t, 3)
	tv.showLast()
	u.win.Content().Refresh()
	d := u.app.Driver()
	note, sw, grid := d.AbsolutePositionForObject(tv.last), d.AbsolutePositionForObject(tv.manual), d.AbsolutePositionForObject(tv.scroll)
	if tv.last.Hidden || note.Y >= grid.Y || note.X <= sw.X {
		t.Errorf("note at %v (hidden %v), switch at %v, table at %v: want the note right of the switch, above the table", note, tv.last.Hidden, sw, grid)
	}
}

// The status line at the foot shows a background message whole when the summary leaves room
// for it (it had shrunk to "…" beside the summary).
func TestStatusLineShownWhole(t *testing.T) {
	u := newTestUI(t)
	u.setReport(form.Sample(form.Latest), "")
	u.status.note("已导出 PDF：示例县市场监督管理局2025年政府信息公开工作年度报告.pdf")
	u.win.Content().Refresh()
	l := u.status.label
	need := fyne.MeasureText(l.Text, theme.CaptionTextSize(), fyne.TextStyle{}).Width
	if got := l.Size().Width; got < need {
		t.Errorf("status line %.0f wide for a message of %.0f", got, need)
	}
	sum := u.probs.summary
	if sum.Position().X+sum.Size().Width > l.Position().X {
		t.Error("the status line overlaps the summary")
	}
}

// A problem too long for one line of the panel is shown whole on two (at 1024×700 a W4
// message does not fit in one), not cut with "…"; a short one keeps one line.
func TestProblemsPanelShowsWholeMessages(t *testing.T) {
	u := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	u.table(t, 3)
	long := form.Problem{Severity: form.Warning, Rule: "W4", Section: 3,
		Message: "第三部分正文写“本年度共收到政府信息公开申请 128 件”，表格三“一、本年新收政府信息公开申请数量 · 总计”为 0：正文与表格不一致，请核对"}
	short := form.Problem{Severity: form.Error, Rule: "H5", Section: 3, Message: "格式不对"}
	u.probs.set([]form.Problem{long, short})
	u.win.Content().Refresh()
	var rows []*problemRow
	for _, o := range test.LaidOutObjects(u.probs.list) {
		if r, ok := o.(*problemRow); ok && r.Visible() && r.full != "" {
			rows = append(rows, r)
		}
	}
	if len(rows) < 2 {
		t.Fatalf("%d rows shown", len(rows))
	}
	for _, r := range rows {
		shown := r.text.Text + r.text2.Text
		if shown != r.full {
			t.Errorf("row shows %q, want the whole %q", shown, r.full)
		}
		if r.text2.Text != "" && r.Size().Height < 2*r.text.MinSize().Height {
			t.Errorf("a two-line row is %.0f px high", r.Size().Height)
		}
		for _, tx := range []*canvas.Text{r.text, r.text2} {
			if w := tx.MinSize().Width; w > rowTextWidth(r.Size().Width)+1 {
				t.Errorf("line %q is %.0f px wide, the row has %.0f", tx.Text, w, rowTextWidth(r.Size().Width))
			}
		}
	}
	if rows[0].text2.Text == "" || rows[1].text2.Text != "" {
		t.Errorf("lines: long %q/%q, short %q/%q", rows[0].text.Text, rows[0].text2.Text, rows[1].text.Text, rows[1].text2.Text)
	}
}
