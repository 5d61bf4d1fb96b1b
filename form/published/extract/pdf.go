package extract

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/form/fileio"
	"github.com/nianbao/nianbao/form/published/extract/internal/pdf"
)

// Limits of a PDF. A report is 3-30 pages; its file a few MB. The size and pages are the
// project's limits (package fileio); the rest bound this reader's own work.
const (
	// MaxPDFPages bounds the pages read.
	MaxPDFPages = fileio.MaxPages
	// maxPDFObjects bounds the object numbers a cross-reference section may declare.
	maxPDFObjects = 1 << 20
	// maxPageContent bounds the decoded content of one page (its streams and forms).
	maxPageContent = 16 << 20
	// maxPDFContent bounds the decoded content of all pages together (a 30-page report has
	// a few MB).
	maxPDFContent = 64 << 20
	// maxGlyphs bounds the glyphs shown on all pages together.
	maxGlyphs = 2 << 20
	// maxOps bounds the operators run on all pages together (a report's page has a few
	// thousand).
	maxOps = 4 << 20
	// maxFormDepth bounds forms drawn inside forms.
	maxFormDepth = 8
)

// PDF reads the text of a PDF with its positions and rebuilds the lines from them: glyphs
// grouped by baseline, sorted by x, a space where they stand apart and "|" at a table's
// column gap (a cell border drawn between them, or, outside ruled tables, a gap wider than
// cellGap); wrapped labels stay on their own lines. The file structure (cross-reference,
// objects, streams, decryption with an empty user password) is read with
// github.com/ledongthuc/pdf; the page content, the fonts' widths and their ToUnicode maps are
// interpreted here, since that library places every glyph of a string at one position (it
// has no widths for CID fonts) and misreads ToUnicode ranges that cross a multiple of 256
// (gofpdf's UTF-8 fonts write one, <0000> to <FFFF>: its text came out garbled).
//
// A PDF without a text layer (a scan, or text drawn invisibly over one), or whose text is
// garbled — no ToUnicode map, U+FFFD, private-use code points, mostly unmapped glyphs, no
// Chinese at all — is refused with MsgNoText: a report must never be imported from garbage.
func PDF(ra io.ReaderAt, size int64) (text string, err error) {
	return readPDFWithin(ra, size, defaultBounds)
}

// pdfBounds are the limits of reading one PDF's pages: the constants above; the fuzz targets
// read with smaller ones, so that every input takes milliseconds.
type pdfBounds struct {
	page, total int64 // decoded content of one page, of all
	ops, glyphs int
}

var defaultBounds = pdfBounds{page: maxPageContent, total: maxPDFContent, ops: maxOps, glyphs: maxGlyphs}

func readPDFWithin(ra io.ReaderAt, size int64, bounds pdfBounds) (text string, err error) {
	data, err := readAllAt(ra, size)
	if err != nil {
		return "", err
	}
	view, err := preflight(data)
	if err != nil {
		return "", err
	}
	defer func() {
		if x := recover(); x != nil {
			text, err = "", pdfPanic(x)
		}
	}()
	// The library reads each object again whenever it is looked up: 8 to 40 times the file
	// on real reports. A budget far above that stops only loops.
	budget := &budgetReader{data: view, left: int64(len(view))*64 + 8<<20}
	r, err := pdf.NewReader(budget, int64(len(view)))
	if err != nil {
		return "", openError(err, budget)
	}
	doc := &pdfDoc{r: r, fonts: map[fontKey]*pdfFont{}, bounds: bounds}
	pages, err := doc.pages()
	if err != nil {
		return "", err
	}
	var contents []pageContent
	var glyphs [][]glyph
	for _, p := range pages {
		c, err := doc.pageGlyphs(p)
		if err != nil {
			return "", err
		}
		contents = append(contents, c)
		glyphs = append(glyphs, c.glyphs)
	}
	if err := checkText(glyphs, doc.invisible); err != nil {
		return "", err
	}
	o := newOutput()
	for _, c := range contents {
		layoutPage(o, c)
	}
	return o.String(), nil
}

// readAllAt reads the whole file, at most fileio.MaxDocument bytes.
func readAllAt(ra io.ReaderAt, size int64) ([]byte, error) {
	if size < 0 || size > fileio.MaxDocument {
		return nil, errorf(ErrLimit, "PDF 文件过大（超过 %s），不像是一份年度报告", sizeText(fileio.MaxDocument))
	}
	data := make([]byte, size)
	n, err := ra.ReadAt(data, 0)
	if int64(n) < size && err != nil {
		return nil, errorf(ErrFormat, "PDF 文件读取时出错（文件可能已损坏，或所在的磁盘、网络位置无法读取），请复制到本机后再打开")
	}
	return data[:n], nil
}

// pdfPanic turns a panic of the PDF library (its way to report a malformed file) into a
// Chinese error; a panic of this package's own limits keeps its message.
func pdfPanic(x any) error {
	if e, ok := x.(*Error); ok {
		return e
	}
	if e, ok := x.(error); ok && errors.Is(e, pdf.ErrLimit) {
		return errLimitPDF
	}
	return errorf(ErrFormat, "PDF 文件已损坏，无法读取其内容。请用 WPS/Acrobat 打开后另存为 PDF 再试，或复制网页上的文字后导入")
}

func openError(err error, b *budgetReader) error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	msg := err.Error()
	switch {
	case b.over || errors.Is(err, pdf.ErrLimit):
		return errorf(ErrLimit, "PDF 文件的结构异常（读取量超出限度），可能已损坏或是恶意构造的文件")
	case strings.Contains(msg, "encrypt") || strings.Contains(msg, "password"):
		return errorf(ErrEncrypted, "PDF 文件设置了密码保护，无法读取。请去除密码（或打印为新的 PDF）后再打开，或复制网页上的文字后导入")
	}
	return errorf(ErrFormat, "PDF 文件已损坏或格式不受支持（无法读取其交叉引用表）。请用 WPS/Acrobat 打开后另存为 PDF 再试，或复制网页上的文字后导入")
}

// budgetReader serves the file to the PDF library and bounds how much it reads in total:
// a cyclic cross-reference chain or object stream reads the same bytes again and again, and
// is stopped here (by a panic the library recovers into an error).
type budgetReader struct {
	data []byte
	left int64
	over bool
}

// errLimitPDF is the refusal of a file beyond a limit of the object layer: objects nested too
// deep, an array or object stream too large, an object inside itself.
var errLimitPDF = &Error{Reason: "PDF 文件的结构异常（对象嵌套过深、过大或循环引用），可能已损坏或是恶意构造的文件", Err: ErrLimit}

var errBudget = &Error{Reason: "PDF 文件的结构异常（读取量超出限度），可能已损坏或是恶意构造的文件", Err: ErrLimit}

func (b *budgetReader) ReadAt(p []byte, off int64) (int, error) {
	b.left -= int64(len(p))
	if b.left < 0 {
		b.over = true
		panic(errBudget)
	}
	if off < 0 || off >= int64(len(b.data)) {
		return 0, io.EOF
	}
	n := copy(p, b.data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

var (
	headerRe = regexp.MustCompile(`%PDF-\d\.\d`)
	indexRe  = regexp.MustCompile(`/Index\s*\[([^\]]*)\]`)
)

// checkNumbers scans the file once for the numbers the library allocates or loops by — the
// /Size of a cross-reference section, the /N of an object stream, the /Columns of a predictor,
// the ranges of an /Index and of an xref table's subsections — and refuses absurd ones. A name
// may be written with #xx escapes ("/S#69ze"); binary stream data is scanned too, harmlessly.
func checkNumbers(view []byte) error {
	tooMany := errorf(ErrLimit, "PDF 文件声明的对象数量异常（超过 %d 个），可能已损坏或是恶意构造的文件", maxPDFObjects)
	l := &pdfLexer{data: view}
	for i := 0; i < len(view); {
		j := bytes.IndexByte(view[i:], '/')
		if j < 0 {
			break
		}
		l.pos = i + j + 1
		name := l.name()
		i = l.pos
		switch name {
		case "Size", "N", "Columns":
			l.skipSpace()
			t := l.next()
			i = l.pos
			if t.kind != tokNum {
				continue
			}
			if name == "Columns" && t.num > 1<<16 {
				return errorf(ErrFormat, "PDF 文件的压缩参数异常，可能已损坏或是恶意构造的文件")
			}
			if t.num > maxPDFObjects {
				return tooMany
			}
		case "Index":
			l.skipSpace()
			if l.pos >= len(view) || view[l.pos] != '[' {
				continue
			}
			l.pos++
			var nums []float64
			for k := 0; k < 2*4096; k++ {
				t := l.next()
				if t.kind != tokNum {
					break
				}
				nums = append(nums, t.num)
			}
			i = l.pos
			for k := 0; k+1 < len(nums); k += 2 {
				if nums[k] < 0 || nums[k+1] < 0 || nums[k]+nums[k+1] > maxPDFObjects {
					return tooMany
				}
			}
		}
	}
	// Subsections of classic xref tables: "start count" lines between "xref" and "trailer".
	for i := 0; ; {
		j := bytes.Index(view[i:], []byte("xref"))
		if j < 0 {
			break
		}
		at := i + j
		i = at + 4
		if at > 0 && view[at-1] != '\n' && view[at-1] != '\r' {
			continue // startxref
		}
		sec := view[i:]
		if k := bytes.Index(sec, []byte("trailer")); k >= 0 {
			sec = sec[:k]
		}
		for _, line := range bytes.FieldsFunc(sec, func(r rune) bool { return r == '\n' || r == '\r' }) {
			f := bytes.Fields(line)
			if len(f) != 2 {
				continue
			}
			a, err1 := strconv.ParseInt(string(bytes.TrimPrefix(f[0], []byte("+"))), 10, 64)
			b, err2 := strconv.ParseInt(string(bytes.TrimPrefix(f[1], []byte("+"))), 10, 64)
			if err1 != nil || err2 != nil || a+b > maxPDFObjects || a < 0 || b < 0 {
				if err1 == nil && err2 == nil {
					return tooMany
				}
				continue
			}
		}
	}
	return nil
}

// preflight checks what the PDF library trusts without bounds — object counts, index
// ranges, predictor columns, object streams inside object streams — and returns the part of
// the file it reads: from the %PDF header (junk before it is dropped) to the last %%EOF
// (junk after it is dropped), the header rewritten as %PDF-1.7 for PDF 2.0.
func preflight(data []byte) ([]byte, error) {
	head := data[:min(len(data), 1024)]
	loc := headerRe.FindIndex(head)
	if loc == nil {
		return nil, errorf(ErrFormat, "这不是 PDF 文件（文件开头没有 PDF 标记），或文件已损坏")
	}
	view := data[loc[0]:]
	if i := bytes.LastIndex(view[max(0, len(view)-(64<<10)):], []byte("%%EOF")); i >= 0 {
		end := max(0, len(view)-(64<<10)) + i + len("%%EOF")
		view = view[:end]
	} else {
		return nil, errorf(ErrFormat, "PDF 文件不完整（缺少文件结尾标记 %%%%EOF），可能没有下载完整。请重新下载后再打开")
	}
	if len(view) < 16 {
		return nil, errorf(ErrFormat, "PDF 文件不完整，无法读取")
	}
	if !bytes.HasPrefix(view, []byte("%PDF-1.")) || view[7] > '7' || (view[8] != '\n' && view[8] != '\r') {
		fixed := make([]byte, len(view))
		copy(fixed, view)
		copy(fixed, "%PDF-1.7")
		if fixed[8] != '\n' && fixed[8] != '\r' {
			fixed[8] = '\n'
		}
		view = fixed
	}
	if err := checkNumbers(view); err != nil {
		return nil, err
	}
	if err := checkXrefStreams(view); err != nil {
		return nil, err
	}
	return view, nil
}

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)`)
	objHeadRe   = regexp.MustCompile(`^\s*(\d+)\s+(\d+)\s+obj\b`)
	prevRe      = regexp.MustCompile(`/Prev\s+(\d+)`)
	wRe         = regexp.MustCompile(`/W\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s*\]`)
	lengthRe    = regexp.MustCompile(`/Length\s+(\d+)(\s+\d+\s+R)?`)
)

// checkXrefStreams decodes the chain of cross-reference streams (the library would follow a
// /Prev loop forever, and recurse without end on an object stream said to be inside itself
// or another object stream) and refuses a file where either happens.
func checkXrefStreams(view []byte) error {
	locs := startxrefRe.FindAllSubmatch(view[max(0, len(view)-2048):], -1)
	if len(locs) == 0 {
		return nil // the library reports it
	}
	off, _ := strconv.ParseInt(string(locs[len(locs)-1][1]), 10, 64)
	inStream := map[int64]int64{} // object → its object stream
	types := map[int64]int{}
	seen := map[int64]bool{}
	bad := errorf(ErrFormat, "PDF 文件的交叉引用表异常（循环引用），可能已损坏或是恶意构造的文件")
	for steps := 0; off > 0 && off < int64(len(view)); steps++ {
		if seen[off] || steps > 1000 {
			return bad
		}
		seen[off] = true
		rest := view[off:]
		if !objHeadRe.Match(rest) {
			// A classic table: look for its trailer's /Prev.
			t := bytes.Index(rest, []byte("trailer"))
			if t < 0 {
				return nil
			}
			tr := rest[t:min(len(rest), t+4096)]
			if e := bytes.Index(tr, []byte("startxref")); e > 0 {
				tr = tr[:e]
			}
			m := prevRe.FindSubmatch(tr)
			if m == nil {
				break
			}
			off, _ = strconv.ParseInt(string(m[1]), 10, 64)
			continue
		}
		s := bytes.Index(rest, []byte("stream"))
		if s < 0 || s > 8192 {
			return nil
		}
		dict := rest[:s]
		w := wRe.FindSubmatch(dict)
		lm := lengthRe.FindSubmatch(dict)
		if w == nil || lm == nil || len(lm[2]) > 0 {
			return nil // an indirect /Length or unusual W: leave it to the library
		}
		var ws [3]int
		for i := range ws {
			ws[i], _ = strconv.Atoi(string(w[i+1]))
			if ws[i] > 8 {
				return bad
			}
		}
		length, _ := strconv.ParseInt(string(lm[1]), 10, 64)
		start := s + len("stream")
		if bytes.HasPrefix(rest[start:], []byte("\r\n")) {
			start += 2
		} else if start < len(rest) && (rest[start] == '\n' || rest[start] == '\r') {
			start++
		}
		if length < 0 || int64(start)+length > int64(len(rest)) {
			return nil
		}
		raw := rest[start : int64(start)+length]
		table, ok := decodeXref(raw, dict, ws)
		if !ok {
			return nil
		}
		for _, e := range table {
			if _, done := types[e.obj]; done {
				continue
			}
			types[e.obj] = e.typ
			if e.typ == 2 {
				inStream[e.obj] = e.field2
			}
		}
		m := prevRe.FindSubmatch(dict)
		if m == nil {
			break
		}
		off, _ = strconv.ParseInt(string(m[1]), 10, 64)
	}
	for obj, strm := range inStream {
		if strm == obj || types[strm] == 2 {
			return bad
		}
	}
	return nil
}

type xrefEntry struct {
	obj    int64
	typ    int
	field2 int64
}

// decodeXref decodes the entries of a cross-reference stream (Flate, with or without the PNG
// Up predictor); ok is false for other encodings (left to the library).
func decodeXref(raw, dict []byte, ws [3]int) ([]xrefEntry, bool) {
	if !bytes.Contains(dict, []byte("/FlateDecode")) {
		return nil, false
	}
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, false
	}
	data, err := io.ReadAll(io.LimitReader(zr, 64<<20))
	if err != nil && len(data) == 0 {
		return nil, false
	}
	width := ws[0] + ws[1] + ws[2]
	if width == 0 {
		return nil, false
	}
	if bytes.Contains(dict, []byte("/Predictor")) {
		// PNG predictors: each row is a filter byte, then width bytes.
		var out []byte
		prev := make([]byte, width)
		for i := 0; i+width+1 <= len(data); i += width + 1 {
			row := data[i+1 : i+1+width]
			cur := make([]byte, width)
			for j := range row {
				switch data[i] {
				case 0:
					cur[j] = row[j]
				case 2:
					cur[j] = row[j] + prev[j]
				default:
					return nil, false
				}
			}
			out = append(out, cur...)
			prev = cur
		}
		data = out
	}
	var starts [][2]int64
	if m := indexRe.FindSubmatch(dict); m != nil {
		f := strings.Fields(string(m[1]))
		for i := 0; i+1 < len(f); i += 2 {
			a, _ := strconv.ParseInt(f[i], 10, 64)
			b, _ := strconv.ParseInt(f[i+1], 10, 64)
			starts = append(starts, [2]int64{a, b})
		}
	} else {
		starts = append(starts, [2]int64{0, int64(len(data) / width)})
	}
	val := func(b []byte) int64 {
		var x int64
		for _, c := range b {
			x = x<<8 | int64(c)
		}
		return x
	}
	var out []xrefEntry
	pos := 0
	for _, s := range starts {
		for i := int64(0); i < s[1] && pos+width <= len(data); i++ {
			row := data[pos : pos+width]
			pos += width
			typ := 1
			if ws[0] > 0 {
				typ = int(val(row[:ws[0]]))
			}
			out = append(out, xrefEntry{obj: s[0] + i, typ: typ, field2: val(row[ws[0] : ws[0]+ws[1]])})
		}
	}
	return out, true
}

// checkText refuses a text layer that is missing or garbled. glyphs holds the visible
// glyphs of each page; invisible counts text drawn invisibly (an OCR layer over a scan).
func checkText(pages [][]glyph, invisible int) error {
	total, bad, han := 0, 0, 0
	for _, g := range pages {
		for _, x := range g {
			if x.text == " " {
				continue
			}
			total++
			if x.text == "" {
				bad++
				continue
			}
			for _, r := range x.text {
				switch {
				case r == '\uFFFD', r < 0x20, r >= 0xE000 && r <= 0xF8FF, r >= 0xF0000, r >= 0x7F && r < 0xA0:
					bad++
				case unicode.Is(unicode.Han, r):
					han++
				}
			}
		}
	}
	switch {
	case total == 0 && invisible > 0:
		return errorf(ErrNoText, "此 PDF 的文字是扫描件上的识别层（不可见文字），可能有识别错误，不能作为报告导入。请复制网页上的文字后导入")
	case total == 0:
		return errorf(ErrNoText, MsgNoText)
	case bad*10 > total, han < 20 && han*5 < total:
		return errorf(ErrNoText, MsgNoText)
	}
	return nil
}
