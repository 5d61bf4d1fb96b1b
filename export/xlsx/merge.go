package xlsx

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/form"
	"github.com/xuri/excelize/v2"
)

// Unit is one unit's report offered for aggregation, or why its file could not be read.
type Unit struct {
	// Source is the file the report came from, shown to the user.
	Source string
	// Report is nil when the file could not be read.
	Report *form.Report
	// Warnings are the notes of reading the file (blanks, "/" in hand-made tables).
	Warnings []string
	// Err says why the file could not be read.
	Err error
}

// Included is a unit whose numbers are in the total, with its check results.
type Included struct {
	Unit
	// Problems are form.Check's findings on the unit's report.
	Problems []form.Problem
	// Errors counts the problems of severity 错误.
	Errors int
}

// LeftOut is a unit that was not summed, and why.
type LeftOut struct {
	// Source and Agency identify the unit (Agency may be empty).
	Source, Agency string
	// Reason is the Chinese explanation.
	Reason string
}

// Summary is an aggregate (汇总) of units of one year and format.
type Summary struct {
	// Total holds the cell-wise sums.
	Total *form.Report
	// Units are the units summed, in the order given.
	Units []Included
	// Left are the units left out.
	Left []LeftOut
	// Problems are form.Check's findings on the total.
	Problems []form.Problem
}

// LoadUnits reads the files in parallel with open (which returns a report and its reading
// notes) and returns them in the order given.
func LoadUnits(paths []string, open func(path string) (*form.Report, []string, error)) []Unit {
	units := make([]Unit, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(paths)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r, ws, err := open(paths[i])
				units[i] = Unit{Source: paths[i], Report: r, Warnings: ws, Err: err}
				if err == nil && r == nil {
					units[i].Err = fmt.Errorf("文件中没有报告")
				}
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	return units
}

// Aggregate sums the units for the agency: the year and format most units share are summed;
// a unit of another year or format, an unreadable file, a second file of the same unit, a
// unit named like the aggregating agency (an earlier total) or with cells that are not
// numbers is left out with the reason, never summed.
func Aggregate(agency string, units []Unit) (*Summary, error) {
	s := &Summary{}
	type key struct {
		format string
		year   int
	}
	count := map[key]int{}
	for _, u := range units {
		if u.Err == nil && u.Report != nil && u.Report.Meta.Year != 0 {
			count[key{u.Report.Format.ID, u.Report.Meta.Year}]++
		}
	}
	var ref key
	for k, n := range count {
		if n > count[ref] || n == count[ref] && (k.year > ref.year || k.year == ref.year && k.format > ref.format) {
			ref = k
		}
	}
	seen := map[string]string{}
	self := form.FoldLabel(agency)
	var reports []*form.Report
	for _, u := range units {
		left := func(reason string) {
			a := ""
			if u.Report != nil {
				a = strings.TrimSpace(u.Report.Meta.Agency)
			}
			s.Left = append(s.Left, LeftOut{Source: u.Source, Agency: a, Reason: reason})
		}
		if u.Err != nil || u.Report == nil {
			reason := "文件无法读取"
			if u.Err != nil {
				reason = u.Err.Error()
			}
			left(reason)
			continue
		}
		r := u.Report
		name := form.FoldLabel(r.Meta.Agency)
		switch {
		case r.Meta.Year == 0:
			left("未填写报告年度，无法确定是否与其他单位同一年度")
			continue
		case r.Meta.Year != ref.year || r.Format.ID != ref.format:
			left(fmt.Sprintf("是 %d 年度报告（%s 格式），本次汇总的是 %d 年度（%s 格式）", r.Meta.Year, r.Format.ID, ref.year, ref.format))
			continue
		case name != "" && name == self:
			left("单位名称与汇总单位相同，可能是以前生成的汇总表，不能再次计入")
			continue
		case name != "" && seen[name] != "":
			left(fmt.Sprintf("与「%s」是同一单位（单位名称相同），重复提交；只汇总了前一份", filepath.Base(seen[name])))
			continue
		}
		if bad := invalidCells(r); bad != "" {
			left(bad)
			continue
		}
		if name != "" {
			seen[name] = u.Source
		}
		ps := form.Check(r, nil)
		s.Units = append(s.Units, Included{Unit: u, Problems: ps, Errors: form.Errors(ps)})
		reports = append(reports, r)
	}
	if len(reports) == 0 {
		return s, fmt.Errorf("没有可汇总的单位报告（%d 个文件均未能汇总）", len(units))
	}
	total, err := form.Sum(agency, reports)
	if err != nil {
		return s, err
	}
	if err := crossCheck(total, reports); err != nil {
		return s, err
	}
	s.Total = total
	s.Problems = form.Check(total, nil)
	return s, nil
}

// invalidCells describes the cells of r that are not numbers, or returns "".
func invalidCells(r *form.Report) string {
	var first string
	n := 0
	for i, d := range r.Format.Cells {
		if c := r.At(i); c.Err != nil {
			if n == 0 {
				first = fmt.Sprintf("%s%s：%v", d.Table.ShortName(), d.Where(), c.Err)
			}
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("有 %d 个单元格不是有效数字（如 %s），无法计入合计，请该单位改正后重报", n, first)
}

// carryCode is the cell checked across units: 四、结转下年度继续办理 · 总计.
const carryCode = "apply.4.total"

// crossCheck verifies that every cell of the total is the sum of the units' cells.
func crossCheck(total *form.Report, units []*form.Report) error {
	sums := make([]form.Num, len(total.Format.Cells))
	for _, u := range units {
		for i := range sums {
			if c := u.At(i); c.OK() {
				sums[i] += c.Value
			}
		}
	}
	for i, d := range total.Format.Cells {
		if c := total.At(i); sums[i] != c.Value {
			return fmt.Errorf("汇总核对不一致：%s%s 各单位之和为 %s，合计为 %s", d.Table.ShortName(), d.Where(),
				sums[i].Format(d.Kind), c.Value.Format(d.Kind))
		}
	}
	return nil
}

// keyCodes are the figures listed for each unit on the units sheet.
var keyCodes = []string{"apply.1.total", "apply.2.total", "apply.3.7.total", carryCode,
	"review.admin.total", "review.direct.total", "review.after.total"}

// keyHeader names a key figure from its declared labels.
func keyHeader(d *form.CellDef) string {
	if d.Row == nil {
		return d.ColLabel()
	}
	var row string
	for _, p := range d.RowPath {
		row += form.Short(p)
	}
	if col := d.ColLabel(); !strings.HasSuffix(row, col) {
		row += "（" + col + "）"
	}
	return row
}

// maxListed is how many problems of a unit the units sheet spells out.
const maxListed = 10

// WriteSummary writes the aggregate workbook: the summed tables on SheetTables, the units
// sheet listing every unit's key figures and problems and the units left out with reasons,
// and hidden metadata (the total reads back like any report workbook).
func WriteSummary(w io.Writer, s *Summary) error {
	if s == nil || s.Total == nil {
		return fmt.Errorf("没有汇总结果可写出")
	}
	b, err := newBuilder(s.Total)
	if err != nil {
		return err
	}
	defer b.f.Close()
	agency := strings.TrimSpace(s.Total.Meta.Agency)
	if agency == "" {
		agency = "（未填写）"
	}
	b.sub = fmt.Sprintf("汇总单位：%s　　报告年度：%d年　　汇总 %d 个单位（明细见「%s」工作表）　　报告格式：%s",
		agency, s.Total.Meta.Year, len(s.Units), SheetUnits, s.Total.Format.Name)
	b.tablesSheet()
	b.unitsSheet(s)
	b.metaSheet("summary")
	return b.finish(w)
}

// unitsSheet writes SheetUnits.
func (b *builder) unitsSheet(s *Summary) {
	const sheet = SheetUnits
	b.sheet(sheet)
	f, fm := b.f, s.Total.Format
	var keys []*form.CellDef
	for _, c := range keyCodes {
		if d, ok := fm.Cell(c); ok {
			keys = append(keys, d)
		}
	}
	heads := []string{"序号", "单位名称", "来源文件"}
	widths := []float64{6, 24, 18}
	for _, d := range keys {
		heads = append(heads, keyHeader(d))
		widths = append(widths, 11)
	}
	heads = append(heads, "错误", "提醒", "需要核实的问题")
	widths = append(widths, 6, 6, 60)
	last := len(heads) - 1
	for c, wd := range widths {
		b.do(f.SetColWidth(sheet, colName(c), colName(c), wd))
	}
	row := 0
	title := func(text string, style int) {
		b.do(f.SetCellStr(sheet, cellName(row, 0), text))
		b.rect(sheet, row, 0, row, last, style)
		b.do(f.SetRowHeight(sheet, row+1, 24))
		row++
	}
	title(strings.TrimSpace(s.Total.Meta.Agency)+fmt.Sprintf("%d年政府信息公开工作年度报告汇总明细", s.Total.Meta.Year), b.st.title)
	title(fmt.Sprintf("共汇总 %d 个单位；未汇总 %d 个（见下方“未汇总的单位”）；汇总表检查发现 %d 处错误", len(s.Units), len(s.Left), form.Errors(s.Problems)), b.st.subtitle)
	for c, h := range heads {
		b.do(f.SetCellStr(sheet, cellName(row, c), h))
	}
	b.do(f.SetCellStyle(sheet, cellName(row, 0), cellName(row, last), b.st.unitHead))
	b.do(f.SetRowHeight(sheet, row+1, 58))
	headRow := row
	row++
	var carry form.Num
	for i, u := range s.Units {
		r := u.Report
		b.do(f.SetCellInt(sheet, cellName(row, 0), int64(i+1)))
		name := strings.TrimSpace(r.Meta.Agency)
		if name == "" {
			name = "（未填写单位名称）"
		}
		b.do(f.SetCellStr(sheet, cellName(row, 1), name))
		b.do(f.SetCellStr(sheet, cellName(row, 2), filepath.Base(u.Source)))
		for k, d := range keys {
			if v, ok := r.Value(d.Code); ok {
				b.do(f.SetCellInt(sheet, cellName(row, 3+k), v.Int()))
				if d.Code == carryCode {
					carry += v
				}
			}
		}
		b.do(f.SetCellInt(sheet, cellName(row, last-2), int64(u.Errors)))
		b.do(f.SetCellInt(sheet, cellName(row, last-1), int64(len(u.Problems)-u.Errors)))
		msgs := problemText(u)
		b.do(f.SetCellStr(sheet, cellName(row, last), msgs))
		b.do(f.SetCellStyle(sheet, cellName(row, 0), cellName(row, 2), b.st.unitCell))
		b.do(f.SetCellStyle(sheet, cellName(row, 3), cellName(row, last-1), b.st.unitNum))
		style := b.st.unitCell
		if u.Errors > 0 {
			style = b.st.unitBad
			b.do(f.SetCellStyle(sheet, cellName(row, last-2), cellName(row, last-2), b.st.unitBad))
		}
		b.do(f.SetCellStyle(sheet, cellName(row, last), cellName(row, last), style))
		b.do(f.SetRowHeight(sheet, row+1, min(maxRowHeight, float64(max(1, lines(msgs, widths[last])))*lineHeight+4)))
		row++
	}
	// The cross-check line: the units' 结转下年度 against the total's.
	d, _ := fm.Cell(carryCode)
	tv, _ := s.Total.Value(carryCode)
	verdict := "一致"
	if tv != carry {
		verdict = "不一致，请核对"
	}
	row++
	title(fmt.Sprintf("核对：各单位%s之和为 %s，汇总表为 %s，%s。", keyHeader(d), carry.Format(form.Count), tv.Format(form.Count), verdict), b.st.subtitle)
	if len(s.Problems) > 0 {
		var lines []string
		for _, p := range s.Problems {
			lines = append(lines, fmt.Sprintf("[%s] %s", p.Severity, p.Message))
		}
		text := "汇总表检查：" + strings.Join(lines, "\n")
		b.do(f.SetCellStr(sheet, cellName(row, 0), text))
		b.rect(sheet, row, 0, row, last, b.st.unitCell)
		b.do(f.SetRowHeight(sheet, row+1, min(maxRowHeight, float64(len(lines)+1)*lineHeight)))
		row++
	}
	row++
	title(fmt.Sprintf("未汇总的单位（%d 个）", len(s.Left)), b.st.section)
	for c, h := range []string{"序号", "单位名称", "来源文件", "未汇总的原因"} {
		b.do(f.SetCellStr(sheet, cellName(row, min(c, 3)), h))
	}
	b.rect(sheet, row, 3, row, last, b.st.unitHead)
	b.do(f.SetCellStyle(sheet, cellName(row, 0), cellName(row, 2), b.st.unitHead))
	row++
	for i, l := range s.Left {
		b.do(f.SetCellInt(sheet, cellName(row, 0), int64(i+1)))
		b.do(f.SetCellStr(sheet, cellName(row, 1), l.Agency))
		b.do(f.SetCellStr(sheet, cellName(row, 2), filepath.Base(l.Source)))
		b.do(f.SetCellStr(sheet, cellName(row, 3), l.Reason))
		b.do(f.SetCellStyle(sheet, cellName(row, 0), cellName(row, 2), b.st.unitCell))
		b.rect(sheet, row, 3, row, last, b.st.unitBad)
		b.do(f.SetRowHeight(sheet, row+1, float64(lines(l.Reason, b.g.width(0, 0)+sum(widths[3:])))*lineHeight+4))
		row++
	}
	b.do(f.SetPanes(sheet, paneBelow(headRow+1)))
	size, orient, fitW, fitH := 9, "landscape", 1, 0
	b.do(f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &fitW, FitToHeight: &fitH}))
	fit := true
	b.do(f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	b.do(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, headRow+1, headRow+1)}))
}

// problemText lists a unit's errors first, then warnings and reading notes, at most
// maxListed lines.
func problemText(u Included) string {
	ps := append([]form.Problem(nil), u.Problems...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Severity == form.Error && ps[j].Severity != form.Error })
	var lines []string
	for _, p := range ps {
		lines = append(lines, fmt.Sprintf("[%s] %s", p.Severity, p.Message))
	}
	for _, w := range u.Warnings {
		lines = append(lines, "[导入] "+w)
	}
	if len(lines) > maxListed {
		lines = append(lines[:maxListed], fmt.Sprintf("……另有 %d 条", len(lines)-maxListed))
	}
	return strings.Join(lines, "\n")
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// paneBelow freezes the rows above row (one-based count of rows kept in view).
func paneBelow(rows int) *excelize.Panes {
	return &excelize.Panes{Freeze: true, YSplit: rows, TopLeftCell: cellName(rows, 0), ActivePane: "bottomLeft"}
}
