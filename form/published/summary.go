package published

import (
	"fmt"
	"strings"
)

// Summary returns the import summary as Chinese lines, the same for the app's import
// dialog and the command line: the form read, agency, year and date, the tables and how many
// cells were imported, every blank row with its reason, the narrative sections found, and
// where a text cut short ends. The warnings (Result.Warnings) are shown after it.
func (res *Result) Summary() []string {
	r := res.Report
	var out []string
	src := res.Form
	if src == "" {
		src = FormText
	}
	if res.Encoding != "" {
		src += "（" + res.Encoding + " 编码）"
	}
	out = append(out, "来源："+src)
	unknown := func(s string) string {
		if s == "" {
			return "（未识别）"
		}
		return s
	}
	year := ""
	if r.Meta.Year > 0 {
		year = fmt.Sprint(r.Meta.Year)
		if res.YearGuess != "" {
			year += "（推测，请核对）"
		}
	}
	out = append(out, "机关名称："+unknown(r.Meta.Agency), "报告年度："+unknown(year))
	if d := r.DateText(); d != "" {
		out = append(out, "发布日期："+d)
	}
	switch {
	case res.PreFormat:
		out = append(out, "表格：旧格式（2019 年以前），未导入")
	case !res.Tables:
		out = append(out, "表格：未找到")
	default:
		out = append(out, fmt.Sprintf("表格：%s格式，导入 %d / %d 个单元格", r.Format.Name, res.Cells, len(r.Format.Cells)))
	}
	if len(res.Blanks) > 0 {
		out = append(out, fmt.Sprintf("留空的行（%d 行）：", len(res.Blanks)))
		out = append(out, blankLines(res.Blanks)...)
	}
	names := map[int]string{0: "开头段落"}
	for _, sec := range r.Format.Sections {
		names[sec.Number] = sec.Title
	}
	var found []string
	for _, s := range res.Sections {
		n := names[s]
		if s == 1 {
			k := 0
			for _, p := range r.Text.Parts {
				if p != "" {
					k++
				}
			}
			if k > 0 {
				n += fmt.Sprintf("（含 %d 个小标题部分）", k)
			}
		}
		found = append(found, n)
	}
	if len(found) == 0 {
		found = []string{"无"}
	}
	out = append(out, "正文："+strings.Join(found, "、"))
	if res.Partial != "" {
		out = append(out, "文本不完整："+res.Partial)
	}
	return out
}

// blankLines lists blank rows, one line each, with their reason; the rows a text cut short
// never reached are joined per section: "  第三部分「一、本年新收政府信息公开申请数量」至「四、结转下年度继续办理」（共 25 行）：文本在…处结束".
func blankLines(bs []BlankRow) []string {
	var out []string
	cn := []string{"", "一", "二", "三", "四", "五", "六"}
	for i := 0; i < len(bs); {
		// Rows a text cut short never reached are listed as a range; any other row by itself.
		j := i + 1
		for bs[i].Unreached && j < len(bs) && bs[j].Unreached && bs[j].Reason == bs[i].Reason && bs[j].Section == bs[i].Section {
			j++
		}
		part := "第" + cn[bs[i].Section%7] + "部分"
		if j-i == 1 {
			out = append(out, fmt.Sprintf("  %s「%s」：%s", part, bs[i].Row, bs[i].Reason))
		} else {
			out = append(out, fmt.Sprintf("  %s「%s」至「%s」（共 %d 行）：%s", part, bs[i].Row, bs[j-1].Row, j-i, bs[i].Reason))
		}
		i = j
	}
	return out
}
