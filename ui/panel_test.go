package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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
	for _, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 1280, Height: 770}} { // 770: the real window's menu bar
		u.win.Resize(size)
		u.win.Content().Refresh()
		row := newProblemRow().MinSize().Height
		if rows := u.probList.Size().Height / (row + 1); rows < 6 {
			t.Errorf("%v: the panel list is %.0f px high, %.1f rows of %.0f px; want ≥ 6", size, u.probList.Size().Height, rows, row)
		}
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
