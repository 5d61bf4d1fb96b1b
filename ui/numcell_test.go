package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/nianbao/nianbao/form"
)

func key(c *numCell, k fyne.KeyName) { c.TypedKey(&fyne.KeyEvent{Name: k}) }

// A cell reached by Enter, Tab or an arrow key has its content selected: typing 9 into a
// cell showing 0 gives 9, as in Excel. F2 edits in place; Esc undoes.
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
	// Enter goes down and selects.
	key(b.entry, fyne.KeyReturn)
	next := tv.cell(t, "apply.2.commercial")
	if u.win.Canvas().Focused() != next.entry || !next.entry.Selected() {
		t.Errorf("Enter focused %v, want 二、上年结转 · 商业企业 selected", u.win.Canvas().Focused())
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

// A click selects the cell's content as in Excel, so that typing replaces it (a cell showing
// 3, click, 5 gives 5, not 35 or 53); a double click or F2 edits in place with the cursor
// and nothing selected.
func TestClickSelectsDoubleClickEdits(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	a, b := tv.cell(t, "apply.1.natural"), tv.cell(t, "apply.1.commercial")
	typeInto(u, a, "3")
	typeInto(u, b, "7")
	end := fyne.NewPos(a.entry.Size().Width-2, 5)
	middle := fyne.NewPos(a.entry.Size().Width/2, 5)

	// A click from another cell, anywhere in the cell.
	test.TapAt(a.entry, middle)
	if u.win.Canvas().Focused() != a.entry || !a.entry.Selected() || a.entry.Editing() {
		t.Fatalf("after a click: focused %v, selected %v, editing %v; want selected", u.win.Canvas().Focused() == a.entry, a.entry.Selected(), a.entry.Editing())
	}
	a.entry.TypedRune('5')
	if c, _ := u.rep.Cell("apply.1.natural"); c.Text != "5" {
		t.Errorf("3, click, 5 gives %q, want 5", c.Text)
	}
	// A click on the cell already focused selects again (what was typed is kept).
	test.TapAt(a.entry, end)
	a.entry.TypedRune('6')
	if a.entry.Text != "6" {
		t.Errorf("a second click then 6 gives %q, want 6", a.entry.Text)
	}

	// The real mouse: the button going down selects at once (Fyne sends Tapped only after the
	// double-click delay); digits typed before Tapped arrives are not replaced by it.
	u.win.Canvas().Focus(b.entry)
	a.entry.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: middle}})
	if u.win.Canvas().Focused() != a.entry || !a.entry.Selected() {
		t.Fatal("the button going down did not focus and select the cell")
	}
	a.entry.TypedRune('4')
	a.entry.TypedRune('2')
	a.entry.MouseUp(&desktop.MouseEvent{})
	a.entry.Tapped(&fyne.PointEvent{Position: middle})
	a.entry.TypedRune('1')
	if a.entry.Text != "421" {
		t.Errorf("press, 4, 2, release, 1 gives %q, want 421", a.entry.Text)
	}

	// A double click edits in place: the cursor where clicked, nothing selected.
	typeInto(u, a, "3")
	a.entry.DoubleTapped(&fyne.PointEvent{Position: end})
	if !a.entry.Editing() || a.entry.Selected() {
		t.Fatalf("a double click: editing %v, selected %v; want editing in place", a.entry.Editing(), a.entry.Selected())
	}
	a.entry.TypedRune('5')
	if a.entry.Text != "35" {
		t.Errorf("3, double click at the end, 5 gives %q, want 35", a.entry.Text)
	}
	// Left of the text: the cursor goes to its start.
	typeInto(u, a, "3")
	a.entry.DoubleTapped(&fyne.PointEvent{Position: fyne.NewPos(2, 5)})
	a.entry.TypedRune('5')
	if a.entry.Text != "53" {
		t.Errorf("3, double click left of it, 5 gives %q, want 53", a.entry.Text)
	}
	// While editing in place a click moves the cursor and keeps editing.
	test.TapAt(a.entry, end)
	if !a.entry.Editing() {
		t.Error("a click while editing in place ended the edit")
	}
	a.entry.TypedRune('0')
	if a.entry.Text != "530" {
		t.Errorf("editing 53, click at the end, 0 gives %q, want 530", a.entry.Text)
	}
	// F2 from a selected cell: the cursor at the end, nothing selected.
	test.TapAt(b.entry, middle)
	key(b.entry, fyne.KeyF2)
	b.entry.TypedRune('1')
	if b.entry.Text != "71" {
		t.Errorf("7, click, F2, 1 gives %q, want 71", b.entry.Text)
	}
	// The selection is drawn: the highlight covers the text.
	test.TapAt(a.entry, middle)
	r := test.WidgetRenderer(a.entry).(*numCellRenderer)
	if !r.sel.Visible() || r.sel.Size().Width < r.text.Size().Width || r.caret.Visible() {
		t.Errorf("a clicked cell draws selection %v (%.0f wide, text %.0f), caret %v", r.sel.Visible(), r.sel.Size().Width, r.text.Size().Width, r.caret.Visible())
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
	for _, want := range []string{"已粘贴 12 个单元格：新填 12 格（原为空白）", "新算出 2 处", "有 1 处与分项之和不一致", total.Label() + "：粘贴 41，分项之和 40"} {
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
