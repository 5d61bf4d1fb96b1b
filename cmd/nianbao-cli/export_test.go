package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportXLSXAndReadBack(t *testing.T) {
	dir := t.TempDir()
	for _, year := range []string{"2025", "2020"} {
		draft := filepath.Join(dir, year+".nianbao")
		out := filepath.Join(dir, year+".xlsx")
		if code, _, e := cli(t, "new", "--sample", "-o", draft, "--year", year); code != 0 {
			t.Fatalf("new: %s", e)
		}
		code, stdout, stderr := cli(t, "export", draft, "--xlsx", out)
		if code != 0 || !strings.Contains(stdout, out) {
			t.Fatalf("export: %d %s %s", code, stdout, stderr)
		}
		_, fromDraft, _ := cli(t, "cells", draft)
		_, fromXLSX, e := cli(t, "cells", out)
		if fromDraft != fromXLSX || e != "" {
			t.Errorf("%s: cells of the workbook differ from the draft (%s)", year, e)
		}
		if code, stdout, _ := cli(t, "check", out); code != 0 || !strings.Contains(stdout, "检查通过") {
			t.Errorf("%s: check of the exported workbook: %d %s", year, code, stdout)
		}
	}
}

// TestExportKeepsBadValues: a "/" typed in the draft is exported as text and reported
// by check on the workbook; export itself warns, writes the file and exits 1.
func TestExportKeepsBadValues(t *testing.T) {
	dir := t.TempDir()
	draft, out := filepath.Join(dir, "a.nianbao"), filepath.Join(dir, "a.xlsx")
	cli(t, "new", "--sample", "-o", draft, "--year", "2025")
	// set refuses bad values, so write the draft's cell through the file itself.
	data, _ := os.ReadFile(draft)
	data = []byte(strings.Replace(string(data), `"apply.3.1.natural": "18"`, `"apply.3.1.natural": "/"`, 1))
	os.WriteFile(draft, data, 0o644)
	code, _, stderr := cli(t, "export", draft, "--xlsx", out)
	if code != exitProblems || !strings.Contains(stderr, "注意：报告还有 1 处错误（运行 nianbao-cli check 查看）") {
		t.Fatalf("export: exit %d, stderr %q; want 1 and the error count", code, stderr)
	}
	code, stdout, _ := cli(t, "check", out)
	if code != 1 || !strings.Contains(stdout, "「/」") {
		t.Errorf("check: %d %s", code, stdout)
	}
}

func TestExportPDFAndUsage(t *testing.T) {
	dir := t.TempDir()
	draft := filepath.Join(dir, "a.nianbao")
	cli(t, "new", "--sample", "-o", draft, "--year", "2025")
	pdfPath := filepath.Join(dir, "a.pdf")
	code, stdout, stderr := cli(t, "export", draft, "--pdf", pdfPath)
	if code != 0 {
		t.Fatalf("export --pdf: %d %s %s", code, stdout, stderr)
	}
	if b, _ := os.ReadFile(pdfPath); !strings.HasPrefix(string(b), "%PDF") {
		t.Error("not a PDF")
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"export", draft}, "用法"},
		{[]string{"export", filepath.Join(dir, "无.nianbao"), "--xlsx", filepath.Join(dir, "x.xlsx")}, "不存在"},
		{[]string{"check", filepath.Join(dir, "old.xls")}, ".xls"},
	} {
		if tc.args[0] == "check" {
			os.WriteFile(tc.args[1], []byte{0xD0, 0xCF, 0x11, 0xE0}, 0o644)
		}
		code, _, stderr := cli(t, tc.args...)
		if code != exitFile || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
}

// TestExportPDFOptions: the page-number and font options of the PDF; a font file that
// cannot be used is an error naming it, and the options without --pdf are refused.
func TestExportPDFOptions(t *testing.T) {
	dir := t.TempDir()
	draft := filepath.Join(dir, "a.nianbao")
	cli(t, "new", "--sample", "-o", draft, "--year", "2025")
	notFont := filepath.Join(dir, "假字体.ttf")
	os.WriteFile(notFont, []byte("not a font"), 0o644)
	ok := filepath.Join(dir, "ok.pdf")
	if code, _, stderr := cli(t, "export", draft, "--pdf", ok, "--center-page-numbers", "--bundled-fonts"); code != exitOK {
		t.Fatalf("export with options: %d %s", code, stderr)
	}
	if b, _ := os.ReadFile(ok); !strings.HasPrefix(string(b), "%PDF") {
		t.Error("not a PDF")
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--font-body", notFont}, "假字体.ttf"},
		{[]string{"--font-title", filepath.Join(dir, "无.ttf")}, "无.ttf"},
	} {
		out := filepath.Join(dir, "bad.pdf")
		code, _, stderr := cli(t, append([]string{"export", draft, "--pdf", out}, tc.args...)...)
		if code != exitFile || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, stderr, tc.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: a failed export left %s", tc.args, out)
		}
	}
	code, _, stderr := cli(t, "export", draft, "--xlsx", filepath.Join(dir, "a.xlsx"), "--bundled-fonts")
	if code != exitFile || !strings.Contains(stderr, "--pdf") {
		t.Errorf("--bundled-fonts without --pdf: exit %d, stderr %q", code, stderr)
	}
	if code, _, _ := cli(t, "pdf", draft); code == exitOK {
		t.Error("the pdf command is gone; export --pdf replaces it")
	}
}

// TestExportWithErrors: a draft with 错误 is still written as Excel and PDF, with the
// number of errors on stderr and exit code 1; --force exits 0; a clean draft gives no
// warning and exits 0.
func TestExportWithErrors(t *testing.T) {
	dir := t.TempDir()
	clean, bad := filepath.Join(dir, "clean.nianbao"), filepath.Join(dir, "bad.nianbao")
	cli(t, "new", "--sample", "-o", clean, "--year", "2025")
	cli(t, "new", "--sample", "-o", bad, "--year", "2025")
	if code, _, e := cli(t, "set", bad, "apply.3.1.natural=19"); code == exitFile {
		t.Fatalf("set: %s", e)
	}
	_, checkOut, _ := cli(t, "check", bad)
	if !strings.Contains(checkOut, "错误") {
		t.Fatalf("setup: the changed draft has no 错误: %s", checkOut)
	}
	for _, tc := range []struct {
		draft string
		force bool
		code  int
		warn  bool
	}{
		{bad, false, exitProblems, true},
		{bad, true, exitOK, true},
		{clean, false, exitOK, false},
	} {
		name := filepath.Base(tc.draft)
		x, p := filepath.Join(dir, name+".xlsx"), filepath.Join(dir, name+".pdf")
		os.Remove(x)
		os.Remove(p)
		args := []string{"export", tc.draft, "--xlsx", x, "--pdf", p}
		if tc.force {
			args = append(args, "--force")
		}
		code, stdout, stderr := cli(t, args...)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, tc.code, stderr)
		}
		if got := strings.Contains(stderr, "注意：报告还有") && strings.Contains(stderr, "处错误（运行 nianbao-cli check 查看）"); got != tc.warn {
			t.Errorf("%v: warning = %v, want %v: %q", args, got, tc.warn, stderr)
		}
		for _, f := range []string{x, p} {
			if _, err := os.Stat(f); err != nil || !strings.Contains(stdout, f) {
				t.Errorf("%v: %s not written: %v %q", args, f, err, stdout)
			}
		}
	}
	if _, stdout, _ := cli(t, "export", "--help"); !strings.Contains(stdout, "--force") || !strings.Contains(stdout, "退出码 1") {
		t.Errorf("--help does not explain --force: %s", stdout)
	}
}
