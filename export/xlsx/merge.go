package xlsx

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/form"
	"github.com/xuri/excelize/v2"
)

// keyCodes are the figures listed for each unit on the units sheet.
var keyCodes = []string{"apply.1.total", "apply.2.total", "apply.3.7.total", form.CarryCode,
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
func WriteSummary(w io.Writer, s *form.Summary) error {
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
func (b *builder) unitsSheet(s *form.Summary) {
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
	heads = append(heads, "错误", "提醒", "未填", "需要核实的问题")
	widths = append(widths, 6, 6, 6, 60)
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
	sub := fmt.Sprintf("共汇总 %d 个单位；未汇总 %d 个（见下方“未汇总的单位”）；汇总表检查发现 %d 处错误", len(s.Units), len(s.Left), form.Errors(s.Problems))
	if note := s.BlankNote(); note != "" {
		sub += "；" + note
	}
	title(sub, b.st.subtitle)
	for c, h := range heads {
		b.do(f.SetCellStr(sheet, cellName(row, c), h))
	}
	b.do(f.SetCellStyle(sheet, cellName(row, 0), cellName(row, last), b.st.unitHead))
	b.do(f.SetRowHeight(sheet, row+1, 58))
	headRow := row
	row++
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
			}
		}
		b.do(f.SetCellInt(sheet, cellName(row, last-3), int64(u.Errors)))
		b.do(f.SetCellInt(sheet, cellName(row, last-2), int64(warnings(u.Problems))))
		b.do(f.SetCellInt(sheet, cellName(row, last-1), int64(len(u.Blanks))))
		msgs := problemText(u)
		b.do(f.SetCellStr(sheet, cellName(row, last), msgs))
		b.do(f.SetCellStyle(sheet, cellName(row, 0), cellName(row, 2), b.st.unitCell))
		b.do(f.SetCellStyle(sheet, cellName(row, 3), cellName(row, last-1), b.st.unitNum))
		style := b.st.unitCell
		if u.Errors > 0 {
			style = b.st.unitBad
			b.do(f.SetCellStyle(sheet, cellName(row, last-3), cellName(row, last-3), b.st.unitBad))
		}
		if len(u.Blanks) > 0 {
			b.do(f.SetCellStyle(sheet, cellName(row, last-1), cellName(row, last-1), b.st.unitBad))
		}
		b.do(f.SetCellStyle(sheet, cellName(row, last), cellName(row, last), style))
		b.do(f.SetRowHeight(sheet, row+1, min(maxRowHeight, float64(max(1, lines(msgs, widths[last])))*lineHeight+4)))
		row++
	}
	// The figure a reader adds up from the column above (the sum itself is verified by
	// form.AggregateWith): the units' 结转下年度 next to the total's.
	row++
	if c := s.Carry; c.Def != nil {
		if c.Blank > 0 {
			title(fmt.Sprintf("核对：%d 个单位未填%s，汇总表此格留空（空白不是 0，不能相加）。", c.Blank, keyHeader(c.Def)), b.st.subtitle)
		} else {
			title(fmt.Sprintf("核对：上表各单位%s之和为 %s，汇总表为 %s。", keyHeader(c.Def), c.Units.Format(c.Def.Kind), c.Total.Format(c.Def.Kind)), b.st.subtitle)
		}
	}
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

// warnings counts the problems of severity 提醒.
func warnings(ps []form.Problem) int {
	n := 0
	for _, p := range ps {
		if p.Severity == form.Warning {
			n++
		}
	}
	return n
}

// problemText lists what the unit left blank (and so left blank in the total), then its
// errors, warnings, what is still to be filled and its reading notes, at most maxListed lines.
func problemText(u form.Included) string {
	ps := append([]form.Problem(nil), u.Problems...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Severity == form.Error && ps[j].Severity != form.Error })
	var lines []string
	if note := u.BlankNote(); note != "" {
		lines = append(lines, "[留空] "+note)
	}
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
