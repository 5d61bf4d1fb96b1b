package ui

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/export/xlsx"
	"github.com/nianbao/nianbao/form"
)

var (
	cliOnce sync.Once
	cliPath string
	cliErr  error
)

// cliBinary builds nianbao-cli once for the tests of this package.
func cliBinary(t *testing.T) string {
	t.Helper()
	cliOnce.Do(func() {
		dir, err := os.MkdirTemp("", "nianbao-cli-")
		if err != nil {
			cliErr = err
			return
		}
		cliPath = filepath.Join(dir, "nianbao-cli")
		cmd := exec.Command("go", "build", "-o", cliPath, "../cmd/nianbao-cli")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			cliErr = err
			t.Logf("%s", out)
		}
	})
	if cliErr != nil {
		t.Fatalf("building nianbao-cli: %v", cliErr)
	}
	return cliPath
}

// problemKey is what both front ends must agree on: the rule, its severity, its cells and
// its message, in order.
func problemKeys(ps []form.Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, string(p.Severity)+" "+p.Rule+" "+strings.Join(p.Cells, ",")+" "+p.Message)
	}
	return out
}

// The GUI's problems and `nianbao-cli check --json` are the same — rule ids, severities,
// cells and messages, in the same order — for the same file: the sample, an empty report, a
// report with 基本信息, table and text problems, a pair of years, seed and corpus texts and
// a saved web page (issue 10's "Done when").
func TestGUIAndCLIReportTheSameProblems(t *testing.T) {
	cli := cliBinary(t)
	dir := t.TempDir()
	save := func(name string, r *form.Report) string {
		p := filepath.Join(dir, name)
		if err := form.SaveDraft(p, r); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad := form.Sample(form.Latest)
	bad.Meta.Agency, bad.Meta.Date = "", "2026-02-15"
	bad.Text.Other = "无。"
	_ = bad.Set("apply.3.1.natural", "1")
	_ = bad.Set("apply.3.1.total", "1")
	_ = bad.Set("apply.3.2.legal", "abc")
	bad.FillDerived()
	// Totals missing in the file, every term given (a hand-filled workbook, an older
	// draft): both front ends compute them before checking (open.Prepare).
	noTotals := form.Sample(form.Latest)
	for _, d := range noTotals.Format.Cells {
		if d.Derived {
			_ = noTotals.Set(d.Code, "")
		}
	}
	noTotalsXLSX := filepath.Join(dir, "no-totals.xlsx")
	if f, err := os.Create(noTotalsXLSX); err != nil {
		t.Fatal(err)
	} else if err := xlsx.Write(f, noTotals); err != nil || f.Close() != nil {
		t.Fatal(err)
	}
	// Totals typed in the file, one disagreeing with its items and one blank: both front ends
	// keep them as typed (the GUI's 手动填写合计), so the blank total is the clerk's to fill.
	typed := form.Sample(form.Latest)
	_ = typed.Set("apply.2.total", "999")
	_ = typed.Set("apply.3.2.total", "")
	_ = typed.Set("apply.3.2.natural", "") // the total waits for it, unless totals are typed
	last := form.Sample(form.Latest)
	last.Meta.Year--
	_ = last.Set("apply.4.natural", "5")
	// A draft linked to last year's report (saved in "lastYear"): the GUI reads it on open,
	// the CLI without --last too (open.LastYearOf), and the X rules fire in both.
	lastLinked := form.Sample(form.Latest)
	lastLinked.Meta.Year--
	_ = lastLinked.Set("apply.4.natural", "5")
	lastLinked.FillDerived()
	linked := form.Sample(form.Latest)
	linked.LastYear = save("linked-last.nianbao", lastLinked)
	cases := []struct{ name, file, last string }{
		{"sample", save("sample.nianbao", form.Sample(form.Latest)), ""},
		{"empty", save("empty.nianbao", form.New(form.Latest, 2025, "")), ""},
		{"2019 format, partly filled", save("f19.nianbao", form.New(form.FormatForYear(2020), 2020, "某局")), ""},
		{"problems", save("bad.nianbao", bad), ""},
		{"totals missing in a draft", save("no-totals.nianbao", noTotals), ""},
		{"totals missing in a workbook", noTotalsXLSX, ""},
		{"totals typed in the file", save("typed.nianbao", typed), ""},
		{"with last year", save("this.nianbao", form.Sample(form.Latest)), save("last.nianbao", last)},
		{"linked to last year in the draft", save("linked.nianbao", linked), ""},
		{"seed003", filepath.Join("..", "form", "testdata", "seeds", "seed003.txt"), ""},
		{"corpus 07", filepath.Join("..", "form", "testdata", "corpus", "07_pingtan_shenpiju_2024.txt"), ""},
		{"corpus 10, cut short", filepath.Join("testdata", pubPartial), ""},
		{"web page", filepath.Join("testdata", pubHTML), ""},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := []string{"check", "--json"}
			if c.last != "" {
				args = append(args, "--last", c.last)
			}
			out, err := exec.Command(cli, append(args, c.file)...).Output()
			if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() > 1) {
				t.Fatalf("nianbao-cli check: %v", err)
			}
			var fromCLI []form.Problem
			if err := json.Unmarshal(out, &fromCLI); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			u := newTestUI(t)
			settle(t, u, func() { // a draft's last-year link is read in the background
				if _, err := u.open(c.file); err != nil {
					t.Fatal(err)
				}
			})
			if c.last != "" {
				if _, err := u.loadLastYear(c.last); err != nil {
					t.Fatal(err)
				}
				// loadLastYear carried 上年结转 over (an edit the user asked for); the CLI checks
				// the file as it is: show the file's report again, last year kept.
				o, err := readFile(c.file, false)
				if err != nil {
					t.Fatal(err)
				}
				u.setReport(o.rep, c.file)
			}
			if c.name == "linked to last year in the draft" && (u.last == nil || !hasRule(u.problems, "X1")) {
				t.Errorf("the draft's last-year link was not read (problems %v)", problemKeys(u.problems))
			}
			gui, cliKeys := problemKeys(u.problems), problemKeys(fromCLI)
			if strings.Join(gui, "\n") != strings.Join(cliKeys, "\n") {
				t.Errorf("GUI and CLI differ:\nGUI:\n%s\nCLI:\n%s", strings.Join(gui, "\n"), strings.Join(cliKeys, "\n"))
			}
			for _, p := range u.problems {
				seen[p.Rule] = true
			}
		})
	}
	// The reports cover the rule families: 基本信息, blanks, tables, last year and the text.
	for _, id := range []string{"M1", "M3", "B1", "B2", "H5", "H3", "X1", "W2", "D1"} {
		if !seen[id] {
			t.Errorf("no report raised %s: the comparison does not cover it", id)
		}
	}
}

// `nianbao-cli import` prints what the app's import dialog shows (issue: the registry dropped
// the import's result): the same summary lines, then every note once, for a text, a saved web
// page, a Word file and a PDF.
func TestGUIAndCLIShowTheSameImport(t *testing.T) {
	cli := cliBinary(t)
	dir := t.TempDir()
	for _, name := range []string{pubPartial, pubHTML, pubDOCX, pubPDF} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", name)
			out, err := exec.Command(cli, "import", "-o", filepath.Join(dir, name+".nianbao"), path).Output()
			if err != nil {
				t.Fatalf("nianbao-cli import: %v", err)
			}
			o, err := readFile(path, false)
			if err != nil {
				t.Fatal(err)
			}
			want := append([]string(nil), o.summary...)
			for _, w := range o.warnings {
				want = append(want, "注意："+w)
			}
			got := strings.Split(strings.TrimSpace(string(out)), "\n")
			if len(got) == 0 || !strings.HasPrefix(got[len(got)-1], "已保存草稿：") {
				t.Fatalf("no 已保存草稿 line:\n%s", out)
			}
			got = got[:len(got)-1]
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("CLI and GUI differ:\nCLI:\n%s\nGUI:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if len(o.summary) == 0 || !strings.HasPrefix(o.summary[0], "来源：") {
				t.Errorf("no import summary in the GUI: %q", o.summary)
			}
		})
	}
}
