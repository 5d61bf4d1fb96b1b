package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/nianbao/nianbao/form"
)

// parseDate reads a publication date as clerks write it — 2026-01-20, 2026/1/20, 2026.1.20,
// 2026年1月20日, with full-width digits or spaces — and returns it as the stored YYYY-MM-DD.
// ok is false when the text is not a real date; the caller keeps the text as typed then.
//
// It belongs with the other rules in package form (form.ParseDate); it lives here until
// form has it.
func parseDate(s string) (iso string, ok bool) {
	s = strings.TrimSpace(form.Normalize(s))
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
	if len(parts) != 3 {
		return "", false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || p == "" || len(p) > 4 {
			return "", false
		}
		n[i] = v
	}
	if len(parts[0]) != 4 {
		return "", false
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], 0, 0, 0, 0, time.UTC)
	if t.Year() != n[0] || int(t.Month()) != n[1] || t.Day() != n[2] {
		return "", false // 2026-02-30 does not exist
	}
	return fmt.Sprintf("%04d-%02d-%02d", n[0], n[1], n[2]), true
}
