package published

import (
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
)

// anchor is a row label or block heading of an official table, in layout reading order,
// with the value cells that follow it up to the next anchor.
type anchor struct {
	keys  []string // the label's key and its short form's key
	label string   // the label as printed, without remarks
	table *form.Table
	slots []int // cell indexes into Format.Cells
	// block is true for the column label anchoring a block without row labels (四): messages
	// name the table, not the label.
	block  bool
	format *form.Format
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
				a := newAnchor(s.Text, t)
				a.block = true
				// The block's first heading ("行政复议") comes first in the text and stays
				// whole when PDF text breaks the column labels up ("结果 / 维持").
				for _, top := range t.Blocks[len(t.Blocks)-1].Cols[:1] {
					if k := form.LabelKey(top.Label); len(top.Children) > 0 && k != a.keys[0] {
						a.keys = append(a.keys, k)
					}
				}
				out = append(out, a)
			case form.RoleValue:
				if len(out) > 0 {
					a := &out[len(out)-1]
					a.slots = append(a.slots, f.Index(s.Code))
				}
			}
		}
	}
	for i := range out {
		out[i].format = f
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

// rowName names the anchor's row as BlankRow does: a numbered item with its group
// ("（六）其他处理 3.其他"), other rows and headings by their label.
func (a *anchor) rowName() string {
	if len(a.slots) == 0 || a.block {
		return a.label
	}
	return rowName(a.format.Cells[a.slots[0]])
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
	// The start of a label cut off by a page or a cell edge: "（二）部分公开（区分处理的，只计这一情".
	return utf8.RuneCountInString(k) >= 6 && strings.HasPrefix(a.keys[0], k)
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
