package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

func unit(agency string, year int, edit func(r *form.Report)) Unit {
	r := form.Sample(form.Latest)
	r.Meta.Agency, r.Meta.Year = agency, year
	if edit != nil {
		edit(r)
	}
	return Unit{Source: "单位/" + agency + ".xlsx", Report: r}
}

func TestAggregate(t *testing.T) {
	a := unit("甲局", 2025, nil)
	b := unit("乙局", 2025, func(r *form.Report) {
		_ = r.Set("apply.1.natural", "40")
		_ = r.Set("apply.4.natural", "6")
		_ = r.Set("active.fees.amount", "0.125")
		_ = r.Set("review.after.pending", "")
		r.FillDerived()
	})
	c := unit("丙局", 2025, func(r *form.Report) { _ = r.Set("apply.1.total", "999") })
	units := []Unit{
		a, b, c,
		unit("丁局", 2025, func(r *form.Report) { _ = r.Set("apply.3.1.natural", "/") }),
		unit("戊局", 2024, nil),
		unit("　甲局 ", 2025, nil),
		{Source: "坏文件.xlsx", Err: errors.New("无法读取「坏文件.xlsx」：文件已损坏")},
		unit("某县人民政府办公室", 2025, nil),
		unit("", 2025, func(r *form.Report) { r.Meta.Year = 0 }),
	}
	s, err := Aggregate("某县人民政府办公室", units)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range s.Units {
		names = append(names, u.Report.Meta.Agency)
	}
	if strings.Join(names, ",") != "甲局,乙局,丙局" {
		t.Errorf("summed units %v, want 甲局,乙局,丙局", names)
	}
	if s.Units[0].Errors != 0 || s.Units[2].Errors == 0 {
		t.Errorf("error counts %d, %d; want 0 for 甲局 and some for 丙局", s.Units[0].Errors, s.Units[2].Errors)
	}
	wantLeft := []struct{ source, words string }{
		{"丁局", "不是有效数字"}, {"戊局", "2024 年度"}, {"甲局", "同一单位"},
		{"坏文件", "已损坏"}, {"某县人民政府办公室", "汇总单位相同"}, {"", "未填写报告年度"},
	}
	if len(s.Left) != len(wantLeft) {
		t.Fatalf("left out %v, want %d", s.Left, len(wantLeft))
	}
	for i, w := range wantLeft {
		if l := s.Left[i]; !strings.Contains(l.Source, w.source) || !strings.Contains(l.Reason, w.words) {
			t.Errorf("left out #%d = %s: %s; want %s: …%s…", i, l.Source, l.Reason, w.source, w.words)
		}
	}
	// The total is the cell-wise sum of the three units; blank where all are blank.
	for i, d := range form.Latest.Cells {
		var want form.Num
		blank := true
		for _, u := range []Unit{a, b, c} {
			if cell := u.Report.At(i); cell.OK() {
				want += cell.Value
				blank = false
			}
		}
		if got := s.Total.At(i); got.Value != want || got.Blank != blank {
			t.Errorf("total %s = %q (blank %v), want %s (blank %v)", d.Code, got.Text, got.Blank, want.Format(d.Kind), blank)
		}
	}
	if v, _ := s.Total.Value("active.fees.amount"); v != form.Num(3_250_000*2+125_000) {
		t.Errorf("summed amount = %s", v.Format(form.Amount))
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
	carry := func(u Unit) int64 { v, _ := u.Report.Value(carryCode); return v.Int() }
	for _, want := range []string{
		"|甲局|甲局.xlsx|42|3|42|3|", "|乙局|乙局.xlsx|", "|丙局|丙局.xlsx|999|",
		fmt.Sprintf("之和为 %d，汇总表为 %d，一致", carry(a)+carry(b)+carry(c), carry(a)+carry(b)+carry(c)),
		"未汇总的单位（6 个）", "坏文件.xlsx|无法读取「坏文件.xlsx」：文件已损坏", "戊局|戊局.xlsx|是 2024 年度报告",
		"一、本年新收政府信息公开申请数量（总计）", "三、本年度办理结果（七）总计", "行政复议·总计",
	} {
		if !strings.Contains(sheet, want) {
			t.Errorf("units sheet lacks %q:\n%s", want, sheet)
		}
	}
	if !strings.Contains(sheet, "[错误] 第三部分") {
		t.Errorf("丙局's errors are not spelled out:\n%s", sheet)
	}
}

func TestAggregateNothing(t *testing.T) {
	_, err := Aggregate("", []Unit{{Source: "a.xlsx", Err: errors.New("坏")}})
	if err == nil || !strings.Contains(err.Error(), "没有可汇总") {
		t.Errorf("err = %v", err)
	}
}

func TestAggregatePicksMajorityYear(t *testing.T) {
	s, err := Aggregate("", []Unit{unit("甲", 2024, nil), unit("乙", 2025, nil), unit("丙", 2025, nil)})
	if err != nil {
		t.Fatal(err)
	}
	if s.Total.Meta.Year != 2025 || len(s.Units) != 2 || len(s.Left) != 1 || !strings.Contains(s.Left[0].Reason, "2025 年度") {
		t.Errorf("year %d, units %d, left %v", s.Total.Meta.Year, len(s.Units), s.Left)
	}
}

func TestLoadUnitsKeepsOrder(t *testing.T) {
	paths := make([]string, 50)
	for i := range paths {
		paths[i] = fmt.Sprint(i)
	}
	units := LoadUnits(paths, func(p string) (*form.Report, []string, error) {
		if p == "7" {
			return nil, nil, errors.New("坏")
		}
		return form.New(form.Latest, 2025, "单位"+p), []string{"注" + p}, nil
	})
	for i, u := range units {
		if u.Source != paths[i] || (i == 7) != (u.Err != nil) || (u.Err == nil && u.Report.Meta.Agency != "单位"+paths[i]) {
			t.Errorf("unit %d = %+v", i, u)
		}
	}
}
