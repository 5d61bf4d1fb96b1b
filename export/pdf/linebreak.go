package pdf

import (
	"sort"
	"strings"

	"github.com/nianbao/nianbao/export/outline"
)

func isClosing(r rune) bool { return outline.NoLineStart(r) }
func isOpening(r rune) bool { return outline.NoLineEnd(r) }

// isWordRune reports whether r belongs to an unbreakable Latin word or
// number run (ASCII printable except space, Latin letters with accents).
// Full-width digits and letters (２０１９, ＡＢＣ), which a Chinese input method types,
// are word runes too.
func isWordRune(r rune) bool {
	return r > 0x20 && r < 0x7F || r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7 ||
		r >= '０' && r <= '９' || r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ'
}

// softAfter are the characters after which a word too long for what is left of its line
// (a web address, a file path) may break: never inside a number or a name, nor after a
// hyphen, which text extraction would take for a hyphenation and drop (0592-1234567).
const softAfter = "/\\_?&=#"

// softBreak returns the last place in (a, b) where the long word rs[a:b] may break, at most
// room wide from a, or -1: after a character of after (softAfter, or for a word wider than
// a line also a hyphen), before a character that may start a line.
func softBreak(rs []rune, w []float64, a, b int, room float64, after string) int {
	const eps = 1e-6
	best, acc := -1, 0.0
	for i := a + 1; i < b; i++ {
		acc += w[i-1]
		if acc > room+eps {
			break
		}
		if strings.ContainsRune(after, rs[i-1]) && !isClosing(rs[i]) {
			best = i
		}
	}
	return best
}

// hardBreak returns the last place in (a, b) at most room wide from a, moved back so that
// the next line does not start with closing punctuation nor this one end with opening
// punctuation; at least a+1.
func hardBreak(rs []rune, w []float64, a, b int, room float64) int {
	const eps = 1e-6
	i, acc := a+1, w[a]
	for i < b && acc+w[i] <= room+eps {
		acc += w[i]
		i++
	}
	for j := i; j > a+1; j-- {
		if !isClosing(rs[j]) && !isOpening(rs[j-1]) {
			return j
		}
	}
	return i
}

// line is one line produced by the breaker: runes [start, end) of the input.
type line struct {
	start, end int
	width      float64 // natural width of the runes
	last       bool    // last line of the paragraph: not justified
}

// unitsOf splits rs into layout units: a whole Latin word or number, or a
// single other rune. It returns the start index of every unit plus len(rs).
func unitsOf(rs []rune) []int {
	var b []int
	for i := 0; i < len(rs); i++ {
		if i > 0 && isWordRune(rs[i]) && isWordRune(rs[i-1]) {
			continue
		}
		b = append(b, i)
	}
	return append(b, len(rs))
}

// breakAllowed reports whether a line may break between rs[i-1] and rs[i],
// where i is a unit boundary.
func breakAllowed(rs []rune, i int) bool {
	if i <= 0 || i >= len(rs) {
		return true
	}
	prev, next := rs[i-1], rs[i]
	switch {
	case isClosing(next), isOpening(prev):
		return false
	case next == ' ': // keep spaces at the end of the previous line
		return false
	}
	return true
}

// clustersOf groups units into clusters that must stay on one line, obeying
// 避头尾. It returns cluster boundaries (start indexes plus len(rs)).
func clustersOf(rs []rune) []int {
	u := unitsOf(rs)
	c := []int{0}
	for _, i := range u[1 : len(u)-1] {
		if breakAllowed(rs, i) {
			c = append(c, i)
		}
	}
	if len(rs) > 0 {
		c = append(c, len(rs))
	}
	return c
}

func sumWidths(w []float64, from, to int) float64 {
	s := 0.0
	for _, x := range w[from:to] {
		s += x
	}
	return s
}

// breakLines breaks rs (with per-rune widths w) into lines of at most width
// (the first line narrower by indent). A line may overrun by up to squeeze
// when it ends with closing punctuation, whose glyph is half blank; the
// justification then tightens it. Latin words and numbers are never split
// unless wider than a whole line. The lines partition rs exactly.
func breakLines(rs []rune, w []float64, width, indent, squeeze float64) []line {
	const eps = 1e-6
	var lines []line
	if len(rs) == 0 {
		return nil
	}
	cl := clustersOf(rs)
	start, cur := 0, 0.0
	avail := width - indent
	flush := func(end int) {
		lines = append(lines, line{start: start, end: end, width: cur})
		start, cur = end, 0
		avail = width
	}
	for k := 0; k+1 < len(cl); k++ {
		a, b := cl[k], cl[k+1]
		for a < b {
			cw := sumWidths(w, a, b)
			if cur+cw <= avail+eps {
				cur += cw
				break
			}
			if start < a && isClosing(rs[b-1]) && cur+cw <= avail+squeeze+eps {
				cur += cw
				flush(b)
				break
			}
			// A long word (a web address, a path, a telephone number) that would leave more
			// than an eighth of the line empty, or that is wider than a line, breaks at a
			// soft point.
			if cw > avail+eps || avail-cur > width/8 {
				if i := softBreak(rs, w, a, b, avail-cur, softAfter); i > 0 {
					cur += sumWidths(w, a, i)
					flush(i)
					a = i
					continue
				}
			}
			if start < a && (cw <= width+eps || avail-cur < w[a]-eps) {
				flush(a)
				continue
			}
			// Wider than a line: after a hyphen then, rather than inside a name.
			if i := softBreak(rs, w, a, b, avail-cur, softAfter+"-"); i > 0 {
				cur += sumWidths(w, a, i)
				flush(i)
				a = i
				continue
			}
			// A word wider than a whole line without a soft point: cut it where the line
			// is full.
			i := hardBreak(rs, w, a, b, avail-cur)
			cur += sumWidths(w, a, i)
			flush(i)
			a = i
		}
	}
	if start < len(rs) || len(lines) == 0 {
		lines = append(lines, line{start: start, end: len(rs), width: cur})
	}
	lines[len(lines)-1].last = true
	return lines
}

// titleBreakBonus returns how good a place to break a title line the
// boundary before rs[i] is: 0 is neutral, negative is better.
func titleBreakBonus(rs []rune, i int) float64 {
	prev, next := rs[i-1], rs[i]
	switch {
	case prev >= '0' && prev <= '9' && strings.ContainsRune("年月日号届次", next):
		return 20 // "2025年" stays whole
	case next >= '0' && next <= '9':
		return -6 // before a year
	case strings.ContainsRune("市区县省州盟旗镇乡局厅委会办室府院司部处所署站队社馆", prev):
		return -4 // after an agency-name suffix
	case isClosing(prev) || prev == ' ':
		return -3
	case strings.ContainsRune("的和与及", prev):
		return 2
	}
	return 4
}

// balanceTitle breaks a title into the fewest lines of at most width, as
// even in length as possible and preferably at natural points. soft marks
// rune indexes before which the caller wants a break (from "\n"): when the
// title does not fit one line it is broken at every soft mark first, and a
// part still too wide is balanced on its own, so "某某县教育局" /
// "2025年政府信息公开工作年度报告" wins over more even lines.
func balanceTitle(rs []rune, w []float64, width float64, soft map[int]bool) []line {
	return balance(rs, w, width, soft, titleBreakBonus)
}

// cellBreakBonus is titleBreakBonus for table cells: labels such as "（五）不予处理"
// are not agency names, so "处" is no better a place to break than any other.
func cellBreakBonus(rs []rune, i int) float64 {
	prev, next := rs[i-1], rs[i]
	switch {
	case prev >= '0' && prev <= '9' && strings.ContainsRune("年月日号届次", next):
		return 20
	case isClosing(prev) || prev == ' ':
		return -3
	}
	return 0
}

// balanceCell breaks the text of a centred table cell like balanceTitle, with
// cellBreakBonus.
func balanceCell(rs []rune, w []float64, width float64) []line {
	return balance(rs, w, width, nil, cellBreakBonus)
}

// balance is balanceTitle with the bonus of each break point given.
func balance(rs []rune, w []float64, width float64, soft map[int]bool, bonus func([]rune, int) float64) []line {
	const eps = 1e-6
	if len(rs) == 0 {
		return nil
	}
	if len(soft) > 0 && sumWidths(w, 0, len(rs)) > width+eps {
		var cuts []int
		for i := range soft {
			if i > 0 && i < len(rs) {
				cuts = append(cuts, i)
			}
		}
		if len(cuts) > 0 {
			sort.Ints(cuts)
			cuts = append(cuts, len(rs))
			var lines []line
			start := 0
			for _, c := range cuts {
				for _, l := range balance(rs[start:c], w[start:c], width, nil, bonus) {
					l.start, l.end, l.last = l.start+start, l.end+start, false
					lines = append(lines, l)
				}
				start = c
			}
			lines[len(lines)-1].last = true
			return lines
		}
	}
	cl := clustersOf(rs)
	total := sumWidths(w, 0, len(rs))
	if total <= width+eps {
		return []line{{0, len(rs), total, true}}
	}
	em := total / float64(len(rs))
	// prefix sums for widths
	pre := make([]float64, len(rs)+1)
	for i, x := range w {
		pre[i+1] = pre[i] + x
	}
	nb := len(cl)
	maxLines := int(total/width) + 4
	for n := 2; n <= maxLines && n < nb; n++ {
		target := total / float64(n)
		// cost[j][k]: best cost to end line j at cluster boundary k.
		inf := 1e18
		cost := make([][]float64, n+1)
		from := make([][]int, n+1)
		for j := range cost {
			cost[j] = make([]float64, nb)
			from[j] = make([]int, nb)
			for k := range cost[j] {
				cost[j][k] = inf
			}
		}
		cost[0][0] = 0
		for j := 1; j <= n; j++ {
			for k := 1; k < nb; k++ {
				for p := 0; p < k; p++ {
					if cost[j-1][p] >= inf {
						continue
					}
					lw := pre[cl[k]] - pre[cl[p]]
					if lw > width+eps {
						continue
					}
					d := (lw - target) / em
					c := cost[j-1][p] + d*d
					if k < nb-1 {
						if soft[cl[k]] {
							c -= 50
						} else {
							c += bonus(rs, cl[k])
						}
					}
					if c < cost[j][k] {
						cost[j][k], from[j][k] = c, p
					}
				}
			}
		}
		if cost[n][nb-1] >= inf {
			continue
		}
		lines := make([]line, n)
		k := nb - 1
		for j := n; j >= 1; j-- {
			p := from[j][k]
			lines[j-1] = line{start: cl[p], end: cl[k], width: pre[cl[k]] - pre[cl[p]]}
			k = p
		}
		lines[n-1].last = true
		return lines
	}
	// A cluster wider than a line: fall back to greedy breaking.
	return breakLines(rs, w, width, 0, 0)
}
