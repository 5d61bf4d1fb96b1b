package pdf

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/assets"
)

var fixedDate = time.Date(2026, 1, 20, 9, 0, 0, 0, time.UTC)

func testOptions() Options {
	return Options{Title: "测试文档", Author: "某某市人民政府办公室", CreationDate: fixedDate, BundledFontsOnly: true}
}

// sampleParagraph returns the i-th test paragraph: varied lengths, numbers,
// Latin words, punctuation at every position, rare names.
func sampleParagraph(i int) string {
	parts := []string{
		"全年共主动公开政府信息2488.86条，",
		"其中张喆、李堃、王玥同志负责审核；",
		"通过“两微一端”（政务微博、微信公众号、客户端）发布信息12345条。",
		"依据《中华人民共和国政府信息公开条例》第二十条……",
		"网址为http://www.example.gov.cn，电话0592-1234567。",
		"增长率为12.5%，较上年提高3个百分点！",
		"是否需要进一步改进？答案是肯定的：",
		"2025年",
	}
	var b strings.Builder
	fmt.Fprintf(&b, "第%d段：", i+1)
	for k := 0; k < 1+i%9; k++ {
		b.WriteString(parts[(i+k)%len(parts)])
	}
	return b.String()
}

func buildLongDoc(t testing.TB, paragraphs int) (*Doc, []string) {
	return buildLongDocOpt(t, paragraphs, testOptions())
}

func buildLongDocOpt(t testing.TB, paragraphs int, opt Options) (*Doc, []string) {
	d, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	add := func(s string) { want = append(want, s) }
	title := "某某市某某区人民政府\n2025年政府信息公开工作年度报告"
	d.Title(title)
	add(strings.ReplaceAll(title, "\n", ""))
	for i := 0; i < paragraphs; i++ {
		if i%25 == 0 {
			h := fmt.Sprintf("%s、第%d部分", []string{"一", "二", "三", "四", "五", "六"}[i/25%6], i/25+1)
			d.Heading1(h)
			add(h)
		}
		if i%10 == 5 {
			h := fmt.Sprintf("（%s）张喆负责的事项", []string{"一", "二", "三"}[i%3])
			d.Heading2(h)
			add(h)
		}
		p := sampleParagraph(i)
		if i == 7 {
			p += "生僻字𠮷不在基本多文种平面。"
		}
		d.Paragraph(p)
		add(strings.ReplaceAll(p, "𠮷", "□"))
	}
	d.Signature("某某市某某区人民政府办公室", "2026年1月20日")
	add("某某市某某区人民政府办公室")
	add("2026年1月20日")
	return d, want
}

func writePDF(t *testing.T, d *Doc) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "out.pdf")
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// For looking at pages: NIANBAO_PDF_OUT=/tmp/x go test ./export/pdf
	if dir := os.Getenv("NIANBAO_PDF_OUT"); dir != "" {
		os.WriteFile(filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+".pdf"), buf.Bytes(), 0o644)
	}
	return p
}

// needTool skips the test when the poppler tool name is missing, except in CI (CI set),
// which installs poppler-utils: there a missing tool fails the test.
func needTool(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s not on PATH; CI must install poppler-utils", name)
		}
		t.Skipf("%s not on PATH (install poppler-utils)", name)
	}
}

func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return string(out)
}

var pageNumText = regexp.MustCompile(`—\d+—`)
var spaces = regexp.MustCompile(`\s+`)

// extractText returns the document text without page numbers and spaces.
func extractText(t *testing.T, path string, args ...string) string {
	t.Helper()
	txt := runTool(t, "pdftotext", append(append(args, "-enc", "UTF-8"), path, "-")...)
	txt = spaces.ReplaceAllString(txt, "")
	return pageNumText.ReplaceAllString(txt, "")
}

// assertInOrder checks that every string of want occurs in text, in order.
func assertInOrder(t *testing.T, text string, want []string) {
	t.Helper()
	pos := 0
	for i, w := range want {
		w = spaces.ReplaceAllString(w, "")
		k := strings.Index(text[pos:], w)
		if k < 0 {
			near := text[pos:min(len(text), pos+300)]
			t.Fatalf("item %d %q not found in order; text continues: %q", i, w, near)
		}
		pos += k + len(w)
	}
}

func TestLongDocument(t *testing.T) {
	needTool(t, "pdftotext")
	needTool(t, "pdfinfo")
	needTool(t, "pdffonts")
	d, want := buildLongDoc(t, 120)
	path := writePDF(t, d)
	if d.PageCount() < 8 {
		t.Errorf("only %d pages", d.PageCount())
	}
	st := d.Stats()
	if st.Replaced != 1 || len(st.ReplacedRunes) != 1 || st.ReplacedRunes[0] != '𠮷' {
		t.Errorf("stats %+v, want 𠮷 replaced once", st)
	}
	if st.Fallback == 0 {
		t.Errorf("stats %+v: 喆 in a 楷体 heading should fall back to the body font", st)
	}
	assertInOrder(t, extractText(t, path), want)

	info := runTool(t, "pdfinfo", path)
	for _, s := range []string{"A4", "Title:           测试文档", "Author:          某某市人民政府办公室", fmt.Sprintf("Pages:           %d", d.PageCount())} {
		if !strings.Contains(info, s) {
			t.Errorf("pdfinfo lacks %q:\n%s", s, info)
		}
	}
	fonts := runTool(t, "pdffonts", path)
	lines := strings.Split(strings.TrimSpace(fonts), "\n")[2:]
	// The four role fonts, plus half-width copies ("…-Half", see subsetFont) for 标点挤压;
	// each a subset named with a six-letter tag.
	roles := 0
	for _, l := range lines {
		name := strings.Fields(l)[0]
		if !strings.HasSuffix(name, "-Half") {
			roles++
		}
		if !regexp.MustCompile(`^[A-Z]{6}\+[A-Za-z0-9_-]+$`).MatchString(name) {
			t.Errorf("font %q lacks the subset tag ABCDEF+", name)
		}
	}
	if roles != 4 || len(lines) > 8 {
		t.Errorf("want 4 fonts and at most 4 half-width copies, got:\n%s", fonts)
	}
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
			t.Errorf("font not embedded as a subset: %s", l)
		}
	}
	// Page numbers: "— 1 —" … on their pages.
	for _, p := range []int{1, 2, d.PageCount()} {
		txt := runTool(t, "pdftotext", "-f", fmt.Sprint(p), "-l", fmt.Sprint(p), "-enc", "UTF-8", path, "-")
		if !strings.Contains(spaces.ReplaceAllString(txt, ""), fmt.Sprintf("—%d—", p)) {
			t.Errorf("page %d lacks its number", p)
		}
	}
}

func TestReproducible(t *testing.T) {
	var out [2][]byte
	for i := range out {
		d, _ := buildLongDoc(t, 20)
		var buf bytes.Buffer
		if err := d.Output(&buf); err != nil {
			t.Fatal(err)
		}
		out[i] = buf.Bytes()
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Error("same input gave different PDFs")
	}
}

func TestHeadingKeptWithNext(t *testing.T) {
	d, err := New(testOptions())
	if err != nil {
		t.Fatal(err)
	}
	// Fill the first page to its last line, then add a heading.
	for d.PageCount() == 1 && d.y+LinePitch <= d.bottom()-LinePitch+1e-6 {
		d.Paragraph("短段落。")
	}
	if d.PageCount() != 1 {
		t.Fatal("setup overflowed")
	}
	d.Heading1("一、总体情况")
	d.Heading2("（一）主动公开")
	if d.PageCount() != 1 {
		t.Fatal("heading should be pending until the next line")
	}
	d.Paragraph("正文。")
	if d.PageCount() != 2 {
		t.Fatalf("headings and paragraph should move to page 2, pages = %d", d.PageCount())
	}
	if want := MarginTop + 3*LinePitch; d.y < want-1e-6 || d.y > want+1e-6 {
		t.Errorf("y = %v, want %v (two headings and one line on the new page)", d.y, want)
	}
}

func TestBadOverride(t *testing.T) {
	opt := testOptions()
	p := filepath.Join(t.TempDir(), "x.ttf")
	os.WriteFile(p, []byte("not a font at all"), 0o644)
	opt.FontOverrides = map[assets.Role]string{assets.Body: p}
	if _, err := New(opt); err == nil {
		t.Error("want an error for an unusable override font")
	}
}

// TestOverrideFallback uses AR PL KaitiM GB (GB2312 only) as a user body
// font: 喆 must come from the bundled body font, not become "□".
func TestOverrideFallback(t *testing.T) {
	p := filepath.Join(t.TempDir(), "kai.ttf")
	if err := os.WriteFile(p, assets.Font(assets.Kai), 0o644); err != nil {
		t.Fatal(err)
	}
	opt := testOptions()
	opt.FontOverrides = map[assets.Role]string{assets.Body: p}
	d, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	d.Paragraph("张喆、李堃、王玥，𠮷。")
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	st := d.Stats()
	if st.Fallback != 3 || st.Replaced != 1 {
		t.Errorf("stats %+v, want 3 fallbacks and 1 replacement", st)
	}
	if d.fonts[assets.Body].choice.Name != "kai" {
		t.Errorf("body font %q, want the override", d.fonts[assets.Body].choice.Name)
	}
}

func TestTableAcrossPages(t *testing.T) {
	needTool(t, "pdftotext")
	d, err := New(testOptions())
	if err != nil {
		t.Fatal(err)
	}
	d.Heading1("三、收到和处理政府信息公开申请情况")
	tb := Table{ColWidths: []float64{12, 40, 26, 26, 26, 26}, HeaderRows: 2, FontSize: 10.5}
	tb.Cells = append(tb.Cells,
		Cell{Row: 0, Col: 0, RowSpan: 2, ColSpan: 2, Text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"},
		Cell{Row: 0, Col: 2, ColSpan: 4, Text: "申请人情况", Strong: true},
		Cell{Row: 1, Col: 2, Text: "自然人"}, Cell{Row: 1, Col: 3, Text: "商业企业"},
		Cell{Row: 1, Col: 4, Text: "科研机构"}, Cell{Row: 1, Col: 5, Text: "总计"},
	)
	var want []string
	row := 2
	for g := 0; g < 12; g++ {
		n := 1 + g%4
		tb.Cells = append(tb.Cells, Cell{Row: row, Col: 0, RowSpan: n, Text: fmt.Sprintf("组%d", g+1)})
		for k := 0; k < n; k++ {
			label := fmt.Sprintf("第%d组第%d项：本年新收政府信息公开申请数量（含张喆、李堃转来的申请）", g+1, k+1)
			want = append(want, label)
			tb.Cells = append(tb.Cells, Cell{Row: row, Col: 1, Text: label, Align: AlignLeft})
			for c := 2; c < 6; c++ {
				tb.Cells = append(tb.Cells, Cell{Row: row, Col: c, Text: fmt.Sprint(row*c + 1000), Align: AlignRight})
			}
			row++
		}
	}
	d.Table(tb)
	d.Paragraph("表后正文。")
	path := writePDF(t, d)
	if d.PageCount() < 2 {
		t.Fatalf("table should cross a page, pages = %d", d.PageCount())
	}
	for p := 1; p <= d.PageCount(); p++ {
		txt := extractText(t, path, "-f", fmt.Sprint(p), "-l", fmt.Sprint(p))
		if !strings.Contains(txt, "申请人情况") || !strings.Contains(txt, "总计") {
			t.Errorf("page %d lacks the repeated header rows", p)
		}
	}
	// Row labels wrap inside their cells; check every character survives in
	// order by comparing with the whole text stripped of other cells.
	all := extractText(t, path)
	for _, w := range want {
		if !containsInOrder(all, w) {
			t.Errorf("label %q lost", w)
		}
	}
}

// containsInOrder reports whether the runes of sub occur in s in order.
func containsInOrder(s, sub string) bool {
	rs := []rune(sub)
	i := 0
	for _, r := range s {
		if i < len(rs) && r == rs[i] {
			i++
		}
	}
	return i == len(rs)
}

func TestTableBadCell(t *testing.T) {
	d, _ := New(testOptions())
	d.Table(Table{ColWidths: []float64{20}, Cells: []Cell{{Row: 0, Col: 1, Text: "x"}}})
	if d.Err() == nil {
		t.Error("want an error for a cell outside the columns")
	}
}

func BenchmarkDocument(b *testing.B) {
	var size int
	for i := 0; i < b.N; i++ {
		d, _ := buildLongDoc(b, 60)
		var buf bytes.Buffer
		if err := d.Output(&buf); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
		if i == 0 {
			b.ReportMetric(float64(d.PageCount()), "pages")
		}
	}
	b.ReportMetric(float64(size)/1024, "KB")
}

func TestSignatureX(t *testing.T) {
	c := CharPitch
	right := MarginLeft + TextWidth
	tests := []struct {
		name     string
		aw, tw   float64
		wantA    float64
		wantDate float64
	}{
		{"name longer", 13 * c, 9 * c, right - 2*c - 13*c, right - 2*c - 11*c},
		{"date longer", 4 * c, 9 * c, right - 2*c - 11*c, right - 2*c - 9*c},
		{"equal+2", 11 * c, 9 * c, right - 13*c, right - 11*c},
		{"very long name", 40 * c, 9 * c, MarginLeft, MarginLeft + 2*c},
	}
	for _, tc := range tests {
		a, d := signatureX(tc.aw, tc.tw)
		if math.Abs(a-tc.wantA) > 1e-9 || math.Abs(d-tc.wantDate) > 1e-9 {
			t.Errorf("%s: got (%.2f, %.2f), want (%.2f, %.2f)", tc.name, a, d, tc.wantA, tc.wantDate)
		}
		if d+tc.tw > right-2*c+1e-9 {
			t.Errorf("%s: date overruns the two-character right space", tc.name)
		}
	}
}

// TestPageNumberPlacement reads word boxes: odd page numbers sit right,
// even ones left, or all centred with CenterPageNumbers.
func TestPageNumberPlacement(t *testing.T) {
	needTool(t, "pdftotext")
	for _, center := range []bool{false, true} {
		opt := testOptions()
		opt.CenterPageNumbers = center
		d, _ := buildLongDocOpt(t, 40, opt)
		path := writePDF(t, d)
		html := runTool(t, "pdftotext", "-bbox", "-f", "1", "-l", "2", path, "-")
		// <page ...> blocks; the page number digits are the lowest words.
		pages := strings.Split(html, "<page ")[1:]
		if len(pages) != 2 {
			t.Fatalf("got %d pages", len(pages))
		}
		word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">—\s*(\d+)\s*—</word>`)
		for i, pg := range pages {
			var x, y float64 = 0, 0
			for _, m := range word.FindAllStringSubmatch(pg, -1) {
				yy, _ := strconv.ParseFloat(m[2], 64)
				if yy > y && m[4] == strconv.Itoa(i+1) {
					x0, _ := strconv.ParseFloat(m[1], 64)
					x1, _ := strconv.ParseFloat(m[3], 64)
					x, y = (x0+x1)/2, yy
				}
			}
			mid := PageWidth / 2 * 72 / 25.4
			yMM := y * 25.4 / 72
			if want := MarginTop + TextHeight + pageNumBelow; math.Abs(yMM-want) > 2.5 {
				t.Errorf("page %d: number at y=%.1f mm", i+1, yMM)
			}
			switch {
			case center && math.Abs(x-(MarginLeft+TextWidth/2)*72/25.4) > 3:
				t.Errorf("page %d: centred number at x=%.1f", i+1, x)
			case !center && i%2 == 0 && x < mid+100:
				t.Errorf("odd page %d: number at x=%.1f, want right", i+1, x)
			case !center && i%2 == 1 && x > mid-100:
				t.Errorf("even page %d: number at x=%.1f, want left", i+1, x)
			}
		}
	}
}

// TestHeadingsNotJustified: a heading whose long number run wraps leaves a short first
// line; headings are left-aligned, so that line's last character stays near the indent.
// A body line left as short is not spread to the right margin either: justification puts
// at most maxStretch between characters, so 「正 文 关 于」 is never letter-spaced.
func TestHeadingsNotJustified(t *testing.T) {
	needTool(t, "pdftotext")
	d, err := New(testOptions())
	if err != nil {
		t.Fatal(err)
	}
	digits := strings.Repeat("1234567890", 5)[:44]
	d.Heading1("一、关于" + digits)
	d.Heading2("（一）关于" + digits)
	d.Paragraph("正文关于" + digits)
	mm := 72 / 25.4
	indent := (MarginLeft + 2*CharPitch) * mm
	var starts []string
	for _, l := range textLines(t, writePDF(t, d)) {
		text := ""
		for _, w := range l {
			text += w.text
		}
		if !strings.HasSuffix(text, "关于") {
			continue
		}
		starts = append(starts, text)
		last := l[len(l)-1]
		right := last.x + float64(len([]rune(last.text)))*CharPitch*mm
		justified := right > (MarginLeft+TextWidth-CharPitch)*mm
		if justified {
			t.Errorf("%q: right end %.0f pt (indent %.0f pt): justified = %v", text, right, indent, justified)
		}
	}
	if len(starts) != 3 {
		t.Fatalf("want three short first lines, got %q", starts)
	}
}
