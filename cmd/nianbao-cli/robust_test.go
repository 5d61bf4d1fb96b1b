package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/export/xlsx/xlsxtest"
	"github.com/nianbao/nianbao/form"
)

// TestExportAllFormats: one export writes Excel, PDF, Word and the web page through the
// registry; each file is whole, and a writer not built yet fails alone, leaving no file.
func TestExportAllFormats(t *testing.T) {
	dir := t.TempDir()
	draft := filepath.Join(dir, "a.nianbao")
	cli(t, "new", "--sample", "-o", draft, "--year", "2025")
	outs := map[string]string{}
	args := []string{"export", draft}
	for _, f := range exportFlags {
		outs[f.id] = filepath.Join(dir, "报告."+f.id)
		args = append(args, "--"+f.id, outs[f.id])
	}
	code, stdout, stderr := cli(t, args...)
	failed := false
	for id, path := range outs {
		data, err := os.ReadFile(path)
		if strings.Contains(stderr, "无法导出「报告."+id+"」：尚未支持") {
			failed = true
			if err == nil {
				t.Errorf("%s: a failing writer left a file", id)
			}
			continue
		}
		if err != nil || !strings.Contains(stdout, path) {
			t.Errorf("%s not written: %v\n%s\n%s", id, err, stdout, stderr)
			continue
		}
		var whole bool
		switch id {
		case "xlsx", "docx":
			_, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			whole = err == nil
		case "pdf":
			whole = bytes.HasPrefix(data, []byte("%PDF-")) && bytes.Contains(data[len(data)-32:], []byte("%%EOF"))
		case "html":
			whole = bytes.Contains(bytes.ToLower(data), []byte("</html>"))
		}
		if !whole {
			t.Errorf("%s is not whole (%d bytes)", id, len(data))
		}
	}
	if want := map[bool]int{false: exitOK, true: exitFile}[failed]; code != want {
		t.Errorf("exit %d, want %d: %s", code, want, stderr)
	}
	// The workbook reads back to the draft's cells.
	_, fromDraft, _ := cli(t, "cells", draft)
	if _, fromXLSX, _ := cli(t, "cells", outs["xlsx"]); fromXLSX != fromDraft {
		t.Error("the exported workbook does not read back to the draft")
	}
}

// TestExportFailureKeepsOldFile: a PDF export that fails (an unusable font) leaves the file
// that was there untouched.
func TestExportFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	draft := filepath.Join(dir, "a.nianbao")
	cli(t, "new", "--sample", "-o", draft, "--year", "2025")
	out := filepath.Join(dir, "a.pdf")
	os.WriteFile(out, []byte("old"), 0o644)
	bad := filepath.Join(dir, "坏.ttf")
	os.WriteFile(bad, []byte("not a font"), 0o644)
	if code, _, _ := cli(t, "export", draft, "--pdf", out, "--font-body", bad); code != exitFile {
		t.Errorf("exit %d, want 2", code)
	}
	if b, _ := os.ReadFile(out); string(b) != "old" {
		t.Errorf("the old PDF was replaced by %d bytes", len(b))
	}
}

// TestExportUnreadableWorkbook: a workbook the app could not read back is not written
// without --force, which the message names (issue 14 item 5).
func TestExportUnreadableWorkbook(t *testing.T) {
	dir := t.TempDir()
	r := form.Sample(form.Latest)
	r.Text.Problems = xlsxtest.LongText(2 << 20) // ~2 MB
	draft := filepath.Join(dir, "长.nianbao")
	if err := form.SaveDraft(draft, r); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "长.xlsx")
	code, _, stderr := cli(t, "export", draft, "--xlsx", out)
	if code != exitFile || !strings.Contains(stderr, "工作表过大") || !strings.Contains(stderr, "--force") {
		t.Errorf("without --force: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("written without --force")
	}
	// (--force sets open.Options.AllowUnreadable, whose writing is tested in export/open.)
}

// TestSetRefusesNewerDraft: set would drop what a newer version wrote; it refuses and leaves
// the file as it was, while cells and export read it (with the read-only note).
func TestSetRefusesNewerDraft(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "新.nianbao")
	data, _ := form.MarshalDraft(form.Sample(form.Latest), time.Time{})
	data = bytes.Replace(data, []byte(`"meta": {`), []byte(`"meta": {"region": "东部",`), 1)
	os.WriteFile(path, data, 0o644)
	code, _, stderr := cli(t, "set", path, "apply.1.natural=1")
	if code != exitFile || !strings.Contains(stderr, "更新版本") || !strings.Contains(stderr, "meta.region") || !strings.Contains(stderr, "文件未修改") {
		t.Errorf("set: exit %d, %q", code, stderr)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, data) {
		t.Error("set rewrote the newer draft")
	}
	code, stdout, stderr := cli(t, "cells", path)
	if code != exitOK || !strings.Contains(stdout, "apply.1.natural\t") || !strings.Contains(stderr, "只读") {
		t.Errorf("cells: exit %d, stderr %q", code, stderr)
	}
}

// TestNoTerminalEscapes: text from files (an agency name, a cell, a file name) never
// reaches the terminal with its control characters (issue 14 item 8).
func TestNoTerminalEscapes(t *testing.T) {
	dir := t.TempDir()
	evil := "\x1b[2J\x1b]0;pwned\x07某某县\u202e局\r\u009b31m"
	txt := filepath.Join(dir, "网页.txt")
	title := "\x1b[2J\x1b]0;pwned\x07某某县\u202e局" // a line break inside would split the title
	os.WriteFile(txt, []byte(title+"2025年政府信息公开工作年度报告\n一、总体情况\n本年度……\n"), 0o644)
	draft := filepath.Join(dir, "a.nianbao")
	code, stdout, stderr := cli(t, "import", "-o", draft, txt)
	if code != exitOK {
		t.Fatalf("import: %d %s", code, stderr)
	}
	if !strings.Contains(stdout, "某某县局") {
		t.Errorf("the agency name is not shown: %q", stdout)
	}
	r, _ := form.LoadDraft(draft)
	r.Meta.Agency = evil
	_ = r.Set("apply.1.natural", "\x1b[31m7")
	form.SaveDraft(draft, r)
	_, cells, _ := cli(t, "cells", draft)
	badName := filepath.Join(dir, "\x1b[31m坏.nianbao")
	_, _, missing := cli(t, "cells", badName)
	for name, s := range map[string]string{"import": stdout + stderr, "cells": cells, "error": missing} {
		for _, r := range s {
			if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f || r == '\u202e' {
				t.Errorf("%s output holds control character %U: %q", name, r, s)
				break
			}
		}
	}
	if !strings.Contains(missing, "[31m坏.nianbao") {
		t.Errorf("the file name is not shown: %q", missing)
	}
}

// TestTermWriter: control characters are dropped, invalid UTF-8 replaced, and a character
// split across two writes kept whole.
func TestTermWriter(t *testing.T) {
	var b bytes.Buffer
	w := newTermWriter(&b)
	full := []byte("甲\x1b[1m乙\t丙\n\xff")
	w.Write(full[:2]) // half of 甲
	w.Write(full[2:])
	w.Write([]byte{0xe4})
	w.Flush()
	if got, want := b.String(), "甲[1m乙\t丙\n\ufffd\ufffd"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestHostilePathsCLI: a .txt that is /dev/zero, a workbook or draft that is a FIFO are
// refused at once in Chinese by every reading command.
func TestHostilePathsCLI(t *testing.T) {
	dir := t.TempDir()
	zero := filepath.Join(dir, "zero.txt")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Skip(err)
	}
	paths := []string{zero}
	if p := fifo(t, dir, "fifo.xlsx"); p != "" {
		paths = append(paths, p, fifo(t, dir, "fifo.nianbao"), fifo(t, dir, "fifo.txt"))
	}
	for _, p := range paths {
		for _, cmd := range [][]string{{"cells", p}, {"import", "-o", filepath.Join(dir, "x.nianbao"), p}, {"export", p, "--xlsx", filepath.Join(dir, "x.xlsx")}, {"merge", "-o", filepath.Join(dir, "t.xlsx"), p}} {
			done := make(chan string, 1)
			go func() {
				_, stdout, stderr := cli(t, cmd...)
				done <- stdout + stderr
			}()
			select {
			case stderr := <-done:
				// (import reads published reports only: a workbook or draft name is refused by type first)
				if !strings.Contains(stderr, "不是普通文件") && !(cmd[0] == "import" && strings.Contains(stderr, "不支持这种文件类型")) {
					t.Errorf("%v: %q", cmd, stderr)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("%v hangs", cmd)
			}
		}
	}
}
