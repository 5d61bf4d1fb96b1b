package pdf

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/assets"
	"github.com/nianbao/nianbao/form"
)

var update = flag.Bool("update", false, "rewrite the golden layout files in testdata/")

// layoutDump writes the display list of d as text: for each page its cell borders and
// its runs of text (consecutive glyphs on one baseline, in one font and size) with their
// position in mm. It is what the golden test compares: where every line, table row and
// page break falls, independent of how gofpdf and zlib encode the bytes.
func layoutDump(d *Doc) string {
	var b strings.Builder
	role := map[assets.Role]string{assets.Title: "title", assets.Body: "body", assets.Heading: "heading", assets.Kai: "kai", fallbackRole: "fallback"}
	for i, pg := range d.pages {
		fmt.Fprintf(&b, "page %d\n", i+1)
		for _, r := range pg.rects {
			fmt.Fprintf(&b, "  rect %.1f %.1f %.1f %.1f\n", r.x, r.y, r.w, r.h)
		}
		for k := 0; k < len(pg.glyphs); {
			g := pg.glyphs[k]
			var text strings.Builder
			j := k
			for ; j < len(pg.glyphs); j++ {
				h := pg.glyphs[j]
				if math.Abs(h.y-g.y) > 0.01 || h.role != g.role || h.size != g.size || j > k && h.x < pg.glyphs[j-1].x {
					break
				}
				text.WriteRune(h.r)
			}
			fmt.Fprintf(&b, "  text %.1f %.1f %s %.1f %s\n", g.x, g.y, role[g.role], g.size, text.String())
			k = j
		}
	}
	return b.String()
}

// layoutReport lays out r (without writing it) for tests.
func layoutReport(r *form.Report, opt Options) (*Doc, error) {
	d, err := New(opt)
	if err != nil {
		return nil, err
	}
	d.report(r)
	return d, d.Err()
}

// TestGoldenLayout compares the layout of the sample report of each format with
// testdata/sample-FORMAT.layout. The goldens were made with -update and the PDFs
// looked at as PNG pages (pdftoppm -r 80) before they were committed; after a change
// of layout, look again: NIANBAO_PDF_OUT=/tmp/x go test ./export/pdf -run Golden -update.
func TestGoldenLayout(t *testing.T) {
	for _, f := range form.Formats {
		t.Run(f.ID, func(t *testing.T) {
			r := form.Sample(f)
			d, err := layoutReport(r, testOptions())
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := d.Output(&buf); err != nil { // numbers the pages
				t.Fatal(err)
			}
			if dir := os.Getenv("NIANBAO_PDF_OUT"); dir != "" {
				os.WriteFile(filepath.Join(dir, "golden-"+f.ID+".pdf"), buf.Bytes(), 0o644)
			}
			got := layoutDump(d)
			path := filepath.Join("testdata", "sample-"+f.ID+".layout")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < max(len(gl), len(wl)); i++ {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("layout differs from %s at line %d:\n got  %q\n want %q\n(look at the PDF, then go test -run Golden -update)", path, i+1, g, w)
					}
				}
			}
		})
	}
}
