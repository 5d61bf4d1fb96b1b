package published

import (
	"testing"

	"github.com/nianbao/nianbao/form"
)

// TestIsValuePlaceholders: a table cell holding any of form's placeholders, even spaced or
// full-width, is read as a value cell; words are not.
func TestIsValuePlaceholders(t *testing.T) {
	for _, s := range append([]string{"／", "－", " / ", "— —"}, form.Placeholders...) {
		if !isValue(s) {
			t.Errorf("isValue(%q) = false", s)
		}
	}
	for _, s := range []string{"无数", "空白", "予以公开", "/-/"} {
		if isValue(s) {
			t.Errorf("isValue(%q) = true", s)
		}
	}
}
