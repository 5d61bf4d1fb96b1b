package docx

import (
	"github.com/nianbao/nianbao/export/outline"
	"github.com/nianbao/nianbao/form"
)

// gridTable is a statistic table as a Word table: the official merged cells as gridSpan
// and vMerge, single borders, column headings repeated on every page (tblHeader), rows that
// never split (cantSplit), and every row kept with the next so that Word moves the whole
// table to the next page rather than break it, when it fits on one. A table of stacked
// blocks (二) may break between its blocks, each of which brings its own heading.
func gridTable(g *outline.Grid) *table {
	widths := twipWidths(g.ColumnWidths(float64(textW)))
	line := &border{Val: "single", Sz: 4, Color: "000000"}
	t := &table{Pr: tblPr{
		W: dxa(textW), Jc: v("center"), Ind: dxa(0),
		Borders: &borders{Top: line, Left: line, Bottom: line, Right: line, InsideH: line, InsideV: line},
		Layout:  &tblType{Type: "fixed"},
		CellMar: &margins{Left: dxa(cellPad), Right: dxa(cellPad)},
	}}
	for _, w := range widths {
		t.Grid = append(t.Grid, gridCol{W: w})
	}
	at := g.At()
	blockStart := make([]bool, g.Rows+1)
	for _, c := range g.Cells {
		if g.Stacked && c.Role == form.RoleHeading {
			blockStart[c.Row] = true
		}
	}
	for y := 0; y < g.Rows; y++ {
		rw := row{Pr: trPr{CantSplit: &on{}, Height: &trHeight{Val: rowMin, Rule: "atLeast"}}}
		if y < g.RepeatRows {
			rw.Pr.Header = &on{}
		}
		keep := y+1 < g.Rows && !blockStart[y+1]
		for x := 0; x < g.Cols; {
			i := at[y][x]
			if i < 0 { // not in an official layout; an empty cell keeps the grid whole
				rw.Cells = append(rw.Cells, cell{Pr: tcPr{W: dxa(widths[x])}, Paras: []para{cellPara(outline.Cell{}, keep)}})
				x++
				continue
			}
			c := g.Cells[i]
			tc := cell{Pr: tcPr{W: dxa(sum(widths[c.Col : c.Col+c.ColSpan])), VAlign: v("center")}}
			if c.ColSpan > 1 {
				tc.Pr.GridSpan = v(itoa(c.ColSpan))
			}
			switch {
			case c.RowSpan > 1 && c.Row == y:
				tc.Pr.VMerge = &vMerge{Val: "restart"}
				tc.Paras = []para{cellPara(c, keep)}
			case c.Row < y:
				tc.Pr.VMerge = &vMerge{}
				tc.Paras = []para{cellPara(outline.Cell{}, keep)}
			default:
				tc.Paras = []para{cellPara(c, keep)}
			}
			rw.Cells = append(rw.Cells, tc)
			x = c.Col + c.ColSpan
		}
		t.Rows = append(t.Rows, rw)
	}
	return t
}

// cellPara is the paragraph of a table cell: 五号, centred unless a row label or heading,
// block headings in 黑体.
func cellPara(c outline.Cell, keep bool) para {
	pr := &pPr{Style: v(styleTableText)}
	if keep {
		pr.KeepNext = &on{}
	}
	if c.Align == outline.AlignLeft && c.Role != form.RoleValue {
		pr.Jc = v("left")
	}
	p := para{PPr: pr}
	if c.Text != "" {
		var rp *rPr
		if c.Strong {
			rp = &rPr{Fonts: fontsOf(faceHeading, faceHeading)}
		}
		p.Items = []any{textRun(rp, c.Text)}
	}
	return p
}

// twipWidths rounds widths to whole twips, keeping their sum.
func twipWidths(ws []float64) []int {
	out := make([]int, len(ws))
	acc, done := 0.0, 0
	for i, w := range ws {
		acc += w
		out[i] = int(acc+0.5) - done
		done += out[i]
	}
	return out
}

func sum(ns []int) int {
	s := 0
	for _, n := range ns {
		s += n
	}
	return s
}
