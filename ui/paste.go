package ui

import (
	"fmt"
	"strings"
	"unicode"

	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/form"
)

// pastedTotal is a total that came with a pasted block.
type pastedTotal struct {
	cv   *cellView
	text string
}

// paste spreads a block copied from a spreadsheet over the grid, starting at cv: each line
// goes to the next grid row holding cells, each tab to the next cell to the right. Row labels
// copied with the numbers (「一、本年新收政府信息公开申请数量」 in the first column) and header
// rows (「自然人 商业企业 …」) are skipped, and the message says so. Computed totals keep
// their column but are computed, not pasted; every pasted total is compared with the sum of
// its parts afterwards and each one that disagrees is named, so that a mistake in the source
// sheet is not hidden. Ctrl+Z right after restores every cell the paste touched. A single
// value is left to the cell.
func (v *tableView) paste(cv *cellView, text string) bool {
	block := splitBlock(text)
	if len(block) == 1 && len(block[0]) == 1 {
		return false
	}
	rows := v.rowsFrom(cv.span.Row)
	avail := 0
	for _, row := range rows {
		n := 0
		for _, c := range row {
			if c.span.Col >= cv.span.Col {
				n++
			}
		}
		avail = max(avail, n)
	}
	block, skip := stripLabels(block, officialLabels(v.table), avail)
	if len(block) == 0 {
		v.msg.Importance = widget.WarningImportance
		v.msg.SetText("粘贴的内容只有行名或表头，没有数字，未粘贴。请在 Excel/WPS 中选中数字所在的格子后复制。")
		return true
	}
	var edits []cellEdit
	var totals []pastedTotal
	dropped := 0
	for ri, line := range block {
		if ri >= len(rows) {
			dropped += len(line)
			continue
		}
		row := rows[ri]
		col := 0
		for _, c := range row {
			if c.span.Col >= cv.span.Col {
				break
			}
			col++
		}
		for vi, val := range line {
			if col >= len(row) {
				dropped += len(line) - vi
				break
			}
			target := row[col]
			col++
			val = strings.TrimSpace(val)
			if target.def.Derived {
				totals = append(totals, pastedTotal{target, val})
				if !v.u.manualTotals {
					continue
				}
			}
			edits = append(edits, cellEdit{code: target.code, text: val})
		}
	}
	before := v.u.rep.Clone()
	recomputed := v.u.applyEdits(edits)
	v.u.remember(undoPaste, "", before, edits, recomputed)
	if len(edits) > 0 {
		if last := v.byCode[edits[len(edits)-1].code]; last != nil {
			v.focus = last
		}
	}
	msg, wrong := pasteNote(v.u.rep, before, edits, recomputed, dropped, totals, v.u.manualTotals)
	if s := skip.note(); s != "" {
		msg += "\n" + s
	}
	if len(edits) > 0 {
		msg += "\n按 Ctrl+Z 可撤销本次粘贴。"
	}
	v.msg.Importance = widget.MediumImportance
	if wrong > 0 || dropped > 0 {
		v.msg.Importance = widget.WarningImportance
	}
	v.msg.SetText(msg)
	return true
}

// pasteCounts sorts the pasted cells by what the paste did to them: filled (blank before),
// replaced (another value before), cleared (a value before, an empty cell pasted) and
// unchanged (the same value as before).
type pasteCounts struct{ filled, replaced, cleared, unchanged int }

// countPasted compares each pasted cell of r with before.
func countPasted(r, before *form.Report, edits []cellEdit) pasteCounts {
	var n pasteCounts
	for _, e := range edits {
		old, _ := before.Cell(e.code)
		now, _ := r.Cell(e.code)
		switch {
		case old.Text == now.Text, old.OK() && now.OK() && old.Value == now.Value:
			n.unchanged++
		case old.Blank:
			n.filled++
		case now.Blank:
			n.cleared++
		default:
			n.replaced++
		}
	}
	return n
}

// pasteNote says what a paste did: how many cells were pasted and, of them, how many were
// filled (blank before), replaced (another value before), cleared and unchanged; how many
// totals the program computed for the first time and how many it changed; which pasted
// totals disagree with the sum of their parts (cell, pasted value, sum) and how many values
// fell outside the table. wrong counts the disagreeing totals.
func pasteNote(r, before *form.Report, edits []cellEdit, recomputed []string, dropped int, totals []pastedTotal, manual bool) (msg string, wrong int) {
	var b strings.Builder
	n := countPasted(r, before, edits)
	fmt.Fprintf(&b, "已粘贴 %d 个单元格：", len(edits))
	parts := []string{fmt.Sprintf("新填 %d 格（原为空白）", n.filled), fmt.Sprintf("替换 %d 格（原有不同的数字）", n.replaced)}
	if n.cleared > 0 {
		parts = append(parts, fmt.Sprintf("清空 %d 格（粘贴的是空格）", n.cleared))
	}
	parts = append(parts, fmt.Sprintf("%d 格与原来相同", n.unchanged))
	b.WriteString(strings.Join(parts, "，"))
	if !manual {
		computed, changed := 0, 0
		for _, code := range recomputed {
			if old, _ := before.Cell(code); old.Blank {
				computed++
			} else {
				changed++
			}
		}
		switch {
		case computed+changed == 0:
			b.WriteString("；合计由程序按分项计算，没有变化")
		default:
			fmt.Fprintf(&b, "；合计由程序按分项重新计算：新算出 %d 处，数字变化 %d 处", computed, changed)
		}
	}
	b.WriteString("。")
	sums := r.Clone()
	sums.FillDerived()
	var list []string
	for _, t := range totals {
		pv, blank, err := form.Parse(t.text, t.cv.def.Kind)
		s, _ := sums.Cell(t.cv.code)
		sum := s.Text
		if s.Blank {
			sum = "空"
		}
		switch {
		case blank && s.Blank:
			continue
		case err == nil && !blank && s.OK() && pv == s.Value:
			continue
		}
		wrong++
		if len(list) < 6 {
			shown := t.text
			if blank {
				shown = "空"
			}
			list = append(list, fmt.Sprintf("%s：粘贴 %s，分项之和 %s", t.cv.def.Label(), shown, sum))
		}
	}
	if wrong > 0 {
		keep := "已按分项之和填入"
		if manual {
			keep = "已按粘贴的数字保留，检查会标出"
		}
		fmt.Fprintf(&b, "\n注意：粘贴的合计有 %d 处与分项之和不一致（%s，请核对原表）：%s", wrong, keep, strings.Join(list, "；"))
		if wrong > len(list) {
			fmt.Fprintf(&b, "等 %d 处", wrong)
		}
		b.WriteString("。")
	}
	if dropped > 0 {
		fmt.Fprintf(&b, "\n另有 %d 个数值超出表格范围，未粘贴，请检查起始单元格是否正确。", dropped)
	}
	return b.String(), wrong
}

// skippedLabels is what stripLabels left out of a pasted block: the number of leading label
// columns and of header rows, with the first label of each as an example.
type skippedLabels struct {
	cols, rows         int
	colLabel, rowLabel string
}

// note tells the user which labels were skipped ("" when none were).
func (s skippedLabels) note() string {
	var parts []string
	if s.cols > 0 {
		parts = append(parts, fmt.Sprintf("开头 %d 列行名（如「%s」）", s.cols, s.colLabel))
	}
	if s.rows > 0 {
		parts = append(parts, fmt.Sprintf("%d 行表头（如「%s」）", s.rows, s.rowLabel))
	}
	if len(parts) == 0 {
		return ""
	}
	return "已跳过复制内容中的" + strings.Join(parts, "和 ") + "，只粘贴数字。"
}

// stripLabels removes what a clerk copies along with the numbers: rows that hold labels and
// no number (a header row 「自然人 商业企业 …」, a heading row between blocks) and the leading
// columns that hold labels and no number (「一、本年新收政府信息公开申请数量」, the merged
// label cells of 三 copied as a label and empty cells, while the lines are wider than avail,
// the cells from the start cell to the end of its row). Empty cells are values (blanks) and
// are kept; a lone bad value such as 「/」 or 「无」 is not a label and is pasted, so that the
// check shows it.
func stripLabels(block [][]string, official map[string]bool, avail int) ([][]string, skippedLabels) {
	var s skippedLabels
	rows := make([][]string, len(block))
	copy(rows, block)
	for {
		label, values := "", false
		for _, line := range rows {
			if len(line) == 0 {
				continue
			}
			switch c := line[0]; {
			case isLabelText(c, official):
				if label == "" {
					label = strings.TrimSpace(c)
				}
			case strings.TrimSpace(c) != "":
				values = true // a number or a bad value: the column holds values
			}
		}
		// A label cell merged over several columns is copied as the label and empty cells:
		// a column of them right of a label column is part of it while the lines are wider
		// than the cells they go to.
		merged := label == "" && !values && s.cols > 0 && widest(rows) > avail
		if (label == "" || values) && !merged {
			break
		}
		if s.cols == 0 {
			s.colLabel = label
		}
		s.cols++
		for i, line := range rows {
			if len(line) > 0 {
				rows[i] = line[1:]
			}
		}
	}
	var out [][]string
	for i, line := range rows {
		label, values := "", false
		for _, c := range line {
			switch {
			case isLabelText(c, official):
				if label == "" {
					label = strings.TrimSpace(c)
				}
			case strings.TrimSpace(c) != "":
				values = true
			}
		}
		switch {
		case label != "" && !values:
			if s.rows == 0 {
				s.rowLabel = label
			}
			s.rows++
		case len(line) == 0 && len(block[i]) > 0:
			// a line that held only labels, cut by the columns: nothing to paste
		default:
			out = append(out, line)
		}
	}
	return out, s
}

// widest is the number of cells of the longest line.
func widest(rows [][]string) int {
	n := 0
	for _, line := range rows {
		n = max(n, len(line))
	}
	return n
}

// isNumberText reports whether a pasted cell holds a number of any kind (a count, an amount,
// a 2019 change 「增1」).
func isNumberText(s string) bool {
	for _, k := range []form.Kind{form.Count, form.Amount, form.Change} {
		if _, blank, err := form.Parse(s, k); err == nil && !blank {
			return true
		}
	}
	return false
}

// isLabelText reports whether a pasted cell is a label rather than a value: not a number,
// and an official label of the table (spaces aside) or a text of two letters or more
// (「合计」, 「一、本年新收…」). A single character (「无」) or a sign (「/」, 「—」) is a bad
// value, not a label.
func isLabelText(s string, official map[string]bool) bool {
	t := strings.TrimSpace(s)
	if t == "" || isNumberText(t) {
		return false
	}
	if official[labelKey(t)] {
		return true
	}
	letters := 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// labelKey is a label without spaces and line breaks, as compared with the official ones.
func labelKey(s string) string {
	return strings.Map(func(r rune) rune {
		if form.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// officialLabels is every heading and row label of a table, as labelKey gives them.
func officialLabels(t *form.Table) map[string]bool {
	out := map[string]bool{}
	for _, s := range t.Layout().Spans {
		if s.Role != form.RoleValue && s.Text != "" {
			out[labelKey(s.Text)] = true
		}
	}
	return out
}
