package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Tapping a grey computed total explains the switch next to the cell and in the message line.
func TestTapComputedTotalShowsHint(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	total := tv.cell(t, "apply.1.total")
	if !total.entry.Disabled() {
		t.Fatal("computed total is editable")
	}
	test.Tap(total.entry)
	if !strings.Contains(tv.msg.Text, "手动填写合计") || tv.msg.Importance != widget.WarningImportance {
		t.Errorf("message line after tapping a total = %q (importance %v)", tv.msg.Text, tv.msg.Importance)
	}
	// A new report's total waits for its items: the bubble says so, the line says how to type it.
	if !tv.bubble.Visible() || !strings.Contains(strings.Join(texts(tv.bubble), "|"), "填完本行各项后自动计算") {
		t.Fatal("no hint bubble next to the tapped total")
	}
	d := u.app.Driver()
	if got, cell := d.AbsolutePositionForObject(tv.bubble), d.AbsolutePositionForObject(total.entry); got.Y < cell.Y+total.entry.Size().Height-1 || got.Y > cell.Y+2*total.entry.Size().Height {
		t.Errorf("hint at y=%.0f is not just below the cell at y=%.0f", got.Y, cell.Y)
	}
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("the hint is a pop-up: it would swallow the next click")
	}
	// Going on to an editable cell hides it.
	test.Tap(tv.cell(t, "apply.1.natural").entry)
	u.win.Canvas().Focus(tv.cell(t, "apply.1.natural").entry)
	if tv.bubble.Visible() {
		t.Error("the hint stays after another cell is focused")
	}
	// The switch is above the table, not below it.
	sw := u.app.Driver().AbsolutePositionForObject(tv.manual)
	grid := u.app.Driver().AbsolutePositionForObject(tv.scroll)
	if tv.manual.Hidden || sw.Y >= grid.Y {
		t.Errorf("switch at y=%.0f (hidden %v), table at y=%.0f: want the switch above", sw.Y, tv.manual.Hidden, grid.Y)
	}
}

// Turning the switch off again recomputes typed totals and says which ones changed.
func TestSwitchOffRecomputesTypedTotals(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	zeros(u)
	test.Tap(tv.manual)
	if !u.manualTotals {
		t.Fatal("switch did not turn manual totals on")
	}
	typeInto(u, tv.cell(t, "apply.1.natural"), "2")
	typeInto(u, tv.cell(t, "apply.1.commercial"), "3")
	typeInto(u, tv.cell(t, "apply.1.total"), "9")
	test.Tap(tv.manual)
	if u.manualTotals {
		t.Fatal("switch did not turn manual totals off")
	}
	if got := tv.cell(t, "apply.1.total").entry.Text; got != "5" {
		t.Errorf("total shows %q after switching back, want 5", got)
	}
	if c, _ := u.rep.Cell("apply.1.total"); c.Text != "5" {
		t.Errorf("model total = %q, want 5", c.Text)
	}
	if hasRule(u.problems, "H2") {
		t.Error("H2 stays after recomputing")
	}
	for _, want := range []string{"重新计算", "由 9 改为 5"} {
		if !strings.Contains(tv.msg.Text, want) {
			t.Errorf("note %q lacks %q", tv.msg.Text, want)
		}
	}
	if !tv.cell(t, "apply.1.total").entry.Disabled() {
		t.Error("total still editable after switching back")
	}
	// Switching on and off with nothing to change says so instead.
	test.Tap(tv.manual)
	test.Tap(tv.manual)
	if !strings.Contains(tv.msg.Text, "未作改动") {
		t.Errorf("note with nothing changed = %q", tv.msg.Text)
	}
}

var _ fyne.Tappable = (*numCell)(nil)

// Whether a grey total waits for its items is form's rule (Report.PendingTotals): a blank
// total whose items are all numbers is missing, not pending, and its hint does not ask for
// the items.
func TestPendingTotalIsFormsRule(t *testing.T) {
	u := newTestUI(t)
	zeros(u)
	tv := u.table(t, 3)
	total := tv.cell(t, "apply.1.total")
	for _, c := range []struct {
		name    string
		item    string // text of one item of the total
		pending bool
	}{
		{"items all numbers", "0", false},
		{"an item blank", "", true},
	} {
		_ = u.rep.Set("apply.1.natural", c.item)
		_ = u.rep.Set("apply.1.total", "")
		u.recheck()
		want := u.rep.PendingTotals()[u.rep.Format.Index("apply.1.total")]
		if want != c.pending {
			t.Fatalf("%s: form says pending %v", c.name, want)
		}
		test.Tap(total.entry)
		asks := strings.Contains(tv.msg.Text, "填完本行各项后自动计算")
		if asks != c.pending {
			t.Errorf("%s: message line %q asks for the items: %v, want %v", c.name, tv.msg.Text, asks, c.pending)
		}
		tv.hideBubble()
	}
}
