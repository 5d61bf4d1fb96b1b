package outline

import (
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/form"
)

// Align is the horizontal alignment of a table cell's text (always centred vertically).
type Align int

const (
	// AlignCenter centres the text: numbers, column headings, group labels.
	AlignCenter Align = iota
	// AlignLeft sets the text flush left: row labels and block headings.
	AlignLeft
)

// Cell is one span of an official table with the text to print in it.
type Cell struct {
	form.Span
	// Text is the official label, or the value of a number cell ("" when blank).
	Text string
	// Align is the text's alignment.
	Align Align
	// Strong prints the text in the heading font (黑体): the block headings of 二.
	Strong bool
}

// Grid is a statistic table ready to print: the official layout's spans with the report's
// values, the column widths and the rows to repeat on a new page.
type Grid struct {
	// Table is the declared table.
	Table *form.Table
	// Rows and Cols are the grid size.
	Rows, Cols int
	// Cells are the layout's spans in layout order, each with its text.
	Cells []Cell
	// RepeatRows is the number of leading rows to repeat at the top of every page the table
	// continues on: the column headings of 三 and 四. It is 0 for a table of stacked blocks
	// (二), whose blocks each bring their own heading and column labels.
	RepeatRows int
	// Stacked is true for a table of stacked blocks, each with its own heading row.
	Stacked bool
}

// NewGrid returns table t of report r as a Grid.
func NewGrid(r *form.Report, t *form.Table) *Grid {
	l := t.Layout()
	g := &Grid{Table: t, Rows: l.Rows, Cols: l.Cols, RepeatRows: l.HeaderRows, Cells: make([]Cell, len(l.Spans))}
	for _, s := range l.Spans {
		if s.Role == form.RoleHeading && s.Row > 0 {
			g.Stacked = true
		}
	}
	if g.Stacked {
		g.RepeatRows = 0
	}
	for i, s := range l.Spans {
		c := Cell{Span: s, Text: s.Text}
		switch s.Role {
		case form.RoleValue:
			c.Text = CellText(r, s.Code)
		case form.RoleRow:
			c.Align = AlignLeft
			if s.RowSpan > 1 || s.ColSpan == 1 && s.Col < l.LabelCols-1 {
				c.Align = AlignCenter // group labels
			}
		case form.RoleHeading:
			c.Align = AlignLeft
			c.Strong = true
		}
		g.Cells[i] = c
	}
	return g
}

// At returns, for every grid square, the index into Cells of the cell covering it (-1 for
// none): writers that emit a table row by row (Word, HTML) walk it.
func (g *Grid) At() [][]int {
	at := make([][]int, g.Rows)
	for i := range at {
		at[i] = make([]int, g.Cols)
		for j := range at[i] {
			at[i][j] = -1
		}
	}
	for i, c := range g.Cells {
		for y := c.Row; y < c.Row+c.RowSpan && y < g.Rows; y++ {
			for x := c.Col; x < c.Col+c.ColSpan && x < g.Cols; x++ {
				at[y][x] = i
			}
		}
	}
	return at
}

// labelWidths are the widths of the row-label columns as fractions of the text width, by
// their number (56 mm, 22 + 44 mm and 6 + 20 + 60 mm of a 156 mm text width); the
// value columns share the rest equally.
var labelWidths = map[int][]float64{
	1: {56.0 / 156},
	2: {22.0 / 156, 44.0 / 156},
	3: {6.0 / 156, 20.0 / 156, 60.0 / 156},
}

// ColumnWidths returns the widths of the grid columns for a table total wide.
func (g *Grid) ColumnWidths(total float64) []float64 {
	l := g.Table.Layout()
	w := make([]float64, g.Cols)
	lw, ok := labelWidths[l.LabelCols]
	if !ok {
		lw = make([]float64, l.LabelCols)
		for i := range lw {
			lw[i] = 20.0 / 156
		}
	}
	used := 0.0
	for i, f := range lw {
		w[i] = f * total
		used += w[i]
	}
	for i := l.LabelCols; i < g.Cols; i++ {
		w[i] = (total - used) / float64(g.Cols-l.LabelCols)
	}
	return w
}

// CellText is the printed value of a number cell: the canonical form of a valid number,
// what the user typed otherwise, nothing when blank. An amount (万元) prints with the
// decimals the user typed ("0", "3.5", "0.00"), and a whole amount whose text is not a
// plain numeral without decimals: the user's "0" is not the report's "0.00".
func CellText(r *form.Report, code string) string {
	c, ok := r.Cell(code)
	if !ok || c.Blank {
		return ""
	}
	if c.OK() {
		if def, ok := r.Format.Cell(code); ok {
			if def.Kind == form.Amount {
				return amountText(c)
			}
			return c.Value.Format(def.Kind)
		}
	}
	return Line(strings.TrimSpace(c.Text))
}

// amountText prints a valid amount as typed when the text is a plain decimal numeral
// (leading zeros of the whole part dropped), else canonically without ".00".
func amountText(c form.Cell) string {
	t := form.Normalize(c.Text)
	whole, frac, dot := strings.Cut(t, ".")
	if c.Value >= 0 && digits(whole) && (!dot || digits(frac)) {
		s := strconv.FormatInt(c.Value.Int(), 10)
		if dot {
			s += "." + frac
		}
		return s
	}
	s := c.Value.Format(form.Amount)
	if c.Value%form.Scale == 0 {
		s = strings.TrimSuffix(s, ".00")
	}
	return s
}

// digits reports whether s is a non-empty run of ASCII digits.
func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
