package ui

import (
	"fmt"

	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/form"
)

// Ctrl+Z in a table cell undoes the last paste or the last cell edit (one level): every cell
// the paste or the edit touched, the totals it recomputed included, gets its text back.

// undoKind tells what an undo step undoes.
type undoKind int

const (
	// undoPaste undoes a pasted block.
	undoPaste undoKind = iota
	// undoCell undoes the typing into one cell (all the keys of one visit and the next ones
	// until another cell is edited).
	undoCell
)

// undoStep is what Ctrl+Z restores: the text each touched cell had before.
type undoStep struct {
	kind  undoKind
	rep   *form.Report // the report it belongs to: a report opened since is not undone
	code  string       // undoCell: the cell typed into
	old   map[string]string
	order []string
}

// remember records the texts before of the cells an edit touched (edits and the totals
// recomputed after them), replacing the step before unless it is typing into the same cell,
// which is one step.
func (u *UI) remember(kind undoKind, code string, before *form.Report, edits []cellEdit, recomputed []string) {
	s := u.undo
	if s == nil || s.rep != u.rep || kind != undoCell || s.kind != undoCell || s.code != code {
		s = &undoStep{kind: kind, rep: u.rep, code: code, old: map[string]string{}}
	}
	add := func(c string) {
		if _, ok := s.old[c]; ok {
			return
		}
		old, _ := before.Cell(c)
		s.old[c] = old.Text
		s.order = append(s.order, c)
	}
	for _, e := range edits {
		add(e.code)
	}
	for _, c := range recomputed {
		add(c)
	}
	changed := false
	for _, c := range s.order {
		if now, _ := u.rep.Cell(c); now.Text != s.old[c] {
			changed = true
		}
	}
	u.undo = nil
	if changed || kind == undoPaste {
		u.undo = s
	}
}

// forgetUndo drops the undo step: after a change Ctrl+Z does not undo (the totals switched,
// last year's figures filled in).
func (u *UI) forgetUndo() { u.undo = nil }

// undoLast restores the cells of the last paste or cell edit and says what it did.
func (u *UI) undoLast() string {
	s := u.undo
	if s == nil || s.rep != u.rep {
		return "没有可以撤销的粘贴或修改（Ctrl+Z 撤销最近一次粘贴或最近一格的修改）。"
	}
	u.undo = nil
	restored := 0
	for _, c := range s.order {
		if now, _ := u.rep.Cell(c); now.Text != s.old[c] {
			restored++
		}
		_ = u.rep.Set(c, s.old[c]) // a bad value comes back as it was, and Check reports it
		u.showCellText(c)
	}
	if !u.manualTotals {
		for _, c := range u.rep.FillDerived() {
			u.showCellText(c)
		}
	}
	u.markDirty()
	u.recheck()
	if s.kind == undoPaste {
		return fmt.Sprintf("已撤销粘贴：%d 个单元格恢复为粘贴前的内容。", restored)
	}
	d, _ := u.rep.Format.Cell(s.code)
	return "已撤销对「" + d.Label() + "」的修改。"
}

// undoMenu is 编辑 › 撤销 (Ctrl+Z outside a cell): it undoes the last paste or cell edit
// and says what it did — or that there is nothing to undo — in the table's message line
// when a table is shown, and in the status line.
func (u *UI) undoMenu() {
	msg := u.undoLast()
	if u.current >= 0 && u.current < len(u.views) {
		if tv, ok := u.views[u.current].(*tableView); ok && tv.msg != nil {
			tv.msg.Importance = widget.MediumImportance
			tv.msg.SetText(msg)
		}
	}
	u.status.note(msg)
}

// undo is Ctrl+Z in a cell of the page.
func (v *tableView) undo() {
	msg := v.u.undoLast()
	v.msg.Importance = widget.MediumImportance
	v.msg.SetText(msg)
}
