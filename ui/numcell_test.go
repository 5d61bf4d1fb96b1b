package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/nianbao/nianbao/form"
)

func key(c *numCell, k fyne.KeyName) { c.TypedKey(&fyne.KeyEvent{Name: k}) }

// A cell reached by Enter, Tab or an arrow key has its content selected: typing 9 into a
// cell showing 0 gives 9, as in Excel. F2 or a click edits in place; Esc undoes.
func TestCellReachedByKeyboardIsReplaced(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	a, b := tv.cell(t, "apply.1.natural"), tv.cell(t, "apply.1.commercial")
	typeInto(u, b, "0")
	typeInto(u, a, "5")
	key(a.entry, fyne.KeyRight) // arrow: the next cell of the row
	if u.win.Canvas().Focused() != b.entry || !b.entry.Selected() {
		t.Fatalf("→ focused %v (selected %v), want 商业企业 selected", u.win.Canvas().Focused(), b.entry.Selected())
	}
	b.entry.TypedRune('9')
	if c, _ := u.rep.Cell("apply.1.commercial"); c.Text != "9" {
		t.Errorf("typing 9 over a selected 0 gives %q, want 9", c.Text)
	}
	// Tab follows Fyne's focus order; arrival selects too.
	u.win.Canvas().Focus(a.entry)
	test.FocusNext(u.win.Canvas())
	if !b.entry.Selected() {
		t.Error("a cell reached by Tab is not selected")
	}
	b.entry.TypedRune('4')
	b.entry.TypedRune('2')
	if b.entry.Text != "42" {
		t.Errorf("typing 42 after Tab gives %q", b.entry.Text)
	}
	// Enter goes on in reading order and selects.
	key(b.entry, fyne.KeyReturn)
	next := tv.cell(t, "apply.1.research")
	if u.win.Canvas().Focused() != next.entry || !next.entry.Selected() {
		t.Errorf("Enter focused %v, want 科研机构 selected", u.win.Canvas().Focused())
	}
	// F2 edits at the end of the text; ←/→ then move the cursor, not the cell.
	u.win.Canvas().Focus(b.entry)
	key(b.entry, fyne.KeyF2)
	if !b.entry.Editing() || b.entry.Selected() {
		t.Fatal("F2 did not start editing in place")
	}
	key(b.entry, fyne.KeyLeft)
	b.entry.TypedRune('1')
	if b.entry.Text != "412" || u.win.Canvas().Focused() != b.entry {
		t.Errorf("F2, ←, 1 gives %q (focus %v), want 412 in the same cell", b.entry.Text, u.win.Canvas().Focused())
	}
	// Esc undoes the edit of this visit.
	key(b.entry, fyne.KeyEscape)
	if c, _ := u.rep.Cell("apply.1.commercial"); c.Text != "42" {
		t.Errorf("Esc left %q, want 42 back", c.Text)
	}
	// A click edits in place with the cursor where clicked (at the end, right of the text).
	test.TapAt(b.entry, fyne.NewPos(b.entry.Size().Width-2, 5))
	if !b.entry.Editing() || b.entry.Selected() {
		t.Fatal("a click did not start editing in place")
	}
	b.entry.TypedRune('0')
	if b.entry.Text != "420" {
		t.Errorf("click then 0 gives %q, want 420", b.entry.Text)
	}
	// Delete empties a selected cell; a blank is not a zero.
	u.win.Canvas().Focus(a.entry)
	key(a.entry, fyne.KeyDelete)
	if c, _ := u.rep.Cell("apply.1.natural"); !c.Blank {
		t.Errorf("Delete left %q", c.Text)
	}
	// Computed totals cannot be reached: → from the last item skips 总计.
	u.win.Canvas().Focus(tv.cell(t, "apply.1.other").entry)
	if key(tv.cell(t, "apply.1.other").entry, fyne.KeyRight); u.win.Canvas().Focused() != tv.cell(t, "apply.1.other").entry {
		t.Error("→ moved into a computed total")
	}
}

// Numbers are right-aligned, like Excel's.
func TestNumbersRightAligned(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	cv := tv.cell(t, "apply.1.natural")
	typeInto(u, cv, "12")
	u.win.Content().Refresh()
	r := test.WidgetRenderer(cv.entry).(*numCellRenderer)
	right := r.text.Position().X + r.text.Size().Width
	if gap := cv.entry.Size().Width - right; gap < 0 || gap > numCellPad+1 {
		t.Errorf("the text ends %.1f px from the right edge, want ≤ %d", gap, numCellPad)
	}
	if r.text.Position().X < cv.entry.Size().Width/2 {
		t.Errorf("a short number starts at x=%.0f of %.0f: not right-aligned", r.text.Position().X, cv.entry.Size().Width)
	}
	// A text too long for the cell shows its end, inside the cell.
	typeInto(u, cv, strings.Repeat("9", 40))
	u.win.Content().Refresh()
	if r.text.Position().X < 0 || !strings.HasPrefix(r.text.Text, "…") {
		t.Errorf("a long text is drawn from x=%.0f as %q", r.text.Position().X, r.text.Text)
	}
}

// Pasting a row whose total disagrees with its parts says so: the cell, the pasted value
// and the sum, and how many totals were recomputed.
func TestPasteReportsWrongTotal(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	start := tv.cell(t, "apply.1.natural")
	u.win.Canvas().Focus(start.entry)
	clip := test.NewClipboard()
	clip.SetContent("10\t10\t10\t5\t5\t0\t41\r\n2\t0\t0\t0\t0\t0\t2\r\n") // 40 ≠ 41; 2 = 2
	start.entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if c, _ := u.rep.Cell("apply.1.total"); c.Text != "40" {
		t.Errorf("总计 = %q, want the sum 40", c.Text)
	}
	total, _ := u.rep.Format.Cell("apply.1.total")
	for _, want := range []string{"已粘贴 12 个单元格", "改动 2 处", "有 1 处与分项之和不一致", total.Label() + "：粘贴 41，分项之和 40"} {
		if !strings.Contains(tv.msg.Text, want) {
			t.Errorf("paste message lacks %q:\n%s", want, tv.msg.Text)
		}
	}
	second, _ := u.rep.Format.Cell("apply.2.total")
	if strings.Contains(tv.msg.Text, second.Label()) {
		t.Errorf("a pasted total that agrees is listed:\n%s", tv.msg.Text)
	}
	// With typed totals the pasted total is kept, named, and the checks flag it.
	test.Tap(tv.manual)
	u.win.Canvas().Focus(start.entry)
	start.entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if c, _ := u.rep.Cell("apply.1.total"); c.Text != "41" {
		t.Errorf("typed total = %q, want the pasted 41", c.Text)
	}
	if !strings.Contains(tv.msg.Text, "粘贴 41，分项之和 40") || !strings.Contains(tv.msg.Text, "已按粘贴的数字保留") || !hasRule(u.problems, "H2") {
		t.Errorf("manual paste message %q, problems %v", tv.msg.Text, u.problems)
	}
	if _, blank, _ := form.Parse("", form.Count); !blank {
		t.Fatal("form.Parse of an empty text is not blank")
	}
}

// A computed total still waiting for its items shows the grey 「未填完」, unless last year's
// figure in the corner leaves no room for it (the two must never overlap).
func TestPendingTotalPlaceholderFits(t *testing.T) {
	newTestUI(t)
	c := newNumCell()
	c.PlaceHolder = pendingTotal
	c.Disable()
	c.Resize(fyne.NewSize(80, 24))
	r := test.WidgetRenderer(c).(*numCellRenderer)
	r.Refresh()
	if r.text.Text != pendingTotal {
		t.Errorf("placeholder %q, want %q", r.text.Text, pendingTotal)
	}
	c.Reserve = 60
	r.Refresh()
	if r.text.Text != "" {
		t.Errorf("placeholder %q drawn over the corner's figure", r.text.Text)
	}
	c.SetText("9")
	if r.text.Text != "9" {
		t.Errorf("a computed total shows %q", r.text.Text)
	}
}
