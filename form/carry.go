package form

import (
	"fmt"
	"strings"
)

// CarryOver prefills this year's cells that follow from last year's report, as the format
// declares them (Format.CrossYear with Carry): 二、上年结转 (apply.2.*) from last year's
// 四、结转下年度继续办理 (apply.4.*) and, in the 2019 format, each 上一年项目数量 from last
// year's 上一年项目数量 + 本年增/减. A cell is filled only when every cell it follows from is a
// number in last year's report (a blank is not a zero); others are not touched. It returns
// the codes it set.
func (r *Report) CarryOver(last *Report) []string {
	var set []string
	for _, c := range r.Format.Carries {
		if !c.Fill {
			continue
		}
		if v, ok := last.sumCodes(c.Last); ok {
			r.setValueAt(c.Cell, v)
			set = append(set, r.Format.Cells[c.Cell].Code)
		}
	}
	return set
}

// LastYearValue is the figure of last year's report that this year's cell code follows from
// (the sum of the declared last-year cells: 上年结转 ← 结转下年度, 现行有效件数 ← last year's,
// 2019 上一年项目数量 ← last year's 上一年项目数量 + 本年增/减), formatted for the cell. ok is
// false when last is nil, the cell follows from nothing, or a last-year cell is missing or blank.
func LastYearValue(r, last *Report, code string) (string, bool) {
	if last == nil {
		return "", false
	}
	c, ok := r.Format.CarryFor(code)
	if !ok {
		return "", false
	}
	v, ok := last.sumCodes(c.Last)
	if !ok {
		return "", false
	}
	return v.Format(r.Format.Cells[c.Cell].Kind), true
}

// sumCodes adds the cells with the given codes; ok is false when a code is not in r's format
// or a cell is blank or invalid.
func (r *Report) sumCodes(codes []string) (Num, bool) {
	var s Num
	for _, code := range codes {
		i, found := r.Format.index[code]
		if !found || !r.cells[i].OK() {
			return 0, false
		}
		s += r.cells[i].Value
	}
	return s, true
}

// crossYear checks X1-X3, the declared relations with last year's report. A relation is
// evaluated only when all its cells hold numbers in both reports and last year's format has
// its cells (X1 holds across the 2019 and 2021 formats; X2 and X3 need the same one).
func (c *checker) crossYear() {
	r, last, f := c.r, c.last, c.r.Format
	for _, x := range f.Carries {
		this := &r.cells[x.Cell]
		if !this.OK() {
			continue
		}
		want, ok := last.sumCodes(x.Last)
		if !ok {
			continue
		}
		plus, ok1 := r.sumAll(x.Plus)
		minus, ok2 := r.sumAll(x.Minus)
		if !ok1 || !ok2 {
			continue
		}
		want += plus - minus
		if want == this.Value {
			continue
		}
		c.add(carryProblem(r, last, x, want))
	}
}

// carryProblem words a mismatch of relation x: "应等于上年报告的「四、结转下年度继续办理」2，现为 5",
// "上年报告的「上一年项目数量」48 加「本年增/减」-2 应为 46，现为 40", or with this year's terms
// "上年「现行有效件数」26 + 「本年制发件数」3 − 「本年废止件数」2 = 27，现填 30".
func carryProblem(r, last *Report, x Carry, want Num) Problem {
	f := r.Format
	d := f.Cells[x.Cell]
	got := r.cells[x.Cell].Value
	// A cell of the same row is named by its column, another row by its row.
	name := func(o *CellDef) string {
		if strings.Join(o.RowPath, "|") == strings.Join(d.RowPath, "|") {
			return Short(o.Col.Label)
		}
		return o.RowLabel()
	}
	// lastTerms names last year's cells with their values: "「上一年项目数量」48 加「本年增/减」-2".
	lastTerms := func(prefix, sep string) string {
		var b strings.Builder
		for i, code := range x.Last {
			o, _ := last.Format.Cell(code)
			v, _ := last.Value(code)
			if i > 0 {
				b.WriteString(sep)
			}
			fmt.Fprintf(&b, "%s「%s」%s", prefix, name(o), v.Format(o.Kind))
		}
		return b.String()
	}
	var msg string
	switch {
	case len(x.Plus)+len(x.Minus) > 0:
		var b strings.Builder
		b.WriteString(lastTerms("上年", " + "))
		for _, terms := range []struct {
			op  string
			idx []int
		}{{" + ", x.Plus}, {" − ", x.Minus}} {
			for _, i := range terms.idx {
				fmt.Fprintf(&b, "%s「%s」%s", terms.op, name(f.Cells[i]), r.cells[i].Value.Format(f.Cells[i].Kind))
			}
		}
		msg = fmt.Sprintf("%s：%s = %s，现填 %s", where(d), b.String(), want.Format(d.Kind), got.Format(d.Kind))
	case len(x.Last) == 1:
		msg = fmt.Sprintf("%s：应等于上年报告的%s，现为 %s", where(d), lastTerms("", ""), got.Format(d.Kind))
	default:
		msg = fmt.Sprintf("%s：上年报告的%s 应为 %s，现为 %s", where(d), lastTerms("", " 加"), want.Format(d.Kind), got.Format(d.Kind))
	}
	if x.Hint != "" {
		msg += "。" + x.Hint
	}
	cells := append([]string{d.Code}, codesOf(f, x.Plus, x.Minus)...)
	return Problem{Rule: x.Rule, Severity: x.Severity, Section: d.Table.Section, Cells: cells,
		Expected: want.Format(d.Kind), Actual: got.Format(d.Kind), Message: msg}
}
