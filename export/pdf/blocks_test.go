package pdf

import (
	"testing"

	"github.com/nianbao/nianbao/assets"
	"github.com/nianbao/nianbao/export/outline"
	"github.com/nianbao/nianbao/form"
)

// TestStackedTableSplits: table 二, a stack of blocks each with its own heading, does not
// leave more than a quarter of a page empty by moving whole to the next page when it can
// break between its blocks; it never breaks inside a block (a heading or its column
// labels left at the foot of a page), whatever the text before it.
func TestStackedTableSplits(t *testing.T) {
	for _, f := range form.Formats {
		r := form.Sample(f)
		var grid *outline.Grid
		for _, b := range outline.Blocks(r) {
			if b.Kind == outline.Table && b.Grid.Stacked {
				grid = b.Grid
				break
			}
		}
		if grid == nil {
			t.Fatalf("%s: no stacked table", f.ID)
		}
		moved := 0
		for n := 0; n < 40; n++ {
			d, err := New(testOptions())
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < n; i++ {
				d.Paragraph(sampleParagraph(i))
			}
			d.Heading1("二、主动公开政府信息情况")
			before, page := d.y, len(d.pages)-1
			tb := d.gridTable(grid)
			d.Table(tb)
			if d.Err() != nil {
				t.Fatal(d.Err())
			}
			// The page of the table's first border.
			first := -1
			for p := page; p < len(d.pages) && first < 0; p++ {
				if len(d.pages[p].rects) > 0 {
					first = p
				}
			}
			if first > page && before > MarginTop+1 {
				moved++
				if empty := d.bottom() - before; empty > TextHeight/4 {
					t.Errorf("%s, %d paragraphs before: table 二 moved to the next page leaving %.0f mm of %.0f empty", f.ID, n, empty, float64(TextHeight))
				}
			}
			// No page ends with a block's heading or column labels: the last row drawn on
			// a page is a row of values.
			for p := page; p < len(d.pages)-1; p++ {
				if len(d.pages[p].rects) == 0 {
					continue
				}
				last := d.pages[p].rects[0]
				for _, rc := range d.pages[p].rects {
					if rc.y+rc.h > last.y+last.h {
						last = rc
					}
				}
				for _, g := range d.pages[p].glyphs {
					if g.y > last.y && g.y < last.y+last.h && g.role == assets.Heading {
						t.Errorf("%s, %d paragraphs before: page %d ends with a block heading of table 二", f.ID, n, p+1)
						break
					}
				}
			}
		}
		t.Logf("%s: table 二 started on a new page %d times in 40", f.ID, moved)
	}
}
