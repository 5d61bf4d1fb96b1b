package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// Opening another report clears the last report's message from the status line; a standing
// failure (the autosave folder) stays, and notes about the new report still show.
func TestStatusClearedOnDocumentChange(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"+form.DraftExt), filepath.Join(dir, "b"+form.DraftExt)
	if err := u.saveTo(a); err != nil {
		t.Fatal(err)
	}
	u.rep.Meta.Agency = "另一局"
	if err := u.saveTo(b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(u.status.text(), "b"+form.DraftExt) {
		t.Fatalf("status after saving: %q", u.status.text())
	}
	if _, err := u.open(a); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(u.status.text(), "已保存") {
		t.Errorf("after opening a the status line still says %q", u.status.text())
	}
	u.status.note("已保存「a.nianbao」")
	u.newReport(form.Latest, 2025, "新局")
	if u.status.text() != "" {
		t.Errorf("after 新建 the status line says %q", u.status.text())
	}
	u.status.fail("自动保存失败：磁盘已满")
	if _, err := u.open(b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(u.status.text(), "磁盘已满") {
		t.Errorf("a standing failure was cleared by opening a report: %q", u.status.text())
	}
}
