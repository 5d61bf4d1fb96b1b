package form

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// CheckText implements W4: figures stated in the narrative (applications received, handled,
// carried over and disclosed; 复议 and 诉讼 cases; documents issued, repealed and in force;
// 许可/处罚/强制 decisions; fee amounts) are compared with their cells. A mismatch is a 提醒
// quoting the sentence and naming the cell. Where the wording allows several readings (收到
// may mean 一 or 一+二), any reading that matches is accepted; blank tables are not compared.
func CheckText(r *Report) []Problem {
	var ps []Problem
	seen := map[string]bool{}
	for _, part := range []struct {
		section int
		name    string
		text    string
	}{
		{1, "开头段落", r.Text.Opening},
		{1, "第一部分", r.Text.Section(1)},
		{5, "第五部分", r.Text.Problems},
		{6, "第六部分", r.Text.Other},
	} {
		for _, c := range textClaims(r.Format, part.text) {
			p, bad := r.compareClaim(c, part.section, part.name)
			if !bad || seen[p.Message] {
				continue
			}
			seen[p.Message] = true
			ps = append(ps, p)
		}
	}
	return ps
}

// claimCache remembers the claims found in recent texts: finding them takes regular
// expressions over the whole narrative, while a check on every keystroke in a number cell
// sees the same texts again.
var claimCache = map[*Format]*memo[[]claim]{}

func init() {
	for _, f := range Formats {
		claimCache[f] = new(memo[[]claim])
	}
}

// textClaims returns the claims of every sentence of text, from the cache when it can.
func textClaims(f *Format, text string) []claim {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	return claimCache[f].get(text, func() []claim {
		var cs []claim
		for _, s := range sentences(text) {
			cs = append(cs, claims(f, s)...)
		}
		return cs
	})
}

// claim is a figure stated in a sentence with the cell sums it may refer to.
type claim struct {
	sentence string
	value    Num
	kind     Kind
	readings []reading
}

// reading is one interpretation of a figure: the sum of some cells.
type reading struct {
	codes []string
	name  string // how messages name the sum; empty names the single cell
}

// compareClaim compares a claim in the part named part with the table; bad is true when no
// known reading matches.
func (r *Report) compareClaim(c claim, section int, part string) (Problem, bool) {
	var first *reading
	var firstSum Num
	for i := range c.readings {
		rd := &c.readings[i]
		sum, ok := r.readingSum(rd.codes)
		if !ok {
			continue
		}
		if sum == c.value {
			return Problem{}, false
		}
		if first == nil {
			first, firstSum = rd, sum
		}
	}
	if first == nil {
		return Problem{}, false
	}
	name := first.name
	if name == "" {
		d, _ := r.Format.Cell(first.codes[0])
		name = where(d)
	}
	return Problem{Rule: "W4", Severity: Warning, Section: section, Cells: first.codes,
		Expected: firstSum.Format(c.kind), Actual: c.value.Format(c.kind),
		Message: fmt.Sprintf("%s称“%s”，但%s为 %s，正文与表格不一致，请核对", part, c.sentence, name, firstSum.Format(c.kind))}, true
}

// readingSum adds the cells of a reading as Report.sum does; ok is false when a code is
// unknown, a cell is invalid or all are blank.
func (r *Report) readingSum(codes []string) (Num, bool) {
	idx := make([]int, len(codes))
	for i, code := range codes {
		if idx[i] = r.Format.Index(code); idx[i] < 0 {
			return 0, false
		}
	}
	sum, any, ok := r.sum(idx)
	return sum, ok && any
}

// sentences splits a narrative into sentences, with parenthesised remarks removed and
// everything from "其中" on dropped (breakdowns are not totals).
func sentences(text string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(text, func(c rune) bool {
		return strings.ContainsRune("。！？；;!?\n", c)
	}) {
		s = dropParens(s)
		if i := strings.Index(s, "其中"); i >= 0 {
			s = s[:i]
		}
		s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "，,、"))
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// dropParens removes text in （）or () parentheses, nested or not.
func dropParens(s string) string {
	if !strings.ContainsAny(s, "(（") {
		return s
	}
	var b strings.Builder
	depth := 0
	for _, c := range s {
		switch c {
		case '(', '（':
			depth++
			continue
		case ')', '）':
			if depth > 0 {
				depth--
				continue
			}
		}
		if depth == 0 {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// num is the pattern of a stated figure and its unit.
const num = `(\d+(?:[,，]\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百]+)\s*(件|起|宗|个|项|万元|元)`

// gap is what may stand between a keyword and its figure: no clause break, no other number.
const gap = `[^，,。；;：:\d零〇一二两三四五六七八九十百]{0,16}?`

var (
	applyRe    = regexp.MustCompile(`(新收|收到|受理|接收|接到|共收|办理)(` + gap + `申请` + gap + `)` + num)
	applyNoRe  = regexp.MustCompile(`(未|没有)(收到|受理|接到|接收|发生)[^，,。；;\d]{0,12}?申请`)
	doneRe     = regexp.MustCompile(`(?:办结|答复)` + gap + num)
	carryRe    = regexp.MustCompile(`(上年度?|上一年度?)?结转(` + gap + `)` + num)
	grantRe    = regexp.MustCompile(`(不予以?公开|不予公开|予以公开|同意公开|部分公开|无法提供|不予处理)` + gap + num)
	reviewRe   = regexp.MustCompile(`(行政复议|行政诉讼)` + gap + num)
	reviewNoRe = regexp.MustCompile(`(未发生|没有发生|无|未收到|未出现|没有)[^，,。；;\d]{0,20}?(行政复议|行政诉讼)`)
	docRe      = regexp.MustCompile(`(制发|印发|出台|废止|现行有效)` + gap + num)
	decisionRe = regexp.MustCompile(`(作出|办理|实施|办结)?行政(许可|处罚|强制)(` + gap + `)` + num)
	feeRe      = regexp.MustCompile(`(行政事业性收费|收费金额)` + gap + num)
	procureRe  = regexp.MustCompile(`(政府集中采购|集中采购)(` + gap + `)` + num)
)

// claims finds the figures of one sentence that W4 compares.
func claims(f *Format, s string) []claim {
	var out []claim
	quote := func(at int) string { return quoteAround(s, at) }
	add := func(at int, text, unit string, k Kind, rs ...reading) {
		v, ok := figure(text, unit, k)
		if !ok {
			return
		}
		var keep []reading
		for _, rd := range rs {
			okAll := len(rd.codes) > 0
			for _, c := range rd.codes {
				if f.Index(c) < 0 {
					okAll = false
				}
			}
			if okAll {
				keep = append(keep, rd)
			}
		}
		if len(keep) > 0 {
			out = append(out, claim{sentence: quote(at), value: v, kind: k, readings: keep})
		}
	}
	one := func(code string) reading { return reading{codes: []string{code}} }
	sum := func(name string, codes ...string) reading { return reading{codes: codes, name: name} }
	applySum := sum(fmt.Sprintf("第三部分「%s」与「%s」的总计之和", label(f, "apply.1.total"), label(f, "apply.2.total")),
		"apply.1.total", "apply.2.total")
	mentionsApply := strings.Contains(s, "公开申请") || strings.Contains(s, "依申请")

	for _, m := range applyRe.FindAllStringSubmatchIndex(s, -1) {
		kw, between := s[m[2]:m[3]], s[m[4]:m[5]]
		text, unit := s[m[6]:m[7]], s[m[8]:m[9]]
		if unit != "件" || strings.Contains(s[:m[3]], "结转") || !strings.Contains(between, "公开") && !mentionsApply {
			continue
		}
		switch kw {
		case "新收":
			add(m[0], text, unit, Count, one("apply.1.total"))
		case "办理":
			add(m[0], text, unit, Count, one("apply.3.7.total"), applySum, one("apply.1.total"))
		default:
			add(m[0], text, unit, Count, one("apply.1.total"), applySum)
		}
	}
	if m := applyNoRe.FindStringIndex(s); m != nil && !strings.ContainsAny(s, "0123456789") {
		out = append(out, claim{sentence: quote(m[0]), value: 0, kind: Count, readings: []reading{one("apply.1.total"), applySum}})
	}
	if mentionsApply {
		for _, m := range doneRe.FindAllStringSubmatchIndex(s, -1) {
			if s[m[4]:m[5]] == "件" {
				add(m[0], s[m[2]:m[3]], "件", Count, one("apply.3.7.total"))
			}
		}
		for _, m := range carryRe.FindAllStringSubmatchIndex(s, -1) {
			if s[m[8]:m[9]] != "件" {
				continue
			}
			text, between := s[m[6]:m[7]], s[m[4]:m[5]]
			switch {
			case m[2] >= 0:
				add(m[0], text, "件", Count, one("apply.2.total"))
			case strings.Contains(between, "下"):
				add(m[0], text, "件", Count, one("apply.4.total"))
			default:
				add(m[0], text, "件", Count, one("apply.2.total"), one("apply.4.total"))
			}
		}
		for _, m := range grantRe.FindAllStringSubmatchIndex(s, -1) {
			if s[m[6]:m[7]] != "件" {
				continue
			}
			text := s[m[4]:m[5]]
			switch kw := s[m[2]:m[3]]; kw {
			case "予以公开", "同意公开":
				add(m[0], text, "件", Count, one("apply.3.1.total"),
					sum(fmt.Sprintf("第三部分「%s」与「%s」的总计之和", label(f, "apply.3.1.total"), label(f, "apply.3.2.total")),
						"apply.3.1.total", "apply.3.2.total"))
			case "部分公开":
				add(m[0], text, "件", Count, one("apply.3.2.total"))
			case "无法提供":
				add(m[0], text, "件", Count, group(f, "3.4"))
			case "不予处理":
				add(m[0], text, "件", Count, group(f, "3.5"))
			default:
				add(m[0], text, "件", Count, group(f, "3.3"))
			}
		}
	}
	for _, m := range reviewRe.FindAllStringSubmatchIndex(s, -1) {
		text, unit := s[m[4]:m[5]], s[m[6]:m[7]]
		if unit != "件" && unit != "起" && unit != "宗" {
			continue
		}
		if s[m[2]:m[3]] == "行政复议" {
			add(m[0], text, "件", Count, one("review.admin.total"))
		} else {
			add(m[0], text, "件", Count, litigation(f), one("review.direct.total"), one("review.after.total"))
		}
	}
	if !strings.ContainsAny(s, "0123456789") && !strings.Contains(s, "未经") {
		for _, m := range reviewNoRe.FindAllStringSubmatchIndex(s, -1) {
			if s[m[4]:m[5]] == "行政复议" || strings.Contains(s[m[0]:], "行政复议") {
				out = append(out, claim{sentence: quote(m[0]), kind: Count, readings: []reading{one("review.admin.total")}})
			}
			if strings.Contains(s[m[0]:], "行政诉讼") {
				out = append(out, claim{sentence: quote(m[0]), kind: Count, readings: []reading{litigation(f)}})
			}
			break
		}
	}
	if f.Index("active.rules.issued") >= 0 {
		for _, m := range docRe.FindAllStringSubmatchIndex(s, -1) {
			if s[m[6]:m[7]] != "件" {
				continue
			}
			row := docRow(s[:m[1]])
			if row == "" {
				continue
			}
			col := map[string]string{"废止": "repealed", "现行有效": "effective"}[s[m[2]:m[3]]]
			if col == "" {
				col = "issued"
			}
			add(m[0], s[m[4]:m[5]], "件", Count, one("active."+row+"."+col))
		}
	}
	for _, m := range decisionRe.FindAllStringSubmatchIndex(s, -1) {
		between, unit := s[m[6]:m[7]], s[m[10]:m[11]]
		if unit != "件" && unit != "起" && unit != "宗" && unit != "个" {
			continue
		}
		if !strings.Contains(between, "决定") && (m[2] < 0 || strings.ContainsAny(between, "申请事项信息项目条")) {
			continue
		}
		if strings.Contains(between, "申请") || strings.Contains(between, "信息") || strings.Contains(between, "事项") {
			continue
		}
		row := map[string]string{"许可": "license", "处罚": "penalty", "强制": "coercion"}[s[m[4]:m[5]]]
		add(m[0], s[m[8]:m[9]], unit, Count, one("active."+row+".decisions"))
	}
	if !strings.Contains(s, "信息处理费") {
		for _, m := range feeRe.FindAllStringSubmatchIndex(s, -1) {
			if u := s[m[6]:m[7]]; u == "万元" || u == "元" {
				add(m[0], s[m[4]:m[5]], u, Amount, one("active.fees.amount"))
			}
		}
	}
	for _, m := range procureRe.FindAllStringSubmatchIndex(s, -1) {
		text, unit := s[m[6]:m[7]], s[m[8]:m[9]]
		switch unit {
		case "万元", "元":
			add(m[0], text, unit, Amount, one("active.procurement.amount"))
		case "个", "项", "件":
			add(m[0], text, unit, Count, one("active.procurement.count"))
		}
	}
	return out
}

// docRow tells from the words before a figure whether it counts 规章 or 规范性文件; "" when
// the sentence names neither (or both, after the last mention).
func docRow(before string) string {
	i, j := strings.LastIndex(before, "规章"), strings.LastIndex(before, "规范性文件")
	switch {
	case i < 0 && j < 0:
		return ""
	case i > j:
		return "rules"
	default:
		return "normative"
	}
}

// label is the short row label of a cell, for messages.
func label(f *Format, code string) string {
	if d, ok := f.Cell(code); ok {
		return d.RowLabel()
	}
	return code
}

// group is the sum of the total column over the items of a 三 group ("3.3" 不予公开).
func group(f *Format, prefix string) reading {
	var codes []string
	name := ""
	for _, d := range f.Cells {
		if d.Table.ID == "apply" && d.Col.Code == "total" && strings.HasPrefix(d.Code, "apply."+prefix+".") {
			codes = append(codes, d.Code)
			if name == "" && len(d.RowPath) > 1 {
				name = Short(d.RowPath[1])
			}
		}
	}
	return reading{codes: codes, name: fmt.Sprintf("第三部分「%s」各项的总计之和", name)}
}

// litigation is the sum of both kinds of 行政诉讼.
func litigation(f *Format) reading {
	direct, after := f.Cells[f.Index("review.direct.total")], f.Cells[f.Index("review.after.total")]
	return reading{codes: []string{direct.Code, after.Code},
		name: fmt.Sprintf("第四部分「%s」与「%s」的总计之和", direct.ColPath[1], after.ColPath[1])}
}

// figure reads a stated number in the unit of kind k ("3800元" is 0.38 万元 for an Amount).
func figure(text, unit string, k Kind) (Num, bool) {
	text = strings.ReplaceAll(strings.ReplaceAll(text, ",", ""), "，", "")
	var v Num
	if text != "" && text[0] >= '0' && text[0] <= '9' {
		p, blank, err := Parse(text, Amount)
		if blank || err != nil {
			return 0, false
		}
		v = p
	} else {
		n, ok := chineseNumber(text)
		if !ok {
			return 0, false
		}
		v = N(n)
	}
	if k == Amount && unit == "元" {
		v /= 10000
	}
	if k != Amount && v%Scale != 0 {
		return 0, false
	}
	return v, true
}

// chineseNumber reads 零, 两, 十二, 二十三, 一百零五 (up to 999).
func chineseNumber(s string) (int64, bool) {
	digit := map[rune]int64{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	var total, cur int64
	seen := false
	for _, c := range s {
		switch c {
		case '百':
			if cur == 0 {
				cur = 1
			}
			total += cur * 100
			cur = 0
		case '十':
			if cur == 0 {
				cur = 1
			}
			total += cur * 10
			cur = 0
		default:
			d, ok := digit[c]
			if !ok {
				return 0, false
			}
			cur = d
		}
		seen = true
	}
	return total + cur, seen
}

// quoteAround returns the sentence, or about 60 characters of it around byte offset at.
func quoteAround(s string, at int) string {
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	start := at
	for n := 0; start > 0 && n < 20; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:start])
		start -= size
	}
	end := at
	for n := 0; end < len(s) && n < 40; n++ {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	q := s[start:end]
	if start > 0 {
		q = "…" + q
	}
	if end < len(s) {
		q += "…"
	}
	return q
}
