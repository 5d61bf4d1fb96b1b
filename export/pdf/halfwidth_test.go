package pdf

import (
	"testing"

	"github.com/nianbao/nianbao/assets"
)

// TestHalveAdvances: in the half-width copy of each bundled font every mark compressPunct
// narrows has half its advance, other glyphs keep theirs, and the copy still parses (the
// body font's "”" lies past numberOfHMetrics, so its hmtx is rebuilt and moved).
func TestHalveAdvances(t *testing.T) {
	for _, role := range pdfRoles {
		t.Run(role.String(), func(t *testing.T) {
			data := assets.Font(role)
			m, err := parseMetrics(data)
			if err != nil {
				t.Fatal(err)
			}
			out, runes := halveAdvances(data, m, inkLeft+inkRight)
			if out == nil {
				t.Fatal("no half-width copy")
			}
			h, err := parseMetrics(out)
			if err != nil {
				t.Fatalf("the copy does not parse: %v", err)
			}
			for _, r := range inkLeft + inkRight {
				if m.glyph(r) == 0 {
					continue
				}
				if !runes[r] {
					t.Errorf("%q not halved", r)
				}
				if got, want := h.advance(r), m.advance(r)/2; got < want-1e-3 || got > want+1e-3 {
					t.Errorf("%q: advance %v, want %v", r, got, want)
				}
			}
			for _, r := range "中国政府信息公开2025年ABCxyz" {
				if h.advance(r) != m.advance(r) {
					t.Errorf("%q changed: %v != %v", r, h.advance(r), m.advance(r))
				}
			}
			if string(data[:4]) != string(assets.Font(role)[:4]) || &data[0] == &out[0] {
				t.Error("the shared font bytes were changed")
			}
		})
	}
	if out, runes := halveAdvances([]byte("not a font"), &metrics{}, "，"); out != nil || runes != nil {
		t.Error("garbage gave a font")
	}
}
