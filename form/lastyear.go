package form

import "fmt"

// SameAgency reports whether two agency names name the same agency: equal once folded as
// labels are (FoldLabel: no spaces, full-width letters, digits and brackets as half-width,
// no quotes), the rule IsSelf follows for 汇总. A name left empty matches any other, since
// nothing says it is another agency.
func SameAgency(a, b string) bool {
	fa, fb := FoldLabel(a), FoldLabel(b)
	return fa == "" || fb == "" || fa == fb
}

// LastYearWarnings lists, in Chinese, what makes last doubtful as the report of the year
// before r, though it may still be used (CheckLastYear refuses what may not): another
// agency's report ("上年报告的机关是「X」，本报告是「Y」"), or a report whose year is not
// known. The GUI asks before carrying such a report's 结转下年度 over.
func LastYearWarnings(r, last *Report) []string {
	var out []string
	if !SameAgency(r.Meta.Agency, last.Meta.Agency) {
		out = append(out, fmt.Sprintf("上年报告的机关是「%s」，本报告是「%s」", last.Meta.Agency, r.Meta.Agency))
	}
	if last.Meta.Year == 0 && r.Meta.Year > 0 {
		out = append(out, fmt.Sprintf("上年报告没有填写报告年度，无法确认它是 %d 年度的", r.Meta.Year-1))
	} else if r.Meta.Year == 0 && last.Meta.Year > 0 {
		out = append(out, fmt.Sprintf("本报告没有填写报告年度，无法确认上年报告（%d 年度）是它的上一年度", last.Meta.Year))
	}
	return out
}
