package assets

import (
	"bytes"
	"testing"

	"github.com/go-text/typesetting/font"
)

// TestFontsParseLikeFyne parses every bundled font with go-text/typesetting,
// the shaper Fyne uses for custom fonts.
func TestFontsParseLikeFyne(t *testing.T) {
	tests := []struct {
		role Role
		text string
	}{
		{Title, "年报政府信息公开"},
		{Body, "年报喆堃玥①—“”"},
		{Heading, "一、总体情况"},
		{Kai, "（一）主动公开"},
		{UI, "年报助手喆堃玥，。"},
	}
	for _, tc := range tests {
		t.Run(tc.role.String(), func(t *testing.T) {
			face, err := font.ParseTTF(bytes.NewReader(Font(tc.role)))
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range tc.text {
				if _, ok := face.NominalGlyph(r); !ok {
					t.Errorf("no glyph for %q", r)
				}
			}
		})
	}
}
