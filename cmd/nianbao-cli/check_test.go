package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// saveDraft writes r as a draft in dir and returns its path.
func saveDraft(t *testing.T, dir, name string, r *form.Report) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := form.SaveDraft(path, r); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCheckFinalNamesEachBlank: a finished report with blank cells passes the drafting check
// with 未填 items, and fails --final with one error per blank cell, each named.
func TestCheckFinalNamesEachBlank(t *testing.T) {
	dir := t.TempDir()
	r := form.Sample(form.Latest)
	_ = r.Set("apply.3.3.4.natural", "")
	_ = r.Set("review.after.pending", "")
	path := saveDraft(t, dir, "a.nianbao", r)

	code, out, _ := cli(t, "check", path)
	if code != exitOK || !strings.Contains(out, "[未填 B1] 第三部分还有 1 格未填：「（三）不予公开 4.保护第三方合法权益」行「自然人」列，没有发生的请填 0") ||
		!strings.Contains(out, "[未填 B1] 第四部分还有 1 格未填") || !strings.Contains(out, "还有 2 处未填。发布前请运行 nianbao-cli check --final") ||
		strings.Contains(out, "检查通过") {
		t.Errorf("drafting: exit %d\n%s", code, out)
	}
	code, out, _ = cli(t, "check", "--final", path)
	if code != exitProblems {
		t.Errorf("--final: exit %d, want 1", code)
	}
	for _, want := range []string{
		"[错误 H5] 第三部分「（三）不予公开 4.保护第三方合法权益」行「自然人」列：未填写。空白不是数字，没有发生的请填 0",
		"[错误 H5] 第四部分「复议后起诉·尚未审结」：未填写",
		"共 2 处错误（其中 2 处未填写）、0 处提醒。",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("--final lacks %q:\n%s", want, out)
		}
	}
	// The complete report passes both.
	full := saveDraft(t, dir, "full.nianbao", form.Sample(form.Latest))
	for _, args := range [][]string{{"check", full}, {"check", "--final", full}} {
		if code, out, _ := cli(t, args...); code != exitOK || !strings.Contains(out, "检查通过：没有发现问题。") {
			t.Errorf("%v: exit %d\n%s", args, code, out)
		}
	}
	// An empty 六 and agency are errors in the final check only.
	r = form.Sample(form.Latest)
	r.Text.Other, r.Meta.Agency = "", ""
	path = saveDraft(t, dir, "b.nianbao", r)
	if code, out, _ := cli(t, "check", path); code != exitOK || !strings.Contains(out, "[未填 M1]") || !strings.Contains(out, "[未填 B2]") {
		t.Errorf("drafting, empty 六: exit %d\n%s", code, out)
	}
	if code, out, _ := cli(t, "check", "--final", path); code != exitProblems || !strings.Contains(out, "[错误 M1]") || !strings.Contains(out, "[错误 B2] 「六、其他需要报告的事项」尚未填写") {
		t.Errorf("final, empty 六: exit %d\n%s", code, out)
	}
}

var ruleTag = regexp.MustCompile(`(?m)^\[(错误|提醒|未填) ([A-Z][0-9])\]`)

// TestCheckSameAsCheckAll: for several reports (a complete draft, a real published text with
// errors, a report with 基本信息 and table problems, a pair of years), `check --json` lists
// exactly the problems of form.CheckAll — the entry point the desktop app calls — in the same
// order with the same rule ids, and the text output carries the same ids.
func TestCheckSameAsCheckAll(t *testing.T) {
	dir := t.TempDir()
	seed003 := filepath.Join("..", "..", "form", "testdata", "seeds", "seed003.txt")
	corpus07 := filepath.Join("..", "..", "form", "testdata", "corpus", "07_pingtan_shenpiju_2024.txt")
	bad := form.Sample(form.Latest)
	bad.Meta.Agency, bad.Meta.Date = "", "2026-02-15"
	bad.Text.Opening = strings.Replace(bad.Text.Opening, "2025年1月1日", "2024年1月1日", 1)
	_ = bad.Set("apply.1.total", "41")
	_ = bad.Set("apply.3.2.legal", "")
	last := form.Sample(form.Latest)
	last.Meta.Year--
	_ = last.Set("apply.4.natural", "5")
	cases := []struct {
		name string
		file string
		last string
	}{
		{"sample", saveDraft(t, dir, "sample.nianbao", form.Sample(form.Latest)), ""},
		{"seed003", seed003, ""},
		{"corpus07", corpus07, ""},
		{"bad", saveDraft(t, dir, "bad.nianbao", bad), ""},
		{"with last year", saveDraft(t, dir, "this.nianbao", form.Sample(form.Latest)), saveDraft(t, dir, "last.nianbao", last)},
	}
	for _, tc := range cases {
		for _, final := range []bool{false, true} {
			args := []string{"check"}
			if final {
				args = append(args, "--final")
			}
			if tc.last != "" {
				args = append(args, "--last", tc.last)
			}
			code, out, _ := cli(t, append(append([]string(nil), args...), "--json", tc.file)...)
			var got []form.Problem
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%s: %v\n%s", tc.name, err, out)
			}
			r, _, err := openReport(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			var l *form.Report
			if tc.last != "" {
				l, _ = form.LoadDraft(tc.last)
			}
			mode := form.Drafting
			if final {
				mode = form.Final
			}
			want := form.CheckAll(r, l, mode)
			if len(got) != len(want) {
				t.Fatalf("%s final=%v: %d problems from the CLI, %d from CheckAll", tc.name, final, len(got), len(want))
			}
			var ids []string
			for i := range want {
				if got[i].Rule != want[i].Rule || got[i].Message != want[i].Message || strings.Join(got[i].Cells, ",") != strings.Join(want[i].Cells, ",") {
					t.Errorf("%s final=%v #%d: CLI %s %q, CheckAll %s %q", tc.name, final, i, got[i].Rule, got[i].Message, want[i].Rule, want[i].Message)
				}
				ids = append(ids, string(want[i].Severity)+" "+want[i].Rule)
			}
			if (code == exitProblems) != (form.Errors(want) > 0) {
				t.Errorf("%s final=%v: exit %d with %d errors", tc.name, final, code, form.Errors(want))
			}
			_, text, _ := cli(t, append(args, tc.file)...)
			var textIDs []string
			for _, m := range ruleTag.FindAllStringSubmatch(text, -1) {
				textIDs = append(textIDs, m[1]+" "+m[2])
			}
			if strings.Join(textIDs, ",") != strings.Join(ids, ",") {
				t.Errorf("%s final=%v: text ids %v, JSON ids %v", tc.name, final, textIDs, ids)
			}
		}
	}
	// The reports above exercise the rules this test is about.
	r, _ := form.LoadDraft(cases[3].file)
	seen := map[string]bool{}
	for _, p := range form.CheckAll(r, nil, form.Drafting) {
		seen[p.Rule] = true
	}
	for _, id := range []string{"M1", "D1", "H2", "H1", "W4", "B1"} {
		if !seen[id] {
			t.Errorf("the bad report raises no %s", id)
		}
	}
	if _, err := os.Stat(corpus07); err != nil {
		t.Fatal(err)
	}
}
