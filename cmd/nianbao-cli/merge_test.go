package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/export/xlsx/xlsxtest"
)

// cellValue returns one cell's value from the cells command.
func cellValue(t *testing.T, path, code string) int {
	t.Helper()
	_, out, e := cli(t, "cells", path)
	for _, l := range strings.Split(out, "\n") {
		if c, v, ok := strings.Cut(l, "\t"); ok && c == code {
			n, _ := strconv.Atoi(v)
			return n
		}
	}
	t.Fatalf("no %s in cells of %s (%s)", code, path, e)
	return 0
}

func TestMerge(t *testing.T) {
	dir := t.TempDir()
	units := filepath.Join(dir, "各单位")
	os.Mkdir(units, 0o755)
	for _, a := range []struct{ name, agency, year string }{
		{"甲.nianbao", "甲局", "2025"}, {"乙.nianbao", "乙局", "2025"}, {"丙.nianbao", "丙局", "2025"},
		{"旧.nianbao", "丁局", "2024"}, {"重复.nianbao", "甲局", "2025"},
	} {
		if code, _, e := cli(t, "new", "--sample", "-o", filepath.Join(units, a.name), "--agency", a.agency, "--year", a.year); code != 0 {
			t.Fatal(e)
		}
	}
	cli(t, "set", filepath.Join(units, "乙.nianbao"), "apply.4.natural=7", "apply.1.natural=41")
	cli(t, "set", filepath.Join(units, "甲.nianbao"), "review.after.pending=") // blank, not 0; set blanks its total too
	// 丙 reports as a workbook.
	cli(t, "export", filepath.Join(units, "丙.nianbao"), "--xlsx", filepath.Join(units, "丙.xlsx"))
	os.Remove(filepath.Join(units, "丙.nianbao"))
	os.WriteFile(filepath.Join(units, "坏.xlsx"), []byte("not a workbook"), 0o644)
	// set recomputes 乙's totals, which balances the two above: unbalance it (H1).
	cli(t, "set", filepath.Join(units, "乙.nianbao"), "apply.4.natural=8")

	total := filepath.Join(units, "汇总.xlsx") // inside the folder: must not count itself
	for run := 0; run < 2; run++ {
		code, stdout, stderr := cli(t, "merge", "-o", total, "--agency", "某县政务公开办", units)
		if code != exitProblems {
			t.Fatalf("merge: exit %d\n%s%s", code, stdout, stderr)
		}
		for _, want := range []string{"未汇总：旧.nianbao：是 2024 年度", "未汇总：重复.nianbao：与「甲.nianbao」", "未汇总：坏.xlsx", "已汇总 3 个单位", "有错误：乙局",
			"有留空：甲局（甲.nianbao）：1 格未填（如表四「复议后起诉·尚未审结」列），汇总表中相应的格子留空",
			"注意：1 个单位有未填的格子，汇总表中 2 格因此留空（空白不是 0，不能相加）", "1 个单位有错误，1 个单位有留空，"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("run %d: output lacks %q:\n%s", run, want, stdout)
			}
		}
		if strings.Contains(stdout, "汇总.xlsx：") {
			t.Errorf("run %d: the output was read as a unit:\n%s", run, stdout)
		}
	}
	sum := 0
	for _, u := range []string{"甲.nianbao", "乙.nianbao", "丙.xlsx"} {
		sum += cellValue(t, filepath.Join(units, u), "apply.4.total")
	}
	if got := cellValue(t, total, "apply.4.total"); got != sum {
		t.Errorf("total 结转下年度 = %d, want the units' sum %d", got, sum)
	}
	// 甲's blank 尚未审结 is blank in the total, not 乙's and 丙's figures alone.
	if _, out, _ := cli(t, "cells", total); !strings.Contains(out, "review.after.pending\t\n") {
		t.Errorf("the total's review.after.pending is not blank:\n%s", out)
	}
	// An earlier total passed as a unit next to its units is left out by name.
	code, stdout, _ := cli(t, "merge", "-o", filepath.Join(dir, "再汇总.xlsx"), "--agency", "某县政务公开办", units)
	if code != exitProblems || !strings.Contains(stdout, "汇总.xlsx：单位名称与汇总单位相同") {
		t.Errorf("earlier total not left out: %d\n%s", code, stdout)
	}
	if code, _, stderr := cli(t, "merge", "-o", filepath.Join(dir, "x.xlsx"), filepath.Join(units, "坏.xlsx")); code != exitFile || !strings.Contains(stderr, "没有可汇总") {
		t.Errorf("nothing to merge: %d %s", code, stderr)
	}
	if code, _, stderr := cli(t, "merge", units); code != exitFile || !strings.Contains(stderr, "用法") {
		t.Errorf("usage: %d %s", code, stderr)
	}
}

// TestMergeSurvivesBadUnits: a column bomb, a device and a broken file among the units are
// left out with their reasons (未汇总), and the rest are summed (issue 14 item 1: one bomb
// used to run the whole 汇总 out of memory).
func TestMergeSurvivesBadUnits(t *testing.T) {
	dir := t.TempDir()
	units := filepath.Join(dir, "units")
	os.Mkdir(units, 0o755)
	for _, name := range []string{"甲", "乙"} {
		p := filepath.Join(units, name+".nianbao")
		cli(t, "new", "--sample", "-o", p, "--year", "2025", "--agency", name+"局")
	}
	os.WriteFile(filepath.Join(units, "炸弹.xlsx"), xlsxtest.ColumnBombs()["meta sheet, 20,000 rows"], 0o644)
	os.WriteFile(filepath.Join(units, "坏.xlsx"), []byte("PK\x03\x04broken"), 0o644)
	os.Symlink("/dev/zero", filepath.Join(units, "零.nianbao"))
	out := filepath.Join(dir, "汇总.xlsx")
	code, stdout, stderr := cli(t, "merge", "-o", out, "--agency", "某县", units)
	if code != exitProblems {
		t.Fatalf("merge: exit %d, want 1: %s %s", code, stdout, stderr)
	}
	for _, w := range []string{"未汇总：炸弹.xlsx：", "未汇总：坏.xlsx：", "未汇总：零.nianbao：", "不是普通文件", "已汇总 2 个单位"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("output lacks %q:\n%s", w, stdout)
		}
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("no total written: %v", err)
	}
}

// TestMergeIncludeOwn: the aggregating agency's own report is left out by default (it may be
// an earlier total) and summed with --include-own, as the app's 「包含本单位报告」.
func TestMergeIncludeOwn(t *testing.T) {
	dir := t.TempDir()
	for _, a := range []struct{ name, agency string }{{"本级.nianbao", "某县政务公开办"}, {"甲.nianbao", "甲局"}} {
		if code, _, e := cli(t, "new", "--sample", "-o", filepath.Join(dir, a.name), "--agency", a.agency, "--year", "2025"); code != 0 {
			t.Fatal(e)
		}
	}
	one := cellValue(t, filepath.Join(dir, "甲.nianbao"), "apply.1.total")
	for _, c := range []struct {
		flags []string
		units string
		left  bool
		want  int
	}{
		{nil, "已汇总 1 个单位", true, one},
		{[]string{"--include-own"}, "已汇总 2 个单位", false, 2 * one},
	} {
		out := filepath.Join(t.TempDir(), "total.xlsx")
		args := append([]string{"merge", "-o", out, "--agency", "某县政务公开办"}, c.flags...)
		_, stdout, stderr := cli(t, append(args, dir)...)
		if !strings.Contains(stdout, c.units) {
			t.Errorf("%v: output lacks %q:\n%s%s", c.flags, c.units, stdout, stderr)
		}
		if got := strings.Contains(stdout, "未汇总：本级.nianbao：单位名称与汇总单位相同"); got != c.left {
			t.Errorf("%v: own report left out = %v, want %v:\n%s", c.flags, got, c.left, stdout)
		}
		if got := cellValue(t, out, "apply.1.total"); got != c.want {
			t.Errorf("%v: total 新收 = %d, want %d", c.flags, got, c.want)
		}
	}
}
