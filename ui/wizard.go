// Package ui is the desktop wizard of 年报助手: a step list (基本信息, 一 … 六, 检查与导出),
// a page per step, live checking through form.CheckAll and a problems panel that jumps to the
// cell. It holds no business rules: everything is asked of package form (checks, marks,
// counts, dates, years, last year's figures) and of package open (every file read and
// written), as the command line does.
//
// The parts of the window are small structs, each with a build method and onX handlers:
// stepNav (the step list, steps.go), wizardPage (title, guidance, 上一步/下一步), the step
// pages (meta.go, narrative.go, table.go, check.go), problemsPanel (problems.go), statusBar
// (status.go), menuBar (menu.go), autosaver (autosave.go) and the dialogs (dialogs.go,
// document.go, aggregate.go, help.go, about.go).
//
// The package needs no cgo; cmd/nianbao creates the Fyne app and window and calls New.
package ui

import (
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/form/fileio"
)

// AppName is the application's name, shown in the window title.
const AppName = "年报助手"

// UI is the running wizard for one window.
type UI struct {
	app fyne.App
	win fyne.Window

	rep      *form.Report
	last     *form.Report
	path     string // the draft file, "" until saved
	source   string // the file last opened (any kind), "" for a new report
	dirty    bool
	problems []form.Problem
	// marks is the worst severity of the problems naming each cell (form.Marks: by index in
	// the format's cells).
	marks []form.Severity
	// readOnly is the reason path may not be saved over (a draft of a newer version, see
	// form.ReadOnlyError), "" when it may.
	readOnly string
	// imported says, for cells a published report's import left blank, why (the import
	// summary's reasons, shown when such a cell is focused).
	imported map[string]string

	manualTotals bool
	// pending is form.Report.PendingTotals of the last recheck, by cell index: the computed
	// totals that wait for their items.
	pending []bool
	loading int // >0 while the UI itself writes into entries
	// undo is what Ctrl+Z in a table cell restores (undo.go), nil when nothing.
	undo *undoStep

	current int
	views   []stepView
	pages   []fyne.CanvasObject

	right  *fyne.Container // the page above the problems panel
	nav    *stepNav
	page   *wizardPage
	probs  *problemsPanel
	status *statusBar
	menu   *menuBar
	recent *recentFiles
	auto   *autosaver

	now func() time.Time
	// do runs a function on the UI thread from background work (fyne.Do; tests queue the
	// calls and run them as the event loop would).
	do         func(func())
	closed     bool   // the window has been closed through onClose
	exportDone func() // test hook: called when a background export has been reported
	// exportCancel cancels the export running in the background, if any.
	exportCancel func()
	// doc is the document's state kept by document.go (switches, background reads).
	doc docState
}

// New builds the wizard into w: theme, menus, shortcuts, the step list and pages, autosave
// and the close guard. Call Start next to open the first file and offer recoveries.
func New(a fyne.App, w fyne.Window) *UI {
	u := newUI(a, w, storageDir(a))
	u.auto.start(AutosaveInterval, u.autosave)
	return u
}

// newUI builds the wizard without timers or start-up dialogs (tests use it directly).
func newUI(a fyne.App, w fyne.Window, store string) *UI {
	setupLanguage()
	if _, ours := a.Settings().Theme().(*cjkTheme); !ours {
		a.Settings().SetTheme(newTheme()) // setting a theme makes Fyne parse the fonts again
	}
	u := &UI{app: a, win: w, now: time.Now, do: fyne.Do}
	fileio.RemoveStaleTemps(store) // what saves killed before their rename left in the app's folder
	u.auto = newAutosaver(store)
	u.recent = &recentFiles{p: a.Preferences()}
	u.menu = &menuBar{u: u}
	year := form.DefaultYear(u.now())
	u.rep = form.New(form.FormatForYear(year), year, "")
	u.buildWindow()
	u.setReport(u.rep, "")
	w.SetCloseIntercept(u.onClose)
	return u
}

// storageDir is the folder for the autosaves, under the app's storage root.
func storageDir(a fyne.App) string {
	if root := a.Storage().RootURI(); root != nil && root.Scheme() == "file" {
		return root.Path()
	}
	if d, err := os.UserConfigDir(); err == nil {
		return filepath.Join(d, "nianbao")
	}
	return os.TempDir()
}

func (u *UI) buildWindow() {
	u.nav = newStepNav(u)
	u.page = &wizardPage{u: u}
	u.status = newStatusBar()
	u.probs = newProblemsPanel(u)
	nav := u.nav.build()
	page := u.page.build()
	panel := u.probs.build(u.status.build())
	// The problems panel sits under the page, so that the step list keeps the full height.
	u.right = container.NewBorder(nil, panel, nil, nil, page)
	u.win.SetContent(container.NewBorder(nil, nil, nav, nil, u.right))
	u.win.SetMainMenu(u.menu.build())
}

// wizardPage is the right side of the window: the step's title and guidance, 上一步 and
// 下一步, and the step's page.
type wizardPage struct {
	u     *UI
	title *widget.Label
	intro *widget.Label
	body  *fyne.Container
	prev  *widget.Button
	next  *widget.Button
}

func (p *wizardPage) build() fyne.CanvasObject {
	p.title = widget.NewLabel("")
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.intro = widget.NewLabel("")
	p.intro.Wrapping = fyne.TextWrapBreak
	p.intro.SizeName = theme.SizeNameCaptionText
	p.body = container.NewStack()
	p.prev = widget.NewButtonWithIcon("上一步", theme.NavigateBackIcon(), p.onPrev)
	p.next = widget.NewButtonWithIcon("下一步", theme.NavigateNextIcon(), p.onNext)
	p.next.IconPlacement = widget.ButtonIconTrailingText
	head := container.NewBorder(nil, nil, nil, container.NewHBox(p.prev, p.next), p.title)
	intro := container.New(&tightLayout{pad: -theme.Padding()}, p.intro)
	return container.NewBorder(container.NewVBox(head, intro), nil, nil, nil, p.body)
}

func (p *wizardPage) onPrev() { p.u.showStep(p.u.current - 1) }
func (p *wizardPage) onNext() { p.u.showStep(p.u.current + 1) }

// show puts step i's page in place.
func (p *wizardPage) show(i int, page fyne.CanvasObject) {
	p.title.SetText(p.u.stepTitle(i))
	p.intro.SetText(p.u.stepIntro(i))
	p.body.Objects = []fyne.CanvasObject{page}
	p.body.Refresh()
	p.prev.Disable()
	if i > 0 {
		p.prev.Enable()
	}
	p.next.Disable()
	if i < len(steps)-1 {
		p.next.Enable()
	}
}

// tightLayout draws one object pad higher than its place (pad is negative: into the padding
// of the object above), to keep the guidance close to the title.
type tightLayout struct{ pad float32 }

func (l *tightLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, l.pad))
		o.Resize(fyne.NewSize(size.Width, size.Height-l.pad))
	}
}

func (l *tightLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return fyne.NewSize(s.Width, max(s.Height+l.pad, 0))
}

// setReport replaces the report being edited (after 新建, 打开 or recovery) and rebuilds
// the pages.
func (u *UI) setReport(r *form.Report, path string) {
	u.rep, u.path, u.dirty = r, path, false
	u.readOnly, u.imported = "", nil
	u.status.clear() // what the line said was about the report before (notes about this one follow)
	// The totals' mode is the report's, by the one rule of open.Prepare: an opened report
	// was prepared by open.Read (preparing again changes nothing), a new or recovered one is
	// prepared here.
	open.Prepare(r)
	u.manualTotals = r.TypedTotals
	u.views = make([]stepView, len(steps))
	u.pages = make([]fyne.CanvasObject, len(steps))
	u.recheck()
	u.showStep(0)
	u.updateTitle()
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
	u.page.show(i, u.pages[i])
	u.probs.show()
	u.nav.selectStep(i)
	if changed {
		u.autosave()
	}
}

// recheck runs the drafting check (form.CheckAll, the one the command line runs) and shows
// the result everywhere: cell frames (form.Marks), 基本信息's hint line, step marks and the
// problems panel.
func (u *UI) recheck() {
	u.rep.TypedTotals = u.manualTotals // typed totals are the clerk's to fill: B1 counts them
	u.problems = form.CheckAll(u.rep, u.last, form.Drafting)
	u.marks = form.Marks(u.rep, u.problems)
	u.pending = u.rep.PendingTotals()
	for _, v := range u.views {
		switch tv := v.(type) {
		case *tableView:
			tv.mark(u.marks)
		case *metaView:
			tv.check() // its hint line, whichever change made the problems
		case *checkView:
			if u.current == len(steps)-1 {
				tv.reload() // otherwise showStep reloads it
			}
		}
	}
	u.probs.set(u.problems)
	u.nav.refresh()
}

// gotoProblem shows the step of a problem and focuses its first cell that can be typed into
// (a table never focuses a total the program computes).
func (u *UI) gotoProblem(p form.Problem) {
	u.showStep(p.Section)
	if tv, ok := u.views[p.Section].(*tableView); ok {
		tv.focusProblem(p)
		return
	}
	for _, c := range p.Cells {
		if u.views[p.Section].focusCode(c) {
			return
		}
	}
	u.views[p.Section].focusCode("")
}

// markDirty records an unsaved change.
func (u *UI) markDirty() {
	u.auto.changed()
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
	if u.readOnly != "" {
		mark = "（只读）"
	}
	if u.dirty {
		mark += " *"
	}
	u.win.SetTitle(name + mark + " - " + AppName)
}

// onClose asks about unsaved changes, then remembers the window's size and file, removes
// this window's autosave and closes.
func (u *UI) onClose() {
	u.confirmDiscard(func() {
		p := u.app.Preferences()
		SaveWindowSize(p, u.win.Canvas().Size())
		u.rememberFile()
		if u.exportCancel != nil {
			u.exportCancel() // an export still running writes nothing (its file stays as it was)
		}
		u.auto.close()
		u.closed = true
		u.win.Close()
	})
}
