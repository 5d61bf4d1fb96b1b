package ui

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/export/xlsx"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/form/fileio"
)

// prefAggregateDir remembers the folder of the last 汇总.
const prefAggregateDir = "aggregate.folder"

// ownSource names the open report when it is summed as the summarising unit's own.
const ownSource = "（当前打开的报告）"

// aggregator is 文件 › 汇总多个单位…, for the superior (a county office) who sums the units'
// reports: the 汇总单位's name, the folder of the units' workbooks and drafts, whether the
// summarising unit's own report is included, and the list of files found with each one's
// unit, year, format and whether it will be summed — before anything is written. Reading and
// summing run off the UI thread behind a progress bar and can be cancelled; the summary
// workbook then opens as the current report.
type aggregator struct {
	u        *UI
	agency   *widget.Entry
	folder   *widget.Entry
	own      *widget.Check
	list     *widget.List
	progress *widget.ProgressBar
	phase    *widget.Label
	run      *widget.Button
	stop     *widget.Button
	d        *dialog.CustomDialog

	// read reads one unit's file (open.View; tests slow it down).
	read func(path string) (*form.Report, []string, error)
	// own is the open report, offered as the summarising unit's own.
	ownReport *form.Report

	dir     string
	units   []form.Unit // the files of dir, read
	result  *form.Summary
	err     error
	rows    []aggRow
	cancel  chan struct{}
	busy    bool
	gen     int          // bumps when the folder or the options change; stale work is dropped
	written func(string) // test hook: the workbook has been written and opened
	wg      *sync.WaitGroup
}

// aggRow is one line of the file list.
type aggRow struct {
	file, unit, year, format, status string
	// ok is true for a unit that is summed; warn marks a summed unit with blank cells, which
	// leave the total's cells blank (the status says which).
	ok, warn bool
}

// aggregateDialog opens the 汇总 dialog.
func (u *UI) aggregateDialog() { u.openAggregate(open.View) }

// openAggregate opens the 汇总 dialog reading the units' files with read.
func (u *UI) openAggregate(read func(string) (*form.Report, []string, error)) *aggregator {
	a := &aggregator{u: u, read: read, wg: &sync.WaitGroup{}}
	a.show()
	return a
}

func (a *aggregator) show() {
	u := a.u
	a.agency = widget.NewEntry()
	a.agency.SetText(strings.TrimSpace(u.rep.Meta.Agency))
	a.agency.SetPlaceHolder("如：某某县人民政府办公室")
	a.agency.OnChanged = func(string) { a.onOptions() }
	a.folder = widget.NewEntry()
	a.folder.SetPlaceHolder("各单位报来的 Excel 或草稿所在的文件夹")
	a.folder.OnSubmitted = func(s string) { a.onFolder(strings.TrimSpace(s)) }
	choose := widget.NewButtonWithIcon("选择文件夹…", theme.FolderOpenIcon(), a.onChoose)
	a.own = widget.NewCheck("包含本单位报告（文件夹中与汇总单位同名的报告，没有时用当前打开的报告）", func(bool) { a.onOptions() })
	a.own.Checked = true
	if !strings.Contains(filepath.Base(u.source), "汇总") {
		a.ownReport = u.rep.Clone()
	}
	a.list = widget.NewList(func() int { return len(a.rows) }, newAggRowObject, a.updateRow)
	a.progress = widget.NewProgressBar()
	a.progress.Hide()
	a.phase = widget.NewLabel("选择文件夹后，这里列出找到的文件，确认后再汇总。")
	a.run = widget.NewButtonWithIcon("汇总并保存…", theme.DocumentSaveIcon(), a.onRun)
	a.run.Importance = widget.HighImportance
	a.run.Disable()
	a.stop = widget.NewButton("停止", a.onStop)
	a.stop.Hide()
	closeBtn := widget.NewButton("关闭", a.onClose)
	form := widget.NewForm(
		widget.NewFormItem("汇总单位", a.agency),
		widget.NewFormItem("单位报表文件夹", container.NewBorder(nil, nil, nil, choose, a.folder)),
	)
	head := widget.NewLabel("找到的文件：文件　｜　单位　｜　年度　｜　格式（下一行：是否计入）")
	head.TextStyle = fyne.TextStyle{Bold: true}
	top := container.NewVBox(form, a.own, head)
	bottom := container.NewVBox(a.progress, a.phase)
	content := container.NewBorder(top, bottom, nil, nil, a.list)
	a.d = dialog.NewCustomWithoutButtons("汇总多个单位", content, u.win)
	a.d.SetButtons([]fyne.CanvasObject{closeBtn, a.stop, a.run})
	a.d.Show()
	a.d.Resize(fitWindow(aggregateSize, u.win))
	if dir := u.app.Preferences().String(prefAggregateDir); dir != "" {
		a.folder.SetText(dir)
		a.onFolder(dir)
	} else {
		u.win.Canvas().Focus(a.folder) // a path can be typed or pasted, then Enter
	}
}

// newAggRowObject is one file of the list: what it is on the first line, whether it is
// summed (and why not) on the second, so that the reason is read in full.
func newAggRowObject() fyne.CanvasObject {
	icon := widget.NewIcon(theme.ConfirmIcon())
	line := widget.NewLabel("")
	line.Truncation = fyne.TextTruncateEllipsis
	status := widget.NewLabel("")
	status.Truncation = fyne.TextTruncateEllipsis
	status.SizeName = theme.SizeNameCaptionText
	texts := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), line, status)
	return container.NewBorder(nil, nil, icon, nil, texts)
}

func (a *aggregator) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(a.rows) {
		return
	}
	r := a.rows[i]
	c := o.(*fyne.Container)
	texts := c.Objects[0].(*fyne.Container)
	icon := c.Objects[1].(*widget.Icon)
	texts.Objects[0].(*widget.Label).SetText(strings.Join([]string{r.file, r.unit, r.year, r.format}, "　｜　"))
	status := texts.Objects[1].(*widget.Label)
	status.SetText(r.status)
	if r.ok && !r.warn {
		icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
		status.Importance = widget.SuccessImportance
	} else {
		icon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
		status.Importance = widget.WarningImportance
	}
	status.Refresh()
}

// onChoose picks the folder.
func (a *aggregator) onChoose() {
	a.u.folderDialog("选择单位报表所在的文件夹", "选择", a.dir, func(dir string) {
		a.folder.SetText(dir)
		a.onFolder(dir)
	})
}

// onFolder reads the units of a folder in the background.
func (a *aggregator) onFolder(dir string) {
	if dir == "" {
		return
	}
	a.u.app.Preferences().SetString(prefAggregateDir, dir)
	a.dir, a.units, a.result, a.err = dir, nil, nil, nil
	paths, err := open.UnitFiles([]string{dir}, "")
	if err != nil {
		a.cancelWork()
		a.rows = nil
		a.list.Refresh()
		a.setPhase(err.Error(), true)
		a.run.Disable()
		return
	}
	read := a.read
	a.start(fmt.Sprintf("正在读取 %d 个文件…", len(paths)), func(gen int, cancel chan struct{}, report func(float64, string)) {
		units, err := form.LoadUnitsWith(paths, read, func(done, total int) {
			report(float64(done)/float64(total), fmt.Sprintf("正在读取 %d/%d 个文件…", done, total))
		}, cancel)
		a.u.do(func() {
			if gen != a.gen {
				return
			}
			if err != nil {
				a.finish(err.Error(), true)
				return
			}
			a.units = units
			a.summarise()
		})
	})
}

// onOptions sums again after the 汇总单位 or 包含本单位报告 changed.
func (a *aggregator) onOptions() {
	if a.units != nil {
		a.summarise()
	}
}

// unitsToSum is the folder's units, with the open report first when it is to be counted as
// the summarising unit's own and the folder has no report of that name.
func (a *aggregator) unitsToSum(agency string) []form.Unit {
	units := a.units
	if !a.own.Checked || a.ownReport == nil || !form.IsSelf(agency, a.ownReport) {
		return units
	}
	for _, un := range units {
		if un.Err == nil && form.IsSelf(agency, un.Report) {
			return units
		}
	}
	return append([]form.Unit{{Source: ownSource, Report: a.ownReport}}, units...)
}

// summarise sums the units read in the background and lists them.
func (a *aggregator) summarise() {
	opt := form.AggregateOptions{Agency: strings.TrimSpace(a.agency.Text), IncludeOwn: a.own.Checked}
	units := a.unitsToSum(opt.Agency)
	a.start(fmt.Sprintf("正在核对 %d 份报告…", len(units)), func(gen int, cancel chan struct{}, report func(float64, string)) {
		opt.Cancel = cancel
		opt.Progress = func(done, total int) {
			report(float64(done)/float64(max(total, 1)), fmt.Sprintf("正在核对 %d/%d 份报告…", done, total))
		}
		s, err := form.AggregateWith(units, opt)
		a.u.do(func() {
			if gen != a.gen {
				return
			}
			if errors.Is(err, form.ErrCanceled) {
				a.finish("已停止。", true)
				return
			}
			a.result, a.err = s, err
			a.rows = aggRows(units, s)
			a.list.Refresh()
			a.showResult()
		})
	})
}

// aggRows lists every file with what will happen to it.
func aggRows(units []form.Unit, s *form.Summary) []aggRow {
	status := map[string]string{}
	in, blanks := map[string]bool{}, map[string]bool{}
	if s != nil {
		for i := range s.Units {
			un := &s.Units[i]
			in[un.Source] = true
			var notes []string
			if un.Errors > 0 {
				notes = append(notes, fmt.Sprintf("该单位报告有%d处错误", un.Errors))
			}
			if note := un.BlankNote(); note != "" {
				notes = append(notes, note)
				blanks[un.Source] = true
			}
			if len(notes) > 0 {
				status[un.Source] = "计入（" + strings.Join(notes, "；") + "）"
			}
		}
		for _, l := range s.Left {
			status[l.Source] = "未计入：" + l.Reason
		}
	}
	var rows []aggRow
	for _, un := range units {
		r := aggRow{file: filepath.Base(un.Source), unit: "—", year: "—", format: "—", ok: in[un.Source], warn: blanks[un.Source]}
		if un.Source == ownSource {
			r.file = ownSource
		}
		if un.Report != nil {
			if a := strings.TrimSpace(un.Report.Meta.Agency); a != "" {
				r.unit = a
			}
			if un.Report.Meta.Year > 0 {
				r.year = fmt.Sprintf("%d年度", un.Report.Meta.Year)
			}
			r.format = un.Report.Format.Name
		}
		r.status = tightNumbers(status[un.Source])
		if r.status == "" {
			r.status = "计入"
			if !r.ok {
				r.status = "未计入"
			}
		}
		rows = append(rows, r)
	}
	// The files left out first, then the units with blank cells: they are the ones to look
	// at (and to call back about).
	rank := func(r aggRow) int {
		switch {
		case !r.ok:
			return 0
		case r.warn:
			return 1
		}
		return 2
	}
	sort.SliceStable(rows, func(i, j int) bool { return rank(rows[i]) < rank(rows[j]) })
	return rows
}

// showResult says how many units will be summed and enables 汇总并保存.
func (a *aggregator) showResult() {
	s := a.result
	if a.err != nil || s == nil || s.Total == nil {
		msg := "无法汇总"
		if a.err != nil {
			msg = a.err.Error()
		}
		a.finish(msg, true)
		a.run.Disable()
		return
	}
	msg := fmt.Sprintf("将汇总%d个单位（%d年度），未计入%d个文件（原因见列表）。", len(s.Units), s.Total.Meta.Year, len(s.Left))
	note := s.BlankNote()
	if note != "" {
		msg += note + "。"
	}
	a.finish(msg+"确认无误后点「汇总并保存…」。", note != "")
	a.run.Enable()
}

// onRun asks where to save the summary workbook, writes it in the background and opens it.
func (a *aggregator) onRun() {
	s := a.result
	if s == nil || s.Total == nil {
		return
	}
	name := fmt.Sprintf("%d年政府信息公开工作年度报告汇总", s.Total.Meta.Year)
	if ag := strings.TrimSpace(s.Total.Meta.Agency); ag != "" {
		name = ag + name
	}
	a.u.saveFileDialog("保存汇总表", name, ".xlsx", "保存", func(path string) { a.write(path) })
}

// write writes the workbook off the UI thread, then opens it as the current report.
func (a *aggregator) write(path string) {
	s := a.result
	a.start("正在写出汇总表…", func(gen int, _ chan struct{}, _ func(float64, string)) {
		err := writeAggregate(path, s)
		a.u.do(func() {
			if gen != a.gen {
				return
			}
			if err != nil {
				a.finish("", false)
				a.u.showError(fmt.Errorf("写出汇总表「%s」失败：%w", filepath.Base(path), err))
				return
			}
			a.finish("汇总表已保存。", false)
			a.d.Hide()
			a.u.confirmDiscard(func() {
				if _, err := a.u.open(path); err != nil {
					a.u.showError(err)
				}
				a.u.showAggregate(path, s)
				if a.written != nil {
					a.written(path)
				}
			})
		})
	})
}

// start runs work in the background, with the progress bar showing its reports. Starting
// new work cancels the work running.
func (a *aggregator) start(phase string, work func(gen int, cancel chan struct{}, report func(float64, string))) {
	a.cancelWork()
	a.gen++
	gen := a.gen
	cancel := make(chan struct{})
	a.cancel, a.busy = cancel, true
	a.progress.SetValue(0)
	a.progress.Show()
	a.stop.Show()
	a.run.Disable()
	a.setPhase(phase, false)
	do := a.u.do
	var mu sync.Mutex
	last := -1
	report := func(f float64, text string) {
		pct := int(f * 100)
		mu.Lock()
		skip := pct == last
		last = pct
		mu.Unlock()
		if skip {
			return
		}
		do(func() {
			if gen == a.gen && a.busy {
				a.progress.SetValue(f)
				a.phase.SetText(text)
			}
		})
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		work(gen, cancel, report)
	}()
}

// finish ends the background phase with a message.
func (a *aggregator) finish(msg string, problem bool) {
	a.busy = false
	a.cancel = nil
	a.progress.Hide()
	a.stop.Hide()
	a.setPhase(msg, problem)
}

// setPhase shows msg below the list, broken into lines here (wrapText) at the dialog's
// width: Fyne would break it at the spaces form's notes put around numbers, or start a line
// with 「，」.
func (a *aggregator) setPhase(msg string, problem bool) {
	a.phase.Importance = widget.MediumImportance
	if problem {
		a.phase.Importance = widget.WarningImportance
	}
	a.phase.SetText(wrapText(tightNumbers(msg), theme.TextSize(), a.textWidth()))
}

// textWidth is how wide a line of the dialog's messages may be.
func (a *aggregator) textWidth() float32 {
	if w := a.phase.Size().Width; w > 0 {
		return w - 2*theme.InnerPadding()
	}
	return fitWindow(aggregateSize, a.u.win).Width - 2*theme.Padding() - 2*theme.InnerPadding() - 40
}

// aggregateSize is the 汇总 dialog's size when the window has room for it.
var aggregateSize = fyne.NewSize(860, 660)

func (a *aggregator) cancelWork() {
	if a.cancel != nil {
		close(a.cancel)
		a.cancel = nil
	}
}

// onStop cancels the work running.
func (a *aggregator) onStop() {
	a.cancelWork()
	a.gen++
	a.finish("已停止。", true)
}

// onClose cancels any work and closes the dialog.
func (a *aggregator) onClose() {
	a.cancelWork()
	a.gen++
	a.busy = false
	a.d.Hide()
}

// writeAggregate writes the aggregate workbook atomically (fileio.Write: rendered into a
// temporary file, renamed over path only when complete).
func writeAggregate(path string, s *form.Summary) error {
	return fileio.Write(path, func(w io.Writer) error { return xlsx.WriteSummary(w, s) })
}

// aggregateReport is the text shown after an aggregate: what was summed, which units have
// errors and which were left out and why, so the superior knows whom to call back.
func aggregateReport(path string, s *form.Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "已汇总%d个单位（%d年度），汇总表已保存为「%s」，并已打开。\n", len(s.Units), s.Total.Meta.Year, filepath.Base(path))
	for i := range s.Units {
		un := &s.Units[i]
		who := fmt.Sprintf("%s（%s）", strings.TrimSpace(un.Report.Meta.Agency), filepath.Base(un.Source))
		if un.Source == ownSource {
			who = strings.TrimSpace(un.Report.Meta.Agency) + ownSource // ownSource has its brackets
		}
		if un.Errors > 0 {
			fmt.Fprintf(&b, "有错误：%s%d处\n", who, un.Errors)
		}
		if note := un.BlankNote(); note != "" {
			fmt.Fprintf(&b, "有留空：%s：%s\n", who, note)
		}
	}
	if note := s.BlankNote(); note != "" {
		b.WriteString("注意：" + note + "。\n")
	}
	for _, l := range s.Left {
		who := filepath.Base(l.Source)
		if l.Agency != "" {
			who = l.Agency + "（" + who + "）"
		}
		fmt.Fprintf(&b, "未汇总：%s：%s\n", who, l.Reason)
	}
	b.WriteString("各单位的主要数字、错误和提醒见汇总表的「汇总明细」工作表。")
	return tightNumbers(b.String())
}

// showAggregate shows aggregateReport, broken into lines at the dialog's width (wrapText:
// no line starts with 「，」, a number keeps its unit).
func (u *UI) showAggregate(path string, s *form.Summary) {
	size := fitWindow(fyne.NewSize(640, 420), u.win)
	w := size.Width - 2*theme.Padding() - 2*theme.InnerPadding() - theme.ScrollBarSize() - 40
	l := widget.NewLabel(wrapText(aggregateReport(path, s), theme.TextSize(), w))
	folder := widget.NewButton("打开所在文件夹", func() { u.openFolder(filepath.Dir(path)) })
	d := dialog.NewCustom("汇总完成", "确定", container.NewBorder(nil, folder, nil, nil, container.NewVScroll(l)), u.win)
	d.Resize(size)
	d.Show()
}
