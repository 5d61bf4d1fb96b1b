package published

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
)

// tokKind says what a table token is.
type tokKind int

const (
	// tCell is a non-empty cell: a label, a value or noise.
	tCell tokKind = iota
	// tBlank is an empty cell that is certainly a cell (between two filled cells of a row).
	tBlank
	// tMaybe is an empty field that is either a blank cell or merged-cell filler / a row end
	// (a lone "|" line, an empty line, an empty field at the edge of a row).
	tMaybe
	// tBreak ends a row (a line of several "|", or the end of a row written on one line).
	tBreak
)

// token is one cell-ish piece of the text, with the line it came from.
type token struct {
	kind  tokKind
	text  string // trimmed text of a tCell
	key   string // label key of a tCell (see key)
	value bool   // the cell text reads as a number or a placeholder ("/", "—")
	// soft marks a run of digits from text whose cells run together ("3000003"): it may
	// hold several cells, to be split by the table's identities.
	soft bool
	// emptyLine marks a tMaybe that is an empty line (not an empty "|" field).
	emptyLine bool
	line      int
}

// tokenize turns lines into table tokens. It understands the scraped form of the seeds
// (one cell per line ending in " |", pipe-only filler lines), rows written on one line with
// "|" or tab separators, PDF text whose columns are separated by runs of spaces, rows with
// space-separated numbers after a label, one cell per line, and text whose labels and numbers
// run together ("规章000行政规范性文件6045").
func tokenize(lines []string) []token {
	var out []token
	for n, raw := range lines {
		if len(out) >= maxTokens {
			break
		}
		line := strings.ReplaceAll(raw, "｜", "|")
		trimmed := cleanSpace(line)
		switch {
		case len(trimmed) > maxTableLine || strings.Count(line, "|")+strings.Count(line, "\t") > maxRowCells:
			// No table row is that long: one piece of text.
			out = append(out, token{kind: tCell, text: headOf(trimmed, 240), key: form.LabelKey(headOf(trimmed, 240)), line: n})
		case strings.Contains(line, "|"):
			parts := strings.Split(line, "|")
			pipes := len(parts) - 1
			filled := 0
			for _, p := range parts {
				if cleanSpace(p) != "" {
					filled++
				}
			}
			switch {
			case filled == 0 && pipes == 1:
				out = append(out, token{kind: tMaybe, line: n})
			case filled == 0:
				out = append(out, token{kind: tBreak, line: n})
			case filled == 1 && cleanSpace(parts[0]) != "":
				// Seed style: "text |" or "text | ||" (a cell, then maybe the row's end).
				out = append(out, cellToken(parts[0], n))
				if pipes > 1 {
					out = append(out, token{kind: tBreak, line: n})
				}
			default:
				if cleanSpace(parts[0]) == "" {
					parts = parts[1:]
				}
				if len(parts) > 0 && cleanSpace(parts[len(parts)-1]) == "" {
					parts = parts[:len(parts)-1]
				}
				out = appendRow(out, parts, n)
			}
		case strings.Contains(line, "\t"):
			out = appendRow(out, strings.Split(line, "\t"), n)
		case trimmed == "":
			out = append(out, token{kind: tMaybe, line: n, emptyLine: true})
		case runTogether(trimmed):
			out = scanRunTogether(out, trimmed, n)
		default:
			out = appendFields(out, trimmed, n)
		}
	}
	return joinFragments(out)
}

// cellToken makes the token of one cell's text.
func cellToken(s string, line int) token {
	s = cleanSpace(s)
	if s == "" {
		return token{kind: tBlank, line: line}
	}
	return token{kind: tCell, text: s, key: form.LabelKey(s), value: isValue(s), line: line}
}

// appendRow adds the cells of one row written on one line; empty fields at the edges may
// be filler for merged cells, empty fields between filled ones are blank cells.
func appendRow(out []token, parts []string, n int) []token {
	first, last := -1, -1
	for i, p := range parts {
		if cleanSpace(p) != "" {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	for i, p := range parts {
		t := cellToken(p, n)
		switch {
		case t.kind == tBlank && (i < first || i > last || first < 0):
			t.kind = tMaybe
		case t.kind == tCell && !t.value && strings.ContainsFunc(t.text, form.IsSpace):
			// PDF text: a cell holding a label and a number, or a piece of the cell before.
			out = appendWords(out, strings.FieldsFunc(t.text, form.IsSpace), n)
			continue
		}
		out = append(out, t)
	}
	return append(out, token{kind: tBreak, line: n})
}

// appendWords adds the words of one cell or column: a label (see labelFields), then the
// values that end it ("规章 0 0 0").
func appendWords(out []token, words []string, n int) []token {
	k := valueTail(words)
	for _, c := range labelFields(words[:len(words)-k]) {
		out = append(out, cellToken(c, n))
	}
	for _, w := range words[len(words)-k:] {
		out = append(out, cellToken(w, n))
	}
	return out
}

// gapRe separates the columns of PDF text laid out with spaces: two or more spaces, or an
// ideographic space.
var gapRe = regexp.MustCompile(`[ \t\x{a0}]{2,}|\x{3000}+`)

// appendFields adds a line without cell separators: its columns (separated by runs of
// spaces), each a label, a value, or a label followed by space-separated values ("规章 0 0 0").
func appendFields(out []token, line string, n int) []token {
	values := false
	for _, field := range gapRe.Split(line, -1) {
		fields := strings.Fields(field)
		if len(fields) == 0 {
			continue
		}
		if valueTail(fields) > 0 {
			values = true
		}
		out = appendWords(out, fields, n)
	}
	if values {
		out = append(out, token{kind: tBreak, line: n})
	}
	return out
}

// labelFields joins the words of a label cell. When PDF text puts a piece of another cell
// before the label with a single space ("三、本年 （一）予以公开", "无法提 2.没有现成信息需要另行制"),
// the words from the first one that starts a table label form the label, the words before it
// another cell.
func labelFields(words []string) []string {
	if len(words) == 0 {
		return nil
	}
	joined := strings.Join(words, "")
	if k := form.LabelKey(joined); labelKeys[k] || labelPrefixes[k] {
		return []string{joined}
	}
	for i := 1; i < len(words); i++ {
		rest := strings.Join(words[i:], "")
		k := form.LabelKey(rest)
		if labelKeys[k] || labelPrefixes[k] && utf8.RuneCountInString(k) >= 4 {
			return []string{strings.Join(words[:i], ""), rest}
		}
	}
	return []string{joined}
}

// valueTail counts the trailing fields that read as values, when every field after the
// first value is a value ("规章 0 0 0" → 3).
func valueTail(fields []string) int {
	k := 0
	for i := len(fields) - 1; i >= 0 && isValue(fields[i]); i-- {
		k++
	}
	return k
}

var valueRe = regexp.MustCompile(`^(增加|增|减少|减|\+|-)?\d[\d,]*(\.\d+)?(万元|元|件|项|个|条|次)?$`)

// isValue reports whether a cell text reads as a number or a placeholder for one.
func isValue(s string) bool {
	if len(s) > 256 || len(s) > 8 && !strings.ContainsAny(s, "0123456789０１２３４５６７８９") {
		return false // words: no number, and longer than any placeholder
	}
	n := strings.Join(strings.Fields(form.Normalize(s)), "")
	if utf8.RuneCountInString(n) > 24 {
		return false
	}
	return form.IsPlaceholder(n) || valueRe.MatchString(n)
}

// cleanSpace trims every kind of space (form.IsSpace), including no-break, ideographic and
// zero-width spaces.
func cleanSpace(s string) string { return strings.TrimFunc(s, form.IsSpace) }

// Text whose cells run together.

// labelTrie holds the keys of every table label of every format (see form.LabelKey), with
// their short forms and, for numbered items, the form without the number: the words a table
// printed without separators is cut at.
var labelTrie = func() *trieNode {
	t := &trieNode{}
	for k := range labelKeys {
		if utf8.RuneCountInString(k) >= 2 {
			t.add(k)
		}
		if i := strings.IndexFunc(k, func(r rune) bool { return !unicode.IsDigit(r) }); i > 0 && utf8.RuneCountInString(k[i:]) >= 4 {
			t.add(k[i:])
		}
	}
	return t
}()

// trieNode is a node of a trie of label keys.
type trieNode struct {
	next map[rune]*trieNode
	end  bool
}

func (t *trieNode) add(key string) {
	for _, r := range key {
		if t.next == nil {
			t.next = map[rune]*trieNode{}
		}
		n := t.next[r]
		if n == nil {
			n = &trieNode{}
			t.next[r] = n
		}
		t = n
	}
	t.end = true
}

// keyRune returns the rune as a label key holds it, or ok false for a rune keys leave out.
func keyRune(r rune) (rune, bool) {
	r = unicode.ToLower(foldWidthRune(r))
	return r, unicode.IsLetter(r) || unicode.IsDigit(r)
}

// foldWidthRune turns a full-width ASCII form into its half-width rune.
func foldWidthRune(r rune) rune {
	if r >= '！' && r <= '～' {
		return r - ('！' - '!')
	}
	return r
}

// matchLabel returns the end (byte offset in s) of the longest table label starting at
// byte i of s, skipping spaces and punctuation inside it as LabelKey does, or -1.
func matchLabel(s string, i int) int {
	n := labelTrie
	end := -1
	for j := i; j < len(s); {
		r, size := utf8.DecodeRuneInString(s[j:])
		k, ok := keyRune(r)
		if !ok {
			if j == i || r == '|' || r == '\n' {
				break
			}
			j += size
			continue
		}
		n = n.next[k]
		if n == nil {
			break
		}
		j += size
		if n.end {
			end = j
		}
	}
	if end < 0 {
		return -1
	}
	// A closing bracket or quote belongs to the label it closes.
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !strings.ContainsRune("）)」”", r) {
			break
		}
		end += size
	}
	return end
}

// labelHits counts the table labels in s and tells whether the text outside them has a
// clause or sentence mark (narrative, not a table).
func labelHits(s string) (hits int, prose bool) {
	for i := 0; i < len(s); {
		if e := matchLabel(s, i); e > i {
			hits++
			i = e
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if strings.ContainsRune("。，；：,;！？", r) {
			prose = true
		}
		i += size
	}
	return hits, prose
}

// runTogether reports whether a line is a table whose labels and numbers run together:
// no sentence outside the labels, numbers, and several table labels or a number glued to one.
func runTogether(s string) bool {
	if !strings.ContainsAny(s, "0123456789０１２３４５６７８９") {
		return false
	}
	hits, prose := labelHits(s)
	return !prose && (hits >= 3 || hits >= 1 && gluedNumber(s))
}

// gluedNumber reports whether s is one label with a number glued to its end ("规章000").
func gluedNumber(s string) bool {
	e := matchLabel(s, 0)
	if e <= 0 {
		return false
	}
	rest := cleanSpace(s[e:])
	return rest != "" && isDigits(form.Normalize(rest))
}

// isDigits reports whether s is ASCII digits only.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// scanRunTogether cuts a line whose cells run together into label, text and value tokens.
// A run of digits may hold several cells (soft); a space always separates cells.
func scanRunTogether(out []token, s string, n int) []token {
	textStart, numStart := -1, -1
	flushText := func(end int) {
		if textStart >= 0 {
			if t := cellToken(s[textStart:end], n); t.kind == tCell {
				out = append(out, t)
			}
			textStart = -1
		}
	}
	flushNum := func(end int) {
		if numStart >= 0 {
			v := strings.TrimRight(s[numStart:end], ".．,，")
			if v != "" {
				t := cellToken(v, n)
				t.soft = isDigits(form.Normalize(v))
				out = append(out, t)
			}
			numStart = -1
		}
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case form.IsSpace(r):
			flushText(i)
			flushNum(i)
			i += size
			continue
		}
		if e := matchLabel(s, i); e > i {
			flushText(i)
			flushNum(i)
			out = append(out, cellToken(s[i:e], n))
			i = e
			continue
		}
		d := foldWidthRune(r)
		switch {
		case d >= '0' && d <= '9', numStart >= 0 && (d == '.' || d == ',') && i+size < len(s) && isDigitAt(s, i+size):
			flushText(i)
			if numStart < 0 {
				numStart = i
			}
		case r == '/' || r == '／' || r == '—':
			flushText(i)
			flushNum(i)
			out = append(out, cellToken(s[i:i+size], n))
		default:
			flushNum(i)
			if textStart < 0 {
				textStart = i
			}
		}
		i += size
	}
	flushText(len(s))
	flushNum(len(s))
	return out
}

func isDigitAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	r = foldWidthRune(r)
	return r >= '0' && r <= '9'
}

// Wrapped labels.

// labelPrefixes holds every proper prefix (of at least two runes) of the table labels' keys:
// the start of a label that PDF text wrapped onto several lines.
var labelPrefixes = func() map[string]bool {
	m := map[string]bool{}
	for k := range labelKeys {
		rs := []rune(k)
		for i := 2; i < len(rs); i++ {
			m[string(rs[:i])] = true
		}
	}
	return m
}()

// fragmentWindow bounds how far (in tokens and lines) the rest of a wrapped label is looked for.
const (
	fragmentTokens = 24
	fragmentLines  = 6
)

// joinFragments joins the pieces of row labels that PDF text wraps over several lines, with
// the row's numbers between them: 「（二）部分公开（区分处理的，只计这一情」 / 447 7 0 0 0 0 454 /
// 「形，不计其他情形）」 becomes the whole label followed by the numbers. A piece is taken as the
// rest of a label only when the joined text is (the start of) a table label.
func joinFragments(toks []token) []token {
	used := make([]bool, len(toks))
	for i := range toks {
		t := &toks[i]
		if used[i] || t.kind != tCell || t.value || !labelPrefixes[t.key] {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+fragmentTokens && toks[j].line <= t.line+fragmentLines; j++ {
			u := &toks[j]
			if used[j] || u.kind != tCell || u.value || u.key == "" {
				continue
			}
			joined := t.key + u.key
			if !labelKeys[joined] && !labelPrefixes[joined] {
				continue
			}
			t.text += u.text
			t.key = joined
			used[j] = true
			if labelKeys[joined] && !labelPrefixes[joined] {
				break
			}
		}
	}
	out := toks[:0]
	for i, t := range toks {
		if !used[i] {
			out = append(out, t)
		}
	}
	return out
}
