package ui

import "github.com/nianbao/nianbao/form"

// These helpers hold rules that belong in package form (one rule, one place); they stay
// here until form offers them (issue 10), and the UI then calls form instead.

// typedTotalsDiffer reports whether computing the totals would change a total that has text.
func typedTotalsDiffer(r *form.Report) bool {
	c := r.Clone()
	for _, code := range c.FillDerived() {
		if cell, _ := r.Cell(code); !cell.Blank || cell.Err != nil {
			return true
		}
	}
	return false
}

// lastValue is last year's value of the cell that a cell is compared with, formatted.
func (u *UI) lastValue(code string) (string, bool) {
	if u.last == nil {
		return "", false
	}
	src := lastSource(u.rep.Format, code)
	if src == "" {
		return "", false
	}
	c, ok := u.last.Cell(src)
	if !ok || c.Blank {
		return "", false
	}
	return c.Text, true
}

// lastSource is the code in last year's report a cell follows from: 上年结转 from 结转下年度,
// 现行有效 from last year's 现行有效, 2019 上一年项目数量 from last year's.
func lastSource(f *form.Format, code string) string {
	d, ok := f.Cell(code)
	if !ok {
		return ""
	}
	switch {
	case d.Table.ID == "apply" && d.Row != nil && d.Row.Code == "2" && len(d.RowPath) == 1:
		return "apply.4." + code[len("apply.2."):]
	case d.Table.ID == "active" && d.Col.Code == "effective", d.Table.ID == "active" && d.Col.Code == "prev":
		return code
	}
	return ""
}
