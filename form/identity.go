package form

import (
	"fmt"
	"strings"
)

// BlankHint is what every message about a blank number cell tells the clerk.
const BlankHint = "没有发生的请填 0"

// cells checks every number cell: a text that is not a number is an H5 error in both modes.
// A blank cell the clerk types is an H5 error in the final check; while drafting, each table
// with such cells gets one B1 item (未填) listing them. A computed total waiting for its items
// (PendingTotals) is neither: its blank items are named instead.
func (c *checker) cells() {
	r, f := c.r, c.r.Format
	pending := r.PendingTotals()
	for i := range r.cells {
		cell, d := &r.cells[i], f.Cells[i]
		switch {
		case cell.Err != nil:
			c.add(Problem{Rule: "H5", Severity: Error, Section: d.Table.Section, Cells: []string{d.Code},
				Actual: strings.TrimFunc(cell.Text, IsSpace), Message: fmt.Sprintf("%s：%s", where(d), cell.Err.Error())})
		case cell.Blank && c.mode == Final && !pending[i]:
			c.add(Problem{Rule: "H5", Severity: Error, Section: d.Table.Section, Cells: []string{d.Code}, Blank: true,
				Message: fmt.Sprintf("%s：未填写。空白不是数字，%s", where(d), BlankHint)})
		}
	}
	if c.mode != Drafting {
		return
	}
	for start := 0; start < len(f.Cells); {
		t := f.Cells[start].Table
		end := start
		var codes []string
		waiting := false
		for ; end < len(f.Cells) && f.Cells[end].Table == t; end++ {
			switch {
			case !r.cells[end].Blank:
			case pending[end]:
				waiting = true
			default:
				codes = append(codes, f.Cells[end].Code)
			}
		}
		if n := len(codes); n > 0 {
			first := f.Cells[f.Index(codes[0])]
			msg := fmt.Sprintf("第%s部分还有 %d 格未填（如%s），%s", cnNum[t.Section], n, first.Where(), BlankHint)
			if n == 1 {
				msg = fmt.Sprintf("第%s部分还有 1 格未填：%s，%s", cnNum[t.Section], first.Where(), BlankHint)
			}
			if waiting {
				msg += "；" + PendingHint
			}
			c.add(Problem{Rule: "B1", Severity: Unfilled, Section: t.Section, Cells: codes, Actual: fmt.Sprint(n),
				Blank: true, Message: msg})
		}
		start = end
	}
}

// PendingHint ends a B1 message when the table also has computed totals waiting for the
// cells it lists: they are not counted, since the program fills them in.
const PendingHint = "合计在各项填完后自动计算"

// identities checks H1-H4. An identity is evaluated only when every one of its cells holds a
// number: a blank is unknown, not 0 (B1 or H5 already names it), and an invalid cell is H5.
func (c *checker) identities() {
	for _, e := range c.r.Format.Equations {
		if p, bad := c.r.checkEquation(e); bad {
			c.add(p)
		}
	}
}

// sumAll adds the cells at idx; ok is false when any of them is blank or invalid.
func (r *Report) sumAll(idx []int) (s Num, ok bool) {
	for _, i := range idx {
		c := &r.cells[i]
		if c.Blank || c.Err != nil {
			return 0, false
		}
		s += c.Value
	}
	return s, true
}

func (r *Report) checkEquation(e Equation) (Problem, bool) {
	f := r.Format
	l, lok := r.sumAll(e.Left)
	rr, rok := r.sumAll(e.Right)
	if !lok || !rok || l == rr {
		return Problem{}, false
	}
	if e.Target < 0 { // a balance (H1)
		d := f.Cells[e.Left[0]]
		codes := codesOf(f, e.Left, e.Right)
		return Problem{Rule: e.Rule, Severity: Error, Section: d.Table.Section, Cells: codes,
			Expected: l.Format(Count), Actual: rr.Format(Count),
			Message: fmt.Sprintf("第%s部分「%s」列：%s为 %s，%s为 %s，两者应相等",
				cnNum[d.Table.Section], d.ColLabel(), rowTerms(f, e.Left), l.Format(Count), rowTerms(f, e.Right), rr.Format(Count))}, true
	}
	d := f.Cells[e.Target]
	first, lastTerm := f.Cells[e.Right[0]], f.Cells[e.Right[len(e.Right)-1]]
	var terms string
	switch e.Rule {
	case "H2":
		terms = fmt.Sprintf("「%s」至「%s」各列之和", first.ColLabel(), lastTerm.ColLabel())
	case "H3":
		terms = fmt.Sprintf("「%s」至「%s」各项之和", first.RowLabel(), lastTerm.RowLabel())
	default:
		terms = fmt.Sprintf("「%s」至「%s」之和", Short(first.Col.Label), Short(lastTerm.Col.Label))
	}
	return Problem{Rule: e.Rule, Severity: Error, Section: d.Table.Section,
		Cells: codesOf(f, e.Left, e.Right), Expected: rr.Format(d.Kind), Actual: l.Format(d.Kind),
		Message: fmt.Sprintf("%s：应为 %s（%s），现为 %s", where(d), rr.Format(d.Kind), terms, l.Format(d.Kind))}, true
}

// rowTerms names the rows of a balance's side as the table numbers them, from the declared
// row labels: "第一项加第二项之和", "第三项（七）总计加第四项之和"; a side of one row is the row
// alone ("第一项"). A row label without a number 「一、」 is quoted whole.
func rowTerms(f *Format, idx []int) string {
	names := make([]string, len(idx))
	for i, j := range idx {
		d := f.Cells[j]
		if len(d.RowPath) == 0 {
			names[i] = "「" + d.ColLabel() + "」"
			continue
		}
		top := d.RowPath[0]
		if num, _, ok := strings.Cut(top, "、"); ok && num != "" {
			names[i] = "第" + num + "项"
		} else {
			names[i] = "「" + top + "」"
		}
		if len(d.RowPath) > 1 {
			names[i] += d.RowPath[len(d.RowPath)-1]
		}
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names, "加") + "之和"
}
