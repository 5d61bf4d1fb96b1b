package pdf

import (
	"fmt"
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
	// FontSize in points; TableSize (五号, 10.5 pt) when zero.
	FontSize float64
	// MinRowHeight in mm; 1.9 × the font size when zero.
	MinRowHeight float64
}

// Cell padding in mm.
const (
	cellPadX = 1.2
	cellPadY = 0.8
)

type placedCell struct {
	Cell
	rn    run
	lines []line
	w     float64 // inner text width
}

// Table draws t below the current position. Cell text is wrapped with the
// same CJK line breaker as body text and centred vertically; rows joined
// by row spans stay on one page; header rows repeat on each new page.
// Headings just before the table are kept on the page of its first rows.
func (d *Doc) Table(t Table) {
	if d.Err() != nil || len(t.Cells) == 0 || len(t.ColWidths) == 0 {
		return
	}
	size := t.FontSize
	if size == 0 {
		size = TableSize
	}
	mm := ptToMM(size)
	lh := mm * 1.3
	minH := t.MinRowHeight
	if minH == 0 {
		minH = 1.9 * mm
	}
	widths := append([]float64(nil), t.ColWidths...)
	total := sumWidths(widths, 0, len(widths))
	if total > TextWidth {
		for i := range widths {
			widths[i] *= TextWidth / total
		}
		total = TextWidth
	}
	colX := make([]float64, len(widths)+1)
	colX[0] = MarginLeft + (TextWidth-total)/2
	for i, w := range widths {
		colX[i+1] = colX[i] + w
	}

	nRows := 0
	cells := make([]placedCell, 0, len(t.Cells))
	for _, c := range t.Cells {
		if c.RowSpan <= 0 {
			c.RowSpan = 1
		}
		if c.ColSpan <= 0 {
			c.ColSpan = 1
		}
		if c.Row < 0 || c.Col < 0 || c.Col+c.ColSpan > len(widths) {
			d.err = fmt.Errorf("表格单元格超出范围：第%d行第%d列", c.Row+1, c.Col+1)
			return
		}
		nRows = max(nRows, c.Row+c.RowSpan)
		role := assets.Body
		if c.Strong {
			role = assets.Heading
		}
		p := placedCell{Cell: c, w: colX[c.Col+c.ColSpan] - colX[c.Col] - 2*cellPadX}
		p.rn = d.prepare(c.Text, role, size, 1)
		if c.Align == AlignCenter {
			p.lines = balanceTitle(p.rn.rs, p.rn.w, p.w, nil)
		} else {
			p.lines = breakLines(p.rn.rs, p.rn.w, p.w, 0, 0.25*mm)
		}
		cells = append(cells, p)
	}

	// Row heights: single-row cells first, then spanning cells spread
	// any shortfall evenly over their rows.
	h := make([]float64, nRows)
	for i := range h {
		h[i] = minH
	}
	need := func(c placedCell) float64 { return float64(len(c.lines))*lh + 2*cellPadY }
	sort.SliceStable(cells, func(i, j int) bool { return cells[i].RowSpan < cells[j].RowSpan })
	for _, c := range cells {
		have := sumWidths(h, c.Row, c.Row+c.RowSpan)
		if n := need(c); n > have {
			for r := c.Row; r < c.Row+c.RowSpan; r++ {
				h[r] += (n - have) / float64(c.RowSpan)
			}
		}
	}

	// Blocks of rows that must stay together because of row spans.
	nh := min(max(t.HeaderRows, 0), nRows)
	keep := make([]bool, nRows)
	for _, c := range cells {
		if c.Keep {
			for r := c.Row; r < c.Row+c.RowSpan; r++ {
				keep[r] = true
			}
		}
	}
	var blocks [][2]int
	start, reach := 0, 0
	for r := 0; r < nRows; r++ {
		for _, c := range cells {
			if c.Row == r {
				reach = max(reach, c.Row+c.RowSpan)
			}
		}
		reach = max(reach, r+1)
		if reach == r+1 && !(keep[r] && r >= nh && r+1 < nRows) {
			blocks = append(blocks, [2]int{start, r + 1})
			start = r + 1
		}
	}
	header := 0
	for header < len(blocks) && blocks[header][0] < nh {
		header++
	}
	headH := 0.0
	if header > 0 {
		headH = sumWidths(h, 0, blocks[header-1][1])
	}
	firstH := headH
	if header < len(blocks) {
		b := blocks[header]
		firstH += sumWidths(h, b[0], b[1])
	}

	d.flush(firstH)
	d.ensure(firstH)
	headEnd := 0
	if header > 0 {
		headEnd = blocks[header-1][1]
	}
	// Rows are collected per page and drawn when the page is full, so that
	// a spanning cell cut by a page break is drawn once on each page.
	var page [][2]int
	pageH := 0.0
	addRows := func(a, b int) {
		if n := len(page); n > 0 && page[n-1][1] == a {
			page[n-1][1] = b
		} else {
			page = append(page, [2]int{a, b})
		}
		pageH += sumWidths(h, a, b)
	}
	startPage := func() {
		page, pageH = nil, 0
		if headEnd > 0 {
			page = append(page, [2]int{0, headEnd})
			pageH = headH
		}
	}
	breakPage := func() {
		d.drawTableRows(cells, h, colX, page, lh, size)
		d.newPage()
		startPage()
	}
	room := func() float64 { return d.bottom() - d.y - pageH }
	fresh := d.bottom() - MarginTop - headH
	startPage()
	for _, b := range blocks[header:] {
		bh := sumWidths(h, b[0], b[1])
		if bh > room()+1e-6 && bh <= fresh+1e-6 {
			breakPage()
		}
		if bh <= room()+1e-6 {
			addRows(b[0], b[1])
			continue
		}
		// A block taller than a page: break it between rows.
		for r := b[0]; r < b[1]; r++ {
			if h[r] > room()+1e-6 && pageH > headH {
				breakPage()
			}
			addRows(r, r+1)
		}
	}
	d.drawTableRows(cells, h, colX, page, lh, size)
}

// drawTableRows draws the row ranges of one page from the current
// position down, each cell clipped to the rows shown, and moves below.
func (d *Doc) drawTableRows(cells []placedCell, h, colX []float64, ranges [][2]int, lh, size float64) {
	y := d.y
	rowY := map[int]float64{}
	for _, rg := range ranges {
		for r := rg[0]; r < rg[1]; r++ {
			rowY[r] = y
			y += h[r]
		}
	}
	for _, c := range cells {
		for _, rg := range ranges {
			a0, a1 := max(c.Row, rg[0]), min(c.Row+c.RowSpan, rg[1])
			if a0 >= a1 {
				continue
			}
			x, top := colX[c.Col], rowY[a0]
			cw := colX[c.Col+c.ColSpan] - x
			ch := sumWidths(h, a0, a1)
			d.rect(x, top, cw, ch)
			ty := top + (ch-float64(len(c.lines))*lh)/2
			for _, l := range c.lines {
				lx := x + cellPadX
				switch c.Align {
				case AlignCenter:
					lx += (c.w - l.width) / 2
				case AlignRight:
					lx += c.w - l.width
				}
				d.drawLine(c.rn, l, lx, baseline(ty, lh, size), c.w, c.Align == AlignLeft)
				ty += lh
			}
		}
	}
	d.y = y
}
