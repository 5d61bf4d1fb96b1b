package extract

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

// plainCJKFont adds a Type0 font like cjkFont whose ToUnicode map is not compressed, so that
// two fonts of as many glyphs have streams of the same /Length.
func (b *pdfBuilder) plainCJKFont(runes []rune) int {
	var cmap strings.Builder
	cmap.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	fmt.Fprintf(&cmap, "%d beginbfchar\n", len(runes))
	for i, r := range runes {
		fmt.Fprintf(&cmap, "<%04X> <%04X>\n", i+1, utf16.Encode([]rune{r})[0])
	}
	cmap.WriteString("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n")
	desc := b.add("<</Type/Font/Subtype/CIDFontType2/BaseFont/SimSun/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/DW 1000>>")
	tu := b.stream("", []byte(cmap.String()), false)
	return b.add(fmt.Sprintf("<</Type/Font/Subtype/Type0/BaseFont/SimSun/Encoding/Identity-H/DescendantFonts[%d 0 R]/ToUnicode %d 0 R>>", desc, tu))
}

// TestPDFFontPerPage: two pages whose resources both call their font /F1, two different
// fonts (same BaseFont, same number of glyphs, ToUnicode maps of the same length but
// different codes): each page's text is read with its own font.
func TestPDFFontPerPage(t *testing.T) {
	lines := [][]string{
		{"某某局2024年政府信息公开工作年度报告", "一、总体情况"},
		{"二、主动公开政府信息情况统计表", "三、收到和处理申请情况"},
	}
	// Both pages use the same codes 1..n; each font maps them to its page's characters.
	if len([]rune(strings.Join(lines[0], ""))) != len([]rune(strings.Join(lines[1], ""))) {
		t.Fatal("the pages must have as many characters")
	}
	b := &pdfBuilder{}
	pages := b.add("")
	var kids []string
	for _, p := range lines {
		font := b.plainCJKFont([]rune(strings.Join(p, "")))
		var c strings.Builder
		c.WriteString("BT /F1 12 Tf\n")
		code, y := 1, 800
		for _, l := range p {
			fmt.Fprintf(&c, "1 0 0 1 50 %d Tm <", y)
			for range []rune(l) {
				fmt.Fprintf(&c, "%04X", code)
				code++
			}
			c.WriteString("> Tj\n")
			y -= 20
		}
		c.WriteString("ET\n")
		content := b.stream("", []byte(c.String()), false)
		kids = append(kids, fmt.Sprintf("%d 0 R", b.add(fmt.Sprintf("<</Type/Page/Parent %d 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 %d 0 R>>>>/Contents %d 0 R>>", pages, font, content))))
	}
	b.set(pages, fmt.Sprintf("<</Type/Pages/Kids[%s]/Count %d>>", strings.Join(kids, " "), len(kids)))
	data := b.bytes(b.add(fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", pages)), "")
	got, err := readPDF(data)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join(lines[0], "\n") + "\n" + strings.Join(lines[1], "\n") + "\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
