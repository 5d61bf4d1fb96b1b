// Package ui is the desktop wizard of 年报助手: a step list (基本信息, 一 … 六, 检查与导出),
// a page per step, live checking through form.Check and a problems panel that jumps to the
// cell. It holds no business rules: everything is asked of package form.
//
// The package needs no cgo; cmd/nianbao creates the Fyne app and window and calls New.
package ui

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/form"
)

// AppName is the application's name, shown in the window title.
const AppName = "年报助手"

// stepView is the page of one step. Pages are built once per report and kept, so that
// entries keep focus and scroll position when the user moves between steps.
type stepView interface {
	build() fyne.CanvasObject
	reload()
	focusCode(code string) bool
}

// step is one entry of the wizard's registry.
type step struct {
	// Title is the short name in the step list.
	Title string
	// Section is the report section (1…6) the step edits; 0 for 基本信息, 7 for 检查与导出.
	Section int
	// View makes the step's page.
	View func(u *UI) stepView
}

// steps is the wizard in order.
var steps = []step{
	{Title: "基本信息", Section: 0, View: func(u *UI) stepView { return newMetaView(u) }},
	{Title: "一 总体情况", Section: 1, View: func(u *UI) stepView { return newOverviewView(u) }},
	{Title: "二 主动公开", Section: 2, View: func(u *UI) stepView { return newTableView(u, u.rep.Format.Table("active")) }},
	{Title: "三 依申请公开", Section: 3, View: func(u *UI) stepView { return newTableView(u, u.rep.Format.Table("apply")) }},
	{Title: "四 复议诉讼", Section: 4, View: func(u *UI) stepView { return newTableView(u, u.rep.Format.Table("review")) }},
	{Title: "五 问题及改进", Section: 5, View: func(u *UI) stepView { return newTextView(u, 5) }},
	{Title: "六 其他事项", Section: 6, View: func(u *UI) stepView { return newTextView(u, 6) }},
	{Title: "检查与导出", Section: 7, View: func(u *UI) stepView { return newCheckView(u) }},
}

// UI is the running wizard for one window.
type UI struct {
	app fyne.App
	win fyne.Window

	rep      *form.Report
	last     *form.Report
	path     string // the draft file, "" until saved
	dirty    bool
	problems []form.Problem
	states   map[string]form.Severity

	manualTotals bool
	loading      int // >0 while the UI itself writes into entries

	current int
	views   []stepView
	pages   []fyne.CanvasObject

	stepList  *widget.List
	probList  *widget.List
	probTitle *widget.Button
	probPanel *fyne.Container
	split     *container.Split
	pageTitle *widget.Label
	pageIntro *widget.Label
	pageBody  *fyne.Container
	prevBtn   *widget.Button
	nextBtn   *widget.Button

	storeDir     string // autosave folder
	autosaveGen  int    // edits since start; compared with savedGen
	autosavedGen int
	stopAutosave chan struct{}
	now          func() time.Time
	closed       bool   // the window has been closed through onClose
	exportDone   func() // test hook: called when a background export has been reported
}

// New builds the wizard into w: theme, menus, shortcuts, the step list and pages, autosave
// and the close guard, and offers to recover an autosaved draft left by a crash.
func New(a fyne.App, w fyne.Window) *UI {
	u := newUI(a, w, storageDir(a))
	u.offerRecovery()
	u.startAutosave(AutosaveInterval)
	return u
}

// newUI builds the wizard without timers or start-up dialogs (tests use it directly).
func newUI(a fyne.App, w fyne.Window, store string) *UI {
	setupLanguage()
	a.Settings().SetTheme(newTheme())
	u := &UI{app: a, win: w, storeDir: store, now: time.Now}
	year := time.Now().Year() - 1
	u.rep = form.New(form.FormatForYear(year), year, "")
	u.buildWindow()
	u.setReport(u.rep, "")
	w.SetCloseIntercept(u.onClose)
	return u
}

func (u *UI) buildWindow() {
	u.stepList = widget.NewList(
		func() int { return len(steps) },
		func() fyne.CanvasObject {
			icon := widget.NewIcon(theme.ConfirmIcon())
			title := widget.NewLabel("三 依申请公开")
			count := widget.NewLabel("错误 99 提醒 99")
			count.SizeName = theme.SizeNameCaptionText
			texts := container.New(layout.NewCustomPaddedVBoxLayout(-theme.Padding()*2), title, count)
			return container.NewHBox(icon, texts)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			icon := box.Objects[0].(*widget.Icon)
			texts := box.Objects[1].(*fyne.Container)
			errs, warns := u.stepCounts(i)
			texts.Objects[0].(*widget.Label).SetText(steps[i].Title)
			icon.SetResource(stepIcon(errs, warns))
			texts.Objects[1].(*widget.Label).SetText(countText(errs, warns))
		})
	u.stepList.OnSelected = func(i widget.ListItemID) { u.showStep(i) }

	// The header counts the problems and goes to 检查与导出, where the full list is.
	u.probTitle = widget.NewButton("", func() { u.showStep(len(steps) - 1) })
	u.probTitle.Importance = widget.LowImportance
	u.probTitle.Alignment = widget.ButtonAlignLeading
	dragHint := widget.NewLabel("可拖动上方分隔条调整高度")
	dragHint.SizeName = theme.SizeNameCaptionText
	u.probList = widget.NewList(
		func() int { return len(u.problems) },
		func() fyne.CanvasObject { return newProblemRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(u.problems) {
				return
			}
			p := u.problems[i]
			o.(*problemRow).set(severityIcon(p.Severity), fmt.Sprintf("[%s] %s", p.Severity, p.Message))
		})
	u.probList.OnSelected = func(i widget.ListItemID) {
		u.probList.Unselect(i)
		if i < len(u.problems) {
			u.gotoProblem(u.problems[i])
		}
	}
	u.probPanel = container.NewBorder(container.NewBorder(nil, nil, nil, dragHint, u.probTitle), nil, nil, nil, u.probList)

	u.pageTitle = widget.NewLabel("")
	u.pageTitle.SizeName = theme.SizeNameSubHeadingText
	u.pageIntro = widget.NewLabel("")
	u.pageIntro.Wrapping = fyne.TextWrapBreak
	u.pageBody = container.NewStack()
	u.prevBtn = widget.NewButtonWithIcon("上一步", theme.NavigateBackIcon(), func() { u.showStep(u.current - 1) })
	u.nextBtn = widget.NewButtonWithIcon("下一步", theme.NavigateNextIcon(), func() { u.showStep(u.current + 1) })
	u.nextBtn.IconPlacement = widget.ButtonIconTrailingText
	head := container.NewBorder(nil, nil, nil, container.NewHBox(u.prevBtn, u.nextBtn), u.pageTitle)
	page := container.NewBorder(container.NewVBox(head, u.pageIntro), nil, nil, nil, u.pageBody)

	u.split = container.NewVSplit(page, u.probPanel)
	u.split.Offset = problemsOffset(u.win.Canvas().Size().Height)
	u.win.SetContent(container.NewBorder(nil, nil, u.stepList, nil, u.split))
	u.win.SetMainMenu(u.mainMenu())
}

// problemsOffset is the page's share of a window h pixels high, above the problems panel:
// the panel shows six problems in a window 800 high, four in a lower one (at 1024×700 the
// tables need the room).
func problemsOffset(h float32) float64 {
	if h <= 0 {
		return 0.7
	}
	rows := float32(6.3)
	if h < 780 {
		rows = 4.3
	}
	head := widget.NewButton("问题", nil).MinSize().Height + theme.Padding()
	panel := head + rows*(newProblemRow().MinSize().Height+theme.SeparatorThicknessSize()) + 30 // 30: menu bar
	return min(max(1-float64(panel/h), 0.5), 0.85)
}

// problemRow is one compact line of the problems panel: a severity icon and the message,
// cut with an ellipsis. It is lower than a Label row so that more problems show.
type problemRow struct {
	widget.BaseWidget
	icon *widget.Icon
	text *canvas.Text
	full string
}

func newProblemRow() *problemRow {
	r := &problemRow{icon: widget.NewIcon(theme.ErrorIcon()), text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	r.ExtendBaseWidget(r)
	return r
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
	avail := size.Width - ic - 3*theme.Padding()
	p.r.text.Text = fitText(p.r.full, p.r.text.TextSize, avail)
	th := p.r.text.MinSize().Height
	p.r.text.Resize(fyne.NewSize(avail, th))
	p.r.text.Move(fyne.NewPos(ic+2*theme.Padding(), (size.Height-th)/2))
	p.r.text.Refresh()
}

func (p *problemRowRenderer) MinSize() fyne.Size {
	h := fyne.MeasureText("国", p.r.text.TextSize, fyne.TextStyle{}).Height
	return fyne.NewSize(theme.IconInlineSize()+100, max(h, theme.IconInlineSize())+2*theme.Padding())
}

func (p *problemRowRenderer) Refresh() {
	p.r.text.Color = theme.Color(theme.ColorNameForeground)
	p.Layout(p.r.Size())
	p.r.icon.Refresh()
}

func (p *problemRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{p.r.icon, p.r.text}
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

// setReport replaces the report being edited (after 新建, 打开 or recovery) and rebuilds
// the pages.
func (u *UI) setReport(r *form.Report, path string) {
	u.rep, u.path, u.dirty = r, path, false
	if !u.manualTotals {
		if typedTotalsDiffer(r) {
			// The file's own totals disagree with its items: keep them and let the checks
			// show where, rather than overwrite what the file says.
			u.manualTotals = true
		} else {
			u.rep.FillDerived()
		}
	}
	u.views = make([]stepView, len(steps))
	u.pages = make([]fyne.CanvasObject, len(steps))
	u.recheck()
	u.showStep(0)
	u.stepList.Select(0)
	u.updateTitle()
}

// typedTotalsDiffer reports whether computing the totals would change a total that has text.
func typedTotalsDiffer(r *form.Report) bool {
	c := r.Clone()
	for _, code := range c.FillDerived() {
		if cell, _ := r.Cell(code); !cell.Blank || cell.Err != nil {
			return true
		}
	}
	return false
}

// view returns the page of step i, building it on first use.
func (u *UI) view(i int) stepView {
	if u.views[i] == nil {
		u.views[i] = steps[i].View(u)
		u.pages[i] = u.views[i].build()
	}
	return u.views[i]
}

// showStep switches to step i (out-of-range values are ignored) and autosaves.
func (u *UI) showStep(i int) {
	if i < 0 || i >= len(steps) {
		return
	}
	changed := i != u.current
	u.current = i
	v := u.view(i)
	v.reload()
	u.pageTitle.SetText(u.stepTitle(i))
	u.pageIntro.SetText(u.stepIntro(i))
	// 检查与导出 lists every problem itself; the panel would repeat it.
	u.probPanel.Hidden = steps[i].Section == 7
	u.split.Refresh()
	u.pageBody.Objects = []fyne.CanvasObject{u.pages[i]}
	u.pageBody.Refresh()
	u.prevBtn.Disable()
	if i > 0 {
		u.prevBtn.Enable()
	}
	u.nextBtn.Disable()
	if i < len(steps)-1 {
		u.nextBtn.Enable()
	}
	if u.stepList != nil {
		u.stepList.Select(i)
	}
	if changed {
		u.autosave()
	}
}

// stepTitle is the page heading: the official section title where there is one.
func (u *UI) stepTitle(i int) string {
	if s := steps[i].Section; s >= 1 && s <= 6 {
		return u.rep.Format.Sections[s-1].Title
	}
	return steps[i].Title
}

// stepIntro is the guidance shown above the page, from the official format.
func (u *UI) stepIntro(i int) string {
	switch s := steps[i].Section; {
	case s >= 1 && s <= 6:
		return u.rep.Format.Sections[s-1].Guide
	case s == 0:
		return fmt.Sprintf("填写机关名称、报告年度和发布日期。本报告采用%s规定的格式。", u.rep.Format.Name)
	default:
		return "逐项核对全部问题：「错误」必须改正，「提醒」请确认。核对后导出 Excel（报送上级）和 PDF（对外公开）。"
	}
}

// stepCounts counts the errors and warnings of step i (检查与导出 counts them all).
func (u *UI) stepCounts(i int) (errs, warns int) {
	sec := steps[i].Section
	for _, p := range u.problems {
		if sec == 7 || p.Section == sec {
			if p.Severity == form.Error {
				errs++
			} else {
				warns++
			}
		}
	}
	return errs, warns
}

func countText(errs, warns int) string {
	switch {
	case errs == 0 && warns == 0:
		return "无问题"
	case warns == 0:
		return fmt.Sprintf("错误 %d", errs)
	case errs == 0:
		return fmt.Sprintf("提醒 %d", warns)
	}
	return fmt.Sprintf("错误 %d 提醒 %d", errs, warns)
}

func stepIcon(errs, warns int) fyne.Resource {
	switch {
	case errs > 0:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	case warns > 0:
		return theme.NewWarningThemedResource(theme.WarningIcon())
	}
	return theme.NewSuccessThemedResource(theme.ConfirmIcon())
}

func severityIcon(s form.Severity) fyne.Resource {
	if s == form.Error {
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	}
	return theme.NewWarningThemedResource(theme.WarningIcon())
}

// cellEdit is one cell's new text.
type cellEdit struct{ code, text string }

// cellEdited is called when the user changes a number cell.
func (u *UI) cellEdited(code, text string) {
	if u.loading > 0 {
		return
	}
	u.applyEdits([]cellEdit{{code, text}})
}

// applyEdits stores cell texts in the model, recomputes the totals unless the user types
// them, and checks the report again.
func (u *UI) applyEdits(edits []cellEdit) {
	for _, e := range edits {
		_ = u.rep.Set(e.code, e.text) // a bad value is kept and reported by Check
		u.showCellText(e.code)
	}
	if !u.manualTotals {
		for _, c := range u.rep.FillDerived() {
			u.showCellText(c)
		}
	}
	u.markDirty()
	u.recheck()
}

// showCellText puts the model's text of a cell into its entry, if its page is built.
func (u *UI) showCellText(code string) {
	for _, v := range u.views {
		if tv, ok := v.(*tableView); ok {
			tv.setText(code)
		}
	}
}

// setManualTotals switches between computed totals (read-only) and typed totals. Switching
// back to computed totals recomputes every total; the returned note says which typed totals
// that replaced ("" when none changed).
func (u *UI) setManualTotals(on bool) string {
	if on == u.manualTotals {
		return ""
	}
	u.manualTotals = on
	note := ""
	if !on {
		before := map[string]string{}
		for _, d := range u.rep.Format.Cells {
			if d.Derived {
				c, _ := u.rep.Cell(d.Code)
				before[d.Code] = c.Text
			}
		}
		changed := u.rep.FillDerived()
		for _, c := range changed {
			u.showCellText(c)
		}
		note = recomputedNote(u.rep, changed, before)
		u.markDirty()
	}
	for _, v := range u.views {
		if tv, ok := v.(*tableView); ok {
			tv.reload()
		}
	}
	u.recheck()
	return note
}

// recomputedNote tells the user which hand-typed totals were replaced by computed ones.
func recomputedNote(r *form.Report, changed []string, before map[string]string) string {
	if len(changed) == 0 {
		return "已改回自动计算合计，原填写的合计与分项之和一致，未作改动。"
	}
	var ex []string
	for _, code := range changed {
		if len(ex) == 3 {
			break
		}
		d, _ := r.Format.Cell(code)
		c, _ := r.Cell(code)
		old, now := before[code], c.Text
		if old == "" {
			old = "空"
		}
		if now == "" {
			now = "空"
		}
		ex = append(ex, fmt.Sprintf("%s由 %s 改为 %s", d.Label(), old, now))
	}
	more := ""
	if len(changed) > len(ex) {
		more = fmt.Sprintf("等 %d 处", len(changed))
	}
	return fmt.Sprintf("已改回自动计算：手动填写的合计已按分项重新计算（%s%s）。如需保留原数字，请重新勾选「手动填写合计」后改回。",
		strings.Join(ex, "；"), more)
}

// recheck runs form.Check and shows the result everywhere: cell frames, step marks and the
// problems panel.
func (u *UI) recheck() {
	u.problems = form.Check(u.rep, u.last)
	for _, m := range metaIssues(u.rep) {
		u.problems = append(u.problems, form.Problem{Rule: "基本信息", Severity: form.Warning, Section: 0, Message: m})
	}
	sort.SliceStable(u.problems, func(i, j int) bool {
		a, b := u.problems[i], u.problems[j]
		if a.Section != b.Section {
			return a.Section < b.Section
		}
		return a.Severity == form.Error && b.Severity != form.Error
	})
	u.states = map[string]form.Severity{}
	for _, p := range u.problems {
		for _, c := range u.framed(p) {
			if u.states[c] != form.Error {
				u.states[c] = p.Severity
			}
		}
	}
	for _, v := range u.views {
		switch tv := v.(type) {
		case *tableView:
			tv.mark(u.states)
		case *checkView:
			if u.current == len(steps)-1 {
				tv.reload() // otherwise showStep reloads it
			}
		}
	}
	errs := form.Errors(u.problems)
	u.probTitle.SetText(fmt.Sprintf("问题：错误 %d 个，提醒 %d 个（点击下方条目定位；点此查看全部 ›）", errs, len(u.problems)-errs))
	u.probList.Refresh()
	u.stepList.Refresh()
}

// framed returns the cells of a problem that get a coloured frame. For a table identity
// (H1-H4) blank cells are left unframed unless they are the identity's target: a row 二
// nobody has filled yet is not wrong just because row 一 has a value. The problem still lists
// every cell (the panel and the message line use them).
func (u *UI) framed(p form.Problem) []string {
	target := ""
	for _, e := range u.rep.Format.Equations {
		if e.Rule != p.Rule || len(p.Cells) == 0 || u.rep.Format.Cells[e.Left[0]].Code != p.Cells[0] {
			continue
		}
		switch {
		case e.Target >= 0:
			target = u.rep.Format.Cells[e.Target].Code
		case len(e.Right) > 0: // a balance: the first cell of the results side
			target = u.rep.Format.Cells[e.Right[0]].Code
		}
		break
	}
	if target == "" {
		return p.Cells
	}
	var out []string
	for _, c := range p.Cells {
		if cell, ok := u.rep.Cell(c); c == target || !ok || !cell.Blank || cell.Err != nil {
			out = append(out, c)
		}
	}
	return out
}

// gotoProblem shows the step of a problem and focuses its first cell.
func (u *UI) gotoProblem(p form.Problem) {
	u.showStep(p.Section)
	for _, c := range p.Cells {
		if u.views[p.Section].focusCode(c) {
			return
		}
	}
	u.views[p.Section].focusCode("")
}

// markDirty records an unsaved change.
func (u *UI) markDirty() {
	u.autosaveGen++
	if !u.dirty {
		u.dirty = true
		u.updateTitle()
	}
}

// updateTitle shows the file name and the unsaved mark in the window title.
func (u *UI) updateTitle() {
	name := "未命名"
	if u.path != "" {
		name = filepath.Base(u.path)
	} else if u.rep.Meta.Agency != "" {
		name = u.rep.Title()
	}
	mark := ""
	if u.dirty {
		mark = " *"
	}
	u.win.SetTitle(name + mark + " - " + AppName)
}

// lastValue is last year's value of the cell that a cell is compared with, formatted.
func (u *UI) lastValue(code string) (string, bool) {
	if u.last == nil {
		return "", false
	}
	src := lastSource(u.rep.Format, code)
	if src == "" {
		return "", false
	}
	c, ok := u.last.Cell(src)
	if !ok || c.Blank {
		return "", false
	}
	return c.Text, true
}

// lastSource is the code in last year's report a cell follows from: 上年结转 from 结转下年度,
// 现行有效 from last year's 现行有效, 2019 上一年项目数量 from last year's.
func lastSource(f *form.Format, code string) string {
	d, ok := f.Cell(code)
	if !ok {
		return ""
	}
	switch {
	case d.Table.ID == "apply" && d.Row != nil && d.Row.Code == "2" && len(d.RowPath) == 1:
		return "apply.4." + code[len("apply.2."):]
	case d.Table.ID == "active" && d.Col.Code == "effective", d.Table.ID == "active" && d.Col.Code == "prev":
		return code
	}
	return ""
}
