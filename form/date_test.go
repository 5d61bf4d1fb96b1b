package form

import (
	"strings"
	"testing"
)

func TestParseDate(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"2026-01-20", "2026-01-20", true},
		{"2026/1/20", "2026-01-20", true},
		{"2026.1.20", "2026-01-20", true},
		{"2026年1月20日", "2026-01-20", true},
		{"2026年1月20号", "2026-01-20", true},
		{" ２０２６年１月２０日 ", "2026-01-20", true},
		{"2026 年 1 月 20 日", "2026-01-20", true},
		{"2026-1-5", "2026-01-05", true},
		{"2028-02-29", "2028-02-29", true},
		{"2026年2月30日", "", false},
		{"2027-02-29", "", false},
		{"2026-13-01", "", false},
		{"2026-00-10", "", false},
		{"2026-+1-10", "", false},
		{"26-1-20", "", false},
		{"2026年1月", "", false},
		{"2026--20", "", false},
		{"明年一月", "", false},
		{"", "", false},
	} {
		got, ok := ParseDate(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseDate(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// TestCheckDate: a date that does not exist says which part is wrong, not that the form is.
func TestCheckDate(t *testing.T) {
	for in, want := range map[string]string{
		"2026年2月30日":        "「2026年2月30日」不是有效日期：2026年2月没有30日（只有28日）",
		"2027-02-29":        "2027年2月没有29日（只有28日）",
		"2028年2月30日":        "2028年2月没有30日（只有29日）",
		"2026-04-31":        "4月没有31日（只有30日）",
		"2026-13-01":        "没有13月，月份应为 1 至 12",
		"2026-00-10":        "没有0月",
		"2026-01-00":        "日应从 1 日起",
		"26-1-20":           "应有四位年份",
		"2026年1月":           "应有四位年份和月、日",
		"明年一月":              "可写 2026-01-20",
		" 2026年1月32日\u200b": "「2026年1月32日」不是有效日期：1月没有32日",
	} {
		iso, err := CheckDate(in)
		if err == nil || iso != "" || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckDate(%q) = %q, %v; want an error with %q", in, iso, err, want)
		}
	}
	if iso, err := CheckDate("\ufeff2026年1月20日\u200b"); iso != "2026-01-20" || err != nil {
		t.Errorf("zero-width characters around a date: %q, %v", iso, err)
	}
}
