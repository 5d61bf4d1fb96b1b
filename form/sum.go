package form

import "fmt"

// Sum adds the number cells of reports of one format and year, for a superior's aggregate
// (汇总). A blank is not a zero: a cell blank in any unit stays blank in the total (the sum
// of a known and an unknown figure is unknown, never the known one alone); Summary.Blank and
// Included.Blanks say which units left which cells blank. A cell with an invalid value in any
// unit makes Sum fail with a message naming the unit and cell. Narrative is not summed. The
// total is marked Report.Summary.
func Sum(agency string, reports []*Report) (*Report, error) {
	if len(reports) == 0 {
		return nil, fmt.Errorf("没有可汇总的报告")
	}
	f, year := reports[0].Format, reports[0].Meta.Year
	total := New(f, year, agency)
	total.Summary = true
	for i := range total.cells {
		total.cells[i].Blank = false
	}
	for _, u := range reports {
		if u.Format != f {
			return nil, fmt.Errorf("「%s」使用 %s 格式，与其他单位的 %s 格式不同，不能汇总", u.Meta.Agency, u.Format.ID, f.ID)
		}
		if u.Meta.Year != year {
			return nil, fmt.Errorf("「%s」是 %d 年度报告，与其他单位的 %d 年度不同，不能汇总", u.Meta.Agency, u.Meta.Year, year)
		}
		if i, n := invalidCells(u); n > 0 {
			return nil, fmt.Errorf("「%s」%s：%v", u.Meta.Agency, where(f.Cells[i]), u.cells[i].Err)
		}
		for i := range u.cells {
			c, t := &u.cells[i], &total.cells[i]
			if c.Blank {
				t.Blank = true
				continue
			}
			t.Value += c.Value
		}
	}
	for i := range total.cells {
		if t := &total.cells[i]; t.Blank {
			*t = Cell{Blank: true}
		} else {
			t.Text = t.Value.Format(f.Cells[i].Kind)
		}
	}
	return total, nil
}
