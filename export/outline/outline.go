// Package outline derives, once for every document exporter (Word, web page, PDF), the
// sequence of blocks a report is printed as: the title with a break after the agency, the
// opening paragraph, the six sections of the report's format (一's five parts as level-2
// headings, the three statistic tables), the closing text and the 落款.
//
// Text is split into paragraphs and cleaned here (control characters dropped, invalid UTF-8
// replaced), so that every writer prints the same paragraphs and none can produce invalid
// XML or HTML from what a user typed or pasted.
package outline

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
)

// Kind is what a block is.
type Kind int

const (
	// Title is the report title (二号 小标宋 in print); Lines holds its preferred lines.
	Title Kind = iota
	// Heading1 is a section title, "一、总体情况" (黑体).
	Heading1
	// Heading2 is a part heading of 一, "（一）主动公开" (楷体).
	Heading2
	// Paragraph is one paragraph of body text (仿宋, first line indented two characters).
	Paragraph
	// Table is one of the three statistic tables; Grid holds it with the report's values.
	Table
	// Signature is the 落款: Lines holds the agency and the date (either may be empty).
	Signature
)

// String names the kind for tests and messages.
func (k Kind) String() string {
	switch k {
	case Title:
		return "title"
	case Heading1:
		return "heading1"
	case Heading2:
		return "heading2"
	case Paragraph:
		return "paragraph"
	case Table:
		return "table"
	case Signature:
		return "signature"
	}
	return "kind?"
}

// Block is one block of the printed report, in reading order.
type Block struct {
	// Kind says what the block is.
	Kind Kind
	// Text is the block's whole text: the title, a heading, a paragraph (one line, no
	// line breaks) or, for the signature, the agency and date joined by "\n".
	Text string
	// Lines are the title's preferred lines (the agency, then the rest) and the signature's
	// two lines (agency, date); nil for other kinds.
	Lines []string
	// Section is the section the block belongs to; nil for the title, the opening and
	// closing paragraphs and the signature.
	Section *form.Section
	// Grid is the table of a Table block.
	Grid *Grid
}

// Blocks returns the report's blocks in reading order. Empty narrative is left out; the six
// section headings and the three tables are always there. A part heading of 一 is printed
// only when its part has text.
func Blocks(r *form.Report) []Block {
	out := make([]Block, 0, 32)
	para := func(s *form.Section, text string) {
		for _, p := range Paragraphs(text) {
			out = append(out, Block{Kind: Paragraph, Text: p, Section: s})
		}
	}
	title, agency := Line(r.Title()), Line(r.Meta.Agency)
	out = append(out, Block{Kind: Title, Text: title, Lines: titleLines(title, agency)})
	para(nil, r.Text.Opening)
	for _, s := range r.Format.Sections {
		out = append(out, Block{Kind: Heading1, Text: s.Title, Section: s})
		switch {
		case s.Table != nil:
			out = append(out, Block{Kind: Table, Section: s, Grid: NewGrid(r, s.Table)})
		case s.Number == 1:
			para(s, r.Text.Overview)
			for i, h := range s.Parts {
				if i >= len(r.Text.Parts) {
					break
				}
				heading, paras := Part(h, r.Text.Parts[i])
				if heading == "" {
					continue
				}
				out = append(out, Block{Kind: Heading2, Text: heading, Section: s})
				for _, p := range paras {
					out = append(out, Block{Kind: Paragraph, Text: p, Section: s})
				}
			}
		default:
			para(s, r.Text.Section(s.Number))
		}
	}
	para(nil, r.Text.Closing)
	date := r.DateText()
	if agency != "" || date != "" {
		out = append(out, Block{Kind: Signature, Text: strings.Trim(agency+"\n"+date, "\n"), Lines: []string{agency, date}})
	}
	return out
}

// titleLines breaks the title after the agency name, the break official titles use.
func titleLines(title, agency string) []string {
	if agency != "" && strings.HasPrefix(title, agency) && len(title) > len(agency) {
		return []string{agency, title[len(agency):]}
	}
	return []string{title}
}

// Paragraphs splits text into its non-empty paragraphs (lines), trimmed and cleaned.
func Paragraphs(text string) []string {
	var out []string
	for _, p := range splitLines(text) {
		if p = strings.TrimFunc(Clean(p), isSpace); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// splitLines splits at "\r\n", "\n" and "\r".
func splitLines(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	return strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '\r' })
}

// Part returns the heading and the paragraphs of part i of 一, whose declared heading is h
// ("（一）主动公开"). Users often type the heading themselves: a first line that starts with
// the part's ordinal "（一）" and reads as a heading (short, no full stop) is printed as the
// heading instead of h; a text that starts with h itself loses it (and the punctuation after
// it). The heading is "" when the part has no text.
func Part(h, text string) (heading string, paras []string) {
	paras = Paragraphs(text)
	if len(paras) == 0 {
		return "", nil
	}
	heading = h
	first := paras[0]
	ordinal := h
	if i := strings.Index(h, "）"); i >= 0 {
		ordinal = h[:i+len("）")]
	}
	switch {
	case strings.HasPrefix(first, ordinal) && headingLike(first):
		heading, paras = first, paras[1:]
	case strings.HasPrefix(first, h):
		rest := strings.TrimLeftFunc(first[len(h):], func(r rune) bool {
			return isSpace(r) || strings.ContainsRune("。，、：；:;,.", r)
		})
		if rest == "" {
			paras = paras[1:]
		} else {
			paras[0] = rest
		}
	}
	return heading, paras
}

// headingLike reports whether a line reads as a heading: at most 30 characters and no
// sentence-ending punctuation.
func headingLike(s string) bool {
	return utf8.RuneCountInString(s) <= 30 && !strings.ContainsAny(s, "。；;！？!?")
}

// Clean makes text safe for every output format: invalid UTF-8 becomes U+FFFD, tabs and
// other spacing controls become a space, and characters that XML 1.0 or HTML forbid
// (C0 and C1 controls, noncharacters such as U+FFFE) are dropped. Text without such
// characters is returned as it is.
func Clean(s string) string {
	ok := true
	for i, r := range s {
		if r == utf8.RuneError || !allowed(r) || r == '\t' {
			if r == utf8.RuneError {
				if _, n := utf8.DecodeRuneInString(s[i:]); n == 3 {
					continue // a real U+FFFD
				}
			}
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '\t' || r == '\v' || r == '\f' || r == '\u0085':
			b.WriteByte(' ')
		case allowed(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Line is Clean for one-line text (a name, a title, a cell): line breaks become spaces and
// the ends are trimmed.
func Line(s string) string {
	s = Clean(s)
	if strings.ContainsAny(s, "\r\n") {
		s = strings.Join(strings.Fields(strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(s)), " ")
	}
	return strings.TrimFunc(s, isSpace)
}

// allowed reports whether r may appear in XML 1.0 and HTML text (line breaks included).
func allowed(r rune) bool {
	switch {
	case r == '\n' || r == '\r':
		return true
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return false
	case r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe:
		return false // noncharacters
	}
	return utf8.ValidRune(r)
}

// isSpace is form.IsSpace, the one definition: Unicode spaces (the ideographic one
// included) and the zero-width characters users paste.
func isSpace(r rune) bool { return form.IsSpace(r) }

// Width estimates the printed width of s in full-width characters: CJK and other wide
// characters count 1, ASCII and other narrow characters ½. Writers without font metrics
// (Word, HTML) use it to place the 落款.
func Width(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x1100 || r >= 0xff61 && r <= 0xffdc {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}

// SignatureIndents returns how far from the right edge of a line of line characters, in
// full-width characters, the agency line and the date line of the 落款 end (GB/T 9704
// §7.3.5.2, no seal): the agency two characters from the right edge and the date starting
// two characters right of the agency's start; when the date is the longer, the date takes
// the two-character right space and the agency starts two characters left of it. An agency
// too long for one line wraps (its first line starts at the left edge); no line is indented
// so far that it would not fit.
func SignatureIndents(agency, date string, line float64) (agencyRight, dateRight float64) {
	const space = 2
	aw, dw := math.Min(Width(agency), line-space), Width(date)
	if dw+space > aw {
		agencyRight, dateRight = space+dw+space-aw, space
	} else {
		agencyRight, dateRight = space, space+aw-space-dw
	}
	clamp := func(indent, w float64) float64 { return math.Max(0, math.Min(indent, line-w)) }
	return clamp(agencyRight, aw), clamp(dateRight, dw)
}
