package published

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
)

// tableResult is what reading the tables gave.
type tableResult struct {
	placed     int // cells set
	anchors    int // anchors found
	start, end int // line range of the tables (end inclusive), -1 when none
	warnings   []string
	blanks     []BlankRow
	// last is the last anchor found (nil when none) and tail the anchors after it that were not
	// found: the rows a text cut short never reached.
	last *anchor
	tail []*anchor
	// pending are the runs whose numbers run together and split several ways: the narrative
	// may tell which (see resolveByText).
	pending []*runState
	// forced and chosen count the runs of run-together numbers split the only possible way and
	// split by the table's identities.
	forced, chosen int
}

// segment is an anchor with the cells its values go to.
type segment struct {
	a     *anchor
	slots []int
}

// run is the stretch of tokens from one anchor found in the text to the next: the values of
// its own cells and of the anchors after it whose labels were not found.
type run struct {
	segs  []segment
	items []token
	final bool // no anchor follows: the run ends where the tables (or the text) end
}

// slots returns the cells of the run's segments, in order.
func (rn *run) slots() []int {
	var out []int
	for _, s := range rn.segs {
		out = append(out, s.slots...)
	}
	return out
}

// readTables walks the official layout of r's format over the tokens, finds each row label
// (anchor) in order and sets every cell whose value is certain.
func readTables(r *form.Report, toks []token) tableResult {
	res := tableResult{start: -1, end: -1}
	as := anchors(r.Format)
	index := map[string][]int{}
	for i, a := range as {
		for _, k := range a.keys {
			index[k] = append(index[k], i)
		}
	}
	var runs []*run
	var before []*anchor // anchors with cells before the first one found
	var from []int       // token index where each run's items start
	pos := 0
	for i := range as {
		a := &as[i]
		p := findAnchor(toks, pos, i, as, index)
		if p < 0 {
			if len(runs) > 0 {
				rn := runs[len(runs)-1]
				rn.segs = append(rn.segs, segment{a: a, slots: a.slots})
			} else if len(a.slots) > 0 {
				before = append(before, a)
			}
			continue
		}
		if len(runs) > 0 {
			runs[len(runs)-1].items = toks[from[len(from)-1]:p]
		}
		res.anchors++
		if res.start < 0 {
			res.start = toks[p].line
		}
		if toks[p].line > res.end {
			res.end = toks[p].line
		}
		runs = append(runs, &run{segs: []segment{{a: a, slots: a.slots}}})
		from = append(from, p+1)
		pos = p + 1
	}
	if len(runs) == 0 {
		return res
	}
	last := runs[len(runs)-1]
	last.items, last.final = toks[from[len(from)-1]:], true
	for _, a := range before {
		res.blank(r, a.slots, "文中未找到这一行")
		res.warnings = append(res.warnings, where(a, nil)+"：文中未找到这一行，这些单元格留空")
	}
	res.solve(r, runs)
	return res
}

// maxAnchorGap bounds how many tokens are searched for the next row label: a real report has a
// few hundred between two rows (the narrative between two tables); a hostile text stays linear.
const maxAnchorGap = 5000

// findAnchor returns the index of the token holding anchor i at or after pos, or -1 when a
// later anchor's label comes first (anchor i is missing from the text) or none is found.
func findAnchor(toks []token, pos, i int, as []anchor, index map[string][]int) int {
	for p := pos; p < len(toks) && p < pos+maxAnchorGap; p++ {
		t := &toks[p]
		if t.kind != tCell || t.value {
			continue
		}
		if as[i].matches(t.key) {
			return p
		}
		for _, j := range index[t.key] {
			if j > i {
				return -1
			}
		}
	}
	return -1
}

// labelRunes are the characters of the table labels: a header cell PDF text ran together
// ("结果结果其他结果尚未审结") is made of them, a sentence is not.
var labelRunes = func() map[rune]bool {
	m := map[rune]bool{}
	for k := range labelKeys {
		for _, r := range k {
			m[r] = true
		}
	}
	return m
}()

// isStop reports whether a token ends a run of values: narrative text, not a table label or
// header cells run together.
func isStop(t *token) bool {
	if t.kind != tCell || t.value || labelKeys[t.key] || labelPrefixes[t.key] {
		return false
	}
	if c, num := heading(t.text); c >= 1 && c == num {
		return true // a section heading ("六、其他需要报告的事项")
	}
	n := utf8.RuneCountInString(t.key)
	if n < 12 {
		return false
	}
	if strings.ContainsAny(t.text, "。，；") {
		return true
	}
	in := 0
	for _, r := range t.key {
		if labelRunes[r] {
			in++
		}
	}
	return in*10 < n*9
}

// where names an anchor's row for messages: 「主动公开政府信息情况表」的「规章」, with the rows
// after it whose labels were not found.
func where(a *anchor, missing []string) string {
	s := "「" + a.table.Name + "」的「" + a.rowName() + "」"
	if a.block {
		s = "「" + a.table.Name + "」"
	}
	if len(missing) > 0 {
		s += "（其下 " + strconv.Itoa(len(missing)) + " 行未找到行名，自「" + missing[0] + "」起）"
	}
	return s
}
