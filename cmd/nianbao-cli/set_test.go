package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// cellText returns one cell's text from the cells command ("" for a blank).
func cellText(t *testing.T, path, code string) string {
	t.Helper()
	_, out, e := cli(t, "cells", path)
	for _, l := range strings.Split(out, "\n") {
		if c, v, ok := strings.Cut(l, "\t"); ok && c == code {
			return v
		}
	}
	t.Fatalf("no %s in cells of %s (%s)", code, path, e)
	return ""
}

// TestSetRecomputesTotals: set recomputes the totals by the rule every front end uses
// (open.Prepare): only where every term is a number, a blank is not a zero; totals typed in
// the file (disagreeing with their terms) or typed in this set are kept, and said so.
func TestSetRecomputesTotals(t *testing.T) {
	dir := t.TempDir()
	sample := form.Sample(form.Latest)
	n, _ := sample.Value("apply.1.natural")
	total, _ := sample.Value("apply.1.total")
	plus := func(v form.Num, d int64) string { return strconv.FormatInt(v.Int()+d, 10) }
	wrong := form.Sample(form.Latest)
	_ = wrong.Set("apply.2.total", "999")
	noTotals := form.Sample(form.Latest)
	_ = noTotals.Set("apply.2.total", "")
	for _, tc := range []struct {
		name     string
		r        *form.Report
		set      []string
		want     map[string]string
		say, err string // on stdout; on stderr
	}{
		{"a term changed", sample, []string{"apply.1.natural=" + plus(n, 1)},
			map[string]string{"apply.1.total": plus(total, 1)}, "已按各项数字计算 1 个合计：apply.1.total", ""},
		{"a term cleared", sample, []string{"apply.1.natural="},
			map[string]string{"apply.1.total": ""}, "已按各项数字计算", ""},
		{"a total typed", sample, []string{"apply.1.natural=" + plus(n, 1), "apply.1.total=5"},
			map[string]string{"apply.1.total": "5"}, "", "本次填写了合计格"},
		{"totals typed in the file", wrong, []string{"apply.1.natural=" + plus(n, 1)},
			map[string]string{"apply.1.total": plus(total, 0), "apply.2.total": "999"}, "", "合计保留文件中的数字"},
		{"a total blank in the file", noTotals, []string{"apply.1.natural=" + plus(n, 1)},
			map[string]string{"apply.1.total": plus(total, 1), "apply.2.total": cellOf(sample, "apply.2.total")}, "2 个合计", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+form.DraftExt)
			if err := form.SaveDraft(path, tc.r); err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := cli(t, append([]string{"set", path}, tc.set...)...)
			if code != exitOK {
				t.Fatalf("set: exit %d: %s", code, stderr)
			}
			if tc.say != "" && !strings.Contains(stdout, tc.say) || tc.say == "" && stdout != "" {
				t.Errorf("stdout %q, want %q", stdout, tc.say)
			}
			if !strings.Contains(stderr, tc.err) || tc.err == "" && stderr != "" {
				t.Errorf("stderr %q, want %q", stderr, tc.err)
			}
			r, err := form.LoadDraft(path) // the file as saved, before any front end prepares it
			if err != nil {
				t.Fatal(err)
			}
			for code, want := range tc.want {
				if got := cellOf(r, code); got != want {
					t.Errorf("%s = %q, want %q", code, got, want)
				}
			}
		})
	}
}

// cellOf is a cell's text in r.
func cellOf(r *form.Report, code string) string {
	c, _ := r.Cell(code)
	return c.Text
}
