package form

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// citationRule is one outdated or wrong citation L1 looks for.
type citationRule struct {
	// re finds it; the whole match is quoted in the message.
	re *regexp.Regexp
	// minYear limits the rule to reports of that year or later (0: every report).
	minYear int
	// context, when set, must also occur in the sentence of the match; unless must not.
	context, unless *regexp.Regexp
	// notAfter lists texts that may not stand just before the match ("第" of "第五部分").
	notAfter []string
	// message says what is wrong and what to write instead; %s is the quote.
	message string
}

// bracket matches the year brackets of a document number: 〔2019〕, [2019], （2019）, 【2019】.
const bracket = `\s*[〔\[［(（【]\s*%s\s*[〕\]］)）】]\s*`

// citationRules are the citations that real reports get wrong (docs/format.md, L1).
var citationRules = []citationRule{
	{re: regexp.MustCompile(`国务院令\s*第?\s*492\s*号|国令\s*第?\s*492\s*号`),
		message: "正文引用「%s」：这是2008年施行的旧《中华人民共和国政府信息公开条例》。现行《条例》为2019年修订的国务院令第711号（2019年5月15日起施行），请改为“国务院令第711号”"},
	{re: regexp.MustCompile(`国办公开办函` + fmt.Sprintf(bracket, "2019") + `60\s*号`), minYear: 2021,
		message: "正文称依据「%s」编制：那是2019、2020年度试用的格式。2021年度起的年度报告格式为国办公开办函〔2021〕30号，请改为“国办公开办函〔2021〕30号”"},
	{re: regexp.MustCompile(`公开办涵`),
		message: "正文中「%s」是错字，应为“公开办函”"},
	{re: regexp.MustCompile(`信息公开条列`),
		message: "正文中「%s」是错字，应为“信息公开条例”"},
	// A statement of the report's parts, not of 一's five aspects (主动公开 … 监督保障).
	{re: regexp.MustCompile(`[五5]\s*(?:个|大)?\s*部分|[五5]\s*项内容`), notAfter: []string{"第", "十"},
		context: regexp.MustCompile(`报告[^。；]*(?:包括|组成|分为|包含|涵盖|共有|由)|(?:包括|组成|分为|包含|涵盖|共有|由)[^。；]*报告`),
		unless:  regexp.MustCompile(`监督保障|平台建设|政府信息管理`),
		message: "正文称年度报告有「%s」：年度报告格式规定六个部分（总体情况至其他需要报告的事项），请改为“六个部分”"},
}

// citeHit is a match of citationRules[rule] in a text.
type citeHit struct {
	rule  int
	quote string
}

// citations finds the citation-rule matches of a text (cached with the text's other facts).
func citations(text string) []citeHit {
	var out []citeHit
	for i, cr := range citationRules {
		for _, m := range cr.re.FindAllStringIndex(text, -1) {
			if cr.context != nil || cr.unless != nil {
				s := sentenceAround(text, m[0], m[1])
				if cr.context != nil && !cr.context.MatchString(s) || cr.unless != nil && cr.unless.MatchString(s) {
					continue
				}
			}
			if slices.ContainsFunc(cr.notAfter, func(p string) bool { return strings.HasSuffix(text[:m[0]], p) }) {
				continue
			}
			out = append(out, citeHit{rule: i, quote: text[m[0]:m[1]]})
		}
	}
	return out
}

// sentenceAround returns the sentence of text holding text[start:end].
func sentenceAround(text string, start, end int) string {
	const stops = "。！？；;!?\n"
	i := strings.LastIndexAny(text[:start], stops)
	if i < 0 {
		i = 0
	}
	j := strings.IndexAny(text[end:], stops)
	if j < 0 {
		j = len(text) - end
	}
	return text[i : end+j]
}

// citations adds L1 for every outdated or wrong citation in a text part, once per kind.
func (c *checker) citations(part textPart, tf textFacts) {
	seen := 0 // bit set of the rules already reported for this part
	for _, h := range tf.cites {
		cr := citationRules[h.rule]
		if seen&(1<<h.rule) != 0 || cr.minYear > 0 && c.r.Meta.Year < cr.minYear {
			continue
		}
		seen |= 1 << h.rule
		msg := part.name + "：" + fmt.Sprintf(cr.message, h.quote)
		if !c.hasMessage("L1", msg) {
			c.add(Problem{Rule: "L1", Severity: Warning, Section: part.section, Actual: h.quote, Message: msg})
		}
	}
}

// period is a 统计期限 stated in a text: "统计期限为2024年1月1日至12月31日".
type period struct {
	start, end int // years; end is 0 when the text gives no end year
	quote      string
}

var periodRe = regexp.MustCompile(`统计(?:期限|时限|区间|期间|时段|周期|时间)[^。；;\d]{0,8}?(\d{4})\s*年\s*0?1\s*月\s*0?1\s*日(?:[^。；;\d]{0,6}?(?:(\d{4})\s*年\s*)?12\s*月\s*31\s*日)?`)

// periods finds the statistics periods stated in a text.
func periods(text string) []period {
	var out []period
	for _, m := range periodRe.FindAllStringSubmatchIndex(text, -1) {
		p := period{quote: text[m[0]:m[1]]}
		p.start, _ = strconv.Atoi(text[m[2]:m[3]])
		if m[4] >= 0 {
			p.end, _ = strconv.Atoi(text[m[4]:m[5]])
		}
		out = append(out, p)
	}
	return out
}

// periods adds D1 when a 统计期限 stated in a text part is not the report year.
func (c *checker) periods(part textPart, tf textFacts) {
	y := c.r.Meta.Year
	if y < FirstFormatYear() || y > MaxYear {
		return // M2 says the year is wrong
	}
	for _, p := range tf.periods {
		if p.start == y && (p.end == 0 || p.end == y) {
			continue
		}
		c.add(Problem{Rule: "D1", Severity: Warning, Section: part.section, Expected: fmt.Sprintf("%d年1月1日至12月31日", y), Actual: p.quote,
			Message: fmt.Sprintf("%s称“%s”，与报告年度 %d 不符。统计期限应为“%d年1月1日至12月31日”，请核对", part.name, p.quote, y, y)})
	}
}
