package form

import (
	"fmt"
	"strings"
	"unicode"
)

// cnNum are the Chinese numerals of the section numbers, as in "第三部分" and "表三".
var cnNum = []string{"", "一", "二", "三", "四", "五", "六"}

// ShortName is how messages name the table of a section: "表二", "表三", "表四".
func (t *Table) ShortName() string { return "表" + cnNum[t.Section] }

// Where names a number cell by its labels: "「（一）予以公开」行「自然人」列", or
// "「…」列" in a table without row labels.
func (d *CellDef) Where() string {
	if d.Row == nil {
		return fmt.Sprintf("「%s」列", d.ColLabel())
	}
	return fmt.Sprintf("「%s」行「%s」列", d.RowLabel(), d.ColLabel())
}

// FoldLabel folds a label or a unit's name for matching: full-width ASCII to half-width,
// no spaces or quotes, dashes as "-", and "1、" and "1．" item numbers as "1.".
func FoldLabel(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	for _, r := range s {
		if r, keep := foldRune(r); keep {
			b.WriteRune(r)
		}
	}
	out := b.String()
	// "1、" and "1." item numbers become "1.".
	i := 0
	for i < len(out) && out[i] >= '0' && out[i] <= '9' {
		i++
	}
	if i > 0 && strings.HasPrefix(out[i:], "、") {
		out = out[:i] + "." + out[i+len("、"):]
	}
	return out
}

// LabelKey reduces a label, folded as by FoldLabel, to its letters and digits in lower
// case: "（一）予以公开" and "(一)予以公开" both give "一予以公开".
func LabelKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		// FoldLabel drops or maps only non-letters, so folding the width is enough here.
		if r = foldWidth(r); unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// foldWidth turns a full-width ASCII form ("（", "１", "Ａ") into its half-width rune.
func foldWidth(r rune) rune {
	if r >= '！' && r <= '～' {
		return r - ('！' - '!')
	}
	return r
}

// foldRune folds one rune of a label: full-width ASCII to half-width, dashes to '-';
// keep is false for spaces and quotes.
func foldRune(r rune) (_ rune, keep bool) {
	switch {
	case r >= '！' && r <= '～':
		return foldWidth(r), true
	case IsSpace(r):
		return r, false
	case strings.ContainsRune("“”‘’\"'", r):
		return r, false
	case r == '—' || r == '–' || r == '−':
		return '-', true
	}
	return r, true
}
