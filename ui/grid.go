package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/export/outline"
	"github.com/nianbao/nianbao/form"
)

// sheet is the geometry of an official table drawn as a grid: fixed column widths (the value
// columns stretched into spare width), row heights that grow to fit wrapped labels, and the
// frozen panes — the heading rows on top and the row-label columns on the left stay in view
// while the numbers scroll, as in a spreadsheet with frozen panes. objs[i] draws spans[i].
type sheet struct {
	spans []form.Span
	objs  []fyne.CanvasObject
	colW  []float32
	rows  int
	// valueFrom is the first value column: when the grid is given more width than it needs,
	// the value columns share the extra (up to maxValueW each) so that short headers such
	// as 结果维持 do not wrap.
	valueFrom int
	// frozenRows and frozenCols are the heading rows and label columns that stay in view;
	// both 0 when the table does not freeze (several blocks with headings of their own).
	frozenRows, frozenCols int

	measured   bool
	width      float32
	cur, x, y  []float32
	heightsFor float32
}

// maxValueW caps how wide a stretched value column gets; minValueW is how narrow one gets
// when the grid has less width than it asks for (a five-digit number and a two-character
// heading line still fit), before the numbers scroll sideways.
const (
	maxValueW = 130
	minValueW = 46
)

// heighter is an object whose height depends on the width it is given (a wrapped label).
type heighter interface {
	heightFor(w float32) float32
}

// newSheet lays out the spans of a table with frozen panes where the table allows them: one
// block whose headings and row labels do not cross into the numbers.
func newSheet(lay *form.Layout, colW []float32, valueFrom int, blocks int, objs []fyne.CanvasObject) *sheet {
	s := &sheet{spans: lay.Spans, objs: objs, colW: colW, rows: lay.Rows, valueFrom: valueFrom}
	if blocks == 1 && lay.HeaderRows > 0 {
		s.frozenRows, s.frozenCols = lay.HeaderRows, lay.LabelCols
		for _, sp := range lay.Spans {
			crossRow := sp.Row < s.frozenRows && sp.Row+sp.RowSpan > s.frozenRows
			crossCol := sp.Col < s.frozenCols && sp.Col+sp.ColSpan > s.frozenCols
			if crossRow || crossCol {
				s.frozenRows, s.frozenCols = 0, 0
				break
			}
		}
	}
	return s
}

// stretch returns the column widths for a grid given width total: the value columns widened
// into spare width, or narrowed when there is too little.
func (s *sheet) stretch(total float32) []float32 {
	out := append([]float32(nil), s.colW...)
	var sum float32
	for _, w := range out {
		sum += w
	}
	n := len(out) - s.valueFrom
	// Narrower than asked (四's fifteen columns at 1024): the value columns give up the
	// difference, down to minValueW, so that the last column is not cut at the edge.
	if short := sum - total; short > 0 && n > 0 && total > 0 {
		cut := short / float32(n)
		for c := s.valueFrom; c < len(out); c++ {
			out[c] = max(out[c]-cut, min(out[c], minValueW))
		}
		return out
	}
	if extra := total - sum; extra > 1 && n > 0 {
		add := extra / float32(n)
		for c := s.valueFrom; c < len(out); c++ {
			out[c] = max(out[c], min(out[c]+add, maxValueW))
		}
	}
	// Width still left over goes to the last row-label column of a frozen table (up to twice
	// its width), so that the long labels of 三 need fewer lines on a wide screen.
	if c := s.valueFrom - 1; c >= 0 && s.frozenCols > 0 {
		var now float32
		for _, w := range out {
			now += w
		}
		if left := total - now; left > 1 {
			out[c] += min(left, s.colW[c])
		}
	}
	return out
}

func (s *sheet) spanWidth(sp form.Span, cols []float32) float32 {
	w := float32(0)
	for c := sp.Col; c < sp.Col+sp.ColSpan && c < len(cols); c++ {
		w += cols[c]
	}
	return w
}

// rowHeights computes each grid row's height for the column widths cols: single-row spans
// first, then spans over several rows stretch their last row when they need more room.
func (s *sheet) rowHeights(cols []float32) []float32 {
	h := make([]float32, s.rows)
	need := func(i int) float32 {
		if hh, ok := s.objs[i].(heighter); ok {
			return hh.heightFor(s.spanWidth(s.spans[i], cols))
		}
		return s.objs[i].MinSize().Height
	}
	for i, sp := range s.spans {
		if i >= len(s.objs) || sp.RowSpan != 1 || sp.Row >= s.rows {
			continue
		}
		if n := need(i); n > h[sp.Row] {
			h[sp.Row] = n
		}
	}
	for i, sp := range s.spans {
		if i >= len(s.objs) || sp.RowSpan <= 1 {
			continue
		}
		var have float32
		last := min(sp.Row+sp.RowSpan, s.rows) - 1
		for r := sp.Row; r <= last; r++ {
			have += h[r]
		}
		if n := need(i); n > have {
			h[last] += n - have
		}
	}
	return h
}

// measure computes the grid lines for a grid width (cached until the width changes).
func (s *sheet) measure(width float32) {
	if s.measured && width == s.width {
		return
	}
	s.measured, s.width = true, width
	s.cur = s.stretch(width)
	h := s.rowHeights(s.cur)
	s.y = make([]float32, s.rows+1)
	for r := 0; r < s.rows; r++ {
		s.y[r+1] = s.y[r] + h[r]
	}
	s.x = make([]float32, len(s.cur)+1)
	for c, w := range s.cur {
		s.x[c+1] = s.x[c] + w
	}
}

// minWidth is the width of the columns before stretching.
func (s *sheet) minWidth() float32 {
	var w float32
	for _, c := range s.colW {
		w += c
	}
	return w
}

// pane is one of the four parts of a frozen sheet.
type pane int

const (
	paneCorner pane = iota // heading rows × label columns
	paneHead               // heading rows × value columns (scroll sideways)
	paneRows               // body rows × label columns (scroll up and down)
	paneBody               // the numbers (scroll both ways)
)

// paneOf tells which pane a span belongs to.
func (s *sheet) paneOf(sp form.Span) pane {
	top, left := sp.Row < s.frozenRows, sp.Col < s.frozenCols
	switch {
	case top && left:
		return paneCorner
	case top:
		return paneHead
	case left:
		return paneRows
	}
	return paneBody
}

// origin is the top-left grid line of a pane.
func (s *sheet) origin(p pane) (col, row int) {
	switch p {
	case paneHead:
		return s.frozenCols, 0
	case paneRows:
		return 0, s.frozenRows
	case paneBody:
		return s.frozenCols, s.frozenRows
	}
	return 0, 0
}

// extent is the size of a pane's content at the measured width.
func (s *sheet) extent(p pane) fyne.Size {
	c0, r0 := s.origin(p)
	c1, r1 := len(s.cur), s.rows
	if p == paneCorner || p == paneRows {
		c1 = s.frozenCols
	}
	if p == paneCorner || p == paneHead {
		r1 = s.frozenRows
	}
	return fyne.NewSize(s.x[c1]-s.x[c0], s.y[r1]-s.y[r0])
}

// paneLayout places the spans of one pane: idx are their indices in the sheet.
type paneLayout struct {
	s   *sheet
	p   pane
	idx []int
}

func (l *paneLayout) Layout(objects []fyne.CanvasObject, _ fyne.Size) {
	s := l.s
	if !s.measured {
		s.measure(s.minWidth())
	}
	c0, r0 := s.origin(l.p)
	for k, i := range l.idx {
		if k >= len(objects) {
			break
		}
		sp := s.spans[i]
		r2 := min(sp.Row+sp.RowSpan, s.rows)
		c2 := min(sp.Col+sp.ColSpan, len(s.cur))
		objects[k].Move(fyne.NewPos(s.x[sp.Col]-s.x[c0], s.y[sp.Row]-s.y[r0]))
		objects[k].Resize(fyne.NewSize(s.x[c2]-s.x[sp.Col], s.y[r2]-s.y[sp.Row]))
	}
}

func (l *paneLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	if !l.s.measured {
		l.s.measure(l.s.minWidth())
	}
	return l.s.extent(l.p)
}

// spanLabel is an official label drawn in a bordered box, wrapped at any character
// (Chinese has no spaces to wrap at).
type spanLabel struct {
	widget.BaseWidget
	text   string
	center bool
	size   float32
	fill   color.Color
}

func newSpanLabel(text string, center bool, fill color.Color) *spanLabel {
	l := &spanLabel{text: text, center: center, fill: fill, size: theme.TextSize() - 1}
	l.ExtendBaseWidget(l)
	return l
}

// labelPad is the space left and right of a label's text, labelVPad above and below it.
const (
	labelPad  = 4
	labelVPad = 2
)

// lines wraps the text to width w. A paragraph that needs several lines is split into lines
// of equal length when they fit ("结果/维持" rather than "结果维/持").
func (l *spanLabel) lines(w float32) []string {
	avail := w - 2*labelPad
	fits := func(rs []rune) bool {
		return fyne.MeasureText(string(rs), l.size, fyne.TextStyle{}).Width <= avail
	}
	var out []string
	for _, para := range strings.Split(l.text, "\n") {
		var greedy [][]rune
		var cur []rune
		for _, r := range para {
			next := append(cur, r)
			if len(cur) > 0 && !fits(next) {
				if outline.NoLineStart(r) && len(cur) > 1 {
					// A line must not start with 、，。）: the last character goes down with it.
					greedy = append(greedy, cur[:len(cur)-1])
					cur = []rune{cur[len(cur)-1], r}
					continue
				}
				greedy = append(greedy, cur)
				cur = []rune{r}
				continue
			}
			cur = next
		}
		greedy = append(greedy, cur)
		out = append(out, balance([]rune(para), greedy, fits)...)
	}
	return out
}

// balance re-splits a wrapped paragraph into lines of equal rune counts when they all fit.
func balance(para []rune, greedy [][]rune, fits func([]rune) bool) []string {
	k := len(greedy)
	per := (len(para) + k - 1) / max(k, 1)
	if k > 1 && per > 0 {
		var even []string
		ok := true
		for i := 0; i < len(para); i += per {
			chunk := para[i:min(i+per, len(para))]
			if !fits(chunk) || outline.NoLineStart(chunk[0]) {
				ok = false
				break
			}
			even = append(even, string(chunk))
		}
		if ok && len(even) == k {
			return even
		}
	}
	out := make([]string, k)
	for i, g := range greedy {
		out[i] = string(g)
	}
	return out
}

func (l *spanLabel) lineHeight() float32 {
	return fyne.MeasureText("国", l.size, fyne.TextStyle{}).Height
}

func (l *spanLabel) heightFor(w float32) float32 {
	return float32(len(l.lines(w)))*l.lineHeight() + 2*labelVPad
}

func (l *spanLabel) MinSize() fyne.Size {
	return fyne.NewSize(2*labelPad+l.size, l.lineHeight()+2*labelVPad)
}

func (l *spanLabel) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(l.fill)
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	return &spanLabelRenderer{l: l, bg: bg}
}

type spanLabelRenderer struct {
	l     *spanLabel
	bg    *canvas.Rectangle
	texts []*canvas.Text
	objs  []fyne.CanvasObject
	width float32
}

func (r *spanLabelRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	if size.Width != r.width || r.texts == nil {
		r.width = size.Width
		r.texts = nil
		for _, s := range r.l.lines(size.Width) {
			t := canvas.NewText(s, theme.Color(theme.ColorNameForeground))
			t.TextSize = r.l.size
			r.texts = append(r.texts, t)
		}
		r.objs = []fyne.CanvasObject{r.bg}
		for _, t := range r.texts {
			r.objs = append(r.objs, t)
		}
	}
	lh := r.l.lineHeight()
	top := (size.Height - float32(len(r.texts))*lh) / 2
	for i, t := range r.texts {
		tw := t.MinSize().Width
		x := float32(labelPad)
		if r.l.center {
			x = (size.Width - tw) / 2
		}
		t.Move(fyne.NewPos(x, top+float32(i)*lh))
		t.Resize(fyne.NewSize(tw, lh))
	}
}

func (r *spanLabelRenderer) MinSize() fyne.Size { return r.l.MinSize() }

func (r *spanLabelRenderer) Refresh() {
	r.bg.FillColor = r.l.fill
	r.bg.Refresh()
	for _, t := range r.texts {
		t.Color = theme.Color(theme.ColorNameForeground)
		t.Refresh()
	}
}

func (r *spanLabelRenderer) Objects() []fyne.CanvasObject {
	if r.objs == nil {
		r.Layout(r.l.Size())
	}
	return r.objs
}

func (r *spanLabelRenderer) Destroy() {}

// splitBlock splits text copied from Excel/WPS into rows of cells: rows by newline, cells by
// tab. A trailing newline (Excel always adds one) does not make an empty row.
func splitBlock(text string) [][]string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.TrimSuffix(text, "\n")
	var out [][]string
	for _, line := range strings.Split(text, "\n") {
		out = append(out, strings.Split(line, "\t"))
	}
	return out
}
