package published

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
)

var (
	// headingRe matches a numbered level-1 heading: "三、收到和处理政府信息公开申请情况".
	headingRe = regexp.MustCompile(`^第?([一二三四五六七八九十]{1,2})(?:、|，|,|\.|．|部分)\s*(\S.{0,40})$`)
	// partRe matches a part heading of 一: "（一）主动公开", "(四)平台建设。全年……".
	partRe = regexp.MustCompile(`^[（(]([一二三四五])[)）]\s*([^。：:；;]{1,24}?)(?:[。：:；;]\s*(.*))?$`)
	// chromeRe matches website furniture: index fields, sharing and printing links, footers.
	chromeRe = regexp.MustCompile(`^(原文链接|本地目录|页面链接|栏\s*目[:：]|={3,}|索\s*引\s*号|发布机构|生成日期|成文日期|标\s*题|内容概述|主\s*题\s*词|文\s*号|发布时间|发布日期|来源[:：]|作者[:：]|阅读|浏览|点击|字号|【?字体|分享|打印|【打印|\[打印|关闭|【关闭|附件|文件下载|关联文件|相关|扫一扫|主办单位|承办单位|技术支持|网站标识码|版权所有|Copyright|联系我们|网站地图|当前位置|您当前|首页\s*>|上一篇|下一篇|责任编辑)|ICP备|公网安备|^\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}|来源[:：]|作者[:：]`)
	// contactRe matches the address and phone footer of a website.
	contactRe = regexp.MustCompile(`^(地址|邮编|电话|TEL|Tel|传真)[:：].{0,60}(TEL|电话|邮编|传真)`)
	// signRe matches an agency name alone on a line, as in the signature.
	signRe = regexp.MustCompile(`^\S{2,30}(局|委|办|府|院|会|室|中心|所|厅|部|处|站|队|馆|署|公司|政府|办公室|委员会)$`)
	// contactLineRe matches a contact line of the opening paragraph.
	contactLineRe = regexp.MustCompile(`^(地址|邮编|邮政编码|电话|联系电话|传真|电子邮箱|邮箱|联系方式)`)
	// otherRe marks a paragraph that belongs to 六 when the headings are missing.
	otherRe = regexp.MustCompile(`其他需要|其它需要|需要说明的|需要报告的|其他事项|其它事项|信息处理费`)
)

// sectionOf classifies a level-1 heading by its words: 1, 5 and 6 are narrative sections,
// 2-4 the table sections, 0 a heading of an older format that has no counterpart.
// sectionTitle is the official heading of section n (the same in both formats).
func sectionTitle(n int) string { return form.Latest.Sections[n-1].Title }

func sectionOf(title string) int {
	switch {
	case strings.Contains(title, "其他需要") || strings.Contains(title, "其它需要") || strings.Contains(title, "需要说明") ||
		strings.Contains(title, "需要报告") || strings.Contains(title, "其他事项") || strings.Contains(title, "其它事项"):
		return 6
	case strings.Contains(title, "问题") || strings.Contains(title, "改进") || strings.Contains(title, "不足") || strings.Contains(title, "工作计划") ||
		strings.Contains(title, "工作打算") || strings.Contains(title, "努力方向"):
		return 5
	case strings.Contains(title, "复议") || strings.Contains(title, "诉讼"):
		return 4
	case strings.Contains(title, "申请") && !strings.Contains(title, "数量"):
		return 3
	case strings.Contains(title, "主动公开"):
		return 2
	case strings.Contains(title, "总体") || strings.Contains(title, "概述") || strings.Contains(title, "基本情况") || strings.Contains(title, "概况"):
		return 1
	}
	return 0
}

// heading returns the section class of a line that is a level-1 heading and the number it
// is numbered with (一 → 1), or -1, 0.
func heading(s string) (class, number int) {
	if utf8.RuneCountInString(s) > 44 || labelKeys[form.LabelKey(s)] {
		return -1, 0
	}
	g := headingRe.FindStringSubmatch(s)
	if g == nil || strings.ContainsAny(strings.TrimRight(g[2], "。"), "。；;") {
		return -1, 0
	}
	return sectionOf(g[2]), strings.Index("一二三四五六七八九十", g[1])/len("一") + 1
}

// partKeywords tell which of 一's five parts a part heading opens.
var partKeywords = [5][]string{
	{"主动公开"},
	{"依申请", "申请公开"},
	{"信息管理", "政府信息管理"},
	{"平台"},
	{"监督", "保障"},
}

// part returns the part index (0-4) of a part heading line and the text that follows the
// heading on the same line, or -1.
func part(s string) (int, string) {
	g := partRe.FindStringSubmatch(s)
	if g == nil {
		return -1, ""
	}
	for i, kws := range partKeywords {
		for _, kw := range kws {
			if strings.Contains(g[2], kw) {
				return i, strings.TrimSpace(g[3])
			}
		}
	}
	return -1, ""
}

// narrative is what readNarrative found.
type narrative struct {
	text       form.Text
	date       string
	signAgency string
	found      []int
	contact    form.Contact
	warnings   []string
	// endsAt is the last heading or part heading of the narrative, as printed, and
	// endsIn its section: where a text cut short stops, when it stops before the tables.
	endsAt string
	endsIn int
	// last is the last section whose heading was found (0 for none); signed is true when
	// the signature or the date closing the report was found.
	last   int
	signed bool
	// implicit5 is true when the text after the tables was taken as 五 without its heading.
	implicit5 bool
}

// readNarrative assigns the lines outside the tables to the opening, 一 (with its parts), 五
// and 六, and stops at the signature or the website footer.
func readNarrative(lines []string, m meta, tr tableResult, pre, wrapped bool) narrative {
	var n narrative
	// add appends a line to a section; in wrapped (PDF) text a line that does not end a
	// sentence continues on the next line of the same section.
	var lastTo *[]string
	open := false
	// The paragraph being joined is built in joined (a line at a time, linear however many
	// lines it has) and written back to (*joinTo)[joinAt] by flush.
	var joined strings.Builder
	var joinTo *[]string
	joinAt := -1
	flush := func() {
		if joinTo != nil {
			(*joinTo)[joinAt] = joined.String()
			joinTo = nil
			joined.Reset()
		}
	}
	add := func(to *[]string, s string) {
		if wrapped {
			s = joinHanSpaces(s)
			if to == lastTo && open && len(*to) > 0 {
				if joinTo != to || joinAt != len(*to)-1 {
					flush()
					joinTo, joinAt = to, len(*to)-1
					joined.WriteString((*to)[joinAt])
				}
				joined.WriteString(s)
				open = !sentenceEnd(s)
				return
			}
		}
		flush()
		*to = append(*to, s)
		lastTo, open = to, !sentenceEnd(s)
	}
	clean := make([]string, len(lines))
	class := make([]int, len(lines)) // heading class, -1 for none
	has := map[int]bool{}
	for i, l := range lines {
		clean[i] = cleanSpace(strings.TrimRight(cleanSpace(l), "|"))
		class[i] = -1
		if i == m.titleLine || (tr.start >= 0 && i >= tr.start && i <= tr.end) {
			continue
		}
		// In a report of the current formats a heading is numbered as its section: a list
		// item like "二、完善主动公开机制" inside 五 is text, not section 二.
		if c, num := heading(clean[i]); c >= 0 && (pre || c >= 1 && num == c) {
			class[i] = c
			has[c] = true
		}
	}
	var opening, overview, problems, other []string
	var parts [5][]string
	cur, curPart := -1, -1 // -1: before any heading
	sawPart, implicit5, implicit6 := false, false, false
	afterTables := func(i int) bool { return tr.end >= 0 && i > tr.end }
	for i := 0; i < len(lines); i++ {
		s := clean[i]
		if tr.start >= 0 && i >= tr.start && i <= tr.end {
			continue
		}
		if s == "" || i == m.titleLine {
			continue
		}
		if class[i] >= 0 && (pre || class[i] >= cur) {
			if pre && cur >= 0 && (class[i] == cur || (cur == 1 && class[i] <= 4)) {
				appendTo(&overview, &problems, &other, cur, s) // keep the old format's own headings
				continue
			}
			cur, curPart = class[i], -1
			if cur >= 1 {
				n.last, n.endsAt, n.endsIn = cur, s, cur
			}
			continue
		}
		tail := cur >= 5 || (afterTables(i) && cur != 0)
		if tail || (pre && cur >= 0) {
			if chromeRe.MatchString(s) || contactRe.MatchString(s) {
				break
			}
			if d := dateOf(s); d != "" {
				n.date, n.signed = d, true
				break
			}
			if signRe.MatchString(s) && i+1 < len(lines) && nextDate(clean, i+1) != "" {
				n.signAgency, n.date, n.signed = oneLine(s), nextDate(clean, i+1), true
				break
			}
		}
		if cur < 0 {
			if afterTables(i) {
				cur, implicit5 = 5, true
			} else if !has[1] && (tr.start >= 0 && i < tr.start || tr.start < 0 && !pre) {
				cur = 1
			} else {
				if chromeRe.MatchString(s) || dateOf(s) != "" || titleRe.MatchString(s) && !strings.Contains(s, "。") {
					if d := dateOf(s); d != "" && n.date == "" {
						n.date = d
					}
					continue
				}
				if i < m.titleLine || !paragraphLike(s) && !(wrapped && utf8.RuneCountInString(s) >= 20) {
					continue
				}
				add(&opening, s)
				continue
			}
		}
		if afterTables(i) && !pre && (cur == 1 || cur >= 2 && cur <= 4 && !has[5]) {
			cur, implicit5 = 5, true
		}
		if implicit5 && cur == 5 && !has[6] && otherRe.MatchString(s) && len(problems) > 0 {
			cur, implicit6 = 6, true
		}
		switch cur {
		case 1:
			if dateOf(s) != "" && len(overview) == 0 && !sawPart {
				continue
			}
			if !pre {
				if p, rest := part(s); p >= 0 {
					curPart, sawPart = p, true
					n.endsAt, n.endsIn = strings.TrimRight(strings.SplitN(s, "。", 2)[0], "：:；;"), 1
					lastTo = nil
					if rest != "" {
						add(&parts[p], rest)
					}
					continue
				}
			}
			if curPart >= 0 {
				add(&parts[curPart], s)
			} else {
				add(&overview, s)
			}
		case 5:
			add(&problems, s)
		case 6:
			if pre && strings.Contains(s, "附表") && utf8.RuneCountInString(s) < 40 {
				cur = 7 // the old statistics table: not imported
				continue
			}
			add(&other, s)
		case 0, 2, 3, 4:
			if pre {
				add(&overview, s)
			}
		}
	}
	flush()
	n.text.Opening = strings.Join(opening, "\n")
	n.text.Overview = strings.Join(overview, "\n")
	for i := range parts {
		n.text.Parts[i] = strings.Join(parts[i], "\n")
	}
	n.text.Problems = strings.Join(problems, "\n")
	n.text.Other = strings.Join(other, "\n")
	if len(opening) > 0 {
		n.found = append(n.found, 0)
	}
	if n.text.Section(1) != "" {
		n.found = append(n.found, 1)
	}
	if len(problems) > 0 {
		n.found = append(n.found, 5)
	}
	if len(other) > 0 {
		n.found = append(n.found, 6)
	}
	if !has[1] && n.text.Section(1) != "" {
		n.warnings = append(n.warnings, "未找到「"+sectionTitle(1)+"」标题，表格之前的文字按第一部分导入，请核对")
	}
	n.implicit5 = implicit5 && len(problems) > 0
	if n.implicit5 {
		n.warnings = append(n.warnings, "未找到「"+sectionTitle(5)+"」标题，表格之后的文字按第五部分导入，请核对")
	}
	if implicit6 {
		n.warnings = append(n.warnings, "未找到「"+sectionTitle(6)+"」标题，其中提到其他事项的段落按第六部分导入，请核对")
	}
	if n.text.Section(1) == "" {
		n.warnings = append(n.warnings, "未找到第一部分「总体情况」的文字")
	}
	n.contact = findContact(n.text.Opening + "\n" + n.text.Section(1) + "\n" + n.text.Other)
	return n
}

var (
	officeRe   = regexp.MustCompile(`(?:请与|请联系|联系单位[:：]?)\s*([^，,。；;（(：:\s]{4,30}?)联系`)
	addressRe  = regexp.MustCompile(`(?:地址|通讯地址|联系地址)[:：]\s*([^，,。；;）)\s]{4,60})`)
	postcodeRe = regexp.MustCompile(`(?:邮编|邮政编码)[:：]?\s*(\d{6})`)
	phoneRe    = regexp.MustCompile(`(?:电话|联系电话|TEL|Tel)[:：]?\s*(\d[\d\-－—]{6,18}\d)`)
	emailRe    = regexp.MustCompile(`(?:邮箱|电子邮箱|E-mail|Email|email)[:：]?\s*([\w.\-]+@[\w.\-]+\w)`)
)

// findContact reads the contact block the report gives (usually in the opening paragraph):
// only values introduced by their label are taken.
func findContact(s string) form.Contact {
	// Each pattern starts with one of its keywords: it is tried only on a short window from
	// each keyword, which keeps this linear on a long narrative.
	get := func(re *regexp.Regexp, keywords ...string) string {
		best, at := "", len(s)
		for _, kw := range keywords {
			for from := 0; from < at; {
				i := strings.Index(s[from:], kw)
				if i < 0 || from+i >= at {
					break
				}
				i += from
				end := min(len(s), i+240)
				if g := re.FindStringSubmatch(s[i:end]); g != nil {
					best, at = strings.TrimSpace(g[1]), i
					break
				}
				from = i + len(kw)
			}
		}
		return best
	}
	return form.Contact{
		Office:   get(officeRe, "请与", "请联系", "联系单位"),
		Address:  get(addressRe, "地址"),
		Postcode: get(postcodeRe, "邮编", "邮政编码"),
		Phone:    get(phoneRe, "电话", "TEL", "Tel"),
		Email:    get(emailRe, "邮箱", "E-mail", "Email", "email"),
	}
}

// appendTo adds a kept heading line to the section it belongs to.
func appendTo(overview, problems, other *[]string, cur int, s string) {
	switch cur {
	case 5:
		*problems = append(*problems, s)
	case 6:
		*other = append(*other, s)
	default:
		*overview = append(*overview, s)
	}
}

// nextDate returns the date on the first non-empty line from i, if that line is only a date.
func nextDate(clean []string, i int) string {
	for ; i < len(clean); i++ {
		if clean[i] != "" {
			return dateOf(clean[i])
		}
	}
	return ""
}

// paragraphLike reports whether a line before the first heading is report text rather than
// page furniture: a sentence, or a contact line.
func paragraphLike(s string) bool {
	if chromeRe.MatchString(s) {
		return false
	}
	if strings.ContainsAny(s, "。，,；") || utf8.RuneCountInString(s) >= 30 {
		return true
	}
	return contactLineRe.MatchString(s)
}
