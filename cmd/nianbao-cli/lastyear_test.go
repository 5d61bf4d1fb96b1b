package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// check and export compare with last year's report the draft links to, as the desktop app
// does on open, when --last is not given, and say which file they used; a link to a file
// that is gone is said, and the checks go on without it.
func TestCheckAndExportUseTheDraftsLastYear(t *testing.T) {
	dir := t.TempDir()
	last := form.Sample(form.Latest)
	last.Meta.Year--
	_ = last.Set("apply.4.natural", "5") // 结转下年度 no longer what this year carried over
	last.FillDerived()
	lastPath := filepath.Join(dir, "last.nianbao")
	if err := form.SaveDraft(lastPath, last); err != nil {
		t.Fatal(err)
	}
	this := form.Sample(form.Latest)
	this.LastYear = lastPath
	thisPath := filepath.Join(dir, "this.nianbao")
	if err := form.SaveDraft(thisPath, this); err != nil {
		t.Fatal(err)
	}
	code, out, errs := cli(t, "check", "--final", thisPath)
	if !strings.Contains(out, " X") || !strings.Contains(errs, "使用草稿中记录的上年报告："+lastPath) {
		t.Errorf("check (exit %d) without X rules or the note:\n%s\n%s", code, out, errs)
	}
	code, _, errs = cli(t, "export", thisPath, "--xlsx", filepath.Join(dir, "out.xlsx"))
	if code != exitProblems || !strings.Contains(errs, "[错误 X") {
		t.Errorf("export (exit %d) did not compare with last year:\n%s", code, errs)
	}
	if err := os.Remove(lastPath); err != nil {
		t.Fatal(err)
	}
	code, out, errs = cli(t, "check", thisPath)
	if code != exitOK || strings.Contains(out, " X") || !strings.Contains(errs, "注意：上年报告「last.nianbao」找不到，跨年度检查暂停") {
		t.Errorf("check with the file gone (exit %d):\n%s\n%s", code, out, errs)
	}
}

// A --last file that cannot be read is named without a stray space after the colon.
func TestCheckLastUnreadable(t *testing.T) {
	dir := t.TempDir()
	this := filepath.Join(dir, "this.nianbao")
	if err := form.SaveDraft(this, form.Sample(form.Latest)); err != nil {
		t.Fatal(err)
	}
	garbage := filepath.Join(dir, "garbage.pdf")
	if err := os.WriteFile(garbage, []byte("not a pdf"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := cli(t, "check", "--last", garbage, this)
	if code != exitFile || !strings.HasPrefix(errs, "上年报告：无法读取「garbage.pdf」") {
		t.Errorf("exit %d: %q", code, errs)
	}
}
