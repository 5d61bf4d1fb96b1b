package extract

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"crypto/rc4"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// pdfBuilder writes small PDFs for tests: objects numbered from 1, a classic xref table.
type pdfBuilder struct {
	objs []string
}

func (b *pdfBuilder) add(obj string) int {
	b.objs = append(b.objs, obj)
	return len(b.objs)
}

// reserve adds a placeholder object to be set later (for parents referenced by children).
func (b *pdfBuilder) set(n int, obj string) { b.objs[n-1] = obj }

func (b *pdfBuilder) stream(dict string, data []byte, compress bool) int {
	if compress {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write(data)
		w.Close()
		data = z.Bytes()
		dict += "/Filter/FlateDecode"
	}
	return b.add(fmt.Sprintf("<<%s/Length %d>>\nstream\n%s\nendstream", dict, len(data), data))
}

func (b *pdfBuilder) bytes(root int, trailer string) []byte {
	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(b.objs))
	for i, o := range b.objs {
		offs[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(b.objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&out, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&out, "trailer\n<</Size %d/Root %d 0 R%s>>\nstartxref\n%d\n%%%%EOF\n", len(b.objs)+1, root, trailer, x)
	return out.Bytes()
}

// cjkFont adds a Type0 Identity-H font whose CID n shows runes[n-1], every glyph 1000 wide
// (500 for ASCII), with a ToUnicode map unless toUnicode is false.
func (b *pdfBuilder) cjkFont(runes []rune, toUnicode bool) int {
	var cmap strings.Builder
	cmap.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	fmt.Fprintf(&cmap, "%d beginbfchar\n", len(runes))
	var w strings.Builder
	for i, r := range runes {
		u := utf16.Encode([]rune{r})
		fmt.Fprintf(&cmap, "<%04X> <", i+1)
		for _, x := range u {
			fmt.Fprintf(&cmap, "%04X", x)
		}
		cmap.WriteString(">\n")
		width := 1000
		if r < 0x80 {
			width = 500
		}
		fmt.Fprintf(&w, "%d [%d] ", i+1, width)
	}
	cmap.WriteString("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n")
	desc := b.add(fmt.Sprintf("<</Type/Font/Subtype/CIDFontType2/BaseFont/Test/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/DW 1000/W [%s]>>", w.String()))
	tu := ""
	if toUnicode {
		tu = fmt.Sprintf("/ToUnicode %d 0 R", b.stream("", []byte(cmap.String()), true))
	}
	return b.add(fmt.Sprintf("<</Type/Font/Subtype/Type0/BaseFont/Test/Encoding/Identity-H/DescendantFonts[%d 0 R]%s>>", desc, tu))
}

// textDoc is a PDF whose pages show the given lines (cells separated by "|" are placed 30 pt
// apart) in a CJK font, 12 pt, from the top of an A4 page.
type textDoc struct {
	pages     [][]string
	toUnicode bool
	mode      int    // text rendering mode (3: invisible)
	extra     string // content drawn before the text (table borders)
	compress  bool
}

func (d textDoc) build() []byte {
	b := &pdfBuilder{}
	var runes []rune
	idx := map[rune]int{}
	for _, p := range d.pages {
		for _, l := range p {
			for _, r := range l {
				if _, ok := idx[r]; !ok && r != '|' {
					runes = append(runes, r)
					idx[r] = len(runes)
				}
			}
		}
	}
	font := b.cjkFont(runes, d.toUnicode)
	pagesObj := b.add("")
	var kids []string
	for _, p := range d.pages {
		var c strings.Builder
		c.WriteString(d.extra)
		fmt.Fprintf(&c, "BT /F1 12 Tf %d Tr\n", d.mode)
		y, step := 800.0, min(20, 780/float64(len(p)+1))
		for _, l := range p {
			x := 50.0
			for _, cell := range strings.Split(l, "|") {
				fmt.Fprintf(&c, "1 0 0 1 %.2f %.2f Tm <", x, y)
				for _, r := range cell {
					fmt.Fprintf(&c, "%04X", idx[r])
					if r < 0x80 {
						x += 6
					} else {
						x += 12
					}
				}
				c.WriteString("> Tj\n")
				x += 30 // a column gap
			}
			y -= step
		}
		c.WriteString("ET\n")
		content := b.stream("", []byte(c.String()), d.compress)
		kids = append(kids, fmt.Sprintf("%d 0 R", b.add(fmt.Sprintf("<</Type/Page/Parent %d 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 %d 0 R>>>>/Contents %d 0 R>>", pagesObj, font, content))))
	}
	b.set(pagesObj, fmt.Sprintf("<</Type/Pages/Kids[%s]/Count %d>>", strings.Join(kids, " "), len(kids)))
	root := b.add(fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", pagesObj))
	return b.bytes(root, "")
}

func readPDF(data []byte) (string, error) { return PDF(bytes.NewReader(data), int64(len(data))) }

var reportLines = []string{
	"某某局2024年政府信息公开工作年度报告",
	"一、总体情况",
	"本年新收政府信息公开申请数量|7|0|7",
	"二、主动公开政府信息情况",
}

func TestUnifyIdeographs(t *testing.T) {
	for in, want := range map[string]string{"⼀、总体情况": "一、总体情况", "⼆": "二", "（一）": "（一）", "1": "1", "﨑": "﨑"} {
		if got := unifyIdeographs(in); got != want {
			t.Errorf("unifyIdeographs(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPDFLines(t *testing.T) {
	got, err := readPDF(textDoc{pages: [][]string{reportLines}, toUnicode: true, compress: true}.build())
	if err != nil {
		t.Fatal(err)
	}
	want := "某某局2024年政府信息公开工作年度报告\n一、总体情况\n本年新收政府信息公开申请数量|7|0|7\n\n二、主动公开政府信息情况\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// TestPDFRuledCells: inside a table with cell borders, a border between two glyphs is a cell
// gap however narrow, and a wide gap inside a cell (letter-spaced text) is not.
func TestPDFRuledCells(t *testing.T) {
	p := &pageContent{
		glyphs: []glyph{{text: "信", x: 50, y: 760, w: 12, size: 12}, {text: "息", x: 62, y: 760, w: 12, size: 12},
			{text: "结", x: 140, y: 760, w: 12, size: 12}, {text: "果", x: 170, y: 760, w: 12, size: 12},
			{text: "总", x: 229.5, y: 760, w: 12, size: 12}, {text: "计", x: 241.5, y: 760, w: 12, size: 12}},
		rules: []rule{{48, 700, 820}, {138, 700, 820}, {228, 700, 820}, {228.2, 700, 820}, {318, 700, 820}},
	}
	o := newOutput()
	layoutPage(o, *p)
	if o.String() != "信息|结 果|总计\n\n" {
		t.Errorf("ruled row = %q", o.String())
	}
	// Without borders the same glyphs split at the wide gaps only.
	p.rules = nil
	o = newOutput()
	layoutPage(o, *p)
	if o.String() != "信息|结|果|总计\n\n" {
		t.Errorf("unruled row = %q", o.String())
	}
}

// TestPDFCorpus: the real WPS PDF (12) and the Chromium and LibreOffice PDFs of 01/02 (D1,
// D2) give their title first and their table rows as lines of cells.
func TestPDFCorpus(t *testing.T) {
	for _, tc := range []struct {
		file  string
		title string
		rows  []string
	}{
		{"12_huaian_city_gov_2024.pdf", "淮安市人民政府", []string{"规章|1|0|11", "行政许可|447228", "行政事业性收费|96171.6",
			"3001|53|0|0|61|4|3119", "72|64|178|37|351|13|4|8|1|26|12|1|1|6|20"}},
		{"D1_pingtan_shenpiju_2023_DERIVED_chromium.pdf", "平潭综合实验区行政审批局2023年政府信息公开工作年度报告",
			[]string{"行政规范性文件|5|4|16", "一、本年新收政府信息公开申请数量|7|0|0|0|0|0|7", "（七）总计|7|0|0|0|0|0|7"}},
		{"D2_pingtan_ziranziyuanju_2024_DERIVED_libreoffice.pdf", "平潭综合实验区自然资源与生态环境局2024年政府信息公开工作年度报告",
			[]string{"行政许可|308", "一、本年新收政府信息公开申请数量|69|0|0|0|0|0|69", "（七）总计|69|0|0|0|0|0|69"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(corpus + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			text, err := readPDF(data)
			if err != nil {
				t.Fatal(err)
			}
			if first, _, _ := strings.Cut(text, "\n"); first != tc.title {
				t.Errorf("first line %q, want %q", first, tc.title)
			}
			for _, r := range tc.rows {
				if !strings.Contains(text, "\n"+r+"\n") {
					t.Errorf("row %q not found", r)
				}
			}
			if strings.ContainsRune(text, '\uFFFD') {
				t.Error("unmapped glyphs in the text")
			}
		})
	}
}

// TestPDFNoText: a scan (no text), text without a ToUnicode map, text mapped to private-use
// code points, text drawn invisibly (an OCR layer) and text without any Chinese are refused.
func TestPDFNoText(t *testing.T) {
	long := []string{}
	for i := 0; i < 10; i++ {
		long = append(long, reportLines...)
	}
	b := &pdfBuilder{}
	img := b.stream("/Type/XObject/Subtype/Image/Width 1/Height 1/ColorSpace/DeviceGray/BitsPerComponent 8", []byte{0}, false)
	c := b.stream("", []byte("q 595 0 0 842 0 0 cm /Im1 Do Q"), false)
	pages := b.add("")
	pg := b.add(fmt.Sprintf("<</Type/Page/Parent %d 0 R/MediaBox[0 0 595 842]/Resources<</XObject<</Im1 %d 0 R>>>>/Contents %d 0 R>>", pages, img, c))
	b.set(pages, fmt.Sprintf("<</Type/Pages/Kids[%d 0 R]/Count 1>>", pg))
	scan := b.bytes(b.add(fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", pages)), "")
	private := []string{}
	for _, l := range long {
		private = append(private, strings.Map(func(r rune) rune { return 0xE000 + r%4096 }, l))
	}
	for _, tc := range []struct {
		name string
		data []byte
		msg  string
	}{
		{"scan", scan, MsgNoText},
		{"no ToUnicode", textDoc{pages: [][]string{long}}.build(), MsgNoText},
		{"private use", textDoc{pages: [][]string{private}, toUnicode: true}.build(), MsgNoText},
		{"invisible OCR layer", textDoc{pages: [][]string{long}, toUnicode: true, mode: 3}.build(), "识别层"},
		{"no Chinese", textDoc{pages: [][]string{{strings.Repeat("abc def ", 40)}}, toUnicode: true}.build(), MsgNoText},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, err := readPDF(tc.data)
			if !errors.Is(err, ErrNoText) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("PDF = %q, %v; want ErrNoText with %q", text, err, tc.msg)
			}
		})
	}
}

// TestPDFRefused: not a PDF, truncated, encrypted beyond what can be read.
func TestPDFRefused(t *testing.T) {
	good := textDoc{pages: [][]string{reportLines}, toUnicode: true}.build()
	for _, tc := range []struct {
		name string
		data []byte
		err  error
		msg  string
	}{
		{"text", []byte("一、总体情况"), ErrFormat, "不是 PDF"},
		{"truncated", good[:len(good)/2], ErrFormat, "不完整"},
		{"broken xref", bytes.Replace(good, []byte("xref"), []byte("xxxx"), 1), ErrFormat, "已损坏"},
		{"aes-256", bytes.Replace(good, []byte("trailer\n<<"), []byte("trailer\n<</Encrypt<</Filter/Standard/V 5/R 6/Length 256>>"), 1), ErrEncrypted, "密码"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readPDF(tc.data)
			if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("PDF = %v; want %v with %q", err, tc.err, tc.msg)
			}
		})
	}
}

// manyPages is a PDF of n real pages (each a page object with its own short content).
func manyPages(n int, count int) []byte {
	b := &pdfBuilder{}
	font := b.cjkFont([]rune("第页"), true)
	pages := b.add("")
	var kids strings.Builder
	for i := 0; i < n; i++ {
		c := b.stream("", []byte("BT /F1 12 Tf 50 800 Td <00010002> Tj ET"), false)
		fmt.Fprintf(&kids, "%d 0 R ", b.add(fmt.Sprintf("<</Type/Page/Parent %d 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 %d 0 R>>>>/Contents %d 0 R>>", pages, font, c)))
	}
	b.set(pages, fmt.Sprintf("<</Type/Pages/Kids[%s]/Count %d>>", kids.String(), count))
	return b.bytes(b.add(fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", pages)), "")
}

// TestPDFHostile: 10,000 pages (told or not by /Count), a /Prev loop, huge object counts, an
// object stream inside itself, nesting a million deep, a content stream decompressing far
// beyond any page's: each refused (or read) within bounded time and memory, no panic.
func TestPDFHostile(t *testing.T) {
	cyclic := textDoc{pages: [][]string{reportLines}, toUnicode: true}.build()
	x := bytes.LastIndex(cyclic, []byte("\nxref\n")) + 1
	cyclic = bytes.Replace(cyclic, []byte("trailer\n<<"), []byte(fmt.Sprintf("trailer\n<</Prev %d", x)), 1)
	huge := bytes.Replace(cyclic, []byte(fmt.Sprintf("/Prev %d", x)), []byte("/Size 3000000000"), 1)
	subsec := bytes.Replace(textDoc{pages: [][]string{reportLines}, toUnicode: true}.build(), []byte("trailer\n"), []byte("90000000000 1\n0000000009 00000 n \ntrailer\n"), 1)
	deep := textDoc{pages: [][]string{reportLines}, toUnicode: true, extra: strings.Repeat("[", 1<<19) + strings.Repeat("]", 1<<19) + " TJ\n", compress: true}.build()
	// A content stream of 130 MB of spaces, compressed to a few hundred KB.
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	chunk := bytes.Repeat([]byte(" "), 1<<20)
	for i := 0; i < 130; i++ {
		zw.Write(chunk)
	}
	zw.Close()
	b := &pdfBuilder{}
	c := b.add(fmt.Sprintf("<</Filter/FlateDecode/Length %d>>\nstream\n%s\nendstream", z.Len(), z.Bytes()))
	pages := b.add("")
	pg := b.add(fmt.Sprintf("<</Type/Page/Parent %d 0 R/MediaBox[0 0 595 842]/Contents %d 0 R>>", pages, c))
	b.set(pages, fmt.Sprintf("<</Type/Pages/Kids[%d 0 R]/Count 1>>", pg))
	bomb := b.bytes(b.add(fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", pages)), "")
	for _, tc := range []struct {
		name string
		data []byte
		msg  string
	}{
		{"object stream inside itself", selfStream(), "循环引用"},
		{"10000 pages", manyPages(10000, 10000), "PDF 有 10000 页"},
		{"10000 pages, /Count says 1", manyPages(10000, 1), "超过 200 页"},
		{"prev loop", cyclic, "循环引用"},
		{"huge size", huge, "对象数量异常"},
		{"huge size, zero-padded", bytes.Replace(huge, []byte("/Size 3000000000"), []byte("/Size 000000000000000000000000000000000000000003000000000"), 1), "对象数量异常"},
		{"huge subsection", subsec, "对象数量异常"},
		{"nested a million deep", deep, ""},
		{"content bomb", bomb, "内容过多"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.data) > 4<<20 {
				t.Fatalf("hostile input of %d bytes: keep test inputs small", len(tc.data))
			}
			var err error
			var text string
			d, peak := measure(func() { text, err = readPDF(tc.data) })
			t.Logf("%s: %v, peak heap %d MB, err %v", tc.name, d, peak>>20, err)
			if tc.msg == "" {
				if err != nil || !strings.Contains(text, "一、总体情况") {
					t.Errorf("PDF = %q, %v; want the text read", text, err)
				}
			} else if e := (*Error)(nil); !errors.As(err, &e) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("PDF = %v; want a Chinese refusal with %q", err, tc.msg)
			}
			if d > limitTime || peak > limitHeap {
				t.Errorf("took %v and %d MB; want ≤ %v and ≤ %d MB", d, peak>>20, limitTime, limitHeap>>20)
			}
		})
	}
}

// TestPDFTenPages: a 10-page report (3,000 glyphs a page) opens well within 2 s and 300 MB.
func TestPDFTenPages(t *testing.T) {
	data := tenPages()
	var err error
	d, peak := measure(func() { _, err = readPDF(data) })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("10 pages: %v, peak heap %d MB", d, peak>>20)
	if d > 2*time.Second*raceSlowdown || peak > limitHeap {
		t.Errorf("took %v and %d MB; want ≤ 2 s and ≤ 300 MB", d, peak>>20)
	}
}

func tenPages() []byte {
	line := "全年主动公开政府信息三百八十六条其中机构职能规范性文件行政执法等重点领域信息二百一十四条"
	var page []string
	for len(page)*len([]rune(line)) < 3000 {
		page = append(page, line)
	}
	page = append(page, "本年新收政府信息公开申请数量|7|0|7")
	var pages [][]string
	for i := 0; i < 10; i++ {
		pages = append(pages, page)
	}
	return textDoc{pages: pages, toUnicode: true, compress: true}.build()
}

// selfStream is a PDF with a cross-reference stream that puts object 2 inside object stream 2.
func selfStream() []byte {
	b := &pdfBuilder{}
	pages := b.add("<</Type/Pages/Kids[]/Count 0>>")
	root := b.add(fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", pages))
	var out bytes.Buffer
	out.WriteString("%PDF-1.5\n")
	offs := []int{}
	for i, o := range b.objs {
		offs = append(offs, out.Len())
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xrefAt := out.Len()
	var rows []byte
	rows = append(rows, 0, 0, 0, 0, 0, 0xff, 0xff) // object 0: free
	rows = append(rows, 1, 0, 0, byte(offs[0]>>8), byte(offs[0]), 0, 0)
	rows = append(rows, 2, 0, 0, 0, 2, 0, 0) // object 2 in object stream 2
	rows = append(rows, 1, 0, 0, byte(xrefAt>>8), byte(xrefAt), 0, 0)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(rows)
	zw.Close()
	fmt.Fprintf(&out, "3 0 obj\n<</Type/XRef/Size 4/W[1 4 2]/Root %d 0 R/Filter/FlateDecode/Length %d>>\nstream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", root, z.Len(), z.Bytes(), xrefAt)
	return out.Bytes()
}

// encryptRC4 encrypts a builder's objects as Acrobat does for "no copying" (RC4, 128 bits,
// revision 3) with an empty user password, the protection many government sites use.
func (b *pdfBuilder) encryptRC4() string {
	pad := []byte{0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
		0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A}
	id := []byte("0123456789abcdef")
	rc4x := func(key, data []byte) []byte {
		c, _ := rc4.NewCipher(key)
		out := make([]byte, len(data))
		c.XORKeyStream(out, data)
		return out
	}
	md5n := func(data []byte, n int) []byte {
		s := md5.Sum(data)
		h := s[:]
		for i := 0; i < n; i++ {
			s = md5.Sum(h[:16])
			h = s[:]
		}
		return h[:16]
	}
	// O from the owner password "owner" (Algorithm 3).
	okey := md5n(append([]byte("owner"), pad[:27]...), 50)
	o := rc4x(okey, pad)
	for i := 1; i <= 19; i++ {
		k := make([]byte, 16)
		for j := range k {
			k[j] = okey[j] ^ byte(i)
		}
		o = rc4x(k, o)
	}
	p := int32(-3904) // printing allowed, copying not
	pb := []byte{byte(p), byte(p >> 8), byte(p >> 16), byte(p >> 24)}
	key := md5n(append(append(append(append([]byte{}, pad...), o...), pb...), id...), 50)
	// U (Algorithm 5).
	u := rc4x(key, md5n(append(append([]byte{}, pad...), id...), 0))
	for i := 1; i <= 19; i++ {
		k := make([]byte, 16)
		for j := range k {
			k[j] = key[j] ^ byte(i)
		}
		u = rc4x(k, u)
	}
	u = append(u, make([]byte, 16)...)
	for n, obj := range b.objs {
		i := strings.Index(obj, "\nstream\n")
		if i < 0 {
			continue
		}
		j := strings.LastIndex(obj, "\nendstream")
		num := n + 1
		ok := md5.Sum(append(append([]byte{}, key...), byte(num), byte(num>>8), byte(num>>16), 0, 0))
		data := rc4x(ok[:16], []byte(obj[i+8:j]))
		b.objs[n] = obj[:i+8] + string(data) + obj[j:]
	}
	enc := b.add(fmt.Sprintf("<</Filter/Standard/V 2/R 3/Length 128/P %d/O <%x>/U <%x>>>", p, o, u))
	return fmt.Sprintf("/Encrypt %d 0 R/ID[<%x><%x>]", enc, id, id)
}

// TestPDFProtected reads a PDF protected against copying (RC4, empty user password).
func TestPDFProtected(t *testing.T) {
	b := &pdfBuilder{}
	lines := append(append([]string{}, reportLines...), "二十条第（一）项信息内容本年制发件数")
	var runes []rune
	idx := map[rune]int{}
	for _, l := range lines {
		for _, r := range l {
			if _, ok := idx[r]; !ok && r != '|' {
				runes = append(runes, r)
				idx[r] = len(runes)
			}
		}
	}
	font := b.cjkFont(runes, true)
	var c strings.Builder
	c.WriteString("BT /F1 12 Tf\n")
	for k, l := range lines {
		fmt.Fprintf(&c, "1 0 0 1 50 %d Tm <", 800-20*k)
		for _, r := range strings.ReplaceAll(l, "|", "") {
			fmt.Fprintf(&c, "%04X", idx[r])
		}
		c.WriteString("> Tj\n")
	}
	c.WriteString("ET\n")
	content := b.stream("", []byte(c.String()), true)
	pages := b.add("")
	pg := b.add(fmt.Sprintf("<</Type/Page/Parent %d 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 %d 0 R>>>>/Contents %d 0 R>>", pages, font, content))
	b.set(pages, fmt.Sprintf("<</Type/Pages/Kids[%d 0 R]/Count 1>>", pg))
	root := b.add(fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", pages))
	trailer := b.encryptRC4()
	text, err := readPDF(b.bytes(root, trailer))
	if err != nil || !strings.Contains(text, "一、总体情况\n") {
		t.Errorf("protected PDF = %q, %v", text, err)
	}
}

// TestPDFSimpleFonts: digits in a simple font are read by its Encoding; an embedded subset
// without Encoding or ToUnicode uses codes of its own, which are not guessed as ASCII (a wrong
// digit is worse than an unreadable one).
func TestPDFSimpleFonts(t *testing.T) {
	for _, tc := range []struct {
		name, font, want string
	}{
		{"WinAnsi", "/Encoding/WinAnsiEncoding", "规章|123\n"},
		{"Differences", "/Encoding<</Differences[49/one/two/three]>>", "规章|123\n"},
		{"embedded, built-in encoding", "/FontDescriptor<</Flags 32/FontFile2 %d 0 R>>", "规章|\uFFFD\uFFFD\uFFFD\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := &pdfBuilder{}
			lines := append([]string{}, reportLines...)
			lines = append(lines, "规章", "二十条第一项信息内容本年制发件数废止现行有效")
			var runes []rune
			idx := map[rune]int{}
			for _, l := range lines {
				for _, r := range l {
					if _, ok := idx[r]; !ok && r != '|' {
						runes = append(runes, r)
						idx[r] = len(runes)
					}
				}
			}
			cjk := b.cjkFont(runes, true)
			ff := b.stream("", []byte("not a real font program"), false)
			fontDict := tc.font
			if strings.Contains(fontDict, "%d") {
				fontDict = fmt.Sprintf(fontDict, ff)
			}
			simple := b.add("<</Type/Font/Subtype/TrueType/BaseFont/ABCDEF+Times/FirstChar 49/LastChar 51/Widths[500 500 500]" + fontDict + ">>")
			var c strings.Builder
			c.WriteString("BT /F1 12 Tf\n")
			for k, l := range lines[:len(lines)-1] {
				fmt.Fprintf(&c, "1 0 0 1 50 %d Tm <", 800-20*k)
				for _, r := range strings.ReplaceAll(l, "|", "") {
					fmt.Fprintf(&c, "%04X", idx[r])
				}
				c.WriteString("> Tj\n")
			}
			fmt.Fprintf(&c, "/F2 12 Tf 1 0 0 1 200 %d Tm (123) Tj ", 800-20*(len(lines)-2))
			c.WriteString("/F1 12 Tf 1 0 0 1 50 500 Tm <")
			for _, r := range lines[len(lines)-1] {
				fmt.Fprintf(&c, "%04X", idx[r])
			}
			c.WriteString("> Tj ET\n")
			content := b.stream("", []byte(c.String()), false)
			pages := b.add("")
			pg := b.add(fmt.Sprintf("<</Type/Page/Parent %d 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 %d 0 R/F2 %d 0 R>>>>/Contents %d 0 R>>", pages, cjk, simple, content))
			b.set(pages, fmt.Sprintf("<</Type/Pages/Kids[%d 0 R]/Count 1>>", pg))
			text, err := readPDF(b.bytes(b.add(fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", pages)), ""))
			if err != nil || !strings.Contains(text, "\n"+tc.want) {
				t.Errorf("PDF = %q, %v; want a line %q", text, err, tc.want)
			}
		})
	}
}
