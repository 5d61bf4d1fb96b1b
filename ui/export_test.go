package ui

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/export/xlsx/xlsxtest"
	"github.com/nianbao/nianbao/form"
)

// button returns the button with text under the top overlay (a dialog), or nil.
func (u *UI) dialogButton(text string) *widget.Button {
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		return nil
	}
	var found *widget.Button
	walkAll(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	return found
}

// walkAll visits o and everything its renderers show.
func walkAll(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			walkAll(c, visit)
		}
	case fyne.Widget:
		for _, c := range cacheRenderer(w).Objects() {
			walkAll(c, visit)
		}
	}
}

// closeDialogs removes every overlay.
func (u *UI) closeDialogs() {
	for u.win.Canvas().Overlays().Top() != nil {
		u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
	}
}

// exportNow runs a background export to its end, the test goroutine standing in for the
// event loop, and returns the check page.
func exportNow(t *testing.T, u *UI, l *eventLoop, f *open.Format, path string) *checkView {
	t.Helper()
	done := false
	u.exportDone = func() { done = true }
	u.exportAsync(f, path, false)
	l.until(t, "the export of "+f.ID, func() bool { return done })
	return u.view(len(steps) - 1).(*checkView)
}

// A clerk's day: the sample report, checked clean before publication, exported in all four
// formats from 检查与导出 (off the UI thread), each file then opened again as last year's
// report would be. The page lists every file written and the PDF's fonts, role by role.
func TestExportEveryFormatAndReopen(t *testing.T) {
	u := newTestUI(t)
	l := newEventLoop(u)
	u.setReport(form.Sample(form.Latest), "")
	if n := form.Totals(form.CheckFinal(u.rep, nil)); n.Errors != 0 {
		t.Fatalf("the sample is not ready to publish: %+v", n)
	}
	dir := t.TempDir()
	magic := map[string]string{"xlsx": "PK", "pdf": "%PDF", "docx": "PK", "html": "<!DOCTYPE html>"}
	var cv *checkView
	for _, f := range exportFormats() {
		path := filepath.Join(dir, u.rep.FileStem()+f.Ext)
		cv = exportNow(t, u, l, f, path)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v", f.ID, err)
		}
		if !bytes.HasPrefix(b, []byte(magic[f.ID])) {
			t.Errorf("%s does not start with %q", f.ID, magic[f.ID])
		}
		if !strings.Contains(cv.done.Text, "已导出 "+f.Short+"："+path) {
			t.Errorf("check page after %s: %q", f.ID, cv.done.Text)
		}
	}
	for _, role := range []string{"PDF 使用的字体：", "标题：", "正文：", "一级标题：", "二级标题："} {
		if !strings.Contains(cv.done.Text, role) {
			t.Errorf("the page does not say the PDF's font for %q: %q", role, cv.done.Text)
		}
	}
	if !cv.folder.Visible() {
		t.Error("no 打开所在文件夹 after the exports")
	}
	want := form.Sample(form.Latest)
	for _, f := range exportFormats() {
		path := filepath.Join(dir, want.FileStem()+f.Ext)
		u.newReport(form.Latest, 2025, "")
		o, err := u.open(path)
		if err != nil {
			t.Errorf("reopening the %s: %v", f.ID, err)
			continue
		}
		if u.rep.Meta.Agency != want.Meta.Agency || u.rep.Meta.Year != want.Meta.Year {
			t.Errorf("%s reopened as %q %d", f.ID, u.rep.Meta.Agency, u.rep.Meta.Year)
		}
		for _, code := range []string{"apply.1.natural", "apply.3.7.total", "review.admin.total", "active.license.decisions"} {
			w, _ := want.Cell(code)
			if c, _ := u.rep.Cell(code); c.Text != w.Text {
				t.Errorf("%s reopened: %s = %q, want %q", f.ID, code, c.Text, w.Text)
			}
		}
		if f.ID != "xlsx" && o.summary == nil {
			t.Errorf("%s: a published form opens with no import summary", f.ID)
		}
		if u.path != "" || !u.dirty {
			t.Errorf("%s became the draft file (path %q, dirty %v)", f.ID, u.path, u.dirty)
		}
	}
}

// Export first runs the final check: a report with blanks asks first and names how many are
// blank (form.Totals of form.CheckFinal); 仍要导出 goes on to the file dialog.
func TestExportAsksNamingBlanks(t *testing.T) {
	u := newTestUI(t)
	r := form.Sample(form.Latest)
	for _, code := range []string{"apply.1.natural", "apply.3.2.legal"} {
		_ = r.Set(code, "")
	}
	r.Text.Problems = ""
	u.setReport(r, "")
	n := form.Totals(form.CheckFinal(u.rep, nil))
	if n.Blanks < 3 {
		t.Fatalf("final check counts %d blanks", n.Blanks)
	}
	u.exportDialog(open.ByID("pdf"))
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no question before exporting a report with blanks")
	}
	all := strings.Join(texts(top), "")
	all = strings.ReplaceAll(all, "\n", "")
	for _, want := range []string{"还有 " + strconv.Itoa(n.Errors) + " 个错误", "其中 " + strconv.Itoa(n.Blanks) + " 处未填写", "没有发生的请填 0"} {
		if !strings.Contains(all, want) {
			t.Errorf("the question %q does not say %q", all, want)
		}
	}
	go2 := u.dialogButton("仍要导出")
	if go2 == nil {
		t.Fatal("no 仍要导出")
	}
	test.Tap(go2)
	if top := u.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.Join(texts(top), "|"), "导出") {
		t.Error("仍要导出 did not go on to the file dialog")
	}
	u.closeDialogs()
	// A clean report goes straight to the file dialog.
	u.setReport(form.Sample(form.Latest), "")
	u.exportDialog(open.ByID("docx"))
	if b := u.dialogButton("仍要导出"); b != nil {
		t.Error("a report ready to publish was asked about")
	}
	u.closeDialogs()
}

// 取消 stops an export: nothing is written, and the status line says so.
func TestExportCancel(t *testing.T) {
	u := newTestUI(t)
	l := newEventLoop(u)
	u.setReport(form.Sample(form.Latest), "")
	path := filepath.Join(t.TempDir(), "a.pdf")
	done := false
	u.exportDone = func() { done = true }
	u.exportAsync(open.ByID("pdf"), path, false)
	stop := u.dialogButton("取消")
	if stop == nil {
		t.Fatal("the export dialog has no 取消")
	}
	test.Tap(stop)
	l.until(t, "the canceled export", func() bool { return done })
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a canceled export wrote %s (%v)", path, err)
	}
	if !strings.Contains(u.status.text(), "已取消导出 PDF") {
		t.Errorf("status line %q", u.status.text())
	}
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("the progress dialog stayed")
	}
}

// The PDF's progress note counts its pages (Options.Progress through the registry).
func TestExportProgressCountsPages(t *testing.T) {
	u := newTestUI(t)
	u.setReport(form.Sample(form.Latest), "")
	var pages []string
	q := make(chan func(), 1000)
	u.do = func(f func()) { q <- f }
	done := false
	u.exportDone = func() { done = true }
	u.exportAsync(open.ByID("pdf"), filepath.Join(t.TempDir(), "a.pdf"), false)
	note := ""
	walkAll(u.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "正在生成") {
			note = l.Text
		}
	})
	if !strings.Contains(note, "a.pdf") {
		t.Errorf("progress note %q", note)
	}
	for !done {
		f := <-q
		f()
		walkAll(u.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "页，共") {
				if len(pages) == 0 || pages[len(pages)-1] != l.Text {
					pages = append(pages, l.Text)
				}
			}
		})
	}
	if len(pages) < 2 || !strings.HasPrefix(pages[0], "正在生成 PDF：第 1 页") {
		t.Errorf("progress notes %q", pages)
	}
}

// A workbook the app could not read back is not written at once: the user is asked, and 仍要导出
// writes it with a note that it cannot be reopened or aggregated.
func TestExportUnreadableWorkbookAsks(t *testing.T) {
	u := newTestUI(t)
	l := newEventLoop(u)
	r := form.Sample(form.Latest)
	r.Text.Problems = xlsxtest.LongText(2 << 20)
	u.setReport(r, "")
	path := filepath.Join(t.TempDir(), "长.xlsx")
	cv := exportNow(t, u, l, open.ByID("xlsx"), path)
	if _, err := os.Stat(path); err == nil {
		t.Fatal("the unreadable workbook was written without asking")
	}
	go2 := u.dialogButton("仍要导出")
	if go2 == nil {
		t.Fatal("no question about the unreadable workbook")
	}
	if all := strings.Join(texts(u.win.Canvas().Overlays().Top()), ""); !strings.Contains(all, "无法重新打开或汇总") {
		t.Errorf("the question %q does not say why", all)
	}
	done := false
	u.exportDone = func() { done = true }
	test.Tap(go2)
	l.until(t, "the export with AllowUnreadable", func() bool { return done })
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("仍要导出 wrote nothing: %v", err)
	}
	if !strings.Contains(cv.done.Text, "无法被年报助手重新打开或汇总") {
		t.Errorf("the page does not note the unreadable workbook: %q", cv.done.Text)
	}
}

// A failing export (a folder in the way) says so in Chinese, naming the file, and writes nothing.
func TestExportErrorShown(t *testing.T) {
	u := newTestUI(t)
	l := newEventLoop(u)
	u.setReport(form.Sample(form.Latest), "")
	path := filepath.Join(t.TempDir(), "已有.html")
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	exportNow(t, u, l, open.ByID("html"), path)
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no error shown")
	}
	if all := strings.Join(texts(top), ""); !strings.Contains(all, "文件夹") {
		t.Errorf("error %q", all)
	}
}

// The export's context is honoured by the registry's PDF writer (pdf.WriteContext).
func TestRegistryPDFCancels(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := open.ExportAs(ctx, open.ByID("pdf"), filepath.Join(t.TempDir(), "a.pdf"), form.Sample(form.Latest), open.Options{})
	if !errors.Is(err, open.ErrCanceled) {
		t.Errorf("canceled export: %v", err)
	}
}
