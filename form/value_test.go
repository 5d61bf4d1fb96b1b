package form

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in    string
		kind  Kind
		want  Num
		blank bool
		err   string // substring of the Chinese reason; "" for success
	}{
		{"0", Count, 0, false, ""},
		{"17", Count, N(17), false, ""},
		{"00", Count, 0, false, ""},
		{"１２", Count, N(12), false, ""},
		{" 12 ", Count, N(12), false, ""},
		{"\u300012\t", Count, N(12), false, ""},
		{"5\u200b", Count, N(5), false, ""},
		{"\ufeff\u2060１２\u00a0", Count, N(12), false, ""},
		{"1\u200b234", Count, N(1234), false, ""},
		{"\u200b\u200c\u200d", Count, 0, true, ""},
		{"增\u3000\u200b3", Change, N(3), false, ""},
		{"1,234", Count, N(1234), false, ""},
		{"1，234", Count, N(1234), false, ""},
		{"1,234,567", Count, N(1234567), false, ""},
		{"１，２３４", Count, N(1234), false, ""},
		{"12件", Count, N(12), false, ""},
		{"+5", Count, N(5), false, ""},
		{"", Count, 0, true, ""},
		{"   ", Count, 0, true, ""},
		{"1000000000", Count, N(1_000_000_000), false, ""},
		{"1000000001", Count, 0, false, "数值过大"},
		{"99999999999999999999999", Count, 0, false, "数值过大"},
		{"-3", Count, 0, false, "不能为负数"},
		{"－3", Count, 0, false, "不能为负数"},
		{"1.5", Count, 0, false, "应为整数"},
		{"abc", Count, 0, false, "不是数字"},
		{"12a", Count, 0, false, "不是数字"},
		{"/", Count, 0, false, "不是数字"},
		{"—", Count, 0, false, "不是数字"},
		{"无", Count, 0, false, "不是数字"},
		{"1,23", Count, 0, false, "千位分隔符"},
		{"12,3456", Count, 0, false, "千位分隔符"},
		{"1.", Amount, 0, false, "不是数字"},
		{"2488.86", Amount, 2488_860000, false, ""},
		{"2488.86万元", Amount, 2488_860000, false, ""},
		{"０．５", Amount, 500000, false, ""},
		{"1,234.5", Amount, 1234_500000, false, ""},
		{"0.123456", Amount, 123456, false, ""},
		{"0.1234567", Amount, 0, false, "小数位数过多"},
		{"3800元", Amount, 0, false, "单位应为万元"},
		{"-0.5", Amount, 0, false, "不能为负数"},
		{"-7", Change, N(-7), false, ""},
		{"+1", Change, N(1), false, ""},
		{"增1", Change, N(1), false, ""},
		{"增123", Change, N(123), false, ""},
		{"减3", Change, N(-3), false, ""},
		{"减少 3", Change, N(-3), false, ""},
		{"增加2", Change, N(2), false, ""},
		{"0", Change, 0, false, ""},
		{"增", Change, 0, false, "不是数字"},
		{"-1.5", Change, 0, false, "应为整数"},
	} {
		v, blank, err := Parse(tc.in, tc.kind)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Parse(%q) error = %v, want one containing %q", tc.in, err, tc.err)
			}
			if err != nil && !strings.Contains(err.Error(), strings.TrimSpace(tc.in)) {
				t.Errorf("Parse(%q) error %q does not quote the input", tc.in, err)
			}
			continue
		}
		if err != nil || v != tc.want || blank != tc.blank {
			t.Errorf("Parse(%q) = %v, %v, %v; want %v, %v", tc.in, v, blank, err, tc.want, tc.blank)
		}
	}
}

func TestNumFormat(t *testing.T) {
	for _, tc := range []struct {
		n    Num
		k    Kind
		want string
	}{
		{N(17), Count, "17"}, {0, Count, "0"}, {N(-7), Change, "-7"},
		{2488_860000, Amount, "2488.86"}, {N(3), Amount, "3.00"}, {500000, Amount, "0.50"},
		{123456, Amount, "0.123456"}, {-N(1), Amount, "-1.00"},
	} {
		if got := tc.n.Format(tc.k); got != tc.want {
			t.Errorf("Format(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// FuzzParse checks that Parse never panics, and that an accepted value formats back to
// text that parses to the same value.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"17", "-7", "+1", "增1", "增123", "减3", "2488.86万元", "1,234", "１２", "/", "—", "00", "abc", "0.1234567", "1,23"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
		f.Add(s, uint8(2))
	}
	f.Fuzz(func(t *testing.T, s string, k uint8) {
		kind := Kind(k % 3)
		v, blank, err := Parse(s, kind)
		if err != nil || blank {
			return
		}
		if kind != Change && v < 0 {
			t.Fatalf("Parse(%q) = %d: negative accepted", s, v)
		}
		if v > N(MaxValue) || v < -N(MaxValue) {
			t.Fatalf("Parse(%q) = %d: above the limit", s, v)
		}
		back, _, err := Parse(v.Format(kind), kind)
		if err != nil || back != v {
			t.Fatalf("Parse(%q) = %d, but its formatted form %q parses to %d, %v", s, v, v.Format(kind), back, err)
		}
	})
}

func TestIsSpace(t *testing.T) {
	for _, r := range " \t\n\r\u00a0\u3000\u2003\u200b\u200c\u200d\u2060\ufeff\u180e" {
		if !IsSpace(r) {
			t.Errorf("IsSpace(%U) = false", r)
		}
	}
	for _, r := range "0a一，。_-\u00ad" {
		if IsSpace(r) {
			t.Errorf("IsSpace(%U) = true", r)
		}
	}
}

// TestCountCharsSkipsInvisible: W1's count does not count the zero-width characters pasted
// with a web page's text.
func TestCountCharsSkipsInvisible(t *testing.T) {
	if n := CountChars("公开\u200b工作\ufeff 年报\u3000\n"); n != 6 {
		t.Errorf("CountChars = %d, want 6", n)
	}
}
