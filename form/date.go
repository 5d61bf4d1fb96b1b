package form

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// ParseDate reads a publication date as clerks write it — 2026-01-20, 2026/1/20, 2026.1.20,
// 2026年1月20日, with full-width digits or spaces — and returns it in the stored form
// YYYY-MM-DD (Meta.Date, which M3 and D1 check). ok is false when the text is not a real
// date (2026-02-30, a two-digit year, a month without a day); a front end then keeps the
// text as typed and M3 names it.
func ParseDate(s string) (iso string, ok bool) {
	s = strings.TrimSpace(Normalize(s))
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return -1
		case r == '年' || r == '月' || r == '/' || r == '.' || r == '．' || r == '-' || r == '－' || r == '—':
			return '-'
		case r == '日' || r == '号':
			return -1
		}
		return r
	}, s)
	parts := strings.Split(s, "-")
	if len(parts) != 3 || len(parts[0]) != 4 {
		return "", false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || !allDigits(p) || len(p) > 4 {
			return "", false
		}
		n[i] = v
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], 0, 0, 0, 0, time.UTC)
	if t.Year() != n[0] || int(t.Month()) != n[1] || t.Day() != n[2] {
		return "", false // 2026-02-30 does not exist
	}
	return fmt.Sprintf("%04d-%02d-%02d", n[0], n[1], n[2]), true
}
