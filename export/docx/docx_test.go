package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/export/outline"
	"github.com/nianbao/nianbao/export/outline/outlinetest"
	"github.com/nianbao/nianbao/form"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// node is a generic XML element.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []node     `xml:",any"`
	Text    string     `xml:",chardata"`
}

// attr returns the attribute with the given local name.
func (n *node) attr(local string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// child returns the first child element with the given local name, or nil.
func (n *node) child(local string) *node {
	for i := range n.Nodes {
		if n.Nodes[i].XMLName.Local == local {
			return &n.Nodes[i]
		}
	}
	return nil
}

// children returns the child elements with the given local name.
func (n *node) children(local string) []*node {
	var out []*node
	for i := range n.Nodes {
		if n.Nodes[i].XMLName.Local == local {
			out = append(out, &n.Nodes[i])
		}
	}
	return out
}

// text returns the concatenated w:t text under n.
func (n *node) text() string {
	if n.XMLName.Local == "t" {
		return n.Text
	}
	var b strings.Builder
	for i := range n.Nodes {
		b.WriteString(n.Nodes[i].text())
	}
	return b.String()
}

// docxParts writes r and returns the package's parts by name, in zip order.
func docxParts(t testing.TB, r *form.Report, opt Options) (map[string][]byte, []string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, opt); err != nil {
		t.Fatal(err)
	}
	parts, names := unzip(t, buf.Bytes())
	return parts, names, buf.Bytes()
}

func unzip(t testing.TB, data []byte) (map[string][]byte, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = b
		names = append(names, f.Name)
	}
	return parts, names
}

// parse decodes an XML part strictly (well-formed, legal characters only).
func parse(t testing.TB, name string, data []byte) *node {
	t.Helper()
	var n node
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	if err := d.Decode(&n); err != nil {
		t.Fatalf("%s is not well-formed XML: %v", name, err)
	}
	return &n
}

func TestPackageParts(t *testing.T) {
	parts, names, _ := docxParts(t, form.Sample(form.Latest), Options{})
	if names[0] != "[Content_Types].xml" {
		t.Errorf("first part %q; [Content_Types].xml must come first", names[0])
	}
	for _, name := range names {
		parse(t, name, parts[name])
	}
	types := parse(t, "[Content_Types].xml", parts["[Content_Types].xml"])
	overrides := map[string]string{}
	for _, o := range types.children("Override") {
		overrides[strings.TrimPrefix(o.attr("PartName"), "/")] = o.attr("ContentType")
	}
	for _, name := range names {
		if strings.HasSuffix(name, ".rels") || name == "[Content_Types].xml" {
			continue
		}
		if overrides[name] == "" {
			t.Errorf("part %s has no content type", name)
		}
	}
	for name := range overrides {
		if parts[name] == nil {
			t.Errorf("content type for missing part %s", name)
		}
	}
	// Every relationship points at a part.
	for _, rels := range []struct{ name, base string }{{"_rels/.rels", ""}, {"word/_rels/document.xml.rels", "word/"}} {
		for _, rel := range parse(t, rels.name, parts[rels.name]).children("Relationship") {
			if parts[rels.base+rel.attr("Target")] == nil {
				t.Errorf("%s: %s points at missing %s", rels.name, rel.attr("Id"), rel.attr("Target"))
			}
		}
	}
	// The footers the section names exist, odd (default) right and even left.
	doc := parse(t, "document", parts["word/document.xml"])
	rels := map[string]string{}
	for _, rel := range parse(t, "rels", parts["word/_rels/document.xml.rels"]).children("Relationship") {
		rels[rel.attr("Id")] = "word/" + rel.attr("Target")
	}
	sect := doc.child("body").child("sectPr")
	refs := sect.children("footerReference")
	if len(refs) != 2 {
		t.Fatalf("%d footer references, want odd and even", len(refs))
	}
	for _, ref := range refs {
		ftr := parse(t, "footer", parts[rels[ref.attr("id")]])
		p := ftr.child("p")
		jc := p.child("pPr").child("jc").attr("val")
		want := map[string]string{"default": "right", "even": "left"}[ref.attr("type")]
		if jc != want {
			t.Errorf("%s footer aligned %s, want %s", ref.attr("type"), jc, want)
		}
		fld := p.child("fldSimple")
		if fld == nil || strings.TrimSpace(fld.attr("instr")) != "PAGE" || p.text() != "— 1 —" {
			t.Errorf("%s footer is %q, not 「— PAGE —」", ref.attr("type"), p.text())
		}
	}
	settings := parse(t, "settings", parts["word/settings.xml"])
	if settings.child("evenAndOddHeaders") == nil {
		t.Error("settings lack evenAndOddHeaders: even pages would show the odd footer")
	}

	// Without page numbers: no footers, no even/odd setting.
	parts, _, _ = docxParts(t, form.Sample(form.Latest), Options{NoPageNumbers: true})
	if bytes.Contains(parts["word/document.xml"], []byte("footerReference")) || parts["word/footer1.xml"] != nil {
		t.Error("NoPageNumbers still writes footers")
	}
}

func TestPageSetup(t *testing.T) {
	parts, _, _ := docxParts(t, form.Sample(form.Latest), Options{})
	sect := parse(t, "document", parts["word/document.xml"]).child("body").child("sectPr")
	twips := func(mm float64) string { return fmt.Sprint(int(mm*1440/25.4 + 0.5)) }
	for _, c := range []struct{ el, attr, want string }{
		{"pgSz", "w", "11906"}, {"pgSz", "h", "16838"},
		{"pgMar", "top", twips(37)}, {"pgMar", "bottom", twips(35)},
		{"pgMar", "left", twips(28)}, {"pgMar", "right", twips(26)},
		{"docGrid", "linePitch", "579"},
	} {
		if got := sect.child(c.el).attr(c.attr); got != c.want {
			t.Errorf("%s %s = %s, want %s", c.el, c.attr, got, c.want)
		}
	}
	// 22 lines of 28 characters: 22 line pitches fit the text height, 23 do not; 28
	// characters at the body pitch fit the text width, 29 do not.
	if 22*linePitch > textH || 23*linePitch <= textH {
		t.Errorf("line pitch %d does not give 22 lines in %d", linePitch, textH)
	}
	pitch := sizeBody*10 + letterSpacing
	if 28*pitch > textW || 29*pitch <= textW {
		t.Errorf("character pitch %d does not give 28 characters in %d", pitch, textW)
	}
	// The charSpace kept for a character grid gives the same 28 characters.
	if cs := charSpace(); float64(textW)/(float64(sizeBody)/2+float64(cs)/4096)/20 < 27.99 || cs > -800 || cs < -900 {
		t.Errorf("charSpace %d", cs)
	}

	styles := parse(t, "styles", parts["word/styles.xml"])
	byID := map[string]*node{}
	for _, s := range styles.children("style") {
		byID[s.attr("styleId")] = s
	}
	for _, c := range []struct {
		style, font, size string
	}{
		{styleTitle, faceTitle.Name, "44"},
		{styleNormal, faceBody.Name, "32"},
		{styleHeading1, faceHeading.Name, ""},
		{styleHeading2, faceKai.Name, ""},
		{styleFooter, faceSong.Name, "28"},
		{styleTableText, "", "21"},
	} {
		s := byID[c.style]
		if s == nil {
			t.Errorf("no style %s", c.style)
			continue
		}
		rp := s.child("rPr")
		if c.font != "" && rp.child("rFonts").attr("eastAsia") != c.font {
			t.Errorf("style %s font %q, want %q", c.style, rp.child("rFonts").attr("eastAsia"), c.font)
		}
		if c.size != "" && rp.child("sz").attr("val") != c.size {
			t.Errorf("style %s size %s, want %s", c.style, rp.child("sz").attr("val"), c.size)
		}
	}
	if ind := byID[styleNormal].child("pPr").child("ind"); ind.attr("firstLineChars") != "200" {
		t.Errorf("body first-line indent %s, want 2 characters", ind.attr("firstLineChars"))
	}
	for _, h := range []string{styleHeading1, styleHeading2} {
		if byID[h].child("pPr").child("keepNext") == nil {
			t.Errorf("%s not kept with the next paragraph", h)
		}
	}
	// Every face the styles name is declared with an installed alternate for Chinese faces.
	fonts := parse(t, "fontTable", parts["word/fontTable.xml"])
	declared := map[string]*node{}
	for _, f := range fonts.children("font") {
		declared[f.attr("name")] = f
	}
	for _, f := range []face{faceTitle, faceBody, faceHeading, faceKai, faceSong} {
		d := declared[f.Name]
		if d == nil || d.child("altName") == nil || d.child("charset").attr("val") != "86" || len(d.child("panose1").attr("val")) != 20 {
			t.Errorf("font %s not declared with altName, GB2312 charset and panose", f.Name)
		}
	}
	for _, want := range []string{"仿宋", "宋体", "黑体", "楷体"} {
		found := false
		for _, f := range faces {
			found = found || f.Alt == want || f.Name == want
		}
		if !found {
			t.Errorf("no fallback to %s", want)
		}
	}
}

// wordTables reads the tables of document.xml back as merged rectangles.
func wordTables(t testing.TB, doc *node) [][]outlinetest.Rect {
	var out [][]outlinetest.Rect
	for _, tbl := range doc.child("body").children("tbl") {
		var rs []outlinetest.Rect
		for y, tr := range tbl.children("tr") {
			x := 0
			for _, tc := range tr.children("tc") {
				span := 1
				pr := tc.child("tcPr")
				if gs := pr.child("gridSpan"); gs != nil {
					fmt.Sscan(gs.attr("val"), &span)
				}
				if vm := pr.child("vMerge"); vm != nil && vm.attr("val") != "restart" {
					found := false
					for i := range rs {
						if rs[i].Col == x && rs[i].Row+rs[i].RowSpan == y && rs[i].ColSpan == span {
							rs[i].RowSpan++
							found = true
						}
					}
					if !found {
						t.Errorf("vMerge continue at row %d col %d without a cell above", y, x)
					}
				} else {
					rs = append(rs, outlinetest.Rect{Row: y, Col: x, RowSpan: 1, ColSpan: span, Text: tc.text()})
				}
				x += span
			}
			if x != len(tbl.child("tblGrid").children("gridCol")) {
				t.Errorf("row %d covers %d grid columns, the grid has %d", y, x, len(tbl.child("tblGrid").children("gridCol")))
			}
		}
		out = append(out, rs)
	}
	return out
}

func TestTablesMergedCells(t *testing.T) {
	for _, c := range outlinetest.Reports() {
		parts, _, _ := docxParts(t, c.Report, Options{})
		doc := parse(t, "document", parts["word/document.xml"])
		tables := wordTables(t, doc)
		if len(tables) != 3 {
			t.Fatalf("%s: %d tables, want 3", c.Name, len(tables))
		}
		for i, tb := range c.Report.Format.Tables {
			got, want := outlinetest.SortRects(tables[i]), outlinetest.SortRects(outlinetest.LayoutRects(c.Report, tb))
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s %s: Word table\n%v\nwant layout\n%v", c.Name, tb.ID, got, want)
			}
		}
		// Header rows repeat (三, 四; not the stacked 二), every row is kept whole.
		for i, tbl := range doc.child("body").children("tbl") {
			g := outline.NewGrid(c.Report, c.Report.Format.Tables[i])
			w := 0
			for _, col := range tbl.child("tblGrid").children("gridCol") {
				var n int
				fmt.Sscan(col.attr("w"), &n)
				w += n
			}
			if w != textW {
				t.Errorf("%s table %d is %d twips wide, the text area %d", c.Name, i, w, textW)
			}
			for y, tr := range tbl.children("tr") {
				pr := tr.child("trPr")
				if pr.child("cantSplit") == nil {
					t.Errorf("%s table %d row %d may split across pages", c.Name, i, y)
				}
				if (pr.child("tblHeader") != nil) != (y < g.RepeatRows) {
					t.Errorf("%s table %d row %d: header mark %v, repeat rows %d", c.Name, i, y, pr.child("tblHeader") != nil, g.RepeatRows)
				}
			}
			if g.RepeatRows == 0 && !g.Stacked {
				t.Errorf("%s table %d repeats no header", c.Name, i)
			}
		}
	}
}

func TestNumbersCentred(t *testing.T) {
	parts, _, _ := docxParts(t, form.Sample(form.Latest), Options{})
	doc := parse(t, "document", parts["word/document.xml"])
	tables := doc.child("body").children("tbl")
	for ti, tb := range form.Latest.Tables {
		l := tb.Layout()
		for _, tr := range tables[ti].children("tr") {
			x := 0
			for _, tc := range tr.children("tc") {
				span := 1
				if gs := tc.child("tcPr").child("gridSpan"); gs != nil {
					fmt.Sscan(gs.attr("val"), &span)
				}
				p := tc.child("p")
				if x >= l.LabelCols && tc.text() != "" && p.child("pPr").child("jc") != nil {
					t.Errorf("table %s: number %q not centred", tb.ID, tc.text())
				}
				x += span
			}
		}
	}
}

// paragraphTexts returns the texts of the body's paragraphs outside tables, without the
// empty spacing paragraphs.
func paragraphTexts(doc *node) []string {
	var out []string
	for _, p := range doc.child("body").children("p") {
		if s := p.text(); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func TestText(t *testing.T) {
	for _, c := range outlinetest.Reports() {
		parts, _, _ := docxParts(t, c.Report, Options{})
		doc := parse(t, "document", parts["word/document.xml"])
		got, want := paragraphTexts(doc), outlinetest.Texts(c.Report)
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: paragraphs\n%q\nwant\n%q", c.Name, got, want)
		}
	}
}

func TestTitleBreak(t *testing.T) {
	for _, c := range []struct {
		agency string
		lines  int
	}{
		{"示例县市场监督管理局", 2}, // 25 characters: broken after the agency
		{"某局", 1},         // 17 characters fit one 二号 line
		{"", 1},
	} {
		r := form.New(form.Latest, 2025, c.agency)
		parts, _, _ := docxParts(t, r, Options{})
		title := parse(t, "document", parts["word/document.xml"]).child("body").child("p")
		brs := 0
		for _, run := range title.children("r") {
			if run.child("br") != nil {
				brs++
			}
		}
		if brs+1 != c.lines || title.text() != r.Title() {
			t.Errorf("title %q in %d lines (%q), want %d", r.Title(), brs+1, title.text(), c.lines)
		}
	}
}

func TestSignatureKeptWithText(t *testing.T) {
	for _, c := range outlinetest.Reports() {
		parts, _, _ := docxParts(t, c.Report, Options{})
		ps := parse(t, "document", parts["word/document.xml"]).child("body").children("p")
		sig := -1
		for i, p := range ps {
			if pr := p.child("pPr"); pr != nil && pr.child("pStyle") != nil && pr.child("pStyle").attr("val") == styleSignature {
				if sig < 0 {
					sig = i
				}
				if pr.child("jc") != nil || pr.child("ind") == nil {
					t.Errorf("%s: 落款 line %q not right-aligned with its indent", c.Name, p.text())
				}
			}
		}
		if sig < 0 {
			if c.Report.Meta.Agency != "" {
				t.Errorf("%s: no 落款", c.Name)
			}
			continue
		}
		// The paragraph before (or the heading, kept by its style) goes with the 落款, and
		// the agency with the date.
		prev := ps[sig-1].child("pPr")
		style := ""
		if prev != nil && prev.child("pStyle") != nil {
			style = prev.child("pStyle").attr("val")
		}
		if (prev == nil || prev.child("keepNext") == nil) && style != styleHeading1 {
			t.Errorf("%s: %q before the 落款 is not kept with it", c.Name, ps[sig-1].text())
		}
		if sig+1 < len(ps) && ps[sig].child("pPr").child("keepNext") == nil {
			t.Errorf("%s: agency not kept with the date", c.Name)
		}
	}
}

// schemaOrder lists, for the elements whose children Word reads in schema order, the
// order of ECMA-376 (only the children the writer might use, and their neighbours).
var schemaOrder = map[string][]string{
	"pPr": {"pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "pBdr", "shd", "tabs",
		"kinsoku", "wordWrap", "overflowPunct", "autoSpaceDE", "autoSpaceDN", "adjustRightInd", "snapToGrid", "spacing", "ind",
		"contextualSpacing", "jc", "textDirection", "textAlignment", "outlineLvl", "rPr", "sectPr"},
	"rPr": {"rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "noProof", "snapToGrid", "vanish", "color", "spacing", "w",
		"kern", "position", "sz", "szCs", "highlight", "u", "vertAlign", "lang", "eastAsianLayout"},
	"r":           {"rPr", "br", "t"},
	"p":           {"pPr", "r", "fldSimple"},
	"tbl":         {"tblPr", "tblGrid", "tr"},
	"tr":          {"tblPrEx", "trPr", "tc"},
	"tc":          {"tcPr", "p"},
	"tblPr":       {"tblStyle", "tblpPr", "tblOverlap", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"},
	"tcPr":        {"cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign"},
	"tblBorders":  {"top", "left", "bottom", "right", "insideH", "insideV"},
	"tblCellMar":  {"top", "left", "bottom", "right"},
	"sectPr":      {"headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "titlePg", "textDirection", "docGrid"},
	"style":       {"name", "aliases", "basedOn", "next", "link", "uiPriority", "qFormat", "pPr", "rPr", "tblPr"},
	"styles":      {"docDefaults", "latentStyles", "style"},
	"docDefaults": {"rPrDefault", "pPrDefault"},
	"font":        {"altName", "panose1", "charset", "family", "notTrueType", "pitch", "sig"},
	"settings": {"zoom", "proofState", "defaultTabStop", "evenAndOddHeaders", "characterSpacingControl", "compat", "rsids",
		"themeFontLang", "decimalSymbol", "listSeparator"},
}

func checkOrder(t *testing.T, part string, n *node) {
	if order, ok := schemaOrder[n.XMLName.Local]; ok {
		last := -1
		for _, c := range n.Nodes {
			i := -1
			for j, name := range order {
				if name == c.XMLName.Local {
					i = j
				}
			}
			switch {
			case i < 0:
				t.Errorf("%s: <%s> in <%s> not in the schema order list", part, c.XMLName.Local, n.XMLName.Local)
			case i < last && !(n.XMLName.Local == "r" && i > 0) && !(n.XMLName.Local == "p" && i > 0) && !(n.XMLName.Local == "tr" && i == 2) && !(n.XMLName.Local == "tbl" && i == 2):
				t.Errorf("%s: <%s> after <%s> in <%s>: out of schema order", part, c.XMLName.Local, order[last], n.XMLName.Local)
			}
			if i > last {
				last = i
			}
		}
	}
	for i := range n.Nodes {
		checkOrder(t, part, &n.Nodes[i])
	}
}

func TestSchemaOrder(t *testing.T) {
	parts, names, _ := docxParts(t, outlinetest.Long(form.Latest), Options{})
	for _, name := range names {
		if strings.HasPrefix(name, "word/") && strings.HasSuffix(name, ".xml") {
			checkOrder(t, name, parse(t, name, parts[name]))
		}
	}
	if parse(t, "doc", parts["word/document.xml"]).child("body").Nodes[len(parse(t, "doc", parts["word/document.xml"]).child("body").Nodes)-1].XMLName.Local != "sectPr" {
		t.Error("sectPr is not the body's last element")
	}
}

func TestDeterministic(t *testing.T) {
	r := form.Sample(form.Latest)
	_, _, a := docxParts(t, r, Options{})
	_, _, b := docxParts(t, r.Clone(), Options{})
	if !bytes.Equal(a, b) {
		t.Fatal("two exports of the same report differ")
	}
	zr, _ := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	want := time.Date(2026, 1, 19, 16, 0, 0, 0, time.UTC) // 2026-01-20 00:00 in China
	for _, f := range zr.File {
		if !f.Modified.Equal(want) {
			t.Errorf("%s dated %v, want the report's date %v", f.Name, f.Modified, want)
		}
	}
	parts, _ := unzip(t, a)
	core := parse(t, "core", parts["docProps/core.xml"])
	if c := core.child("created"); c == nil || c.Text != "2026-01-19T16:00:00Z" || core.child("title").Text != r.Title() {
		t.Errorf("core properties %s", parts["docProps/core.xml"])
	}
	// An explicit date wins; a report without a date gets the fixed default.
	at := time.Date(2026, 2, 3, 4, 5, 6, 0, time.UTC)
	if !documentDate(r, Options{Date: at}).Equal(at) || !documentDate(form.New(form.Latest, 2025, ""), Options{}).Equal(defaultDate) {
		t.Error("documentDate ignores Options.Date or the default")
	}
}

// TestGolden compares every part with the golden documents in testdata/golden, which were
// looked at as LibreOffice PDF pages (see TestLibreOffice) before they were committed. Run
// with -update to rewrite them after a deliberate change, then look again.
func TestGolden(t *testing.T) {
	for _, c := range outlinetest.Reports() {
		if c.Name == "long" {
			continue
		}
		_, _, data := docxParts(t, c.Report, Options{})
		path := filepath.Join("testdata", "golden", c.Name+".docx")
		golden := outlinetest.Golden(t, path, data, *update)
		if golden == nil {
			continue
		}
		got, gotNames := unzip(t, data)
		want, wantNames := unzip(t, golden)
		if strings.Join(gotNames, " ") != strings.Join(wantNames, " ") {
			t.Errorf("%s: parts %v, golden %v", c.Name, gotNames, wantNames)
		}
		for _, name := range wantNames {
			if !bytes.Equal(got[name], want[name]) {
				t.Errorf("%s: %s differs from the golden file %s (run go test -update after looking at the new output)", c.Name, name, path)
			}
		}
	}
}

func TestNilReport(t *testing.T) {
	if err := Write(io.Discard, nil, Options{}); err == nil {
		t.Error("nil report written")
	}
}

// FuzzWrite checks that whatever a user types or pastes (control characters, "]]>", "<",
// invalid UTF-8) gives well-formed XML parts holding the cleaned text.
func FuzzWrite(f *testing.F) {
	for _, s := range []string{"]]>", "<w:p>&amp;", "\x00\x01\x1f\x7f\u0085", "\xff\xfe\xed\xa0\x80", "\ufffe\uffff", "正文\r\n\r\n第二段", "\t缩进"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, agency, text string) {
		r := form.Sample(form.Latest)
		r.Meta.Agency = agency
		r.Text.Opening = text
		r.Text.Parts[0] = text
		r.Text.Closing = text
		_ = r.Set(form.Latest.Cells[0].Code, text)
		parts, names, _ := docxParts(t, r, Options{})
		for _, name := range names {
			parse(t, name, parts[name])
		}
		doc := parse(t, "document", parts["word/document.xml"])
		if got, want := paragraphTexts(doc), outlinetest.Texts(r); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("paragraphs %q, want %q", got, want)
		}
		tables := wordTables(t, doc)
		if got, want := outlinetest.SortRects(tables[0]), outlinetest.SortRects(outlinetest.LayoutRects(r, form.Latest.Tables[0])); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("table 二 %v, want %v", got, want)
		}
	})
}

func BenchmarkWrite(b *testing.B) {
	r := form.Sample(form.Latest)
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, r, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
