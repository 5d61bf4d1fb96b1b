// Package published reads the plain text of a published 政府信息公开工作年度报告 — copied from a
// browser or scraped from a government website — into a form.Report: agency and year, the
// format (2021 or 2019, told by the tables' own labels), the narrative sections and every
// table cell whose position is certain. What does not fit is reported as a Chinese warning.
package published

import (
	"cmp"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/form/fileio"
)

// Result is what Import found in a report's text.
type Result struct {
	// Report holds what was imported; cells whose position was not certain are blank.
	Report *form.Report
	// Warnings say, in Chinese, what was missing or odd, naming the table or section.
	Warnings []string
	// Blanks lists every table row (or group of 四) left wholly or partly blank, with the
	// reason: the import summary shows them, and the app may mark their cells.
	Blanks []BlankRow
	// Form names the form of the file that was read: FormText for a text file; the readers of
	// saved web pages, Word and PDF files set their own (“网页”, “Word 文档”, “PDF”).
	Form string
	// Encoding is the text encoding found by Read ("UTF-8", "GB18030", "UTF-16"); empty when
	// the text did not come from a text file.
	Encoding string
	// Cells is the number of table cells imported.
	Cells int
	// Tables is true when tables of the 2019 or 2021 format were found.
	Tables bool
	// PreFormat is true for a report older than the 2019 format: its tables were not imported.
	PreFormat bool
	// YearGuess is set when the report year was not stated (no title, no 统计期限) but guessed
	// from a publication date or the first sentence: the Chinese note saying so, also among
	// the warnings. A guessed year never decides whether the tables are read.
	YearGuess string
	// Sections lists the narrative parts found, as section numbers (0 for the opening paragraph).
	Sections []int
	// EndsAt is set when the text stops before the report does (a page cut off, an excerpt):
	// the last heading or row found, as printed. Partial then says what is missing.
	EndsAt string
	// Partial is the Chinese statement of where the text ends and what is missing, or "".
	Partial string
	// AgencyNote is set when the agency's name was not found in the title: the Chinese note
	// saying so, or where the name was taken from (the signature, the website's footer); it
	// is also among the warnings.
	AgencyNote string
}

// FormText is Result.Form for a plain text file.
const FormText = "文本"

// BlankRow is a row of a table that the import left blank, wholly or in part.
type BlankRow struct {
	// Section is the report section of the table (2, 3 or 4); Table is its name.
	Section int
	Table   string
	// Row names the row as printed ("（三）不予公开 4.保护第三方合法权益", "行政规范性文件"), or the
	// column group of 四 ("行政复议").
	Row string
	// Codes are the blank cells of the row.
	Codes []string
	// Reason says, in Chinese, why they are blank.
	Reason string
	// Unreached is true for a row the text never reached (it stops before the report does):
	// the summary lists such rows of a section as one range.
	Unreached bool
}

// ReadFile reads and imports a text file in any supported encoding. Only a regular file of at
// most fileio.MaxText bytes is read (a device, FIFO or folder is refused with a Chinese reason).
func ReadFile(path string) (*Result, error) {
	data, err := fileio.ReadFile(path, fileio.MaxText)
	if err != nil {
		return nil, err
	}
	res, err := Read(data)
	if err != nil {
		return nil, fmt.Errorf("无法读取「%s」：%w", filepath.Base(path), err)
	}
	return res, nil
}

// Read decodes data (see Decode) and imports it. Stray bytes in a UTF-8 text are replaced
// and reported in the warnings.
func Read(data []byte) (*Result, error) {
	text, enc, stray, err := decode(data)
	if err != nil {
		return nil, err
	}
	res := Import(text)
	res.Encoding, res.Form = enc, FormText
	if w := stray.warning(); w != "" {
		res.Warnings = append([]string{w}, res.Warnings...)
	}
	return res, nil
}

// Import reads a report from its text. It never fails: what cannot be read is left blank
// and explained in the warnings. The text may have a paragraph per line, a table row per line
// with cells separated by "|" or tabs (what the readers of web pages, Word and PDF files
// give), a cell per line, PDF text wrapped at the page width, or the whole report on one line
// with the table's labels and numbers run together.
func Import(text string) *Result {
	p := prepareLines(sanitize(text))
	lines := p.lines
	res := &Result{}
	m := findMeta(lines)
	yearGuess := ""
	if m.year == 0 {
		m.year, yearGuess = guessYear(lines, m)
	}

	toks := tokenize(lines)
	f, score := detectFormat(toks)
	guessed := false
	if f == nil {
		f, guessed = form.FormatForYear(m.year), true
		if m.year == 0 {
			f = form.Latest
		}
	}
	r := form.New(f, m.year, m.agency)
	tr := readTables(r, toks)
	switch {
	case m.year > 0 && m.year < 2019 && score < 2 && yearGuess == "":
		// Older reports have tables of their own kind: only the narrative is imported.
		f, _ = form.FormatByID("2019")
		r = form.New(f, m.year, m.agency)
		tr = tableResult{start: -1, end: -1}
		res.PreFormat = true
	case guessed && tr.anchors < 3:
		r = form.New(f, m.year, m.agency)
		tr = tableResult{start: -1, end: -1}
	}
	res.Report = r
	res.Tables = tr.anchors > 0

	agencyAt := -1 // the warning that AgencyNote is
	if m.agency == "" {
		agencyAt = len(res.Warnings)
		res.AgencyNote = "未找到报告标题，无法确定机关名称，请在基本信息中填写"
		res.Warnings = append(res.Warnings, res.AgencyNote)
	}
	res.YearGuess = yearGuess
	switch {
	case yearGuess != "":
		res.Warnings = append(res.Warnings, yearGuess)
	case m.year == 0:
		res.Warnings = append(res.Warnings, "未找到报告标题或统计期限，无法确定报告年度，请在基本信息中填写")
	}

	n := readNarrative(lines, m, tr, res.PreFormat, p.wrapped)
	r.Text = n.text
	tr.resolveByText(r)
	res.Cells = tr.placed
	partial := endOfText(r, &tr, &n, res.PreFormat)
	switch {
	case res.PreFormat:
		res.Warnings = append(res.Warnings, fmt.Sprintf("这是 %d 年度的报告，早于 2019 年试行格式，其统计表格为旧格式，未导入；只导入了正文", m.year))
	case !res.Tables && partial == "":
		res.Warnings = append(res.Warnings, "未找到统计表格（二、三、四部分的表格），只导入了正文")
	case guessed && res.Tables:
		res.Warnings = append(res.Warnings, fmt.Sprintf("未能从表格栏目名称判断格式，按报告年度选用%s格式", f.Name))
	}
	if p.truncated {
		res.Warnings = append(res.Warnings, fmt.Sprintf("文本超过 %d 行，不像是一份年度报告；只读取了前 %d 行", maxLines, maxLines))
	}
	if partial != "" {
		res.Warnings = append(res.Warnings, partial)
		res.Partial, res.EndsAt = partial, n.endsAt
	}
	res.Warnings = append(res.Warnings, tr.warnings...)
	if tr.forced+tr.chosen > 0 {
		var how []string
		if tr.forced > 0 {
			how = append(how, fmt.Sprintf("%d 行只有一种拆法", tr.forced))
		}
		if tr.chosen > 0 {
			how = append(how, fmt.Sprintf("%d 行按表内的勾稽关系（总计等于各项之和）或正文确定拆法", tr.chosen))
		}
		res.Warnings = append(res.Warnings, "表格的数字连在一起（各格之间没有分隔），已逐行拆分："+strings.Join(how, "，")+"，请对照原文核对")
	}
	res.Blanks = tr.blanks
	slices.SortStableFunc(res.Blanks, func(a, b BlankRow) int {
		return cmp.Compare(r.Format.Index(a.Codes[0]), r.Format.Index(b.Codes[0]))
	})

	if r.Meta.Agency == "" && n.signAgency != "" {
		r.Meta.Agency = n.signAgency
		res.AgencyNote = "未找到报告标题，机关名称取自落款「" + n.signAgency + "」，请核对"
	} else if r.Meta.Agency == "" {
		if a := guessAgency(lines); a != "" {
			r.Meta.Agency = a
			res.AgencyNote = "未找到报告标题和落款，机关名称「" + a + "」是根据网页底部的「主办单位」推测的（网站主办单位不一定是报告机关），请核对"
		}
	}
	if agencyAt >= 0 {
		res.Warnings[agencyAt] = res.AgencyNote
	}
	r.Meta.Agency = oneLine(r.Meta.Agency)
	if n.date != "" {
		r.Meta.Date = n.date
	} else if m.date != "" {
		r.Meta.Date = m.date
	} else if m.pageDate != "" {
		r.Meta.Date = m.pageDate
		res.Warnings = append(res.Warnings, "报告中没有写发布日期（落款日期），发布日期取自网页的发布时间 "+m.pageDate+"，请核对")
	}
	r.Meta.Contact = n.contact
	res.Sections = n.found
	res.Warnings = append(res.Warnings, n.warnings...)
	return res
}

// meta is what the first lines tell.
type meta struct {
	agency    string
	year      int
	titleLine int // -1 when no title
	date      string
	dateLine  int // the line of date, -1 when none
	// pageDate is the date of a web page's 「发布时间：2025-01-20 17:39」 line (CMS pages), used
	// only when the report states no date of its own.
	pageDate string
}

var (
	titleRe  = regexp.MustCompile(`^(.*?)(\d{4})\s*年\s*度?.{0,16}?(政府信息公开|政务公开).{0,16}?报告`)
	periodRe = regexp.MustCompile(`(\d{4})\s*年\s*1\s*月\s*1\s*日.{0,4}?至\s*(?:\d{4}\s*年\s*)?12\s*月\s*31\s*日`)
	// pageDateRe is a web page's publication field: 「发布时间：2025-01-20 17:39」, 「来源：某局
	// 发布日期:2025/1/20」.
	pageDateRe = regexp.MustCompile(`(?:发布时间|发布日期)\s*[:：]\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})`)
	dateRe     = regexp.MustCompile(`^[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[)）]?$`)
)

// findMeta finds the title (agency and year) in the first lines, or the year from the
// statistics period ("统计期限自2019年1月1日起至2019年12月31日止").
func findMeta(lines []string) meta {
	m := findMetaLines(lines)
	m.pageDate = pageDate(lines)
	return m
}

// pageDate is the date of a web page's 「发布时间：2025-01-20 17:39」 line among the first
// lines (the header a CMS prints above the report), "" when there is none.
func pageDate(lines []string) string {
	for i, l := range lines {
		if i > 60 {
			break
		}
		if utf8.RuneCountInString(l) > 120 {
			continue // a paragraph, not the page's header
		}
		if g := pageDateRe.FindStringSubmatch(cleanSpace(l)); g != nil {
			if iso, ok := form.ParseDate(g[1] + "-" + g[2] + "-" + g[3]); ok {
				return iso
			}
		}
	}
	return ""
}

// findMetaLines is findMeta without the web page's date.
func findMetaLines(lines []string) meta {
	m := meta{titleLine: -1, dateLine: -1}
	for i, l := range lines {
		if i > 60 {
			break
		}
		s := cleanSpace(strings.TrimRight(cleanSpace(l), "|"))
		if utf8.RuneCountInString(s) > 80 || strings.Contains(s, "。") {
			continue
		}
		if d := dateOf(s); d != "" && m.date == "" {
			m.date, m.dateLine = d, i
			continue
		}
		g := titleRe.FindStringSubmatch(s)
		if g == nil {
			continue
		}
		y, _ := strconv.Atoi(g[2])
		if !form.ValidYear(y) {
			continue
		}
		agency := strings.Join(strings.Fields(g[1]), "")
		if i := strings.IndexAny(agency, ":："); i >= 0 && strings.HasPrefix(agency, "标题") {
			agency = agency[i+len(":"):]
			agency = strings.TrimLeft(agency, "：:")
		}
		if i := strings.Index(agency, "关于"); i > 0 {
			agency = agency[:i]
		}
		m.agency = strings.Trim(agency, "《》“”\"' ")
		if m.agency == "" {
			// A title set on two lines: the agency above "2024年政府信息公开工作年度报告".
			for k := i - 1; k >= 0 && k >= i-3; k-- {
				if p := cleanSpace(lines[k]); p != "" {
					if utf8.RuneCountInString(p) <= 30 && signRe.MatchString(p) && !chromeRe.MatchString(p) {
						m.agency = p
					}
					break
				}
			}
		}
		m.year, m.titleLine = y, i
		break
	}
	if m.year == 0 {
		for _, l := range lines {
			if g := periodRe.FindStringSubmatch(headOf(l, 4096)); g != nil {
				m.year, _ = strconv.Atoi(g[1])
				break
			}
		}
	}
	return m
}

// dateOf reads a line that is only a date ("2020年1月2日", "(2020年1月3日)") as YYYY-MM-DD,
// by form.ParseDate (a date that does not exist, 2月30日, is none).
func dateOf(s string) string {
	g := dateRe.FindStringSubmatch(s)
	if g == nil {
		return ""
	}
	iso, ok := form.ParseDate(g[1] + "年" + g[2] + "月" + g[3] + "日")
	if !ok {
		return ""
	}
	return iso
}
