package form

import "strconv"

// Span is one rectangle of an official table's printed grid: a label (possibly merged over
// several grid cells) or a number cell. Exporters and the UI draw tables from spans only.
type Span struct {
	// Row and Col are zero-based grid coordinates of the top-left grid cell.
	Row, Col int
	// RowSpan and ColSpan are at least 1.
	RowSpan, ColSpan int
	// Text is the official label; empty for a number cell.
	Text string
	// Code is the cell code of a number cell; empty for a label.
	Code string
	// Role tells how the span is typeset.
	Role SpanRole
}

// SpanRole tells exporters how to typeset a span.
type SpanRole int

const (
	// RoleValue is a number cell.
	RoleValue SpanRole = iota
	// RoleHeading is a full-width block heading ("第二十条第（一）项").
	RoleHeading
	// RoleColumn is a column header label.
	RoleColumn
	// RoleRow is a row label.
	RoleRow
	// RoleCorner is the label over the row labels ("信息内容", or the 勾稽关系 note).
	RoleCorner
)

// Layout is the official printed grid of a table.
type Layout struct {
	// Rows and Cols are the grid size.
	Rows, Cols int
	// HeaderRows is how many top rows are headings to repeat when the table crosses a page.
	HeaderRows int
	// LabelCols is the number of leading grid columns that hold only labels (row labels and
	// the corner); number cells start at this column.
	LabelCols int
	// Spans cover the grid: block by block, column headers depth-first, then rows top to bottom.
	Spans []Span
}

// Layout returns the table's official grid: merged headers, row labels and number cells,
// as described in FORMAT.md. The result is shared; callers must not modify it.
func (t *Table) Layout() *Layout { return t.layout }

func (t *Table) buildLayout() *Layout {
	l := &Layout{Cols: t.Width}
	row := 0
	for bi, b := range t.Blocks {
		if b.Heading != "" {
			l.Spans = append(l.Spans, Span{Row: row, Col: 0, RowSpan: 1, ColSpan: t.Width, Text: b.Heading, Role: RoleHeading})
			row++
		}
		rowDepth := depth(b.Rows)
		hdr := depth(b.Cols)
		if b.Corner != "" && rowDepth > 0 {
			l.Spans = append(l.Spans, Span{Row: row, Col: 0, RowSpan: hdr, ColSpan: rowDepth, Text: b.Corner, Role: RoleCorner})
		}
		// Column leaves take one grid column each; the last stretches to the table's width.
		colLeaves := leaves(b.Cols, nil, nil)
		colStart := map[*Node]int{}
		colWidth := map[*Node]int{}
		for i, c := range colLeaves {
			colStart[c.node] = rowDepth + i
			colWidth[c.node] = 1
		}
		if n := len(colLeaves); n > 0 {
			colWidth[colLeaves[n-1].node] = t.Width - rowDepth - (n - 1)
		}
		var head func(nodes []*Node, d int) (first, last int)
		head = func(nodes []*Node, d int) (first, last int) {
			first = -1
			for _, n := range nodes {
				s, e := colStart[n], colStart[n]+colWidth[n]-1
				rs := hdr - d
				if len(n.Children) > 0 {
					s, e = head(n.Children, d+1)
					rs = 1
				}
				l.Spans = append(l.Spans, Span{Row: row + d, Col: s, RowSpan: rs, ColSpan: e - s + 1, Text: n.Label, Role: RoleColumn})
				if first < 0 {
					first = s
				}
				last = e
			}
			return first, last
		}
		head(b.Cols, 0)
		row += hdr
		if bi == 0 {
			l.HeaderRows = row
		}
		// Rows: group labels span their leaves; leaf labels stretch to the value columns.
		emitValues := func(r leaf) {
			for _, c := range colLeaves {
				l.Spans = append(l.Spans, Span{Row: row, Col: colStart[c.node], RowSpan: 1, ColSpan: colWidth[c.node],
					Code: joinCode(t.ID, joinCode(r.code, c.code)), Role: RoleValue})
			}
			row++
		}
		if b.Rows == nil {
			emitValues(leaf{})
			continue
		}
		var body func(nodes []*Node, d int, prefix []string)
		body = func(nodes []*Node, d int, prefix []string) {
			for _, n := range nodes {
				codes := append(append([]string(nil), prefix...), n.Code)
				if len(n.Children) > 0 {
					at := len(l.Spans)
					start := row
					l.Spans = append(l.Spans, Span{Row: row, Col: d, ColSpan: 1, Text: n.Label, Role: RoleRow})
					body(n.Children, d+1, codes)
					l.Spans[at].RowSpan = row - start
					continue
				}
				l.Spans = append(l.Spans, Span{Row: row, Col: d, RowSpan: 1, ColSpan: rowDepth - d, Text: n.Label, Role: RoleRow})
				emitValues(leaf{node: n, code: joinCode(codes...)})
			}
		}
		body(b.Rows, 0, nil)
	}
	l.Rows = row
	l.LabelCols = l.Cols
	for _, s := range l.Spans {
		if s.Role == RoleValue && s.Col < l.LabelCols {
			l.LabelCols = s.Col
		}
	}
	return l
}

// depth is the number of levels of a node tree (0 for none).
func depth(nodes []*Node) int {
	d := 0
	for _, n := range nodes {
		if c := 1 + depth(n.Children); c > d {
			d = c
		}
	}
	return d
}

// CellName returns the spreadsheet-style name of a zero-based grid position ("A1", "J28").
func CellName(row, col int) string {
	name := ""
	for c := col + 1; c > 0; c = (c - 1) / 26 {
		name = string(rune('A'+(c-1)%26)) + name
	}
	return name + strconv.Itoa(row+1)
}
