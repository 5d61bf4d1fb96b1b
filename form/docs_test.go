package form

import (
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// ruleRow is a row of a rules table: "| H1 | 错误 | … |" (README writes "X2、X3" for two).
var ruleRow = regexp.MustCompile(`(?m)^\| *([A-Z][0-9](?:[、, ]+[A-Z][0-9])*) *\| *([^|]+?) *\|`)

// rulesTable reads the rule ids and severities of the rules table in the part of file
// between the headings start and end ("" for the end of the file).
func rulesTable(t *testing.T, file, start, end string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i := strings.Index(s, start)
	if i < 0 {
		t.Fatalf("%s: no %q", file, start)
	}
	s = s[i:]
	if end != "" {
		if j := strings.Index(s, end); j >= 0 {
			s = s[:j]
		}
	}
	out := map[string]string{}
	for _, m := range ruleRow.FindAllStringSubmatch(s, -1) {
		for _, id := range regexp.MustCompile(`[A-Z][0-9]`).FindAllString(m[1], -1) {
			if _, dup := out[id]; dup {
				t.Errorf("%s: %s twice", file, id)
			}
			out[id] = m[2]
		}
	}
	return out
}

// TestRulesDocumented: docs/format.md and README §7 list the same rule ids with the same
// severities, and exactly the rules the checker has.
func TestRulesDocumented(t *testing.T) {
	doc := rulesTable(t, "../docs/format.md", "## Rules", "### Where each rule")
	readme := rulesTable(t, "../README.md", "### 7. 程序检查什么", "### 8.")
	ids := func(m map[string]string) []string {
		var out []string
		for id := range m {
			out = append(out, id)
		}
		sort.Strings(out)
		return out
	}
	want := append([]string(nil), RuleIDs...)
	sort.Strings(want)
	if got := ids(doc); !slices.Equal(got, want) {
		t.Errorf("docs/format.md rules %v, checker %v", got, want)
	}
	if got := ids(readme); !slices.Equal(got, want) {
		t.Errorf("README rules %v, checker %v", got, want)
	}
	for id, sev := range doc {
		if readme[id] != sev {
			t.Errorf("%s: docs/format.md says %q, README %q", id, sev, readme[id])
		}
		if !strings.HasPrefix(sev, string(Error)) && !strings.HasPrefix(sev, string(Warning)) && !strings.HasPrefix(sev, string(Unfilled)) {
			t.Errorf("%s: severity %q is not one of the checker's", id, sev)
		}
	}
}

// TestEveryRuleFires: every rule of RuleIDs is raised by some report, with the documented
// severity in the mode it names first, so the list and the checker cannot drift apart.
func TestEveryRuleFires(t *testing.T) {
	doc := rulesTable(t, "../docs/format.md", "## Rules", "### Where each rule")
	f19, _ := FormatByID("2019")
	seen := map[string]Severity{}
	run := func(r, last *Report) {
		for _, p := range CheckAll(r, last, Drafting) {
			if _, ok := seen[p.Rule]; !ok || p.Severity != Unfilled {
				seen[p.Rule] = p.Severity
			}
		}
	}
	run(New(Latest, 0, ""), nil) // M1-M3 (未填), B1, B2
	r := Sample(Latest)
	r.Meta.Year, r.Meta.Date = 2017, "2026-13-01" // M2, M3 (提醒)
	run(r, nil)
	r = loadCells(t, f19, "testdata/seed003.cells") // H2, H3
	r.Meta = Meta{Agency: "某局", Year: 2023, Date: "2024-01-10"}
	run(r, nil) // F1
	r = Sample(Latest)
	r.Meta.Date = "2026-03-01"
	r.Text.Opening = strings.Replace(r.Text.Opening, "条例》", "条例》（国务院令第492号）", 1)
	r.Text.Overview = strings.Repeat("年", 1001)
	r.Text.Other = "无。"
	_ = r.Set("apply.4.natural", "9")            // H1
	_ = r.Set("review.admin.total", "9")         // H4
	_ = r.Set("active.fees.amount", "x")         // H5
	_ = r.Set("active.penalty.decisions", "159") // W4: the text says 158
	_ = r.Set("apply.3.6.2.natural", "3")        // W5 (below), W6
	_ = r.Set("apply.3.6.2.total", "3")
	run(r, nil) // D1, L1, W1, W2, W4
	r = Sample(Latest)
	r.Text.Other = "本年度未发出收费通知。"
	_ = r.Set("apply.3.6.2.natural", "9")
	r.FillDerived()
	run(r, nil) // W5, W6
	last := Sample(Latest)
	last.Meta.Year--
	_ = last.Set("apply.4.natural", "7")
	_ = last.Set("active.normative.effective", "99")
	run(Sample(Latest), last) // X1, X2, W3
	l19 := Sample(f19)
	l19.Meta.Year--
	_ = l19.Set("active.license.prev", "1")
	run(Sample(f19), l19) // X3
	r = Sample(Latest)
	r.Text.Parts[2] = ""
	run(r, nil) // B3
	for _, id := range RuleIDs {
		sev, ok := seen[id]
		if !ok {
			t.Errorf("no report raises %s", id)
			continue
		}
		if d := doc[id]; !strings.Contains(d, string(sev)) {
			t.Errorf("%s raised as %s, documented %q", id, sev, d)
		}
	}
	for id := range seen {
		if !slices.Contains(RuleIDs, id) {
			t.Errorf("%s is raised but not in RuleIDs", id)
		}
	}
}

// TestCellCodesDocumented: every row and column code of every table is in docs/format.md.
func TestCellCodesDocumented(t *testing.T) {
	data, err := os.ReadFile("../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, f := range Formats {
		for _, d := range f.Cells {
			parts := strings.Split(d.Code, ".")
			row, col := strings.Join(parts[1:len(parts)-1], "."), parts[len(parts)-1]
			if d.Table.ID == "review" {
				row = parts[1]
			}
			for _, code := range []string{d.Table.ID, row, col} {
				if !strings.Contains(doc, "`"+code+"`") && !strings.Contains(doc, "`"+d.Table.ID+"."+code) {
					t.Errorf("%s %s: %q not in docs/format.md", f.ID, d.Code, code)
				}
			}
		}
	}
}

// TestREADMERulesAreRules: README §7's rules table is form.Rules, row by row (id, level and
// text, in order), so that the README and 帮助 › 填报说明 (which shows Rules) say the same; and
// docs/format.md lists the same levels.
func TestREADMERulesAreRules(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	start, end := strings.Index(s, "### 7. 程序检查什么"), strings.Index(s, "### 8.")
	if start < 0 || end < start {
		t.Fatal("README has no §7 程序检查什么 before §8")
	}
	row := regexp.MustCompile(`(?m)^\| *([A-Z][0-9]) *\| *([^|]+?) *\| *([^|]+?) *\|$`)
	var got []RuleDoc
	for _, m := range row.FindAllStringSubmatch(s[start:end], -1) {
		got = append(got, RuleDoc{ID: m[1], Level: m[2], Text: m[3]})
	}
	if len(got) != len(Rules) {
		t.Fatalf("README §7 has %d rule rows, form.Rules %d", len(got), len(Rules))
	}
	for i, r := range Rules {
		if got[i] != r {
			t.Errorf("README §7 row %d:\n %+v\nform.Rules:\n %+v", i+1, got[i], r)
		}
	}
	doc := rulesTable(t, "../docs/format.md", "## Rules", "### Where each rule")
	for _, r := range Rules {
		if doc[r.ID] != r.Level {
			t.Errorf("%s: docs/format.md level %q, form.Rules %q", r.ID, doc[r.ID], r.Level)
		}
		if d, ok := RuleFor(r.ID); !ok || d != r {
			t.Errorf("RuleFor(%s) = %+v, %v", r.ID, d, ok)
		}
	}
	if _, ok := RuleFor("Z9"); ok {
		t.Error("RuleFor knows Z9")
	}
}
