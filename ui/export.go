package ui

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/form"
)

// Writer writes a report to a file at path.
type Writer func(path string, r *form.Report) error

// Reader reads a report from the file at path; warnings (in Chinese) say what it could not
// read exactly and are shown to the user after opening.
type Reader func(path string) (r *form.Report, warnings []string, err error)

// Exporter is one export target of 检查与导出.
type Exporter struct {
	// Name is the button text, e.g. "导出 Excel".
	Name string
	// Ext is the file extension with its dot: ".xlsx".
	Ext string
	// Write writes the file; nil means the writer does not exist yet and the button is
	// disabled with "尚未支持".
	Write Writer
}

// Exporters are the export targets in the order of their buttons. Packages that write
// files set Write (see wire.go).
var Exporters = []*Exporter{
	{Name: "导出 Excel", Ext: ".xlsx"},
	{Name: "导出 PDF", Ext: ".pdf"},
}

// Opener reads one kind of file with 打开.
type Opener struct {
	// Name describes the files, e.g. "Excel 工作簿".
	Name string
	// Ext is the extension with its dot.
	Ext string
	// Read reads the file; nil means not supported yet.
	Read Reader
}

// Openers are the file kinds 打开 and 载入上年报告 accept, by extension; export/open
// reads them all, as the command line does.
var Openers = func() []*Opener {
	var out []*Opener
	for _, k := range open.Kinds {
		out = append(out, &Opener{Name: k.Name, Ext: k.Ext, Read: open.Report})
	}
	return out
}()

func exporterFor(ext string) *Exporter {
	for _, e := range Exporters {
		if e.Ext == ext {
			return e
		}
	}
	return nil
}

// openerFor returns the opener of a file by its extension, or a Chinese error.
func openerFor(path string) (*Opener, error) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, o := range Openers {
		if o.Ext == ext {
			if o.Read == nil {
				return nil, fmt.Errorf("暂不支持打开%s（%s），尚未支持", o.Name, ext)
			}
			return o, nil
		}
	}
	var names []string
	for _, o := range Openers {
		if o.Read != nil {
			names = append(names, o.Name+"（"+o.Ext+"）")
		}
	}
	return nil, fmt.Errorf("无法打开「%s」：只支持%s", filepath.Base(path), strings.Join(names, "、"))
}

// readAny reads a report with the opener of its extension.
func readAny(path string) (*form.Report, []string, error) {
	o, err := openerFor(path)
	if err != nil {
		return nil, nil, err
	}
	return o.Read(path)
}

// exportDialog asks where to export (confirming first when there are 错误) and writes.
func (u *UI) exportDialog(e *Exporter) {
	if e.Write == nil {
		return
	}
	ask := func() {
		u.saveFileDialog(e.Name, u.rep.FileStem(), e.Ext, "导出", func(path string) { u.exportAsync(e, path) })
	}
	if n := form.Errors(u.problems); n > 0 || strings.TrimSpace(u.rep.Meta.Agency) == "" {
		msg := fmt.Sprintf("报告中还有 %d 个错误，导出的文件可能被退回。仍要导出吗？", n)
		if n == 0 {
			msg = "尚未填写机关名称，导出的报告标题和落款将缺少机关名称。仍要导出吗？"
		}
		c := dialog.NewConfirm("导出前请确认", msg,
			func(ok bool) {
				if ok {
					ask()
				}
			}, u.win)
		c.SetConfirmText("仍要导出")
		c.SetDismissText("取消")
		c.Show()
		return
	}
	ask()
}

// exportAsync writes in the background (a PDF takes about a second) behind a progress
// dialog, then reports like export.
func (u *UI) exportAsync(e *Exporter, path string) {
	prog := dialog.NewCustomWithoutButtons("正在导出…", widget.NewProgressBarInfinite(), u.win)
	prog.Show()
	rep := u.rep.Clone()
	go func() {
		err := e.Write(path, rep)
		fyne.Do(func() {
			prog.Hide()
			if err != nil {
				u.showError(fmt.Errorf("导出「%s」失败：%w", filepath.Base(path), err))
			} else {
				u.exported(path)
			}
			if u.exportDone != nil {
				u.exportDone()
			}
		})
	}()
}

// exported shows a finished export on the check page.
func (u *UI) exported(path string) {
	if cv, ok := u.view(len(steps) - 1).(*checkView); ok {
		cv.exported(path)
	}
}

// export writes the report with e to path and reports it on the check page.
func (u *UI) export(e *Exporter, path string) error {
	if e.Write == nil {
		return errors.New(e.Name + "尚未支持")
	}
	if err := e.Write(path, u.rep); err != nil {
		return fmt.Errorf("导出「%s」失败：%w", filepath.Base(path), err)
	}
	u.exported(path)
	return nil
}

// openFolder opens a folder in the system file manager.
func (u *UI) openFolder(dir string) {
	uri := &url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}
	if !strings.HasPrefix(uri.Path, "/") {
		uri.Path = "/" + uri.Path // Windows drive letters
	}
	if err := u.app.OpenURL(uri); err != nil {
		u.showError(fmt.Errorf("无法打开文件夹「%s」：%w", dir, err))
	}
}
