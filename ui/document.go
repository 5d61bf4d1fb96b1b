package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

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
	if _, err := u.open(last); err != nil {
		u.status.note("未能打开上次的文件：" + err.Error())
		return
	}
	u.status.note("已打开上次的文件「" + filepath.Base(last) + "」。")
}

// Open opens a draft, workbook or published text given on the command line (or by a file
// association), showing any error or import warning in a dialog.
func (u *UI) Open(path string) { u.openOrShow(path) }

// newDialog asks for the agency, year and format of a new report.
func (u *UI) newDialog() {
	u.confirmDiscard(func() {
		agency := widget.NewEntry()
		agency.SetPlaceHolder("如：XX市XX局")
		agency.SetText(u.rep.Meta.Agency)
		year := widget.NewEntry()
		y := time.Now().Year() - 1
		year.SetText(strconv.Itoa(y))
		var names []string
		for _, f := range form.Formats {
			names = append(names, f.Name)
		}
		format := widget.NewSelect(names, nil)
		format.SetSelected(form.FormatForYear(y).Name)
		year.OnChanged = func(s string) {
			if y, err := strconv.Atoi(strings.TrimSpace(form.Normalize(s))); err == nil {
				format.SetSelected(form.FormatForYear(y).Name)
			}
		}
		year.Validator = func(s string) error {
			y, err := strconv.Atoi(strings.TrimSpace(form.Normalize(s)))
			if err != nil || y < form.FirstFormatYear() || y > form.MaxYear {
				return fmt.Errorf("请填写 %d 年以后的四位年份", form.FirstFormatYear())
			}
			return nil
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
			y, _ := strconv.Atoi(strings.TrimSpace(form.Normalize(year.Text)))
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

// fileFilter accepts the extensions of the openers that exist.
func fileFilter() storage.FileFilter {
	var exts []string
	for _, o := range Openers {
		if o.Read != nil {
			exts = append(exts, o.Ext)
		}
	}
	return storage.NewExtensionFileFilter(exts)
}

func (u *UI) openDialog() {
	u.confirmDiscard(func() { u.openFileDialog("打开报告", "打开", u.openOrShow) })
}

func (u *UI) openOrShow(path string) {
	ws, err := u.open(path)
	if err != nil {
		if _, statErr := os.Stat(path); errors.Is(statErr, os.ErrNotExist) {
			u.removeRecent(path)
		}
		u.showError(err)
		return
	}
	u.showWarnings("已打开「"+filepath.Base(path)+"」", ws)
}

// open reads a draft (or another supported file) and makes it the current report. Only
// drafts become the file that 保存 writes to; other files are saved as a new draft.
func (u *UI) open(path string) ([]string, error) {
	r, ws, err := readAny(path)
	if err != nil {
		return nil, err
	}
	u.last = nil
	u.manualTotals = false // decided again for the opened file (see setReport)
	u.auto.clear()
	target := ""
	if strings.EqualFold(filepath.Ext(path), form.DraftExt) {
		target = path
	}
	u.setReport(r, target)
	u.source = path
	if target == "" {
		u.dirty = true
		u.updateTitle()
	}
	u.addRecent(path)
	return ws, nil
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
	last, ws, err := readAny(path)
	if err != nil {
		return nil, err
	}
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
	if len(ws) > 0 {
		notes = append(notes, "", "读取上年报告时的提示：")
		notes = append(notes, ws...)
	}
	return notes, nil
}
