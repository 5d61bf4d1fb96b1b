package pdf

import (
	"math"
	"testing"

	"github.com/nianbao/nianbao/assets"
)

// TestNoLooseLines: justification never spreads a line into letter-spaced characters. In
// every body line of many varied paragraphs (numbers, web addresses, telephone numbers,
// Latin words), each glyph starts at most 0.3 em after where the previous one's advance
// ends; a paragraph's last line is set at its natural width.
func TestNoLooseLines(t *testing.T) {
	d, err := New(testOptions())
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 120; i++ {
		d.Paragraph(sampleParagraph(i))
	}
	em := ptToMM(BodySize)
	worst, where := 0.0, ""
	for p, pg := range d.pages {
		gs := pg.glyphs
		for k := 1; k < len(gs); k++ {
			a, b := gs[k-1], gs[k]
			if a.role != assets.Body || b.role != assets.Body || math.Abs(a.y-b.y) > 0.01 || b.x < a.x {
				continue
			}
			adv := d.fonts[a.role].m.advance(a.r) * ptToMM(a.size) * d.bodyTrack
			if a.half {
				adv /= 2
			}
			if a.r == ' ' {
				continue
			}
			gap := b.x - a.x - adv
			if gap > worst {
				worst, where = gap, string([]rune{a.r, b.r})
			}
			allow := 0.3 * em
			if a.r < 0x80 && b.r < 0x80 {
				allow += 0.3 * em // perhaps a space between Latin words, which draws no glyph
			}
			if gap > allow {
				t.Errorf("page %d: %q spread %.2f mm (%.2f em) apart", p+1, string([]rune{a.r, b.r}), gap, gap/em)
			}
		}
	}
	t.Logf("widest gap %.2f mm (%.2f em) at %q", worst, worst/em, where)
}
