package form

import (
	"strings"
	"testing"
)

func TestCheckMeta(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(r *Report)
		rules string
		inMsg string
	}{
		{"complete", func(r *Report) {}, "", ""},
		{"no agency", func(r *Report) { r.Meta.Agency = " " }, "M1", "机关名称"},
		{"no year", func(r *Report) { r.Meta.Year = 0 }, "M2", "报告年度"},
		{"old year", func(r *Report) { r.Meta.Year = 2017 }, "M2", "2019 年起"},
		{"format of another year", func(r *Report) { r.Meta.Year = 2020 }, "M2", "2020 年度应使用国办公开办函〔2019〕60号"},
		{"no date", func(r *Report) { r.Meta.Date = "" }, "M3", "尚未填写发布日期"},
		{"bad date", func(r *Report) { r.Meta.Date = "2026-13-01" }, "M3", "YYYY-MM-DD"},
	} {
		r := Sample(Latest)
		tc.edit(r)
		ps := CheckMeta(r)
		var rules []string
		for _, p := range ps {
			rules = append(rules, p.Rule)
			if p.Severity != Warning || !strings.Contains(p.Message, tc.inMsg) {
				t.Errorf("%s: %+v", tc.name, p)
			}
		}
		if got := strings.Join(rules, ","); got != tc.rules {
			t.Errorf("%s: rules %q, want %q", tc.name, got, tc.rules)
		}
	}
}

func TestCheckLastYear(t *testing.T) {
	r, last := Sample(Latest), Sample(Latest)
	last.Meta.Year = r.Meta.Year - 1
	if err := CheckLastYear(r, last); err != nil {
		t.Errorf("the year before: %v", err)
	}
	last.Meta.Year = r.Meta.Year - 2
	if err := CheckLastYear(r, last); err == nil || !strings.Contains(err.Error(), "上年报告应为 2024 年度") {
		t.Errorf("two years before: %v", err)
	}
}

func TestValidYear(t *testing.T) {
	for y, want := range map[int]bool{2007: false, 2008: true, 2025: true, 2100: true, 2101: false, 0: false} {
		if ValidYear(y) != want {
			t.Errorf("ValidYear(%d) = %v", y, !want)
		}
	}
}
