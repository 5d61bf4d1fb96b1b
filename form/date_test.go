package form

import "testing"

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
