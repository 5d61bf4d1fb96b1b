package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// While the report is drafted, a cell still to be filled in is framed in the quiet 未填
// colour, not the red of a mistake, and the step counts it as 未填; once every cell of an
// identity is filled, a sum that does not hold is framed red.
func TestBlankCellsFramedAsToFill(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	typeInto(u, tv.cell(t, "apply.1.natural"), "12")
	if hasRule(u.problems, "H1") {
		t.Fatalf("an identity with blank cells is checked: %v", u.problems)
	}
	for _, c := range []struct {
		code  string
		color any
	}{
		{"apply.1.natural", colorNone},     // filled, in no problem yet
		{"apply.2.natural", colorUnfilled}, // blank: to be filled
		{"apply.4.legal", colorUnfilled},
	} {
		if got := tv.cell(t, c.code).frame.StrokeColor; got != c.color {
			t.Errorf("%s frame = %v, want %v", c.code, got, c.color)
		}
	}
	if got := countsText(u.stepCounts(3)); !strings.Contains(got, "未填") || strings.Contains(got, "错误") {
		t.Errorf("step 三 counts %q, want 未填 and no 错误", got)
	}
	if !strings.Contains(u.probs.summary.Text, "未填") {
		t.Errorf("summary %q does not count what is to be filled", u.probs.summary.Text)
	}
	// Every cell filled: the balance is checked and its cells framed red.
	zeros(u)
	typeInto(u, tv.cell(t, "apply.1.natural"), "12")
	if !hasRule(u.problems, "H1") {
		t.Fatalf("H1 not reported: %v", u.problems)
	}
	for _, code := range []string{"apply.1.natural", "apply.3.7.natural"} {
		if tv.cell(t, code).frame.StrokeColor != colorError {
			t.Errorf("%s is not framed red", code)
		}
	}
	// The focused cell explains the problem.
	u.win.Canvas().Focus(tv.cell(t, "apply.2.natural").entry)
	if msg := tv.msg.Text; !contains(msg, "第一项加第二项") {
		t.Errorf("message line = %q, want the problem", msg)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// A table page built after the problems were found (an opened file) shows their frames at
// once, and the note beside the switch says totals are typed.
func TestOpenedFileShowsFramesOnFirstView(t *testing.T) {
	u := newTestUI(t)
	r := zeroReport()
	_ = r.Set("apply.1.natural", "2")
	_ = r.Set("apply.1.total", "5")
	u.setReport(r, "")
	tv := u.table(t, 3)
	if c := tv.cell(t, "apply.1.total").frame.StrokeColor; c != colorError {
		t.Errorf("wrong total's frame on first view = %v, want the error colour", c)
	}
	if !strings.Contains(tv.modeNote.Text, "直接填写") {
		t.Errorf("note beside the switch in manual mode = %q", tv.modeNote.Text)
	}
	test.Tap(tv.manual)
	if !strings.Contains(tv.modeNote.Text, "自动计算") {
		t.Errorf("note beside the switch in automatic mode = %q", tv.modeNote.Text)
	}
}
