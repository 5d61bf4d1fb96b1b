package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
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

// TestExportKeepsBadValues: a "/" typed in the draft is refused by export's check (H5,
// named with its rule id); with --force it is exported as text and reported by check on the
// workbook.
func TestExportKeepsBadValues(t *testing.T) {
	dir := t.TempDir()
	draft, out := filepath.Join(dir, "a.nianbao"), filepath.Join(dir, "a.xlsx")
	cli(t, "new", "--sample", "-o", draft, "--year", "2025")
	// set refuses bad values, so write the draft's cell through the file itself.
	data, _ := os.ReadFile(draft)
	data = []byte(strings.Replace(string(data), `"apply.3.1.natural": "18"`, `"apply.3.1.natural": "/"`, 1))
	os.WriteFile(draft, data, 0o644)
	code, _, stderr := cli(t, "export", draft, "--xlsx", out)
	if code != exitProblems || !strings.Contains(stderr, "[错误 H5]") || !strings.Contains(stderr, "报告还有 1 个错误") || !strings.Contains(stderr, "未导出") {
		t.Fatalf("export: exit %d, stderr %q; want 1, the error with its rule and 未导出", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("a refused export wrote the workbook")
	}
	if code, _, stderr := cli(t, "export", draft, "--xlsx", out, "--force"); code != exitOK {
		t.Fatalf("export --force: exit %d, %s", code, stderr)
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

// TestExportWithErrors: a draft with 错误 is not written: the errors are listed with their
// rule ids on stderr, exit code 1; --force writes it, says how many errors, exits 0; a clean
// draft gives no warning and exits 0.
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
		draft          string
		force, written bool
		code           int
		say            string // on stderr
	}{
		{bad, false, false, exitProblems, "[错误 H1]"},
		{bad, false, false, exitProblems, "未导出：请改正后再导出，或加 --force 仍然导出。"},
		{bad, true, true, exitOK, "注意：按发布要求检查，报告还有 2 个错误；按 --force 仍然导出。"},
		{clean, false, true, exitOK, ""},
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
		if tc.say != "" && !strings.Contains(stderr, tc.say) || tc.say == "" && strings.Contains(stderr, "错误") {
			t.Errorf("%v: stderr %q, want %q", args, stderr, tc.say)
		}
		for _, f := range []string{x, p} {
			if _, err := os.Stat(f); (err == nil) != tc.written || strings.Contains(stdout, f) != tc.written {
				t.Errorf("%v: %s written: %v, want %v (%q)", args, f, err == nil, tc.written, stdout)
			}
		}
	}
	if _, stdout, _ := cli(t, "export", "--help"); !strings.Contains(stdout, "--force") || !strings.Contains(stdout, "退出码 1") || !strings.Contains(stdout, "-y") {
		t.Errorf("--help does not explain --force and -y: %s", stdout)
	}
}

// TestExportFinalCheck: export checks as before publication (form.CheckFinal, like the
// desktop app's 导出 and check --final), not as while drafting: a report with a blank cell and
// an empty 五 is refused, naming the rules; --force says how many blanks it has (the totals
// waiting for the blank cell are not counted: form's PendingTotals).
func TestExportFinalCheck(t *testing.T) {
	dir := t.TempDir()
	r := form.Sample(form.Latest)
	_ = r.Set("apply.3.2.legal", "")
	r.FillDerived()
	r.Text.Problems = ""
	draft := filepath.Join(dir, "未填完.nianbao")
	if err := form.SaveDraft(draft, r); err != nil {
		t.Fatal(err)
	}
	// While drafting the blanks are 未填, not errors: the old check let it through.
	if code, stdout, _ := cli(t, "check", draft); code != exitOK {
		t.Fatalf("setup: check (drafting) = %d: %s", code, stdout)
	}
	_, final, _ := cli(t, "check", "--final", draft)
	out := filepath.Join(dir, "a.pdf")
	code, _, stderr := cli(t, "export", draft, "--pdf", out)
	if code != exitProblems || !strings.Contains(stderr, "未导出") {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	for _, l := range strings.Split(final, "\n") {
		if strings.HasPrefix(l, "[错误 ") && !strings.Contains(stderr, l) {
			t.Errorf("export does not name %q:\n%s", l, stderr)
		}
	}
	if !strings.Contains(stderr, "[错误 H5] 第三部分「（二）部分公开」行「法律服务机构」列：未填写") || !strings.Contains(stderr, "[错误 B2] 「五、存在的主要问题及改进情况」尚未填写") {
		t.Errorf("the blank cell and the empty 五 are not named with their rules:\n%s", stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused export wrote the PDF")
	}
	code, _, stderr = cli(t, "export", draft, "--pdf", out, "--force")
	if code != exitOK || !strings.Contains(stderr, "报告还有 2 个错误，其中 2 处未填写") {
		t.Errorf("export --force: exit %d: %s", code, stderr)
	}
}

// TestExportFontsAndOverwrite: the PDF's fonts are printed, one role a line, as the desktop
// app shows them; an existing output is not overwritten without -y (or --force), and a
// name of another format (an old .doc for Word) is refused.
func TestExportFontsAndOverwrite(t *testing.T) {
	dir := t.TempDir()
	draft := filepath.Join(dir, "a.nianbao")
	cli(t, "new", "--sample", "-o", draft, "--year", "2025")
	out := filepath.Join(dir, "a.pdf")
	code, stdout, stderr := cli(t, "export", draft, "--pdf", out, "--bundled-fonts")
	if code != exitOK {
		t.Fatalf("export: %d %s", code, stderr)
	}
	for _, w := range []string{"PDF 使用的字体：\n", "  标题：", "  正文：", "  一级标题：", "  二级标题："} {
		if !strings.Contains(stdout, w) {
			t.Errorf("stdout lacks %q:\n%s", w, stdout)
		}
	}
	os.WriteFile(out, []byte("已审签的旧版本"), 0o644)
	code, _, stderr = cli(t, "export", draft, "--pdf", out)
	if b, _ := os.ReadFile(out); code != exitFile || !strings.Contains(stderr, "已存在") || !strings.Contains(stderr, "-y") || string(b) != "已审签的旧版本" {
		t.Errorf("overwrite without -y: exit %d, %q, file %q", code, stderr, b)
	}
	for _, flag := range []string{"-y", "--force"} {
		os.WriteFile(out, []byte("旧"), 0o644)
		if code, _, stderr := cli(t, "export", draft, "--pdf", out, flag); code != exitOK {
			t.Errorf("%s: exit %d %s", flag, code, stderr)
		}
		if b, _ := os.ReadFile(out); !strings.HasPrefix(string(b), "%PDF") {
			t.Errorf("%s did not overwrite", flag)
		}
	}
	for _, tc := range []struct{ flag, name, want string }{
		{"--docx", "a.doc", "「a.docx」"},
		{"--xlsx", "a.pdf", "「a.xlsx」"},
		{"--html", "a.htm", ""},
		{"--xlsx", "无扩展名", ""},
	} {
		p := filepath.Join(dir, "names", tc.name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		code, _, stderr := cli(t, "export", draft, tc.flag, p)
		_, err := os.Stat(p)
		if tc.want == "" && (code != exitOK || err != nil) || tc.want != "" && (code != exitFile || !strings.Contains(stderr, tc.want) || err == nil) {
			t.Errorf("%s %s: exit %d, written %v: %s", tc.flag, tc.name, code, err == nil, stderr)
		}
	}
}
