package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/form"
)

const (
	prefRecent   = "recentFiles"
	prefLastFile = "lastFile"
	maxRecent    = 8
)

// recentFiles is the list of files opened or saved lately, newest first, kept in the app's
// preferences.
type recentFiles struct {
	p fyne.Preferences
}

func (r *recentFiles) list() []string { return r.p.StringList(prefRecent) }

func (r *recentFiles) add(path string) {
	list := []string{path}
	for _, p := range r.list() {
		if p != path && len(list) < maxRecent {
			list = append(list, p)
		}
	}
	r.p.SetStringList(prefRecent, list)
}

func (r *recentFiles) remove(path string) {
	var list []string
	for _, p := range r.list() {
		if p != path {
			list = append(list, p)
		}
	}
	r.p.SetStringList(prefRecent, list)
}

// rememberFile records, as the window closes, its draft as the file to reopen at the next
// start. A window without a draft (new, imported, or a second empty window) leaves what
// another window recorded.
func (u *UI) rememberFile() {
	if u.path != "" {
		u.app.Preferences().SetString(prefLastFile, u.path)
	}
}

// addRecent records a file opened or saved and updates the 最近打开 menu.
func (u *UI) addRecent(path string) {
	u.recent.add(path)
	u.menu.refresh()
}

// removeRecent drops a file that no longer exists from the recent list.
func (u *UI) removeRecent(path string) {
	u.recent.remove(path)
	u.menu.refresh()
}

// recentDialog lists the recent files as buttons, so that they can be reached by keyboard
// (Tab, then Space).
func (u *UI) recentDialog() {
	var d *dialog.CustomDialog
	box := container.NewVBox()
	for _, p := range u.recent.list() {
		p := p
		b := widget.NewButton(p, func() {
			d.Hide()
			u.confirmDiscard(func() { u.openOrShow(p) })
		})
		b.Alignment = widget.ButtonAlignLeading
		box.Add(b)
	}
	if len(box.Objects) == 0 {
		box.Add(widget.NewLabel("还没有打开或保存过文件。"))
	}
	d = dialog.NewCustom("最近打开的文件", "取消", container.NewVScroll(box), u.win)
	d.Show()
	d.Resize(fitWindow(fyne.NewSize(640, 360), u.win))
	if len(box.Objects) > 0 {
		if b, ok := box.Objects[0].(*widget.Button); ok {
			u.win.Canvas().Focus(b)
		}
	}
}

// Start shows what the window should show first: the file given on the command line (or by
// a double-click), else the draft that was open when the app was last closed; then, once
// that file is read (in the background), it offers the autosaves of windows that did not
// end cleanly.
func (u *UI) Start(args []string) {
	if len(args) > 0 {
		// Recovery is offered however the open ends: read, failed, dropped or cancelled.
		u.openThenEnd(args[0], func(o opened, err error) { u.showOpened(args[0], o, err) }, u.offerRecovery)
		return
	}
	u.reopenLast(u.offerRecovery)
}

// reopenLast opens the draft that was open when the app was last closed, if it still
// exists, then runs then.
func (u *UI) reopenLast(then func()) {
	last := u.app.Preferences().String(prefLastFile)
	if last == "" {
		then()
		return
	}
	if _, err := os.Stat(last); err != nil {
		u.status.note("上次打开的「" + filepath.Base(last) + "」已不存在（可能已移动或删除）。")
		then()
		return
	}
	u.openThenEnd(last, func(o opened, err error) {
		switch {
		case err != nil:
			u.status.note("未能打开上次的文件：" + err.Error())
		case o.readOnly != nil:
			u.status.note("已以只读方式打开上次的文件「" + filepath.Base(last) + "」：" + o.readOnly.Reason)
		default:
			u.status.note("已打开上次的文件「" + filepath.Base(last) + "」。")
		}
	}, then)
}

// Open opens a draft, workbook or published report (text, web page, Word file, PDF) given on
// the command line (or by a file association), showing any error or import summary in a dialog.
func (u *UI) Open(path string) { u.openOrShow(path) }

// newDialog asks for the agency, year and format of a new report.
func (u *UI) newDialog() {
	u.confirmDiscard(func() {
		agency := widget.NewEntry()
		agency.SetPlaceHolder("如：XX市XX局")
		agency.SetText(u.rep.Meta.Agency)
		year := widget.NewEntry()
		y := form.DefaultYear(u.now())
		year.SetText(strconv.Itoa(y))
		var names []string
		for _, f := range form.Formats {
			names = append(names, f.Name)
		}
		format := widget.NewSelect(names, nil)
		format.SetSelected(form.FormatForYear(y).Name)
		year.OnChanged = func(s string) {
			if y, err := form.ParseYear(s); err == nil {
				format.SetSelected(form.FormatForYear(y).Name)
			}
		}
		year.Validator = func(s string) error {
			_, err := form.ParseYear(s)
			return err
		}
		items := []*widget.FormItem{
			widget.NewFormItem("机关名称", agency),
			widget.NewFormItem("报告年度", year),
			widget.NewFormItem("报告格式", format),
		}
		d := dialog.NewForm("新建报告", "新建", "取消", items, func(ok bool) {
			if !ok {
				return
			}
			y, _ := form.ParseYear(year.Text)
			f := form.FormatForYear(y)
			for _, ff := range form.Formats {
				if ff.Name == format.Selected {
					f = ff
				}
			}
			u.newReport(f, y, strings.TrimSpace(agency.Text))
		}, u.win)
		d.Resize(fitWindow(fyne.NewSize(520, 260), u.win))
		d.Show()
		u.win.Canvas().Focus(agency)
	})
}

// newReport starts an empty report.
func (u *UI) newReport(f *form.Format, year int, agency string) {
	u.auto.clear()
	u.source = ""
	u.switchTo(form.New(f, year, agency), "")
}

// switchTo makes r the window's document (after 新建, 打开 or a recovery): last year's report
// and the totals' mode are decided again, background work for the previous document is
// dropped (docState.gen), doc.onSwitch runs, and last year's report the draft links to is
// read again in the background.
func (u *UI) switchTo(r *form.Report, path string) {
	u.doc.gen++
	u.last = nil
	u.manualTotals = false // decided again for the new report (see setReport)
	u.setReport(r, path)
	if u.doc.onSwitch != nil {
		u.doc.onSwitch()
	}
	if r.LastYear != "" {
		u.reloadLastYear(r.LastYear)
	}
}

// docState is what the window keeps about its document besides the report.
type docState struct {
	// gen counts the document switches: work started in the background for a document
	// (reading last year's report, opening a file) is dropped when it ends after a switch.
	gen int
	// reading is set while a file is read in the background (the busy dialog is shown).
	reading bool
	// onSwitch, when set, runs after every switch of document (new, open, recovery), e.g.
	// to clear what the status line says about the previous one.
	onSwitch func()
	// pending counts the background reads not yet handled on the UI thread.
	pending int
}

// readAsync reads the file at path off the UI thread (readFile; view: as last year's
// report), behind a busy dialog with the file's name, and calls done on the UI thread with
// the result. It is dropped when the window closed or its document changed meanwhile; a
// second read while one runs is refused with a note.
func (u *UI) readAsync(path string, view bool, done func(opened, error)) {
	u.readAsyncEnd(path, view, done, nil)
}

// readAsyncEnd is readAsync that runs end (when not nil) on the UI thread once the read is
// over, whether done ran or the read was refused or dropped.
func (u *UI) readAsyncEnd(path string, view bool, done func(opened, error), end func()) {
	if end == nil {
		end = func() {}
	}
	if u.doc.reading {
		u.status.note("正在读取另一个文件，请稍候。")
		end()
		return
	}
	u.doc.reading = true
	const noteW = 400
	note := widget.NewLabel(wrapText("正在读取「"+filepath.Base(path)+"」…", theme.TextSize(), noteW))
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons("正在打开", container.NewVBox(note, bar), u.win)
	d.Show()
	d.Resize(fitWindow(fyne.NewSize(noteW+60, d.MinSize().Height), u.win))
	gen := u.doc.gen
	u.doc.pending++
	go func() {
		o, err := readFile(path, view)
		u.do(func() {
			u.doc.pending--
			u.doc.reading = false
			bar.Stop()
			d.Hide()
			if !u.closed && u.doc.gen == gen {
				done(o, err)
			}
			end()
		})
	}()
}

// fileFilter accepts the extensions of every format the registry reads (open.Readers), in
// any case: drafts, workbooks, published texts, web pages, Word files and PDFs.
func fileFilter() storage.FileFilter {
	var exts []string
	for _, f := range open.Readers() {
		for _, e := range f.Exts() {
			exts = append(exts, e, strings.ToUpper(e))
		}
	}
	return storage.NewExtensionFileFilter(exts)
}

func (u *UI) openDialog() {
	u.confirmDiscard(func() { u.openFileDialog("打开报告", "打开", u.openOrShow) })
}

// openOrShow opens a file in the background (openThen) and shows the result: the error, the
// import summary, the read-only note or the reader's warnings.
func (u *UI) openOrShow(path string) {
	u.openThen(path, func(o opened, err error) { u.showOpened(path, o, err) })
}

// openThen reads the file at path in the background and makes it the window's document,
// then calls done on the UI thread (err set when it could not be read: the report stays).
// Edits made while the file was read are asked about first (save, discard or cancel), as
// before the open; cancelled, done is not called.
func (u *UI) openThen(path string, done func(opened, error)) { u.openThenEnd(path, done, nil) }

// openThenEnd is openThen that runs end (when not nil) once the open is over on every path:
// after done, or instead of it when the read was refused or dropped (the document changed
// meanwhile) or the question about the edits made meanwhile was cancelled.
func (u *UI) openThenEnd(path string, done func(opened, error), end func()) {
	if end == nil {
		end = func() {}
	}
	edits := u.auto.gen
	applied := false
	u.readAsyncEnd(path, false, func(o opened, err error) {
		if err != nil {
			done(o, err)
			return
		}
		apply := func() {
			u.applyOpened(path, o)
			done(o, nil)
			end()
		}
		if u.auto.gen != edits {
			applied = true // end runs with apply, or when the question is cancelled
			u.confirmDiscardOr(apply, end)
			return
		}
		apply()
		applied = true
	}, func() {
		if !applied {
			end()
		}
	})
}

// showOpened tells the user how opening path went.
func (u *UI) showOpened(path string, o opened, err error) {
	if err != nil {
		if _, statErr := os.Stat(path); errors.Is(statErr, os.ErrNotExist) {
			u.removeRecent(path)
		}
		u.showError(err)
		return
	}
	name := filepath.Base(path)
	switch {
	case o.summary != nil:
		u.showLines("已导入「"+name+"」", o.importText())
	case o.readOnly != nil:
		u.showMessage("以只读方式打开", o.readOnly.Error()+"\n可以查看、检查和导出；修改后请用「文件 › 另存为」保存为新文件。",
			theme.NewWarningThemedResource(theme.WarningIcon()))
	default:
		u.showWarnings("已打开「"+name+"」", o.warnings)
	}
}

// opened is a report read from a file, with what the user must be told about it.
type opened struct {
	rep *form.Report
	// warnings are the reader's: what it could not read exactly.
	warnings []string
	// summary is a published report's import summary (published.Result.Summary): the form
	// read, what was read, every blank row with its reason; nil for other files.
	summary []string
	// blanks are the cells the import left blank, with the reason.
	blanks map[string]string
	// readOnly is set for a draft of a newer version: shown, never saved over.
	readOnly *form.ReadOnlyError
}

// importText is the text of the import dialog: the summary, the reader's notes, and what to
// do about the blank cells.
func (o opened) importText() string {
	lines := append([]string(nil), o.summary...)
	if len(o.warnings) > 0 {
		lines = append(lines, "", "导入时的提示：")
		lines = append(lines, o.warnings...)
	}
	if len(o.blanks) > 0 {
		lines = append(lines, "", fmt.Sprintf("导入时留空的 %d 个格子已标为「未填」（浅蓝灰色框），点格子可看到留空的原因。请对照原报告补填；没有发生的请填 0。", len(o.blanks)))
	}
	lines = append(lines, "", "导入的报告尚未保存：请用「文件 › 保存」存为草稿。")
	return strings.Join(lines, "\n")
}

// readFile reads a report through the registry of package open (open.Read), as the command
// line does: prepared, with the import summary and blank rows of a published report. A draft
// of a newer version comes back with readOnly set, or (view: last year's report, which is
// never saved over) with its reason as the first warning.
func readFile(path string, view bool) (opened, error) {
	res, err := open.Read(path)
	if err != nil {
		return opened{}, err
	}
	o := opened{rep: res.Report, warnings: res.Notes(), summary: res.Summary(), blanks: res.Blanks(), readOnly: res.ReadOnly}
	if view {
		o.warnings, o.readOnly = res.ViewNotes(), nil
	}
	return o, nil
}

// open reads a draft (or another supported file) on the calling goroutine and makes it the
// current report (the menus open through openThen, in the background).
func (u *UI) open(path string) (opened, error) {
	o, err := readFile(path, false)
	if err != nil {
		return o, err
	}
	u.applyOpened(path, o)
	return o, nil
}

// applyOpened makes a report read from path the current one. Only drafts become the file
// that 保存 writes to; other files are saved as a new draft. A draft of a newer version opens
// read-only: 保存 is disabled for it (另存为 writes a new file).
func (u *UI) applyOpened(path string, o opened) {
	u.auto.clear()
	target := ""
	if strings.EqualFold(filepath.Ext(path), form.DraftExt) {
		target = path
	}
	u.switchTo(o.rep, target)
	u.source = path
	u.imported = o.blanks
	if o.readOnly != nil && target != "" {
		u.readOnly = o.readOnly.Reason
		u.menu.refresh()
		u.status.note("只读：「" + filepath.Base(path) + "」由更新版本保存，修改后请用「文件 › 另存为」保存为新文件。")
	}
	if target == "" {
		u.dirty = true
	}
	u.updateTitle()
	u.addRecent(path)
}

// save writes the draft to its file, or asks for one.
func (u *UI) save() {
	u.saveThen(nil)
}

func (u *UI) saveThen(next func()) {
	if u.path == "" {
		u.saveAsThen(next)
		return
	}
	if u.readOnly != "" {
		u.ask("文件为只读", "「"+filepath.Base(u.path)+"」"+u.readOnly+"\n可以用「另存为」保存为新文件。", "另存为…", func() { u.saveAsThen(next) })
		return
	}
	if err := u.saveTo(u.path); err != nil {
		u.showError(err)
		return
	}
	if next != nil {
		next()
	}
}

func (u *UI) saveAsDialog() { u.saveAsThen(nil) }

func (u *UI) saveAsThen(next func()) {
	name := u.rep.FileStem()
	if u.path != "" {
		name = strings.TrimSuffix(filepath.Base(u.path), filepath.Ext(u.path))
	}
	u.saveFileDialog("保存报告", name, form.DraftExt, "保存", func(path string) {
		if err := u.saveTo(path); err != nil {
			u.showError(err)
			return
		}
		if next != nil {
			next()
		}
	})
}

// saveTo writes the draft atomically to path and makes it the current file.
func (u *UI) saveTo(path string) error {
	if err := form.SaveDraft(path, u.rep); err != nil {
		return err
	}
	u.path, u.dirty = path, false
	if u.readOnly != "" {
		u.readOnly = "" // a new file of this version
		u.menu.refresh()
	}
	u.auto.clear()
	u.updateTitle()
	u.addRecent(path)
	u.status.note("已保存「" + filepath.Base(path) + "」" + u.now().Format(" 15:04"))
	return nil
}

// lastYearDialog asks for last year's report.
func (u *UI) lastYearDialog() {
	u.openFileDialog("载入上年报告", "载入", u.lastYearAsk)
}

// lastYearAsk reads last year's report in the background; one that cannot serve is refused
// (form.CheckLastYear), a doubtful one (form.LastYearWarnings: another agency's, no year) is
// asked about with 载入/取消 before anything is carried over; then the carried cells are shown.
func (u *UI) lastYearAsk(path string) {
	u.readAsync(path, true, func(o opened, err error) {
		if err == nil {
			err = checkLastYear(u.rep, path, o)
		}
		if err != nil {
			u.showError(err)
			return
		}
		apply := func() {
			notes := u.applyLastYear(path, o)
			u.showLines("已载入上年报告「"+filepath.Base(path)+"」", strings.Join(notes, "\n"))
		}
		if ws := form.LastYearWarnings(u.rep, o.rep); len(ws) > 0 {
			u.ask("载入上年报告", strings.Join(ws, "；\n")+"，仍要载入吗？", "载入", apply)
			return
		}
		apply()
	})
}

// checkLastYear refuses a report that cannot be last year's (form.CheckLastYear), naming the file.
func checkLastYear(r *form.Report, path string, o opened) error {
	if err := form.CheckLastYear(r, o.rep); err != nil {
		return fmt.Errorf("「%s」：%w", filepath.Base(path), err)
	}
	return nil
}

// loadLastYear reads last year's report on the calling goroutine and applies it without
// asking (see lastYearAsk for the menu's way).
func (u *UI) loadLastYear(path string) ([]string, error) {
	o, err := readFile(path, true)
	if err == nil {
		err = checkLastYear(u.rep, path, o)
	}
	if err != nil {
		return nil, err
	}
	return u.applyLastYear(path, o), nil
}

// applyLastYear prefills 上年结转 from last year's report, turns on the cross-year checks and
// links the report to the file (saved in the draft, read again on open). The notes returned
// say which cells were filled and which typed values were replaced, followed by the
// reader's warnings.
func (u *UI) applyLastYear(path string, o opened) []string {
	last, ws := o.rep, o.warnings
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	u.rep.LastYear = path
	notes := u.carryOver(last)
	u.showLastYear(last)
	u.markDirty()
	u.recheck()
	if o.summary != nil {
		notes = append(notes, "", "上年报告的导入情况：")
		notes = append(notes, o.summary...)
	}
	if len(ws) > 0 {
		notes = append(notes, "", "读取上年报告时的提示：")
		notes = append(notes, ws...)
	}
	return notes
}

// showLastYear makes last the report the cross-year checks compare with, and shows its
// figures in the cells' corners.
func (u *UI) showLastYear(last *form.Report) {
	u.last = last
	for _, v := range u.views {
		if tv, ok := v.(*tableView); ok {
			tv.showLast()
		}
	}
}

// reloadLastYear reads again, in the background, last year's report the draft links to, and
// turns the cross-year checks back on without carrying anything over (the draft holds what
// was carried). A file that is gone or no longer fits is said in the status line; the link
// stays, so that the checks come back once the file is back.
func (u *UI) reloadLastYear(link string) {
	gen := u.doc.gen
	// open.LastYearOf reads the report's year and link only: a copy of them, not the report
	// the user goes on editing.
	rep := &form.Report{Format: u.rep.Format, Meta: u.rep.Meta, LastYear: link}
	path := u.path
	u.doc.pending++
	go func() {
		last, _, err := open.LastYearOf(rep, path)
		u.do(func() {
			u.doc.pending--
			if u.closed || u.doc.gen != gen {
				return
			}
			var le *open.LastYearError
			switch {
			case err == nil:
				u.showLastYear(last)
				u.recheck()
			case errors.As(err, &le) && le.Missing:
				u.status.note(err.Error() + "。可用「文件 › 载入上年报告」重新选择。")
			default:
				u.status.note(err.Error())
			}
		})
	}()
}
