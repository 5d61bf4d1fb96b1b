package ui

import (
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// growEntry is a multi-line entry that grows to show all of its wrapped text, so that a
// long narrative is never cut mid-line by the entry's own scrolling; the page scrolls
// instead. It never gets lower than its base rows.
type growEntry struct {
	widget.Entry
	base    int
	rows    int
	width   float32
	onGrow  func() // called when the entry's height changed
	onFocus func() // called when the entry gets the keyboard focus
}

// FocusGained tells the page (to scroll the entry into view).
func (e *growEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.onFocus != nil {
		e.onFocus()
	}
}

func (e *growEntry) setOnFocus(f func()) { e.onFocus = f }

func newGrowEntry(rows int) *growEntry {
	e := &growEntry{base: rows, rows: rows}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(rows)
	return e
}

// AcceptsTab is false: Tab and Shift+Tab move the focus out of the text, as in a form; a
// tab character would print as a gap in the report.
func (e *growEntry) AcceptsTab() bool { return false }

// TypedKey drops Tab (Ctrl+Tab reaches the entry as a key) and edits otherwise.
func (e *growEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyTab {
		return
	}
	e.Entry.TypedKey(k)
}

// TypedShortcut pastes text without its tab characters (Word and Excel put them between
// columns and as indents).
func (e *growEntry) TypedShortcut(s fyne.Shortcut) {
	if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil {
		if text := p.Clipboard.Content(); strings.ContainsRune(text, '\t') {
			s = &fyne.ShortcutPaste{Clipboard: &textClipboard{text: cleanTabs(text)}}
		}
	}
	e.Entry.TypedShortcut(s)
}

// cleanTabs removes tab characters: between two characters of text a tab becomes nothing
// for Chinese and a space between Latin words.
func cleanTabs(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r != '\t' {
			b.WriteRune(r)
			continue
		}
		if i > 0 && i+1 < len(rs) && latin(rs[i-1]) && latin(rs[i+1]) {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func latin(r rune) bool { return r < 0x80 && r > ' ' }

// textClipboard is a clipboard holding a fixed text.
type textClipboard struct{ text string }

func (c *textClipboard) Content() string     { return c.text }
func (c *textClipboard) SetContent(s string) { c.text = s }

// setOnChanged sets the change handler; the entry refits its height first.
func (e *growEntry) setOnChanged(f func(string)) {
	e.OnChanged = func(s string) {
		e.fit()
		f(s)
	}
}

// Resize refits the height when the width changes (the text wraps differently).
func (e *growEntry) Resize(s fyne.Size) {
	e.Entry.Resize(s)
	if s.Width != e.width {
		e.width = s.Width
		e.fit()
	}
}

// fit sets the visible rows to the wrapped text's lines plus one for the line being typed.
func (e *growEntry) fit() {
	if e.width <= 0 {
		return
	}
	rows := max(wrappedRows(e.Text, e.width), e.base)
	if rows == e.rows {
		return
	}
	e.rows = rows
	e.SetMinRowsVisible(rows)
	if e.onGrow != nil {
		e.onGrow()
	}
}

// wrappedRows is how many rows an entry of width w needs to show text without scrolling:
// the lines Fyne's own rich text wraps it into at that width, plus one.
func wrappedRows(text string, w float32) int {
	if text == "" {
		return 1
	}
	pad, border := theme.InnerPadding(), theme.InputBorderSize()
	rt := widget.NewRichTextWithText(text)
	rt.Wrapping = fyne.TextWrapWord
	rt.Resize(fyne.NewSize(w-2*border, 1))
	h := rt.MinSize().Height - 2*pad
	line := fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{}).Height
	return int(math.Ceil(float64(h/line))) + 1
}

// wheelTo puts an entry under a layer that passes the mouse wheel to the page's scroll: an
// entry scrolls itself (a multi-line one up and down, a single-line one sideways), so over a
// text box or field the wheel would not move the page (growEntry is as high as its text, its
// own scroll has nowhere to go). Clicks, drags and the pointer still reach the entry.
func wheelTo(scroll *container.Scroll, e fyne.CanvasObject) fyne.CanvasObject {
	return container.NewStack(e, newWheelRelay(scroll))
}

// focusTeller is a field that says when it gets the keyboard focus.
type focusTeller interface {
	fyne.CanvasObject
	setOnFocus(func())
}

// inPage makes a field part of a scrolling page: the wheel over it scrolls the page
// (wheelTo), and when the field gets the focus (Tab, a click, a problem's 定位) the page
// scrolls so that the field is in view.
func inPage(scroll *container.Scroll, e focusTeller) fyne.CanvasObject {
	e.setOnFocus(func() { scrollToShow(scroll, e) })
	return wheelTo(scroll, e)
}

// scrollToShow scrolls a page the least that brings obj (in its content) into view; an
// object higher than the page shows its top.
func scrollToShow(scroll *container.Scroll, obj fyne.CanvasObject) {
	a := fyne.CurrentApp()
	if a == nil || scroll.Content == nil || scroll.Size().Height <= 0 {
		return
	}
	d := a.Driver()
	top := d.AbsolutePositionForObject(obj).Y - d.AbsolutePositionForObject(scroll.Content).Y
	bottom, h := top+obj.Size().Height, scroll.Size().Height
	off := scroll.Offset.Y
	switch {
	case top < off:
		off = top
	case bottom > off+h:
		off = min(top, bottom-h)
	default:
		return
	}
	scroll.ScrollToOffset(fyne.NewPos(scroll.Offset.X, max(off, 0)))
}

// pageEntry is a single-line field of a page that says when it gets the focus.
type pageEntry struct {
	widget.Entry
	onFocus func()
}

func newPageEntry() *pageEntry {
	e := &pageEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// FocusGained tells the page (to scroll the field into view).
func (e *pageEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.onFocus != nil {
		e.onFocus()
	}
}

func (e *pageEntry) setOnFocus(f func()) { e.onFocus = f }

// wheelRelay is a transparent object that hands wheel events to a scroll.
type wheelRelay struct {
	widget.BaseWidget
	to *container.Scroll
}

func newWheelRelay(to *container.Scroll) *wheelRelay {
	r := &wheelRelay{to: to}
	r.ExtendBaseWidget(r)
	return r
}

// Scrolled scrolls the page.
func (r *wheelRelay) Scrolled(ev *fyne.ScrollEvent) { r.to.Scrolled(ev) }

// MinSize is nothing: the relay covers what it is stacked on.
func (r *wheelRelay) MinSize() fyne.Size { return fyne.Size{} }

// CreateRenderer draws nothing.
func (r *wheelRelay) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// growInScroll makes a page scroll follow its growing entries: the scroll lays out again and,
// when the entry being typed in grew past the bottom, scrolls so that its end shows.
func growInScroll(scroll *container.Scroll, entries ...*growEntry) {
	for _, e := range entries {
		e := e
		e.onGrow = func() {
			scroll.Refresh()
			c := fyne.CurrentApp()
			if c == nil || scroll.Content == nil {
				return
			}
			win := c.Driver().CanvasForObject(e)
			if win == nil || win.Focused() != e {
				return
			}
			d := c.Driver()
			top := d.AbsolutePositionForObject(e).Y - d.AbsolutePositionForObject(scroll.Content).Y
			bottom := top + e.MinSize().Height
			if bottom > scroll.Offset.Y+scroll.Size().Height {
				scroll.ScrollToOffset(fyne.NewPos(scroll.Offset.X, bottom-scroll.Size().Height))
			}
		}
	}
}
