package ui

import (
	"math"

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
	base   int
	rows   int
	width  float32
	onGrow func() // called when the entry's height changed
}

func newGrowEntry(rows int) *growEntry {
	e := &growEntry{base: rows, rows: rows}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(rows)
	return e
}

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
