package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/form"
)

// gridLayout places one object per form.Span of an official table on a grid of fixed column
// widths; row heights grow to fit wrapped labels. objects[i] belongs to spans[i].
type gridLayout struct {
	spans []form.Span
	colW  []float32
	rows  int
	// valueFrom is the first value column: when the grid is given more width than it needs,
	// the value columns share the extra (up to maxValueW each) so that short headers such
	// as 结果维持 do not wrap.
	valueFrom int
	cur       []float32 // the widths in use: colW, stretched by Layout
}

// maxValueW caps how wide a stretched value column gets.
const maxValueW = 130

// heighter is an object whose height depends on the width it is given (a wrapped label).
type heighter interface {
	heightFor(w float32) float32
}

func (l *gridLayout) width(s form.Span) float32 {
	cols := l.colW
	if l.cur != nil {
		cols = l.cur
	}
	w := float32(0)
	for c := s.Col; c < s.Col+s.ColSpan && c < len(cols); c++ {
		w += cols[c]
	}
	return w
}

// stretch returns the column widths for a grid given width total.
func (l *gridLayout) stretch(total float32) []float32 {
	out := append([]float32(nil), l.colW...)
	var sum float32
	for _, w := range out {
		sum += w
	}
	n := len(out) - l.valueFrom
	if extra := total - sum; extra > 1 && n > 0 {
		add := extra / float32(n)
		for c := l.valueFrom; c < len(out); c++ {
			out[c] = max(out[c], min(out[c]+add, maxValueW))
		}
	}
	return out
}

// rowHeights computes each grid row's height: single-row spans first, then spans over
// several rows stretch their last row when they need more room.
func (l *gridLayout) rowHeights(objects []fyne.CanvasObject) []float32 {
	h := make([]float32, l.rows)
	need := func(i int) float32 {
		if hh, ok := objects[i].(heighter); ok {
			return hh.heightFor(l.width(l.spans[i]))
		}
		return objects[i].MinSize().Height
	}
	for i, s := range l.spans {
		if i >= len(objects) || s.RowSpan != 1 || s.Row >= l.rows {
			continue
		}
		if n := need(i); n > h[s.Row] {
			h[s.Row] = n
		}
	}
	for i, s := range l.spans {
		if i >= len(objects) || s.RowSpan <= 1 {
			continue
		}
		var have float32
		last := min(s.Row+s.RowSpan, l.rows) - 1
		for r := s.Row; r <= last; r++ {
			have += h[r]
		}
		if n := need(i); n > have {
			h[last] += n - have
		}
	}
	return h
}

func (l *gridLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.cur = l.stretch(size.Width)
	defer func() { l.cur = nil }()
	h := l.rowHeights(objects)
	y := make([]float32, l.rows+1)
	for r := 0; r < l.rows; r++ {
		y[r+1] = y[r] + h[r]
	}
	x := make([]float32, len(l.cur)+1)
	for c, w := range l.cur {
		x[c+1] = x[c] + w
	}
	for i, s := range l.spans {
		if i >= len(objects) {
			break
		}
		r2 := min(s.Row+s.RowSpan, l.rows)
		c2 := min(s.Col+s.ColSpan, len(l.colW))
		objects[i].Move(fyne.NewPos(x[s.Col], y[s.Row]))
		objects[i].Resize(fyne.NewSize(x[c2]-x[s.Col], y[r2]-y[s.Row]))
	}
}

func (l *gridLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, hh float32
	for _, c := range l.colW {
		w += c
	}
	for _, r := range l.rowHeights(objects) {
		hh += r
	}
	return fyne.NewSize(w, hh)
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

const labelPad = 4

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
			if !fits(chunk) {
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
	return float32(len(l.lines(w)))*l.lineHeight() + 2*labelPad
}

func (l *spanLabel) MinSize() fyne.Size {
	return fyne.NewSize(2*labelPad+l.size, l.lineHeight()+2*labelPad)
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

// cellEntry is the entry of one number cell: Enter and the arrow keys move between cells,
// and a pasted block of tab- and newline-separated values fills the grid.
type cellEntry struct {
	widget.Entry
	onKey   func(*fyne.KeyEvent) bool
	onPaste func(string) bool
	onFocus func()
	// onDisabledTap is called when the user taps the cell while it cannot be edited.
	onDisabledTap func()
}

// Tapped tells the table that a read-only cell was tapped (a computed total).
func (e *cellEntry) Tapped(ev *fyne.PointEvent) {
	if e.Disabled() {
		if e.onDisabledTap != nil {
			e.onDisabledTap()
		}
		return
	}
	e.Entry.Tapped(ev)
}

func newCellEntry() *cellEntry {
	e := &cellEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey moves to another cell on Enter, Up and Down, and otherwise edits.
func (e *cellEntry) TypedKey(k *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(k) {
		return
	}
	e.Entry.TypedKey(k)
}

// TypedShortcut spreads a pasted block over the grid; other shortcuts edit as usual.
func (e *cellEntry) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok && e.onPaste != nil && p.Clipboard != nil {
		if e.onPaste(p.Clipboard.Content()) {
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// FocusGained tells the table which cell the user is on.
func (e *cellEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.onFocus != nil {
		e.onFocus()
	}
}

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
