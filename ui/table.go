package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/form"
)

// cellView is one number cell of a table page.
type cellView struct {
	code  string
	idx   int // index in the format's cells (form.Marks)
	def   *form.CellDef
	span  form.Span
	pos   int // position in tableView.cells (reading order)
	entry *numCell
	box   fyne.CanvasObject // the cell as laid out in the grid (border, entry, frame, corner)
	frame *canvas.Rectangle
	prev  *canvas.Text  // last year's value, small in the cell's corner
	state form.Severity // worst problem the cell is in, "" when none
	bad   bool          // the cell's own text is not a valid value
}

// tableHint is the message line before a cell is focused.
const tableHint = "没有发生的填 0。单击后输入即替换，双击或 F2 在格内修改；回车向下、Tab 向右；Ctrl+V 粘贴 Excel/WPS 的整块数字，Ctrl+Z 撤销。"

// tableView is the page of one statistic table (二, 三 or 四): the official grid of cells
// with frozen headings and row labels, a message line for the focused cell and the switch
// for typing totals.
type tableView struct {
	u      *UI
	table  *form.Table
	cells  []*cellView
	byCode map[string]*cellView
	sheet  *sheet
	fv     *frozenView
	scroll *container.Scroll // the numbers' scroll (fv.scroll)
	msg    *widget.Label
	last   *widget.Label
	manual *widget.Check
	bubble *fyne.Container // the hint beside a tapped computed total, drawn over the grid
	// bubbleText is the bubble's text; bubbleHover says the pointer over a total shows it.
	bubbleText  *widget.Label
	bubbleHover bool
	// modeNote says beside the switch whether totals are computed or typed.
	modeNote *widget.Label
	focus    *cellView
}

func newTableView(u *UI, t *form.Table) *tableView {
	return &tableView{u: u, table: t, byCode: map[string]*cellView{}}
}

// columnWidths chooses widths for the grid columns: row-label columns by depth, value
// columns wide enough for a number and a short header. valueFrom is the first value column.
func columnWidths(l *form.Layout) (w []float32, valueFrom int) {
	labelCols := l.LabelCols
	w = make([]float32, l.Cols)
	switch labelCols {
	case 1:
		w[0] = 170
	case 2:
		w[0], w[1] = 120, 150
	case 3:
		w[0], w[1], w[2] = 76, 100, 206
	}
	valueW := float32(120)
	switch n := l.Cols - labelCols; {
	case n > 10:
		valueW = 58
	case n > 4:
		valueW = 68
	}
	for c := labelCols; c < l.Cols; c++ {
		w[c] = valueW
	}
	return w, labelCols
}

// headerFill is the background of the official headings.
var headerFill = color.NRGBA{R: 0xee, G: 0xf2, B: 0xf7, A: 0xff}

func (v *tableView) build() fyne.CanvasObject {
	lay := v.table.Layout()
	colW, valueFrom := columnWidths(lay)
	objs := make([]fyne.CanvasObject, len(lay.Spans))
	for i, s := range lay.Spans {
		switch s.Role {
		case form.RoleValue:
			objs[i] = v.newCell(s)
		case form.RoleRow:
			objs[i] = newSpanLabel(s.Text, false, color.White)
		default:
			objs[i] = newSpanLabel(s.Text, true, headerFill)
		}
	}
	v.sheet = newSheet(lay, colW, valueFrom, len(v.table.Blocks), objs)
	v.bubble, v.bubbleText = newBubble()
	v.fv = newFrozenView(v.sheet, v.bubble)
	v.scroll = v.fv.scroll
	v.msg = widget.NewLabel("")
	v.msg.Wrapping = fyne.TextWrapBreak
	v.last = widget.NewLabel("")
	v.last.Wrapping = fyne.TextWrapBreak
	v.last.SizeName = theme.SizeNameCaptionText
	v.last.Hide()
	v.manual = widget.NewCheck(manualLabel, v.onManual)
	v.manual.Checked = v.u.manualTotals
	derived := false
	for _, cv := range v.cells {
		derived = derived || cv.def.Derived
	}
	v.msg.SetText(tableHint)
	v.reload()
	v.mark(v.u.marks) // the problems found before this page was first shown
	if !derived {
		v.manual.Hide()
		return container.NewBorder(v.last, v.msg, nil, nil, v.fv.root)
	}
	// The switch sits above the table, where clerks who find the grey totals read-only look;
	// the last-year note shares its line so that the grid keeps its height.
	v.modeNote = widget.NewLabel("")
	v.modeNote.SizeName = theme.SizeNameCaptionText
	v.showMode()
	top := container.NewBorder(nil, nil, container.NewHBox(v.manual, v.modeNote), nil, v.last)
	return container.NewBorder(top, v.msg, nil, nil, v.fv.root)
}

// onManual is the switch between computed and typed totals.
func (v *tableView) onManual(on bool) {
	v.hideBubble()
	if note := v.u.setManualTotals(on); note != "" {
		v.msg.Importance = widget.WarningImportance
		v.msg.SetText(note)
	}
}

// showMode says next to the switch how totals are filled now.
func (v *tableView) showMode() {
	if v.modeNote == nil {
		return
	}
	if v.u.manualTotals {
		v.modeNote.SetText("合计格可直接填写，程序核对是否等于分项之和。")
	} else {
		v.modeNote.SetText("灰色的合计格由程序自动计算。")
	}
}

// manualLabel is the switch for typing totals by hand.
const manualLabel = "手动填写合计（照抄已有报表时勾选）"

// computedHint is shown when the user taps a total the program computes.
const computedHint = "合计由程序自动计算；如需照抄已有数字，请勾选「手动填写合计」"

// pendingTotal is the grey text of a computed total whose terms are not all numbers yet: a
// blank is not a zero, so the total waits for its items (form.Report.PendingTotals: B1 names
// the items, not the total, so the cell is not framed 未填).
const pendingTotal = "未填完"

// pendingHint explains a computed total that waits for its items.
const pendingHint = "各分项都填了数字（没有发生的填 0）后，程序才算出这个合计"

// pendingNote is the short hint beside a computed total still waiting for its items: the
// items of its row (a 总计 column) or of its column (the （七）总计 row), as the format
// declares the total.
func pendingNote(d *form.CellDef) string {
	if d.Row != nil && d.Row.Total && (d.Col == nil || !d.Col.Total) {
		return "填完本列各项后自动计算"
	}
	return "填完本行各项后自动计算"
}

// tappedComputed explains, next to the cell and in the message line, why a computed total
// cannot be typed into and, while it waits for its items, that it is computed once they are
// filled. The bubble is drawn over the grid, not in a pop-up, so that it does not swallow the
// user's next click; it goes when another cell is focused.
func (v *tableView) tappedComputed(cv *cellView) {
	v.focus = nil
	v.msg.Importance = widget.WarningImportance
	hint := computedHint + "。"
	if v.pending(cv) {
		hint = pendingNote(cv.def) + "（没有发生的填 0）；如需照抄已有数字，请勾选「手动填写合计」。"
	}
	v.msg.SetText("当前单元格：" + cv.def.Label() + "\n" + hint)
	v.showBubble(cv, false)
}

// pending reports whether a computed total still waits for its items
// (form.Report.PendingTotals, as of the last recheck).
func (v *tableView) pending(cv *cellView) bool {
	return cv.idx >= 0 && cv.idx < len(v.u.pending) && v.u.pending[cv.idx]
}

// showBubble draws the hint of a computed total just below it: 「填完本行各项后自动计算」 while
// it waits for its items, and how to type totals by hand. hover says the pointer called it
// (it goes again when the pointer leaves).
func (v *tableView) showBubble(cv *cellView, hover bool) {
	if v.bubble == nil || v.sheet.paneOf(cv.span) != paneBody {
		return
	}
	text := computedHint
	if v.pending(cv) {
		text = pendingNote(cv.def)
	}
	v.bubbleText.SetText(text)
	v.bubbleHover = hover
	m := v.bubble.MinSize()
	box := cv.box.Position()
	pos := fyne.NewPos(box.X, box.Y+cv.box.Size().Height)
	// Keep the bubble inside the part of the numbers in view: above the cell when there is no
	// room below it, left of the scroll bar.
	off, view := v.scroll.Offset, v.scroll.Size()
	if pos.Y+m.Height > off.Y+view.Height && box.Y-m.Height >= off.Y {
		pos.Y = box.Y - m.Height
	}
	if right := off.X + view.Width - theme.ScrollBarSize(); pos.X+m.Width > right {
		pos.X = max(right-m.Width, off.X)
	}
	v.bubble.Move(pos)
	v.bubble.Resize(m)
	v.bubble.Show()
	v.bubble.Refresh()
}

// hoverComputed shows the bubble of a computed total while the pointer is over it.
func (v *tableView) hoverComputed(cv *cellView, in bool) {
	switch {
	case in && v.pending(cv) && (!v.bubble.Visible() || v.bubbleHover):
		v.showBubble(cv, true)
	case !in && v.bubbleHover:
		v.hideBubble()
	}
}

// hideBubble removes the hint drawn by tappedComputed.
func (v *tableView) hideBubble() {
	if v.bubble != nil && v.bubble.Visible() {
		v.bubble.Hide()
	}
	v.bubbleHover = false
}

// newBubble makes the hint shown beside a tapped computed total, and its text.
func newBubble() (*fyne.Container, *widget.Label) {
	bg := canvas.NewRectangle(color.NRGBA{R: 0xff, G: 0xf8, B: 0xe1, A: 0xff})
	bg.StrokeColor = colorWarning
	bg.StrokeWidth = 1
	bg.CornerRadius = 4
	text := widget.NewLabel(computedHint)
	text.Importance = widget.WarningImportance
	b := container.NewStack(bg, text)
	b.Hide()
	return b, text
}

func (v *tableView) newCell(s form.Span) fyne.CanvasObject {
	def, _ := v.u.rep.Format.Cell(s.Code)
	cv := &cellView{code: s.Code, idx: v.u.rep.Format.Index(s.Code), def: def, span: s, pos: len(v.cells), entry: newNumCell()}
	cv.frame = canvas.NewRectangle(color.Transparent)
	cv.frame.StrokeWidth = 2
	cv.frame.StrokeColor = colorNone
	e := cv.entry
	if def.Kind == form.Amount {
		e.PlaceHolder = "万元"
	}
	e.OnChanged = func(text string) { v.u.cellEdited(cv.code, text) }
	e.onFocus = func() { v.onCellFocus(cv) }
	e.onKey = func(k *fyne.KeyEvent) bool { return v.key(cv, k) }
	e.onPaste = func(text string) bool { return v.paste(cv, text) }
	e.onUndo = v.undo
	e.keepsTab = func() bool { return v.lastEditable() == cv }
	e.onDisabledTap = func() {
		if cv.def.Derived {
			v.tappedComputed(cv)
		}
	}
	e.onDisabledHover = func(in bool) { v.hoverComputed(cv, in) }
	v.cells = append(v.cells, cv)
	v.byCode[s.Code] = cv
	border := canvas.NewRectangle(color.Transparent)
	border.StrokeColor = theme.Color(theme.ColorNameSeparator)
	border.StrokeWidth = 1
	cv.prev = canvas.NewText("", colorLast)
	cv.prev.TextSize = theme.CaptionTextSize() - 2
	cv.box = container.NewStack(e, border, cv.frame, container.New(cornerLayout{}, cv.prev))
	return cv.box
}

// onCellFocus follows the keyboard: the message line explains the cell and the cell scrolls
// into view (Tab moves focus without scrolling).
func (v *tableView) onCellFocus(cv *cellView) {
	v.hideBubble()
	v.focus = cv
	v.showMessage(cv)
	v.reveal(cv)
}

// reload shows the model's text in every cell and the derived cells' editability.
func (v *tableView) reload() {
	v.u.loading++
	defer func() { v.u.loading-- }()
	for _, cv := range v.cells {
		c, _ := v.u.rep.Cell(cv.code)
		if cv.def.Derived && !v.u.manualTotals {
			cv.entry.PlaceHolder = pendingTotal
			cv.entry.Disable()
		} else {
			if cv.def.Derived {
				cv.entry.PlaceHolder = ""
			}
			cv.entry.Enable()
		}
		cv.entry.SetText(c.Text)
	}
	if v.manual != nil && v.manual.Checked != v.u.manualTotals {
		v.manual.SetChecked(v.u.manualTotals)
	}
	v.showMode()
	v.showLast()
}

// setText shows a value computed by the model without treating it as an edit.
func (v *tableView) setText(code string) {
	if cv := v.byCode[code]; cv != nil {
		c, _ := v.u.rep.Cell(code)
		cv.entry.SetText(c.Text)
	}
}

// mark colours each cell's frame by the worst problem naming it (form.Marks, by cell index).
func (v *tableView) mark(marks []form.Severity) {
	for _, cv := range v.cells {
		var st form.Severity
		if cv.idx >= 0 && cv.idx < len(marks) {
			st = marks[cv.idx]
		}
		c, _ := v.u.rep.Cell(cv.code)
		bad := c.Err != nil
		if st == cv.state && bad == cv.bad {
			continue
		}
		cv.state, cv.bad = st, bad
		cv.frame.FillColor = color.Transparent
		if bad {
			cv.frame.FillColor = colorBadFill
		}
		cv.frame.StrokeColor = kindOf(st).frame
		cv.frame.Refresh()
	}
	if v.focus != nil {
		v.showMessage(v.focus)
	}
}

// showMessage explains the focused cell: its name, a bad entry and the problems it is in.
func (v *tableView) showMessage(cv *cellView) {
	if v.msg == nil {
		return
	}
	lines := []string{"当前单元格：" + cv.def.Label()}
	v.msg.Importance = widget.MediumImportance
	if c, _ := v.u.rep.Cell(cv.code); c.Err != nil {
		lines = append(lines, "错误："+c.Err.Error())
		v.msg.Importance = widget.DangerImportance
	}
	for _, p := range v.u.problems {
		if p.Rule == "H5" && !p.Blank {
			continue // the cell's own error, said above
		}
		for _, c := range p.Cells {
			if c != cv.code {
				continue
			}
			msg := p.Message
			if p.Rule == "B1" {
				msg = "本格还没有填写，" + form.BlankHint
			}
			lines = append(lines, fmt.Sprintf("%s %s：%s", p.Severity, p.Rule, msg))
			break
		}
	}
	if why, ok := v.u.imported[cv.code]; ok {
		if c, _ := v.u.rep.Cell(cv.code); c.Blank {
			lines = append(lines, "导入时留空："+why)
		}
	}
	if lv, ok := v.u.lastValue(cv.code); ok {
		lines = append(lines, "上年："+lv)
	}
	// One line where the window is wide enough: the numbers keep the height.
	v.msg.SetText(strings.Join(lines, "　"))
}

// lastValue is last year's figure that a cell follows from (form.LastYearValue).
func (u *UI) lastValue(code string) (string, bool) { return form.LastYearValue(u.rep, u.last, code) }

// showLast lists last year's values that this year's cells are compared with.
func (v *tableView) showLast() {
	if v.last == nil {
		return
	}
	n := 0
	for _, cv := range v.cells {
		text := ""
		if lv, ok := v.u.lastValue(cv.code); ok {
			text = "上年" + lv
			n++
		}
		if cv.prev.Text != text {
			cv.prev.Text = text
			cv.prev.Refresh()
			cv.entry.Reserve = 0
			if text != "" {
				cv.entry.Reserve = cv.prev.MinSize().Width + 2 // the corner's figure stays readable
			}
			cv.entry.Refresh()
		}
	}
	if n == 0 {
		v.last.Hide()
		return
	}
	v.last.SetText(fmt.Sprintf("已载入 %d 年报告：格内左上角小字为上年数值，本年数据将与之核对。", v.u.last.Meta.Year))
	v.last.Show()
}

// key moves between cells as in Excel: Enter and Down to the cell below, Shift+Enter and Up
// to the cell above, Left/Right in the same row (when the cell is not being edited in
// place); Tab follows Fyne's focus order, which is reading order (the next cell right),
// except from the last cell, whence it goes round to the first.
func (v *tableView) key(cv *cellView, k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		// At the foot of a column (or in a table of one row, 四) Enter goes on in reading
		// order, so that it always moves on.
		return v.focusVertical(cv, 1) || v.focusNext(cv.pos, 1)
	case fyne.KeyDown:
		return v.focusVertical(cv, 1)
	case fyne.KeyUp, keyShiftEnter:
		return v.focusVertical(cv, -1)
	case fyne.KeyRight:
		return v.focusHorizontal(cv, 1)
	case fyne.KeyLeft:
		return v.focusHorizontal(cv, -1)
	case fyne.KeyTab:
		// Only the last cell gets Tab (numCell.keepsTab): round to the first cell, not on to
		// the 手动填写合计 switch, where a stray Space would change how totals are filled.
		return v.focusNext(-1, 1)
	}
	return false
}

// lastEditable is the last cell in reading order that can be typed into, nil when none.
func (v *tableView) lastEditable() *cellView {
	for i := len(v.cells) - 1; i >= 0; i-- {
		if !v.cells[i].entry.Disabled() {
			return v.cells[i]
		}
	}
	return nil
}

// focusHorizontal moves to the nearest editable cell of the same grid row in direction dir.
func (v *tableView) focusHorizontal(cv *cellView, dir int) bool {
	var best *cellView
	for _, o := range v.cells {
		if o.span.Row != cv.span.Row || o.entry.Disabled() {
			continue
		}
		if d := (o.span.Col - cv.span.Col) * dir; d > 0 && (best == nil || d < (best.span.Col-cv.span.Col)*dir) {
			best = o
		}
	}
	if best == nil {
		return false
	}
	v.focusCell(best)
	return true
}

// focusNext moves to the next editable cell in reading order (dir 1) or the previous (-1).
func (v *tableView) focusNext(from, dir int) bool {
	for i := from + dir; i >= 0 && i < len(v.cells); i += dir {
		if !v.cells[i].entry.Disabled() {
			v.focusCell(v.cells[i])
			return true
		}
	}
	return false
}

// focusVertical moves to the nearest editable cell above (dir -1) or below (dir 1) whose
// columns overlap the cell's (a merged cell of 二 is below each column it spans).
func (v *tableView) focusVertical(cv *cellView, dir int) bool {
	var best *cellView
	overlap := func(o *cellView) bool {
		return o.span.Col < cv.span.Col+cv.span.ColSpan && cv.span.Col < o.span.Col+o.span.ColSpan
	}
	for _, o := range v.cells {
		if !overlap(o) || o.entry.Disabled() {
			continue
		}
		d := (o.span.Row - cv.span.Row) * dir
		if d <= 0 {
			continue
		}
		if best == nil {
			best = o
			continue
		}
		bd := (best.span.Row - cv.span.Row) * dir
		// The nearest row; in it, the cell that starts nearest the cell's column.
		if d < bd || d == bd && absInt(o.span.Col-cv.span.Col) < absInt(best.span.Col-cv.span.Col) {
			best = o
		}
	}
	if best == nil {
		return false
	}
	v.focusCell(best)
	return true
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// focusCell focuses a cell; focusing scrolls it into view.
func (v *tableView) focusCell(cv *cellView) {
	if v.u.win.Canvas().Focused() == fyne.Focusable(cv.entry) {
		v.onCellFocus(cv)
		return
	}
	v.u.win.Canvas().Focus(cv.entry)
}

// reveal scrolls the numbers so that the cell is in view, below the frozen headings.
func (v *tableView) reveal(cv *cellView) {
	if v.fv == nil || v.sheet.paneOf(cv.span) != paneBody {
		return
	}
	obj, size := cv.box.Position(), v.scroll.Size()
	if size.Height <= 0 {
		return
	}
	off := v.scroll.Offset
	ch, cw := cv.box.Size().Height, cv.box.Size().Width
	if obj.Y < off.Y || obj.Y+ch > off.Y+size.Height {
		off.Y = obj.Y - size.Height/3
	}
	if obj.X < off.X || obj.X+cw > off.X+size.Width {
		off.X = obj.X - 20
	}
	off.X, off.Y = max(off.X, 0), max(off.Y, 0)
	v.fv.scrollTo(off)
}

// focusCode focuses the cell with the given code, if it is on this page and can be typed
// into.
func (v *tableView) focusCode(code string) bool {
	cv := v.byCode[code]
	if cv == nil || cv.entry.Disabled() {
		return false
	}
	v.focusCell(cv)
	return true
}

// focusProblem focuses the first cell of a problem that the clerk can type into. A problem
// naming only computed totals (a total still 未填完) goes to the first blank item the total
// waits for, else to its first item: never to a cell the program computes.
func (v *tableView) focusProblem(p form.Problem) bool {
	for _, c := range p.Cells {
		if v.focusCode(c) {
			return true
		}
	}
	for _, c := range p.Cells {
		if cv := v.itemOf(c, map[string]bool{}); cv != nil {
			v.focusCell(cv)
			return true
		}
	}
	return false
}

// itemOf is the cell to type into for a computed total: its first blank item that can be
// typed into, else its first such item, looking through the totals it is computed from (the
// format's declared equation whose Target the total is).
func (v *tableView) itemOf(code string, seen map[string]bool) *cellView {
	cv := v.byCode[code]
	if cv == nil || seen[code] {
		return nil
	}
	seen[code] = true
	if !cv.entry.Disabled() {
		return cv
	}
	f := v.u.rep.Format
	var first *cellView
	for _, e := range f.Equations {
		if e.Target != cv.idx {
			continue
		}
		for _, i := range e.Right {
			code := f.Cells[i].Code
			item := v.itemOf(code, seen)
			if item == nil {
				continue
			}
			if c, _ := v.u.rep.Cell(item.code); c.Blank {
				return item
			}
			if first == nil {
				first = item
			}
		}
	}
	return first
}

// rowsFrom groups the cells by grid row, starting at row r.
func (v *tableView) rowsFrom(r int) [][]*cellView {
	var out [][]*cellView
	idx := map[int]int{}
	for _, c := range v.cells {
		if c.span.Row < r {
			continue
		}
		i, ok := idx[c.span.Row]
		if !ok {
			i = len(out)
			idx[c.span.Row] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], c)
	}
	return out
}

// cornerLayout puts its objects at their minimum size in the top-left corner, out of the
// way of the right-aligned number.
type cornerLayout struct{}

func (cornerLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Resize(o.MinSize())
		o.Move(fyne.NewPos(2, 0))
	}
}

func (cornerLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }
