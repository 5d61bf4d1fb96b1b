package form

import (
	"fmt"
	"strings"
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

// CheckMeta lists what is missing or wrong in the report's 基本信息 (rule M1 agency, M2 year and
// format, M3 publication date). They are reminders: the tables can be right without them, but
// the title and the signature need them. Check leaves them out so a blank report stays quiet.
func CheckMeta(r *Report) []Problem {
	var ps []Problem
	add := func(rule, msg string) {
		ps = append(ps, Problem{Rule: rule, Severity: Warning, Section: 0, Message: msg})
	}
	if strings.TrimSpace(r.Meta.Agency) == "" {
		add("M1", "请填写机关名称（用于报告标题和落款）。")
	}
	switch y := r.Meta.Year; {
	case y == 0:
		add("M2", "请填写报告年度（四位数字，如 2025）。")
	case y < FirstFormatYear() || y > MaxYear:
		add("M2", fmt.Sprintf("报告年度 %d 不在支持范围内（%d 年起）。", y, FirstFormatYear()))
	case FormatForYear(y) != r.Format:
		add("M2", fmt.Sprintf("%d 年度应使用%s规定的格式，当前报告采用%s。请通过「文件 › 新建」按正确格式新建。", y, FormatForYear(y).Name, r.Format.Name))
	}
	switch d := strings.TrimSpace(r.Meta.Date); {
	case d == "":
		add("M3", "尚未填写发布日期（用于落款）。")
	case r.DateText() == "":
		add("M3", "发布日期格式应为 YYYY-MM-DD，如 2026-01-20。")
	}
	return ps
}

// CheckLastYear returns an error when last cannot serve as the report of the year before r:
// carrying over from another year would fill 上年结转 with the wrong figures.
func CheckLastYear(r, last *Report) error {
	if r.Meta.Year > 0 && last.Meta.Year > 0 && last.Meta.Year != r.Meta.Year-1 {
		return fmt.Errorf("所选上年报告是 %d 年度的，本报告为 %d 年度，上年报告应为 %d 年度", last.Meta.Year, r.Meta.Year, r.Meta.Year-1)
	}
	return nil
}
