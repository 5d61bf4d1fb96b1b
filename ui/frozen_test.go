package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// labelOf finds the label of a table by its text.
func labelOf(t *testing.T, tv *tableView, text string) *spanLabel {
	t.Helper()
	for _, o := range tv.sheet.objs {
		if l, ok := o.(*spanLabel); ok && l.text == text {
			return l
		}
	}
	t.Fatalf("no label %q in table %s", text, tv.table.ID)
	return nil
}

// Scrolled down to （七）总计 (and sideways), the column headings stay above the numbers, each
// over its own column, and the row labels stay beside their rows, as with Excel's frozen
// panes.
func TestHeadingsStayWhenScrolled(t *testing.T) {
	for _, size := range sizes {
		u := newTestUI(t)
		u.win.Resize(size)
		tv := u.table(t, 3)
		test.Tap(tv.manual) // totals typed: （七） can take the focus
		u.win.Content().Refresh()
		d := u.app.Driver()
		seven := tv.cell(t, "apply.3.7.commercial")
		u.win.Canvas().Focus(seven.entry)
		fits := tv.sheet.extent(paneBody).Height <= tv.scroll.Size().Height
		if !fits && tv.scroll.Offset.Y <= 0 {
			t.Fatalf("%v: focusing （七） did not scroll (offset %v)", size, tv.scroll.Offset)
		}
		view := d.AbsolutePositionForObject(tv.scroll)
		cell := d.AbsolutePositionForObject(seven.entry)
		if cell.Y < view.Y || cell.Y+seven.entry.Size().Height > view.Y+tv.scroll.Size().Height+0.5 {
			t.Errorf("%v: （七） at y=%.0f is not in the numbers' view %.0f…%.0f", size, cell.Y, view.Y, view.Y+tv.scroll.Size().Height)
		}
		// Every heading is above the numbers' view, inside the table, over its column.
		table := d.AbsolutePositionForObject(tv.fv.root)
		for _, name := range []string{"自然人", "商业企业", "总计", "申请人情况"} {
			l := labelOf(t, tv, name)
			p := d.AbsolutePositionForObject(l)
			if p.Y < table.Y-0.5 || p.Y+l.Size().Height > view.Y+0.5 {
				t.Errorf("%v: heading %q at y=%.0f…%.0f is not between the table top %.0f and the numbers %.0f", size, name, p.Y, p.Y+l.Size().Height, table.Y, view.Y)
			}
		}
		for _, c := range []struct{ head, code string }{{"商业企业", "apply.3.7.commercial"}, {"总计", "apply.3.7.total"}} {
			hx := d.AbsolutePositionForObject(labelOf(t, tv, c.head)).X
			cx := d.AbsolutePositionForObject(tv.cell(t, c.code).entry).X
			if hx-cx > 1 || cx-hx > 1 {
				t.Errorf("%v: heading %q at x=%.0f, its column at x=%.0f", size, c.head, hx, cx)
			}
		}
		// The row label of （七） is beside its cells.
		seventh := labelOf(t, tv, tv.cell(t, "apply.3.7.natural").def.Row.Label)
		if ly := d.AbsolutePositionForObject(seventh).Y; ly-cell.Y > 1 || cell.Y-ly > 1 {
			t.Errorf("%v: row label %q at y=%.0f, its cells at y=%.0f", size, seventh.text, ly, cell.Y)
		}
		// The wheel over the headings scrolls the numbers.
		before := tv.scroll.Offset.Y
		tv.fv.head.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, 40)})
		if !fits && tv.scroll.Offset.Y >= before {
			t.Errorf("%v: the wheel over the headings did not scroll (offset %.0f → %.0f)", size, before, tv.scroll.Offset.Y)
		}
		if tv.fv.rows.offset != tv.scroll.Offset.Y {
			t.Errorf("%v: the row labels are at %.0f, the numbers at %.0f", size, tv.fv.rows.offset, tv.scroll.Offset.Y)
		}
	}
}
