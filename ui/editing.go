package ui

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/form"
)

// cellEdit is one cell's new text.
type cellEdit struct{ code, text string }

// cellEdited is called when the user changes a number cell.
func (u *UI) cellEdited(code, text string) {
	if u.loading > 0 {
		return
	}
	before := u.rep.Clone()
	edits := []cellEdit{{code, text}}
	u.remember(undoCell, code, before, edits, u.applyEdits(edits))
}

// applyEdits stores cell texts in the model, recomputes the totals unless the user types
// them, and checks the report again. It returns the totals whose text the recomputation
// changed.
func (u *UI) applyEdits(edits []cellEdit) (recomputed []string) {
	for _, e := range edits {
		_ = u.rep.Set(e.code, e.text) // a bad value is kept and reported by Check
		u.showCellText(e.code)
	}
	if !u.manualTotals {
		recomputed = u.rep.FillDerived()
		for _, c := range recomputed {
			u.showCellText(c)
		}
	}
	u.markDirty()
	u.recheck()
	return recomputed
}

// showCellText puts the model's text of a cell into its cell, if its page is built.
func (u *UI) showCellText(code string) {
	for _, v := range u.views {
		if tv, ok := v.(*tableView); ok {
			tv.setText(code)
		}
	}
}

// setManualTotals switches between computed totals (read-only) and typed totals. Switching
// back to computed totals recomputes every total; the returned note says which typed totals
// that replaced ("" when none changed).
func (u *UI) setManualTotals(on bool) string {
	if on == u.manualTotals {
		return ""
	}
	u.manualTotals = on
	u.forgetUndo()
	note := ""
	if !on {
		before := u.rep.Clone()
		changed := u.rep.FillDerived()
		for _, c := range changed {
			u.showCellText(c)
		}
		note = recomputedNote(u.rep, changed, before)
		u.markDirty()
	}
	for _, v := range u.views {
		if tv, ok := v.(*tableView); ok {
			tv.reload()
		}
	}
	u.recheck()
	return note
}

// recomputedNote tells the user which hand-typed totals were replaced by computed ones.
func recomputedNote(r *form.Report, changed []string, before *form.Report) string {
	if len(changed) == 0 {
		return "已改回自动计算合计，原填写的合计与分项之和一致，未作改动。"
	}
	ex := replacedCells(r, changed, before, 3)
	more := ""
	if len(changed) > len(ex) {
		more = fmt.Sprintf("等 %d 处", len(changed))
	}
	return fmt.Sprintf("已改回自动计算：手动填写的合计已按分项重新计算（%s%s）。如需保留原数字，请重新勾选「手动填写合计」后改回。",
		strings.Join(ex, "；"), more)
}

// replacedCells describes up to limit cells (all when limit is 0) whose text changed from
// before to r: "二、上年结转政府信息公开申请数量 · 自然人由 5 改为 7".
func replacedCells(r *form.Report, codes []string, before *form.Report, limit int) []string {
	var out []string
	for _, code := range codes {
		if limit > 0 && len(out) == limit {
			break
		}
		d, _ := r.Format.Cell(code)
		old, _ := before.Cell(code)
		now, _ := r.Cell(code)
		if old.Text == now.Text {
			continue
		}
		o, n := old.Text, now.Text
		if o == "" {
			o = "空"
		}
		if n == "" {
			n = "空"
		}
		out = append(out, fmt.Sprintf("%s由 %s 改为 %s", d.Label(), o, n))
	}
	return out
}

// carryOver fills this year's cells that follow from last year (上年结转 …) and recomputes
// the totals; it returns what it did for the user: how many cells it filled and each cell
// it replaced that already held a different value, with the old and the new value.
func (u *UI) carryOver(last *form.Report) []string {
	u.forgetUndo()
	before := u.rep.Clone()
	set := u.rep.CarryOver(last)
	if !u.manualTotals {
		set = append(set, u.rep.FillDerived()...)
	}
	for _, c := range set {
		u.showCellText(c)
	}
	var typed []string
	for _, code := range set {
		d, _ := u.rep.Format.Cell(code)
		if d.Derived && !u.manualTotals {
			continue // a computed total: nobody typed it
		}
		if old, _ := before.Cell(code); !old.Blank || old.Err != nil {
			typed = append(typed, code)
		}
	}
	replaced := replacedCells(u.rep, typed, before, 0)
	filled := 0
	for _, code := range set {
		if d, _ := u.rep.Format.Cell(code); !d.Derived {
			filled++
		}
	}
	notes := []string{fmt.Sprintf("已按上年报告填入 %d 个单元格（上年结转等）。", filled)}
	if len(replaced) > 0 {
		notes = append(notes, fmt.Sprintf("其中 %d 个单元格原已填写了不同的数字，已被替换：", len(replaced)))
		for _, r := range replaced {
			notes = append(notes, "· "+r)
		}
	}
	return notes
}
