package extract

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Gaps between glyphs of a line, in units of the font size: wider than spaceGap is a space,
// wider than cellGap is a table column gap ("|"). Justified Chinese text spaces characters
// by a few tenths at most; table cells are separated by a cell's padding and more.
// Next to a Chinese character a space needs a wider gap: word processors set Latin text and
// digits a quarter em apart from Chinese ("2024 年"), which no reader types.
const (
	spaceGap    = 0.2
	cjkSpaceGap = 0.6
	cellGap     = 1.2
)

func wideText(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return wide(r)
}

// pdfLine is a line of glyphs sharing a baseline.
type pdfLine struct {
	y      float64
	size   float64
	glyphs []glyph
}

// layoutPage writes a page's lines, top to bottom: glyphs grouped by baseline, sorted by x,
// spaces and "|" inserted by the gaps between them. Consecutive lines with cells are a table,
// followed by a blank line.
func layoutPage(o *output, page pageContent) {
	byOrient := map[int][]glyph{}
	for _, g := range page.glyphs {
		byOrient[g.orient] = append(byOrient[g.orient], g)
	}
	rules := mergeRules(page.rules)
	for _, orient := range []int{0, 90, 270, 180} {
		lines := buildLines(byOrient[orient])
		var rs []rule
		if orient == 0 {
			rs = rules
		}
		inTable := false
		for _, l := range lines {
			text, cells := l.text(rs)
			if text == "" {
				continue
			}
			// A line inside a ruled table (a wrapped label's rest) belongs to the table.
			cells = cells || rulesBetween(rs, -1e9, 1e9, l.y+0.3*l.size) > 0
			if inTable && !cells {
				o.gap()
			}
			inTable = cells
			o.line(text)
		}
		if inTable {
			o.gap()
		}
	}
}

// buildLines groups glyphs into lines by baseline, top line first.
func buildLines(gs []glyph) []pdfLine {
	if len(gs) == 0 {
		return nil
	}
	sort.SliceStable(gs, func(i, j int) bool {
		if gs[i].y != gs[j].y {
			return gs[i].y > gs[j].y
		}
		return gs[i].x < gs[j].x
	})
	var lines []pdfLine
	for _, g := range gs {
		if n := len(lines); n > 0 {
			l := &lines[n-1]
			tol := 0.3 * min(l.size, g.size)
			if l.y-g.y <= tol {
				l.glyphs = append(l.glyphs, g)
				if g.size > l.size {
					l.size = g.size
				}
				continue
			}
		}
		lines = append(lines, pdfLine{y: g.y, size: g.size, glyphs: []glyph{g}})
	}
	for i := range lines {
		gl := lines[i].glyphs
		sort.SliceStable(gl, func(a, b int) bool { return gl[a].x < gl[b].x })
	}
	return lines
}

// mergeRules sorts the vertical lines by x and joins those drawn twice or in pieces (a
// double border, a border drawn cell by cell) into one line per x and run.
func mergeRules(rs []rule) []rule {
	sort.Slice(rs, func(i, j int) bool {
		if d := rs[i].x - rs[j].x; d < -1.5 || d > 1.5 {
			return rs[i].x < rs[j].x
		}
		return rs[i].y0 < rs[j].y0
	})
	var out []rule
	for _, r := range rs {
		if n := len(out); n > 0 && r.x-out[n-1].x < 1.5 && r.y0 <= out[n-1].y1+1.5 {
			out[n-1].y1 = max(out[n-1].y1, r.y1)
			continue
		}
		out = append(out, r)
	}
	return out
}

// rulesBetween counts the distinct vertical lines crossing height y strictly between x0 and x1.
func rulesBetween(rs []rule, x0, x1, y float64) int {
	i := sort.Search(len(rs), func(i int) bool { return rs[i].x > x0 })
	n, last := 0, -1e9
	for ; i < len(rs) && rs[i].x < x1; i++ {
		if rs[i].y0 <= y && y <= rs[i].y1 && rs[i].x-last > 1.5 {
			n++
			last = rs[i].x
		}
	}
	return n
}

// text writes a line: spaces where glyphs are apart, "|" between cells; cells reports
// whether the line has cells. Inside a ruled table (vertical lines cross the line) a gap
// crossed by a cell border is a column gap, whatever its width (narrow header cells), and
// a wide gap inside one cell is not (letter-spaced text); elsewhere a gap wider than cellGap
// is one. One "|" stands for one gap, however many empty cells it crosses.
func (l *pdfLine) text(rs []rule) (string, bool) {
	var b strings.Builder
	cells := false
	mid := l.y + 0.3*l.size
	ruled := rulesBetween(rs, -1e9, 1e9, mid) > 0
	var prev *glyph
	end := 0.0 // where the previous glyph ends
	for i := range l.glyphs {
		g := &l.glyphs[i]
		if g.text == " " {
			continue
		}
		if prev != nil {
			size := max(g.size, prev.size)
			// The same glyph drawn again a hair apart: fake bold.
			if g.text == prev.text && g.x-prev.x < 0.3*size && g.x >= prev.x {
				continue
			}
			gap := g.x - end
			k := 0
			if ruled {
				k = rulesBetween(rs, end-0.2*size, g.x+0.2*size, mid)
			} else if gap > cellGap*size {
				k = 1
			}
			switch {
			case k > 0:
				b.WriteString("|")
				cells = true
			case gap > spaceGap*size && !(wideText(prev.text) || wideText(g.text)),
				gap > cjkSpaceGap*size:
				b.WriteString(" ")
			}
		}
		b.WriteString(strings.ReplaceAll(g.text, "|", "｜"))
		w := g.w
		if w <= 0 {
			w = 0.5 * g.size
		}
		end = g.x + w
		prev = g
	}
	return strings.TrimSpace(b.String()), cells
}
