package extract

import "testing"

// Cells and paragraphs are trimmed and collapsed by form.IsSpace: the zero-width joiners and
// the word joiner that Word and web pages carry count as spaces too.
func TestCollapseSpaces(t *testing.T) {
	for in, want := range map[string]string{
		"\u2060甲\u200c \u3000乙\u200d": "甲 乙",
		"\u180e\u00a0一、总体情况\ufeff":    "一、总体情况",
		"a\u200bb":                    "a b",
	} {
		if got := collapse(in); got != want {
			t.Errorf("collapse(%q) = %q, want %q", in, got, want)
		}
	}
}
