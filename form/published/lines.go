package published

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/form/fileio"
)

// Line preparation: real texts come as one paragraph per line, as the whole report on one
// line (a CMS export or a crawler's text), or as PDF text wrapped at the page width with page
// numbers between the lines. prepareLines turns all of them into lines on which a heading,
// a part heading or the signature starts its own line.

// maxLineSplits bounds the pieces one line is cut into (a report has a few dozen headings).
const maxLineSplits = 400

var (
	// pageNumberRe matches a page number line of PDF text: "-3-", "— 3 —", "第 3 页 共 6 页".
	pageNumberRe = regexp.MustCompile(`^\s*(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[/，,]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$`)
	// sectionEndRe is how section titles end: "…情况", "…事项", "…改进措施", "…工作计划".
	sectionEndRe = regexp.MustCompile(`情况|事项|措施|计划|打算|方向|概述|概况`)
	// inlineSignRe finds the signature at the end of the text: the agency, then the date,
	// then the end of the line, a space, or the document's 抄送/印发 footer.
	inlineSignRe = regexp.MustCompile(`[。！？\s]\s*([^\s。，,；;：:（）()“”《》]{4,30}?(?:局|委|办|府|院|会|室|中心|所|厅|部|处|站|队|馆|署|公司|政府|办公室|委员会))[\s\x{3000}]*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)(?:\s|$|抄送|印发)`)
	// chromeTokenRe matches website furniture that runs into the first paragraph on one line.
	chromeTokenRe = regexp.MustCompile(`相关链接[:：]|文件下载|文字版|全真版|QQ空间|微博|微信|扫一扫|来源[:：]|时间[:：]\s*[\d\-: ]+|-->|【?打印】?|【?关闭】?|字号[:：]?\s*[大中小 ]*`)
)

// prepared is the text as lines, with what line preparation found.
type prepared struct {
	lines []string
	// wrapped is true for text wrapped at a fixed width (PDF text): a paragraph continues on
	// the next line until a line ends a sentence.
	wrapped bool
	// truncated is true when the text had more than maxLines lines: the rest was not read.
	truncated bool
}

// Bounds that keep a hostile text (8 MB of table labels, pipes or digits) within a second or
// two and bounded memory; a real report has a few hundred lines and a thousand table tokens.
const (
	// maxLines is the most lines read (a 10-page PDF gives about 500): the project's one limit
	// on a published text's lines, which export/open also applies to a .txt file.
	maxLines = fileio.MaxLines
	// maxTableLine is the longest line read as table cells (a table row, or a whole table run
	// together on one line, is a few kilobytes); a longer line is one piece of text.
	maxTableLine = 64 << 10
	// maxTokens is the most table tokens read from a text.
	maxTokens = 100000
	// maxRowCells is the most cells of one row line ("|" or tab separated).
	maxRowCells = 400
)

// prepareLines splits text into lines, drops page-number lines and cuts lines at inline
// headings, part headings and the signature.
func prepareLines(text string) prepared {
	raw := strings.SplitN(text, "\n", maxLines+1)
	p := prepared{}
	if len(raw) > maxLines {
		raw, p.truncated = raw[:maxLines], true
	}
	out := make([]string, 0, len(raw))
	for _, l := range raw {
		if len(out) >= maxLines {
			p.truncated = true
			break
		}
		if len(l) < 40 && pageNumberRe.MatchString(l) {
			continue
		}
		// A row of cells separated by "|" or tabs is left whole; a "|" inside a long paragraph
		// (《我为群众办实事|…》) does not make it a row.
		if n := utf8.RuneCountInString(l); n > 40 && (!strings.ContainsAny(l, "|\t") || n > 300 && strings.Contains(l, "。")) {
			out = append(out, splitInline(l)...)
			continue
		}
		out = append(out, l)
	}
	p.lines, p.wrapped = out, isWrapped(out)
	return p
}

// splitInline cuts a long line before and after each section heading it holds, before each
// part heading that follows a sentence, around a signature, and after website furniture that
// runs into the first paragraph.
func splitInline(l string) []string {
	var cuts []int
	if len(l) > 300 && chromeRe.MatchString(cleanSpace(headOf(l, 240))) {
		first := strings.Index(l, "。")
		if first < 0 {
			first = len(l)
		}
		end := -1
		for _, m := range chromeTokenRe.FindAllStringIndex(l[:first], -1) {
			end = m[1]
		}
		if end > 0 && end < first {
			cuts = append(cuts, end)
		}
	}
	// Section numbers "三、" and part numbers "（二）": found by their marks, which is linear
	// in the line even for a hostile one.
	found := 0
	for from := 0; found < maxLineSplits; found++ {
		i := strings.Index(l[from:], "、")
		if i < 0 {
			break
		}
		i += from
		from = i + len("、")
		if r, size := utf8.DecodeLastRuneInString(l[:i]); strings.ContainsRune("一二三四五六", r) {
			if end := inlineHeadingEnd(l, i-size); end > 0 {
				cuts = append(cuts, i-size, end)
			}
		}
	}
	for from := 0; found < 2*maxLineSplits; found++ {
		i := strings.IndexAny(l[from:], ")）")
		if i < 0 {
			break
		}
		i += from
		_, closeSize := utf8.DecodeRuneInString(l[i:])
		from = i + closeSize
		num, s1 := utf8.DecodeLastRuneInString(l[:i])
		open, s2 := utf8.DecodeLastRuneInString(l[:i-s1])
		if strings.ContainsRune("一二三四五六七八九十", num) && (open == '（' || open == '(') {
			if start := i - s1 - s2; afterSentence(l[:start]) {
				cuts = append(cuts, start)
			}
		}
	}
	if strings.Contains(l, "月") && strings.Contains(l, "日") {
		for _, m := range inlineSignRe.FindAllStringSubmatchIndex(l, maxLineSplits) {
			cuts = append(cuts, m[2], m[4], m[5])
		}
	}
	if len(cuts) == 0 {
		return []string{l}
	}
	sortInts(cuts)
	var parts []string
	prev := 0
	for _, c := range cuts {
		if c <= prev || c >= len(l) {
			continue
		}
		if s := l[prev:c]; cleanSpace(s) != "" {
			parts = append(parts, s)
		}
		prev = c
	}
	if s := l[prev:]; cleanSpace(s) != "" {
		parts = append(parts, s)
	}
	return parts
}

// headOf returns the first n bytes of s, cut at a character boundary.
func headOf(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// inlineHeadingEnd returns where the section heading starting at i in l ends ("三、收到和处理
// 政府信息公开申请情况" followed by anything), or -1 when the numeral at i does not start the
// heading of that section: a heading follows the start of the line, a space, a punctuation mark
// or a number (the last cell of the table before it), never a word ("第二、" "其二、").
func inlineHeadingEnd(l string, i int) int {
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(l[:i])
		if unicode.IsLetter(prev) {
			return -1
		}
	}
	num, size := utf8.DecodeRuneInString(l[i:])
	n := strings.IndexRune("一二三四五六", num)/len("一") + 1
	start := i + size + len("、")
	for start < len(l) && (l[start] == ' ' || l[start] == '\t') {
		start++
	}
	// The title runs to the first stop: a number, a bracket, a sentence or clause mark, a space.
	end, count := start, 0
	for end < len(l) && count < 40 {
		r, size := utf8.DecodeRuneInString(l[end:])
		if unicode.IsDigit(r) || form.IsSpace(r) || strings.ContainsRune("（(《<〈[【。，,；;：:！？!?“\"", r) {
			break
		}
		end += size
		count++
	}
	m := sectionEndRe.FindStringIndex(l[start:end])
	if m == nil {
		return -1
	}
	title := l[start : start+m[1]]
	if sectionOf(title) != n || labelKeys[form.LabelKey(title)] {
		return -1
	}
	return start + m[1]
}

// afterSentence reports whether s (the text before a part heading) ends a sentence, ignoring
// trailing spaces; an empty s is the start of the line.
func afterSentence(s string) bool {
	s = strings.TrimRightFunc(s, form.IsSpace)
	if s == "" {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("。！？；;!?", last)
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// sentenceEnd reports whether a narrative line ends a paragraph: a sentence mark, or a closing
// bracket or quote after one.
func sentenceEnd(s string) bool {
	s = strings.TrimRight(cleanSpace(s), "”’\"'）)」』")
	if s == "" {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("。！？；：!?;:", last)
}

// isWrapped tells PDF-like text, wrapped at the page width, from text with a paragraph per
// line: most of its long lines of prose end inside a sentence.
func isWrapped(lines []string) bool {
	long, open := 0, 0
	for _, l := range lines {
		s := cleanSpace(l)
		if utf8.RuneCountInString(s) < 16 || strings.ContainsAny(s, "|\t") || isValue(s) {
			continue
		}
		if c, _ := heading(s); c >= 0 {
			continue
		}
		long++
		if !sentenceEnd(s) {
			open++
		}
	}
	return long >= 8 && open*2 > long
}

// hanSpaceRe matches a single space that PDF text puts between a Chinese character and a
// number or Latin word ("2024 年", "第 711 号").
var hanSpaceRe = regexp.MustCompile(`(\p{Han}|[，。、；：“”（）《》]) ([0-9A-Za-z])|([0-9A-Za-z%]) (\p{Han}|[，。、；：“”（）《》])`)

// joinHanSpaces removes the spaces PDF text extraction puts between Chinese and numbers.
func joinHanSpaces(s string) string {
	for i := 0; i < 2; i++ { // overlapping matches ("年 1 月") need a second pass
		s = hanSpaceRe.ReplaceAllString(s, "$1$3$2$4")
	}
	return s
}
