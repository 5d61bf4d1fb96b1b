package form

import (
	"errors"
	"strings"
	"testing"
)

// TestParseRefusesPlaceholders: every placeholder, also typed full-width or with spaces,
// is refused in every kind of cell with the hint to type 0.
func TestParseRefusesPlaceholders(t *testing.T) {
	texts := append([]string{"／", "－", " — ", "\u3000无"}, Placeholders...)
	for _, k := range []Kind{Count, Amount, Change} {
		for _, s := range texts {
			_, blank, err := Parse(s, k)
			var ve *ValueError
			if blank || !errors.As(err, &ve) || !strings.Contains(ve.Reason, "没有发生请填 0") {
				t.Errorf("Parse(%q, %v) = blank %v, %v; want the hint to type 0", s, k, blank, err)
			}
		}
	}
	for _, s := range []string{"0", "12", "无数", "/0"} {
		if IsPlaceholder(Normalize(s)) {
			t.Errorf("%q is taken for a placeholder", s)
		}
	}
}
