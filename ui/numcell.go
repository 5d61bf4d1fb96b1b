package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// numCell is one number cell of a table, edited like a spreadsheet cell: its text is
// right-aligned; reached by a click, Tab, Enter or an arrow key the cell is selected and
// typing replaces its content (Excel's "enter mode", in which the arrow keys still move
// between cells); a double click or F2 edits in place with a cursor and no selection (the
// arrow keys move the cursor); Esc undoes the edit; Delete empties a selected cell.
type numCell struct {
	widget.DisableableWidget

	// Text is what the cell holds, exactly as typed.
	Text string
	// PlaceHolder is shown grey when Text is empty ("万元"), when it fits beside what the
	// cell's left Reserve pixels hold (last year's figure in the corner); else not at all.
	PlaceHolder string
	Reserve     float32
	// OnChanged is called after every change of Text made by the user.
	OnChanged func(string)

	// onKey handles the keys that move between cells; it returns false to leave the key to
	// the cell. It is asked for Enter, Up and Down always and for Left and Right unless the
	// cell is being edited in place. Shift+Enter reaches it as keyShiftEnter.
	onKey func(*fyne.KeyEvent) bool
	// onPaste is offered a pasted text first; it returns true when it spread a block.
	onPaste func(string) bool
	// onUndo is Ctrl+Z: the table undoes its last paste or cell edit.
	onUndo func()
	// keepsTab reports whether Tab (without Shift) is the table's to handle in this cell
	// rather than Fyne's focus order: in the last cell, so that Tab goes round to the first
	// instead of to the switch above the table. It reaches onKey as fyne.KeyTab.
	keepsTab func() bool
	// onFocus is called when the cell gets the keyboard focus.
	onFocus func()
	// onDisabledTap is called when the cell is tapped while it cannot be edited.
	onDisabledTap func()
	// onDisabledHover is called when the pointer enters (true) or leaves (false) the cell
	// while it cannot be edited.
	onDisabledHover func(in bool)

	focused bool
	editing bool // editing in place (F2 or a double click): Left and Right move the cursor
	all     bool // the whole text is selected: the next character replaces it
	cursor  int  // cursor position in runes
	pressed bool // MouseDown selected the content; the Tapped that follows leaves it
	before  string
}

func newNumCell() *numCell {
	c := &numCell{}
	c.ExtendBaseWidget(c)
	return c
}

// SetText replaces the text without calling OnChanged (the program showing a value).
func (c *numCell) SetText(s string) {
	if s == c.Text {
		return
	}
	c.Text = s
	c.cursor = len([]rune(s))
	c.Refresh()
}

// Selected reports whether the whole content is selected (typing replaces it).
func (c *numCell) Selected() bool { return c.focused && c.all }

// Editing reports whether the cell is being edited in place with a cursor.
func (c *numCell) Editing() bool { return c.focused && c.editing }

func (c *numCell) set(s string, cursor int) {
	c.Text, c.cursor = s, cursor
	c.Refresh()
	if c.OnChanged != nil {
		c.OnChanged(s)
	}
}

// FocusGained selects the whole content, so that typing replaces it.
func (c *numCell) FocusGained() {
	c.focused, c.editing, c.all = true, false, true
	c.before = c.Text
	c.cursor = len([]rune(c.Text))
	c.Refresh()
	if c.onFocus != nil {
		c.onFocus()
	}
}

// FocusLost ends editing; the text stays as typed.
func (c *numCell) FocusLost() {
	c.focused, c.editing, c.all, c.pressed = false, false, false, false
	c.Refresh()
}

// MouseDown selects the cell's content as soon as the button goes down (focusing it when
// it is not focused), so that what is typed right after a click replaces the content and
// goes into this cell: Fyne delays Tapped until it knows the click is not a double click. A
// cell being edited in place keeps its edit (Tapped moves the cursor).
func (c *numCell) MouseDown(*desktop.MouseEvent) {
	c.pressed = false
	switch {
	case c.Disabled():
	case !c.focused:
		c.requestFocus()
		c.pressed = true
	case !c.editing:
		c.selectAll()
		c.pressed = true
	}
}

// MouseIn tells the table that the pointer is over a cell that cannot be edited (a computed
// total shows its hint, like a tooltip).
func (c *numCell) MouseIn(*desktop.MouseEvent) {
	if c.Disabled() && c.onDisabledHover != nil {
		c.onDisabledHover(true)
	}
}

// MouseMoved does nothing.
func (c *numCell) MouseMoved(*desktop.MouseEvent) {}

// MouseOut ends what MouseIn started.
func (c *numCell) MouseOut() {
	if c.onDisabledHover != nil {
		c.onDisabledHover(false)
	}
}

// MouseUp does nothing; Tapped or DoubleTapped follows.
func (c *numCell) MouseUp(*desktop.MouseEvent) {}

// Tapped selects the cell's content, as a click in Excel does: typing replaces it. A click
// into a cell being edited in place (after F2 or a double click) moves the cursor instead.
func (c *numCell) Tapped(ev *fyne.PointEvent) {
	if c.Disabled() {
		if c.onDisabledTap != nil {
			c.onDisabledTap()
		}
		return
	}
	if c.pressed { // MouseDown did it; what was typed since stays
		c.pressed = false
		return
	}
	c.requestFocus()
	if c.editing {
		c.all = false
		c.cursor = c.runeAt(ev.Position.X)
		c.Refresh()
		return
	}
	c.selectAll()
}

// selectAll selects the whole content and ends the edit of this visit: typing replaces the
// content and Esc goes back to it.
func (c *numCell) selectAll() {
	c.editing, c.all = false, true
	c.before = c.Text
	c.cursor = len([]rune(c.Text))
	c.Refresh()
}

// DoubleTapped edits in place with the cursor where the user clicked and nothing selected.
func (c *numCell) DoubleTapped(ev *fyne.PointEvent) {
	if c.Disabled() {
		return
	}
	c.requestFocus()
	c.pressed = false
	c.editing, c.all = true, false
	c.cursor = c.runeAt(ev.Position.X)
	c.Refresh()
}

func (c *numCell) requestFocus() {
	if c.focused {
		return
	}
	if d := fyne.CurrentApp(); d != nil {
		if cv := d.Driver().CanvasForObject(c); cv != nil {
			cv.Focus(c)
			return
		}
	}
	c.FocusGained()
}

// TypedRune inserts a character, replacing the content when it is selected.
func (c *numCell) TypedRune(r rune) {
	if c.Disabled() {
		return
	}
	if c.all {
		c.all = false
		c.set(string(r), 1)
		return
	}
	rs := []rune(c.Text)
	at := min(max(c.cursor, 0), len(rs))
	out := append(append(append([]rune{}, rs[:at]...), r), rs[at:]...)
	c.set(string(out), at+1)
}

// TypedKey edits, moves the cursor or leaves the key to the table to move between cells.
func (c *numCell) TypedKey(k *fyne.KeyEvent) {
	if c.Disabled() {
		return
	}
	rs := []rune(c.Text)
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if shiftHeld() {
			k = &fyne.KeyEvent{Name: keyShiftEnter, Physical: k.Physical}
		}
		c.leave(k)
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyTab:
		c.leave(k)
	case fyne.KeyLeft, fyne.KeyRight:
		if !c.editing {
			c.leave(k)
			return
		}
		if c.all {
			c.all = false
			if k.Name == fyne.KeyLeft {
				c.cursor = 0
			} else {
				c.cursor = len(rs)
			}
		} else if k.Name == fyne.KeyLeft {
			c.cursor = max(c.cursor-1, 0)
		} else {
			c.cursor = min(c.cursor+1, len(rs))
		}
		c.Refresh()
	case fyne.KeyHome:
		c.all, c.cursor = false, 0
		c.Refresh()
	case fyne.KeyEnd:
		c.all, c.cursor = false, len(rs)
		c.Refresh()
	case fyne.KeyF2:
		c.editing, c.all, c.cursor = true, false, len(rs)
		c.Refresh()
	case fyne.KeyEscape:
		if c.Text != c.before {
			c.set(c.before, len([]rune(c.before)))
		}
		c.editing, c.all = false, true
		c.Refresh()
	case fyne.KeyBackspace:
		switch {
		case c.all:
			c.all = false
			c.set("", 0)
		case c.cursor > 0:
			at := min(c.cursor, len(rs))
			c.set(string(append(append([]rune{}, rs[:at-1]...), rs[at:]...)), at-1)
		}
	case fyne.KeyDelete:
		switch {
		case c.all || !c.editing:
			c.all = false
			c.set("", 0)
		case c.cursor < len(rs):
			c.set(string(append(append([]rune{}, rs[:c.cursor]...), rs[c.cursor+1:]...)), c.cursor)
		}
	}
}

// AcceptsTab makes Fyne pass Tab to the cell (fyne.Tabbable) when keepsTab says the table
// handles it; Shift+Tab always follows Fyne's focus order.
func (c *numCell) AcceptsTab() bool {
	return c.keepsTab != nil && !c.Disabled() && c.keepsTab() && !shiftHeld()
}

// keyShiftEnter is the name under which onKey gets Shift+Enter (Fyne passes Enter without
// its modifiers).
const keyShiftEnter fyne.KeyName = "Shift+Return"

// shiftHeld reports whether a Shift key is down (tests replace it: their driver has no
// keyboard).
var shiftHeld = func() bool {
	if a := fyne.CurrentApp(); a != nil {
		if d, ok := a.Driver().(desktop.Driver); ok {
			return d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
		}
	}
	return false
}

// leave offers a navigation key to the table; the edit is finished either way.
func (c *numCell) leave(k *fyne.KeyEvent) {
	if c.onKey != nil && c.onKey(k) {
		return
	}
	c.editing, c.all = false, true
	c.before = c.Text
	c.Refresh()
}

// TypedShortcut handles copy, cut, paste, select-all and undo.
func (c *numCell) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *fyne.ShortcutUndo:
		if c.onUndo != nil {
			c.onUndo()
		}
	case *fyne.ShortcutPaste:
		if c.Disabled() || sc.Clipboard == nil {
			return
		}
		text := sc.Clipboard.Content()
		if c.onPaste != nil && c.onPaste(text) {
			return
		}
		for _, r := range trimLineEnd(text) {
			c.TypedRune(r)
		}
	case *fyne.ShortcutCopy:
		if sc.Clipboard != nil {
			sc.Clipboard.SetContent(c.Text)
		}
	case *fyne.ShortcutCut:
		if sc.Clipboard != nil && !c.Disabled() {
			sc.Clipboard.SetContent(c.Text)
			c.all = false
			c.set("", 0)
		}
	case *fyne.ShortcutSelectAll:
		c.all = true
		c.Refresh()
	}
}

// trimLineEnd drops the newline a spreadsheet adds after a copied cell.
func trimLineEnd(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == '\r') {
		s = s[:len(s)-1]
	}
	return s
}

// Cursor shows the text cursor over an editable cell.
func (c *numCell) Cursor() desktop.Cursor {
	if c.Disabled() {
		return desktop.DefaultCursor
	}
	return desktop.TextCursor
}

// numCellPad is the space between the cell's border and its text.
const numCellPad = 4

func (c *numCell) textSize() float32 { return theme.TextSize() - 1 }

// runeAt is the cursor position nearest to x in the right-aligned text.
func (c *numCell) runeAt(x float32) int {
	rs := []rune(c.Text)
	size := c.textSize()
	w := fyne.MeasureText(c.Text, size, fyne.TextStyle{}).Width
	left := c.Size().Width - numCellPad - w
	best, bestD := len(rs), float32(1e9)
	for i := 0; i <= len(rs); i++ {
		px := left + fyne.MeasureText(string(rs[:i]), size, fyne.TextStyle{}).Width
		if d := abs32(px - x); d < bestD {
			best, bestD = i, d
		}
	}
	return best
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

// MinSize is one line of text with a little padding: lower than a form entry.
func (c *numCell) MinSize() fyne.Size {
	c.ExtendBaseWidget(c)
	return c.BaseWidget.MinSize()
}

// CreateRenderer draws the background, the selection, the text and the cursor.
func (c *numCell) CreateRenderer() fyne.WidgetRenderer {
	r := &numCellRenderer{c: c,
		bg:     canvas.NewRectangle(color.Transparent),
		sel:    canvas.NewRectangle(theme.Color(theme.ColorNameSelection)),
		text:   canvas.NewText("", theme.Color(theme.ColorNameForeground)),
		caret:  canvas.NewRectangle(theme.Color(theme.ColorNamePrimary)),
		border: canvas.NewRectangle(color.Transparent),
	}
	r.border.StrokeWidth = 2
	r.objs = []fyne.CanvasObject{r.bg, r.sel, r.text, r.caret, r.border}
	r.Refresh()
	return r
}

type numCellRenderer struct {
	c                      *numCell
	bg, sel, caret, border *canvas.Rectangle
	text                   *canvas.Text
	objs                   []fyne.CanvasObject
	cut                    int // runes of Text cut off the start of the shown text
}

// colorComputed fills computed totals, so that they read as not typed into.
var colorComputed = color.NRGBA{R: 0xf2, G: 0xf2, B: 0xf2, A: 0xff}

func (r *numCellRenderer) Layout(size fyne.Size) {
	c := r.c
	r.bg.Resize(size)
	r.border.Resize(size)
	ts := r.text.MinSize()
	y := (size.Height - ts.Height) / 2
	x := size.Width - numCellPad - ts.Width
	r.text.Move(fyne.NewPos(x, y))
	r.text.Resize(ts)
	r.sel.Hide()
	r.caret.Hide()
	if !c.focused || c.Disabled() {
		return
	}
	if c.all && c.Text != "" {
		r.sel.Move(fyne.NewPos(x-1, y))
		r.sel.Resize(fyne.NewSize(ts.Width+2, ts.Height))
		r.sel.Show()
	}
	if c.editing && !c.all {
		shown := []rune(r.text.Text)
		at := min(max(c.cursor-r.cut, 0), len([]rune(c.Text))-r.cut)
		if r.cut > 0 {
			at++ // the "…"
		}
		at = min(at, len(shown))
		cx := x + fyne.MeasureText(string(shown[:at]), r.text.TextSize, fyne.TextStyle{}).Width
		r.caret.Move(fyne.NewPos(cx, y))
		r.caret.Resize(fyne.NewSize(1.5, ts.Height))
		r.caret.Show()
	}
}

func (r *numCellRenderer) MinSize() fyne.Size {
	h := fyne.MeasureText("国0", r.c.textSize(), fyne.TextStyle{}).Height
	return fyne.NewSize(2*numCellPad+r.c.textSize(), h+2*2)
}

func (r *numCellRenderer) Refresh() {
	c := r.c
	r.text.TextSize = c.textSize()
	avail := c.Size().Width - 2*numCellPad
	switch {
	case c.Text == "" && !c.focused:
		r.text.Text, r.cut = c.PlaceHolder, 0
		if fyne.MeasureText(c.PlaceHolder, r.text.TextSize, fyne.TextStyle{}).Width > avail-c.Reserve {
			r.text.Text = ""
		}
		r.text.Color = theme.Color(theme.ColorNamePlaceHolder)
	case c.Disabled():
		r.text.Text, r.cut = fitLeft(c.Text, r.text.TextSize, avail)
		r.text.Color = theme.Color(theme.ColorNameDisabled)
	default:
		r.text.Text, r.cut = fitLeft(c.Text, r.text.TextSize, avail)
		r.text.Color = theme.Color(theme.ColorNameForeground)
	}
	r.bg.FillColor = color.White
	if c.Disabled() {
		r.bg.FillColor = colorComputed
	}
	r.border.StrokeColor = color.Transparent
	if c.focused {
		r.border.StrokeColor = colorFocus
	}
	r.sel.FillColor = theme.Color(theme.ColorNameSelection)
	r.caret.FillColor = theme.Color(theme.ColorNameForeground)
	r.Layout(c.Size())
	canvas.Refresh(c)
}

func (r *numCellRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *numCellRenderer) Destroy() {}

// fitLeft cuts the start of s with "…" so that it is at most w wide: a long entry shows its
// end, where the cursor usually is. (A cell is not a clip region: nested clips would let the
// cell escape the scroll it is in.)
func fitLeft(s string, size, w float32) (shown string, cut int) {
	if w <= 0 || fyne.MeasureText(s, size, fyne.TextStyle{}).Width <= w {
		return s, 0
	}
	rs := []rune(s)
	for cut = 1; cut < len(rs); cut++ {
		if fyne.MeasureText("…"+string(rs[cut:]), size, fyne.TextStyle{}).Width <= w {
			break
		}
	}
	return "…" + string(rs[cut:]), cut
}
