package ui

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/export/xlsx"
	"github.com/nianbao/nianbao/form"
)

// aggregateDialog is 文件 › 汇总多个单位…: a superior picks the folder holding the units'
// workbooks and drafts, then where to save the aggregate workbook (the same as
// `nianbao-cli merge`).
func (u *UI) aggregateDialog() {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if l == nil {
			return
		}
		u.aggregateFolder(l.Path())
	}, u.win)
	d.SetConfirmText("汇总此文件夹")
	u.showFileDialog(d)
}

// aggregateFolder reads the units in dir, asks where to save the aggregate and writes it.
func (u *UI) aggregateFolder(dir string) {
	paths, err := open.UnitFiles([]string{dir}, "")
	if err != nil {
		u.showError(err)
		return
	}
	s, err := form.Aggregate(strings.TrimSpace(u.rep.Meta.Agency), form.LoadUnits(paths, open.Report))
	if err != nil {
		u.showError(err)
		return
	}
	name := fmt.Sprintf("%d年政府信息公开工作年度报告汇总", s.Total.Meta.Year)
	if a := strings.TrimSpace(u.rep.Meta.Agency); a != "" {
		name = a + name
	}
	u.saveFileDialog(name, ".xlsx", "保存汇总表", func(path string) {
		if err := u.writeAggregate(path, s); err != nil {
			u.showError(err)
			return
		}
		u.showAggregate(path, s)
	})
}

// writeAggregate writes the aggregate workbook atomically.
func (u *UI) writeAggregate(path string, s *form.Summary) error {
	var b bytes.Buffer
	if err := xlsx.WriteSummary(&b, s); err != nil {
		return err
	}
	return form.WriteFileAtomic(path, b.Bytes())
}

// aggregateReport is the text shown after an aggregate: what was summed, which units have
// errors and which were left out, so the superior knows whom to call back.
func aggregateReport(path string, s *form.Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "已汇总 %d 个单位（%d 年度），汇总表已保存为「%s」。\n", len(s.Units), s.Total.Meta.Year, filepath.Base(path))
	for _, un := range s.Units {
		if un.Errors > 0 {
			fmt.Fprintf(&b, "有错误：%s（%s）%d 处\n", strings.TrimSpace(un.Report.Meta.Agency), filepath.Base(un.Source), un.Errors)
		}
	}
	for _, l := range s.Left {
		fmt.Fprintf(&b, "未汇总：%s：%s\n", filepath.Base(l.Source), l.Reason)
	}
	b.WriteString("各单位的主要数字、错误和提醒见汇总表的「汇总明细」工作表。")
	return b.String()
}

func (u *UI) showAggregate(path string, s *form.Summary) {
	l := widget.NewLabel(aggregateReport(path, s))
	l.Wrapping = fyne.TextWrapWord
	folder := widget.NewButton("打开所在文件夹", func() { u.openFolder(filepath.Dir(path)) })
	d := dialog.NewCustom("汇总完成", "确定", container.NewBorder(nil, folder, nil, nil, container.NewVScroll(l)), u.win)
	d.Resize(fyne.NewSize(640, 420))
	d.Show()
}
