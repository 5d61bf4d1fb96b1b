package pdf

import (
	"fmt"
	"math"
	"sort"

	"github.com/nianbao/nianbao/assets"
)

// Align is the horizontal alignment of text in a table cell.
type Align int

// Cell alignments. Text is always centred vertically.
const (
	// AlignCenter centres each line.
	AlignCenter Align = iota
	// AlignLeft sets lines flush left, justifying all but the last.
	AlignLeft
	// AlignRight sets lines flush right.
	AlignRight
)

// Cell is one cell of a table grid: it covers rows [Row, Row+RowSpan) and
// columns [Col, Col+ColSpan), both counted from 0; a span of 0 means 1.
type Cell struct {
	Row, Col, RowSpan, ColSpan int
	Text                       string
	Align                      Align
	// Strong draws the text in the heading (黑体) font.
	Strong bool
	// Keep keeps the rows the cell covers on the same page as the row
	// after them (for headings inside the table body; header rows given by
	// Table.HeaderRows need not set it).
	Keep bool
}

// Table describes a bordered table.
type Table struct {
	// ColWidths are the column widths in mm; they are scaled down
	// proportionally if their sum exceeds the text width. A narrower table
	// is centred.
	ColWidths []float64
	// Cells cover the grid; uncovered grid squares stay empty (no border).
	Cells []Cell
	// HeaderRows is the number of leading rows repeated at the top of
	// every page the table continues on.
	HeaderRows int
	// FontSize in points; TableSize (五号, 10.5 pt) when zero. A larger size
	// may shrink down to TableSize to keep the table on one page.
	FontSize float64
	// MinRowHeight in mm; 1.9 × the font size when zero (less when the
	// table is tightened to fit a page).
	MinRowHeight float64
	// Blocks marks a stack of blocks, each starting with rows of Keep cells (its heading
	// and column labels), such as table 二: when it does not fit where it stands it breaks
	// between blocks rather than leave the rest of the page empty.
	Blocks bool
}

// Cell padding in mm (horizontal; the vertical padding is part of the style).
const cellPadX = 1.2

// tableStyle is how tightly a table is set: the vertical cell padding (mm), the
// line pitch and the minimum row height (both in em of the table font).
type tableStyle struct {
	padY, lineH, minRow float64
}

// tableStyles are tried in order until the table fits: a table that can stand on
// one page is tightened before it is broken (minimum row height 0: one line plus the
// padding). The tightest still leaves the word boxes of consecutive lines apart.
var tableStyles = []tableStyle{
	{padY: 0.8, lineH: 1.3, minRow: 1.9},
	{padY: 0.6, lineH: 1.25, minRow: 1.65},
	{padY: 0.4, lineH: 1.2, minRow: 0},
}

// minRowsPerPart is the fewest body rows a table leaves on a page when it breaks.
const minRowsPerPart = 5

type placedCell struct {
	Cell
	rn    run
	lines []line
	w     float64 // inner text width
}

// tableLayout is a table measured in one style and size.
type tableLayout struct {
	size, lh, padY float64
	cells          []placedCell
	h              []float64 // row heights
	colX           []float64
	nh             int    // header rows repeated on each page
	keep           []bool // row r stays with row r+1
}

func (tl *tableLayout) height(a, b int) float64 { return sumWidths(tl.h, a, b) }

// measure lays out t's cells in style st at size pt: lines of every cell, row heights.
func (d *Doc) measure(t *Table, st tableStyle, size float64) (*tableLayout, error) {
	mm := ptToMM(size)
	tl := &tableLayout{size: size, lh: mm * st.lineH, padY: st.padY}
	minH := t.MinRowHeight
	if minH == 0 {
		minH = math.Max(st.minRow*mm, tl.lh+2*st.padY)
	}
	widths := append([]float64(nil), t.ColWidths...)
	total := sumWidths(widths, 0, len(widths))
	if total > TextWidth {
		for i := range widths {
			widths[i] *= TextWidth / total
		}
		total = TextWidth
	}
	tl.colX = make([]float64, len(widths)+1)
	tl.colX[0] = MarginLeft + (TextWidth-total)/2
	for i, w := range widths {
		tl.colX[i+1] = tl.colX[i] + w
	}
	nRows := 0
	tl.cells = make([]placedCell, 0, len(t.Cells))
	for _, c := range t.Cells {
		if c.RowSpan <= 0 {
			c.RowSpan = 1
		}
		if c.ColSpan <= 0 {
			c.ColSpan = 1
		}
		if c.Row < 0 || c.Col < 0 || c.Col+c.ColSpan > len(widths) {
			return nil, fmt.Errorf("表格单元格超出范围：第%d行第%d列", c.Row+1, c.Col+1)
		}
		nRows = max(nRows, c.Row+c.RowSpan)
		role := assets.Body
		if c.Strong {
			role = assets.Heading
		}
		cw := tl.colX[c.Col+c.ColSpan] - tl.colX[c.Col]
		p := placedCell{Cell: c, w: cw - 2*cellPadX}
		p.rn = d.prepare(c.Text, role, size, 1)
		// A number (one unbreakable word) a little too wide for the padded cell uses the
		// padding rather than break.
		if tw := sumWidths(p.rn.w, 0, len(p.rn.w)); tw > p.w && tw <= cw-0.4 && len(clustersOf(p.rn.rs)) == 2 {
			p.w = tw
		}
		if c.Align == AlignCenter {
			p.lines = balanceCell(p.rn.rs, p.rn.w, p.w)
		} else {
			p.lines = breakLines(p.rn.rs, p.rn.w, p.w, 0, 0.25*mm)
		}
		tl.cells = append(tl.cells, p)
	}
	// Row heights: single-row cells first, then spanning cells spread
	// any shortfall evenly over their rows.
	tl.h = make([]float64, nRows)
	for i := range tl.h {
		tl.h[i] = minH
	}
	sort.SliceStable(tl.cells, func(i, j int) bool { return tl.cells[i].RowSpan < tl.cells[j].RowSpan })
	for _, c := range tl.cells {
		have := tl.height(c.Row, c.Row+c.RowSpan)
		if n := float64(len(c.lines))*tl.lh + 2*st.padY; n > have {
			for r := c.Row; r < c.Row+c.RowSpan; r++ {
				tl.h[r] += (n - have) / float64(c.RowSpan)
			}
		}
	}
	tl.nh = min(max(t.HeaderRows, 0), nRows)
	tl.keep = make([]bool, nRows)
	for _, c := range tl.cells {
		if c.Keep {
			for r := c.Row; r < c.Row+c.RowSpan; r++ {
				tl.keep[r] = true
			}
		}
	}
	return tl, nil
}

// crossing returns how many cells span the boundary before row r.
func (tl *tableLayout) crossing(r int) int {
	n := 0
	for _, c := range tl.cells {
		if c.Row < r && r < c.Row+c.RowSpan {
			n++
		}
	}
	return n
}

// Table draws t below the current position. Cell text is wrapped with the same CJK
// line breaker as body text and centred vertically. A table that fits on one page is
// never cut: it is set where it stands if it fits there (tightening its rows if need
// be, see tableStyles), else on the next page; headings before it go along. A table
// taller than a page breaks between row groups (where the fewest merged cells are
// cut), never leaving fewer than five body rows on a page, and repeats its header
// rows; a merged label cut by a break is drawn on each page — whole if it fits there,
// else continued.
func (d *Doc) Table(t Table) {
	if d.Err() != nil || len(t.Cells) == 0 || len(t.ColWidths) == 0 {
		return
	}
	size := t.FontSize
	if size == 0 {
		size = TableSize
	}
	sizes := []float64{size}
	if size > TableSize {
		sizes = append(sizes, TableSize)
	}
	var layouts []*tableLayout
	for _, sz := range sizes {
		for _, st := range tableStyles {
			tl, err := d.measure(&t, st, sz)
			if err != nil {
				d.err = err
				return
			}
			layouts = append(layouts, tl)
		}
	}
	nRows := len(layouts[0].h)
	fresh := TextHeight - d.pendingH
	room := d.bottom() - d.y - d.pendingH
	if len(d.pending) == 0 && d.y <= MarginTop+1e-6 {
		room = fresh
	}
	var tl *tableLayout
	for _, l := range layouts { // where it stands
		if l.height(0, nRows) <= room+1e-6 {
			tl = l
			break
		}
	}
	if tl == nil && t.Blocks && room >= TextHeight/5 {
		if l := layouts[0]; l.nh == 0 {
			if parts := l.blockParts(room, TextHeight); parts != nil {
				d.flush(l.height(parts[0][0], parts[0][1]))
				for i, p := range parts {
					if i > 0 {
						d.newPage()
					}
					d.drawTableRows(l, [][2]int{p}, parts)
				}
				d.tail = nil
				return
			}
		}
	}
	if tl == nil {
		for _, l := range layouts { // whole, on the next page
			if l.height(0, nRows) <= fresh+1e-6 {
				tl = l
				break
			}
		}
	}
	if tl != nil {
		h := tl.height(0, nRows)
		d.flush(h)
		d.ensure(h)
		d.drawTableRows(tl, [][2]int{{0, nRows}}, nil)
		d.tail = nil
		return
	}
	// Taller than a page even at its tightest: break it.
	tl = layouts[len(layouts)-1]
	headH := tl.height(0, tl.nh)
	parts := tl.paginate(d.bottom()-d.y-d.pendingH-headH, TextHeight-d.pendingH-headH, TextHeight-headH, len(d.pending) == 0 && d.y <= MarginTop+1e-6)
	if len(parts) > 0 && parts[0][0] < 0 { // start on a new page
		parts = parts[1:]
		d.flush(math.MaxFloat64)
	} else if len(parts) > 0 {
		d.flush(headH + tl.height(parts[0][0], parts[0][1]))
	}
	for i, p := range parts {
		if i > 0 {
			d.newPage()
		}
		var ranges [][2]int
		if tl.nh > 0 {
			ranges = append(ranges, [2]int{0, tl.nh})
		}
		ranges = append(ranges, p)
		d.drawTableRows(tl, ranges, parts)
	}
	d.tail = nil
}

// blockParts cuts a stack of blocks into parts, one per page, between blocks: the first
// part at most room mm high, the others fresh mm. A block starts at a row kept with the
// next (its heading) after a row that is not. It returns nil when not even the first
// block fits in room, or a block is taller than fresh.
func (tl *tableLayout) blockParts(room, fresh float64) [][2]int {
	n := len(tl.h)
	var starts []int
	for r := 1; r < n; r++ {
		if tl.keep[r] && !tl.keep[r-1] {
			starts = append(starts, r)
		}
	}
	starts = append(starts, n)
	var parts [][2]int
	s, avail := 0, room
	for s < n {
		e := -1
		for _, b := range starts {
			if b > s && tl.height(s, b) <= avail+1e-6 {
				e = b
			}
		}
		if e < 0 {
			return nil
		}
		parts = append(parts, [2]int{s, e})
		s, avail = e, fresh
	}
	return parts
}

// paginate cuts the body rows [nh, rows) into parts, one per page: the first with room
// mm (after the header), or first mm when it starts a new page below the headings kept
// with it, the others with fresh mm. A part has at least minRowsPerPart
// body rows (unless the body has fewer) and ends where the fewest merged cells are cut,
// as late as possible; never right after a kept row. A first element {-1, -1} means the
// table is better started on a new page (there is room for too few rows here).
func (tl *tableLayout) paginate(room, first, fresh float64, atTop bool) [][2]int {
	n := len(tl.h)
	var parts [][2]int
	s := tl.nh
	avail := room
	if atTop {
		avail = first
	}
	for s < n {
		e, acc := s, 0.0
		for e < n && acc+tl.h[e] <= avail+1e-6 {
			acc += tl.h[e]
			e++
		}
		if e == n {
			parts = append(parts, [2]int{s, n})
			break
		}
		best, bestCross := -1, 0
		for b := e; b > s; b-- {
			if b-s < minRowsPerPart || n-b < minRowsPerPart || tl.keep[b-1] {
				continue
			}
			if c := tl.crossing(b); best < 0 || c < bestCross {
				best, bestCross = b, c
			}
		}
		if best < 0 {
			if len(parts) == 0 && !atTop && s == tl.nh {
				parts = append(parts, [2]int{-1, -1})
				avail, atTop = first, true
				continue
			}
			best = max(e, s+1) // no good break: fill the page
			for best > s+1 && tl.keep[best-1] {
				best--
			}
		}
		parts = append(parts, [2]int{s, best})
		s = best
		avail = fresh
	}
	return parts
}

// drawTableRows draws the row ranges of one page from the current position down, each
// cell clipped to the rows shown, and moves below. parts are the body ranges of every
// page of a broken table (nil for a table on one page): a merged cell cut by them shows
// its whole text on each page where it fits, else its lines are shared out in order.
func (d *Doc) drawTableRows(tl *tableLayout, ranges, parts [][2]int) {
	y := d.y
	rowY := map[int]float64{}
	for _, rg := range ranges {
		for r := rg[0]; r < rg[1]; r++ {
			rowY[r] = y
			y += tl.h[r]
		}
	}
	for _, c := range tl.cells {
		for _, rg := range ranges {
			a0, a1 := max(c.Row, rg[0]), min(c.Row+c.RowSpan, rg[1])
			if a0 >= a1 {
				continue
			}
			x, top := tl.colX[c.Col], rowY[a0]
			cw := tl.colX[c.Col+c.ColSpan] - x
			ch := tl.height(a0, a1)
			d.rect(x, top, cw, ch)
			lines := c.lines
			if a0 > c.Row || a1 < c.Row+c.RowSpan {
				lines = tl.share(c, a0, parts)
			}
			ty := top + (ch-float64(len(lines))*tl.lh)/2
			for _, l := range lines {
				lx := x + cellPadX
				switch c.Align {
				case AlignCenter:
					lx += (c.w - l.width) / 2
				case AlignRight:
					lx += c.w - l.width
				}
				d.drawLine(c.rn, l, lx, baseline(ty, tl.lh, tl.size), c.w, c.Align == AlignLeft)
				ty += tl.lh
			}
		}
	}
	d.y = y
}

// share returns the lines of cell c shown in its portion starting at row a0, c being
// cut by the parts of a broken table: all of them if they fit every portion, else the
// portion's share, in proportion to its height.
func (tl *tableLayout) share(c placedCell, a0 int, parts [][2]int) []line {
	type portion struct {
		a0  int
		h   float64
		cap int
		n   int
	}
	var ps []portion
	for _, p := range parts {
		b0, b1 := max(c.Row, p[0]), min(c.Row+c.RowSpan, p[1])
		if b0 < b1 {
			h := tl.height(b0, b1)
			ps = append(ps, portion{a0: b0, h: h, cap: int((h - 2*tl.padY + 1e-6) / tl.lh)})
		}
	}
	n := len(c.lines)
	fits := len(ps) > 0
	for _, p := range ps {
		fits = fits && p.cap >= n
	}
	if fits {
		return c.lines
	}
	total := 0.0
	for _, p := range ps {
		total += p.h
	}
	sum := 0
	for i := range ps {
		ps[i].n = min(ps[i].cap, int(math.Round(float64(n)*ps[i].h/total)))
		sum += ps[i].n
	}
	for sum < n { // hand out the rest where there is room, the roomiest first
		best := -1
		for i, p := range ps {
			if p.cap-p.n > 0 && (best < 0 || p.cap-p.n > ps[best].cap-ps[best].n) {
				best = i
			}
		}
		if best < 0 {
			best = len(ps) - 1 // no room anywhere: the last part overflows
		}
		ps[best].n++
		sum++
	}
	for sum > n {
		best := 0
		for i, p := range ps {
			if p.n > ps[best].n {
				best = i
			}
		}
		ps[best].n--
		sum--
	}
	from := 0
	for _, p := range ps {
		if p.a0 == a0 {
			return c.lines[from : from+p.n]
		}
		from += p.n
	}
	return c.lines
}
