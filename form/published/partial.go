package published

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
)

// endOfText tells a text that stops before the report does (a page cut off, a web excerpt)
// and returns the Chinese statement of where it ends and what is missing, or "" for a
// complete text. A text is complete when it reaches 五 or 六 or the signature. The cells the
// text never reached are recorded as blank rows (with one statement, not a note per row);
// in a complete text, rows whose labels were not found after the last one are noted.
func endOfText(r *form.Report, tr *tableResult, n *narrative, pre bool) string {
	complete := pre || n.signed || n.last >= 5 || r.Text.Other != "" ||
		r.Text.Problems != "" && !(n.implicit5 && fragment(r.Text.Problems))
	if complete {
		for _, a := range tr.tail {
			if len(a.slots) > 0 {
				tr.blank(r, a.slots, "文中未找到这一行")
				tr.warnings = append(tr.warnings, where(a, nil)+"：文中未找到这一行，这些单元格留空，请对照原文填写")
			}
		}
		return ""
	}
	if n.implicit5 {
		// The cut-off end of a table ("信息") is not 五.
		r.Text.Problems, n.implicit5 = "", false
		var found []int
		for _, s := range n.found {
			if s != 5 {
				found = append(found, s)
			}
		}
		n.found = found
		var ws []string
		for _, w := range n.warnings {
			if !strings.Contains(w, sectionTitle(5)) {
				ws = append(ws, w)
			}
		}
		n.warnings = ws
	}
	var at string
	section := 0
	after := -1 // cells after this index were never reached
	switch {
	case tr.last != nil:
		at, section = tr.last.label, tr.last.table.Section
		for _, s := range tr.last.slots {
			if s > after {
				after = s
			}
		}
		if len(tr.last.slots) == 0 {
			// A heading: the cells of the rows under it were not reached.
			after = firstAfterHeading(r.Format, tr.last) - 1
		}
	case n.endsAt != "":
		at, section = n.endsAt, n.endsIn
	default:
		return ""
	}
	msg := fmt.Sprintf("文本在「%s」处结束，%s缺失（文本不完整，可能是网页或文件只截取了一部分），请找到完整的报告", at, missingParts(section))
	if section == 4 && tr.last != nil && tr.last.table.ID == "review" {
		msg = fmt.Sprintf("文本在第四部分的表格之后结束，%s缺失（文本不完整，可能是网页或文件只截取了一部分），请找到完整的报告", missingParts(4)[len("第四部分后半、"):])
	}
	listed := map[string]bool{}
	for _, b := range tr.blanks {
		for _, c := range b.Codes {
			listed[c] = true
		}
	}
	var unreached []int
	for i, d := range r.Format.Cells {
		if i > after && r.At(i).Blank && !listed[d.Code] {
			unreached = append(unreached, i)
		}
	}
	from := len(tr.blanks)
	tr.blank(r, unreached, fmt.Sprintf("文本在「%s」处结束，未包含这一行", at))
	for i := from; i < len(tr.blanks); i++ {
		tr.blanks[i].Unreached = true
	}
	return msg
}

// fragment reports whether s is too short to be a section's text: no sentence, a few words.
func fragment(s string) bool {
	return !strings.ContainsAny(s, "。！？；") && utf8.RuneCountInString(s) < 20
}

// firstAfterHeading returns the index of the first cell under a block heading anchor (the
// cells of the rows that follow it), or the number of cells when none follows.
func firstAfterHeading(f *form.Format, a *anchor) int {
	l := a.table.Layout()
	seen := false
	for _, s := range l.Spans {
		if s.Role == form.RoleHeading && s.Text != "" && form.LabelKey(s.Text) == a.keys[0] {
			seen = true
			continue
		}
		if seen && s.Role == form.RoleValue {
			return f.Index(s.Code)
		}
	}
	return len(f.Cells)
}

// missingParts names the sections missing after section k: "第三部分后半、第四至六部分".
func missingParts(k int) string {
	cn := []string{"", "一", "二", "三", "四", "五", "六"}
	if k < 1 || k > 5 {
		return "后续部分"
	}
	s := "第" + cn[k] + "部分后半、"
	switch k + 1 {
	case 6:
		return s + "第六部分"
	case 5:
		return s + "第五、六部分"
	}
	return s + "第" + cn[k+1] + "至六部分"
}
