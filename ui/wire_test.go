package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestExportAndReopenWithRealWriters(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	typeInto(u, tv.cell(t, "apply.1.natural"), "9")
	typeInto(u, tv.cell(t, "apply.3.1.natural"), "9")
	u.rep.Text.Other = "本年度未收取信息处理费。"
	dir := t.TempDir()
	for _, ext := range []string{".xlsx", ".pdf"} {
		e := exporterFor(ext)
		if e == nil || e.Write == nil {
			t.Fatalf("no writer wired for %s", ext)
		}
		path := filepath.Join(dir, u.rep.FileStem()+ext)
		if err := u.export(e, path); err != nil {
			t.Fatalf("export %s: %v", ext, err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		magic := map[string][]byte{".xlsx": []byte("PK"), ".pdf": []byte("%PDF")}[ext]
		if !bytes.HasPrefix(b, magic) {
			t.Errorf("%s does not start with %q", ext, magic)
		}
	}
	// The workbook opens back into the same cells.
	xl := filepath.Join(dir, u.rep.FileStem()+".xlsx")
	u.newReport(u.rep.Format, 2025, "")
	if _, err := u.open(xl); err != nil {
		t.Fatal(err)
	}
	if c, _ := u.rep.Cell("apply.1.natural"); c.Text != "9" {
		t.Errorf("reopened workbook: apply.1.natural = %q, want 9", c.Text)
	}
	if u.path != "" || !u.dirty {
		t.Errorf("a workbook must not become the draft file (path %q, dirty %v)", u.path, u.dirty)
	}
}

func TestExportAsyncShowsResult(t *testing.T) {
	u := newTestUI(t)
	u.showStep(7)
	cv := u.views[7].(*checkView)
	path := filepath.Join(t.TempDir(), "a.xlsx")
	done := make(chan struct{})
	u.exportDone = func() { close(done) }
	u.exportAsync(exporterFor(".xlsx"), path)
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("background export never reported back")
	}
	if !cv.folder.Visible() {
		t.Fatal("background export never reported back")
	}
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Errorf("exported file: %v", err)
	}
}

func TestOpenPublishedText(t *testing.T) {
	u := newTestUI(t)
	if _, err := u.open(filepath.Join("testdata", "published2021.txt")); err != nil {
		t.Fatal(err)
	}
	if u.rep.Meta.Agency != "示例县市场监督管理局" || u.rep.Meta.Year != 2025 {
		t.Errorf("meta %+v", u.rep.Meta)
	}
	tv := u.table(t, 2)
	if got := tv.cell(t, "active.license.decisions").entry.Text; got != "1260" {
		t.Errorf("行政许可 shows %q, want 1260 from the text", got)
	}
	if u.path != "" || !u.dirty || !strings.Contains(u.win.Title(), "*") {
		t.Errorf("an imported text must be saved as a new draft (path %q, title %q)", u.path, u.win.Title())
	}
}
