package extract

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// checkOutput is what every reader promises for any input: valid UTF-8 text, or an *Error
// with a Chinese reason.
func checkOutput(t *testing.T, text string, err error) {
	t.Helper()
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || e.Reason == "" || !utf8.ValidString(e.Reason) {
			t.Fatalf("error %v (%T) is not an *Error with a reason", err, err)
		}
		if text != "" {
			t.Fatalf("text %q returned with error %v", text, err)
		}
		return
	}
	if !utf8.ValidString(text) {
		t.Fatalf("invalid UTF-8 in %q", text)
	}
	if strings.Contains(text, "\n\n\n") {
		t.Fatalf("more than one blank line in a row: %q", text)
	}
}

// FuzzHTML: any bytes as a saved page never panic and give text or a Chinese refusal.
func FuzzHTML(f *testing.F) {
	page, err := os.ReadFile(corpus + "01_pingtan_shenpiju_2023.html")
	if err != nil {
		f.Fatal(err)
	}
	i := bytes.Index(page, []byte("<table"))
	f.Add(page[i : i+6000]) // part of the real article's first table
	f.Add([]byte(`<html><head><meta charset="gbk"></head><body><table><tr><td rowspan=2>a<br>b</td><td colspan=3>1|2</td></tr></table><p>x</p></body></html>`))
	f.Add([]byte("<table><tr><td><table><tr><td>x</td></tr></table></td></tr></table>"))
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		text, err := HTML(bytes.NewReader(data))
		checkOutput(t, text, err)
	})
}

// FuzzDOCX: any bytes as a Word file never panic and give text or a Chinese refusal.
func FuzzDOCX(f *testing.F) {
	f.Add(makeDOCX(f, map[string]string{"word/document.xml": p(r("一、总体情况")) + `<w:tbl><w:tr>` + tc(`<w:gridSpan w:val="2"/>`, p(r("规章"))) + tc(`<w:vMerge/>`, p(r("0"))) + `</w:tr></w:tbl>`}))
	f.Add(makeDOCX(f, map[string]string{"word/document.xml": p(`<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>`, r("总体情况")),
		"word/numbering.xml": `<w:numbering ` + wNS + `><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`}))
	f.Add(append(append([]byte{}, oleMagic...), 0, 0))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		text, err := fuzzDOCX(data)
		checkOutput(t, text, err)
	})
}

// FuzzDOCXBody: any document.xml (inside a valid archive, so that the fuzzer reaches the
// XML reader rather than the archive's checksums) never panics.
func FuzzDOCXBody(f *testing.F) {
	f.Add([]byte(`<w:document ` + wNS + `><w:body>` + p(r("一、总体情况")) + `<w:tbl><w:tr>` + tc(`<w:vMerge w:val="restart"/>`, p(r("规章"))) + `</w:tr></w:tbl></w:body></w:document>`))
	f.Fuzz(func(t *testing.T, xml []byte) {
		if len(xml) > 1<<15 {
			return
		}
		data := makeDOCX(t, map[string]string{"word/main.xml": string(xml), "_rels/.rels": `<Relationships><Relationship Type="x/officeDocument" Target="word/main.xml"/></Relationships>`})
		text, err := fuzzDOCX(data)
		checkOutput(t, text, err)
	})
}

// FuzzPDF: any bytes as a PDF never panic and give text or a Chinese refusal.
func FuzzPDF(f *testing.F) {
	f.Add(textDoc{pages: [][]string{reportLines}, toUnicode: true}.build())
	f.Add(textDoc{pages: [][]string{reportLines, reportLines}, toUnicode: true, extra: "0 0 0 rg 48 700 0.5 120 re f [(a) -20 (b)] TJ q 1 0 0 1 5 5 cm Q BI /W 1 /H 1 ID \x00 EI\n"}.build())
	f.Add(selfStream())
	// The object layer's bounds: an object stream, nesting just beyond the limit, a /Length
	// beyond the file.
	f.Add(objStmPDF(0))
	f.Add(onePage("/X "+strings.Repeat("[<</A ", 300)+strings.Repeat(">>]", 300), "/Length 54"))
	f.Add(onePage("", "/Length 999999999999999"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		text, err := fuzzPDF(data)
		checkOutput(t, text, err)
	})
}

// FuzzPDFContent: any page content (in a valid file, so that the fuzzer reaches the content
// interpreter) never panics.
func FuzzPDFContent(f *testing.F) {
	f.Add([]byte("BT /F1 12 Tf 1 0 0 1 50 800 Tm <00010002> Tj [<0003> -500 <0004>] TJ T* (x) ' 1 2 (y) \" ET"))
	f.Add([]byte("q 2 0 0 2 0 0 cm 10 10 m 10 100 l S 0 0 5 5 re f Q /Fm1 Do BI /W 2 ID ab EI [[[ ]] <<>>"))
	f.Fuzz(func(t *testing.T, content []byte) {
		if len(content) > 1<<15 {
			return
		}
		b := &pdfBuilder{}
		font := b.cjkFont([]rune("一二三四"), true)
		formN := len(b.objs) + 1 // the form draws itself: recursion is bounded
		form := b.stream(fmt.Sprintf("/Type/XObject/Subtype/Form/BBox[0 0 100 100]/Resources<</Font<</F1 %d 0 R>>/XObject<</Fm1 %d 0 R>>>>", font, formN), content, false)
		c := b.stream("", content, false)
		pages := b.add("")
		pg := b.add(fmt.Sprintf("<</Type/Page/Parent %d 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 %d 0 R>>/XObject<</Fm1 %d 0 R>>>>/Contents %d 0 R>>", pages, font, form, c))
		b.set(pages, fmt.Sprintf("<</Type/Pages/Kids[%d 0 R]/Count 1>>", pg))
		text, err := fuzzPDF(b.bytes(b.add(fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", pages)), ""))
		checkOutput(t, text, err)
	})
}

// fuzzBounds are the PDF limits of the fuzz targets: small enough that an input built to be
// slow (64 KB decompressing to 64 MB of operators) takes milliseconds, so that the fuzzer's
// time never runs out in the middle of one.
var fuzzBounds = pdfBounds{page: 1 << 20, total: 2 << 20, ops: 1 << 16, glyphs: 1 << 15}

// fuzzDOCXBounds are the Word limits of the fuzz targets, for the same reason.
var fuzzDOCXBounds = docxBounds{part: 1 << 20, tokens: 1 << 16}

// fuzzPDF and fuzzDOCX read an input of a fuzz target within its bounds.
func fuzzPDF(data []byte) (string, error) {
	return readPDFWithin(bytes.NewReader(data), int64(len(data)), fuzzBounds)
}

func fuzzDOCX(data []byte) (string, error) {
	return docxWithin(bytes.NewReader(data), int64(len(data)), fuzzDOCXBounds)
}

// TestFuzzInputsFast: within the fuzz targets' bounds, the inputs built to be slowest take
// well under 50 ms each (the best of three runs, against a loaded machine), so that a fuzz
// run's time never runs out in the middle of an input.
func TestFuzzInputsFast(t *testing.T) {
	inputs := map[string]func() (string, error){}
	for name, data := range costlyContents() {
		inputs["PDF "+name] = func() (string, error) { return fuzzPDF(data) }
	}
	for name, body := range map[string]string{
		"paragraphs": strings.Repeat("<w:p/>", 2<<20),
		"spaces":     strings.Repeat(" ", 15<<20),
	} {
		data := makeDOCX(t, map[string]string{"word/document.xml": body})
		inputs["DOCX "+name] = func() (string, error) { return fuzzDOCX(data) }
	}
	for name, read := range inputs {
		best := time.Hour
		for range 3 {
			start := time.Now()
			read()
			best = min(best, time.Since(start))
		}
		t.Logf("%s: %v", name, best)
		if best > 50*time.Millisecond*raceSlowdown {
			t.Errorf("%s: %v per input; want < 50 ms", name, best)
		}
	}
}
