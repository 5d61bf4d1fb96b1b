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

// problemKind is how one kind of item of the problems panel, the step list and the cell
// frames looks. The kinds are in order of gravity: a step shows the icon of its gravest kind.
// Cells still to be filled (form.Unfilled) are framed in a quiet colour rather than red.
type problemKind struct {
	severity form.Severity
	// icon marks the kind's rows in lists.
	icon func() fyne.Resource
	// frame colours the frames of the kind's cells.
	frame color.Color
}

var problemKinds = []problemKind{
	{severity: form.Error, frame: colorError,
		icon: func() fyne.Resource { return theme.NewErrorThemedResource(theme.ErrorIcon()) }},
	{severity: form.Warning, frame: colorWarning,
		icon: func() fyne.Resource { return theme.NewWarningThemedResource(theme.WarningIcon()) }},
	{severity: form.Unfilled, frame: colorUnfilled,
		icon: func() fyne.Resource { return theme.NewPrimaryThemedResource(theme.InfoIcon()) }},
}

// kindOf returns the kind of a severity; an unknown or empty severity draws no frame.
func kindOf(s form.Severity) problemKind {
	for _, k := range problemKinds {
		if k.severity == s {
			return k
		}
	}
	return problemKind{frame: colorNone, icon: problemKinds[len(problemKinds)-1].icon}
}

// severityIcon is the icon of a problem's rows.
func severityIcon(s form.Severity) fyne.Resource { return kindOf(s).icon() }

// problemLine is a problem as the panel and 检查与导出 list it: with its rule id, as the
// command line prints it ("[错误 H2] …").
func problemLine(p form.Problem) string {
	return fmt.Sprintf("[%s %s] %s", p.Severity, p.Rule, p.Message)
}

// countsText is the count line of a step (form.Counts): "无问题" only when the step is
// clean; else "错误 1 提醒 2 未填 12" (未填 counts the cells and fields still blank).
func countsText(c form.Counts) string {
	if c.Clean() {
		return "无问题"
	}
	var parts []string
	for _, n := range []struct {
		word string
		n    int
	}{{"错误", c.Errors}, {"提醒", c.Warnings}, {"未填", c.Blanks}} {
		if n.n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", n.word, n.n))
		}
	}
	return strings.Join(parts, " ")
}

// countsSentence is the count for the panel's summary: "错误 2 个，提醒 1 个" and, when
// something is blank, "，未填 12 处".
func countsSentence(c form.Counts) string {
	s := fmt.Sprintf("错误 %d 个，提醒 %d 个", c.Errors, c.Warnings)
	if c.Blanks > 0 {
		s += fmt.Sprintf("，未填 %d 处", c.Blanks)
	}
	return s
}

// countsIcon is the mark of a step: the icon of its gravest kind, a tick only when clean.
func countsIcon(c form.Counts) fyne.Resource {
	switch {
	case c.Errors > 0:
		return kindOf(form.Error).icon()
	case c.Warnings > 0:
		return kindOf(form.Warning).icon()
	case c.Blanks > 0:
		return kindOf(form.Unfilled).icon()
	}
	return theme.NewSuccessThemedResource(theme.ConfirmIcon())
}

// problemsPanel is the list of problems under the page. It collapses to its one summary
// line when there is nothing to show or when the user folds it, so that the tables get the
// height; a click on a problem goes to its cell, a click on the summary to 检查与导出.
type problemsPanel struct {
	u       *UI
	summary *widget.Button
	toggle  *widget.Button
	list    *widget.List
	listBox *fyne.Container
	bar     *fyne.Container
	root    *fyne.Container
	items   []form.Problem
	// folded is the user's choice to keep the list folded even with problems.
	folded bool
	// laidOut is the item count (up to the most rows shown) the panel was last sized for.
	laidOut int
}

// prefFolded remembers whether the user folded the problems list.
const prefFolded = "problems.folded"

func newProblemsPanel(u *UI) *problemsPanel { return &problemsPanel{u: u} }

// build makes the panel; status is drawn at the right end of its summary line.
func (p *problemsPanel) build(status fyne.CanvasObject) fyne.CanvasObject {
	p.folded = p.u.app.Preferences().Bool(prefFolded)
	p.summary = widget.NewButton("", p.onSummary)
	p.summary.Importance = widget.LowImportance
	p.summary.Alignment = widget.ButtonAlignLeading
	p.toggle = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), p.onToggle)
	p.toggle.Importance = widget.LowImportance
	p.list = widget.NewList(
		func() int { return len(p.items) },
		func() fyne.CanvasObject { return newProblemRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.items) {
				q := p.items[i]
				o.(*problemRow).set(severityIcon(q.Severity), problemLine(q))
			}
		})
	p.list.OnSelected = p.onSelect
	p.listBox = container.New(&listHeight{p: p}, p.list)
	p.bar = container.New(barLayout{}, p.toggle, p.summary, status)
	p.root = container.NewBorder(widget.NewSeparator(), p.bar, nil, nil, p.listBox)
	p.show()
	return p.root
}

// set shows the problems of the report.
func (p *problemsPanel) set(ps []form.Problem) {
	p.items = ps
	if p.list == nil {
		return
	}
	p.show()
	p.fitRows(p.list.Size().Width)
	p.list.Refresh()
}

// fitRows gives each problem the height of its lines at the list's width w: one line, or
// two for a message that does not fit in one (problemRow), so that every message is read
// whole.
func (p *problemsPanel) fitRows(w float32) {
	if w <= 0 {
		return
	}
	row := newProblemRow()
	one := row.MinSize().Height
	two := one + fyne.MeasureText("国", row.text.TextSize, fyne.TextStyle{}).Height
	avail := rowTextWidth(w)
	for i, q := range p.items {
		h := one
		if len(rowLines(problemLine(q), row.text.TextSize, avail)) > 1 {
			h = two
		}
		p.list.SetItemHeight(i, h)
	}
}

// expanded reports whether the list is open (there are problems and it is not folded).
func (p *problemsPanel) expanded() bool { return len(p.items) > 0 && !p.folded && !p.hidden() }

// hidden is true on 检查与导出, which lists every problem itself.
func (p *problemsPanel) hidden() bool { return steps[p.u.current].Section == sectionCheck }

func (p *problemsPanel) show() {
	c := form.Totals(p.items)
	p.summary.SetIcon(countsIcon(c))
	switch {
	case len(p.items) == 0:
		p.summary.SetText("未发现问题。")
		p.toggle.Hide()
	case p.hidden():
		p.summary.SetText("问题：" + countsSentence(c) + "，全部列在本页。")
		p.toggle.Hide()
	default:
		p.toggle.Show()
		if p.folded {
			p.summary.SetText("问题：" + countsSentence(c) + "（已收起，点左侧箭头展开；点此查看全部 ›）")
			p.toggle.SetIcon(theme.MenuDropUpIcon())
		} else {
			p.summary.SetText("问题：" + countsSentence(c) + "（点条目定位到格子；点此查看全部 ›）")
			p.toggle.SetIcon(theme.MenuDropDownIcon())
		}
	}
	if hide, n := !p.expanded(), min(len(p.items), 6); hide != p.listBox.Hidden || n != p.laidOut {
		p.listBox.Hidden, p.laidOut = hide, n
		// The container above gives the panel its height: lay it out again.
		if c := p.u.right; c != nil {
			c.Layout.Layout(c.Objects, c.Size())
		}
	}
	p.root.Refresh()
}

// onToggle folds or opens the list and remembers the choice.
func (p *problemsPanel) onToggle() {
	p.folded = !p.folded
	p.u.app.Preferences().SetBool(prefFolded, p.folded)
	p.show()
}

// onSummary goes to 检查与导出, where the full list is.
func (p *problemsPanel) onSummary() {
	if !p.hidden() {
		p.u.showStep(len(steps) - 1)
	}
}

// onSelect goes to the problem's cell.
func (p *problemsPanel) onSelect(i widget.ListItemID) {
	p.list.Unselect(i)
	if i < len(p.items) {
		p.u.gotoProblem(p.items[i])
	}
}

// barLayout lays out the panel's summary line: the fold toggle (when shown) and the summary
// at their natural widths on the left, the status line in all the width that is left, so
// that a background message is shown whole whenever it fits (and cut with "…" only when not).
type barLayout struct{}

func (barLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, o := range objects {
		if !o.Visible() {
			continue
		}
		w := o.MinSize().Width
		if i == len(objects)-1 { // the status line
			w = max(size.Width-x, 0)
		}
		w = min(w, max(size.Width-x, 0))
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + theme.Padding()
	}
}

func (barLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		if o.Visible() {
			m := o.MinSize()
			s = fyne.NewSize(s.Width+m.Width+theme.Padding(), max(s.Height, m.Height))
		}
	}
	return s
}

// panelRows is how many problems the open list shows in a window h pixels high: six at
// 800, four in a lower window (at 1024×700 the tables need the room).
func panelRows(h float32) float32 {
	if h > 0 && h < 780 {
		return 4
	}
	return 6
}

// listHeight gives the problems list the height of its problems, at most panelRows rows.
type listHeight struct {
	p     *problemsPanel
	width float32 // the width the rows' heights were fitted to
}

func (l *listHeight) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.width {
		l.width = size.Width
		l.p.fitRows(size.Width)
	}
	for _, o := range objects {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

func (l *listHeight) MinSize([]fyne.CanvasObject) fyne.Size {
	rows := min(panelRows(l.p.u.win.Canvas().Size().Height), float32(max(len(l.p.items), 1)))
	row := newProblemRow().MinSize().Height + theme.Padding() // the list's gap between rows
	return fyne.NewSize(100, rows*row-theme.Padding())
}

// problemRow is one compact row of the problems panel: a severity icon and the message, on
// one line, or broken into two (wrapText) when it does not fit; only a message longer than
// two lines is cut with an ellipsis. It is lower than a Label row so that more problems show.
type problemRow struct {
	widget.BaseWidget
	icon  *widget.Icon
	text  *canvas.Text
	text2 *canvas.Text // the second line, empty when the message fits in one
	full  string
}

func newProblemRow() *problemRow {
	fg := theme.Color(theme.ColorNameForeground)
	r := &problemRow{icon: widget.NewIcon(theme.ErrorIcon()), text: canvas.NewText("", fg), text2: canvas.NewText("", fg)}
	r.ExtendBaseWidget(r)
	return r
}

// rowTextWidth is the width of a problem row's text in a row w wide.
func rowTextWidth(w float32) float32 { return w - theme.IconInlineSize() - 3*theme.Padding() }

// rowLines is the lines of a problem row's text at width w: one, or two broken as Chinese
// is written (wrapText), the second cut with "…" if the message needs more.
func rowLines(s string, size, w float32) []string {
	if w <= 0 || fyne.MeasureText(s, size, fyne.TextStyle{}).Width <= w {
		return []string{s}
	}
	lines := strings.SplitN(wrapText(s, size, w), "\n", 2)
	if len(lines) == 2 {
		lines[1] = fitText(strings.ReplaceAll(lines[1], "\n", ""), size, w)
	}
	return lines
}

func (r *problemRow) set(icon fyne.Resource, text string) {
	r.icon.SetResource(icon)
	r.full = text
	r.Refresh()
}

// CreateRenderer lays the icon and the text out in one line.
func (r *problemRow) CreateRenderer() fyne.WidgetRenderer {
	return &problemRowRenderer{r: r}
}

type problemRowRenderer struct{ r *problemRow }

func (p *problemRowRenderer) Layout(size fyne.Size) {
	ic := theme.IconInlineSize()
	p.r.icon.Resize(fyne.NewSquareSize(ic))
	p.r.icon.Move(fyne.NewPos(theme.Padding(), (size.Height-ic)/2))
	avail := rowTextWidth(size.Width)
	lines := rowLines(p.r.full, p.r.text.TextSize, avail)
	p.r.text.Text = lines[0]
	p.r.text2.Text = ""
	p.r.text2.Hide()
	if len(lines) > 1 {
		p.r.text2.Text = lines[1]
		p.r.text2.Show()
	}
	th := p.r.text.MinSize().Height
	top := (size.Height - th*float32(len(lines))) / 2
	p.r.text.Resize(fyne.NewSize(avail, th))
	p.r.text.Move(fyne.NewPos(ic+2*theme.Padding(), top))
	p.r.text2.Resize(fyne.NewSize(avail, th))
	p.r.text2.Move(fyne.NewPos(ic+2*theme.Padding(), top+th))
	p.r.text.Refresh()
	p.r.text2.Refresh()
}

func (p *problemRowRenderer) MinSize() fyne.Size {
	h := fyne.MeasureText("国", p.r.text.TextSize, fyne.TextStyle{}).Height
	return fyne.NewSize(theme.IconInlineSize()+100, max(h, theme.IconInlineSize())+2*theme.Padding())
}

func (p *problemRowRenderer) Refresh() {
	p.r.text.Color = theme.Color(theme.ColorNameForeground)
	p.r.text2.Color = p.r.text.Color
	p.Layout(p.r.Size())
	p.r.icon.Refresh()
}

func (p *problemRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{p.r.icon, p.r.text, p.r.text2}
}

func (p *problemRowRenderer) Destroy() {}

// fitText cuts s with "…" so that it is at most w wide.
func fitText(s string, size, w float32) string {
	if fyne.MeasureText(s, size, fyne.TextStyle{}).Width <= w {
		return s
	}
	rs := []rune(s)
	lo, hi := 0, len(rs) // the longest prefix that fits is in [lo, hi)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if fyne.MeasureText(string(rs[:mid])+"…", size, fyne.TextStyle{}).Width <= w {
			lo = mid
		} else {
			hi = mid
		}
	}
	return string(rs[:lo]) + "…"
}
