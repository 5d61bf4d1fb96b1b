package pdf

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/export/outline"
	"github.com/nianbao/nianbao/form"
)

// What the user sees is the test: these tests read the exported PDF back with poppler's
// pdftotext, as a reader of the published file would, and assert what must never be seen —
// overprinted text, a table 三 cut where it could have stood whole, a page holding only the
// 落款.

// longReport returns the sample report of format f with every narrative section many
// paragraphs long (the long-report case of the layout tests).
func longReport(f *form.Format) *form.Report {
	r := form.Sample(f)
	long := func(from, n int) string {
		var b strings.Builder
		for i := from; i < from+n; i++ {
			b.WriteString(strings.TrimPrefix(sampleParagraph(i), fmt.Sprintf("第%d段：", i+1)))
			if i%4 == 3 {
				b.WriteString("\n")
			}
		}
		return b.String()
	}
	r.Text.Overview = long(0, 40)
	for i := range r.Text.Parts {
		r.Text.Parts[i] = long(40+i*13, 13+i)
	}
	r.Text.Problems, r.Text.Other = long(120, 30), long(150, 17)
	return r
}

// layoutCases are the three reports every layout test covers, for each format.
func layoutCases() []struct {
	name string
	r    *form.Report
} {
	var cs []struct {
		name string
		r    *form.Report
	}
	for _, f := range form.Formats {
		cs = append(cs,
			struct {
				name string
				r    *form.Report
			}{"sample-" + f.ID, form.Sample(f)},
			struct {
				name string
				r    *form.Report
			}{"empty-" + f.ID, form.New(f, 2025, "")},
			struct {
				name string
				r    *form.Report
			}{"long-" + f.ID, longReport(f)},
		)
	}
	return cs
}

// box is a word box of pdftotext -bbox-layout, in points from the page's top left.
type box struct {
	page                   int
	xMin, yMin, xMax, yMax float64
	text                   string
}

var layoutWord = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">|<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)

// wordBoxes returns every word box of the PDF at path.
func wordBoxes(t *testing.T, path string) []box {
	t.Helper()
	out := runTool(t, "pdftotext", "-bbox-layout", "-enc", "UTF-8", path, "-")
	var boxes []box
	page := 0
	for _, m := range layoutWord.FindAllStringSubmatch(out, -1) {
		if m[1] != "" {
			page++
			continue
		}
		f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
		boxes = append(boxes, box{page, f(m[3]), f(m[4]), f(m[5]), f(m[6]), html.UnescapeString(m[7])})
	}
	return boxes
}

// overlapping reports whether two word boxes overprint each other. pdftotext makes a box
// as tall as the font's ascent plus descent (about 1.44 em for these fonts), so the boxes
// of consecutive lines set at 1.2–1.3 em overlap by a sliver; that is not overprinting.
// Two boxes overprint when they share more than 0.5 pt horizontally and more than 30% of
// the lower box's height vertically.
func overlapping(a, b box) bool {
	ix := min(a.xMax, b.xMax) - max(a.xMin, b.xMin)
	iy := min(a.yMax, b.yMax) - max(a.yMin, b.yMin)
	h := min(a.yMax-a.yMin, b.yMax-b.yMin)
	return ix > 0.5 && iy > 0.3*h
}

const ptPerMM = 72 / 25.4

var pageNumWord = regexp.MustCompile(`^[—\d\s]+$`)

// TestNoOverlappingText: no two words of any page overprint each other, and every word
// lies inside the text area (版心) or is the page number below it.
func TestNoOverlappingText(t *testing.T) {
	needTool(t, "pdftotext")
	for _, tc := range layoutCases() {
		t.Run(tc.name, func(t *testing.T) {
			path := writeReport(t, tc.r)
			boxes := wordBoxes(t, path)
			if len(boxes) < 100 {
				t.Fatalf("only %d words read back", len(boxes))
			}
			bad := 0
			for i, a := range boxes {
				if pageNumWord.MatchString(a.text) && a.yMin > (MarginTop+TextHeight)*ptPerMM {
					// the page number "— N —" below the text area (pdftotext may split it)
				} else if a.yMin < MarginTop*ptPerMM-2 || a.yMax > (MarginTop+TextHeight)*ptPerMM+2 ||
					a.xMin < MarginLeft*ptPerMM-2 || a.xMax > (MarginLeft+TextWidth)*ptPerMM+2 {
					t.Errorf("page %d: %q at (%.1f,%.1f)-(%.1f,%.1f) pt lies outside the text area", a.page, a.text, a.xMin, a.yMin, a.xMax, a.yMax)
					bad++
				}
				for _, b := range boxes[i+1:] {
					if b.page != a.page {
						break
					}
					if overlapping(a, b) {
						t.Errorf("page %d: %q (%.1f,%.1f)-(%.1f,%.1f) overprints %q (%.1f,%.1f)-(%.1f,%.1f)",
							a.page, a.text, a.xMin, a.yMin, a.xMax, a.yMax, b.text, b.xMin, b.yMin, b.xMax, b.yMax)
						bad++
					}
				}
				if bad > 20 {
					t.Fatal("too many errors")
				}
			}
		})
	}
}

// pagesOf returns the text of every page of the PDF at path, spaces removed.
func pagesOf(t *testing.T, path string) []string {
	t.Helper()
	out := runTool(t, "pdftotext", "-enc", "UTF-8", path, "-")
	pages := strings.Split(out, "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	for i, p := range pages {
		pages[i] = spaces.ReplaceAllString(p, "")
	}
	return pages
}

// rowLabels returns the row labels of table tb in reading order.
func rowLabels(tb *form.Table) []string {
	var out []string
	for _, s := range tb.Layout().Spans {
		if s.Role == form.RoleRow {
			out = append(out, spaces.ReplaceAllString(s.Text, ""))
		}
	}
	return out
}

// TestTableThreeOnOnePage: table 三 (收到和处理政府信息公开申请情况) fits an A4 page in the
// official layout, so it is never cut: its header and its first and last rows are on one page.
func TestTableThreeOnOnePage(t *testing.T) {
	needTool(t, "pdftotext")
	for _, tc := range layoutCases() {
		t.Run(tc.name, func(t *testing.T) {
			var tb *form.Table
			for _, s := range tc.r.Format.Sections {
				if s.Number == 3 {
					tb = s.Table
				}
			}
			labels := rowLabels(tb)
			first, last := labels[0], labels[len(labels)-1]
			pages := pagesOf(t, writeReport(t, tc.r))
			var on []int
			for i, p := range pages {
				if containsInOrder(p, first) || containsInOrder(p, last) {
					on = append(on, i+1)
				}
			}
			if len(on) != 1 {
				t.Fatalf("table 三's rows %q … %q are on pages %v, want one page", first, last, on)
			}
			if p := pages[on[0]-1]; !containsInOrder(p, "申请人情况"+first) || !containsInOrder(p, first+last) {
				t.Errorf("page %d lacks table 三's header or rows in order", on[0])
			}
		})
	}
}

// TestSignatureNotAlone: whatever the length of the last paragraph, the last page holds
// body text besides the 落款 (agency and date) and the page number.
func TestSignatureNotAlone(t *testing.T) {
	needTool(t, "pdftotext")
	base := form.Sample(form.Latest)
	// Grow 六 line by line so that every fill of the last page is tried, including the
	// ones that leave no room for the three lines of the 落款.
	line := "本年度未收取信息处理费，政府信息公开工作中的其他事项已在上文报告。"
	for n := 1; n <= 26; n++ {
		r := base.Clone()
		r.Text.Other = strings.Repeat(line, n)
		pages := pagesOf(t, writeReport(t, r))
		lastPage := pages[len(pages)-1]
		rest := pageNumText.ReplaceAllString(lastPage, "")
		rest = strings.Replace(rest, spaces.ReplaceAllString(r.Meta.Agency, ""), "", 1)
		rest = strings.Replace(rest, r.DateText(), "", 1)
		if rest == "" {
			t.Errorf("六 of %d sentences: page %d holds only the 落款", n, len(pages))
		}
	}
}

// TestBrokenTableThree forces table 三 over pages (rows 10 mm high: taller than a page
// at any tightness) and checks how it breaks: header repeated on each page, at least five
// body rows per page, no second-level group (（三）不予公开 …) cut when a break between
// groups exists, the vertical label 「三、本年度办理结果」 continued across the pages inside
// its cell, and no overprinted word anywhere.
func TestBrokenTableThree(t *testing.T) {
	needTool(t, "pdftotext")
	r := form.Sample(form.Latest)
	d, err := New(testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var tb *form.Table
	for _, s := range r.Format.Sections {
		if s.Number == 3 {
			tb = s.Table
		}
	}
	d.Heading1("三、收到和处理政府信息公开申请情况")
	table := d.gridTable(outline.NewGrid(r, tb))
	table.MinRowHeight = 10
	d.Table(table)
	d.Paragraph("表后正文。")
	path := writePDF(t, d)
	pages := pagesOf(t, path)
	if len(pages) < 2 {
		t.Fatalf("%d pages: the table should break", len(pages))
	}
	// Leaf row labels (those with numbers), by page.
	l := tb.Layout()
	var leaves []string
	for _, s := range l.Spans {
		if s.Role == form.RoleRow && s.Col+s.ColSpan == l.LabelCols {
			leaves = append(leaves, spaces.ReplaceAllString(s.Text, ""))
		}
	}
	pageOfLeaf := map[string]int{}
	for i, p := range pages {
		n := 0
		for _, leaf := range leaves {
			if _, done := pageOfLeaf[leaf]; !done && containsInOrder(p, leaf) {
				pageOfLeaf[leaf] = i + 1
				n++
			}
		}
		if n == 0 {
			continue
		}
		if n < minRowsPerPart {
			t.Errorf("page %d holds %d rows of the table, want at least %d", i+1, n, minRowsPerPart)
		}
		if !strings.Contains(p, "申请人情况") || !strings.Contains(p, "法人或其他组织") {
			t.Errorf("page %d lacks the repeated header", i+1)
		}
	}
	if len(pageOfLeaf) != len(leaves) {
		t.Fatalf("found %d of %d row labels", len(pageOfLeaf), len(leaves))
	}
	// （三）不予公开's eight rows stay together.
	var group []string
	for _, leaf := range leaves {
		if strings.HasPrefix(leaf, "1.属于国家秘密") || len(group) > 0 && len(group) < 8 {
			group = append(group, leaf)
		}
	}
	for _, leaf := range group[1:] {
		if pageOfLeaf[leaf] != pageOfLeaf[group[0]] {
			t.Errorf("（三）不予公开 is cut: %q on page %d, %q on page %d", group[0], pageOfLeaf[group[0]], leaf, pageOfLeaf[leaf])
		}
	}
	// The vertical label reads on, page after page, inside its cell (column 0).
	label := []rune("三、本年度办理结果")
	var got []rune
	for _, b := range wordBoxes(t, path) {
		if b.xMax < (MarginLeft+9)*ptPerMM && b.page <= len(pages) {
			for _, c := range b.text {
				if strings.ContainsRune(string(label), c) {
					got = append(got, c)
				}
			}
		}
	}
	if !containsInOrder(string(got), string(label)) {
		t.Errorf("vertical label read %q, want %q (whole or continued)", string(got), string(label))
	}
	boxes := wordBoxes(t, path)
	for i, a := range boxes {
		for _, b := range boxes[i+1:] {
			if b.page == a.page && overlapping(a, b) {
				t.Errorf("page %d: %q overprints %q", a.page, a.text, b.text)
			}
		}
		if !pageNumWord.MatchString(a.text) && a.yMax > (MarginTop+TextHeight)*ptPerMM+2 {
			t.Errorf("page %d: %q below the text area", a.page, a.text)
		}
	}
}

// TestWideNumbersStayWhole: a six-digit count in table 三 widens the number columns
// (taking width from the row labels) instead of breaking the number over two lines.
func TestWideNumbersStayWhole(t *testing.T) {
	needTool(t, "pdftotext")
	r := form.Sample(form.Latest)
	if err := r.Set("apply.1.natural", "123456"); err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, b := range wordBoxes(t, writeReport(t, r)) {
		if strings.Contains(b.text, "123456") {
			found = true
		}
		if strings.Contains(" 123 1234 12345 23456 3456 456 56 ", " "+b.text+" ") { // pieces of 123456
			t.Errorf("number broken: word %q", b.text)
		}
	}
	if !found {
		t.Error("123456 not printed whole")
	}
}
