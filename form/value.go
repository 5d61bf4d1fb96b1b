package form

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Num is a cell value in millionths, so that counts, 万元 amounts with up to six decimals and
// their sums are all exact.
type Num int64

// Scale is the value of 1 in Num units.
const Scale Num = 1_000_000

// MaxValue is the largest magnitude a cell accepts (10^9): larger numbers are typing mistakes.
const MaxValue = 1_000_000_000

// Int returns the whole part of n (exact for counts).
func (n Num) Int() int64 { return int64(n / Scale) }

// Float returns n as a float64, for display and ratios only.
func (n Num) Float() float64 { return float64(n) / float64(Scale) }

// N returns the Num of a whole number.
func N(i int64) Num { return Num(i) * Scale }

// Format prints n for a cell of the given kind: counts and changes as integers, amounts
// with at least two decimals ("2488.86", "0.50", "12.345").
func (n Num) Format(k Kind) string {
	neg := n < 0
	if neg {
		n = -n
	}
	whole, frac := int64(n/Scale), int64(n%Scale)
	s := fmt.Sprint(whole)
	if k == Amount {
		f := strings.TrimRight(fmt.Sprintf("%06d", frac), "0")
		for len(f) < 2 {
			f += "0"
		}
		s += "." + f
	} else if frac != 0 {
		s += "." + strings.TrimRight(fmt.Sprintf("%06d", frac), "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// ValueError says, in Chinese, why a cell's text is not an acceptable value.
type ValueError struct {
	// Text is what was typed.
	Text string
	// Reason is the Chinese explanation, e.g. "不能为负数".
	Reason string
}

// Error quotes the text and says what is wrong with it.
func (e *ValueError) Error() string {
	return fmt.Sprintf("「%s」%s", e.Text, e.Reason)
}

// IsSpace reports whether r is a space as clerks' text has them: what unicode.IsSpace
// says (ASCII and Latin-1 spaces, the no-break space U+00A0, the ideographic space U+3000
// and the other Unicode spaces) plus the invisible characters text pasted from web pages and
// Word files carries — the zero-width space U+200B, the zero-width (non-)joiners U+200C and
// U+200D, the word joiner U+2060, the byte-order mark U+FEFF and the Mongolian vowel
// separator U+180E. It is the one definition of a space for parsing cells, labels and
// dates; importers and exporters should call it too.
func IsSpace(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u180e':
		return true
	}
	return unicode.IsSpace(r)
}

// isInvisible reports whether r is one of the zero-width characters of IsSpace, which
// Normalize drops wherever they stand (they cannot be seen, so "1\u200b234" is 1234).
func isInvisible(r rune) bool { return IsSpace(r) && !unicode.IsSpace(r) }

// Normalize turns full-width digits and signs into ASCII, drops zero-width characters and
// trims all kinds of spaces (IsSpace).
func Normalize(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case isInvisible(r):
			continue
		case r >= '０' && r <= '９':
			r = '0' + (r - '０')
		case r == '．':
			r = '.'
		case r == '＋':
			r = '+'
		case r == '－' || r == '−':
			r = '-'
		case r == '，':
			r = ','
		case r == '／':
			r = '/'
		}
		b.WriteRune(r)
	}
	return strings.TrimFunc(b.String(), IsSpace)
}

// Parse reads the text typed in a cell of kind k. A blank text gives blank=true and no error:
// blank is not zero. Anything else that is not an acceptable number gives a *ValueError.
func Parse(text string, k Kind) (v Num, blank bool, err error) {
	s := Normalize(text)
	if s == "" {
		return 0, true, nil
	}
	bad := func(reason string) (Num, bool, error) {
		return 0, false, &ValueError{Text: strings.TrimFunc(text, IsSpace), Reason: reason}
	}
	if utf8.RuneCountInString(s) > 40 {
		return bad("太长，不是一个数")
	}
	if IsPlaceholder(s) {
		return bad("不是数字：没有发生请填 0")
	}
	sign := Num(1)
	if k == Change {
		switch {
		case strings.HasPrefix(s, "+"):
			s = s[1:]
		case strings.HasPrefix(s, "-"):
			s, sign = s[1:], -1
		case strings.HasPrefix(s, "增加"):
			s = strings.TrimPrefix(s, "增加")
		case strings.HasPrefix(s, "增"):
			s = strings.TrimPrefix(s, "增")
		case strings.HasPrefix(s, "减少"):
			s, sign = strings.TrimPrefix(s, "减少"), -1
		case strings.HasPrefix(s, "减"):
			s, sign = strings.TrimPrefix(s, "减"), -1
		}
		s = strings.TrimFunc(s, IsSpace)
	} else if strings.HasPrefix(s, "-") {
		return bad("不能为负数")
	} else {
		s = strings.TrimPrefix(s, "+")
	}
	// Units that are harmless when typed after the number.
	switch k {
	case Amount:
		if strings.HasSuffix(s, "万元") {
			s = strings.TrimSuffix(s, "万元")
		} else if strings.HasSuffix(s, "元") {
			return bad("单位应为万元，请换算后填写（如 3800元 填 0.38）")
		}
	default:
		for _, u := range []string{"件", "项", "个", "条", "次"} {
			s = strings.TrimSuffix(s, u)
		}
	}
	s = strings.TrimFunc(s, IsSpace)
	if s == "" {
		return bad("不是数字")
	}
	digits, frac, ok := splitNumber(s)
	if !ok {
		if strings.ContainsAny(s, ",") {
			return bad("千位分隔符位置不对，请直接填写数字")
		}
		return bad("不是数字，请只填写阿拉伯数字")
	}
	if frac != "" && k != Amount {
		return bad("应为整数")
	}
	if len(frac) > 6 {
		return bad("小数位数过多（最多6位）")
	}
	digits = strings.TrimLeft(digits, "0")
	if len(digits) > 10 {
		return bad("数值过大（超过10亿），请检查")
	}
	var whole int64
	for _, c := range digits {
		whole = whole*10 + int64(c-'0')
	}
	if whole > MaxValue || (whole == MaxValue && strings.Trim(frac, "0") != "") {
		return bad("数值过大（超过10亿），请检查")
	}
	var micro int64
	for i := 0; i < 6; i++ {
		micro *= 10
		if i < len(frac) {
			micro += int64(frac[i] - '0')
		}
	}
	return sign * (Num(whole)*Scale + Num(micro)), false, nil
}

// splitNumber splits "1,234.5" into "1234" and "5"; separators must group digits by three.
func splitNumber(s string) (whole, frac string, ok bool) {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		s, frac = s[:i], s[i+1:]
		if frac == "" || !allDigits(frac) {
			return "", "", false
		}
	}
	if s == "" {
		return "", "", false
	}
	if strings.Contains(s, ",") {
		groups := strings.Split(s, ",")
		if len(groups[0]) == 0 || len(groups[0]) > 3 {
			return "", "", false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return "", "", false
			}
		}
		s = strings.Join(groups, "")
	}
	if !allDigits(s) {
		return "", "", false
	}
	return s, frac, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
