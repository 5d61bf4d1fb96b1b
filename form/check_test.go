package form

import (
	"bufio"
	"os"
	"slices"
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

// rules lists the problems of the given severities as "RULE:first cell" (or "RULE" without cells), sorted.
func rules(ps []Problem, sev ...Severity) []string {
	var out []string
	for _, p := range ps {
		if len(sev) > 0 && !slices.Contains(sev, p.Severity) {
			continue
		}
		s := p.Rule
		if len(p.Cells) > 0 {
			s += ":" + p.Cells[0]
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func TestSeedsThroughCheck(t *testing.T) {
	f19, _ := FormatByID("2019")
	ps := CheckAll(loadCells(t, f19, "testdata/seed000.cells"), nil, Drafting)
	if got := rules(ps, Error, Warning); len(got) != 0 {
		t.Errorf("seed 000 is clean, got %v", got)
	}
	// Its table really leaves the organisation columns of 三 blank: 未填, not 0.
	if got := rules(ps, Unfilled); strings.Join(got, " ") != "B1:apply.1.commercial B2 B2 B2 M1 M3" {
		t.Errorf("seed 000 unfilled = %v", got)
	}
	ps = CheckAll(loadCells(t, f19, "testdata/seed003.cells"), nil, Drafting)
	got := strings.Join(rules(ps, Error), " ")
	want := "H2:apply.3.1.total H2:apply.3.3.4.total H3:apply.3.7.commercial H3:apply.3.7.total"
	if got != want {
		t.Errorf("seed 003 errors = %s\nwant %s", got, want)
	}
	for _, p := range ps {
		if p.Severity == Error && (p.Section != 3 || p.Message == "") {
			t.Errorf("seed 003 problem %+v", p)
		}
	}
	for _, p := range ps {
		if p.Rule == "H2" && !strings.Contains(p.Message, "（一）予以公开") {
			t.Errorf("message does not name the row as printed: %s", p.Message)
		}
		break
	}
}

// TestBlankReport: a new report has nothing wrong, but every table, section and field is to
// be filled; the final check makes each of them an error.
func TestBlankReport(t *testing.T) {
	for _, f := range Formats {
		r := New(f, 0, "")
		ps := CheckAll(r, nil, Drafting)
		if Errors(ps) != 0 || len(rules(ps, Warning)) != 0 {
			t.Errorf("%s blank report while drafting: %v", f.ID, rules(ps, Error, Warning))
		}
		if got := strings.Join(rules(ps), " "); got != "B1:"+f.Cells[0].Code+" B1:apply.1.natural B1:review.admin.upheld B2 B2 B2 M1 M2 M3" {
			t.Errorf("%s blank report: %s", f.ID, got)
		}
		counts := CountBySection(ps)
		// Only the cells the clerk types count: the totals are computed from them.
		typed := 0
		inTable := func(id string) int {
			n := 0
			for _, d := range f.Cells {
				if d.Table.ID == id && !d.Derived {
					n++
				}
			}
			return n
		}
		for _, d := range f.Cells {
			if !d.Derived {
				typed++
			}
		}
		for sec, want := range map[int]int{0: 3, 1: 1, 2: inTable("active"), 3: inTable("apply"), 4: 12, 5: 1, 6: 1} {
			if counts[sec].Blanks != want || counts[sec].Clean() {
				t.Errorf("%s §%d counts %+v, want %d blanks", f.ID, sec, counts[sec], want)
			}
		}
		final := CheckFinal(r, nil)
		h5 := 0
		for _, p := range final {
			if p.Severity != Error || !p.Blank {
				t.Errorf("%s final: %s %s %s", f.ID, p.Rule, p.Severity, p.Message)
			}
			if p.Rule == "H5" {
				h5++
			}
		}
		if h5 != typed || Errors(final) != typed+6 {
			t.Errorf("%s final: %d H5 of %d typed cells, %d errors", f.ID, h5, typed, Errors(final))
		}
		// With typed totals (手动填写合计) every cell is the clerk's, totals included.
		r.TypedTotals = true
		all := func(id string) int {
			n := 0
			for _, d := range f.Cells {
				if d.Table.ID == id {
					n++
				}
			}
			return n
		}
		if c := CountBySection(CheckAll(r, nil, Drafting)); c[3].Blanks != all("apply") || c[4].Blanks != 15 {
			t.Errorf("%s typed totals: §3 %d, §4 %d blanks", f.ID, c[3].Blanks, c[4].Blanks)
		}
		if n := Errors(CheckFinal(r, nil)); n != len(f.Cells)+6 {
			t.Errorf("%s typed totals final: %d errors, want %d", f.ID, n, len(f.Cells)+6)
		}
	}
}

// TestRowOneOfThree: typing only row 一 of 三 gives one 未填 item for the table, not the six
// H1 errors of blanks read as 0.
func TestRowOneOfThree(t *testing.T) {
	r := New(Latest, 2025, "某局")
	for _, c := range Latest.ApplicantCols {
		_ = r.Set("apply.1."+c, "0")
	}
	_ = r.Set("apply.1.natural", "3")
	r.FillDerived()
	ps := CheckAll(r, nil, Drafting)
	if n := Errors(ps); n != 0 {
		t.Fatalf("%d errors: %v", n, rules(ps, Error))
	}
	var b1 *Problem
	for i, p := range ps {
		if p.Rule == "B1" && p.Section == 3 {
			b1 = &ps[i]
		}
	}
	// 175 cells less row 一's 7 and the 30 totals (the 总计 column, the （七）总计 row) waiting
	// for the blank items.
	if b1 == nil || len(b1.Cells) != 175-7-30 || b1.Cells[0] != "apply.2.natural" || b1.Severity != Unfilled || !b1.Blank ||
		!strings.Contains(b1.Message, "第三部分还有 138 格未填") || !strings.Contains(b1.Message, "没有发生的请填 0；合计在各项填完后自动计算") {
		t.Errorf("B1 = %+v", b1)
	}
	// Row 一 itself is checked (H2) as soon as all its cells are numbers.
	_ = r.Set("apply.1.total", "4")
	if got := rules(CheckAll(r, nil, Drafting), Error); strings.Join(got, " ") != "H2:apply.1.total" {
		t.Errorf("wrong total of a complete row: %v", got)
	}
}

func TestSampleIsClean(t *testing.T) {
	for _, f := range Formats {
		s := Sample(f)
		for _, mode := range []Mode{Drafting, Final} {
			if ps := CheckAll(s, nil, mode); len(ps) != 0 {
				t.Errorf("%s sample report (mode %d): %v", f.ID, mode, ps)
			}
		}
		// Carried over from itself, the cross-year carry rules hold (H1 may not: the new
		// year's 上年结转 changed while its other rows did not).
		next := s.Clone()
		next.Meta.Year++
		next.Meta.Date = sampleDate(next.Meta.Year)
		next.CarryOver(s)
		next.FillDerived()
		for _, p := range CheckAll(next, s, Drafting) {
			if p.Rule == "X1" || p.Rule == "X3" {
				t.Errorf("%s after carry-over: %+v", f.ID, p)
			}
		}
	}
}

// TestOneBlankCellIsNeverClean: a complete report with one blank cell is 未填 while drafting
// (with the cell) and an error in the final check, naming it.
func TestOneBlankCellIsNeverClean(t *testing.T) {
	r := Sample(Latest)
	_ = r.Set("apply.3.3.4.natural", "")
	ps := CheckAll(r, nil, Drafting)
	if got := strings.Join(rules(ps), " "); got != "B1:apply.3.3.4.natural" {
		t.Errorf("drafting: %s", got)
	}
	if c := CountBySection(ps)[3]; c.Blanks != 1 || c.Clean() {
		t.Errorf("section 3 counts %+v", c)
	}
	if m := Marks(r, ps); m[Latest.Index("apply.3.3.4.natural")] != Unfilled || m[Latest.Index("apply.3.7.natural")] != "" {
		t.Errorf("marks: blank cell %q, its total %q", m[Latest.Index("apply.3.3.4.natural")], m[Latest.Index("apply.3.7.natural")])
	}
	final := CheckFinal(r, nil)
	if len(final) != 1 || final[0].Rule != "H5" || final[0].Severity != Error || !final[0].Blank || final[0].Cells[0] != "apply.3.3.4.natural" ||
		!strings.Contains(final[0].Message, "「（三）不予公开 4.保护第三方合法权益」行「自然人」列：未填写") {
		t.Errorf("final: %+v", final)
	}
}

// TestComputedTotalsAreNotBlanks: one blank item of a complete report leaves the totals that
// sum it blank (FillDerived: a blank is not a zero); they are computed, not typed, so the
// drafting check counts one cell and the final check one error — unless the totals are typed
// by hand (手动填写合计), when each blank total is the clerk's to fill too.
func TestComputedTotalsAreNotBlanks(t *testing.T) {
	r := Sample(Latest)
	_ = r.Set("apply.3.3.4.natural", "")
	r.FillDerived()
	var waiting []string
	for i, p := range r.PendingTotals() {
		if p {
			waiting = append(waiting, Latest.Cells[i].Code)
		}
	}
	if got := strings.Join(waiting, " "); got != "apply.3.3.4.total apply.3.7.natural apply.3.7.total" {
		t.Errorf("pending totals %s", got)
	}
	ps := CheckAll(r, nil, Drafting)
	if len(ps) != 1 || ps[0].Rule != "B1" || strings.Join(ps[0].Cells, " ") != "apply.3.3.4.natural" ||
		ps[0].Message != "第三部分还有 1 格未填：「（三）不予公开 4.保护第三方合法权益」行「自然人」列，没有发生的请填 0；合计在各项填完后自动计算" {
		t.Fatalf("drafting: %+v", ps)
	}
	if c := CountBySection(ps)[3]; c.Blanks != 1 {
		t.Errorf("section 3 counts %d blanks, want 1", c.Blanks)
	}
	m := Marks(r, ps)
	for _, code := range waiting {
		if m[Latest.Index(code)] != "" {
			t.Errorf("computed total %s marked %q", code, m[Latest.Index(code)])
		}
	}
	if final := CheckFinal(r, nil); Errors(final) != 1 || final[0].Cells[0] != "apply.3.3.4.natural" {
		t.Errorf("final: %d errors %v", Errors(final), rules(final))
	}
	r.TypedTotals = true
	if r.PendingTotals()[Latest.Index("apply.3.7.total")] {
		t.Error("a typed total is pending")
	}
	ps = CheckAll(r, nil, Drafting)
	if len(ps) != 1 || len(ps[0].Cells) != 1+len(waiting) || strings.Contains(ps[0].Message, "自动计算") {
		t.Errorf("typed totals, drafting: %+v", ps)
	}
	if n := Errors(CheckFinal(r, nil)); n != 1+len(waiting) {
		t.Errorf("typed totals, final: %d errors, want %d", n, 1+len(waiting))
	}
}

// TestProblemsInReportOrder: problems come section by section, cell by cell.
func TestProblemsInReportOrder(t *testing.T) {
	r := Sample(Latest)
	r.Meta.Agency = ""
	r.Text.Problems = ""
	_ = r.Set("review.after.total", "9")
	_ = r.Set("active.penalty.decisions", "x")
	_ = r.Set("apply.1.total", "41")
	r.Text.Other = "无。"
	var got []string
	for _, p := range CheckAll(r, nil, Drafting) {
		got = append(got, p.Rule)
	}
	if s := strings.Join(got, " "); s != "M1 W4 H5 H2 H1 H4 B2 W2" {
		t.Errorf("order %s", s)
	}
}

func TestMarks(t *testing.T) {
	r := Sample(Latest)
	ps := []Problem{
		{Rule: "W4", Severity: Warning, Cells: []string{"apply.1.total"}},
		{Rule: "H2", Severity: Error, Cells: []string{"apply.1.total", "apply.1.natural"}},
		{Rule: "B1", Severity: Unfilled, Cells: []string{"apply.1.natural", "apply.2.natural"}},
	}
	m := Marks(r, ps)
	for code, want := range map[string]Severity{"apply.1.total": Error, "apply.1.natural": Error, "apply.2.natural": Unfilled, "apply.3.1.natural": ""} {
		if got := m[Latest.Index(code)]; got != want {
			t.Errorf("%s = %q, want %q", code, got, want)
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
		{name: "blank total is to be filled, not wrong", f: f21, edit: map[string]string{"apply.3.1.total": ""},
			rule: "B1", cell: "apply.3.1.total", sev: Unfilled, inMsg: "第三部分还有 1 格未填：「（一）予以公开」行「总计」列"},
		{name: "H3 leaf sum", f: f21, edit: map[string]string{"apply.3.3.4.natural": "3", "apply.3.3.4.total": "3"},
			rule: "H3", cell: "apply.3.7.natural", sev: Error, inMsg: "「（七）总计」行「自然人」列：应为 38"},
		{name: "H4 review", f: f21, edit: map[string]string{"review.after.total": "2"},
			rule: "H4", cell: "review.after.total", sev: Error, inMsg: "复议后起诉·总计"},
		{name: "H5 letter", f: f21, edit: map[string]string{"active.penalty.decisions": "12a"},
			rule: "H5", cell: "active.penalty.decisions", sev: Error, inMsg: "「行政处罚」行「本年处理决定数量」列：「12a」不是数字"},
		{name: "H5 slash", f: f19, edit: map[string]string{"active.fees.prev": "/"},
			rule: "H5", cell: "active.fees.prev", sev: Error, inMsg: "「/」不是数字"},
		{name: "X1 carry", f: f21, edit: map[string]string{"apply.2.natural": "5"},
			last: func(l *Report) {}, rule: "X1", cell: "apply.2.natural", sev: Error, inMsg: "应等于上年报告的「四、结转下年度继续办理」2，现为 5"},
		{name: "X2 effective", f: f21, edit: map[string]string{"active.normative.effective": "30"},
			last: func(l *Report) { _ = l.Set("active.normative.effective", "26") }, rule: "X2", cell: "active.normative.effective", sev: Warning,
			inMsg: "上年「现行有效件数」26 + 「本年制发件数」3 − 「本年废止件数」2 = 27，现填 30。如有集中清理，请在正文中说明"},
		{name: "X3 prev", f: f19, edit: map[string]string{"active.license.prev": "40"},
			last: func(l *Report) { _ = l.Set("active.license.prev", "48") }, rule: "X3", cell: "active.license.prev", sev: Warning,
			inMsg: "上年报告的「上一年项目数量」48 加「本年增/减」-2 应为 46，现为 40"},
		{name: "W1 long overview", f: f21, edit: map[string]string{"text.overview": strings.Repeat("公开", 501)},
			rule: "W1", sev: Warning, inMsg: "不超过 1000 字"},
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
				for _, p := range CheckAll(good, last, Drafting) {
					if p.Rule == tc.rule && tc.rule != "W3" {
						t.Fatalf("correct report fails %s: %s", tc.rule, p.Message)
					}
				}
			}
			for _, p := range CheckAll(base, nil, Drafting) {
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
			ps := CheckAll(r, last, Drafting)
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

// TestBlankIsNotZero: no identity is computed over a blank, in either direction.
func TestBlankIsNotZero(t *testing.T) {
	r := Sample(Latest)
	// Blank terms under a typed total: no H2 (the total may be right), 未填 instead.
	_ = r.Set("apply.1.commercial", "")
	_ = r.Set("apply.1.natural", "")
	ps := CheckAll(r, nil, Drafting)
	if Errors(ps) != 0 {
		t.Errorf("identities over blanks: %v", rules(ps, Error))
	}
	// X1: a blank 上年结转 is not compared with last year (it is 未填).
	last := Sample(Latest)
	last.Meta.Year--
	r = nextYear(last)
	_ = r.Set("apply.2.natural", "")
	for _, p := range CheckAll(r, last, Drafting) {
		if p.Rule == "X1" {
			t.Errorf("X1 over a blank: %s", p.Message)
		}
	}
	// Nor is a blank of last year's report.
	r = nextYear(last)
	_ = last.Set("apply.4.natural", "")
	for _, p := range CheckAll(r, last, Drafting) {
		if p.Rule == "X1" {
			t.Errorf("X1 against last year's blank: %s", p.Message)
		}
	}
}

func TestCheckIsCheckAllWithoutMeta(t *testing.T) {
	r := New(Latest, 0, "")
	_ = r.Set("apply.1.total", "x")
	all := CheckAll(r, nil, Drafting)
	var want []Problem
	for _, p := range all {
		if !strings.HasPrefix(p.Rule, "M") {
			want = append(want, p)
		}
	}
	if got := Check(r, nil); !slices.EqualFunc(got, want, func(a, b Problem) bool { return a.Rule == b.Rule && a.Message == b.Message }) {
		t.Errorf("Check = %v\nwant %v", rules(got), rules(want))
	}
	if got := rules(CheckMeta(r)); strings.Join(got, " ") != "M1 M2 M3" {
		t.Errorf("CheckMeta = %v", got)
	}
}

func TestFillDerived(t *testing.T) {
	r := New(Formats[0], 2025, "")
	for _, c := range []string{"natural", "commercial", "research", "nonprofit", "legal", "other"} {
		_ = r.Set("apply.1."+c, "0")
	}
	_ = r.Set("apply.1.natural", "3")
	_ = r.Set("apply.1.legal", "2")
	_ = r.Set("apply.3.1.natural", "4") // the other columns of row 3.1 stay blank
	_ = r.Set("review.admin.upheld", "1")
	_ = r.Set("review.admin.corrected", "0")
	_ = r.Set("review.admin.other", "0")
	_ = r.Set("review.admin.pending", "0")
	_ = r.Set("review.after.upheld", "1") // the other three stay blank
	changed := r.FillDerived()
	for code, want := range map[string]string{"apply.1.total": "5", "review.admin.total": "1"} {
		if c, _ := r.Cell(code); c.Text != want {
			t.Errorf("%s = %q, want %q", code, c.Text, want)
		}
	}
	// A total over a blank term stays blank: it is not known yet.
	for _, code := range []string{"apply.3.1.total", "apply.3.7.natural", "apply.2.total", "review.after.total", "apply.3.7.total"} {
		if c, _ := r.Cell(code); !c.Blank {
			t.Errorf("%s = %q, want blank (a term is blank)", code, c.Text)
		}
	}
	if strings.Join(changed, " ") != "apply.1.total review.admin.total" {
		t.Errorf("changed = %v", changed)
	}
	// Clearing a term clears its total again, so it never shows a stale figure.
	_ = r.Set("apply.1.legal", "")
	if changed := r.FillDerived(); strings.Join(changed, " ") != "apply.1.total" {
		t.Errorf("changed after clearing a term: %v", changed)
	}
	if c, _ := r.Cell("apply.1.total"); !c.Blank {
		t.Errorf("apply.1.total = %q after clearing a term", c.Text)
	}
	// An invalid term leaves the total blank too (H5 names the term).
	_ = r.Set("apply.1.legal", "x")
	r.FillDerived()
	if c, _ := r.Cell("apply.1.total"); !c.Blank {
		t.Errorf("apply.1.total = %q over an invalid term", c.Text)
	}
	// A complete table is filled consistently: the sample's totals are what it computes.
	s := Sample(Latest)
	if changed := s.Clone().FillDerived(); len(changed) != 0 {
		t.Errorf("sample totals recomputed differently: %v", changed)
	}
}

func TestTypedTotalsDiffer(t *testing.T) {
	r := Sample(Latest)
	if TypedTotalsDiffer(r) {
		t.Error("the sample's totals are its items' sums")
	}
	_ = r.Set("apply.1.total", "41")
	if !TypedTotalsDiffer(r) {
		t.Error("a wrong typed total is not noticed")
	}
	// A typed total over blank items (as printed in seed 000) would be cleared: keep it.
	r = Sample(Latest)
	_ = r.Set("apply.1.commercial", "")
	if !TypedTotalsDiffer(r) {
		t.Error("a typed total over a blank item would be cleared unnoticed")
	}
	if TypedTotalsDiffer(New(Latest, 2025, "")) {
		t.Error("a blank report has no typed totals")
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
	// A 2021 report after a 2020 one in the 2019 format: 上年结转 still carries over.
	r21 := New(Formats[0], 2021, "")
	if set := r21.CarryOver(l19); len(set) != 7 || set[0] != "apply.2.natural" {
		t.Errorf("2019 → 2021 carried %v", set)
	}
	// A blank of last year is not carried as 0.
	_ = l19.Set("active.services.change", "")
	_ = l19.Set("apply.4.legal", "")
	r19 = New(Formats[1], 2020, "")
	r19.CarryOver(l19)
	for _, code := range []string{"active.services.prev", "apply.2.legal"} {
		if c, _ := r19.Cell(code); !c.Blank {
			t.Errorf("%s = %q carried from a blank", code, c.Text)
		}
	}
}

// TestCarriesDeclared: the declared cross-year relations expand to one per cell.
func TestCarriesDeclared(t *testing.T) {
	for _, tc := range []struct {
		f    *Format
		want string
	}{
		{Formats[0], "X1:apply.2.natural←apply.4.natural X1:apply.2.total←apply.4.total X2:active.normative.effective←active.normative.effective+active.normative.issued−active.normative.repealed"},
		{Formats[1], "X1:apply.2.natural←apply.4.natural X3:active.license.prev←active.license.prev,active.license.change X3:active.fees.prev←active.fees.prev,active.fees.change"},
	} {
		var got []string
		n := map[string]int{}
		for _, c := range tc.f.Carries {
			n[c.Rule]++
			s := c.Rule + ":" + tc.f.Cells[c.Cell].Code + "←" + strings.Join(c.Last, ",")
			for _, i := range c.Plus {
				s += "+" + tc.f.Cells[i].Code
			}
			for _, i := range c.Minus {
				s += "−" + tc.f.Cells[i].Code
			}
			got = append(got, s)
		}
		for _, w := range strings.Split(tc.want, " ") {
			if !slices.Contains(got, w) {
				t.Errorf("%s: no %s in %v", tc.f.ID, w, got)
			}
		}
		if n["X1"] != 7 || tc.f.ID == "2021" && n["X2"] != 2 || tc.f.ID == "2019" && n["X3"] != 5 {
			t.Errorf("%s: %v", tc.f.ID, n)
		}
	}
	if c, ok := Latest.CarryFor("apply.2.legal"); !ok || c.Last[0] != "apply.4.legal" || !c.Fill {
		t.Errorf("CarryFor(apply.2.legal) = %+v, %v", c, ok)
	}
	if _, ok := Latest.CarryFor("apply.1.legal"); ok {
		t.Error("apply.1 follows from nothing of last year")
	}
}

func TestLastYearValue(t *testing.T) {
	last := Sample(Formats[1])
	r := New(Formats[1], 2020, "")
	for code, want := range map[string]string{"apply.2.natural": "2", "active.license.prev": "44", "apply.1.natural": ""} {
		got, ok := LastYearValue(r, last, code)
		if got != want || ok != (want != "") {
			t.Errorf("%s = %q %v, want %q", code, got, ok, want)
		}
	}
	l21 := Sample(Latest)
	if got, ok := LastYearValue(New(Latest, 2026, ""), l21, "active.normative.effective"); !ok || got != "27" {
		t.Errorf("现行有效 = %q %v, want last year's 27", got, ok)
	}
	if _, ok := LastYearValue(r, nil, "apply.2.natural"); ok {
		t.Error("a value without last year")
	}
}

// TestW1Boundary: 1000 characters are within the limit, 1001 are not; the 2019 format sets none.
func TestW1Boundary(t *testing.T) {
	for _, tc := range []struct {
		f    *Format
		n    int
		warn bool
	}{{Latest, 1000, false}, {Latest, 1001, true}, {Formats[1], 5000, false}} {
		r := Sample(tc.f)
		r.Text.Parts = [5]string{strings.Repeat("公", 300), strings.Repeat("开", 200)}
		r.Text.Overview = strings.Repeat("年", tc.n-501) + "\n 。" // line breaks and spaces do not count
		if r.Text.OverviewChars() != tc.n {
			t.Fatalf("OverviewChars = %d, want %d", r.Text.OverviewChars(), tc.n)
		}
		var w1 []Problem
		for _, p := range CheckAll(r, nil, Drafting) {
			if p.Rule == "W1" {
				w1 = append(w1, p)
			}
		}
		if (len(w1) == 1) != tc.warn || tc.warn && (w1[0].Actual != "1001" || !strings.Contains(w1[0].Message, "共 1001 字") || !strings.Contains(w1[0].Message, "请精简 1 字")) {
			t.Errorf("%s, %d characters: %v", tc.f.ID, tc.n, w1)
		}
	}
	if Latest.OverviewLimit != 1000 || Formats[1].OverviewLimit != 0 {
		t.Errorf("limits %d, %d", Latest.OverviewLimit, Formats[1].OverviewLimit)
	}
}

// TestW3Threshold: W3 fires from a similarity of W3Threshold on, not just below it. The two
// texts are last year's 五 with a growing number of characters changed, so that their
// similarity crosses the threshold between two neighbouring steps.
func TestW3Threshold(t *testing.T) {
	last := Sample(Latest)
	last.Meta.Year--
	base := []rune(last.Text.Problems)
	var below, above string
	var simBelow, simAbove float64
	for k := 1; k < len(base); k++ {
		rs := append([]rune(nil), base...)
		for i := 0; i < k; i++ {
			rs[(i*7)%len(rs)] = rune(0x4E00 + 100 + i) // a character not in the text
		}
		s := string(rs)
		sim := Similarity(s, last.Text.Problems)
		if sim >= W3Threshold {
			above, simAbove = s, sim
			continue
		}
		below, simBelow = s, sim
		break
	}
	if above == "" || below == "" || simAbove < W3Threshold || simBelow >= W3Threshold || simAbove-simBelow > 0.03 {
		t.Fatalf("no pair around the threshold: %.3f / %.3f", simAbove, simBelow)
	}
	for _, tc := range []struct {
		text string
		want bool
	}{{above, true}, {below, false}} {
		r := nextYear(last)
		r.Text.Problems = tc.text
		got := false
		for _, p := range CheckAll(r, last, Drafting) {
			got = got || p.Rule == "W3" && p.Section == 5
		}
		if got != tc.want {
			t.Errorf("similarity %.3f: W3 %v, want %v", Similarity(tc.text, last.Text.Problems), got, tc.want)
		}
	}
}

// TestOverviewProfile: 一 is compared as one text, the same as its joined Section(1).
func TestOverviewProfile(t *testing.T) {
	a, b := Sample(Latest).Text, nextYear(Sample(Latest)).Text
	for _, pair := range [][2]Text{{a, a}, {a, b}} {
		want := Similarity(pair[0].Section(1), pair[1].Section(1))
		if got := similarity(overviewProfile(&pair[0]), overviewProfile(&pair[1])); got != want {
			t.Errorf("parts profile %.4f, joined %.4f", got, want)
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
	if ps := CheckAll(total, nil, Drafting); Errors(ps) != 0 {
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
// its own narrative, so that CheckAll finds nothing.
func nextYear(last *Report) *Report {
	r := Sample(last.Format)
	r.Meta.Year = last.Meta.Year + 1
	r.Meta.Date = sampleDate(r.Meta.Year)
	r.CarryOver(last)
	for _, c := range []string{"natural", "commercial", "research", "nonprofit", "legal", "other"} {
		v7, _ := r.Value("apply.3.7." + c)
		v4, _ := r.Value("apply.4." + c)
		v2, _ := r.Value("apply.2." + c)
		_ = r.SetValue("apply.1."+c, v7+v4-v2)
	}
	_ = r.Set("active.normative.effective", "28")
	r.FillDerived()
	r.Text.Opening = strings.ReplaceAll(r.Text.Opening, "2025年", "2026年")
	r.Text.Overview = strings.Repeat("本年度重点推进行政执法公示、权责清单动态调整和政策解读工作。", 6)
	received, _ := r.Value("apply.1.total")
	r.Text.Parts[1] = "全年新收政府信息公开申请" + received.Format(Count) + "件，均在法定期限内答复。"
	r.Text.Problems = strings.Repeat("下一步将完善依申请公开办理流程，加强业务培训和考核。", 6)
	return r
}

func TestNextYearIsClean(t *testing.T) {
	last := Sample(Formats[0])
	for _, mode := range []Mode{Drafting, Final} {
		if ps := CheckAll(nextYear(last), last, mode); len(ps) != 0 {
			t.Errorf("a correct next-year report has problems: %v", ps)
		}
	}
}

// BenchmarkCheckAll is the check run on every keystroke: a full, correct report against last
// year's. Target: ≤ 20 µs and no allocation (it returns no problem).
func BenchmarkCheckAll(b *testing.B) {
	last := Sample(Formats[0])
	r := nextYear(last)
	b.ReportAllocs()
	for b.Loop() {
		CheckAll(r, last, Drafting)
	}
}

// BenchmarkCheckAllFinal is the same report through the final check.
func BenchmarkCheckAllFinal(b *testing.B) {
	last := Sample(Formats[0])
	r := nextYear(last)
	b.ReportAllocs()
	for b.Loop() {
		CheckFinal(r, last)
	}
}

// BenchmarkCheckAllManyProblems checks a report whose cross-year checks and W3 all fire.
func BenchmarkCheckAllManyProblems(b *testing.B) {
	r, last := Sample(Formats[0]), Sample(Formats[0])
	b.ReportAllocs()
	for b.Loop() {
		CheckAll(r, last, Drafting)
	}
}

// BenchmarkCheckAllBlank is a new report: one 未填 item per table and section.
func BenchmarkCheckAllBlank(b *testing.B) {
	r := New(Latest, 2025, "某局")
	b.ReportAllocs()
	for b.Loop() {
		CheckAll(r, nil, Drafting)
	}
}

// FuzzCheckAll: any narrative and any cell text are checked without a panic, the same way
// twice, with the problems in report order and every cited cell a cell of the format.
func FuzzCheckAll(f *testing.F) {
	for _, s := range []string{
		"本年度共收到政府信息公开申请2件。", "全年未发生因依申请公开被行政复议纠错或行政诉讼败诉。",
		"本报告统计期限为2024年1月1日至2023年12月31日。", "国务院令第492号", "本报告由五个部分组成", "（（（", "五",
	} {
		f.Add(s, "3")
	}
	last := Sample(Latest)
	last.Meta.Year--
	f.Fuzz(func(t *testing.T, text, cell string) {
		r := Sample(Latest)
		r.Text.Opening, r.Text.Parts[1], r.Text.Other = text, text, text
		_ = r.Set("apply.1.natural", cell)
		for _, mode := range []Mode{Drafting, Final} {
			a, b := CheckAll(r, last, mode), CheckAll(r, last, mode)
			if !slices.EqualFunc(a, b, func(x, y Problem) bool { return x.Rule == y.Rule && x.Message == y.Message }) {
				t.Fatal("not deterministic")
			}
			for i, p := range a {
				if i > 0 && a[i-1].Section > p.Section {
					t.Fatalf("out of order: %v", rules(a))
				}
				for _, c := range p.Cells {
					if Latest.Index(c) < 0 {
						t.Fatalf("%s cites unknown cell %q", p.Rule, c)
					}
				}
			}
		}
	})
}

// TestH1MessageFromDeclaration: H1 names its rows as the declaration numbers them.
func TestH1MessageFromDeclaration(t *testing.T) {
	f := Latest
	idx := func(codes ...string) []int {
		var out []int
		for _, c := range codes {
			out = append(out, f.Index(c))
		}
		return out
	}
	for _, tc := range []struct {
		codes []string
		want  string
	}{
		{[]string{"apply.1.natural", "apply.2.natural"}, "第一项加第二项之和"},
		{[]string{"apply.3.7.natural", "apply.4.natural"}, "第三项（七）总计加第四项之和"},
		{[]string{"apply.3.1.natural"}, "第三项（一）予以公开"},
		{[]string{"active.penalty.decisions"}, "「行政处罚」"},
	} {
		if got := rowTerms(f, idx(tc.codes...)); got != tc.want {
			t.Errorf("rowTerms(%v) = %q, want %q", tc.codes, got, tc.want)
		}
	}
	r := Sample(f)
	_ = r.Set("apply.4.natural", "9")
	_ = r.Set("apply.4.total", "10")
	for _, p := range CheckAll(r, nil, Drafting) {
		if p.Rule == "H1" {
			if p.Message != "第三部分「自然人」列：第一项加第二项之和为 39，第三项（七）总计加第四项之和为 46，两者应相等" {
				t.Errorf("H1 message %q", p.Message)
			}
			return
		}
	}
	t.Error("no H1")
}

// B3: a 2021 report whose 一 is written part by part names the parts still empty (未填 while
// drafting, 提醒 before publication); 一 written as one text, or the 2019 format, raises nothing.
func TestOverviewParts(t *testing.T) {
	f19, _ := FormatByID("2019")
	for _, c := range []struct {
		name     string
		f        *Format
		overview string
		parts    [5]string
		drafting string // "" for no B3
		final    string
	}{
		{name: "all parts", f: Latest, parts: [5]string{"a", "b", "c", "d", "e"}},
		{name: "one text", f: Latest, overview: "本年度，我局认真贯彻落实《条例》……"},
		{name: "empty", f: Latest},
		{name: "two parts empty", f: Latest, overview: "引言。", parts: [5]string{"a", "b", " \n", "d", ""},
			drafting: "未填：「一、总体情况」已写了 3 项，（三）政府信息管理、（五）监督保障尚未填写（格式要求总体情况包括主动公开、依申请公开、政府信息管理、平台建设、监督保障等方面）",
			final:    "提醒：「一、总体情况」已写了 3 项，（三）政府信息管理、（五）监督保障尚未填写（格式要求总体情况包括主动公开、依申请公开、政府信息管理、平台建设、监督保障等方面），请补写；如已在其他部分写到，可不修改"},
		{name: "only a zero-width part", f: Latest, parts: [5]string{"a", "\u200b", "c", "d", "e"},
			drafting: "未填：「一、总体情况」已写了 4 项，（二）依申请公开尚未填写（格式要求总体情况包括主动公开、依申请公开、政府信息管理、平台建设、监督保障等方面）"},
		{name: "2019 format", f: f19, parts: [5]string{"a"}},
		{name: "parts under other titles in the overview", f: Latest, overview: "（一）信息制作与管理：……",
			parts: [5]string{"", "a", "", "", "b"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Sample(c.f)
			r.Text.Overview, r.Text.Parts = c.overview, c.parts
			for _, m := range []struct {
				mode Mode
				want string
			}{{Drafting, c.drafting}, {Final, c.final}} {
				if m.want == "" && m.mode == Final && c.drafting != "" {
					continue
				}
				var got []string
				for _, p := range CheckAll(r, nil, m.mode) {
					if p.Rule == "B3" {
						if p.Section != 1 || !p.Blank {
							t.Errorf("B3 in section %d, blank %v", p.Section, p.Blank)
						}
						got = append(got, string(p.Severity)+"："+p.Message)
					}
				}
				if strings.Join(got, "\n") != m.want {
					t.Errorf("mode %v: B3 %q, want %q", m.mode, got, m.want)
				}
				// Before publication B3 is a reminder: it is no blank among the errors
				// (「共 0 处错误（其中 1 处未填写）」 said the CLI).
				if n := Totals(CheckAll(r, nil, m.mode)); m.want != "" && (m.mode == Final) != (n.Blanks == 0) {
					t.Errorf("mode %v: %d blanks counted with B3 %q", m.mode, n.Blanks, got)
				}
			}
		})
	}
}
