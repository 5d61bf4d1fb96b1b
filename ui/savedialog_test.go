package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/form"
)

// confirmSave taps the file dialog's confirm button and, when Fyne asks whether to replace
// the file, 是.
func confirmSave(t *testing.T, u *UI, confirm string) {
	t.Helper()
	b := u.dialogButton(confirm)
	if b == nil {
		t.Fatalf("no %s button in the file dialog", confirm)
	}
	test.Tap(b)
	if yes := u.dialogButton("是"); yes != nil {
		test.Tap(yes)
	}
}

// setFileName types name into the save dialog's file name field.
func setFileName(t *testing.T, u *UI, name string) {
	t.Helper()
	var e *widget.Entry
	walkAll(u.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if en, ok := o.(*widget.Entry); ok && e == nil {
			e = en
		}
	})
	if e == nil {
		t.Fatal("no file name field in the save dialog")
	}
	e.SetText(name)
}

func sameFile(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s changed: %d bytes, was %d", filepath.Base(path), len(got), len(want))
	}
}

// 另存为 over a newer version's draft (the guard refuses it) leaves that file byte for byte
// as it was: the save dialog has not emptied it before the guard looked at it.
func TestSaveAsOverNewerDraftLeavesIt(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	path, data := newerDraft(t, dir)
	openNow(t, u, path)
	u.closeDialogs()
	if u.readOnly == "" {
		t.Fatal("the newer draft did not open read-only")
	}
	u.saveAsDialog() // proposes the same name in the same folder
	confirmSave(t, u, "保存")
	all := strings.Join(texts(u.win.Canvas().Overlays().Top()), "")
	if !strings.Contains(all, "更新版本") {
		t.Errorf("no refusal shown: %q", all)
	}
	sameFile(t, path, data)
	if _, err := os.Stat(path + ".bak"); err == nil {
		t.Error("an empty .bak was written")
	}
	u.closeDialogs()
}

// An export over an existing file that is cancelled before it writes leaves the old file as
// it was.
func TestCancelledExportLeavesOldFile(t *testing.T) {
	u := newTestUI(t)
	l := newEventLoop(u)
	dir := t.TempDir()
	u.setReport(form.Sample(form.Latest), filepath.Join(dir, "报告.nianbao"))
	f := open.ByID("pdf")
	old := filepath.Join(dir, u.rep.FileStem()+f.Ext)
	data := []byte("%PDF-1.4 去年发布的版本")
	if err := os.WriteFile(old, data, 0o644); err != nil {
		t.Fatal(err)
	}
	done := false
	u.exportDone = func() { done = true }
	u.exportDialog(f)
	confirmSave(t, u, "导出")
	stop := u.dialogButton("取消")
	if stop == nil {
		t.Fatal("the export did not start")
	}
	test.Tap(stop)
	l.until(t, "the cancelled export", func() bool { return done })
	sameFile(t, old, data)
}

// A name typed without the extension names another file: that file is neither emptied nor
// removed, and the file with the extension is asked about before it is replaced.
func TestNameWithoutExtensionKeepsThatFile(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	u.path = filepath.Join(dir, "报告.nianbao")
	plain := filepath.Join(dir, "已有")
	plainData := []byte("别的程序的文件")
	withPDF := plain + ".pdf"
	pdfData := []byte("%PDF old")
	for p, d := range map[string][]byte{plain: plainData, withPDF: pdfData} {
		if err := os.WriteFile(p, d, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var chosen string
	u.saveFileDialog("导出 PDF", "已有", ".pdf", "导出", func(p string) { chosen = p })
	setFileName(t, u, "已有")
	confirmSave(t, u, "导出") // Fyne asks about 「已有」
	sameFile(t, plain, plainData)
	if chosen != "" {
		t.Fatalf("chose %q without asking about 已有.pdf", chosen)
	}
	all := strings.Join(texts(u.win.Canvas().Overlays().Top()), "")
	if !strings.Contains(all, "已有同名的文件「已有.pdf」") {
		t.Fatalf("no question about 已有.pdf: %q", all)
	}
	test.Tap(u.dialogButton("替换"))
	if chosen != withPDF {
		t.Errorf("chose %q, want %q", chosen, withPDF)
	}
	sameFile(t, withPDF, pdfData) // the dialog itself writes nothing
	u.closeDialogs()
}

// The "file" scheme's writers create nothing until written.
func TestFileSchemeWriterIsLazy(t *testing.T) {
	newTestUI(t)
	guardFileScheme()
	dir := t.TempDir()
	p := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := storage.Writer(storage.NewFileURI(p))
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	sameFile(t, p, []byte("old"))
	q := filepath.Join(dir, "new.txt")
	w, _ = storage.Writer(storage.NewFileURI(q))
	w.Close()
	if _, err := os.Stat(q); err == nil {
		t.Error("an unwritten writer created its file")
	}
	w, _ = storage.Writer(storage.NewFileURI(p))
	if _, err := w.Write([]byte("new")); err != nil {
		t.Fatal(err)
	}
	w.Close()
	sameFile(t, p, []byte("new"))
	// The dialog still lists folders through the wrapped repository.
	if ok, err := storage.CanList(storage.NewFileURI(dir)); !ok || err != nil {
		t.Errorf("CanList %v %v", ok, err)
	}
}

func TestWithExt(t *testing.T) {
	for _, c := range []struct{ path, ext, want string }{
		{"a.PDF", ".pdf", "a.PDF"},
		{"a", ".xlsx", "a.xlsx"},
		{"报告.doc", ".docx", "报告.docx"},
		{"报告.DOC", ".docx", "报告.docx"},
		{"报告.nianbao", ".xlsx", "报告.xlsx"},
		{"报告.pdf", ".html", "报告.html"},
		{"2025.年报", ".pdf", "2025.年报.pdf"},
		{"报告.v2", ".docx", "报告.v2.docx"},
		{"报告.", ".pdf", "报告..pdf"},
	} {
		if got := withExt(c.path, c.ext); got != c.want {
			t.Errorf("withExt(%q, %q) = %q, want %q", c.path, c.ext, got, c.want)
		}
	}
}

// File dialogs start in the open document's folder, else in the documents folder.
func TestStartDir(t *testing.T) {
	u := newTestUI(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	if got := u.startDir(); got != "" {
		t.Errorf("no documents folder: %q", got)
	}
	docs := filepath.Join(home, "文档")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := u.startDir(); got != docs {
		t.Errorf("startDir %q, want %q", got, docs)
	}
	src := filepath.Join(t.TempDir(), "去年.pdf")
	u.source = src
	if got := u.startDir(); got != filepath.Dir(src) {
		t.Errorf("startDir %q, want the imported file's folder", got)
	}
	u.path = filepath.Join(home, "报告.nianbao")
	if got := u.startDir(); got != home {
		t.Errorf("startDir %q, want the draft's folder", got)
	}
}
