package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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
	name := func(f fyne.Focusable) string {
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
	typeInto(u, tv.cell(t, "apply.1.commercial"), "1")
	key(tv.cell(t, "apply.1.commercial").entry, fyne.KeyReturn)
	if want := tv.cell(t, "apply.2.commercial").entry; focused() != want || !want.Selected() {
		t.Errorf("Enter focused %v, want 二、上年结转 · 商业企业 below, selected", name(focused()))
	}
	key(tv.cell(t, "apply.2.commercial").entry, fyne.KeyEnter) // the keypad's Enter
	if focused() != tv.cell(t, "apply.3.1.commercial").entry {
		t.Errorf("keypad Enter focused %v, want （一）予以公开 · 商业企业", name(focused()))
	}
	key(tv.cell(t, "apply.3.1.commercial").entry, fyne.KeyDown)
	if focused() != tv.cell(t, "apply.3.2.commercial").entry {
		t.Errorf("Down focused %v, want （二）部分公开 · 商业企业", name(focused()))
	}
	release := holdShift()
	key(tv.cell(t, "apply.3.2.commercial").entry, fyne.KeyReturn)
	release()
	if focused() != tv.cell(t, "apply.3.1.commercial").entry {
		t.Errorf("Shift+Enter focused %v, want （一）予以公开 · 商业企业 above", name(focused()))
	}
	// Enter never lands on a computed total: 总计 rows and columns are skipped going down.
	u.win.Canvas().Focus(tv.cell(t, "apply.3.6.3.commercial").entry)
	key(tv.cell(t, "apply.3.6.3.commercial").entry, fyne.KeyReturn)
	if focused() != tv.cell(t, "apply.4.commercial").entry {
		t.Errorf("Enter from （六） focused %v, want 四、结转下年度 (（七）总计 is computed)", name(focused()))
	}
	// Tab: the next cell to the right; from the last input of a row the next row.
	u.win.Canvas().Focus(tv.cell(t, "apply.3.1.natural").entry)
	test.FocusNext(u.win.Canvas())
	if focused() != tv.cell(t, "apply.3.1.commercial").entry {
		t.Errorf("Tab focused %v, want 商业企业", name(focused()))
	}
	u.win.Canvas().Focus(tv.cell(t, "apply.1.other").entry)
	test.FocusNext(u.win.Canvas())
	if focused() != tv.cell(t, "apply.2.natural").entry {
		t.Errorf("Tab from the last input of a row focused %v, want the next row (computed 总计 skipped)", name(focused()))
	}
	// The last row of a column: Enter goes on to the next cell, never nowhere.
	u.win.Canvas().Focus(tv.cell(t, "apply.4.natural").entry)
	key(tv.cell(t, "apply.4.natural").entry, fyne.KeyReturn)
	if focused() != tv.cell(t, "apply.4.commercial").entry {
		t.Errorf("Enter in the last row focused %v, want the next cell of the row", name(focused()))
	}
	// 四 has one row: Enter moves along it.
	rv := u.table(t, 4)
	u.win.Canvas().Focus(rv.cell(t, "review.admin.upheld").entry)
	key(rv.cell(t, "review.admin.upheld").entry, fyne.KeyReturn)
	if focused() != rv.cell(t, "review.admin.corrected").entry {
		t.Errorf("Enter in 四 focused %v, want 结果纠正", name(focused()))
	}
	// In 二 a merged cell is below each column it spans: 行政许可 is below 现行有效件数.
	av := u.table(t, 2)
	from := av.cell(t, "active.normative.effective")
	u.win.Canvas().Focus(from.entry)
	key(from.entry, fyne.KeyDown)
	if focused() != av.cell(t, "active.license.decisions").entry {
		t.Errorf("Down from 现行有效件数 focused %v, want 行政许可 below", name(focused()))
	}
}
