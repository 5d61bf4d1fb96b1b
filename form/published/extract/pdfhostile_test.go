package extract

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// Bounds of one hostile PDF that the brief of the object layer sets: 2 s and 200 MB.
const (
	pdfTime = 2 * time.Second * raceSlowdown
	pdfHeap = 200 << 20
)

// objStmPDF is a PDF whose catalog, pages and page objects live in an object stream with
// pad bytes of NUL (white space) between its offsets and its objects; the page content is a
// plain stream. With a large pad the stream decompresses to far more than it is.
func objStmPDF(pad int) []byte {
	b := &pdfBuilder{}
	font := b.cjkFont([]rune("一、总体情况本年新收政府信息公开申请数量"), true)
	content := b.stream("", []byte("BT /F1 12 Tf 1 0 0 1 50 800 Tm <000100020003000400050006> Tj 1 0 0 1 50 780 Tm <000700080009000A000B000C000D000E000F00100011001200130014> Tj ET"), false)
	// Objects of the stream: catalog, pages, page.
	cat, pages, page := len(b.objs)+2, len(b.objs)+3, len(b.objs)+4
	objs := []string{
		fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", pages),
		fmt.Sprintf("<</Type/Pages/Kids[%d 0 R]/Count 1>>", page),
		fmt.Sprintf("<</Type/Page/Parent %d 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 %d 0 R>>>>/Contents %d 0 R>>", pages, font, content),
	}
	var head, body bytes.Buffer
	for i, o := range objs {
		fmt.Fprintf(&head, "%d %d ", cat+i, body.Len())
		body.WriteString(o + "\n")
	}
	first := head.Len() + pad
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(head.Bytes())
	zeros := make([]byte, 1<<20)
	for left := pad; left > 0; left -= len(zeros) {
		zw.Write(zeros[:min(left, len(zeros))])
	}
	zw.Write(body.Bytes())
	zw.Close()
	stm := b.add(fmt.Sprintf("<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>\nstream\n%s\nendstream", len(objs), first, z.Len(), z.Bytes()))
	// The file, with a cross-reference stream: objects 1..stm at their offsets, the others
	// in the object stream.
	var out bytes.Buffer
	out.WriteString("%PDF-1.5\n")
	offs := []int{}
	for i, o := range b.objs {
		offs = append(offs, out.Len())
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xrefN := cat + len(objs)
	xrefAt := out.Len()
	var rows []byte
	row := func(typ byte, f2 int, f3 int) {
		rows = append(rows, typ, byte(f2>>24), byte(f2>>16), byte(f2>>8), byte(f2), byte(f3>>8), byte(f3))
	}
	row(0, 0, 0xffff)
	for _, o := range offs {
		row(1, o, 0)
	}
	for i := range objs {
		row(2, stm, i)
	}
	row(1, xrefAt, 0)
	var zx bytes.Buffer
	zxw := zlib.NewWriter(&zx)
	zxw.Write(rows)
	zxw.Close()
	fmt.Fprintf(&out, "%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root %d 0 R/Filter/FlateDecode/Length %d>>\nstream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n",
		xrefN, xrefN+1, cat, zx.Len(), zx.Bytes(), xrefAt)
	return out.Bytes()
}

// onePage is a one-page report whose page object gets extra entries.
func onePage(pageExtra, contentDict string) []byte {
	b := &pdfBuilder{}
	font := b.cjkFont([]rune("一、总体情况"), true)
	c := b.add(fmt.Sprintf("<<%s>>\nstream\nBT /F1 12 Tf 50 800 Td <000100020003000400050006> Tj ET\nendstream", contentDict))
	pages := b.add("")
	pg := b.add(fmt.Sprintf("<</Type/Page/Parent %d 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 %d 0 R>>>>/Contents %d 0 R%s>>", pages, font, c, pageExtra))
	b.set(pages, fmt.Sprintf("<</Type/Pages/Kids[%d 0 R]/Count 1>>", pg))
	return b.bytes(b.add(fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", pages)), "")
}

// TestPDFObjectLayer: what the object layer reads is bounded — 10,000 pages, nesting a
// million deep, an array of a million elements, a /Length far beyond the file, an object
// stream decompressing to 300 MB — each read or refused with a Chinese message within 2 s
// and 200 MB; an ordinary object stream is read.
func TestPDFObjectLayer(t *testing.T) {
	n := 1 << 20
	for _, tc := range []struct {
		name string
		data []byte
		msg  string // "" when the text is read
	}{
		{"object stream", objStmPDF(0), ""},
		{"object stream of 300 MB", objStmPDF(300 << 20), "结构异常"},
		{"10000 pages", manyPages(10000, 10000), "PDF 有 10000 页"},
		{"10000 pages, /Count says 1", manyPages(10000, 1), "超过 200 页"},
		{"nested a million deep", onePage("/X "+strings.Repeat("[", n)+strings.Repeat("]", n), "/Length 54"), "结构异常"},
		{"dictionaries a million deep", onePage("/X "+strings.Repeat("<</A ", n)+strings.Repeat(">>", n), "/Length 54"), "结构异常"},
		{"an array of a million", onePage("/X ["+strings.Repeat("0 ", n)+"]", "/Length 54"), "结构异常"},
		{"/Length beyond the file", onePage("", "/Length 999999999999999"), ""},
		{"xref stream /W of a terabyte", xrefStreamW("[1 1099511627776 1]"), "结构异常"},
		{"xref stream /W of four fields", xrefStreamW("[1 2 1 0]"), "交叉引用表"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			var text string
			d, peak := measure(func() { text, err = readPDF(tc.data) })
			t.Logf("%s (%d KB): %v, peak heap %d MB, err %v", tc.name, len(tc.data)>>10, d, peak>>20, err)
			if tc.msg == "" {
				if err != nil || !strings.Contains(text, "一、总体情况") {
					t.Errorf("PDF = %q, %v; want the text read", text, err)
				}
			} else if e := (*Error)(nil); !errors.As(err, &e) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("PDF = %q, %v; want a Chinese refusal with %q", text, err, tc.msg)
			}
			if d > pdfTime || peak > pdfHeap {
				t.Errorf("took %v and %d MB; want ≤ %v and ≤ %d MB", d, peak>>20, pdfTime, pdfHeap>>20)
			}
		})
	}
}

// xrefStreamW is a 200-byte PDF whose only cross-reference stream has the widths w and an
// indirect /Length (which the preflight check of the header cannot follow): the widths size
// the reader's entry buffer, so a hostile one used to end the process out of memory.
func xrefStreamW(w string) []byte {
	head := "%PDF-1.5\n"
	obj := "1 0 obj\n<</Type/XRef/Size 3/W " + w + "/Length 2 0 R>>\nstream\nxxxx\nendstream\nendobj\n"
	two := "2 0 obj 4 endobj\n"
	return []byte(fmt.Sprintf("%s%s%sstartxref\n%d\n%%%%EOF\n", head, obj, two, len(head)))
}

// deflated compresses data (zlib, best compression).
func deflated(data []byte) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(data)
	zw.Close()
	return z.Bytes()
}

// sharedContent is a PDF of pages pages that all draw one compressed content stream: a file
// of tens of KB whose pages decompress to far more than any report's.
func sharedContent(content []byte, pages int) []byte {
	b := &pdfBuilder{}
	font := b.cjkFont([]rune("一二"), true)
	z := deflated(content)
	c := b.add(fmt.Sprintf("<</Filter/FlateDecode/Length %d>>\nstream\n%s\nendstream", len(z), z))
	pg := b.add("")
	var kids []string
	for i := 0; i < pages; i++ {
		kids = append(kids, fmt.Sprintf("%d 0 R", b.add(fmt.Sprintf("<</Type/Page/Parent %d 0 R/Resources<</Font<</F1 %d 0 R>>>>/Contents %d 0 R>>", pg, font, c))))
	}
	b.set(pg, fmt.Sprintf("<</Type/Pages/Kids[%s]/Count %d>>", strings.Join(kids, " "), pages))
	return b.bytes(b.add(fmt.Sprintf("<</Type/Catalog/Pages %d 0 R>>", pg)), "")
}

// costlyContents are page contents of 8-16 MB built to be slow to interpret, each drawn on
// 200 pages of a file under 64 KB (the fuzzer's largest input).
func costlyContents() map[string][]byte {
	return map[string][]byte{
		"spaces":     sharedContent(bytes.Repeat([]byte(" "), 16<<20-16), 200),
		"operators":  sharedContent(bytes.Repeat([]byte("n "), 8<<20-16), 200),
		"glyphs":     sharedContent([]byte("BT /F1 1 Tf "+strings.Repeat("<00010002000100020001000200010002> Tj ", 200000)+"ET"), 200),
		"arrays":     sharedContent(bytes.Repeat([]byte("[1 2 3 4 5 6 7 8] "), 800000), 200),
		"numbers":    sharedContent(bytes.Repeat([]byte("1 "), 8<<20), 200),
		"nested arr": sharedContent([]byte(strings.Repeat("[[] ", 1<<20)+strings.Repeat("]", 1<<20)), 200),
	}
}

// TestPDFCostlyContent: contents built to be slow (operands without operators pushed without
// end, arrays of arrays, numbers) are refused or read within 2 s and 200 MB.
func TestPDFCostlyContent(t *testing.T) {
	for name, data := range costlyContents() {
		t.Run(name, func(t *testing.T) {
			if len(data) > 64<<10 {
				t.Fatalf("%d bytes: keep it under the fuzzer's 64 KB", len(data))
			}
			var err error
			d, peak := measure(func() { _, err = readPDF(data) })
			t.Logf("%s (%d KB): %v, peak heap %d MB, err %v", name, len(data)>>10, d, peak>>20, err)
			if e := (*Error)(nil); err != nil && !errors.As(err, &e) {
				t.Errorf("error %v is not an *Error", err)
			}
			// The race detector slows this byte-by-byte scanning of 64 MB some 20 times (more
			// than raceSlowdown): its time is checked without it.
			if d > pdfTime && raceSlowdown == 1 || peak > pdfHeap {
				t.Errorf("took %v and %d MB; want ≤ %v and ≤ %d MB", d, peak>>20, pdfTime, pdfHeap>>20)
			}
		})
	}
}
