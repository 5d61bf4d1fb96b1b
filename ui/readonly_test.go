package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/nianbao/nianbao/form"
)

// newerDraft writes a draft as a newer version would: a field this version does not know.
func newerDraft(t *testing.T, dir string) (string, []byte) {
	t.Helper()
	data, err := form.MarshalDraft(form.Sample(form.Latest), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte(`"meta": {`), []byte(`"meta": {"region": "东部",`), 1)
	path := filepath.Join(dir, "新版本.nianbao")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, data
}

// A draft of a newer version opens read-only: it is shown and checked, the title and the
// dialog say why, 保存 is disabled for it (and Ctrl+S explains and offers 另存为), and 另存为
// writes a new file that is an ordinary draft again. The newer file is never rewritten.
func TestNewerDraftOpensReadOnly(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	path, data := newerDraft(t, dir)
	openNow(t, u, path)
	if u.readOnly == "" || u.path != path {
		t.Fatalf("not read-only (reason %q, path %q)", u.readOnly, u.path)
	}
	all := strings.Join(texts(u.win.Canvas().Overlays().Top()), "")
	all = strings.ReplaceAll(all, "\n", "")
	if !strings.Contains(all, "更新版本") || !strings.Contains(all, "另存为") {
		t.Errorf("the open dialog %q does not say why and what to do", all)
	}
	u.closeDialogs()
	if !strings.Contains(u.status.text(), "只读") || !strings.Contains(u.status.text(), "另存为") {
		t.Errorf("status line %q", u.status.text())
	}
	if !strings.Contains(u.win.Title(), "（只读）") {
		t.Errorf("title %q", u.win.Title())
	}
	if u.rep.Meta.Agency != form.Sample(form.Latest).Meta.Agency {
		t.Errorf("the report was not shown: %q", u.rep.Meta.Agency)
	}
	var save = findMenuItem(u, "保存")
	if save == nil || !save.Disabled || !strings.Contains(save.Label, "只读") {
		t.Errorf("保存 menu item %+v", save)
	}
	// An edit, then 保存 (as Ctrl+S would run it): the reason, and 另存为 offered.
	typeInto(u, u.table(t, 3).cell(t, "apply.1.natural"), "41")
	u.save()
	if b, _ := os.ReadFile(path); !bytes.Equal(b, data) {
		t.Fatal("保存 rewrote the newer draft")
	}
	if b := u.dialogButton("另存为…"); b == nil {
		t.Fatal("保存 of a read-only draft does not offer 另存为")
	}
	all = strings.Join(texts(u.win.Canvas().Overlays().Top()), "")
	if !strings.Contains(strings.ReplaceAll(all, "\n", ""), "更新版本") {
		t.Errorf("保存 does not say why: %q", all)
	}
	u.closeDialogs()
	other := filepath.Join(dir, "另存.nianbao")
	if err := u.saveTo(other); err != nil {
		t.Fatal(err)
	}
	if u.readOnly != "" || strings.Contains(u.win.Title(), "只读") || findMenuItem(u, "保存").Disabled {
		t.Errorf("after 另存为 still read-only (%q, title %q)", u.readOnly, u.win.Title())
	}
	r, err := form.LoadDraft(other)
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := r.Cell("apply.1.natural"); c.Text != "41" {
		t.Errorf("另存为 wrote apply.1.natural = %q", c.Text)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, data) {
		t.Error("the newer draft changed")
	}
	// As last year's report a newer draft is read (open.View), with its note: it is never
	// saved over.
	u.newReport(form.Latest, 2026, "测试局")
	last, lastData := newerDraft(t, t.TempDir())
	notes, err := u.loadLastYear(last)
	if err != nil || !strings.Contains(strings.Join(notes, "\n"), "更新版本") {
		t.Errorf("a newer draft as last year: %v, notes %q", err, notes)
	}
	if c, _ := u.rep.Cell("apply.2.natural"); c.Blank {
		t.Error("上年结转 not filled from the newer draft")
	}
	if b, _ := os.ReadFile(last); !bytes.Equal(b, lastData) {
		t.Error("last year's newer draft changed")
	}
}

// findMenuItem returns the item of the 文件 menu whose label starts with label.
func findMenuItem(u *UI, label string) *fyne.MenuItem {
	for _, it := range u.win.MainMenu().Items[0].Items {
		if strings.HasPrefix(it.Label, label) && !strings.HasPrefix(it.Label, "保存报告") && it.Label != "另存为…" {
			return it
		}
	}
	return nil
}
