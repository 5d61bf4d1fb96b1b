package form

import (
	"bufio"
	"os"
	"sort"
	"strings"
	"testing"
)

// loadCells builds a report from a testdata file of CODE=VALUE lines, the way `nianbao-cli set` does.
func loadCells(t testing.TB, f *Format, path string) *Report {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	r := New(f, 2019, "")
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		code, v, _ := strings.Cut(line, "=")
		if err := r.Set(code, v); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
	}
	return r
}

func rules(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Rule+":"+p.Cells[0])
	}
	sort.Strings(out)
	return out
}

func TestSeedsThroughCheck(t *testing.T) {
	f19, _ := FormatByID("2019")
	if ps := Check(loadCells(t, f19, "testdata/seed000.cells"), nil); len(ps) != 0 {
		t.Errorf("seed 000 is clean, got %v", ps)
	}
	ps := Check(loadCells(t, f19, "testdata/seed003.cells"), nil)
	got := strings.Join(rules(ps), " ")
	want := "H2:apply.3.1.total H2:apply.3.3.4.total H3:apply.3.7.commercial H3:apply.3.7.total"
	if got != want {
		t.Errorf("seed 003 problems = %s\nwant %s", got, want)
	}
	for _, p := range ps {
		if p.Severity != Error || p.Section != 3 || p.Message == "" {
			t.Errorf("seed 003 problem %+v", p)
		}
	}
	if ps[0].Rule == "H2" && !strings.Contains(ps[0].Message, "（一）予以公开") {
		t.Errorf("message does not name the row as printed: %s", ps[0].Message)
	}
}

func TestBlankAndSampleAreClean(t *testing.T) {
	for _, f := range Formats {
		if ps := Check(New(f, 2025, "某局"), nil); len(ps) != 0 {
			t.Errorf("%s blank report: %v", f.ID, ps)
		}
		s := Sample(f)
		if ps := Check(s, nil); len(ps) != 0 {
			t.Errorf("%s sample report: %v", f.ID, ps)
		}
		// Carried over from itself, the cross-year carry rules hold (H1 may not: the new
		// year's 上年结转 changed while its other rows did not).
		next := s.Clone()
		next.Meta.Year++
		next.CarryOver(s)
		next.FillDerived()
		for _, p := range Check(next, s) {
			if p.Rule == "X1" || p.Rule == "X3" {
				t.Errorf("%s after carry-over: %+v", f.ID, p)
			}
		}
	}
}

// TestIdentities breaks each identity once from a correct report, and checks that exactly
// that rule fires on the expected cell, and that the correct report passes it.
func TestIdentities(t *testing.T) {
	f21, f19 := Formats[0], Formats[1]
	for _, tc := range []struct {
		name  string
		f     *Format
		edit  map[string]string
		last  func(*Report)
		rule  string
		cell  string
		sev   Severity
		inMsg string
	}{
		{name: "H1 balance", f: f21, edit: map[string]string{"apply.4.natural": "9", "apply.4.total": "10"},
			rule: "H1", cell: "apply.1.natural", sev: Error, inMsg: "第一项加第二项之和"},
		{name: "H2 row total", f: f21, edit: map[string]string{"apply.1.total": "41"},
			rule: "H2", cell: "apply.1.total", sev: Error, inMsg: "「一、本年新收政府信息公开申请数量」行「总计」列：应为 42"},
		{name: "H2 blank total", f: f21, edit: map[string]string{"apply.3.1.total": ""},
			rule: "H2", cell: "apply.3.1.total", sev: Error, inMsg: "未填写，应为 21"},
		{name: "H3 leaf sum", f: f21, edit: map[string]string{"apply.3.3.4.natural": "3", "apply.3.3.4.total": "3"},
			rule: "H3", cell: "apply.3.7.natural", sev: Error, inMsg: "「（七）总计」行「自然人」列：应为 38"},
		{name: "H4 review", f: f21, edit: map[string]string{"review.after.total": "2"},
			rule: "H4", cell: "review.after.total", sev: Error, inMsg: "复议后起诉·总计"},
		{name: "H5 letter", f: f21, edit: map[string]string{"active.penalty.decisions": "12a"},
			rule: "H5", cell: "active.penalty.decisions", sev: Error, inMsg: "「行政处罚」行「本年处理决定数量」列：「12a」不是数字"},
		{name: "H5 slash", f: f19, edit: map[string]string{"active.fees.prev": "/"},
			rule: "H5", cell: "active.fees.prev", sev: Error, inMsg: "「/」不是数字"},
		{name: "X1 carry", f: f21, edit: map[string]string{"apply.2.natural": "5"},
			last: func(l *Report) {}, rule: "X1", cell: "apply.2.natural", sev: Error, inMsg: "结转下年度继续办理」2，现为 5"},
		{name: "X2 effective", f: f21, edit: map[string]string{"active.normative.effective": "30"},
			last: func(l *Report) { _ = l.Set("active.normative.effective", "26") }, rule: "X2", cell: "active.normative.effective", sev: Warning, inMsg: "上年「现行有效件数」26 + 「本年制发件数」3 − 「本年废止件数」2 = 27，现填 30"},
		{name: "X3 prev", f: f19, edit: map[string]string{"active.license.prev": "40"},
			last: func(l *Report) { _ = l.Set("active.license.prev", "48") }, rule: "X3", cell: "active.license.prev", sev: Warning, inMsg: "应为 46"},
		{name: "W1 long overview", f: f21, edit: map[string]string{"text.overview": strings.Repeat("公开", 501)},
			rule: "W1", sev: Warning, inMsg: "不超过一千字"},
		{name: "W2 no fee statement", f: f21, edit: map[string]string{"text.other": "无其他需要报告的事项。"},
			rule: "W2", sev: Warning, inMsg: "信息处理费"},
		{name: "W3 same as last year", f: f21, edit: map[string]string{},
			last: func(l *Report) {}, rule: "W3", sev: Warning, inMsg: "相似度"},
		{name: "W5 fee notice denied", f: f21, edit: map[string]string{"apply.3.6.2.natural": "1", "apply.3.6.2.total": "1", "apply.3.7.natural": "39", "apply.3.7.total": "46", "apply.1.natural": "37", "apply.1.total": "43",
			"text.other": "本年度未发出收费通知，未收取信息处理费。"}, rule: "W5", cell: "apply.3.6.2.total", sev: Warning, inMsg: "未发出收费通知"},
		{name: "W6 other handling", f: f21, edit: map[string]string{"apply.3.6.3.natural": "8", "apply.3.6.3.total": "8", "apply.3.7.natural": "46", "apply.3.7.total": "53", "apply.1.natural": "44", "apply.1.total": "50"},
			rule: "W6", cell: "apply.3.6.1.total", sev: Warning, inMsg: "「（六）其他处理」共 9 件，占「（七）总计」53 件的 17%"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := Sample(tc.f)
			var last *Report
			if tc.last != nil {
				last = Sample(tc.f)
				last.Meta.Year--
				tc.last(last)
				// The correct report passes the cross-year rule being tested.
				good := base.Clone()
				good.CarryOver(last)
				good.FillDerived()
				for _, p := range Check(good, last) {
					if p.Rule == tc.rule && tc.rule != "W3" {
						t.Fatalf("correct report fails %s: %s", tc.rule, p.Message)
					}
				}
			}
			for _, p := range Check(base, nil) {
				if p.Rule == tc.rule {
					t.Fatalf("correct report fails %s: %s", tc.rule, p.Message)
				}
			}
			r := base.Clone()
			for k, v := range tc.edit {
				switch k {
				case "text.overview":
					r.Text.Overview = v
				case "text.other":
					r.Text.Other = v
				default:
					_ = r.Set(k, v)
				}
			}
			var found *Problem
			ps := Check(r, last)
			for i, p := range ps {
				if p.Rule == tc.rule && found == nil {
					found = &ps[i]
				}
			}
			if found == nil {
				t.Fatalf("%s not raised; got %v", tc.rule, ps)
			}
			if found.Severity != tc.sev || !strings.Contains(found.Message, tc.inMsg) {
				t.Errorf("%s = %s %q; want %s containing %q", tc.rule, found.Severity, found.Message, tc.sev, tc.inMsg)
			}
			if tc.cell != "" && (len(found.Cells) == 0 || found.Cells[0] != tc.cell) {
				t.Errorf("%s cells = %v, want first %s", tc.rule, found.Cells, tc.cell)
			}
		})
	}
}

func TestW2OnlyForCurrentFormatWithText(t *testing.T) {
	r := New(Formats[1], 2019, "某局")
	r.Text.Other = "无。"
	for _, p := range Check(r, nil) {
		if p.Rule == "W2" {
			t.Error("W2 raised for the 2019 format, which predates the 信息处理费 rule")
		}
	}
	r = New(Formats[0], 2025, "某局")
	r.Text.Other = "全年共向3件申请发出收费通知，实际收取信息处理费380元。"
	for _, p := range Check(r, nil) {
		if p.Rule == "W2" {
			t.Error("W2 raised though 六 states the fee")
		}
	}
}

func TestW5NoticeIssuedButUnpaidIsConsistent(t *testing.T) {
	r := Sample(Formats[0])
	_ = r.Set("apply.3.6.2.natural", "7")
	r.FillDerived()
	r.Text.Other = "全年共发出收费通知7件，申请人均未缴费，实际收取信息处理费380元。"
	for _, p := range Check(r, nil) {
		if p.Rule == "W5" {
			t.Errorf("false W5: %s", p.Message)
		}
	}
}

func TestFillDerived(t *testing.T) {
	r := New(Formats[0], 2025, "")
	_ = r.Set("apply.1.natural", "3")
	_ = r.Set("apply.1.legal", "2")
	_ = r.Set("apply.3.1.natural", "4")
	_ = r.Set("apply.3.5.2.research", "1")
	_ = r.Set("review.admin.upheld", "1")
	changed := r.FillDerived()
	for code, want := range map[string]string{
		"apply.1.total": "5", "apply.3.7.natural": "4", "apply.3.7.research": "1", "apply.3.7.total": "5",
		"apply.3.1.total": "4", "review.admin.total": "1",
	} {
		if c, _ := r.Cell(code); c.Text != want {
			t.Errorf("%s = %q, want %q", code, c.Text, want)
		}
	}
	for _, code := range []string{"apply.2.total", "apply.3.7.commercial", "review.after.total"} {
		if c, _ := r.Cell(code); !c.Blank {
			t.Errorf("%s = %q, want blank (all its terms are blank)", code, c.Text)
		}
	}
	if len(changed) != 7 {
		t.Errorf("changed = %v", changed)
	}
	for _, p := range Check(r, nil) {
		if p.Rule != "H1" {
			t.Errorf("after FillDerived: %s", p.Message)
		}
	}
}

func TestCarryOver(t *testing.T) {
	last := Sample(Formats[0])
	r := New(Formats[0], 2026, "")
	set := r.CarryOver(last)
	if c, _ := r.Cell("apply.2.natural"); c.Text != "2" {
		t.Errorf("apply.2.natural = %q, want 2 (last year's apply.4.natural)", c.Text)
	}
	if c, _ := r.Cell("apply.2.total"); c.Text != "3" {
		t.Errorf("apply.2.total = %q, want 3", c.Text)
	}
	if len(set) != 7 {
		t.Errorf("set %v, want the 7 columns", set)
	}
	l19 := Sample(Formats[1])
	r19 := New(Formats[1], 2020, "")
	r19.CarryOver(l19)
	for code, want := range map[string]string{"active.license.prev": "44", "active.services.prev": "13", "active.penalty.prev": "407"} {
		if c, _ := r19.Cell(code); c.Text != want {
			t.Errorf("2019 %s = %q, want %s", code, c.Text, want)
		}
	}
}

func TestSum(t *testing.T) {
	a, b := Sample(Formats[0]), Sample(Formats[0])
	_ = b.Set("active.fees.amount", "0.75")
	b.Meta.Agency = "乙"
	total, err := Sum("示例县", []*Report{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := total.Cell("active.fees.amount"); c.Text != "4.00" {
		t.Errorf("fees = %q, want 4.00", c.Text)
	}
	if c, _ := total.Cell("apply.1.total"); c.Text != "84" {
		t.Errorf("apply.1.total = %q, want 84", c.Text)
	}
	if ps := Check(total, nil); Errors(ps) != 0 {
		t.Errorf("sum of correct reports has errors: %v", ps)
	}
	c := Sample(Formats[1])
	if _, err := Sum("x", []*Report{a, c}); err == nil || !strings.Contains(err.Error(), "格式") {
		t.Errorf("mixing formats: %v", err)
	}
	bad := a.Clone()
	_ = bad.Set("apply.1.natural", "x")
	if _, err := Sum("x", []*Report{a, bad}); err == nil || !strings.Contains(err.Error(), "自然人") {
		t.Errorf("invalid cell: %v", err)
	}
}

func TestSimilarity(t *testing.T) {
	a := strings.Repeat("我局认真贯彻落实条例要求，不断加强信息公开工作。", 4)
	if s := Similarity(a, a); s != 1 {
		t.Errorf("identical = %v", s)
	}
	if s := Similarity(a, strings.Repeat("今年重点推进行政执法公示和权责清单动态调整。", 4)); s > 0.3 {
		t.Errorf("different = %v", s)
	}
	if s := Similarity("短", "短"); s != 0 {
		t.Errorf("short = %v", s)
	}
}

// nextYear returns a correct report for the year after last: carried over, balanced, with
// its own narrative, so that Check finds nothing.
func nextYear(last *Report) *Report {
	r := Sample(last.Format)
	r.Meta.Year = last.Meta.Year + 1
	r.CarryOver(last)
	for _, c := range []string{"natural", "commercial", "research", "nonprofit", "legal", "other"} {
		v7, _ := r.Value("apply.3.7." + c)
		v4, _ := r.Value("apply.4." + c)
		v2, _ := r.Value("apply.2." + c)
		_ = r.SetValue("apply.1."+c, v7+v4-v2)
	}
	_ = r.Set("active.normative.effective", "28")
	r.FillDerived()
	r.Text.Overview = strings.Repeat("本年度重点推进行政执法公示、权责清单动态调整和政策解读工作。", 6)
	r.Text.Problems = strings.Repeat("下一步将完善依申请公开办理流程，加强业务培训和考核。", 6)
	return r
}

func TestNextYearIsClean(t *testing.T) {
	last := Sample(Formats[0])
	if ps := Check(nextYear(last), last); len(ps) != 0 {
		t.Errorf("a correct next-year report has problems: %v", ps)
	}
}

// BenchmarkCheck is a full check of a filled, correct report against last year's.
func BenchmarkCheck(b *testing.B) {
	last := Sample(Formats[0])
	r := nextYear(last)
	b.ReportAllocs()
	for b.Loop() {
		Check(r, last)
	}
}

// BenchmarkCheckManyProblems checks a report whose cross-year checks and W3 all fire.
func BenchmarkCheckManyProblems(b *testing.B) {
	r, last := Sample(Formats[0]), Sample(Formats[0])
	b.ReportAllocs()
	for b.Loop() {
		Check(r, last)
	}
}

func BenchmarkCheckNoLastYear(b *testing.B) {
	r := Sample(Formats[0])
	b.ReportAllocs()
	for b.Loop() {
		Check(r, nil)
	}
}
