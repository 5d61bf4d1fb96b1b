package ui

import (
	"encoding/json"
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
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/form"
)

// AutosaveInterval is how often unsaved changes are written to the app's storage.
const AutosaveInterval = 30 * time.Second

const (
	prefRecent    = "recentFiles"
	maxRecent     = 8
	autosaveName  = "autosave" + form.DraftExt
	autosaveState = "autosave.json"
)

// mainMenu is the 文件 menu with its keyboard shortcuts.
func (u *UI) mainMenu() *fyne.MainMenu {
	ctrl := fyne.KeyModifierShortcutDefault
	item := func(label string, key fyne.KeyName, mod fyne.KeyModifier, f func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, f)
		if key != "" {
			it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
		}
		return it
	}
	recent := fyne.NewMenuItem("最近打开", nil)
	recent.ChildMenu = fyne.NewMenu("")
	u.fillRecent(recent.ChildMenu)
	quit := item("退出", fyne.KeyQ, ctrl, u.onClose)
	quit.IsQuit = true
	file := fyne.NewMenu("文件",
		item("新建…", fyne.KeyN, ctrl, u.newDialog),
		item("打开…", fyne.KeyO, ctrl, u.openDialog),
		recent,
		item("最近打开的文件…", fyne.KeyR, ctrl, u.recentDialog),
		fyne.NewMenuItemSeparator(),
		item("保存", fyne.KeyS, ctrl, func() { u.save() }),
		item("另存为…", fyne.KeyS, ctrl|fyne.KeyModifierShift, u.saveAsDialog),
		fyne.NewMenuItemSeparator(),
		item("载入上年报告…", fyne.KeyL, ctrl, u.lastYearDialog),
		item("汇总多个单位…", "", 0, u.aggregateDialog),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	step := fyne.NewMenu("步骤",
		item("上一步", fyne.KeyPageUp, ctrl, func() { u.showStep(u.current - 1) }),
		item("下一步", fyne.KeyPageDown, ctrl, func() { u.showStep(u.current + 1) }),
		item("检查与导出", fyne.KeyE, ctrl, func() { u.showStep(len(steps) - 1) }),
	)
	help := fyne.NewMenu("帮助", fyne.NewMenuItem("关于"+AppName, u.aboutDialog))
	return fyne.NewMainMenu(file, step, help)
}

func (u *UI) fillRecent(m *fyne.Menu) {
	m.Items = nil
	for _, p := range u.recent() {
		p := p
		m.Items = append(m.Items, fyne.NewMenuItem(p, func() { u.confirmDiscard(func() { u.openOrShow(p) }) }))
	}
	if len(m.Items) == 0 {
		none := fyne.NewMenuItem("（无）", nil)
		none.Disabled = true
		m.Items = append(m.Items, none)
	}
}

// recentDialog lists the recent files as buttons, so that they can be reached by keyboard
// (Tab, then Space).
func (u *UI) recentDialog() {
	var d *dialog.CustomDialog
	box := container.NewVBox()
	for _, p := range u.recent() {
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
	d.Resize(fyne.NewSize(640, 360))
	if len(box.Objects) > 0 {
		if b, ok := box.Objects[0].(*widget.Button); ok {
			u.win.Canvas().Focus(b)
		}
	}
}

// recent is the list of recently opened or saved files, newest first.
func (u *UI) recent() []string {
	return u.app.Preferences().StringList(prefRecent)
}

func (u *UI) addRecent(path string) {
	list := []string{path}
	for _, p := range u.recent() {
		if p != path && len(list) < maxRecent {
			list = append(list, p)
		}
	}
	u.app.Preferences().SetStringList(prefRecent, list)
	u.win.SetMainMenu(u.mainMenu())
}

// removeRecent drops a file that no longer exists from the recent list.
func (u *UI) removeRecent(path string) {
	var list []string
	for _, p := range u.recent() {
		if p != path {
			list = append(list, p)
		}
	}
	u.app.Preferences().SetStringList(prefRecent, list)
	u.win.SetMainMenu(u.mainMenu())
}

// showError shows an error in a dialog with a Chinese title and button.
func (u *UI) showError(err error) {
	d := dialog.NewError(err, u.win)
	d.SetDismissText("确定")
	d.Show()
}

// confirmDiscard runs next at once when there are no unsaved changes; otherwise it asks
// whether to save them first.
func (u *UI) confirmDiscard(next func()) {
	if !u.dirty {
		next()
		return
	}
	var d *dialog.CustomDialog
	msg := widget.NewLabel("当前报告有未保存的修改，是否先保存？")
	save := widget.NewButton("保存", func() {
		d.Hide()
		u.saveThen(next)
	})
	save.Importance = widget.HighImportance
	discard := widget.NewButton("不保存", func() { d.Hide(); next() })
	cancel := widget.NewButton("取消", func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons("未保存的修改", msg, u.win)
	d.SetButtons([]fyne.CanvasObject{cancel, discard, save})
	d.Show()
}

// onClose asks about unsaved changes, then removes the autosave and closes.
func (u *UI) onClose() {
	u.confirmDiscard(func() {
		u.clearAutosave()
		if u.stopAutosave != nil {
			close(u.stopAutosave)
			u.stopAutosave = nil
		}
		u.closed = true
		u.win.Close()
	})
}

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
		d.Resize(fyne.NewSize(520, 260))
		d.Show()
		u.win.Canvas().Focus(agency)
	})
}

// newReport starts an empty report.
func (u *UI) newReport(f *form.Format, year int, agency string) {
	u.last = nil
	u.manualTotals = false
	u.clearAutosave()
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

// openFileDialog asks for a file to read and calls done with its path.
func (u *UI) openFileDialog(title string, done func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		done(path)
	}, u.win)
	d.SetFilter(fileFilter())
	d.SetConfirmText(title)
	u.showFileDialog(d)
}

// showFileDialog shows a file dialog in Chinese, starting in the current file's folder and
// sized to the window.
func (u *UI) showFileDialog(d *dialog.FileDialog) {
	d.SetDismissText("取消")
	if u.path != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(u.path))); err == nil {
			d.SetLocation(l)
		}
	}
	d.Show()
	d.Resize(dialogSize(u.win)) // after Show: FileDialog.Resize panics before it
}

func (u *UI) openDialog() {
	u.confirmDiscard(func() { u.openFileDialog("打开", u.openOrShow) })
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

// showWarnings lists what a reader could not read exactly.
func (u *UI) showWarnings(title string, ws []string) {
	if len(ws) == 0 {
		return
	}
	l := widget.NewLabel(fmt.Sprintf("共 %d 条提示，请核对相关内容：\n\n", len(ws)) + strings.Join(ws, "\n"))
	l.Wrapping = fyne.TextWrapBreak
	d := dialog.NewCustom(title, "确定", container.NewVScroll(l), u.win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
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
	u.clearAutosave()
	target := ""
	if strings.EqualFold(filepath.Ext(path), form.DraftExt) {
		target = path
	}
	u.setReport(r, target)
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
	u.saveFileDialog(name, form.DraftExt, "保存", func(path string) {
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
	u.clearAutosave()
	u.updateTitle()
	u.addRecent(path)
	return nil
}

// lastYearDialog asks for last year's report.
func (u *UI) lastYearDialog() {
	u.openFileDialog("载入", func(path string) {
		ws, err := u.loadLastYear(path)
		if err != nil {
			u.showError(err)
			return
		}
		u.showWarnings("已载入上年报告「"+filepath.Base(path)+"」", ws)
	})
}

// loadLastYear reads last year's report, prefills 上年结转 and turns on the cross-year checks.
func (u *UI) loadLastYear(path string) ([]string, error) {
	last, ws, err := readAny(path)
	if err != nil {
		return nil, err
	}
	if err := form.CheckLastYear(u.rep, last); err != nil {
		return nil, fmt.Errorf("「%s」：%w", filepath.Base(path), err)
	}
	u.last = last
	set := u.rep.CarryOver(last)
	if !u.manualTotals {
		set = append(set, u.rep.FillDerived()...)
	}
	for _, c := range set {
		u.showCellText(c)
	}
	for _, v := range u.views {
		if tv, ok := v.(*tableView); ok {
			tv.showLast()
		}
	}
	u.markDirty()
	u.recheck()
	return ws, nil
}

// storageDir is the folder for the autosave, under the app's storage root.
func storageDir(a fyne.App) string {
	if root := a.Storage().RootURI(); root != nil && root.Scheme() == "file" {
		return root.Path()
	}
	if d, err := os.UserConfigDir(); err == nil {
		return filepath.Join(d, "nianbao")
	}
	return os.TempDir()
}

// autosaveInfo is written next to the autosave so that recovery knows the original file.
type autosaveInfo struct {
	Path  string `json:"path,omitempty"`
	Saved string `json:"saved"`
}

func (u *UI) autosavePath() string { return filepath.Join(u.storeDir, autosaveName) }

// autosave writes unsaved changes to the app's storage (not to the user's file).
func (u *UI) autosave() {
	if !u.dirty || u.autosaveGen == u.autosavedGen || u.storeDir == "" {
		return
	}
	if err := os.MkdirAll(u.storeDir, 0o755); err != nil {
		return
	}
	data, err := form.MarshalDraft(u.rep, u.now())
	if err != nil {
		return
	}
	if form.WriteFileAtomic(u.autosavePath(), data) != nil {
		return
	}
	info, _ := json.Marshal(autosaveInfo{Path: u.path, Saved: u.now().Format(time.RFC3339)})
	_ = form.WriteFileAtomic(filepath.Join(u.storeDir, autosaveState), info)
	u.autosavedGen = u.autosaveGen
}

// clearAutosave removes the autosave after a save, a new report or a clean exit.
func (u *UI) clearAutosave() {
	if u.storeDir == "" {
		return
	}
	os.Remove(u.autosavePath())
	os.Remove(filepath.Join(u.storeDir, autosaveState))
	u.autosavedGen = u.autosaveGen
}

// startAutosave saves unsaved changes every interval until the window closes.
func (u *UI) startAutosave(every time.Duration) {
	u.stopAutosave = make(chan struct{})
	stop := u.stopAutosave
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(u.autosave)
			}
		}
	}()
}

// pendingRecovery returns the autosaved report left by a session that did not end cleanly.
func (u *UI) pendingRecovery() (r *form.Report, info autosaveInfo, ok bool) {
	if u.storeDir == "" {
		return nil, info, false
	}
	r, err := form.LoadDraft(u.autosavePath())
	if err != nil {
		return nil, info, false
	}
	if b, err := os.ReadFile(filepath.Join(u.storeDir, autosaveState)); err == nil {
		_ = json.Unmarshal(b, &info)
	}
	return r, info, true
}

// recover makes the autosaved report current; it stays unsaved until the user saves.
func (u *UI) recover(r *form.Report, info autosaveInfo) {
	u.setReport(r, info.Path)
	u.dirty = true
	u.autosaveGen++
	u.updateTitle()
}

// offerRecovery asks whether to restore an autosave found at start.
func (u *UI) offerRecovery() {
	r, info, ok := u.pendingRecovery()
	if !ok {
		return
	}
	when := ""
	if t, err := time.Parse(time.RFC3339, info.Saved); err == nil {
		when = t.Local().Format("2006-01-02 15:04")
	}
	name := r.Title()
	if info.Path != "" {
		name = filepath.Base(info.Path)
	}
	// One fact a line: the time must not break across lines ("2\n026-11-22").
	msg := widget.NewLabel(fmt.Sprintf("上次退出时有未保存的修改。\n文件：%s\n自动保存于：%s\n是否恢复这些内容？", name, when))
	msg.Wrapping = fyne.TextWrapBreak
	d := dialog.NewCustomConfirm("恢复未保存的内容", "恢复", "放弃", container.NewPadded(msg), func(yes bool) {
		if yes {
			u.recover(r, info)
		} else {
			u.clearAutosave()
		}
	}, u.win)
	d.Resize(fyne.NewSize(480, 200))
	d.Show()
}

// Open opens a draft, workbook or published text given on the command line (or by a file
// association), showing any error or import warning in a dialog.
func (u *UI) Open(path string) { u.openOrShow(path) }
