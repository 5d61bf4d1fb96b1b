package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/export/html"
	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/export/pdf"
	"github.com/nianbao/nianbao/form"
)

// exportFormats are the formats 检查与导出 offers: every writer of the registry (package
// open, which the command line's export uses too) but the draft, which 保存 writes.
func exportFormats() []*open.Format {
	var out []*open.Format
	for _, f := range open.Writers() {
		if f.ID != "draft" {
			out = append(out, f)
		}
	}
	return out
}

// exportLabel is the button of a format: "导出 PDF".
func exportLabel(f *open.Format) string { return "导出 " + f.Short }

// confirmPublish runs the check before publication (form.CheckFinal: every blank is an error)
// and, when it finds errors, asks before going on with then; what names the action ("导出").
func (u *UI) confirmPublish(what string, then func()) {
	n := form.Totals(form.CheckFinal(u.rep, u.last))
	if n.Errors == 0 {
		then()
		return
	}
	msg := fmt.Sprintf("按发布要求检查，报告还有 %d 个错误", n.Errors)
	if n.Blanks > 0 {
		msg += fmt.Sprintf("，其中 %d 处未填写（空白的格子、部分或基本信息；没有发生的请填 0）", n.Blanks)
	}
	msg += fmt.Sprintf("。%s的报告可能被退回。仍要%s吗？", what, what)
	u.ask(what+"前请确认", msg, "仍要"+what, then)
}

// exportDialog checks, asks where to export and exports in the background.
func (u *UI) exportDialog(f *open.Format) {
	u.confirmPublish("导出", func() {
		u.saveFileDialog(exportLabel(f), u.rep.FileStem(), f.Ext, "导出", func(path string) { u.exportAsync(f, path, false) })
	})
}

// exportAsync writes the report as f to path off the UI thread (open.ExportAs), behind a
// dialog with a progress note (the PDF's pages) and 取消; then it reports on the check page.
// allowUnreadable writes a workbook the app could not read back (the user was asked).
func (u *UI) exportAsync(f *open.Format, path string, allowUnreadable bool) {
	ctx, cancel := context.WithCancel(context.Background())
	const noteW = 400
	note := widget.NewLabel(wrapText("正在生成"+f.Short+"文件「"+filepath.Base(path)+"」…", theme.TextSize(), noteW))
	waiting := widget.NewProgressBarInfinite()
	pages := widget.NewProgressBar()
	pages.Hide()
	var d *dialog.CustomDialog
	stop := widget.NewButtonWithIcon("取消", theme.CancelIcon(), func() {
		cancel()
		note.SetText("正在取消…")
	})
	d = dialog.NewCustomWithoutButtons("正在"+exportLabel(f), container.NewVBox(note, waiting, pages), u.win)
	d.SetButtons([]fyne.CanvasObject{stop})
	d.Show()
	d.Resize(fitWindow(fyne.NewSize(noteW+60, d.MinSize().Height), u.win)) // as high as its content
	u.exportCancel = cancel
	rep := u.rep.Clone()
	opt := open.Options{AllowUnreadable: allowUnreadable, PDF: pdf.Options{Title: rep.Title(), Author: rep.Meta.Agency,
		Progress: func(page, n int) {
			u.do(func() {
				if ctx.Err() != nil {
					return
				}
				waiting.Stop()
				waiting.Hide()
				pages.Show()
				pages.SetValue(float64(page) / float64(max(n, 1)))
				note.SetText(fmt.Sprintf("正在生成 PDF：第 %d 页，共 %d 页…", page, n))
			})
		}}}
	go func() {
		notes, err := open.ExportAs(ctx, f, path, rep, opt)
		u.do(func() {
			cancel()
			waiting.Stop()
			d.Hide()
			u.exportFinished(f, path, notes, err)
			if u.exportDone != nil {
				u.exportDone()
			}
		})
	}()
}

// exportFinished reports an export: the file and its notes on the check page; a workbook the
// app could not read back is asked about, then written with AllowUnreadable; a cancel is said
// in the status line; other errors (Chinese, naming the file) in a dialog.
func (u *UI) exportFinished(f *open.Format, path string, notes []string, err error) {
	var ue *open.UnreadableError
	switch {
	case err == nil:
		u.exported(f, path, notes)
	case errors.As(err, &ue):
		u.ask("导出前请确认", ue.Error()+"。仍要导出吗？", "仍要导出", func() { u.exportAsync(f, path, true) })
	case errors.Is(err, open.ErrCanceled):
		u.status.note("已取消" + exportLabel(f) + "，文件没有写入。")
	default:
		u.showError(err)
	}
}

// exported shows a finished export on the check page.
func (u *UI) exported(f *open.Format, path string, notes []string) {
	if cv, ok := u.view(len(steps) - 1).(*checkView); ok {
		cv.exported(f, path, notes)
	}
	u.status.note("已" + exportLabel(f) + "：" + filepath.Base(path))
}

// onCopyHTML is 复制网页版: the report as the HTML a site editor pastes (html.Fragment), as
// real HTML where the platform allows (copyHTMLFunc), else as text through Fyne's clipboard;
// the check page says which.
func (u *UI) onCopyHTML() {
	u.confirmPublish("复制", func() {
		frag, text, err := html.Fragment(u.rep)
		if err != nil {
			u.showError(err)
			return
		}
		msg := copiedHTML
		if err := copyHTMLFunc(frag, text); err != nil {
			u.app.Clipboard().SetContent(text)
			msg = fmt.Sprintf(copiedText, err.Error())
		}
		if cv, ok := u.view(len(steps) - 1).(*checkView); ok {
			cv.copied(msg)
		}
		u.status.note(strings.SplitN(msg, "。", 2)[0] + "。")
	})
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
