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
	def   *form.CellDef
	span  form.Span
	pos   int // position in tableView.cells (reading order)
	entry *cellEntry
	frame *canvas.Rectangle
	prev  *canvas.Text  // last year's value, small in the cell's corner
	state form.Severity // worst problem the cell is in, "" when none
	bad   bool          // the cell's own text is not a valid value
}

// tableHint is the message line before a cell is focused.
const tableHint = "没有发生的填 0。回车或 Tab 到下一格，↑↓ 上下移动；可从 Excel/WPS 复制整块数字粘贴（Ctrl+V）。"

// tableView is the page of one statistic table (二, 三 or 四): the official grid of
// entries, a message line for the focused cell and the switch for typing totals.
type tableView struct {
	u      *UI
	table  *form.Table
	cells  []*cellView
	byCode map[string]*cellView
	grid   *fyne.Container
	scroll *container.Scroll
	msg    *widget.Label
	last   *widget.Label
	manual *widget.Check
	bubble *fyne.Container // the hint beside a tapped computed total, drawn over the grid
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

func (v *tableView) build() fyne.CanvasObject {
	lay := v.table.Layout()
	colW, valueFrom := columnWidths(lay)
	gl := &gridLayout{spans: lay.Spans, colW: colW, rows: lay.Rows, valueFrom: valueFrom}
	objs := make([]fyne.CanvasObject, len(lay.Spans))
	headerFill := color.NRGBA{R: 0xee, G: 0xf2, B: 0xf7, A: 0xff}
	for i, s := range lay.Spans {
		switch s.Role {
		case form.RoleValue:
			objs[i] = v.newCell(s)
		case form.RoleRow:
			objs[i] = newSpanLabel(s.Text, false, color.Transparent)
		default:
			objs[i] = newSpanLabel(s.Text, true, headerFill)
		}
	}
	v.grid = container.New(gl, objs...)
	v.bubble = newBubble()
	v.scroll = container.NewScroll(container.NewStack(
		container.NewThemeOverride(v.grid, compactTheme{newTheme()}),
		container.NewWithoutLayout(v.bubble)))
	v.msg = widget.NewLabel("")
	v.msg.Wrapping = fyne.TextWrapBreak
	v.last = widget.NewLabel("")
	v.last.Wrapping = fyne.TextWrapBreak
	v.last.SizeName = theme.SizeNameCaptionText
	v.last.Hide()
	v.manual = widget.NewCheck(manualLabel, func(on bool) {
		v.hideBubble()
		if note := v.u.setManualTotals(on); note != "" {
			v.msg.Importance = widget.WarningImportance
			v.msg.SetText(note)
		}
	})
	v.manual.Checked = v.u.manualTotals
	derived := false
	for _, cv := range v.cells {
		derived = derived || cv.def.Derived
	}
	v.msg.SetText(tableHint)
	v.reload()
	v.mark(v.u.states) // the problems found before this page was first shown
	if !derived {
		v.manual.Hide()
		return container.NewBorder(v.last, v.msg, nil, nil, v.scroll)
	}
	// The switch sits above the table, where clerks who find the grey totals read-only look;
	// the last-year note shares its line so that the grid keeps its height.
	v.modeNote = widget.NewLabel("")
	v.modeNote.SizeName = theme.SizeNameCaptionText
	v.showMode()
	top := container.NewBorder(nil, nil, container.NewHBox(v.manual, v.modeNote), nil, v.last)
	return container.NewBorder(top, v.msg, nil, nil, v.scroll)
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

// tappedComputed explains, next to the cell and in the message line, why a computed total
// cannot be typed into. The bubble is drawn over the grid, not in a pop-up, so that it does
// not swallow the user's next click; it goes when another cell is focused.
func (v *tableView) tappedComputed(cv *cellView) {
	v.focus = nil
	v.msg.Importance = widget.WarningImportance
	v.msg.SetText("当前单元格：" + cv.def.Label() + "\n" + computedHint + "。")
	obj := v.cellObject(cv)
	if obj == nil || v.bubble == nil {
		return
	}
	m := v.bubble.MinSize()
	pos := fyne.NewPos(obj.Position().X, obj.Position().Y+obj.Size().Height)
	// Keep the bubble inside the grid.
	if w := v.grid.Size().Width; pos.X+m.Width > w {
		pos.X = max(w-m.Width, 0)
	}
	v.bubble.Move(pos)
	v.bubble.Resize(m)
	v.bubble.Show()
	v.bubble.Refresh()
}

// hideBubble removes the hint drawn by tappedComputed.
func (v *tableView) hideBubble() {
	if v.bubble != nil && v.bubble.Visible() {
		v.bubble.Hide()
	}
}

// newBubble makes the hint shown beside a tapped computed total.
func newBubble() *fyne.Container {
	bg := canvas.NewRectangle(color.NRGBA{R: 0xff, G: 0xf8, B: 0xe1, A: 0xff})
	bg.StrokeColor = colorWarning
	bg.StrokeWidth = 1
	bg.CornerRadius = 4
	text := widget.NewLabel(computedHint)
	text.Importance = widget.WarningImportance
	b := container.NewStack(bg, text)
	b.Hide()
	return b
}

func (v *tableView) newCell(s form.Span) fyne.CanvasObject {
	def, _ := v.u.rep.Format.Cell(s.Code)
	cv := &cellView{code: s.Code, def: def, span: s, pos: len(v.cells), entry: newCellEntry()}
	cv.frame = canvas.NewRectangle(color.Transparent)
	cv.frame.StrokeWidth = 2
	cv.frame.StrokeColor = colorNone
	e := cv.entry
	switch def.Kind {
	case form.Amount:
		e.SetPlaceHolder("万元")
	}
	e.OnChanged = func(text string) { v.u.cellEdited(cv.code, text) }
	e.onFocus = func() { v.hideBubble(); v.focus = cv; v.showMessage(cv) }
	e.onKey = func(k *fyne.KeyEvent) bool { return v.key(cv, k) }
	e.onPaste = func(text string) bool { return v.paste(cv, text) }
	e.onDisabledTap = func() {
		if cv.def.Derived {
			v.tappedComputed(cv)
		}
	}
	v.cells = append(v.cells, cv)
	v.byCode[s.Code] = cv
	border := canvas.NewRectangle(color.Transparent)
	border.StrokeColor = theme.Color(theme.ColorNameSeparator)
	border.StrokeWidth = 1
	cv.prev = canvas.NewText("", colorLast)
	cv.prev.TextSize = theme.CaptionTextSize() - 1
	return container.NewStack(border, e, cv.frame, container.New(cornerLayout{}, cv.prev))
}

// reload shows the model's text in every cell and the derived cells' editability.
func (v *tableView) reload() {
	v.u.loading++
	defer func() { v.u.loading-- }()
	for _, cv := range v.cells {
		c, _ := v.u.rep.Cell(cv.code)
		if cv.entry.Text != c.Text {
			cv.entry.SetText(c.Text)
		}
		if cv.def.Derived && !v.u.manualTotals {
			cv.entry.Disable()
		} else {
			cv.entry.Enable()
		}
	}
	if v.manual != nil && v.manual.Checked != v.u.manualTotals {
		v.manual.SetChecked(v.u.manualTotals)
	}
	v.showMode()
	v.showLast()
}

// setText shows a value computed by the model without treating it as an edit.
func (v *tableView) setText(code string) {
	cv := v.byCode[code]
	if cv == nil {
		return
	}
	c, _ := v.u.rep.Cell(code)
	if cv.entry.Text != c.Text {
		v.u.loading++
		cv.entry.SetText(c.Text)
		v.u.loading--
	}
}

// mark colours each cell's frame by the worst problem it is involved in.
func (v *tableView) mark(states map[string]form.Severity) {
	for _, cv := range v.cells {
		st := states[cv.code]
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
		switch st {
		case form.Error:
			cv.frame.StrokeColor = colorError
		case form.Warning:
			cv.frame.StrokeColor = colorWarning
		default:
			cv.frame.StrokeColor = colorNone
		}
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
		if p.Rule == "H5" {
			continue
		}
		for _, c := range p.Cells {
			if c == cv.code {
				lines = append(lines, string(p.Severity)+"："+p.Message)
				break
			}
		}
	}
	if lv, ok := v.u.lastValue(cv.code); ok {
		lines = append(lines, "上年："+lv)
	}
	v.msg.SetText(strings.Join(lines, "\n"))
}

// showLast lists last year's values that this year's cells are compared with.
func (v *tableView) showLast() {
	if v.last == nil {
		return
	}
	if v.u.last == nil {
		for _, cv := range v.cells {
			if cv.prev.Text != "" {
				cv.prev.Text = ""
				cv.prev.Refresh()
			}
		}
		v.last.Hide()
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
		}
	}
	if n == 0 {
		v.last.Hide()
		return
	}
	v.last.SetText(fmt.Sprintf("已载入 %d 年报告：格内右上角小字为上年数值，本年数据将与之核对。", v.u.last.Meta.Year))
	v.last.Show()
}

// key handles Enter (next cell in reading order) and Up/Down (same column).
func (v *tableView) key(cv *cellView, k *fyne.KeyEvent) bool {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		v.focusNext(cv.pos, 1)
	case fyne.KeyDown:
		v.focusVertical(cv, 1)
	case fyne.KeyUp:
		v.focusVertical(cv, -1)
	default:
		return false
	}
	return true
}

// focusNext moves to the next editable cell in reading order (dir 1) or the previous (-1).
func (v *tableView) focusNext(from, dir int) {
	for i := from + dir; i >= 0 && i < len(v.cells); i += dir {
		if !v.cells[i].entry.Disabled() {
			v.focusCell(v.cells[i])
			return
		}
	}
}

func (v *tableView) focusVertical(cv *cellView, dir int) {
	var best *cellView
	for _, o := range v.cells {
		if o.span.Col != cv.span.Col || o.entry.Disabled() {
			continue
		}
		if d := (o.span.Row - cv.span.Row) * dir; d > 0 && (best == nil || d < (best.span.Row-cv.span.Row)*dir) {
			best = o
		}
	}
	if best != nil {
		v.focusCell(best)
	}
}

// focusCell focuses a cell and scrolls it into view.
func (v *tableView) focusCell(cv *cellView) {
	v.u.win.Canvas().Focus(cv.entry)
	v.focus = cv
	v.showMessage(cv)
	if v.scroll == nil {
		return
	}
	obj := cv.entry.Position()
	parent := v.cellObject(cv)
	if parent != nil {
		obj = parent.Position()
	}
	off := v.scroll.Offset
	size := v.scroll.Size()
	ch := cv.entry.Size().Height
	cw := cv.entry.Size().Width
	if obj.Y < off.Y || obj.Y+ch > off.Y+size.Height {
		off.Y = obj.Y - size.Height/3
	}
	if obj.X < off.X || obj.X+cw > off.X+size.Width {
		off.X = obj.X - 20
	}
	off.X, off.Y = max(off.X, 0), max(off.Y, 0)
	v.scroll.ScrollToOffset(off)
}

func (v *tableView) cellObject(cv *cellView) fyne.CanvasObject {
	if v.grid == nil {
		return nil
	}
	for i, s := range v.table.Layout().Spans {
		if s.Code == cv.code && i < len(v.grid.Objects) {
			return v.grid.Objects[i]
		}
	}
	return nil
}

// focusCode focuses the cell with the given code, if it is on this page.
func (v *tableView) focusCode(code string) bool {
	cv := v.byCode[code]
	if cv == nil {
		return false
	}
	v.focusCell(cv)
	return true
}

// paste spreads a block copied from a spreadsheet over the grid, starting at cv: each line
// goes to the next grid row holding cells, each tab to the next cell to the right. Derived
// cells that are computed are skipped over but keep their column. A single value is left
// to the entry.
func (v *tableView) paste(cv *cellView, text string) bool {
	block := splitBlock(text)
	if len(block) == 1 && len(block[0]) == 1 {
		return false
	}
	rows := v.rowsFrom(cv.span.Row)
	var set []string
	var edits []cellEdit
	dropped := 0
	for ri, line := range block {
		if ri >= len(rows) {
			dropped += len(line)
			continue
		}
		row := rows[ri]
		col := 0
		for _, c := range row {
			if c.span.Col >= cv.span.Col {
				break
			}
			col++
		}
		for vi, val := range line {
			if col >= len(row) {
				dropped += len(line) - vi
				break
			}
			target := row[col]
			col++
			if target.def.Derived && !v.u.manualTotals {
				continue
			}
			edits = append(edits, cellEdit{code: target.code, text: strings.TrimSpace(val)})
			set = append(set, target.code)
		}
	}
	v.u.applyEdits(edits)
	if len(set) > 0 {
		if last := v.byCode[set[len(set)-1]]; last != nil {
			v.focus = last
		}
	}
	msg := fmt.Sprintf("已粘贴 %d 个单元格。", len(set))
	if dropped > 0 {
		msg += fmt.Sprintf("另有 %d 个数值超出表格范围，未粘贴，请检查起始单元格是否正确。", dropped)
	}
	v.msg.SetText(msg)
	return true
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

// cornerLayout puts its objects at their minimum size in the top-right corner.
type cornerLayout struct{}

func (cornerLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		m := o.MinSize()
		o.Resize(m)
		o.Move(fyne.NewPos(size.Width-m.Width-3, 1))
	}
}

func (cornerLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }
