package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/nianbao/nianbao/form"
)

// holdShift makes the cells see a Shift key held down until release is called.
func holdShift() (release func()) {
	was := shiftHeld
	shiftHeld = func() bool { return true }
	return func() { shiftHeld = was }
}

// Enter moves down as in Excel, Shift+Enter up; Tab moves right in reading order. Enter at
// the foot of a column, or in the one-row table of 四, goes on to the next cell.
func TestEnterMovesDownTabRight(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	focused := func() fyne.Focusable { return u.win.Canvas().Focused() }
	typeInto(u, tv.cell(t, "apply.1.commercial"), "1")
	key(tv.cell(t, "apply.1.commercial").entry, fyne.KeyReturn)
	if want := tv.cell(t, "apply.2.commercial").entry; focused() != want || !want.Selected() {
		t.Errorf("Enter focused %v, want 二、上年结转 · 商业企业 below, selected", name(u, focused()))
	}
	key(tv.cell(t, "apply.2.commercial").entry, fyne.KeyEnter) // the keypad's Enter
	if focused() != tv.cell(t, "apply.3.1.commercial").entry {
		t.Errorf("keypad Enter focused %v, want （一）予以公开 · 商业企业", name(u, focused()))
	}
	key(tv.cell(t, "apply.3.1.commercial").entry, fyne.KeyDown)
	if focused() != tv.cell(t, "apply.3.2.commercial").entry {
		t.Errorf("Down focused %v, want （二）部分公开 · 商业企业", name(u, focused()))
	}
	release := holdShift()
	key(tv.cell(t, "apply.3.2.commercial").entry, fyne.KeyReturn)
	release()
	if focused() != tv.cell(t, "apply.3.1.commercial").entry {
		t.Errorf("Shift+Enter focused %v, want （一）予以公开 · 商业企业 above", name(u, focused()))
	}
	// Enter never lands on a computed total: 总计 rows and columns are skipped going down.
	u.win.Canvas().Focus(tv.cell(t, "apply.3.6.3.commercial").entry)
	key(tv.cell(t, "apply.3.6.3.commercial").entry, fyne.KeyReturn)
	if focused() != tv.cell(t, "apply.4.commercial").entry {
		t.Errorf("Enter from （六） focused %v, want 四、结转下年度 (（七）总计 is computed)", name(u, focused()))
	}
	// Tab: the next cell to the right; from the last input of a row the next row.
	u.win.Canvas().Focus(tv.cell(t, "apply.3.1.natural").entry)
	test.FocusNext(u.win.Canvas())
	if focused() != tv.cell(t, "apply.3.1.commercial").entry {
		t.Errorf("Tab focused %v, want 商业企业", name(u, focused()))
	}
	u.win.Canvas().Focus(tv.cell(t, "apply.1.other").entry)
	test.FocusNext(u.win.Canvas())
	if focused() != tv.cell(t, "apply.2.natural").entry {
		t.Errorf("Tab from the last input of a row focused %v, want the next row (computed 总计 skipped)", name(u, focused()))
	}
	// The last row of a column: Enter goes on to the next cell, never nowhere.
	u.win.Canvas().Focus(tv.cell(t, "apply.4.natural").entry)
	key(tv.cell(t, "apply.4.natural").entry, fyne.KeyReturn)
	if focused() != tv.cell(t, "apply.4.commercial").entry {
		t.Errorf("Enter in the last row focused %v, want the next cell of the row", name(u, focused()))
	}
	// 四 has one row: Enter moves along it.
	rv := u.table(t, 4)
	u.win.Canvas().Focus(rv.cell(t, "review.admin.upheld").entry)
	key(rv.cell(t, "review.admin.upheld").entry, fyne.KeyReturn)
	if focused() != rv.cell(t, "review.admin.corrected").entry {
		t.Errorf("Enter in 四 focused %v, want 结果纠正", name(u, focused()))
	}
	// In 二 a merged cell is below each column it spans: 行政许可 is below 现行有效件数.
	av := u.table(t, 2)
	from := av.cell(t, "active.normative.effective")
	u.win.Canvas().Focus(from.entry)
	key(from.entry, fyne.KeyDown)
	if focused() != av.cell(t, "active.license.decisions").entry {
		t.Errorf("Down from 现行有效件数 focused %v, want 行政许可 below", name(u, focused()))
	}
}

// shownText is what a number cell draws (its text, or its grey placeholder).
func shownText(c *numCell) string {
	r := test.WidgetRenderer(c).(*numCellRenderer)
	r.Refresh()
	return r.text.Text
}

// With one typeable cell blank, exactly the totals that depend on it show 「未填完」; every
// problem of the panel, in drafting and in the final check, goes to a cell the clerk can type
// into (never to a computed total); a pending total says, when clicked or pointed at, that
// it is computed once its row's (or column's) items are filled.
func TestPendingTotalsAndProblemsGoToTypeableCells(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	zeros(u)
	const blank = "apply.3.3.4.natural"
	_ = u.rep.Set(blank, "")
	u.rep.FillDerived()
	tv.reload()
	u.recheck()
	pending := map[string]bool{"apply.3.3.4.total": true, "apply.3.7.natural": true, "apply.3.7.total": true}
	for _, cv := range tv.cells {
		if !cv.def.Derived {
			continue
		}
		got := shownText(cv.entry)
		if pending[cv.code] && got != pendingTotal || !pending[cv.code] && got != "0" {
			t.Errorf("%s shows %q", cv.code, got)
		}
	}
	// The problems panel: every problem naming cells of 三 focuses a typeable cell.
	check := func(mode string, ps []form.Problem) {
		t.Helper()
		n := 0
		for _, p := range ps {
			if p.Section != 3 || len(p.Cells) == 0 {
				continue
			}
			n++
			u.showStep(0)
			u.gotoProblem(p)
			f, ok := u.win.Canvas().Focused().(*numCell)
			if !ok || f.Disabled() {
				t.Errorf("%s: [%s %s] %s focused %v, want a cell to type into", mode, p.Severity, p.Rule, p.Message, u.win.Canvas().Focused())
				continue
			}
			if p.Blank && f != tv.cell(t, blank).entry {
				t.Errorf("%s: [%s %s] focused %s, want the blank %s", mode, p.Severity, p.Rule, name(u, f), blank)
			}
		}
		if n == 0 {
			t.Errorf("%s: no problem of 三 to go to: %v", mode, ps)
		}
	}
	check("drafting", u.problems)
	check("final", form.CheckFinal(u.rep, nil))
	// A problem naming only a pending total (as the final check's H5 does) goes to its blank item.
	for _, code := range []string{"apply.3.7.total", "apply.3.7.natural", "apply.3.3.4.total"} {
		u.win.Canvas().Focus(tv.cell(t, "apply.1.natural").entry)
		u.gotoProblem(form.Problem{Rule: "H5", Section: 3, Cells: []string{code}, Blank: true})
		if f := u.win.Canvas().Focused(); f != tv.cell(t, blank).entry {
			t.Errorf("a problem of %s focused %s, want its blank item %s", code, name(u, f), blank)
		}
	}
	// Via the panel itself.
	for i, p := range u.probs.items {
		if p.Rule == "B1" && p.Section == 3 {
			u.win.Canvas().Focus(tv.cell(t, "apply.1.natural").entry)
			u.probs.list.Select(i)
			if f := u.win.Canvas().Focused(); f != tv.cell(t, blank).entry {
				t.Errorf("the panel's B1 focused %s, want %s", name(u, f), blank)
			}
		}
	}
	// Clicking a pending total explains it.
	for code, want := range map[string]string{"apply.3.3.4.total": "填完本行各项后自动计算", "apply.3.7.natural": "填完本列各项后自动计算"} {
		test.Tap(tv.cell(t, code).entry)
		if !strings.Contains(tv.msg.Text, want) {
			t.Errorf("clicking %s: message %q lacks %q", code, tv.msg.Text, want)
		}
		if !tv.bubble.Visible() || !strings.Contains(tv.bubbleText.Text, want) {
			t.Errorf("clicking %s: bubble %v %q lacks %q", code, tv.bubble.Visible(), tv.bubbleText.Text, want)
		}
	}
	// A computed total that is not pending does not say so.
	test.Tap(tv.cell(t, "apply.1.total").entry)
	if strings.Contains(tv.msg.Text, "填完本") || strings.Contains(tv.bubbleText.Text, "填完本") {
		t.Errorf("a computed total says it is pending: %q / %q", tv.msg.Text, tv.bubbleText.Text)
	}
	if !strings.Contains(tv.bubbleText.Text, "请勾选「手动填写合计」") {
		t.Errorf("a computed total's bubble %q does not say how to type totals", tv.bubbleText.Text)
	}
	// The bubble stays in the part of the numbers in view: a total near the bottom of the view
	// gets it above itself.
	low := tv.cell(t, "apply.4.total")
	tv.reveal(low)
	test.Tap(low.entry)
	b, view := tv.bubble.Position(), tv.scroll.Size()
	if b.Y+tv.bubble.Size().Height > tv.scroll.Offset.Y+view.Height+0.5 || b.X+tv.bubble.Size().Width > tv.scroll.Offset.X+view.Width+0.5 {
		t.Errorf("bubble at %v (%v) outside the view %v at offset %v", b, tv.bubble.Size(), view, tv.scroll.Offset)
	}
	// Pointing at a pending total shows the hint like a tooltip; leaving it hides it.
	u.win.Canvas().Focus(tv.cell(t, "apply.1.natural").entry)
	total := tv.cell(t, "apply.3.3.4.total").entry
	total.MouseIn(&desktop.MouseEvent{})
	if !tv.bubble.Visible() || !strings.Contains(tv.bubbleText.Text, "填完本行各项后自动计算") {
		t.Errorf("pointing at a pending total: bubble %v %q", tv.bubble.Visible(), tv.bubbleText.Text)
	}
	total.MouseOut()
	if tv.bubble.Visible() {
		t.Error("the pointer's hint stays after the pointer left")
	}
}

// name is the code of the cell f, for messages.
func name(u *UI, f fyne.Focusable) string {
	for _, v := range u.views {
		if tv, ok := v.(*tableView); ok {
			for _, cv := range tv.cells {
				if cv.entry == f {
					return cv.code
				}
			}
		}
	}
	return fmt.Sprintf("%T", f)
}

// pressTab is what the desktop driver does with Tab: the focused widget gets it when it
// accepts Tab (fyne.Tabbable), else the focus moves on.
func pressTab(u *UI) {
	c := u.win.Canvas()
	if tb, ok := c.Focused().(fyne.Tabbable); ok && tb.AcceptsTab() {
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		return
	}
	c.FocusNext()
}

// Tab from the last cell of a table goes round to its first cell, not to the 手动填写合计
// switch (where a stray Space would flip how totals are filled); Tab elsewhere moves right.
func TestTabFromLastCellGoesToFirst(t *testing.T) {
	for _, section := range []int{2, 3, 4} {
		u := newTestUI(t)
		tv := u.table(t, section)
		var first, second, last *cellView
		for _, cv := range tv.cells {
			if cv.entry.Disabled() {
				continue
			}
			switch {
			case first == nil:
				first = cv
			case second == nil:
				second = cv
			}
			last = cv
		}
		u.win.Canvas().Focus(first.entry)
		pressTab(u)
		if got := u.win.Canvas().Focused(); got != fyne.Focusable(second.entry) {
			t.Errorf("section %d: Tab from the first cell focused %T, want the next cell", section, got)
		}
		u.win.Canvas().Focus(last.entry)
		pressTab(u)
		if got := u.win.Canvas().Focused(); got != fyne.Focusable(first.entry) {
			t.Errorf("section %d: Tab from the last cell focused %T, want the first cell", section, got)
		}
		if tv.manual.Checked != u.manualTotals || u.manualTotals {
			t.Errorf("section %d: totals switched to typed", section)
		}
	}
}

// The message line of a table before a cell is focused is the hint, on one line at 1024×700
// (the numbers keep the height), and names Ctrl+Z (编辑 › 撤销).
func TestTableHintOneLine(t *testing.T) {
	u := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	for _, section := range []int{2, 3, 4} {
		tv := u.table(t, section)
		u.win.Content().Refresh()
		if tv.msg.Text != tableHint || !strings.Contains(tableHint, "Ctrl+Z 撤销") {
			t.Fatalf("section %d: hint %q", section, tv.msg.Text)
		}
		var lines []string
		for _, o := range test.LaidOutObjects(tv.msg) {
			if tx, ok := o.(*canvas.Text); ok && tx.Text != "" {
				lines = append(lines, tx.Text)
			}
		}
		if len(lines) != 1 {
			t.Errorf("section %d: the hint takes %d lines at 1024×700: %q", section, len(lines), lines)
		}
	}
}

// 编辑 › 撤销 (Ctrl+Z) undoes the last cell edit and says so; with nothing to undo it says
// that, and changes nothing. 文件 has one entry for the recent files.
func TestEditUndoMenu(t *testing.T) {
	u := newTestUI(t)
	var it *fyne.MenuItem
	for _, menu := range u.win.MainMenu().Items {
		for _, i := range menu.Items {
			if menu.Label == "编辑" && i.Label == "撤销" {
				it = i
			}
		}
	}
	if it == nil {
		t.Fatal("no 编辑 › 撤销")
	}
	if cs, ok := it.Shortcut.(*desktop.CustomShortcut); !ok || cs.KeyName != fyne.KeyZ {
		t.Errorf("撤销 has shortcut %v, want Ctrl+Z", it.Shortcut)
	}
	tv := u.table(t, 3)
	it.Action()
	if !strings.Contains(u.status.text(), "没有可以撤销") {
		t.Errorf("nothing to undo: status %q", u.status.text())
	}
	cv := tv.cell(t, "apply.1.natural")
	typeInto(u, cv, "5")
	it.Action()
	if c, _ := u.rep.Cell("apply.1.natural"); !c.Blank || cv.entry.Text != "" {
		t.Errorf("after 撤销 the cell holds %q (shown %q)", c.Text, cv.entry.Text)
	}
	if !strings.Contains(tv.msg.Text, "已撤销") || !strings.Contains(u.status.text(), "已撤销") {
		t.Errorf("message %q, status %q", tv.msg.Text, u.status.text())
	}
	n := 0
	for _, menu := range u.menu.build().Items {
		for _, i := range menu.Items {
			if strings.HasPrefix(i.Label, "最近打开") {
				n++
			}
		}
	}
	if n != 1 {
		t.Errorf("文件 has %d entries for the recent files, want one", n)
	}
}
