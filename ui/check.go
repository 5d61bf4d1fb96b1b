package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/form"
)

// checkView is the 检查与导出 page: every problem grouped by section, and the exports.
type checkView struct {
	u       *UI
	summary *widget.Label
	list    *fyne.Container
	buttons []*widget.Button
	done    *widget.Label
	folder  *widget.Button
	shown   string
}

func newCheckView(u *UI) *checkView { return &checkView{u: u} }

func (v *checkView) build() fyne.CanvasObject {
	v.summary = widget.NewLabel("")
	v.summary.Wrapping = fyne.TextWrapBreak
	v.list = container.NewVBox()
	row := container.NewHBox()
	for _, e := range Exporters {
		e := e
		b := widget.NewButtonWithIcon(e.Name, theme.DocumentSaveIcon(), func() { v.u.exportDialog(e) })
		if e.Write == nil {
			b.SetText(e.Name + "（尚未支持）")
			b.Disable()
		}
		v.buttons = append(v.buttons, b)
		row.Add(b)
	}
	v.done = widget.NewLabel("")
	v.done.Wrapping = fyne.TextWrapBreak
	v.done.Hide()
	v.folder = widget.NewButtonWithIcon("打开所在文件夹", theme.FolderOpenIcon(), nil)
	v.folder.Hide()
	top := container.NewVBox(v.summary, row, v.done, container.NewHBox(v.folder), widget.NewSeparator())
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(v.list))
}

// reload rebuilds the grouped problem list when the problems changed.
func (v *checkView) reload() {
	if v.list == nil {
		return
	}
	ps := v.u.problems
	errs := form.Errors(ps)
	switch {
	case len(ps) == 0:
		v.summary.SetText("未发现问题，可以导出。")
	case errs == 0:
		v.summary.SetText(fmt.Sprintf("没有错误，有 %d 个提醒，请逐一确认后导出。", len(ps)))
	default:
		v.summary.SetText(fmt.Sprintf("有 %d 个错误、%d 个提醒。错误必须改正后才能对外公开。", errs, len(ps)-errs))
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
			msg := widget.NewLabel("[" + string(p.Severity) + "] " + p.Message)
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

// exported shows the result of an export and the button to open its folder.
func (v *checkView) exported(path string) {
	if v.done == nil {
		return
	}
	v.done.SetText("已导出：" + path)
	v.done.Show()
	dir := filepath.Dir(path)
	v.folder.OnTapped = func() { v.u.openFolder(dir) }
	v.folder.Show()
}
