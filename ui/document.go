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
// a double-click), else the draft that was open when the app was last closed; then it
// offers the autosaves of windows that did not end cleanly.
func (u *UI) Start(args []string) {
	switch {
	case len(args) > 0:
		u.openOrShow(args[0])
	default:
		u.reopenLast()
	}
	u.offerRecovery()
}

// reopenLast opens the draft that was open when the app was last closed, if it still exists.
func (u *UI) reopenLast() {
	last := u.app.Preferences().String(prefLastFile)
	if last == "" {
		return
	}
	if _, err := os.Stat(last); err != nil {
		u.status.note("上次打开的「" + filepath.Base(last) + "」已不存在（可能已移动或删除）。")
		return
	}
	o, err := u.open(last)
	if err != nil {
		u.status.note("未能打开上次的文件：" + err.Error())
		return
	}
	if o.readOnly != nil {
		u.status.note("已以只读方式打开上次的文件「" + filepath.Base(last) + "」：" + o.readOnly.Reason)
		return
	}
	u.status.note("已打开上次的文件「" + filepath.Base(last) + "」。")
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
	u.last = nil
	u.manualTotals = false
	u.auto.clear()
	u.source = ""
	u.setReport(form.New(f, year, agency), "")
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

func (u *UI) openOrShow(path string) {
	o, err := u.open(path)
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

// open reads a draft (or another supported file) and makes it the current report. Only
// drafts become the file that 保存 writes to; other files are saved as a new draft. A draft
// of a newer version opens read-only: 保存 is disabled for it (另存为 writes a new file).
func (u *UI) open(path string) (opened, error) {
	o, err := readFile(path, false)
	if err != nil {
		return o, err
	}
	u.last = nil
	u.manualTotals = false // decided again for the opened file (see setReport)
	u.auto.clear()
	target := ""
	if strings.EqualFold(filepath.Ext(path), form.DraftExt) {
		target = path
	}
	u.setReport(o.rep, target)
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
	return o, nil
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
	u.openFileDialog("载入上年报告", "载入", func(path string) {
		notes, err := u.loadLastYear(path)
		if err != nil {
			u.showError(err)
			return
		}
		u.showLines("已载入上年报告「"+filepath.Base(path)+"」", strings.Join(notes, "\n"))
	})
}

// loadLastYear reads last year's report, prefills 上年结转 and turns on the cross-year checks.
// The notes returned say which cells were filled and which typed values were replaced,
// followed by the reader's warnings.
func (u *UI) loadLastYear(path string) ([]string, error) {
	o, err := readFile(path, true)
	if err != nil {
		return nil, err
	}
	last, ws := o.rep, o.warnings
	if err := form.CheckLastYear(u.rep, last); err != nil {
		return nil, fmt.Errorf("「%s」：%w", filepath.Base(path), err)
	}
	u.last = last
	notes := u.carryOver(last)
	for _, v := range u.views {
		if tv, ok := v.(*tableView); ok {
			tv.showLast()
		}
	}
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
	return notes, nil
}
