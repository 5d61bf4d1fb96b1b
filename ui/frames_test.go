package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/nianbao/nianbao/form"
)

// A value in row 一 breaks H1 until the results are filled in, but the still empty cells of
// row 二 are not framed: only cells holding values and the identity's target (三（七）总计).
func TestBlankCellsOfIdentityNotFramed(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	typeInto(u, tv.cell(t, "apply.1.natural"), "12")
	if !hasRule(u.problems, "H1") {
		t.Fatalf("H1 not reported: %v", u.problems)
	}
	for _, c := range []struct {
		code   string
		framed bool
	}{
		{"apply.1.natural", true},   // holds the value
		{"apply.3.7.natural", true}, // the balance's target
		{"apply.2.natural", false},  // blank, not yet filled
		{"apply.4.natural", false},  // blank
		{"apply.2.total", false},    // blank computed total of a blank row
		{"apply.1.total", true},     // computed 12
		{"apply.3.7.total", true},   // target of the 总计 column's balance
	} {
		got := tv.cell(t, c.code).frame.StrokeColor == colorError
		if got != c.framed {
			t.Errorf("%s framed = %v, want %v", c.code, got, c.framed)
		}
	}
	// The blank cell still explains the problem when focused.
	u.win.Canvas().Focus(tv.cell(t, "apply.2.natural").entry)
	if msg := tv.msg.Text; !contains(msg, "第一项加第二项") {
		t.Errorf("message line of a blank cell in H1 = %q, want the problem", msg)
	}
	// A typed total that is blank is framed when its items are filled (it is the target).
	tv.manual.SetChecked(true)
	typeInto(u, tv.cell(t, "apply.1.total"), "")
	typeInto(u, tv.cell(t, "apply.1.commercial"), "1")
	if tv.cell(t, "apply.1.total").frame.StrokeColor != colorError {
		t.Error("a blank typed total whose items are filled is not framed")
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// A table page built after the problems were found (an opened file) shows their frames at
// once, and the note beside the switch says totals are typed.
func TestOpenedFileShowsFramesOnFirstView(t *testing.T) {
	u := newTestUI(t)
	r := form.New(form.Latest, 2025, "测试局")
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
