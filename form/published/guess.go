package published

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
)

// Guesses for a report without a title: each comes with a warning saying it is a guess.

// guessDateLines is how many lines from the top a publication date may stand on to be
// taken as the report's publication date.
const guessDateLines = 10

var (
	// bodyYearRe is the usual first sentence of 一、总体情况: "2019年，我局认真贯彻…".
	bodyYearRe = regexp.MustCompile(`^(\d{4})\s*年\s*[,，]\s*(?:我|本)(?:局|委|办|厅|署|院|会|单位|机关|部门|中心|府|区|市|县|镇|乡|街道)`)
	// hostRe is the website footer's "主办单位：某某局" (or "主办：").
	hostRe = regexp.MustCompile(`^\s*主办(?:单位)?\s*[:：]\s*([^\s|｜:：,，;；]+)`)
)

// guessYear guesses the report year of a report without title or statistics period:
// from a publication date on one of the first lines (one published in January to March of
// year Y reports on year Y−1), else from the first "YYYY年，我局…" sentence. It returns 0
// and "" when there is no such hint; otherwise the year and the Chinese warning.
func guessYear(lines []string, m meta) (int, string) {
	if m.date != "" && m.dateLine >= 0 && m.dateLine < guessDateLines {
		y, _ := strconv.Atoi(m.date[:4])
		mo, _ := strconv.Atoi(m.date[5:7])
		if mo >= 1 && mo <= 3 && form.ValidYear(y-1) {
			return y - 1, fmt.Sprintf("未找到报告标题或统计期限，报告年度 %d 是根据开头的发布日期 %d年%d月%d日 推测的（年初发布的是上一年度的报告），请核对",
				y-1, y, mo, atoiDay(m.date))
		}
	}
	for _, l := range lines {
		s := cleanSpace(l)
		g := bodyYearRe.FindStringSubmatch(s)
		if g == nil {
			continue
		}
		y, _ := strconv.Atoi(g[1])
		if !form.ValidYear(y) {
			continue
		}
		return y, fmt.Sprintf("未找到报告标题或统计期限，报告年度 %d 是根据正文「%s」推测的，请核对", y, excerpt(s, 12))
	}
	return 0, ""
}

func atoiDay(date string) int {
	d, _ := strconv.Atoi(date[8:10])
	return d
}

// excerpt returns the first n characters of s followed by "…" when s is longer.
func excerpt(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// guessAgency guesses the agency of a report without title or signature from the website
// footer's "主办单位：" line (the last one in the text). It returns "" when there is none.
func guessAgency(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		if g := hostRe.FindStringSubmatch(cleanSpace(lines[i])); g != nil {
			a := strings.Trim(g[1], "《》“”\"'")
			if n := utf8.RuneCountInString(a); n >= 2 && n <= 40 {
				return a
			}
		}
	}
	return ""
}
