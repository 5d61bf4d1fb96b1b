package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// cli runs the command in-process and returns its exit code, stdout and stderr.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// seedArgs reads CODE=VALUE lines of a seed's cells, as a script would pass them to set.
func seedArgs(t *testing.T, name string) []string {
	fh, err := os.Open(filepath.Join("..", "..", "form", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var args []string
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			args = append(args, l)
		}
	}
	return args
}

func TestSeedsThroughTheCLI(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		seed   string
		exit   int
		errors int
	}{{"seed000.cells", 0, 0}, {"seed003.cells", 1, 4}} {
		path := filepath.Join(dir, tc.seed+".nianbao")
		if code, _, e := cli(t, "new", "-o", path, "--year", "2019"); code != 0 {
			t.Fatalf("new: %d %s", code, e)
		}
		if code, _, e := cli(t, append([]string{"set", path}, seedArgs(t, tc.seed)...)...); code != 0 {
			t.Fatalf("set: %d %s", code, e)
		}
		code, out, _ := cli(t, "check", "--json", path)
		if code != tc.exit {
			t.Errorf("%s: check exit %d, want %d", tc.seed, code, tc.exit)
		}
		var ps []form.Problem
		if err := json.Unmarshal([]byte(out), &ps); err != nil {
			t.Fatalf("check --json: %v\n%s", err, out)
		}
		if form.Errors(ps) != tc.errors {
			t.Errorf("%s: %d errors, want %d: %s", tc.seed, form.Errors(ps), tc.errors, out)
		}
		for _, p := range ps {
			// Besides the errors, only what the seeds leave blank: agency, date, narrative,
			// and in 000 the organisation columns of 三 that the published table leaves empty.
			if p.Severity != form.Error && (p.Severity != form.Unfilled || !p.Blank) {
				t.Errorf("%s: %s %s %s", tc.seed, p.Rule, p.Severity, p.Message)
			}
		}
	}
}

func TestCellsInOfficialOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.nianbao")
	cli(t, "new", "-o", path, "--year", "2019")
	cli(t, append([]string{"set", path}, seedArgs(t, "seed000.cells")...)...)
	code, out, _ := cli(t, "cells", path)
	if code != 0 {
		t.Fatal(code)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	f, _ := form.FormatByID("2019")
	if len(lines) != len(f.Cells) {
		t.Fatalf("%d lines, want %d", len(lines), len(f.Cells))
	}
	for i, want := range []string{"active.rules.made\t0", "active.penalty.change\t-7", "active.coercion.change\t1", "active.procurement.amount\t2488.86"} {
		found := false
		for _, l := range lines {
			found = found || l == want
		}
		if !found {
			t.Errorf("case %d: no line %q", i, want)
		}
	}
	if lines[0] != "active.rules.made\t0" || !strings.HasPrefix(lines[len(lines)-1], "review.after.total\t") {
		t.Errorf("not in official order: first %q last %q", lines[0], lines[len(lines)-1])
	}
	for _, l := range lines {
		if strings.HasPrefix(l, "apply.1.commercial\t") && l != "apply.1.commercial\t" {
			t.Errorf("a blank cell prints a value: %q", l)
		}
	}
}

func TestSetRejectsBadValuesAndKeepsFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.nianbao")
	cli(t, "new", "-o", path, "--year", "2025", "--agency", "某局")
	before, _ := os.ReadFile(path)
	code, _, e := cli(t, "set", path, "apply.1.natural=12", "apply.1.legal=abc", "apply.9=1", "apply.1.research=-2")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{"apply.1.legal", "法律服务机构", "「abc」不是数字", "apply.9", "不能为负数", "文件未修改"} {
		if !strings.Contains(e, want) {
			t.Errorf("stderr lacks %q:\n%s", want, e)
		}
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("file changed although set failed")
	}
	if code, _, e := cli(t, "set", path, "apply.1.natural=１２", "active.fees.amount=1,234.5"); code != 0 {
		t.Fatalf("full-width set: %d %s", code, e)
	}
	_, out, _ := cli(t, "cells", path)
	if !strings.Contains(out, "apply.1.natural\t12\n") || !strings.Contains(out, "active.fees.amount\t1234.50\n") {
		t.Errorf("cells after set:\n%s", out)
	}
}

func TestCheckUnreadableAndLastYear(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.nianbao")
	_ = os.WriteFile(bad, []byte("{broken"), 0o644)
	if code, _, e := cli(t, "check", bad); code != 2 || !strings.Contains(e, "损坏") {
		t.Errorf("broken file: exit %d %s", code, e)
	}
	last := filepath.Join(dir, "last.nianbao")
	this := filepath.Join(dir, "this.nianbao")
	cli(t, "new", "-o", last, "--year", "2024")
	cli(t, "set", last, "apply.4.natural=3", "apply.4.total=3")
	cli(t, "new", "-o", this, "--year", "2025")
	cli(t, "set", this, "apply.2.natural=2", "apply.2.total=2", "apply.3.1.natural=2", "apply.3.1.total=2", "apply.3.7.natural=2", "apply.3.7.total=2")
	if code, out, _ := cli(t, "check", this); code != 0 {
		t.Errorf("without --last: exit %d\n%s", code, out)
	}
	code, out, _ := cli(t, "check", "--last", last, this)
	if code != 1 || !strings.Contains(out, "X1") || !strings.Contains(out, "应等于上年报告") {
		t.Errorf("with --last: exit %d\n%s", code, out)
	}
}

func TestHelpAndNew(t *testing.T) {
	code, out, _ := cli(t, "--help")
	for _, c := range []string{"new", "set", "cells", "check"} {
		if code != 0 || !strings.Contains(out, "nianbao-cli "+c) {
			t.Errorf("--help lacks %s", c)
		}
	}
	if code, out, _ := cli(t, "check", "--help"); code != 0 || !strings.Contains(out, "退出码") {
		t.Errorf("check --help: %d %s", code, out)
	}
	path := filepath.Join(t.TempDir(), "a.nianbao")
	cli(t, "new", "-o", path, "--year", "2020")
	if r, err := form.LoadDraft(path); err != nil || r.Format.ID != "2019" {
		t.Errorf("2020 report should use the 2019 format: %v %v", r, err)
	}
	if code, _, e := cli(t, "new", "-o", path); code != 2 || !strings.Contains(e, "已存在") {
		t.Errorf("new over existing: %d %s", code, e)
	}
	if code, _, e := cli(t, "frobnicate"); code != 2 || !strings.Contains(e, "未知命令") {
		t.Errorf("unknown command: %d %s", code, e)
	}
}
