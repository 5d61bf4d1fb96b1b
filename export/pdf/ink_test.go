package pdf

import (
	"math"
	"testing"

	"github.com/nianbao/nianbao/assets"
	"github.com/nianbao/nianbao/form"
)

// TestHeadingInk: the characters of a 楷体 heading (（一）主动公开) look as large as the
// body's on the page — the height of their outlines as drawn within 3% — and sit at the
// body's character pitch, though the bundled 楷体 draws its characters a tenth smaller
// within the em than the body font.
func TestHeadingInk(t *testing.T) {
	d, err := layoutReport(form.Sample(form.Latest), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	body, kai := d.fonts[assets.Body].ink, d.fonts[assets.Kai].ink
	if body < 0.85 || kai < 0.75 || kai > 0.88 {
		t.Fatalf("ink heights body %.3f, 楷体 %.3f: not measured from the bundled fonts", body, kai)
	}
	drawn := map[assets.Role]float64{}
	var kaiX []float64 // 主动公开 of （一）主动公开
	kaiY := -1.0
	for _, g := range d.pages[0].glyphs {
		if g.r < 0x4e00 || g.r > 0x9fff {
			continue
		}
		drawn[g.role] = g.size * d.fonts[g.role].ink
		if g.role == assets.Kai && g.r != '一' && (kaiY < 0 || g.y == kaiY) {
			kaiX, kaiY = append(kaiX, g.x), g.y
		}
	}
	if drawn[assets.Body] == 0 || drawn[assets.Kai] == 0 {
		t.Fatalf("no body or 楷体 text on page 1: %v", drawn)
	}
	if r := drawn[assets.Kai] / drawn[assets.Body]; math.Abs(r-1) > 0.03 {
		t.Errorf("楷体 headings draw characters %.2f pt high, the body %.2f pt: %.0f%% of the body", drawn[assets.Kai], drawn[assets.Body], 100*r)
	}
	for i := 1; i < len(kaiX); i++ {
		if p := kaiX[i] - kaiX[i-1]; math.Abs(p-CharPitch) > 0.05 {
			t.Errorf("楷体 heading characters %.2f mm apart, the body pitch is %.2f mm", p, CharPitch)
		}
	}
}
