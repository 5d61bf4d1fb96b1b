package published

import (
	"fmt"
	"strings"

	"github.com/nianbao/nianbao/form"
)

// Placing the values of a run into its cells. When the text separates every cell the values
// go to the cells in order. When its numbers run together ("一、本年新收政府信息公开申请数量
// 280000028") a run of digits may hold several cells: every way of cutting the digits into the
// run's cells (no number but 0 starts with 0) is tried, and a cut is taken only when it is the
// only one, or the only one that satisfies the table's identities — first those within the
// row (总计 = the sum of the row), then those across rows (H1, H3) with the rows already known,
// then what the narrative says. Anything else stays blank with a note naming the row.

// Limits of the search for cuts: a row has at most 15 cells, so real texts need a few hundred
// steps; a hostile text stops at the budget and its row is left blank.
const (
	splitBudget    = 20000
	maxCandidates  = 64
	maxJoint       = 4096
	maxTextChoices = 16
)

// status of a run's placement.
type status int

const (
	fixed status = iota
	ambiguous
	failed
)

// runState is a run with the ways its values may fill its cells.
type runState struct {
	rn    *run
	segs  []segment // the segments filled (a final run may fill only the first ones)
	slots []int
	cands []assignment
	st    status
	glued string // the run-together numbers as printed, for messages
	split bool   // the values were cut out of run-together digits
}

// assignment is the text of each cell of a run; "" leaves the cell blank.
type assignment []string

// where names the run's first row for messages.
func (s *runState) where() string { return where(s.segs[0].a, s.missing()) }

// missing lists the rows with cells after the first whose labels were not found.
func (s *runState) missing() []string {
	var out []string
	for _, sg := range s.segs[1:] {
		if len(sg.slots) > 0 {
			out = append(out, sg.a.label)
		}
	}
	return out
}

// solve places the values of every run.
func (res *tableResult) solve(r *form.Report, runs []*run) {
	var states []*runState
	for _, rn := range runs {
		if s := res.candidates(r, rn); s != nil {
			states = append(states, s)
		}
	}
	res.resolveAcross(r, states)
	for _, s := range states {
		switch s.st {
		case fixed:
			res.place(r, s, s.cands[0])
		case ambiguous:
			res.pending = append(res.pending, s)
		}
	}
}

// pieces returns the value tokens of a run up to the first narrative text, and updates the
// tables' last line.
func (res *tableResult) pieces(rn *run) (vals []token, maybes int) {
	for i := range rn.items {
		t := &rn.items[i]
		if isStop(t) {
			break
		}
		switch {
		case t.kind == tCell && t.value, t.kind == tBlank:
			vals = append(vals, *t)
			if t.kind == tCell && t.line > res.end {
				res.end = t.line
			}
		case t.kind == tMaybe:
			vals = append(vals, *t)
			maybes++
		}
	}
	return vals, maybes
}

// candidates works out how the values of a run may fill its cells. It returns nil for a run
// without cells; a failed run has already been reported and left blank.
func (res *tableResult) candidates(r *form.Report, rn *run) *runState {
	all, m := res.pieces(rn)
	var vals []token // without the maybe-blank fields
	for _, t := range all {
		if t.kind != tMaybe {
			vals = append(vals, t)
		}
	}
	n := len(vals)
	s := &runState{rn: rn, segs: rn.segs}
	// A text cut short: the values found fill the first rows only; the rest were never reached.
	if rn.final && len(rn.segs) > 1 {
		k, sum := 0, 0
		for k < len(rn.segs) && sum+len(rn.segs[k].slots) <= n {
			sum += len(rn.segs[k].slots)
			k++
		}
		if k == 0 {
			k = 1
		}
		if sum == n || n == 0 {
			s.segs = rn.segs[:k]
			for _, sg := range rn.segs[k:] {
				res.tail = append(res.tail, sg.a)
			}
		}
	}
	res.last = rn.segs[0].a
	for _, sg := range s.segs {
		s.slots = append(s.slots, sg.slots...)
	}
	want := len(s.slots)
	if want == 0 {
		return nil
	}
	w := s.where()
	switch {
	case n == want:
		s.cands = []assignment{texts(vals)}
		if len(s.missing()) > 0 && !holdsWithin(r, s.slots, s.cands[0]) {
			res.fail(r, s, "行名缺失，按表格顺序排入后不满足表内的勾稽关系，无法确定各数所在的单元格")
			return s
		}
		if len(s.missing()) > 0 && !coveredWithin(r, s.slots, s.cands[0], missingPositions(s)) {
			res.fail(r, s, "行名缺失，这几行没有可核对的勾稽关系，不能按表格顺序排入，无法确定各数所在的单元格")
			return s
		}
		if interleaved(rn.items) && !holdsWithin(r, s.slots, s.cands[0]) {
			res.fail(r, s, "数字与表头文字交错（文字的次序被打乱），按次序排入后不满足表内的勾稽关系，无法确定各数所在的单元格")
			return s
		}
		if len(s.missing()) > 0 {
			res.warnings = append(res.warnings, fmt.Sprintf("%s：行名缺失，数值个数与表格相符，已按表格顺序导入，请核对", w))
		}
		return s
	case n < want:
		// Some empty fields are blank cells: certain when, without the empty fields at the
		// edges of the run, exactly the missing number is left.
		lo, hi, maybes := 0, len(all), m
		for hi > lo && all[hi-1].kind == tMaybe && n+maybes > want {
			hi--
			maybes--
		}
		for lo < hi && all[lo].kind == tMaybe && n+maybes > want {
			lo++
			maybes--
		}
		if m > 0 && n+maybes == want && adjacentValues(all[lo:hi]) {
			s.cands = []assignment{texts(all[lo:hi])}
			return s
		}
		if canSplit(vals, want) {
			res.splitRun(r, s, vals)
			return s
		}
		switch {
		case n == 0 && len(s.missing()) > 0 && len(s.segs[0].slots) == 0:
			// A heading without its rows ("第二十条第（一）项" without 规章).
			s.st = failed
			for _, sg := range s.segs[1:] {
				if len(sg.slots) > 0 {
					res.warnings = append(res.warnings, where(sg.a, nil)+"：文中未找到这一行，这些单元格留空，请对照原文填写")
					res.blank(r, sg.slots, "文中未找到这一行")
				}
			}
		case n == 0:
			res.fail(r, s, fmt.Sprintf("没有找到数值（应有 %d 个）", want))
		default:
			res.fail(r, s, fmt.Sprintf("应有 %d 个数，文中只有 %d 个，无法确定各数所在的单元格", want, n))
		}
		return s
	default: // n > want
		same := ""
		for _, c := range vals {
			if c.kind != tCell {
				same = "\x00"
				break
			}
			v := form.Normalize(c.text)
			if same == "" {
				same = v
			} else if v != same {
				same = "\x00"
				break
			}
		}
		if same != "\x00" && same != "" {
			a := make(assignment, want)
			for i := range a {
				a[i] = same
			}
			s.cands = []assignment{a}
			res.warnings = append(res.warnings, fmt.Sprintf("%s：应有 %d 个数，文中有 %d 个（多 %d 个），多出的数无法确定属于哪个单元格；因这些数全部为 %s，已按 %s 导入，请对照原文核对", w, want, n, n-want, same, same))
			return s
		}
		res.fail(r, s, fmt.Sprintf("应有 %d 个数，文中有 %d 个（多 %d 个），无法确定各数所在的单元格", want, n, n-want))
		return s
	}
}

// adjacentValues reports whether the empty fields among ts may be blank cells: two cells follow
// each other without an empty line between them, or an empty field is an empty "|" cell. When
// an empty line separates every cell (plain PDF text), the empty lines are separators, and
// taking them as cells would shift the numbers.
func adjacentValues(ts []token) bool {
	for i := 1; i < len(ts); i++ {
		if ts[i].kind != tMaybe && ts[i-1].kind != tMaybe {
			return true
		}
	}
	for _, t := range ts {
		if t.kind == tMaybe && !t.emptyLine {
			return true // an empty "|" field is a cell
		}
	}
	return false
}

// interleaved reports whether label text stands between the values of a run: PDF text whose
// reading order mixes the header with the numbers, so that their order is not the table's.
func interleaved(items []token) bool {
	seenValue, text := false, false
	for i := range items {
		t := &items[i]
		if isStop(t) {
			break
		}
		switch {
		case t.kind == tCell && t.value:
			if text {
				return true
			}
			seenValue = true
		case t.kind == tCell && seenValue && t.key != "":
			text = true
		}
	}
	return false
}

// texts returns the cell texts of value tokens ("" for a blank cell).
func texts(ts []token) assignment {
	a := make(assignment, len(ts))
	for i, t := range ts {
		if t.kind == tCell {
			a[i] = t.text
		}
	}
	return a
}

// fail leaves the run's cells blank and says why.
func (res *tableResult) fail(r *form.Report, s *runState, reason string) {
	s.st = failed
	res.warnings = append(res.warnings, fmt.Sprintf("%s：%s，这些单元格留空，请对照原文填写", s.where(), reason))
	res.blank(r, s.slots, reason)
}

// place sets the cells of a run.
func (res *tableResult) place(r *form.Report, s *runState, a assignment) {
	s.st = fixed
	var empty []int
	for i, slot := range s.slots {
		if a[i] == "" {
			empty = append(empty, slot)
			continue
		}
		_ = r.SetAt(slot, a[i])
		res.placed++
	}
	if len(empty) > 0 {
		res.blank(r, empty, "原文此格为空")
	}
}

// canSplit reports whether run-together digits among vals could give want cells.
func canSplit(vals []token, want int) bool {
	room, soft := 0, false
	for _, t := range vals {
		if t.soft && len(t.text) > 1 {
			soft = true
			room += len([]rune(t.text))
		} else {
			room++
		}
	}
	return soft && room >= want
}

// splitRun cuts the run-together digits of a run into its cells.
func (res *tableResult) splitRun(r *form.Report, s *runState, vals []token) {
	s.split = true
	var glued []string
	for _, t := range vals {
		if t.soft && len(t.text) > 1 {
			glued = append(glued, t.text)
		}
	}
	s.glued = strings.Join(glued, "」「")
	sp := newSplitter(r, s.slots, vals)
	all, over := sp.run(false, 2)
	switch {
	case len(all) == 0 && over:
		res.fail(r, s, fmt.Sprintf("数字连在一起（「%s」），拆法太多，无法确定各数所在的单元格", s.glued))
		return
	case len(all) == 0:
		res.fail(r, s, fmt.Sprintf("数字连在一起（「%s」），拆不出 %d 个数", s.glued, len(s.slots)))
		return
	case len(all) == 1 && !over:
		// One cut only — if every cell holds a number. A cell left empty in the original
		// vanishes from run-together digits too ("规章 10 （空） 0" reads "规章100", cut 1 / 0 / 0),
		// so the cut is taken only when an identity over its cells can be evaluated.
		if p := uncheckedCut(r, s.slots, vals, all[0]); p >= 0 {
			res.fail(r, s, fmt.Sprintf("数字连在一起（「%s」），只拆得出 %s，但这一行没有可核对的勾稽关系（原文空着的格也会连在一起），无法确定各数所在的单元格",
				s.glued, strings.Join(all[0], " / ")))
			return
		}
		s.cands = all
		res.forced++
		if !holdsWithin(r, s.slots, all[0]) {
			res.warnings = append(res.warnings, fmt.Sprintf("%s：数字连在一起（「%s」），只有一种拆法（%s），拆出的数不满足表内的勾稽关系——原文如此，请核对",
				s.where(), s.glued, strings.Join(all[0], " / ")))
		}
		return
	}
	ok, over := sp.run(true, maxCandidates)
	switch {
	case over:
		res.fail(r, s, fmt.Sprintf("数字连在一起（「%s」），拆法太多，无法确定各数所在的单元格", s.glued))
	case len(ok) == 0:
		res.fail(r, s, fmt.Sprintf("数字连在一起（「%s」），没有一种拆法满足表内的勾稽关系，无法确定各数所在的单元格", s.glued))
	case len(ok) == 1:
		// The only cut that satisfies the identities — over the cells they constrain. A cut
		// that puts digits in a cell no evaluable identity covers is no surer than a lone cut
		// (see above): the identities say nothing about that cell.
		if p := uncheckedCut(r, s.slots, vals, ok[0]); p >= 0 {
			res.fail(r, s, fmt.Sprintf("数字连在一起（「%s」），只有 %s 这种拆法满足勾稽关系，但拆出的数有的不在可核对的勾稽关系中（原文空着的格也会连在一起），无法确定各数所在的单元格",
				s.glued, strings.Join(ok[0], " / ")))
			return
		}
		s.cands = ok
		res.chosen++
	default:
		s.cands, s.st = ok, ambiguous
	}
}

// splitter enumerates the ways to cut a run's values into its cells.
type splitter struct {
	r      *form.Report
	slots  []int
	vals   []token
	digits [][]rune // the digits of each soft value (nil for a value taken whole)
	after  [][]posEquation
	steps  int
	// the value of each cell of the cut being built; ok false for a blank or invalid text
	num []form.Num
	ok  []bool
}

// posEquation is an identity over positions in a run's slots.
type posEquation struct{ left, right []int }

func newSplitter(r *form.Report, slots []int, vals []token) *splitter {
	sp := &splitter{r: r, slots: slots, vals: vals, digits: make([][]rune, len(vals)),
		num: make([]form.Num, len(slots)), ok: make([]bool, len(slots))}
	for i, t := range vals {
		if t.soft && len(t.text) > 1 {
			sp.digits[i] = []rune(t.text)
		}
	}
	sp.after = equationsWithin(r.Format, slots)
	return sp
}

// equationsWithin returns, for each position of slots, the identities all of whose cells are
// among slots and whose last cell is at that position, over positions.
func equationsWithin(f *form.Format, slots []int) [][]posEquation {
	pos := map[int]int{}
	for i, s := range slots {
		pos[s] = i
	}
	out := make([][]posEquation, len(slots))
	for _, e := range f.Equations {
		last, inside := -1, true
		var pe posEquation
		for side, cells := range [][]int{e.Left, e.Right} {
			for _, c := range cells {
				p, ok := pos[c]
				if !ok {
					inside = false
					break
				}
				last = max(last, p)
				if side == 0 {
					pe.left = append(pe.left, p)
				} else {
					pe.right = append(pe.right, p)
				}
			}
		}
		if inside && last >= 0 {
			out[last] = append(out[last], pe)
		}
	}
	return out
}

// run enumerates up to limit cuts; with check, only those satisfying the identities within the
// run. over is true when the limit or the step budget was reached.
func (sp *splitter) run(check bool, limit int) (out []assignment, over bool) {
	cur := make(assignment, len(sp.slots))
	sp.steps = 0
	var walk func(pi, off, si int) bool // false stops the search
	walk = func(pi, off, si int) bool {
		sp.steps++
		if sp.steps > splitBudget {
			over = true
			return false
		}
		if si == len(sp.slots) {
			if pi == len(sp.vals) {
				if len(out) == limit {
					over = true
					return false
				}
				out = append(out, append(assignment(nil), cur...))
			}
			return true
		}
		if pi == len(sp.vals) || !sp.room(pi, off, len(sp.slots)-si) {
			return true
		}
		next := func(text string, npi, noff int) bool {
			cur[si] = text
			sp.num[si], sp.ok[si] = parseCell(sp.r.Format, sp.slots[si], text)
			if check && !sp.holds(si) {
				return true
			}
			return walk(npi, noff, si+1)
		}
		d := sp.digits[pi]
		if d == nil {
			if sp.vals[pi].kind == tCell {
				return next(sp.vals[pi].text, pi+1, 0)
			}
			return next("", pi+1, 0)
		}
		for l := 1; off+l <= len(d); l++ {
			if l > 1 && foldWidthRune(d[off]) == '0' {
				break // no number but 0 itself starts with 0
			}
			npi, noff := pi, off+l
			if noff == len(d) {
				npi, noff = pi+1, 0
			}
			if !next(string(d[off:off+l]), npi, noff) {
				return false
			}
		}
		return true
	}
	walk(0, 0, 0)
	return out, over
}

// room reports whether the values from piece pi (offset off) can fill exactly n cells.
func (sp *splitter) room(pi, off, n int) bool {
	min, max := 0, 0
	for i := pi; i < len(sp.vals); i++ {
		min++
		if d := sp.digits[i]; d != nil {
			if i == pi {
				max += len(d) - off
			} else {
				max += len(d)
			}
		} else {
			max++
		}
	}
	return n >= min && n <= max
}

// holds checks the identities completed by cell si of the cut being built.
func (sp *splitter) holds(si int) bool {
	for _, e := range sp.after[si] {
		if ok, known := sp.eval(e); known && !ok {
			return false
		}
	}
	return true
}

// eval evaluates an identity over the cut being built; known is false when a cell is blank.
func (sp *splitter) eval(e posEquation) (ok, known bool) {
	var l, r form.Num
	for _, p := range e.left {
		if !sp.ok[p] {
			return false, false
		}
		l += sp.num[p]
	}
	for _, p := range e.right {
		if !sp.ok[p] {
			return false, false
		}
		r += sp.num[p]
	}
	return l == r, true
}

// parseCell parses the text of cell c; ok is false for a blank or invalid text.
func parseCell(f *form.Format, c int, text string) (form.Num, bool) {
	if text == "" {
		return 0, false
	}
	v, blank, err := form.Parse(text, f.Cells[c].Kind)
	return v, !blank && err == nil
}

// evalEquation evaluates sum(Left) = sum(Right) with cell values from get; known is false
// when a cell has no value (a blank is not a zero).
func evalEquation(e form.Equation, get func(c int) (form.Num, bool)) (ok, known bool) {
	var l, rr form.Num
	for _, c := range e.Left {
		v, ok := get(c)
		if !ok {
			return false, false
		}
		l += v
	}
	for _, c := range e.Right {
		v, ok := get(c)
		if !ok {
			return false, false
		}
		rr += v
	}
	return l == rr, true
}

// uncheckedCut returns the first position of a cut a of vals whose cell was cut out of
// run-together digits and is in no identity within slots that a lets evaluate; -1 when every
// such cell is checked.
func uncheckedCut(r *form.Report, slots []int, vals []token, a assignment) int {
	var cut []int
	si := 0
	for _, t := range vals {
		if !(t.soft && len(t.text) > 1) {
			si++
			continue
		}
		// The cells of this run of digits: as many as their texts take to spell it.
		start, got := si, ""
		for si < len(a) && len(got) < len(t.text) {
			got += a[si]
			si++
		}
		// Cut into fewer numbers (a cell empty in the original) the digits could be only by
		// joining a piece to the next; a piece "0" cannot start a longer number, so digits
		// whose pieces but the last are all "0" ("000", "0012") have this cut only.
		coarser := false
		for p := start; p < si-1; p++ {
			if form.Normalize(a[p]) != "0" {
				coarser = true
			}
		}
		if si-start > 1 && coarser {
			for p := start; p < si; p++ {
				cut = append(cut, p)
			}
		}
	}
	if coveredWithin(r, slots, a, cut) {
		return -1
	}
	for _, p := range cut {
		if !coveredWithin(r, slots, a, []int{p}) {
			return p
		}
	}
	return -1
}

// missingPositions lists the positions in s.slots of the rows after the first whose labels
// were not found.
func missingPositions(s *runState) []int {
	var out []int
	p := len(s.segs[0].slots)
	for _, sg := range s.segs[1:] {
		for range sg.slots {
			out = append(out, p)
			p++
		}
	}
	return out
}

// coveredWithin reports whether each of the positions ps of slots is a cell of an identity
// among slots whose cells a all gives numbers (an identity that can be evaluated).
func coveredWithin(r *form.Report, slots []int, a assignment, ps []int) bool {
	sp := &splitter{r: r, slots: slots, num: make([]form.Num, len(slots)), ok: make([]bool, len(slots))}
	for i, text := range a {
		sp.num[i], sp.ok[i] = parseCell(r.Format, slots[i], text)
	}
	covered := map[int]bool{}
	for _, es := range equationsWithin(r.Format, slots) {
		for _, e := range es {
			if _, known := sp.eval(e); !known {
				continue
			}
			for _, p := range append(append([]int(nil), e.left...), e.right...) {
				covered[p] = true
			}
		}
	}
	for _, p := range ps {
		if !covered[p] {
			return false
		}
	}
	return true
}

// holdsWithin reports whether the identities among slots hold for a (those with a blank
// cell are not evaluated).
func holdsWithin(r *form.Report, slots []int, a assignment) bool {
	sp := &splitter{r: r, slots: slots, num: make([]form.Num, len(slots)), ok: make([]bool, len(slots))}
	for i, text := range a {
		sp.num[i], sp.ok[i] = parseCell(r.Format, slots[i], text)
	}
	for _, es := range equationsWithin(r.Format, slots) {
		for _, e := range es {
			if ok, known := sp.eval(e); known && !ok {
				return false
			}
		}
	}
	return true
}

// resolveAcross narrows the cuts of ambiguous runs with the identities across rows (H1 and
// the column sums of H3), using the rows already certain; then tries the ambiguous runs
// together. A run is fixed when every surviving combination gives it the same cut.
func (res *tableResult) resolveAcross(r *form.Report, states []*runState) {
	f := r.Format
	known := map[int]string{}
	owner := map[int]*runState{}
	for _, s := range states {
		for i, slot := range s.slots {
			owner[slot] = s
			if s.st == fixed {
				known[slot] = s.cands[0][i]
			}
		}
	}
	var amb []*runState
	for _, s := range states {
		if s.st == ambiguous {
			amb = append(amb, s)
		}
	}
	if len(amb) == 0 {
		return
	}
	// get returns the value of cell c when known or assigned by one of the trial cuts.
	get := func(trial map[*runState]assignment) func(c int) (form.Num, bool) {
		return func(c int) (form.Num, bool) {
			if s := owner[c]; s != nil {
				if a, ok := trial[s]; ok {
					for i, slot := range s.slots {
						if slot == c {
							return parseCell(f, c, a[i])
						}
					}
				}
			}
			if t, ok := known[c]; ok {
				return parseCell(f, c, t)
			}
			return 0, false
		}
	}
	// touching returns the indexes of the identities with a cell of s.
	touching := func(s *runState) []int {
		in := map[int]bool{}
		for _, slot := range s.slots {
			in[slot] = true
		}
		var out []int
		for i, e := range f.Equations {
			for _, c := range append(append([]int(nil), e.Left...), e.Right...) {
				if in[c] {
					out = append(out, i)
					break
				}
			}
		}
		return out
	}
	fix := func(s *runState, a assignment) {
		s.cands, s.st = []assignment{a}, fixed
		res.chosen++
		for i, slot := range s.slots {
			known[slot] = a[i]
		}
	}
	for changed := true; changed; {
		changed = false
		for _, s := range amb {
			if s.st != ambiguous {
				continue
			}
			var eqs []form.Equation
			for _, i := range touching(s) {
				eqs = append(eqs, f.Equations[i])
			}
			var keep []assignment
			for _, a := range s.cands {
				if allHold(eqs, get(map[*runState]assignment{s: a})) {
					keep = append(keep, a)
				}
			}
			if len(keep) == 1 {
				fix(s, keep[0])
				changed = true
			} else if len(keep) > 1 && len(keep) < len(s.cands) {
				s.cands = keep
				changed = true
			}
		}
	}
	// The remaining ambiguous runs together.
	var rest []*runState
	combos := 1
	for _, s := range amb {
		if s.st == ambiguous {
			rest = append(rest, s)
			combos *= len(s.cands)
			if combos > maxJoint {
				return
			}
		}
	}
	if len(rest) < 2 {
		return
	}
	var eqs []form.Equation
	seen := map[int]bool{}
	for _, s := range rest {
		for _, i := range touching(s) {
			if !seen[i] {
				seen[i] = true
				eqs = append(eqs, f.Equations[i])
			}
		}
	}
	var surviving [][]int
	idx := make([]int, len(rest))
	for {
		trial := map[*runState]assignment{}
		for i, s := range rest {
			trial[s] = s.cands[idx[i]]
		}
		if allHold(eqs, get(trial)) {
			surviving = append(surviving, append([]int(nil), idx...))
		}
		i := 0
		for ; i < len(rest); i++ {
			idx[i]++
			if idx[i] < len(rest[i].cands) {
				break
			}
			idx[i] = 0
		}
		if i == len(rest) {
			break
		}
	}
	if len(surviving) == 0 {
		return
	}
	for i, s := range rest {
		same := true
		for _, sv := range surviving[1:] {
			if sv[i] != surviving[0][i] {
				same = false
				break
			}
		}
		if same {
			fix(s, s.cands[surviving[0][i]])
		}
	}
}

// allHold reports whether every identity of eqs that can be evaluated with get holds.
func allHold(eqs []form.Equation, get func(c int) (form.Num, bool)) bool {
	for _, e := range eqs {
		if ok, known := evalEquation(e, get); known && !ok {
			return false
		}
	}
	return true
}

// resolveByText settles the runs whose digits could be cut several ways with what the
// narrative states (form.CheckText): a cut is taken when it is the only one the text does not
// contradict and the text speaks of these cells. The others stay blank with a note.
func (res *tableResult) resolveByText(r *form.Report) {
	for _, s := range res.pending {
		if len(s.cands) <= maxTextChoices {
			var keep []assignment
			said := ""
			for _, a := range s.cands {
				trial := r.Clone()
				for i, slot := range s.slots {
					if a[i] != "" {
						_ = trial.SetAt(slot, a[i])
					}
				}
				if q := contradiction(form.CheckText(trial), r.Format, s.slots); q != "" {
					if said == "" {
						said = q
					}
					continue
				}
				keep = append(keep, a)
			}
			if len(keep) == 1 && said != "" {
				res.place(r, s, keep[0])
				res.chosen++
				res.warnings = append(res.warnings, fmt.Sprintf("%s：数字连在一起（「%s」），有 %d 种拆法；按正文“%s”取 %s，请对照原文核对",
					s.where(), s.glued, len(s.cands), said, strings.Join(keep[0], " / ")))
				continue
			}
		}
		var ways []string
		for i, a := range s.cands {
			if i == 3 {
				ways = append(ways, "…")
				break
			}
			ways = append(ways, strings.Join(a, " / "))
		}
		res.fail(r, s, fmt.Sprintf("数字连在一起（「%s」），有 %d 种拆法都说得通（%s），无法确定", s.glued, len(s.cands), strings.Join(ways, "；")))
	}
	res.pending = nil
}

// contradiction returns the sentence of the first W4 problem about one of the cells, or "".
func contradiction(ps []form.Problem, f *form.Format, slots []int) string {
	in := map[string]bool{}
	for _, s := range slots {
		in[f.Cells[s].Code] = true
	}
	for _, p := range ps {
		if p.Rule != "W4" {
			continue
		}
		for _, c := range p.Cells {
			if in[c] {
				// The message quotes the sentence: …称“SENTENCE”，但…
				if i := strings.Index(p.Message, "称“"); i >= 0 {
					rest := p.Message[i+len("称“"):]
					if j := strings.LastIndex(rest, "”，但"); j >= 0 {
						return rest[:j]
					}
				}
				return p.Actual
			}
		}
	}
	return ""
}

// blank records the rows of cells left blank, with the reason.
func (res *tableResult) blank(r *form.Report, slots []int, reason string) {
	f := r.Format
	var cur *BlankRow
	for _, slot := range slots {
		d := f.Cells[slot]
		name := rowName(d)
		if cur == nil || cur.Row != name || cur.Section != d.Table.Section {
			res.blanks = append(res.blanks, BlankRow{Section: d.Table.Section, Table: d.Table.Name, Row: name, Reason: reason})
			cur = &res.blanks[len(res.blanks)-1]
		}
		cur.Codes = append(cur.Codes, d.Code)
	}
}

// rowName names the row of a cell as printed: "（三）不予公开 4.保护第三方合法权益", "行政规范性文件",
// or the column group of 四 ("行政复议", "行政诉讼·未经复议直接起诉").
func rowName(d *form.CellDef) string {
	if d.Row != nil {
		return d.RowLabel()
	}
	var parts []string
	for _, p := range d.ColPath[:len(d.ColPath)-1] {
		parts = append(parts, form.Short(p))
	}
	if len(parts) == 0 {
		return d.Table.Name
	}
	return strings.Join(parts, "·")
}
