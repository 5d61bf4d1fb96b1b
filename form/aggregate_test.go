package form

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func unit(agency string, year int, edit func(r *Report)) Unit {
	r := Sample(Latest)
	r.Meta.Agency, r.Meta.Year = agency, year
	if edit != nil {
		edit(r)
	}
	return Unit{Source: "单位/" + agency + ".xlsx", Report: r}
}

func TestAggregate(t *testing.T) {
	a := unit("甲局", 2025, nil)
	b := unit("乙局", 2025, func(r *Report) {
		_ = r.Set("apply.1.natural", "40")
		_ = r.Set("apply.4.natural", "6")
		_ = r.Set("active.fees.amount", "0.125")
		_ = r.Set("review.after.pending", "")
		r.FillDerived()
	})
	c := unit("丙局", 2025, func(r *Report) { _ = r.Set("apply.1.total", "999") })
	units := []Unit{
		a, b, c,
		unit("丁局", 2025, func(r *Report) { _ = r.Set("apply.3.1.natural", "/"); _ = r.Set("apply.3.1.research", "—") }),
		unit("戊局", 2024, nil),
		unit("　甲局 ", 2025, nil),
		{Source: "坏文件.xlsx", Err: errors.New("无法读取「坏文件.xlsx」：文件已损坏")},
		unit("某县人民政府办公室", 2025, nil),
		unit("", 2025, func(r *Report) { r.Meta.Year = 0 }),
		{Source: "空.xlsx"},
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
	if s.Units[0].Errors != 0 || s.Units[2].Errors == 0 || s.Units[2].Errors != Errors(s.Units[2].Problems) {
		t.Errorf("error counts %d, %d; want 0 for 甲局 and some for 丙局", s.Units[0].Errors, s.Units[2].Errors)
	}
	d, _ := Latest.Cell("apply.3.1.natural")
	wantLeft := []struct{ source, words string }{
		{"丁局", "不是有效数字（如 表三" + d.Where() + "：「/」"}, {"戊局", "2024 年度"}, {"甲局", "同一单位"},
		{"坏文件", "已损坏"}, {"某县人民政府办公室", "汇总单位相同"}, {"", "未填写报告年度"}, {"空", "无法读取"},
	}
	if len(s.Left) != len(wantLeft) {
		t.Fatalf("left out %v, want %d", s.Left, len(wantLeft))
	}
	for i, w := range wantLeft {
		if l := s.Left[i]; !strings.Contains(l.Source, w.source) || !strings.Contains(l.Reason, w.words) {
			t.Errorf("left out #%d = %s: %s; want %s: …%s…", i, l.Source, l.Reason, w.source, w.words)
		}
	}
	if !strings.HasPrefix(s.Left[0].Reason, "有 2 个单元格") || s.Left[0].Agency != "丁局" || s.Left[2].Agency != "甲局" {
		t.Errorf("丁局 / 甲局 left out as %+v / %+v", s.Left[0], s.Left[2])
	}
	// The total is the cell-wise sum of the three units; blank where any is blank (a blank is
	// not a zero: 乙局's blank 尚未审结 leaves the total's blank, and its 总计 with it).
	for i, d := range Latest.Cells {
		var want Num
		blank := false
		for _, u := range []Unit{a, b, c} {
			if cell := u.Report.At(i); cell.OK() {
				want += cell.Value
			} else {
				blank = true
			}
		}
		if blank {
			want = 0
		}
		if got := s.Total.At(i); got.Value != want || got.Blank != blank || blank != (s.Blank[i] > 0) {
			t.Errorf("total %s = %q (blank %v, %d units blank), want %s (blank %v)", d.Code, got.Text, got.Blank, s.Blank[i], want.Format(d.Kind), blank)
		}
	}
	for _, code := range []string{"review.after.pending", "review.after.total"} {
		if cell, _ := s.Total.Cell(code); !cell.Blank || cell.Text != "" || s.Blank[Latest.Index(code)] != 1 {
			t.Errorf("%s of the total = %+v, want blank (1 unit blank)", code, cell)
		}
	}
	// Only 乙局 left a cell blank: the cell it types, not the total computed from it.
	if strings.Join(s.Units[1].Blanks, " ") != "review.after.pending" || len(s.Units[0].Blanks)+len(s.Units[2].Blanks) != 0 || s.BlankUnits() != 1 {
		t.Errorf("blanks per unit: %v %v %v", s.Units[0].Blanks, s.Units[1].Blanks, s.Units[2].Blanks)
	}
	pending, _ := Latest.Cell("review.after.pending")
	if got := s.Units[1].BlankNote(); got != "1 格未填（如表四"+pending.Where()+"），汇总表中相应的格子留空" || s.Units[0].BlankNote() != "" {
		t.Errorf("乙局's note %q", got)
	}
	if got := s.BlankNote(); got != "1 个单位有未填的格子，汇总表中 2 格因此留空（空白不是 0，不能相加），请这些单位补填（没有发生的填 0）后重新汇总" {
		t.Errorf("summary note %q", got)
	}
	if v, _ := s.Total.Value("active.fees.amount"); v != Num(3_250_000*2+125_000) {
		t.Errorf("summed amount = %s", v.Format(Amount))
	}
	// The cross-check figure: the units' 结转下年度 next to the total's.
	var carry Num
	for _, u := range []Unit{a, b, c} {
		v, _ := u.Report.Value(CarryCode)
		carry += v
	}
	if s.Carry.Def == nil || s.Carry.Def.Code != CarryCode || s.Carry.Units != carry || s.Carry.Total != carry || s.Carry.Blank != 0 {
		t.Errorf("carry cross-check %+v, want %s both", s.Carry, carry.Format(Count))
	}
	if s.Total.Meta.Agency != "某县人民政府办公室" || len(s.Problems) != len(Check(s.Total, nil)) {
		t.Errorf("total agency %q, %d problems", s.Total.Meta.Agency, len(s.Problems))
	}
}

// TestSumBlankIsNotZero: a cell blank in one unit and 5 in another is blank in the total,
// never 5; a cell filled in every unit is their sum.
func TestSumBlankIsNotZero(t *testing.T) {
	a := New(Latest, 2025, "甲")
	b := New(Latest, 2025, "乙")
	_ = b.Set("apply.1.natural", "5")
	_ = a.Set("apply.1.legal", "2")
	_ = b.Set("apply.1.legal", "3")
	total, err := Sum("县", []*Report{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := total.Cell("apply.1.natural"); !c.Blank || c.Text != "" || c.Value != 0 {
		t.Errorf("blank + 5 = %+v, want blank", c)
	}
	if v, ok := total.Value("apply.1.legal"); !ok || v != N(5) {
		t.Errorf("2 + 3 = %v, %v", v, ok)
	}
	s, err := Aggregate("县", []Unit{{Source: "甲.xlsx", Report: a}, {Source: "乙.xlsx", Report: b}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Carry.Blank != 2 || s.Carry.Total != 0 {
		t.Errorf("carry figure %+v, want 2 units blank", s.Carry)
	}
	if s.Blank[Latest.Index("apply.1.natural")] != 1 || s.Blank[Latest.Index("apply.1.legal")] != 0 || s.Blank[Latest.Index("apply.2.natural")] != 2 {
		t.Error("blank counts per cell")
	}
}

// TestVerifySum: an identity failing in the total while every unit satisfies it refuses the
// total; one that a unit fails itself is the unit's problem, not the sum's.
func TestVerifySum(t *testing.T) {
	a, b := Sample(Latest), Sample(Latest)
	total, err := Sum("县", []*Report{a, b})
	if err != nil || verifySum(total, []*Report{a, b}) != nil {
		t.Fatalf("a correct sum: %v / %v", err, verifySum(total, []*Report{a, b}))
	}
	wrong := total.Clone()
	_ = wrong.Set("apply.1.natural", "1") // as if one unit's figure had gone elsewhere
	if err := verifySum(wrong, []*Report{a, b}); err == nil || !strings.Contains(err.Error(), "各单位报告都满足 H2，汇总结果却不满足") {
		t.Errorf("a wrong sum: %v", err)
	}
	_ = b.Set("apply.1.total", "999") // 丙局-like: the unit's own total is wrong
	total, _ = Sum("县", []*Report{a, b})
	if err := verifySum(total, []*Report{a, b}); err != nil {
		t.Errorf("a unit's own error refused the sum: %v", err)
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

// TestSumNamesInvalidCell: Sum refuses a unit with a non-number and names the unit and
// the first such cell.
func TestSumNamesInvalidCell(t *testing.T) {
	bad := unit("丁局", 2025, func(r *Report) { _ = r.Set("apply.3.1.natural", "/") }).Report
	_, err := Sum("", []*Report{unit("甲局", 2025, nil).Report, bad})
	d, _ := Latest.Cell("apply.3.1.natural")
	if err == nil || !strings.Contains(err.Error(), "「丁局」"+where(d)+"：「/」") {
		t.Errorf("err = %v", err)
	}
}

func TestLoadUnitsKeepsOrder(t *testing.T) {
	paths := make([]string, 50)
	for i := range paths {
		paths[i] = fmt.Sprint(i)
	}
	units := LoadUnits(paths, func(p string) (*Report, []string, error) {
		switch p {
		case "7":
			return nil, nil, errors.New("坏")
		case "9":
			return nil, nil, nil
		}
		return New(Latest, 2025, "单位"+p), []string{"注" + p}, nil
	})
	for i, u := range units {
		bad := i == 7 || i == 9
		if u.Source != paths[i] || bad != (u.Err != nil) || (!bad && (u.Report.Meta.Agency != "单位"+paths[i] || u.Warnings[0] != "注"+paths[i])) {
			t.Errorf("unit %d = %+v", i, u)
		}
	}
	if units[9].Err == nil || !strings.Contains(units[9].Err.Error(), "没有报告") {
		t.Errorf("a file without a report: %v", units[9].Err)
	}
}

// With IncludeOwn the summarising unit's own report is summed, but a file named as a 汇总
// of the same unit is still an earlier total; progress reaches the end; cancelling stops.
func TestAggregateWithOptions(t *testing.T) {
	own := unit("某县人民政府办公室", 2025, nil)
	earlier := unit("某县人民政府办公室", 2025, nil)
	earlier.Source = "单位/某县2024年汇总.xlsx"
	units := []Unit{unit("甲局", 2025, nil), earlier, own}
	var last, calls int
	s, err := AggregateWith(units, AggregateOptions{Agency: "某县人民政府办公室", IncludeOwn: true,
		Progress: func(done, total int) { last, calls = done, calls+1 }})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Units) != 2 || s.Units[1].Source != own.Source {
		t.Errorf("summed %d units, want 甲局 and the own report", len(s.Units))
	}
	if len(s.Left) != 1 || s.Left[0].Source != earlier.Source || !strings.Contains(s.Left[0].Reason, "以前生成的汇总表") {
		t.Errorf("left out %+v, want the earlier 汇总 file", s.Left)
	}
	if last != len(units) || calls < 2 {
		t.Errorf("progress ended at %d after %d calls, want %d", last, calls, len(units))
	}
	if !IsSelf("　某县人民政府办公室 ", own.Report) || IsSelf("", own.Report) || IsSelf("甲局", own.Report) {
		t.Error("IsSelf")
	}
	// Without the option the own report is left out, saying how to include it.
	s, _ = AggregateWith(units, AggregateOptions{Agency: "某县人民政府办公室"})
	if len(s.Units) != 1 || len(s.Left) != 2 || !strings.Contains(s.Left[1].Reason, "包含本单位报告") {
		t.Errorf("without IncludeOwn: %d summed, left %+v", len(s.Units), s.Left)
	}
	cancel := make(chan struct{})
	close(cancel)
	if _, err := AggregateWith(units, AggregateOptions{Agency: "x", Cancel: cancel}); !errors.Is(err, ErrCanceled) {
		t.Errorf("cancelled aggregate: %v", err)
	}
	if _, err := LoadUnitsWith([]string{"a", "b"}, func(string) (*Report, []string, error) { return nil, nil, nil }, nil, cancel); !errors.Is(err, ErrCanceled) {
		t.Errorf("cancelled load: %v", err)
	}
	loaded, err := LoadUnitsWith([]string{"a", "b"}, func(p string) (*Report, []string, error) { return New(Latest, 2025, p), nil, nil }, func(done, total int) {}, nil)
	if err != nil || len(loaded) != 2 || loaded[1].Report.Meta.Agency != "b" {
		t.Errorf("load: %v %v", loaded, err)
	}
}
