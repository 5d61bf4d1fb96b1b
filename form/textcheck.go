package form

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// CheckText returns the W4 problems of r: figures stated in the narrative compared with the
// tables. CheckAll includes them.
func CheckText(r *Report) []Problem {
	c := checker{r: r}
	for _, part := range r.textParts() {
		c.statedFigures(part, r.Format.facts(part.text))
	}
	return c.ps
}

// textRules runs the rules that read what each text states: W4, L1 and D1.
func (c *checker) textRules() {
	for _, part := range c.r.textParts() {
		if part.text == "" {
			continue
		}
		tf := c.r.Format.facts(part.text)
		c.statedFigures(part, tf)
		c.citations(part, tf)
		c.periods(part, tf)
	}
}

// statedFigures implements W4: figures stated in the narrative (applications received,
// handled, carried over and disclosed; 复议 and 诉讼 cases; documents issued, repealed and in
// force; 许可/处罚/强制 decisions; fee amounts) are compared with the key figures the format
// declares (Format.Figures). A mismatch is a 提醒 quoting the sentence and naming the cells.
// Where the wording allows several readings (收到 may mean 一 or 一+二), any reading that
// matches is accepted; a figure whose cells are not all numbers is not compared. A negated
// statement counts as a stated 0 only when it negates the figure itself ("未收到政府信息公开
// 申请", "未发生政府信息公开行政复议和行政诉讼"); a negation of something narrower ("未发生
// 因依申请公开被行政复议纠错或行政诉讼败诉", "没有应公开而不予公开的情况") states no figure.
func (c *checker) statedFigures(part textPart, tf textFacts) {
	for _, cl := range tf.claims {
		p, bad := c.r.compareClaim(cl, part.section, part.name)
		if !bad || c.hasMessage(p.Rule, p.Message) {
			continue
		}
		c.add(p)
	}
}

// hasMessage reports whether a problem of rule already has the message msg.
func (c *checker) hasMessage(rule, msg string) bool {
	for _, p := range c.ps {
		if p.Rule == rule && p.Message == msg {
			return true
		}
	}
	return false
}

// textPart is one narrative text with the section it is edited in and how messages name it.
type textPart struct {
	section int
	name    string
	text    string
}

// textParts returns the narrative texts in report order. 一's own text and its five parts are
// separate texts (a sentence never spans two of them); the opening is edited with 基本信息.
func (r *Report) textParts() [10]textPart {
	t := &r.Text
	return [10]textPart{
		{0, "开头段落", t.Opening},
		{1, "第一部分", t.Overview},
		{1, "第一部分", t.Parts[0]}, {1, "第一部分", t.Parts[1]}, {1, "第一部分", t.Parts[2]},
		{1, "第一部分", t.Parts[3]}, {1, "第一部分", t.Parts[4]},
		{5, "第五部分", t.Problems},
		{6, "第六部分", t.Other},
		{6, "结尾", t.Closing},
	}
}

// textFacts is what the text rules read from one text: W4's claims, L1's citations and D1's
// statistics periods. Finding them takes regular expressions over the whole text, while a
// check runs on every keystroke in a number cell and sees the same texts again: they are
// remembered per format (claims name the format's cells).
type textFacts struct {
	claims  []claim
	cites   []citeHit
	periods []period
}

var factCache = map[*Format]*memo[string, textFacts]{}

func init() {
	for _, f := range Formats {
		factCache[f] = new(memo[string, textFacts])
	}
}

// facts returns the facts of text, from the cache when it can.
func (f *Format) facts(text string) textFacts {
	if strings.TrimSpace(text) == "" {
		return textFacts{}
	}
	m := factCache[f]
	if m == nil { // a format built outside Formats (tests)
		m = new(memo[string, textFacts])
	}
	return m.get(text, func() textFacts {
		var tf textFacts
		for _, s := range sentences(text) {
			tf.claims = append(tf.claims, claims(f, s)...)
		}
		tf.cites = citations(text)
		tf.periods = periods(text)
		return tf
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
	idx  []int
	name string // how messages name the sum
}

// compareClaim compares a claim in the part named part with the table; bad is true when no
// reading whose cells are all numbers matches and at least one could be compared.
func (r *Report) compareClaim(c claim, section int, part string) (Problem, bool) {
	var first *reading
	var firstSum Num
	for i := range c.readings {
		rd := &c.readings[i]
		sum, ok := r.sumAll(rd.idx)
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
	return Problem{Rule: "W4", Severity: Warning, Section: section, Cells: codesOf(r.Format, first.idx),
		Expected: firstSum.Format(c.kind), Actual: c.value.Format(c.kind),
		Message: fmt.Sprintf("%s称“%s”，但%s为 %s，正文与表格不一致，请核对", part, c.sentence, first.name, firstSum.Format(c.kind))}, true
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
	doneRe     = regexp.MustCompile(`(?:办结|答复)` + gap + num)
	carryRe    = regexp.MustCompile(`(上年度?|上一年度?)?结转(` + gap + `)` + num)
	grantRe    = regexp.MustCompile(`(不予以?公开|不予公开|予以公开|同意公开|部分公开|无法提供|不予处理)` + gap + num)
	reviewRe   = regexp.MustCompile(`(行政复议|行政诉讼)` + gap + num)
	docRe      = regexp.MustCompile(`(制发|印发|出台|废止|现行有效)` + gap + num)
	decisionRe = regexp.MustCompile(`(作出|办理|实施|办结)?行政(许可|处罚|强制)(` + gap + `)` + num)
	feeRe      = regexp.MustCompile(`(行政事业性收费|收费金额)` + gap + num)
	procureRe  = regexp.MustCompile(`(政府集中采购|集中采购)(` + gap + `)` + num)

	// A plain negation of the figure itself, to the end of its clause: "未收到政府信息公开申请",
	// "未发生政府信息公开行政复议和行政诉讼案件". Anything between the negation and the figure,
	// or after it in the clause ("未发生因…被纠错", "…行政复议纠错"), makes it another statement.
	applyNoneRe  = regexp.MustCompile(`(?:未|没有|无)(?:收到|受理|接到|接收)(?:过)?(?:任何)?(?:政府信息公开申请|信息公开申请|依申请公开(?:申请|事项|件)?|公开申请|申请)(?:的)?(?:情况|事项|件)?(?:[，,。；;]|$)`)
	reviewNoneRe = regexp.MustCompile(`(?:未|没有|无)(?:发生|收到|出现)?(?:过)?(?:任何)?(?:政府信息公开|信息公开)?(?:方面)?(?:的)?(行政复议|行政诉讼)(?:(?:和|或|及|、|与|或者)(行政复议|行政诉讼))?(?:的)?(?:案件|情况|事项)?(?:[，,。；;]|$)`)
)

// claims finds the figures of one sentence that W4 compares.
func claims(f *Format, s string) []claim {
	var out []claim
	quote := func(at int) string { return quoteAround(s, at) }
	add := func(at int, text, unit string, k Kind, figs ...string) {
		v, ok := figure(text, unit, k)
		if !ok {
			return
		}
		if rs := readings(f, figs...); len(rs) > 0 {
			out = append(out, claim{sentence: quote(at), value: v, kind: k, readings: rs})
		}
	}
	zero := func(at int, figs ...string) {
		if rs := readings(f, figs...); len(rs) > 0 {
			out = append(out, claim{sentence: quote(at), kind: Count, readings: rs})
		}
	}
	mentionsApply := strings.Contains(s, "公开申请") || strings.Contains(s, "依申请")

	for _, m := range applyRe.FindAllStringSubmatchIndex(s, -1) {
		kw, between := s[m[2]:m[3]], s[m[4]:m[5]]
		text, unit := s[m[6]:m[7]], s[m[8]:m[9]]
		if unit != "件" || strings.Contains(s[:m[3]], "结转") || !strings.Contains(between, "公开") && !mentionsApply {
			continue
		}
		switch kw {
		case "新收":
			add(m[0], text, unit, Count, "received")
		case "办理":
			add(m[0], text, unit, Count, "handled", "receivedAll", "received")
		default:
			add(m[0], text, unit, Count, "received", "receivedAll")
		}
	}
	if m := applyNoneRe.FindStringIndex(s); m != nil {
		zero(m[0], "received", "receivedAll")
	}
	if mentionsApply {
		for _, m := range doneRe.FindAllStringSubmatchIndex(s, -1) {
			if s[m[4]:m[5]] == "件" {
				add(m[0], s[m[2]:m[3]], "件", Count, "handled")
			}
		}
		for _, m := range carryRe.FindAllStringSubmatchIndex(s, -1) {
			if s[m[8]:m[9]] != "件" {
				continue
			}
			text, between := s[m[6]:m[7]], s[m[4]:m[5]]
			switch {
			case m[2] >= 0:
				add(m[0], text, "件", Count, "carriedIn")
			case strings.Contains(between, "下"):
				add(m[0], text, "件", Count, "carriedOut")
			default:
				add(m[0], text, "件", Count, "carriedIn", "carriedOut")
			}
		}
		for _, m := range grantRe.FindAllStringSubmatchIndex(s, -1) {
			if s[m[6]:m[7]] != "件" {
				continue
			}
			text := s[m[4]:m[5]]
			switch kw := s[m[2]:m[3]]; kw {
			case "予以公开", "同意公开":
				add(m[0], text, "件", Count, "disclosed", "disclosedAll")
			case "部分公开":
				add(m[0], text, "件", Count, "partial")
			case "无法提供":
				add(m[0], text, "件", Count, "unavailable")
			case "不予处理":
				add(m[0], text, "件", Count, "unprocessed")
			default:
				add(m[0], text, "件", Count, "refused")
			}
		}
	}
	for _, m := range reviewRe.FindAllStringSubmatchIndex(s, -1) {
		text, unit := s[m[4]:m[5]], s[m[6]:m[7]]
		if unit != "件" && unit != "起" && unit != "宗" {
			continue
		}
		if s[m[2]:m[3]] == "行政复议" {
			add(m[0], text, "件", Count, "review")
		} else {
			add(m[0], text, "件", Count, "litigation", "direct", "after")
		}
	}
	if !strings.Contains(s, "未经") {
		for _, m := range reviewNoneRe.FindAllStringSubmatchIndex(s, -1) {
			for _, g := range [][2]int{{m[2], m[3]}, {m[4], m[5]}} {
				switch {
				case g[0] < 0:
				case s[g[0]:g[1]] == "行政复议":
					zero(m[0], "review")
				default:
					zero(m[0], "litigation")
				}
			}
		}
	}
	if f.figures["docs.rules.issued"] != nil {
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
			add(m[0], s[m[4]:m[5]], "件", Count, "docs."+row+"."+col)
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
		fig := map[string]string{"许可": "license", "处罚": "penalty", "强制": "coercion"}[s[m[4]:m[5]]]
		add(m[0], s[m[8]:m[9]], unit, Count, fig)
	}
	if !strings.Contains(s, "信息处理费") {
		for _, m := range feeRe.FindAllStringSubmatchIndex(s, -1) {
			if u := s[m[6]:m[7]]; u == "万元" || u == "元" {
				add(m[0], s[m[4]:m[5]], u, Amount, "fees")
			}
		}
	}
	for _, m := range procureRe.FindAllStringSubmatchIndex(s, -1) {
		text, unit := s[m[6]:m[7]], s[m[8]:m[9]]
		switch unit {
		case "万元", "元":
			add(m[0], text, unit, Amount, "procurement.amount")
		case "个", "项", "件":
			add(m[0], text, unit, Count, "procurement.count")
		}
	}
	return out
}

// readings turns key figure ids into readings, leaving out those the format lacks.
func readings(f *Format, ids ...string) []reading {
	var out []reading
	for _, id := range ids {
		if idx := f.figures[id]; idx != nil {
			out = append(out, reading{idx: idx, name: figureName(f, idx)})
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

// figureName names the sum of the cells at idx for messages: one cell by its place
// ("第三部分「一、本年新收政府信息公开申请数量」行「总计」列"), the items of a group
// ("第三部分「（三）不予公开」各项的总计之和"), two rows or two column groups by both
// ("第四部分「未经复议直接起诉」与「复议后起诉」的总计之和").
func figureName(f *Format, idx []int) string {
	d := f.Cells[idx[0]]
	if len(idx) == 1 {
		return where(d)
	}
	part := "第" + cnNum[d.Table.Section] + "部分"
	col := Short(d.Col.Label)
	if len(idx) > 2 && len(d.RowPath) > 1 {
		return fmt.Sprintf("%s「%s」各项的%s之和", part, Short(d.RowPath[1]), col)
	}
	e := f.Cells[idx[1]]
	if d.Row == e.Row && len(d.ColPath) > 1 && len(e.ColPath) > 1 {
		return fmt.Sprintf("%s「%s」与「%s」的%s之和", part, d.ColPath[len(d.ColPath)-2], e.ColPath[len(e.ColPath)-2], col)
	}
	return fmt.Sprintf("%s「%s」与「%s」的%s之和", part, d.RowLabel(), e.RowLabel(), col)
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
