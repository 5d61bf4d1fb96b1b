package xlsx

import (
	"math"
	"sort"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
)

// Sizes of the statistics sheet, in Excel column-width units (the width of a "0" in the
// workbook's default font). A CJK character of the 10 pt table font is about two units.
const (
	pageWidth     = 100.0 // the width every table is stretched to
	minLabelWidth = 8.0
	maxLabelShare = 0.36 // a single label column takes at most this share of the page
	labelPad      = 2.0
	snapTol       = 2.5 // a table's column boundary this close to another table's is shared
	lineHeight    = 14.0
	rowPad        = 5.0
	minRowHeight  = 20.0
	maxRowHeight  = 409.0 // Excel's limit
)

// textWidth estimates the printed width of s in column-width units.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r == '\n':
		case r < 0x80:
			w++
		default:
			w += 2
		}
	}
	return w
}

// lines estimates how many lines s wraps to in a cell of the given width.
func lines(s string, width float64) int {
	avail := width - 1.2
	if avail < 2 {
		avail = 2
	}
	n := 0
	for _, para := range splitLines(s) {
		n += max(1, int(math.Ceil(textWidth(para)/avail)))
	}
	return max(n, 1)
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// tableWidths gives the width of each grid column of t so that the table spans pageWidth:
// label columns as wide as their labels need (long ones wrap), value columns share the rest.
func tableWidths(t *form.Table) []float64 {
	l := t.Layout()
	firstValue := l.LabelCols
	w := make([]float64, l.Cols)
	limit := pageWidth * maxLabelShare
	need := func(s form.Span) float64 {
		tw := textWidth(s.Text)
		if s.RowSpan > 1 {
			tw /= float64(s.RowSpan)
		}
		return math.Min(tw+labelPad, limit)
	}
	for j := 0; j < firstValue; j++ {
		w[j] = minLabelWidth
	}
	for _, s := range l.Spans {
		if (s.Role == form.RoleRow || s.Role == form.RoleCorner) && s.ColSpan == 1 && s.Col < firstValue {
			w[s.Col] = math.Max(w[s.Col], need(s))
		}
	}
	for _, s := range l.Spans {
		if s.Role == form.RoleRow && s.ColSpan > 1 && s.Col+s.ColSpan <= firstValue {
			sum := 0.0
			for j := s.Col; j < s.Col+s.ColSpan; j++ {
				sum += w[j]
			}
			if n := need(s); sum < n {
				w[s.Col+s.ColSpan-1] += n - sum
			}
		}
	}
	used := 0.0
	for j := 0; j < firstValue; j++ {
		used += w[j]
	}
	if n := l.Cols - firstValue; n > 0 {
		each := (pageWidth - used) / float64(n)
		for j := firstValue; j < l.Cols; j++ {
			w[j] = each
		}
	}
	return w
}

// grid is the sheet's column layout: sheet column widths, and for every table the range of
// sheet columns each of its grid columns covers.
type grid struct {
	widths []float64
	// cols[table id][grid column] = first and last sheet column (zero-based).
	cols map[string][][2]int
}

// newGrid lays the tables of f on one set of sheet columns: every table's column boundaries
// (scaled to the same page width) become sheet column boundaries, so each table keeps its
// own proportions and all of them are one page wide. Tables with more columns go first; a
// later table's boundary within snapTol of an existing one reuses it, so that value columns
// line up from table to table and the sheet has few columns.
func newGrid(f *form.Format) *grid {
	tables := append([]*form.Table(nil), f.Tables...)
	sort.SliceStable(tables, func(i, j int) bool { return tables[i].Width > tables[j].Width })
	var kept []float64 // sorted
	nearest := func(b float64) int {
		i := sort.SearchFloat64s(kept, b)
		if i == len(kept) || (i > 0 && b-kept[i-1] < kept[i]-b) {
			i--
		}
		return i
	}
	bounds := map[string][]float64{}
	for _, t := range tables {
		ws := tableWidths(t)
		at := make([]float64, len(ws)+1)
		for i, w := range ws {
			at[i+1] = at[i] + w
		}
		at[len(ws)] = pageWidth
		for j, b := range at {
			if len(kept) > 0 {
				k := kept[nearest(b)]
				if math.Abs(k-b) <= snapTol && (j == 0 || k > at[j-1]) {
					at[j] = k
					continue
				}
			}
			i := sort.SearchFloat64s(kept, b)
			kept = append(kept[:i], append([]float64{b}, kept[i:]...)...)
		}
		bounds[t.ID] = at
	}
	g := &grid{cols: map[string][][2]int{}}
	for i := 1; i < len(kept); i++ {
		g.widths = append(g.widths, kept[i]-kept[i-1])
	}
	for id, at := range bounds {
		m := make([][2]int, len(at)-1)
		for j := range m {
			m[j] = [2]int{nearest(at[j]), nearest(at[j+1]) - 1}
		}
		g.cols[id] = m
	}
	return g
}

// span returns the sheet columns covered by grid columns [col, col+n) of a table.
func (g *grid) span(table string, col, n int) (first, last int) {
	m := g.cols[table]
	return m[col][0], m[col+n-1][1]
}

// width is the total width of sheet columns first…last.
func (g *grid) width(first, last int) float64 {
	w := 0.0
	for c := first; c <= last; c++ {
		w += g.widths[c]
	}
	return w
}

// runeLen counts characters.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
