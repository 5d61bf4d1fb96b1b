package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

func unit(agency string, year int, edit func(r *form.Report)) form.Unit {
	r := form.Sample(form.Latest)
	r.Meta.Agency, r.Meta.Year = agency, year
	if edit != nil {
		edit(r)
	}
	return form.Unit{Source: "单位/" + agency + ".xlsx", Report: r}
}

// TestWriteSummary writes the aggregate of form.Aggregate: the summed tables read back as
// the total, and the units sheet lists the units, their key figures, the cross-check and
// the units left out. The selection itself is tested in form.
func TestWriteSummary(t *testing.T) {
	a := unit("甲局", 2025, nil)
	b := unit("乙局", 2025, func(r *form.Report) {
		_ = r.Set("apply.1.natural", "40")
		_ = r.Set("apply.4.natural", "6")
		_ = r.Set("review.after.pending", "") // blank, not 0: the total's stays blank
		r.FillDerived()
	})
	c := unit("丙局", 2025, func(r *form.Report) { _ = r.Set("apply.1.total", "999") })
	units := []form.Unit{
		a, b, c,
		unit("丁局", 2025, func(r *form.Report) { _ = r.Set("apply.3.1.natural", "/") }),
		unit("戊局", 2024, nil),
		unit("　甲局 ", 2025, nil),
		{Source: "坏文件.xlsx", Err: errors.New("无法读取「坏文件.xlsx」：文件已损坏")},
		unit("某县人民政府办公室", 2025, nil),
		unit("", 2025, func(r *form.Report) { r.Meta.Year = 0 }),
	}
	s, err := form.Aggregate("某县人民政府办公室", units)
	if err != nil {
		t.Fatal(err)
	}
	// The workbook: summed tables that read back as the total, and the units sheet.
	var buf bytes.Buffer
	if err := WriteSummary(&buf, s); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	back, ws, err := Read(bytes.NewReader(data))
	if err != nil || len(ws) > 0 {
		t.Fatalf("reading the summary: %v %v", err, ws)
	}
	sameReport(t, back, s.Total)
	f := openBytes(t, data)
	rows, err := f.GetRows(SheetUnits)
	if err != nil {
		t.Fatal(err)
	}
	sheet := ""
	for _, r := range rows {
		sheet += strings.Join(r, "|") + "\n"
	}
	carry := func(u form.Unit) int64 { v, _ := u.Report.Value(form.CarryCode); return v.Int() }
	for _, want := range []string{
		"|甲局|甲局.xlsx|42|3|42|3|", "|乙局|乙局.xlsx|", "|丙局|丙局.xlsx|999|",
		fmt.Sprintf("核对：上表各单位四、结转下年度继续办理（总计）之和为 %d，汇总表为 %d。", carry(a)+carry(b)+carry(c), carry(a)+carry(b)+carry(c)),
		"|错误|提醒|未填|需要核实的问题", "|甲局|甲局.xlsx|42|3|42|3|2|1|0|0|0|0\n", "|0|1|1|[留空] 1 格未填（如表四「复议后起诉·尚未审结」列），汇总表中相应的格子留空",
		"；1 个单位有未填的格子，汇总表中 2 格因此留空（空白不是 0，不能相加）",
		"未汇总的单位（6 个）", "坏文件.xlsx|无法读取「坏文件.xlsx」：文件已损坏", "戊局|戊局.xlsx|是 2024 年度报告",
		"一、本年新收政府信息公开申请数量（总计）", "三、本年度办理结果（七）总计", "行政复议·总计",
	} {
		if !strings.Contains(sheet, want) {
			t.Errorf("units sheet lacks %q:\n%s", want, sheet)
		}
	}
	if c, _ := back.Cell("review.after.pending"); !c.Blank {
		t.Errorf("the total's 尚未审结 reads back as %q, want blank", c.Text)
	}
	if !strings.Contains(sheet, "[错误] 第三部分") {
		t.Errorf("丙局's errors are not spelled out:\n%s", sheet)
	}
}

func TestWriteSummaryRejectsNothing(t *testing.T) {
	for _, s := range []*form.Summary{nil, {}} {
		if err := WriteSummary(io.Discard, s); err == nil || !strings.Contains(err.Error(), "没有汇总结果") {
			t.Errorf("WriteSummary(%v) = %v", s, err)
		}
	}
}
