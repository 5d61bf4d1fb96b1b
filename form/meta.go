package form

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// MinYear and MaxYear bound the report years accepted anywhere: annual reports exist since the
// 条例 took effect in 2008; the tables of this app's formats start with FirstYear 2019.
const (
	MinYear = 2008
	MaxYear = 2100
)

// ValidYear reports whether y is a plausible report year.
func ValidYear(y int) bool { return y >= MinYear && y <= MaxYear }

// FirstFormatYear is the first report year whose tables a supported format describes.
func FirstFormatYear() int { return Formats[len(Formats)-1].FirstYear }

// DefaultYear is the report year a new report gets on date now: the year before, since
// reports are written in January for the year just ended — except in December, when the
// report of the year now ending is being prepared.
func DefaultYear(now time.Time) int {
	if now.Month() == time.December {
		return now.Year()
	}
	return now.Year() - 1
}

// ParseYear reads a report year as typed: "2025", "２０２５", " 2025年", "2025年度". A text
// that is not a year gives 0 and an error; a year outside the supported range (FirstFormatYear
// to MaxYear) gives the year and an error. The error is the Chinese hint for the year field.
func ParseYear(text string) (int, error) {
	s := Normalize(text)
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(s, "度"), "年"))
	hint := fmt.Errorf("请填写 %d 年以后的四位年份，如 2025", FirstFormatYear())
	y, err := strconv.Atoi(s)
	if err != nil || y < 0 {
		return 0, hint
	}
	if y < FirstFormatYear() || y > MaxYear {
		return y, hint
	}
	return y, nil
}

// IsGovernment reports whether agency names a 县级以上地方人民政府 (a county, district, city,
// prefecture or province government: "淮安市人民政府", "某县人民政府"), whose report is published
// by its 政府信息公开工作主管部门 by 3月31日. Every other agency — a department ("某市人民政府
// 办公室", "某局"), a township government ("某镇人民政府", "某乡人民政府") or a 街道办事处 —
// publishes its own by 1月31日 (《条例》第五十条). The name decides: it ends in 人民政府 or
// 政府, and the level before it is not 乡 or 镇.
func IsGovernment(agency string) bool {
	a := strings.TrimSpace(agency)
	var rest string
	switch {
	case strings.HasSuffix(a, "人民政府"):
		rest = strings.TrimSuffix(a, "人民政府")
	case strings.HasSuffix(a, "政府"):
		rest = strings.TrimSuffix(a, "政府")
	default:
		return false
	}
	return rest != "" && !strings.HasSuffix(rest, "乡") && !strings.HasSuffix(rest, "镇")
}

// PublishDeadline is the last day on which the report of year for agency may be published:
// 3月31日 of the next year for a government (IsGovernment), 1月31日 for every other agency.
func PublishDeadline(agency string, year int) time.Time {
	if IsGovernment(agency) {
		return time.Date(year+1, time.March, 31, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(year+1, time.January, 31, 0, 0, 0, 0, time.UTC)
}

// CheckMeta returns the 基本信息 problems of the report (M1 agency, M2 year and format, M3
// publication date) as CheckAll finds them while drafting.
func CheckMeta(r *Report) []Problem {
	c := checker{r: r}
	c.meta()
	return slices.DeleteFunc(c.ps, func(p Problem) bool { return !isMeta(p) })
}

// meta checks 基本信息: M1 agency, M2 year, M3 publication date, F1 (a format that ended
// before the report year) and D1 (the publication date against the report year). While
// drafting an empty field is 未填 and a wrong one a 提醒; the final check makes both errors,
// since the title and the signature need them.
func (c *checker) meta() {
	r, f := c.r, c.r.Format
	final := c.mode == Final
	blank := func(rule, msg string) {
		sev := Unfilled
		if final {
			sev = Error
		}
		c.add(Problem{Rule: rule, Severity: sev, Section: 0, Blank: true, Message: msg})
	}
	wrong := func(rule, msg string) {
		sev := Warning
		if final {
			sev = Error
		}
		c.add(Problem{Rule: rule, Severity: sev, Section: 0, Message: msg})
	}
	if strings.TrimSpace(r.Meta.Agency) == "" {
		blank("M1", "请填写机关名称（用于报告标题和落款）。")
	}
	y := r.Meta.Year
	switch {
	case y == 0:
		blank("M2", "请填写报告年度（四位数字，如 2025）。")
	case y < FirstFormatYear() || y > MaxYear:
		wrong("M2", fmt.Sprintf("报告年度 %d 不在支持范围内（%d 年起）。", y, FirstFormatYear()))
	case f.LastYear != 0 && y > f.LastYear:
		c.formatEnded()
	case FormatForYear(y) != f:
		c.add(Problem{Rule: "M2", Severity: Warning, Section: 0,
			Message: fmt.Sprintf("%d 年度应使用%s规定的格式，当前报告采用%s。请通过「文件 › 新建」按正确格式新建。", y, FormatForYear(y).Name, f.Name)})
	}
	switch d := strings.TrimSpace(r.Meta.Date); {
	case d == "":
		blank("M3", "尚未填写发布日期（用于落款）。")
	default:
		t, err := time.Parse("2006-01-02", d)
		switch {
		case err != nil:
			msg := "发布日期格式应为 YYYY-MM-DD，如 2026-01-20。"
			if _, derr := CheckDate(d); derr != nil {
				msg = "发布日期" + derr.Error() + "。"
			}
			wrong("M3", msg)
		case y >= FirstFormatYear() && y <= MaxYear:
			c.publishDate(t)
		}
	}
}

// formatEnded is F1: the tables are in a format that ended before the report year — a 2021
// or later report printed with the 2019 trial tables. (The importer picks a report's format
// from its tables' labels, so a 2019-format report of 2021 or later has those tables.)
func (c *checker) formatEnded() {
	r, f := c.r, c.r.Format
	now := FormatForYear(r.Meta.Year)
	what := ""
	other, ok1 := f.Cell("apply.3.6.total")
	prev, ok2 := f.Cell("active.license.prev")
	if ok1 && ok2 {
		what = fmt.Sprintf("（如第三部分「%s」只有一行，第二部分有「%s」列）", other.RowLabel(), Short(prev.Col.Label))
	}
	c.add(Problem{Rule: "F1", Severity: Error, Section: f.Cells[0].Table.Section, Cells: []string{f.Cells[0].Code},
		Expected: now.ID, Actual: f.ID,
		Message: fmt.Sprintf("本报告为 %d 年度，表格却是%s的格式%s。%d 年度起应使用%s的表格，请通过「文件 › 新建」按新格式新建报告并重新填写表格",
			r.Meta.Year, f.Name, what, now.FirstYear, now.Name)})
}

// publishDate is D1 for the publication date: not before the report year has ended, not
// after the deadline (PublishDeadline). A 汇总 (Report.Summary) is not itself published: it
// has no deadline.
func (c *checker) publishDate(t time.Time) {
	r := c.r
	y := r.Meta.Year
	switch deadline := PublishDeadline(r.Meta.Agency, y); {
	case t.Year() <= y:
		c.add(Problem{Rule: "D1", Severity: Warning, Section: 0, Expected: fmt.Sprintf("%d-01-01 至 %s", y+1, deadline.Format("2006-01-02")), Actual: t.Format("2006-01-02"),
			Message: fmt.Sprintf("发布日期 %s 早于报告年度结束（%d年12月31日）。年度报告在次年发布，请核对发布日期或报告年度", ChineseDate(t), y)})
	case t.After(deadline) && !r.Summary:
		who := "各行政机关"
		if IsGovernment(r.Meta.Agency) {
			who = "县级以上地方人民政府"
		}
		c.add(Problem{Rule: "D1", Severity: Warning, Section: 0, Expected: "≤ " + deadline.Format("2006-01-02"), Actual: t.Format("2006-01-02"),
			Message: fmt.Sprintf("发布日期 %s 晚于公布期限 %s：《条例》第五十条要求%s在每年%d月%d日前公布上一年度的年度报告。请核对发布日期",
				ChineseDate(t), ChineseDate(deadline), who, int(deadline.Month()), deadline.Day())})
	}
}

// CheckLastYear returns an error when last cannot serve as the report of the year before r:
// carrying over from another year would fill 上年结转 with the wrong figures.
func CheckLastYear(r, last *Report) error {
	if r.Meta.Year > 0 && last.Meta.Year > 0 && last.Meta.Year != r.Meta.Year-1 {
		return fmt.Errorf("所选上年报告是 %d 年度的，本报告为 %d 年度，上年报告应为 %d 年度", last.Meta.Year, r.Meta.Year, r.Meta.Year-1)
	}
	return nil
}
