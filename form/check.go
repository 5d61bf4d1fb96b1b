package form

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// Severity is how bad a problem is.
type Severity string

const (
	// Error means the report is wrong; a published report must have none.
	Error Severity = "错误"
	// Warning means the report is likely wrong; the user decides.
	Warning Severity = "提醒"
)

// Problem is one finding of Check.
type Problem struct {
	// Rule is the identity's id in FORMAT.md: H1…H5, X1…X3, W1…W6.
	Rule string `json:"rule"`
	// Severity is 错误 or 提醒.
	Severity Severity `json:"severity"`
	// Section is the report section (1…6) the problem belongs to.
	Section int `json:"section"`
	// Cells are the codes of the cells involved, the one to fix first.
	Cells []string `json:"cells,omitempty"`
	// Expected and Actual are the values compared, when the rule compares values.
	Expected string `json:"expected,omitempty"`
	Actual   string `json:"actual,omitempty"`
	// Message explains the problem in Chinese, naming rows and columns as printed.
	Message string `json:"message"`
}

// Errors counts the problems of severity Error.
func Errors(ps []Problem) int {
	n := 0
	for _, p := range ps {
		if p.Severity == Error {
			n++
		}
	}
	return n
}

// Check verifies the report against every identity of its format (H1-H5), against last
// year's report when given (X1-X3), and the narrative warnings W1-W3, W5, W6. It never
// modifies r and is deterministic.
func Check(r *Report, last *Report) []Problem {
	var ps []Problem
	f := r.Format
	for i := range r.cells {
		if c := &r.cells[i]; c.Err != nil {
			d := f.Cells[i]
			ps = append(ps, Problem{Rule: "H5", Severity: Error, Section: d.Table.Section, Cells: []string{d.Code},
				Actual: strings.TrimSpace(c.Text), Message: fmt.Sprintf("%s：%s", where(d), c.Err.Error())})
		}
	}
	for _, e := range f.Equations {
		if p, bad := r.checkEquation(e); bad {
			ps = append(ps, p)
		}
	}
	if last != nil {
		ps = append(ps, crossYear(r, last)...)
	}
	ps = append(ps, narrative(r, last)...)
	return ps
}

// where names a cell for messages: "第三部分「（一）予以公开」行「自然人」列", or
// "第二部分「…」" in a table without row labels.
func where(d *CellDef) string {
	part := "第" + cnNum[d.Table.Section] + "部分"
	if d.Row == nil {
		return part + "「" + d.ColLabel() + "」"
	}
	return part + d.Where()
}

// sum adds the cells at idx; blanks count as 0. ok is false when any cell is invalid;
// any is true when at least one cell is non-blank.
func (r *Report) sum(idx []int) (s Num, any, ok bool) {
	for _, i := range idx {
		c := &r.cells[i]
		if c.Err != nil {
			return 0, true, false
		}
		if !c.Blank {
			s += c.Value
			any = true
		}
	}
	return s, any, true
}

func (r *Report) checkEquation(e Equation) (Problem, bool) {
	f := r.Format
	l, lany, lok := r.sum(e.Left)
	rr, rany, rok := r.sum(e.Right)
	if !lok || !rok || (!lany && !rany) || l == rr {
		return Problem{}, false
	}
	if e.Target < 0 { // H1
		d := f.Cells[e.Left[0]]
		codes := codesOf(f, e.Left, e.Right)
		return Problem{Rule: e.Rule, Severity: Error, Section: 3, Cells: codes,
			Expected: l.Format(Count), Actual: rr.Format(Count),
			Message: fmt.Sprintf("第三部分「%s」列：第一项加第二项之和为 %s，第三项%s加第四项之和为 %s，两者应相等",
				d.ColLabel(), l.Format(Count), f.Cells[e.Right[0]].RowLabel(), rr.Format(Count))}, true
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
	p := Problem{Rule: e.Rule, Severity: Error, Section: d.Table.Section,
		Cells: codesOf(f, e.Left, e.Right), Expected: rr.Format(d.Kind), Actual: l.Format(d.Kind)}
	if !lany {
		p.Actual = ""
		p.Message = fmt.Sprintf("%s：未填写，应为 %s（%s）", where(d), rr.Format(d.Kind), terms)
	} else {
		p.Message = fmt.Sprintf("%s：应为 %s（%s），现为 %s", where(d), rr.Format(d.Kind), terms, l.Format(d.Kind))
	}
	return p, true
}

func codesOf(f *Format, lists ...[]int) []string {
	var out []string
	for _, l := range lists {
		for _, i := range l {
			out = append(out, f.Cells[i].Code)
		}
	}
	return out
}

// crossYear implements X1-X3 against last year's report.
func crossYear(r, last *Report) []Problem {
	var ps []Problem
	f := r.Format
	for _, col := range f.ApplicantCols {
		this, prev := "apply.2."+col, "apply.4."+col
		tc, _ := r.Cell(this)
		lc, ok := last.Cell(prev)
		if !ok || tc.Err != nil || lc.Err != nil || (tc.Blank && lc.Blank) {
			continue
		}
		if tc.Value != lc.Value {
			d, _ := f.Cell(this)
			ps = append(ps, Problem{Rule: "X1", Severity: Error, Section: 3, Cells: []string{this},
				Expected: lc.Value.Format(Count), Actual: tc.Value.Format(Count),
				Message: fmt.Sprintf("%s：应等于上年报告的「%s」%s，现为 %s",
					where(d), f.Cells[f.Index(prev)].RowLabel(), lc.Value.Format(Count), tc.Value.Format(Count))})
		}
	}
	if f.ID == last.Format.ID {
		for _, d := range f.Cells {
			switch d.Col.Code {
			case "effective":
				ps = append(ps, effectiveCarry(r, last, strings.TrimSuffix(d.Code, "effective"))...)
			case "prev":
				ps = append(ps, prevCarry(r, last, strings.TrimSuffix(d.Code, "prev"))...)
			}
		}
	}
	return ps
}

// effectiveCarry is X2 for one row of the 2021 document counts (base is "active.rules.").
func effectiveCarry(r, last *Report, base string) []Problem {
	f := r.Format
	eff, ok1 := r.Value(base + "effective")
	issued, ok2 := r.Value(base + "issued")
	repealed, ok3 := r.Value(base + "repealed")
	lastEff, ok4 := last.Value(base + "effective")
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return nil
	}
	want := lastEff + issued - repealed
	if want == eff {
		return nil
	}
	label := func(col string) string { return Short(f.Cells[f.Index(base+col)].Col.Label) }
	d := f.Cells[f.Index(base+"effective")]
	return []Problem{{Rule: "X2", Severity: Warning, Section: 2,
		Cells:    []string{base + "effective", base + "issued", base + "repealed"},
		Expected: want.Format(Count), Actual: eff.Format(Count),
		Message: fmt.Sprintf("%s：上年「%s」%s + 「%s」%s − 「%s」%s = %s，现填 %s。如有集中清理，请在正文中说明",
			where(d), label("effective"), lastEff.Format(Count), label("issued"), issued.Format(Count),
			label("repealed"), repealed.Format(Count), want.Format(Count), eff.Format(Count))}}
}

// prevCarry is X3 for one row of the 2019 item counts (base is "active.license.").
func prevCarry(r, last *Report, base string) []Problem {
	f := r.Format
	prev, ok1 := r.Value(base + "prev")
	lp, ok2 := last.Value(base + "prev")
	lc, ok3 := last.Value(base + "change")
	if !ok1 || !ok2 || !ok3 {
		return nil
	}
	want := lp + lc
	if want == prev {
		return nil
	}
	d := f.Cells[f.Index(base+"prev")]
	change := f.Cells[f.Index(base+"change")]
	return []Problem{{Rule: "X3", Severity: Warning, Section: 2, Cells: []string{base + "prev"},
		Expected: want.Format(Count), Actual: prev.Format(Count),
		Message: fmt.Sprintf("%s：上年报告的「%s」%s 加「%s」%s 应为 %s，现为 %s",
			where(d), d.Col.Label, lp.Format(Count), change.Col.Label, lc.Format(Change), want.Format(Count), prev.Format(Count))}}
}

// OverviewLimit is the official length limit of 一、总体情况 ("篇幅原则上不超过一千字").
const OverviewLimit = 1000

// CountChars counts the characters of a text as a clerk would: spaces and line breaks excluded.
func CountChars(s string) int {
	n := 0
	for _, c := range s {
		if !unicode.IsSpace(c) {
			n++
		}
	}
	return n
}

var (
	feeMention = regexp.MustCompile(`信息处理费|处理费`)
	// noNotice matches a claim that no fee notice was issued.
	noNotice = regexp.MustCompile(`(未|没有|无|不曾|均未|从未)[^。；;，,]{0,12}(收费|缴费|付费)通知`)
)

// narrative implements W1, W2, W3, W5 and W6.
func narrative(r, last *Report) []Problem {
	var ps []Problem
	one := r.Text.Section(1)
	if n := CountChars(one); n > OverviewLimit {
		ps = append(ps, Problem{Rule: "W1", Severity: Warning, Section: 1, Expected: fmt.Sprint(OverviewLimit), Actual: fmt.Sprint(n),
			Message: fmt.Sprintf("「%s」共 %d 字，格式要求篇幅原则上不超过一千字", r.Format.Sections[0].Title, n)})
	}
	six := r.Text.Other
	hasText := strings.TrimSpace(one) != "" || strings.TrimSpace(r.Text.Problems) != "" || strings.TrimSpace(six) != ""
	if r.Format.ID == "2021" && hasText && !feeMention.MatchString(six) {
		ps = append(ps, Problem{Rule: "W2", Severity: Warning, Section: 6,
			Message: "「" + r.Format.Sections[5].Title + "」未说明信息处理费收取情况。按《政府信息公开信息处理费管理办法》须在此专门报告，如“" + FeeNone + "”"})
	}
	if last != nil {
		for _, s := range []struct {
			n          int
			this, prev string
		}{{5, r.Text.Problems, last.Text.Problems}, {1, one, last.Text.Section(1)}} {
			if sim := Similarity(s.this, s.prev); sim >= 0.9 {
				ps = append(ps, Problem{Rule: "W3", Severity: Warning, Section: s.n, Actual: fmt.Sprintf("%.0f%%", sim*100),
					Message: fmt.Sprintf("第%s部分与上年报告的内容相似度达 %.0f%%。格式要求不得出现敷衍了事甚至年年雷同现象，请写明本年度的具体情况", cnNum[s.n], sim*100)})
			}
		}
	}
	if code := "apply.3.6.2.total"; r.Format.Index(code) >= 0 {
		if v, ok := r.Value(code); ok && v > 0 {
			if m := noNotice.FindString(six); m != "" {
				d, _ := r.Format.Cell(code)
				ps = append(ps, Problem{Rule: "W5", Severity: Warning, Section: 6, Cells: []string{code}, Actual: v.Format(Count),
					Message: fmt.Sprintf("第六部分称“%s”，但%s为 %s，说明发出过收费通知，请核对", m, where(d), v.Format(Count))})
			}
		}
	}
	if total, ok := r.Value("apply.3.7.total"); ok && total >= N(10) {
		var other Num
		var codes []string
		var group string
		for _, d := range r.Format.Cells {
			if d.Table.ID == "apply" && d.Col.Code == "total" && strings.HasPrefix(d.Code, "apply.3.6") {
				if v, ok := r.Value(d.Code); ok {
					other += v
				}
				codes = append(codes, d.Code)
				group = Short(d.RowPath[1])
			}
		}
		if other*100 > total*15 {
			grand := r.Format.Cells[r.Format.Index("apply.3.7.total")].RowLabel()
			ps = append(ps, Problem{Rule: "W6", Severity: Warning, Section: 3, Cells: codes,
				Expected: "≤15%", Actual: fmt.Sprintf("%.0f%%", other.Float()/total.Float()*100),
				Message: fmt.Sprintf("第三部分「%s」共 %s 件，占「%s」%s 件的 %.0f%%。原则上所有申请都应按法定方式处理，主管部门会询问原因，请核对或在正文中说明",
					group, other.Format(Count), grand, total.Format(Count), other.Float()/total.Float()*100)})
		}
	}
	ps = append(ps, CheckText(r)...) // W4, form/textcheck.go
	return ps
}

// Similarity is the Dice coefficient of the character bigrams of two texts (0…1), ignoring
// spaces and punctuation; texts shorter than 50 characters give 0 (too short to judge).
// Bigrams are counted in hashed buckets, which is exact for unrelated texts in practice and
// keeps a check well under the UI's frame budget.
func Similarity(a, b string) float64 {
	ha, hb := profileOf(a), profileOf(b)
	if ha.n < 50 || hb.n < 50 {
		return 0
	}
	common := 0
	for i := range ha.counts {
		common += int(min(ha.counts[i], hb.counts[i]))
	}
	return 2 * float64(common) / float64(ha.n-1+hb.n-1)
}

// profile is a text's bigram counts and its number of counted characters.
type profile struct {
	counts *bigramCounts
	n      int
}

var profileCache memo[profile]

func profileOf(s string) profile {
	return profileCache.get(s, func() profile {
		p := profile{counts: new(bigramCounts)}
		p.n = p.counts.add(s)
		return p
	})
}

// bigramCounts counts character bigrams in hashed buckets.
type bigramCounts [4096]uint16

// add counts the bigrams of the letters and digits of s and returns how many such
// characters s has.
func (h *bigramCounts) add(s string) int {
	n := 0
	var prev rune
	for _, c := range s {
		if !wordChar(c) {
			continue
		}
		if n > 0 {
			k := (uint32(prev)*2654435761 ^ uint32(c)*40503) >> 20
			if h[k] < 1<<16-1 {
				h[k]++
			}
		}
		prev = c
		n++
	}
	return n
}

// wordChar reports whether c is a digit, a Latin letter or a CJK ideograph: the characters
// whose bigrams say what a text is about. It is much faster than unicode.IsLetter.
func wordChar(c rune) bool {
	switch {
	case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		return true
	case c >= 0x4E00 && c <= 0x9FFF, c >= 0x3400 && c <= 0x4DBF, c >= 0x20000 && c <= 0x3FFFF:
		return true
	}
	return false
}
