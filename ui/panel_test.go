package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/nianbao/nianbao/form"
)

// At 1280×800 the problems panel shows at least six whole problems, says it can be dragged,
// and its header goes to 检查与导出.
func TestProblemsPanelShowsSixAndHeaderJumps(t *testing.T) {
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
		// The offset is chosen for the window's height when the window is built; the real
		// window's menu bar takes about 30 px of it.
		u.win.Resize(fyne.NewSize(c.w, c.h-30))
		u.split.Offset = problemsOffset(c.h)
		u.win.Content().Refresh()
		row := newProblemRow().MinSize().Height
		if rows := u.probList.Size().Height / (row + 1); rows < c.rows {
			t.Errorf("%v×%v: the panel list is %.0f px high, %.1f rows of %.0f px; want ≥ %v", c.w, c.h, u.probList.Size().Height, rows, row, c.rows)
		}
		if tv.scroll.Size().Height < 250 {
			t.Errorf("%v×%v: the 三 table has only %.0f px", c.w, c.h, tv.scroll.Size().Height)
		}
	}
	if o := problemsOffset(800); u.split.Offset == 0 || o < 0.5 || o > 0.85 {
		t.Errorf("problemsOffset(800) = %v", o)
	}
	if !strings.Contains(strings.Join(texts(u.probPanel), "|"), "拖动") {
		t.Error("the panel does not say it can be dragged")
	}
	if !strings.Contains(u.probTitle.Text, "错误 6 个") {
		t.Errorf("header %q does not count the errors", u.probTitle.Text)
	}
	test.Tap(u.probTitle)
	if u.current != len(steps)-1 {
		t.Errorf("header tap went to step %d, want 检查与导出", u.current)
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
