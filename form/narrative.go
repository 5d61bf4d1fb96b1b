package form

import (
	"fmt"
	"regexp"
	"strings"
)

// CountChars counts the characters of a text as a clerk would: spaces, line breaks and
// zero-width characters (IsSpace) excluded.
func CountChars(s string) int {
	n := 0
	for _, c := range s {
		if !IsSpace(c) {
			n++
		}
	}
	return n
}

// OverviewChars counts the characters of 一、总体情况 (its own text and its five parts) as W1
// and the UI's counter do.
func (t *Text) OverviewChars() int {
	n := CountChars(t.Overview)
	for _, p := range t.Parts {
		n += CountChars(p)
	}
	return n
}

// Empty reports whether narrative section n (1, 5 or 6) has no text.
func (t *Text) Empty(n int) bool {
	switch n {
	case 1:
		for _, p := range t.Parts {
			if strings.TrimSpace(p) != "" {
				return false
			}
		}
		return strings.TrimSpace(t.Overview) == ""
	case 5:
		return strings.TrimSpace(t.Problems) == ""
	case 6:
		return strings.TrimSpace(t.Other) == ""
	}
	return false
}

var (
	// feeStatement matches every way real reports state the 信息处理费: "本年度未收取信息处理费",
	// "没有产生信息公开处理费", "无向申请人收取政府信息公开费用的情况", "未发生收费情况",
	// "收取信息处理费0元", "实际收取信息处理费380元", "不收取任何费用".
	feeStatement = regexp.MustCompile(`处理费|收费|收取|缴费|费用`)
	// noNotice matches a claim that no fee notice was issued.
	noNotice = regexp.MustCompile(`(未|没有|无|不曾|均未|从未)[^。；;，,]{0,12}(收费|缴费|付费)通知`)
)

// W3Threshold is the similarity to last year's text (Similarity) from which W3 warns.
const W3Threshold = 0.9

// narrative checks the narrative: B2 (an empty 一, 五 or 六), W1 (length of 一), W2 (the
// 信息处理费 statement), W3 (same as last year), W5 and W6, then, text by text, the rules
// that read what a text states: W4, L1 and D1.
func (c *checker) narrative() {
	r, f, t := c.r, c.r.Format, &c.r.Text
	for _, n := range [3]int{1, 5, 6} {
		if !t.Empty(n) {
			continue
		}
		msg := "「" + f.Sections[n-1].Title + "」尚未填写"
		if n == 6 && f.FeeStatement {
			msg += "（须在此报告信息处理费收取情况，如“" + FeeNone + "”）"
		}
		p := Problem{Rule: "B2", Severity: Unfilled, Section: n, Blank: true, Message: msg}
		if c.mode == Final {
			p.Severity, p.Message = Error, msg+"，发布前必须填写"
		}
		c.add(p)
	}
	if lim := f.OverviewLimit; lim > 0 {
		if n := overview(t).chars; n > lim {
			c.add(Problem{Rule: "W1", Severity: Warning, Section: 1, Expected: fmt.Sprint(lim), Actual: fmt.Sprint(n),
				Message: fmt.Sprintf("「%s」共 %d 字，格式要求篇幅原则上不超过 %d 字，请精简 %d 字", f.Sections[0].Title, n, lim, n-lim)})
		}
	}
	if f.FeeStatement && !t.Empty(6) && !feeStatement.MatchString(t.Other) {
		c.add(Problem{Rule: "W2", Severity: Warning, Section: 6,
			Message: "「" + f.Sections[5].Title + "」未说明信息处理费收取情况。按《政府信息公开信息处理费管理办法》须在此专门报告，如“" + FeeNone + "”"})
	}
	if last := c.last; last != nil {
		c.similar(5, profileOf(t.Problems), profileOf(last.Text.Problems))
		c.similar(1, overviewProfile(t), overviewProfile(&last.Text))
	}
	if idx := f.Figure("feeNotices"); idx != nil {
		if v, ok := r.sumAll(idx); ok && v > 0 {
			if m := noNotice.FindString(t.Other); m != "" {
				d := f.Cells[idx[0]]
				c.add(Problem{Rule: "W5", Severity: Warning, Section: 6, Cells: []string{d.Code}, Actual: v.Format(Count),
					Message: fmt.Sprintf("第六部分称“%s”，但%s为 %s，说明发出过收费通知，请核对", m, where(d), v.Format(Count))})
			}
		}
	}
	c.otherHandling()
	c.textRules()
}

// similar adds W3 for section n when its text is nearly last year's.
func (c *checker) similar(n int, this, prev profile) {
	sim := similarity(this, prev)
	if sim < W3Threshold {
		return
	}
	c.add(Problem{Rule: "W3", Severity: Warning, Section: n, Actual: fmt.Sprintf("%.0f%%", sim*100),
		Message: fmt.Sprintf("第%s部分与上年报告的内容相似度达 %.0f%%。格式要求不得出现敷衍了事甚至年年雷同现象，请写明本年度的具体情况", cnNum[n], sim*100)})
}

// otherHandling is W6: 其他处理 above 15% of （七）总计 when （七）总计 ≥ 10 (all its cells numbers).
func (c *checker) otherHandling() {
	f := c.r.Format
	handled, other := f.Figure("handled"), f.Figure("otherHandling")
	if handled == nil || other == nil {
		return
	}
	total, ok1 := c.r.sumAll(handled)
	sum, ok2 := c.r.sumAll(other)
	if !ok1 || !ok2 || total < N(10) || sum*100 <= total*15 {
		return
	}
	d := f.Cells[other[0]]
	pct := sum.Float() / total.Float() * 100
	c.add(Problem{Rule: "W6", Severity: Warning, Section: d.Table.Section, Cells: codesOf(f, other),
		Expected: "≤15%", Actual: fmt.Sprintf("%.0f%%", pct),
		Message: fmt.Sprintf("第三部分「%s」共 %s 件，占「%s」%s 件的 %.0f%%。原则上所有申请都应按法定方式处理，主管部门会询问原因，请核对或在正文中说明",
			Short(d.RowPath[1]), sum.Format(Count), f.Cells[handled[0]].RowLabel(), total.Format(Count), pct)})
}

// Similarity is the Dice coefficient of the character bigrams of two texts (0…1), ignoring
// spaces and punctuation; texts shorter than 50 characters give 0 (too short to judge).
// Bigrams are counted in hashed buckets, which is exact for unrelated texts in practice and
// keeps a check well under the UI's frame budget.
func Similarity(a, b string) float64 { return similarity(profileOf(a), profileOf(b)) }

func similarity(ha, hb profile) float64 {
	if ha.n < 50 || hb.n < 50 {
		return 0
	}
	if len(hb.used) < len(ha.used) {
		ha, hb = hb, ha
	}
	common := 0
	for _, k := range ha.used {
		common += int(min(ha.counts[k], hb.counts[k]))
	}
	return 2 * float64(common) / float64(ha.n-1+hb.n-1)
}

// profile is a text's bigram counts, the buckets in use and its number of counted characters.
type profile struct {
	counts *bigramCounts
	used   []uint16
	n      int
}

// finish lists the buckets in use, so that comparing two profiles visits only those.
func (p *profile) finish() {
	for k, v := range p.counts {
		if v > 0 {
			p.used = append(p.used, uint16(k))
		}
	}
}

var (
	profileCache  memo[string, profile]
	overviewCache memo[[6]string, overviewFacts]
)

// overviewFacts are what the rules read from 一 as a whole: its length (W1) and its profile (W3).
type overviewFacts struct {
	chars   int
	profile profile
}

func profileOf(s string) profile {
	return profileCache.get(s, func() profile {
		p := profile{counts: new(bigramCounts)}
		p.n, _ = p.counts.add(s, 0, 0)
		p.finish()
		return p
	})
}

// overview returns the facts of 一 as one text (its own text, then its parts); the profile is
// that of t.Section(1), without joining the texts.
func overview(t *Text) overviewFacts {
	key := [6]string{t.Overview, t.Parts[0], t.Parts[1], t.Parts[2], t.Parts[3], t.Parts[4]}
	return overviewCache.get(key, func() overviewFacts {
		o := overviewFacts{chars: t.OverviewChars(), profile: profile{counts: new(bigramCounts)}}
		p := &o.profile
		var prev rune
		for _, s := range key {
			p.n, prev = p.counts.add(s, p.n, prev)
		}
		p.finish()
		return o
	})
}

// overviewProfile is the profile of 一 as one text.
func overviewProfile(t *Text) profile { return overview(t).profile }

// bigramCounts counts character bigrams in hashed buckets.
type bigramCounts [4096]uint16

// add counts the bigrams of the letters and digits of s, after n characters already counted
// of which prev is the last, and returns the new count and last character.
func (h *bigramCounts) add(s string, n int, prev rune) (int, rune) {
	for _, c := range s {
		if !wordChar(c) {
			continue
		}
		if n > 0 {
			k := (uint32(prev)*2654435761 ^ uint32(c)*40503) >> 20
			if h[k] < 1<<16-1 {
				h[k]++
			}
		}
		prev = c
		n++
	}
	return n, prev
}

// wordChar reports whether c is a digit, a Latin letter or a CJK ideograph: the characters
// whose bigrams say what a text is about. It is much faster than unicode.IsLetter.
func wordChar(c rune) bool {
	switch {
	case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		return true
	case c >= 0x4E00 && c <= 0x9FFF, c >= 0x3400 && c <= 0x4DBF, c >= 0x20000 && c <= 0x3FFFF:
		return true
	}
	return false
}
