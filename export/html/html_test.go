package html

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/nianbao/nianbao/export/outline"
	"github.com/nianbao/nianbao/export/outline/outlinetest"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/form/published"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func write(t testing.TB, r *form.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func parse(t testing.TB, data []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// walk calls f for every element under n, in document order.
func walk(n *html.Node, f func(*html.Node)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			f(c)
		}
		walk(c, f)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// text returns the text under n.
func text(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return b.String()
}

// allowed are the only elements a page may hold: nothing that loads, runs or styles from
// elsewhere.
var allowed = map[atom.Atom]bool{
	atom.Html: true, atom.Head: true, atom.Meta: true, atom.Title: true, atom.Body: true, atom.Div: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.P: true, atom.Br: true, atom.Span: true,
	atom.Table: true, atom.Colgroup: true, atom.Col: true, atom.Thead: true, atom.Tbody: true, atom.Tr: true, atom.Th: true, atom.Td: true,
}

// checkSelfContained fails on scripts, images, links, style sheets, event handlers and URLs.
func checkSelfContained(t testing.TB, doc *html.Node) {
	t.Helper()
	walk(doc, func(n *html.Node) {
		if !allowed[n.DataAtom] {
			t.Errorf("element <%s> in the page", n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "src" || a.Key == "href" || a.Key == "srcset" || a.Key == "action" {
				t.Errorf("<%s %s=%q> in the page", n.Data, a.Key, a.Val)
			}
			if strings.Contains(strings.ToLower(a.Val), "url(") || strings.Contains(strings.ToLower(a.Val), "@import") {
				t.Errorf("<%s %s=%q> loads from elsewhere", n.Data, a.Key, a.Val)
			}
		}
	})
}

func TestSelfContained(t *testing.T) {
	for _, c := range outlinetest.Reports() {
		data := write(t, c.Report)
		if !utf8.Valid(data) {
			t.Errorf("%s: not UTF-8", c.Name)
		}
		doc := parse(t, data)
		checkSelfContained(t, doc)
		charset, title := "", ""
		walk(doc, func(n *html.Node) {
			switch n.DataAtom {
			case atom.Meta:
				if v, ok := attr(n, "charset"); ok {
					charset = v
				}
			case atom.Title:
				title = text(n)
			}
		})
		if !strings.EqualFold(charset, "utf-8") {
			t.Errorf("%s: meta charset %q", c.Name, charset)
		}
		if title != c.Report.Title() {
			t.Errorf("%s: <title> %q, want %q", c.Name, title, c.Report.Title())
		}
		if !bytes.HasPrefix(data, []byte("<!DOCTYPE html>")) {
			t.Errorf("%s: no doctype", c.Name)
		}
	}
}

// htmlTable places the cells of a <table> on its grid as a browser does (HTML table
// model: a cell takes the first free slot of its row, rowspans occupy the rows below).
func htmlTable(t testing.TB, table *html.Node) (rects []outlinetest.Rect, cols int) {
	taken := map[[2]int]bool{}
	y := 0
	walk(table, func(tr *html.Node) {
		if tr.DataAtom != atom.Tr {
			return
		}
		x := 0
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || c.DataAtom != atom.Td && c.DataAtom != atom.Th {
				continue
			}
			for taken[[2]int{y, x}] {
				x++
			}
			rs, cs := 1, 1
			if v, ok := attr(c, "rowspan"); ok {
				rs, _ = strconv.Atoi(v)
			}
			if v, ok := attr(c, "colspan"); ok {
				cs, _ = strconv.Atoi(v)
			}
			for i := 0; i < rs; i++ {
				for j := 0; j < cs; j++ {
					if taken[[2]int{y + i, x + j}] {
						t.Errorf("cells overlap at row %d col %d", y+i, x+j)
					}
					taken[[2]int{y + i, x + j}] = true
				}
			}
			rects = append(rects, outlinetest.Rect{Row: y, Col: x, RowSpan: rs, ColSpan: cs, Text: text(c)})
			x += cs
			cols = max(cols, x)
		}
		y++
	})
	return rects, cols
}

func tables(doc *html.Node) []*html.Node {
	var out []*html.Node
	walk(doc, func(n *html.Node) {
		if n.DataAtom == atom.Table {
			out = append(out, n)
		}
	})
	return out
}

func TestTables(t *testing.T) {
	for _, c := range outlinetest.Reports() {
		doc := parse(t, write(t, c.Report))
		ts := tables(doc)
		if len(ts) != 3 {
			t.Fatalf("%s: %d tables, want 3", c.Name, len(ts))
		}
		for i, tb := range c.Report.Format.Tables {
			table := ts[i]
			for key, want := range map[string]string{"border": "1", "cellspacing": "0", "cellpadding": "4"} {
				if v, _ := attr(table, key); v != want {
					t.Errorf("%s %s: %s=%q, want %q", c.Name, tb.ID, key, v, want)
				}
			}
			if s, _ := attr(table, "style"); !strings.Contains(s, "border-collapse:collapse") || !strings.Contains(s, "border:1px solid") {
				t.Errorf("%s %s: table style %q lacks the collapsed border", c.Name, tb.ID, s)
			}
			walk(table, func(n *html.Node) {
				if n.DataAtom == atom.Td || n.DataAtom == atom.Th {
					if s, _ := attr(n, "style"); !strings.Contains(s, "border:1px solid #000") {
						t.Errorf("%s %s: cell %q without its own border style", c.Name, tb.ID, text(n))
					}
					if n.DataAtom == atom.Td {
						if s, _ := attr(n, "style"); !strings.Contains(s, "text-align:center") {
							t.Errorf("%s %s: number %q not centred", c.Name, tb.ID, text(n))
						}
					}
				}
			})
			got, cols := htmlTable(t, table)
			if want := outlinetest.SortRects(outlinetest.LayoutRects(c.Report, tb)); fmt.Sprint(outlinetest.SortRects(got)) != fmt.Sprint(want) {
				t.Errorf("%s %s: HTML table\n%v\nwant layout\n%v", c.Name, tb.ID, outlinetest.SortRects(got), want)
			}
			if cols != tb.Layout().Cols {
				t.Errorf("%s %s: %d columns, want %d", c.Name, tb.ID, cols, tb.Layout().Cols)
			}
			// The header rows to repeat are the <thead>.
			g := outline.NewGrid(c.Report, tb)
			heads := 0
			walk(table, func(n *html.Node) {
				if n.DataAtom == atom.Thead {
					walk(n, func(m *html.Node) {
						if m.DataAtom == atom.Tr {
							heads++
						}
					})
				}
			})
			if heads != g.RepeatRows {
				t.Errorf("%s %s: %d header rows, want %d", c.Name, tb.ID, heads, g.RepeatRows)
			}
		}
	}
}

// pageTexts returns the texts of the headings and paragraphs of a page.
func pageTexts(doc *html.Node) []string {
	var out []string
	walk(doc, func(n *html.Node) {
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.P:
			out = append(out, text(n))
		}
	})
	return out
}

func TestText(t *testing.T) {
	for _, c := range outlinetest.Reports() {
		doc := parse(t, write(t, c.Report))
		if got, want := pageTexts(doc), outlinetest.Texts(c.Report); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: page texts\n%q\nwant\n%q", c.Name, got, want)
		}
		// Headings are the declared ones, the 落款 is right-aligned.
		walk(doc, func(n *html.Node) {
			s, _ := attr(n, "style")
			switch n.DataAtom {
			case atom.H2:
				found := false
				for _, sec := range c.Report.Format.Sections {
					found = found || sec.Title == text(n)
				}
				if !found {
					t.Errorf("%s: heading %q is not a section title", c.Name, text(n))
				}
			case atom.P:
				if (text(n) == c.Report.Meta.Agency || text(n) == c.Report.DateText()) && !strings.Contains(s, "text-align:right") {
					t.Errorf("%s: 落款 %q not right-aligned", c.Name, text(n))
				}
			}
		})
	}
}

func TestFragment(t *testing.T) {
	for _, f := range form.Formats {
		r := form.Sample(f)
		frag, txt, err := Fragment(r)
		if err != nil {
			t.Fatal(err)
		}
		// The fragment is the page's body.
		if !bytes.Contains(write(t, r), []byte(frag)) {
			t.Errorf("%s: the fragment is not the page's body", f.ID)
		}
		nodes, err := html.ParseFragment(strings.NewReader(frag), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
		if err != nil || len(nodes) != 2 || nodes[0].DataAtom != atom.Div {
			t.Fatalf("%s: fragment is not one <div>: %v %d", f.ID, err, len(nodes))
		}
		root := &html.Node{Type: html.DocumentNode}
		root.AppendChild(nodes[0])
		checkSelfContained(t, root)
		if len(tables(root)) != 3 {
			t.Errorf("%s: fragment holds %d tables", f.ID, len(tables(root)))
		}

		// The plain text reads back, through the importer of published reports, as the
		// same report: every cell, the agency, the year, the narrative.
		res := published.Import(txt)
		got := res.Report
		if got.Format != f || got.Meta.Agency != r.Meta.Agency || got.Meta.Year != r.Meta.Year {
			t.Errorf("%s: text imports as %s %q %d", f.ID, got.Format.ID, got.Meta.Agency, got.Meta.Year)
			continue
		}
		for _, d := range f.Cells {
			if a, b := outline.CellText(got, d.Code), outline.CellText(r, d.Code); a != b {
				t.Errorf("%s: cell %s reads back %q, want %q", f.ID, d.Label(), a, b)
			}
		}
		if got.Text.Problems != r.Text.Problems || got.Text.Other != r.Text.Other {
			t.Errorf("%s: narrative reads back as %q / %q", f.ID, got.Text.Problems, got.Text.Other)
		}
		for _, line := range strings.Split(txt, "\n") {
			if strings.ContainsAny(line, "<>") {
				t.Errorf("%s: markup in the text: %q", f.ID, line)
			}
		}
	}
	if _, _, err := Fragment(nil); err == nil {
		t.Error("Fragment(nil) gave no error")
	}
}

// TestGolden compares the pages with testdata/golden, which were looked at in Chromium
// (see TestChromium) before they were committed. Run with -update after a deliberate
// change, then look again.
func TestGolden(t *testing.T) {
	for _, c := range outlinetest.Reports() {
		if c.Name == "long" {
			continue
		}
		data := write(t, c.Report)
		path := filepath.Join("testdata", "golden", c.Name+".html")
		golden := outlinetest.Golden(t, path, data, *update)
		if golden == nil {
			continue
		}
		if !bytes.Equal(data, golden) {
			t.Errorf("%s differs from %s (run go test -update after looking at the new page)", c.Name, path)
		}
	}
}

func TestNilReport(t *testing.T) {
	if err := Write(io.Discard, nil); err == nil {
		t.Error("nil report written")
	}
}

// FuzzWrite checks that whatever a user types or pastes yields a page whose elements are
// only the writer's own (no markup injected), holding the cleaned text, in valid UTF-8
// without control characters.
func FuzzWrite(f *testing.F) {
	for _, s := range []string{"<script>alert(1)</script>", "]]><!--", "&amp;<img src=x onerror=1>", "\x00\x01\x1f\x7f\u0085", "\xff\xfe\xed\xa0\x80", "\ufffe\uffff", "正文\r\n\r\n第二段", "\"'</p><p style=x>"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, agency, s string) {
		r := form.Sample(form.Latest)
		r.Meta.Agency = agency
		r.Text.Opening = s
		r.Text.Parts[0] = s
		r.Text.Closing = s
		_ = r.Set(form.Latest.Cells[0].Code, s)
		data := write(t, r)
		if !utf8.Valid(data) {
			t.Fatal("page is not valid UTF-8")
		}
		for _, c := range string(data) {
			if c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f || c == 0xfffe || c == 0xffff {
				t.Fatalf("control character %U in the page", c)
			}
		}
		doc := parse(t, data)
		checkSelfContained(t, doc)
		if got, want := pageTexts(doc), outlinetest.Texts(r); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("page texts %q, want %q", got, want)
		}
		got, _ := htmlTable(t, tables(doc)[0])
		if want := outlinetest.SortRects(outlinetest.LayoutRects(r, form.Latest.Tables[0])); fmt.Sprint(outlinetest.SortRects(got)) != fmt.Sprint(want) {
			t.Errorf("table 二 %v, want %v", outlinetest.SortRects(got), want)
		}
	})
}

func BenchmarkWrite(b *testing.B) {
	r := form.Sample(form.Latest)
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFragment(b *testing.B) {
	r := form.Sample(form.Latest)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Fragment(r); err != nil {
			b.Fatal(err)
		}
	}
}
