package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/form"
)

// checkView is the 检查与导出 page: every problem grouped by section, a button per export
// format (from the registry), 复制网页版, and what the last exports wrote.
type checkView struct {
	u       *UI
	summary *widget.Label
	list    *fyne.Container
	buttons []*widget.Button
	copy    *widget.Button
	done    *widget.Label
	folder  *widget.Button
	shown   string
	// results are the files exported in this session by format ID, shown in format order.
	results map[string]exportResult
	// copyNote is what the last 复制网页版 did.
	copyNote string
}

// exportResult is one file exported and its notes (fonts, characters no font has).
type exportResult struct {
	format *open.Format
	path   string
	notes  []string
}

func newCheckView(u *UI) *checkView { return &checkView{u: u, results: map[string]exportResult{}} }

func (v *checkView) build() fyne.CanvasObject {
	v.summary = widget.NewLabel("")
	v.summary.Wrapping = fyne.TextWrapBreak
	v.list = container.NewVBox()
	row := container.NewHBox()
	for _, f := range exportFormats() {
		f := f
		b := widget.NewButtonWithIcon(exportLabel(f), theme.DocumentSaveIcon(), func() { v.u.exportDialog(f) })
		v.buttons = append(v.buttons, b)
		row.Add(b)
	}
	v.copy = widget.NewButtonWithIcon("复制网页版", theme.ContentCopyIcon(), v.u.onCopyHTML)
	row.Add(v.copy)
	v.done = widget.NewLabel("")
	v.done.Wrapping = fyne.TextWrapBreak
	v.done.Hide()
	v.folder = widget.NewButtonWithIcon("打开所在文件夹", theme.FolderOpenIcon(), nil)
	v.folder.Hide()
	top := container.NewVBox(v.summary, row, v.done, container.NewHBox(v.folder), widget.NewSeparator())
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(v.list))
}

// reload shows the counts and rebuilds the grouped problem list when the problems changed.
func (v *checkView) reload() {
	if v.list == nil {
		return
	}
	ps := v.u.problems
	n := form.Totals(ps)
	blanks := ""
	if n.Blanks > 0 {
		blanks = fmt.Sprintf("还有 %d 处未填（没有发生的请填 0），发布前必须填完。", n.Blanks)
	}
	switch {
	case n.Clean():
		v.summary.SetText("未发现问题，所有格子和部分都已填写，可以导出。")
	case n.Errors == 0 && n.Warnings == 0:
		v.summary.SetText("没有错误和提醒。" + blanks)
	case n.Errors == 0:
		v.summary.SetText(fmt.Sprintf("没有错误，有 %d 个提醒，请逐一确认。%s", n.Warnings, blanks))
	default:
		v.summary.SetText(fmt.Sprintf("有 %d 个错误、%d 个提醒。错误必须改正后才能对外公开。%s", n.Errors, n.Warnings, blanks))
	}
	var key strings.Builder
	for _, p := range ps {
		key.WriteString(p.Rule + p.Message + "\n")
	}
	if key.String() == v.shown {
		return
	}
	v.shown = key.String()
	v.list.RemoveAll()
	for sec := 0; sec <= 6; sec++ {
		var rows []fyne.CanvasObject
		for _, p := range ps {
			if p.Section != sec {
				continue
			}
			p := p
			msg := widget.NewLabel(problemLine(p))
			msg.Wrapping = fyne.TextWrapBreak
			go2 := widget.NewButtonWithIcon("定位", theme.SearchIcon(), func() { v.u.gotoProblem(p) })
			rows = append(rows, container.NewBorder(nil, nil, widget.NewIcon(severityIcon(p.Severity)), go2, msg))
		}
		if len(rows) == 0 {
			continue
		}
		title := steps[0].Title
		if sec > 0 {
			title = v.u.rep.Format.Sections[sec-1].Title
		}
		head := widget.NewLabel(title)
		head.TextStyle = fyne.TextStyle{Bold: true}
		v.list.Add(head)
		for _, r := range rows {
			v.list.Add(r)
		}
	}
}

func (v *checkView) focusCode(string) bool { return false }

// exported records a finished export and shows every file written so far, each with its
// notes (for a PDF, the font of each role), and the button to open the folder of the last.
func (v *checkView) exported(f *open.Format, path string, notes []string) {
	if v.done == nil {
		return
	}
	v.results[f.ID] = exportResult{format: f, path: path, notes: notes}
	dir := filepath.Dir(path)
	v.folder.OnTapped = func() { v.u.openFolder(dir) }
	v.folder.Show()
	v.showDone()
}

// copied shows what 复制网页版 did.
func (v *checkView) copied(msg string) {
	if v.done == nil {
		return
	}
	v.copyNote = msg
	v.showDone()
}

func (v *checkView) showDone() {
	var lines []string
	for _, f := range exportFormats() {
		res, ok := v.results[f.ID]
		if !ok {
			continue
		}
		lines = append(lines, "已"+exportLabel(f)+"："+res.path)
		for _, n := range res.notes {
			lines = append(lines, "　"+n) // for a PDF: 「PDF 使用的字体：…正文：仿宋（系统字体）…」
		}
	}
	if v.copyNote != "" {
		lines = append(lines, v.copyNote)
	}
	v.done.SetText(strings.Join(lines, "\n"))
	v.done.Show()
}
