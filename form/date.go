package form

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// dateForms is how a date may be written, for messages.
const dateForms = "可写 2026-01-20、2026/1/20、2026.1.20 或 2026年1月20日"

// DateError says, in Chinese, why a text is not a publication date.
type DateError struct {
	// Text is the date as written (trimmed).
	Text string
	// Reason is the Chinese explanation, e.g. "2026年2月没有30日（只有28日）".
	Reason string
}

// Error quotes the text and says what is wrong with it.
func (e *DateError) Error() string {
	return fmt.Sprintf("「%s」不是有效日期：%s", e.Text, e.Reason)
}

// ParseDate reads a publication date as clerks write it — 2026-01-20, 2026/1/20, 2026.1.20,
// 2026年1月20日, with full-width digits or spaces — and returns it in the stored form
// YYYY-MM-DD (Meta.Date, which M3 and D1 check). ok is false when the text is not a real
// date (2026-02-30, a two-digit year, a month without a day); a front end then keeps the
// text as typed and M3 names it. CheckDate says why.
func ParseDate(s string) (iso string, ok bool) {
	iso, err := CheckDate(s)
	return iso, err == nil
}

// CheckDate is ParseDate with the reason a text is not a date, as a *DateError: the forms a
// date may take, or that the month or the day does not exist ("2026年2月没有30日").
func CheckDate(s string) (iso string, err error) {
	text := strings.TrimFunc(s, IsSpace)
	bad := func(reason string) (string, error) { return "", &DateError{Text: text, Reason: reason} }
	norm := strings.Map(func(r rune) rune {
		switch {
		case IsSpace(r):
			return -1
		case r == '年' || r == '月' || r == '/' || r == '.' || r == '．' || r == '-' || r == '－' || r == '—':
			return '-'
		case r == '日' || r == '号':
			return -1
		}
		return r
	}, Normalize(s))
	if norm == "" {
		return bad("没有填写日期；" + dateForms)
	}
	parts := strings.Split(norm, "-")
	if len(parts) != 3 || len(parts[0]) != 4 || parts[1] == "" || parts[2] == "" {
		return bad("应有四位年份和月、日；" + dateForms)
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || !allDigits(p) || len(p) > 4 {
			return bad("年、月、日应为数字；" + dateForms)
		}
		n[i] = v
	}
	y, m, d := n[0], n[1], n[2]
	if m < 1 || m > 12 {
		return bad(fmt.Sprintf("没有%d月，月份应为 1 至 12", m))
	}
	// The last day of the month: day 0 of the next month.
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	switch {
	case d < 1:
		return bad("日应从 1 日起")
	case d > last && m == 2:
		return bad(fmt.Sprintf("%d年2月没有%d日（只有%d日）", y, d, last))
	case d > last:
		return bad(fmt.Sprintf("%d月没有%d日（只有%d日）", m, d, last))
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), nil
}
