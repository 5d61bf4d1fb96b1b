package published

import (
	"fmt"
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
	line  int
}

// tokenize turns lines into table tokens. It understands the scraped form of the seeds
// (one cell per line ending in " |", pipe-only filler lines), rows written on one line with
// "|" or tab separators, rows with space-separated numbers after a label, and one cell per line.
func tokenize(lines []string) []token {
	var out []token
	cell := func(s string, line int) token {
		s = cleanSpace(s)
		if s == "" {
			return token{kind: tBlank, line: line}
		}
		return token{kind: tCell, text: s, key: form.LabelKey(s), value: isValue(s), line: line}
	}
	for n, raw := range lines {
		line := strings.ReplaceAll(raw, "｜", "|")
		trimmed := cleanSpace(line)
		switch {
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
				out = append(out, cell(parts[0], n))
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
				out = appendRow(out, parts, n, cell)
			}
		case strings.Contains(line, "\t"):
			out = appendRow(out, strings.Split(line, "\t"), n, cell)
		case trimmed == "":
			out = append(out, token{kind: tMaybe, line: n})
		default:
			if fields := strings.Fields(trimmed); len(fields) > 1 {
				if k := valueTail(fields); k > 0 && k < len(fields) {
					out = append(out, cell(strings.Join(fields[:len(fields)-k], ""), n))
					for _, f := range fields[len(fields)-k:] {
						out = append(out, cell(f, n))
					}
					out = append(out, token{kind: tBreak, line: n})
					continue
				}
			}
			out = append(out, cell(trimmed, n))
		}
	}
	return out
}

// appendRow adds the cells of one row written on one line; empty fields at the edges may
// be filler for merged cells, empty fields between filled ones are blank cells.
func appendRow(out []token, parts []string, n int, cell func(string, int) token) []token {
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
		t := cell(p, n)
		if t.kind == tBlank && (i < first || i > last || first < 0) {
			t.kind = tMaybe
		}
		out = append(out, t)
	}
	return append(out, token{kind: tBreak, line: n})
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
	n := strings.Join(strings.Fields(form.Normalize(s)), "")
	if utf8.RuneCountInString(n) > 24 {
		return false
	}
	return form.IsPlaceholder(n) || valueRe.MatchString(n)
}

// cleanSpace trims every kind of space, including no-break and ideographic spaces.
func cleanSpace(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u00a0' || r == '\u3000' || r == '\ufeff' || r == '\u200b'
	})
}

// anchor is a row label or block heading of an official table, in layout reading order,
// with the value cells that follow it up to the next anchor.
type anchor struct {
	keys  []string // the label's key and its short form's key
	label string   // the label as printed, without remarks
	table *form.Table
	slots []int // cell indexes into Format.Cells
}

// anchors lists the anchors of every table of f. A block without row labels (四) is anchored
// at its first column label.
func anchors(f *form.Format) []anchor {
	var out []anchor
	for _, t := range f.Tables {
		l := t.Layout()
		for i, s := range l.Spans {
			switch s.Role {
			case form.RoleHeading, form.RoleRow:
				out = append(out, newAnchor(s.Text, t))
			case form.RoleColumn:
				// The first column label of a block without row labels anchors its values.
				if hasRowLabels(l.Spans[i:]) || (i > 0 && l.Spans[i-1].Role == form.RoleColumn) {
					continue
				}
				out = append(out, newAnchor(s.Text, t))
			case form.RoleValue:
				if len(out) > 0 {
					a := &out[len(out)-1]
					a.slots = append(a.slots, f.Index(s.Code))
				}
			}
		}
	}
	return out
}

// hasRowLabels reports whether a row label comes before the next value in spans.
func hasRowLabels(spans []form.Span) bool {
	for _, s := range spans {
		switch s.Role {
		case form.RoleRow:
			return true
		case form.RoleValue, form.RoleHeading:
			return false
		}
	}
	return false
}

func newAnchor(text string, t *form.Table) anchor {
	a := anchor{label: form.Short(text), table: t, keys: []string{form.LabelKey(text)}}
	if k := form.LabelKey(form.Short(text)); k != a.keys[0] {
		a.keys = append(a.keys, k)
	}
	return a
}

// matches reports whether a token's key is this anchor's label, allowing the numbering or
// a qualifier to be missing on either side ("规范性文件" for "行政规范性文件").
func (a *anchor) matches(k string) bool {
	for _, ak := range a.keys {
		if k == ak {
			return true
		}
		short, long := k, ak
		if len(short) > len(long) {
			short, long = long, short
		}
		if utf8.RuneCountInString(short) >= 4 && strings.HasSuffix(long, short) {
			return true
		}
	}
	return false
}

// labelKeys are the keys of every label of every format: texts that are not narrative.
var labelKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range form.Formats {
		for _, t := range f.Tables {
			for _, s := range t.Layout().Spans {
				if s.Text != "" {
					m[form.LabelKey(s.Text)] = true
					m[form.LabelKey(form.Short(s.Text))] = true
				}
			}
		}
	}
	return m
}()

// detectFormat picks the format whose own column and row labels (those the other format does
// not have) occur in the tokens. It returns nil when no table label of either format occurs.
func detectFormat(toks []token) (f *form.Format, score int) {
	own := map[*form.Format]map[string]bool{}
	for _, f := range form.Formats {
		m := map[string]bool{}
		for _, t := range f.Tables {
			for _, s := range t.Layout().Spans {
				if s.Text != "" {
					m[form.LabelKey(s.Text)] = true
				}
			}
		}
		own[f] = m
	}
	found := map[*form.Format]map[string]bool{}
	for _, t := range toks {
		if t.kind != tCell || t.value {
			continue
		}
		for f, m := range own {
			if !m[t.key] {
				continue
			}
			distinct := true
			for g, o := range own {
				if g != f && o[t.key] {
					distinct = false
				}
			}
			if distinct {
				if found[f] == nil {
					found[f] = map[string]bool{}
				}
				found[f][t.key] = true
			}
		}
	}
	for _, g := range form.Formats {
		if n := len(found[g]); n > score {
			f, score = g, n
		}
	}
	return f, score
}

// tableResult is what reading the tables gave.
type tableResult struct {
	placed     int // cells set
	anchors    int // anchors found
	start, end int // line range of the tables (end inclusive), -1 when none
	warnings   []string
}

// readTables walks the official layout of r's format over the tokens and sets every cell
// whose position is certain.
func readTables(r *form.Report, toks []token) tableResult {
	res := tableResult{start: -1, end: -1}
	as := anchors(r.Format)
	index := map[string][]int{}
	for i, a := range as {
		for _, k := range a.keys {
			index[k] = append(index[k], i)
		}
	}
	pos := 0
	run := struct {
		first   int // anchor index starting the run, -1 before any
		from    int // token index where the run's items start
		slots   []int
		missing []string
	}{first: -1}
	flush := func(to int) {
		if run.first < 0 {
			return
		}
		end := res.place(r, &as[run.first], run.missing, run.slots, toks[run.from:to])
		if end > res.end {
			res.end = end
		}
	}
	for i := range as {
		a := &as[i]
		p := findAnchor(toks, pos, i, as, index)
		if p < 0 {
			if run.first >= 0 {
				run.slots = append(run.slots, a.slots...)
				if len(a.slots) > 0 {
					run.missing = append(run.missing, a.label)
				}
			}
			continue
		}
		flush(p)
		res.anchors++
		if res.start < 0 {
			res.start = toks[p].line
		}
		if toks[p].line > res.end {
			res.end = toks[p].line
		}
		run.first, run.from, run.slots, run.missing = i, p+1, append([]int(nil), a.slots...), nil
		pos = p + 1
	}
	flush(len(toks))
	return res
}

// findAnchor returns the index of the token holding anchor i at or after pos, or -1 when a
// later anchor's label comes first (anchor i is missing from the text) or none is found.
func findAnchor(toks []token, pos, i int, as []anchor, index map[string][]int) int {
	for p := pos; p < len(toks); p++ {
		t := &toks[p]
		if t.kind != tCell || t.value {
			continue
		}
		if as[i].matches(t.key) {
			return p
		}
		for _, j := range index[t.key] {
			if j > i {
				return -1
			}
		}
	}
	return -1
}

// isStop reports whether a token ends a run of values: narrative text, not a table label.
func isStop(t *token) bool {
	return t.kind == tCell && !t.value && utf8.RuneCountInString(t.key) >= 12 && !labelKeys[t.key]
}

// place puts the value tokens of one run into its slots when their positions are certain,
// and returns the last line used.
func (res *tableResult) place(r *form.Report, a *anchor, missing []string, slots []int, items []token) int {
	var cells []token // tCell values and tBlank
	var kinds []tokKind
	last := -1
	for i := range items {
		t := &items[i]
		if isStop(t) {
			break
		}
		switch {
		case t.kind == tCell && t.value, t.kind == tBlank, t.kind == tMaybe:
			cells = append(cells, *t)
			kinds = append(kinds, t.kind)
			if t.kind == tCell {
				last = t.line
			}
		}
	}
	where := fmt.Sprintf("「%s」的「%s」", a.table.Name, a.label)
	if len(missing) > 0 {
		where += fmt.Sprintf("（其下 %d 行未找到行名，自「%s」起）", len(missing), missing[0])
	}
	n, m := 0, 0
	for _, k := range kinds {
		if k == tMaybe {
			m++
		} else {
			n++
		}
	}
	want := len(slots)
	var chosen []token
	switch {
	case want == 0:
		return last
	case n == want:
		for _, c := range cells {
			if c.kind != tMaybe {
				chosen = append(chosen, c)
			}
		}
	case n < want:
		// Some empty fields are blank cells: certain when, without the empty fields at the
		// edges of the run, exactly the missing number is left.
		lo, hi, maybes := 0, len(cells), m
		for hi > lo && cells[hi-1].kind == tMaybe && n+maybes > want {
			hi--
			maybes--
		}
		for lo < hi && cells[lo].kind == tMaybe && n+maybes > want {
			lo++
			maybes--
		}
		if n+maybes == want {
			chosen = cells[lo:hi]
			break
		}
		if n == 0 && m == 0 {
			res.warnings = append(res.warnings, fmt.Sprintf("%s：没有找到数值（应有 %d 个），这些单元格留空", where, want))
		} else {
			res.warnings = append(res.warnings, fmt.Sprintf("%s：应有 %d 个数，文中只有 %d 个，无法确定各数所在的单元格，这些单元格留空，请对照原文填写", where, want, n))
		}
		return last
	default: // n > want
		same := ""
		for _, c := range cells {
			if c.kind == tMaybe {
				continue
			}
			if c.kind != tCell {
				same = "\x00"
				break
			}
			v := form.Normalize(c.text)
			if same == "" {
				same = v
			} else if v != same {
				same = "\x00"
				break
			}
		}
		if same != "\x00" && same != "" {
			for _, s := range slots {
				_ = r.SetAt(s, same)
				res.placed++
			}
			res.warnings = append(res.warnings, fmt.Sprintf("%s：应有 %d 个数，文中有 %d 个（多 %d 个），多出的数无法确定属于哪个单元格；因这些数全部为 %s，已按 %s 导入，请对照原文核对", where, want, n, n-want, same, same))
		} else {
			res.warnings = append(res.warnings, fmt.Sprintf("%s：应有 %d 个数，文中有 %d 个（多 %d 个），无法确定各数所在的单元格，这些单元格留空，请对照原文填写", where, want, n, n-want))
		}
		return last
	}
	for i, s := range slots {
		if chosen[i].kind == tCell {
			_ = r.SetAt(s, chosen[i].text)
			res.placed++
		}
	}
	if len(missing) > 0 {
		res.warnings = append(res.warnings, fmt.Sprintf("%s：行名缺失，数值个数与表格相符，已按表格顺序导入，请核对", where))
	}
	return last
}
