package form

import (
	"strings"
	"testing"
	"time"
)

// 手动填写合计 and 汇总 are saved in the draft ("typedTotals", "summary", omitted when off) and
// read back, so that reopening a draft keeps the totals the clerk typed.
func TestDraftKeepsTypedTotalsAndSummary(t *testing.T) {
	for _, on := range []bool{false, true} {
		r := Sample(Latest)
		r.TypedTotals, r.Summary = on, on
		data, err := MarshalDraft(r, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		for _, field := range []string{`"typedTotals": true`, `"summary": true`} {
			if strings.Contains(string(data), field) != on {
				t.Errorf("on=%v: %s in the draft: %v", on, field, !on)
			}
		}
		back, err := UnmarshalDraft(data)
		if err != nil {
			t.Fatal(err)
		}
		if back.TypedTotals != on || back.Summary != on {
			t.Errorf("on=%v: read back TypedTotals %v, Summary %v", on, back.TypedTotals, back.Summary)
		}
	}
}

// A draft may come from anyone and its lastYear link is read on open: a network path or a
// URL would make Windows connect to another host (and send the user's credentials), a
// relative link leaving the draft's folder reads files the sender chose. Such links are
// dropped (kept in RefusedLink for a note); local paths and links inside the folder stay.
func TestDraftLastYearLinkIsLocal(t *testing.T) {
	for _, tc := range []struct {
		link string
		keep bool
	}{
		{"2024年报.nianbao", true},
		{"上年/2024.xlsx", true},
		{`上年\2024.xlsx`, true},
		{"/home/clerk/2024.html", true},
		{`C:\Users\clerk\2024.xlsx`, true},
		{"C:/Users/clerk/2024.xlsx", true},
		{`\\host\share\x.xlsx`, false},
		{"//host/share/x.xlsx", false},
		{`\/host\share\x.xlsx`, false},
		{`\\?\UNC\host\share\x.xlsx`, false},
		{`\\?\C:\x.xlsx`, false},
		{`\\.\pipe\x`, false},
		{`\??\UNC\host\share\x`, false},
		{"file://host/share/x.xlsx", false},
		{"http://example.com/x.html", false},
		{"smb:host/x", false},
		{"../../secret.xlsx", false},
		{`a\..\..\x.xlsx`, false},
		{"C:x.xlsx", false},
	} {
		r := New(Latest, 2025, "某局")
		r.LastYear = tc.link
		data, err := MarshalDraft(r, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		back, err := UnmarshalDraft(data)
		if err != nil {
			t.Fatal(err)
		}
		if kept := back.LastYear == tc.link; kept != tc.keep {
			t.Errorf("%q: kept %v, want %v", tc.link, kept, tc.keep)
		}
		if refused := back.RefusedLink == tc.link; refused == tc.keep {
			t.Errorf("%q: RefusedLink %q", tc.link, back.RefusedLink)
		}
	}
}

// A 汇总 is not itself published: its 发布日期 is not held to the deadline of 《条例》第五十条
// (D1), while a unit's report with the same date is, and a date before the year ended is
// still noted for both.
func TestD1DeadlineSkipsSummaries(t *testing.T) {
	d1 := func(r *Report) string {
		for _, p := range CheckAll(r, nil, Drafting) {
			if p.Rule == "D1" && p.Section == 0 {
				return p.Message
			}
		}
		return ""
	}
	unit := Sample(Latest)
	unit.Meta.Agency, unit.Meta.Year, unit.Meta.Date = "某县政务公开办", 2025, "2026-02-15"
	if got := d1(unit); !strings.Contains(got, "晚于公布期限") {
		t.Fatalf("unit report: D1 %q", got)
	}
	total, err := Sum("某县政务公开办", []*Report{unit})
	if err != nil {
		t.Fatal(err)
	}
	total.Meta.Date = "2026-02-15"
	if got := d1(total); got != "" {
		t.Errorf("summary: D1 %q", got)
	}
	total.Meta.Date = "2025-12-01"
	if got := d1(total); !strings.Contains(got, "早于报告年度结束") {
		t.Errorf("summary dated in the report year: D1 %q", got)
	}
}
