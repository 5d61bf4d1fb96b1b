package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// frozenView draws a sheet with frozen panes: the corner and the column headings on top, the
// row labels on the left and the numbers in a scroll. The headings follow the numbers
// sideways and the row labels follow them up and down, so that a clerk at row （七） still
// reads 自然人 … 总计 above the column being typed into.
type frozenView struct {
	s        *sheet
	panes    [4]*fyne.Container
	head     *clipPane
	rows     *clipPane
	scroll   *container.Scroll
	body     *fyne.Container // the body pane with the layer drawn over it
	root     *fyne.Container
	objectOf map[int]fyne.CanvasObject
}

// newFrozenView distributes the sheet's objects over the panes; over is drawn above the
// numbers (hints next to a cell), in the body pane's coordinates.
func newFrozenView(s *sheet, over fyne.CanvasObject) *frozenView {
	v := &frozenView{s: s}
	var idx [4][]int
	var objs [4][]fyne.CanvasObject
	for i, sp := range s.spans {
		p := s.paneOf(sp)
		idx[p] = append(idx[p], i)
		objs[p] = append(objs[p], s.objs[i])
	}
	for p := range v.panes {
		v.panes[p] = container.New(&paneLayout{s: s, p: pane(p), idx: idx[p]}, objs[p]...)
	}
	v.body = container.NewStack(v.panes[paneBody], container.NewWithoutLayout(over))
	v.scroll = container.NewScroll(v.body)
	v.scroll.OnScrolled = func(fyne.Position) { v.sync() }
	v.head = newClipPane(v.panes[paneHead], true, v.scroll.Scrolled)
	v.rows = newClipPane(v.panes[paneRows], false, v.scroll.Scrolled)
	v.root = container.New(&frozenLayout{v: v}, v.panes[paneCorner], v.head, v.rows, v.scroll)
	return v
}

// sync moves the headings and row labels with the numbers.
func (v *frozenView) sync() {
	v.head.setOffset(v.scroll.Offset.X)
	v.rows.setOffset(v.scroll.Offset.Y)
}

// scrollTo scrolls the numbers (and the frozen panes with them).
func (v *frozenView) scrollTo(p fyne.Position) {
	v.scroll.ScrollToOffset(p)
	v.sync()
}

// frozenLayout places the four panes: corner, headings, row labels and the scrolling body.
type frozenLayout struct {
	v *frozenView
}

func (l *frozenLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	v, s := l.v, l.v.s
	was := s.width
	fresh := !s.measured
	// The numbers' scroll bar is drawn over their right edge: keep the last column clear.
	s.measure(size.Width - theme.ScrollBarSize())
	left, top := s.x[s.frozenCols], s.y[s.frozenRows]
	place := func(o fyne.CanvasObject, x, y, w, h float32) {
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(max(w, 0), max(h, 0)))
	}
	if fresh || was != s.width {
		for p, c := range v.panes {
			c.Resize(s.extent(pane(p)))
			c.Layout.Layout(c.Objects, c.Size())
		}
		v.scroll.Refresh()
	}
	place(v.panes[paneCorner], 0, 0, left, top)
	place(v.head, left, 0, size.Width-left, top)
	place(v.rows, 0, top, left, size.Height-top)
	place(v.scroll, left, top, size.Width-left, size.Height-top)
	v.sync()
}

// MinSize lets the numbers shrink to a few cells: the page scrolls rather than forcing the
// window larger than a small screen.
func (l *frozenLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	s := l.v.s
	if !s.measured {
		s.measure(s.minWidth())
	}
	left, top := s.x[s.frozenCols], s.y[s.frozenRows]
	body := s.extent(paneBody)
	return fyne.NewSize(left+min(body.Width, 160), top+min(body.Height, 90))
}

// clipPane shows a part of its content, offset along one axis, and clips the rest; the mouse
// wheel over it scrolls the body it follows.
type clipPane struct {
	widget.BaseWidget
	content    fyne.CanvasObject
	horizontal bool
	offset     float32
	wheel      func(*fyne.ScrollEvent)
}

func newClipPane(content fyne.CanvasObject, horizontal bool, wheel func(*fyne.ScrollEvent)) *clipPane {
	p := &clipPane{content: content, horizontal: horizontal, wheel: wheel}
	p.ExtendBaseWidget(p)
	return p
}

func (p *clipPane) setOffset(o float32) {
	if o == p.offset {
		return
	}
	p.offset = o
	p.place(p.Size())
}

func (p *clipPane) place(size fyne.Size) {
	m := p.content.MinSize()
	if p.horizontal {
		p.content.Resize(fyne.NewSize(max(m.Width, size.Width), size.Height))
		p.content.Move(fyne.NewPos(-p.offset, 0))
	} else {
		p.content.Resize(fyne.NewSize(size.Width, max(m.Height, size.Height)))
		p.content.Move(fyne.NewPos(0, -p.offset))
	}
}

// Scrolled passes the wheel on to the body.
func (p *clipPane) Scrolled(ev *fyne.ScrollEvent) {
	if p.wheel != nil {
		p.wheel(ev)
	}
}

// MinSize is nothing: the pane is as large as the frozen layout makes it.
func (p *clipPane) MinSize() fyne.Size { return fyne.Size{} }

// CreateRenderer clips the content to the pane.
func (p *clipPane) CreateRenderer() fyne.WidgetRenderer { return &clipRenderer{p: p} }

type clipRenderer struct{ p *clipPane }

func (r *clipRenderer) Layout(size fyne.Size)        { r.p.place(size) }
func (r *clipRenderer) MinSize() fyne.Size           { return fyne.Size{} }
func (r *clipRenderer) Refresh()                     { r.p.place(r.p.Size()); r.p.content.Refresh() }
func (r *clipRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.p.content} }
func (r *clipRenderer) Destroy()                     {}

// IsClip makes the painter clip the content to the pane.
func (r *clipRenderer) IsClip() {}
