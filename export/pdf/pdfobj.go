package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"sync"
)

// finishPDF is the last step of writing a document: it copies gofpdf's output to w,
// replacing each placeholder core font with the Type 0 font embedding its subset (see
// render.go), compressing the page contents, and rebuilding the cross-reference table.
// Objects keep their numbers and order; the font parts are appended.
func finishPDF(w io.Writer, in []byte, fonts []*embedded) error {
	objs, trailer, err := splitPDF(in)
	if err != nil {
		return err
	}
	byBase := make(map[string]*embedded, len(fonts))
	for _, f := range fonts {
		byBase[f.base] = f
	}
	// Page content objects, from the page objects' /Contents.
	contents := map[int]bool{}
	for _, o := range objs {
		if bytes.Contains(o.body, []byte("<</Type /Page\n")) {
			if k := refAfter(o.body, "/Contents "); k > 0 {
				contents[k] = true
			}
		}
	}
	var out bytes.Buffer
	out.Grow(len(in))
	out.Write(in[:objs[0].off])
	next := len(objs) + 1 // object numbers of the appended font parts
	var extra [][]byte
	newObj := func(body []byte) int {
		extra = append(extra, body)
		next++
		return next - 1
	}
	offsets := make(map[int]int, len(objs)+5*len(fonts))
	replaced := 0
	for _, o := range objs {
		offsets[o.num] = out.Len()
		switch {
		case contents[o.num]:
			data, err := streamData(o.body)
			if err != nil {
				return err
			}
			fmt.Fprintf(&out, "%d 0 obj\n", o.num)
			writeStream(&out, "", data)
			out.WriteString("endobj\n")
		case bytes.Contains(o.body, []byte("/Subtype /Type1")):
			f := byBase[string(nameAfter(o.body, "/BaseFont /"))]
			if f == nil {
				return errors.New("生成 PDF 时出现内部错误：排版结果中有未预期的字体")
			}
			fmt.Fprintf(&out, "%d 0 obj\n", o.num)
			out.Write(f.objects(newObj))
			out.WriteString("endobj\n")
			replaced++
		default:
			out.Write(o.raw)
		}
	}
	if replaced != len(fonts) {
		return fmt.Errorf("生成 PDF 时出现内部错误：排版结果中只找到 %d 种字体，应有 %d 种", replaced, len(fonts))
	}
	for i, body := range extra {
		num := len(objs) + 1 + i
		offsets[num] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n", num)
		out.Write(body)
		out.WriteString("endobj\n")
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", next)
	for n := 1; n < next; n++ {
		fmt.Fprintf(&out, "%010d 00000 n \n", offsets[n])
	}
	out.WriteString("trailer\n")
	out.Write(bytes.Replace(trailer, []byte(fmt.Sprintf("/Size %d\n", len(objs)+1)), []byte(fmt.Sprintf("/Size %d\n", next)), 1))
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", xref)
	_, err = w.Write(out.Bytes())
	return err
}

// pdfObj is an indirect object of gofpdf's output: raw is "N 0 obj\n…endobj\n", body
// what lies between.
type pdfObj struct {
	num, off  int
	raw, body []byte
}

var errPDFLayout = errors.New("生成 PDF 时出现内部错误：排版结果的结构不符合预期")

// splitPDF cuts gofpdf's output into its objects (in file order) using its own
// cross-reference table, and returns the trailer dictionary ("<<…>>\n").
func splitPDF(in []byte) ([]pdfObj, []byte, error) {
	sx := bytes.LastIndex(in, []byte("startxref\n"))
	if sx < 0 {
		return nil, nil, errPDFLayout
	}
	xref, err := strconv.Atoi(string(bytes.TrimSpace(bytes.SplitN(in[sx+10:], []byte("\n"), 2)[0])))
	if err != nil || xref <= 0 || xref >= sx {
		return nil, nil, errPDFLayout
	}
	rest := in[xref:]
	var n int
	if _, err := fmt.Sscanf(string(rest[:min(len(rest), 64)]), "xref\n0 %d\n", &n); err != nil || n < 2 {
		return nil, nil, errPDFLayout
	}
	head := bytes.Index(rest, []byte("0000000000 65535 f \n"))
	if head < 0 || head+20*n > len(rest) {
		return nil, nil, errPDFLayout
	}
	entries := rest[head+20 : head+20*n]
	trailerAt := bytes.Index(rest, []byte("trailer\n"))
	if trailerAt < 0 || xref+trailerAt+8 > sx {
		return nil, nil, errPDFLayout
	}
	trailer := in[xref+trailerAt+8 : sx]
	objs := make([]pdfObj, n-1)
	for i := range objs {
		off, err := strconv.Atoi(string(entries[20*i : 20*i+10]))
		if err != nil || off <= 0 || off >= xref {
			return nil, nil, errPDFLayout
		}
		objs[i] = pdfObj{num: i + 1, off: off}
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].off < objs[j].off })
	for i := range objs {
		end := xref
		if i+1 < len(objs) {
			end = objs[i+1].off
		}
		o := &objs[i]
		o.raw = in[o.off:end]
		h := fmt.Sprintf("%d 0 obj\n", o.num)
		if !bytes.HasPrefix(o.raw, []byte(h)) || !bytes.HasSuffix(o.raw, []byte("endobj\n")) {
			return nil, nil, errPDFLayout
		}
		o.body = o.raw[len(h) : len(o.raw)-len("endobj\n")]
	}
	return objs, trailer, nil
}

// refAfter returns the object number of the reference "key N 0 R" in b, or 0.
func refAfter(b []byte, key string) int {
	i := bytes.Index(b, []byte(key))
	if i < 0 {
		return 0
	}
	f := bytes.Fields(b[i+len(key):])
	if len(f) < 3 {
		return 0
	}
	n, _ := strconv.Atoi(string(f[0]))
	return n
}

// nameAfter returns the PDF name following key in b.
func nameAfter(b []byte, key string) []byte {
	i := bytes.Index(b, []byte(key))
	if i < 0 {
		return nil
	}
	b = b[i+len(key):]
	j := 0
	for j < len(b) && b[j] > ' ' && b[j] != '/' && b[j] != '>' && b[j] != '<' && b[j] != '[' {
		j++
	}
	return b[:j]
}

// streamData returns the data of an uncompressed stream object body
// "<</Length N>>\nstream\n…\nendstream\n".
func streamData(body []byte) ([]byte, error) {
	if !bytes.HasPrefix(body, []byte("<</Length ")) {
		return nil, errPDFLayout
	}
	end := bytes.Index(body, []byte(">>\nstream\n"))
	if end < 0 {
		return nil, errPDFLayout
	}
	n, err := strconv.Atoi(string(body[len("<</Length "):end]))
	start := end + len(">>\nstream\n")
	if err != nil || n < 0 || start+n > len(body) {
		return nil, errPDFLayout
	}
	return body[start : start+n], nil
}

var zlibPool = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed)
	return w
}}

// writeStream writes a stream object body with data deflated and dict (extra entries,
// e.g. "/Length1 1234") added to its dictionary. Compressors are pooled: each allocates
// about 1 MB.
func writeStream(out *bytes.Buffer, dict string, data []byte) {
	var z bytes.Buffer
	z.Grow(len(data)/2 + 64)
	zw := zlibPool.Get().(*zlib.Writer)
	zw.Reset(&z)
	zw.Write(data)
	zw.Close()
	zlibPool.Put(zw)
	fmt.Fprintf(out, "<</Filter /FlateDecode /Length %d%s>>\nstream\n", z.Len(), dict)
	out.Write(z.Bytes())
	out.WriteString("\nendstream\n")
}

// objects returns the Type 0 font dictionary of f, appending its descendant CIDFont,
// font descriptor, font file and ToUnicode map with newObj, which returns the number of
// each object it adds.
func (f *embedded) objects(newObj func(body []byte) int) []byte {
	sf := f.face.sf
	scale := 1000 / f.face.m.upm
	width := func(gid int) int {
		g := 0
		if gid > 0 {
			g = sf.glyphOf(f.runes[gid])
		}
		adv, _ := sf.hmetric(g)
		if f.half && gid > 0 {
			adv /= 2
		}
		return int(math.Round(float64(adv) * scale))
	}
	var file bytes.Buffer
	writeStream(&file, fmt.Sprintf(" /Length1 %d", len(f.data)), f.data)
	fileObj := newObj(file.Bytes())

	head, hhea, os2, post := sf.tab["head"], sf.tab["hhea"], sf.tab["OS/2"], sf.tab["post"]
	i16 := func(b []byte, off int) int { return int(int16(u16(b, off))) }
	s := func(v int) int { return int(math.Round(float64(v) * scale)) }
	ascent, descent := s(i16(hhea, 4)), s(i16(hhea, 6))
	capHeight := ascent
	if len(os2) >= 90 && u16(os2, 0) >= 2 {
		capHeight = s(i16(os2, 88))
	}
	weight := 400
	if len(os2) >= 6 {
		weight = int(u16(os2, 4))
	}
	flags := 4 // symbolic
	italic := 0.0
	if len(post) >= 16 {
		italic = float64(i16(post, 4)) + float64(u16(post, 6))/65536
		if u32(post, 12) != 0 {
			flags |= 1
		}
	}
	if italic != 0 {
		flags |= 64
	}
	var desc bytes.Buffer
	fmt.Fprintf(&desc, "<</Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %s /Ascent %d /Descent %d /CapHeight %d /StemV %d /FontFile2 %d 0 R>>\n",
		f.name, flags, s(i16(head, 36)), s(i16(head, 38)), s(i16(head, 40)), s(i16(head, 42)),
		strconv.FormatFloat(italic, 'f', -1, 64), ascent, descent, capHeight, 50+int(math.Pow(float64(weight)/65, 2)), fileObj)
	descObj := newObj(desc.Bytes())

	var cid bytes.Buffer
	dw := width(0)
	fmt.Fprintf(&cid, "<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /DW %d /W [", f.name, descObj, dw)
	writeWidths(&cid, len(f.runes), width)
	cid.WriteString("] /CIDToGIDMap /Identity>>\n")
	cidObj := newObj(cid.Bytes())

	var uni bytes.Buffer
	writeStream(&uni, "", toUnicode(f.runes))
	uniObj := newObj(uni.Bytes())

	return []byte(fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>\n", f.name, cidObj, uniObj))
}

// writeWidths writes the W array entries of glyphs 1…n-1: "first last w" for a run of
// three or more equal widths, "first [w w …]" otherwise.
func writeWidths(b *bytes.Buffer, n int, width func(int) int) {
	var list []int
	listStart := 0
	flushList := func() {
		if len(list) == 0 {
			return
		}
		fmt.Fprintf(b, " %d [", listStart)
		for i, w := range list {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strconv.Itoa(w))
		}
		b.WriteByte(']')
		list = list[:0]
	}
	for i := 1; i < n; {
		w := width(i)
		j := i + 1
		for j < n && width(j) == w {
			j++
		}
		if j-i >= 3 {
			flushList()
			fmt.Fprintf(b, " %d %d %d", i, j-1, w)
		} else {
			if len(list) == 0 {
				listStart = i
			}
			for k := i; k < j; k++ {
				list = append(list, w)
			}
		}
		i = j
	}
	flushList()
}

// toUnicode returns the ToUnicode CMap mapping glyph id g (1…) to runes[g]: bfrange for
// runs of consecutive runes within one high byte, at most 100 entries per block.
func toUnicode(runes []rune) []byte {
	type rng struct {
		lo, hi int
		r      rune
	}
	var ranges []rng
	for g := 1; g < len(runes); g++ {
		if n := len(ranges); n > 0 {
			last := &ranges[n-1]
			if last.hi == g-1 && runes[g] == runes[g-1]+1 && g>>8 == last.lo>>8 && runes[g]>>8 == last.r>>8 {
				last.hi = g
				continue
			}
		}
		ranges = append(ranges, rng{g, g, runes[g]})
	}
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(ranges); i += 100 {
		block := ranges[i:min(i+100, len(ranges))]
		fmt.Fprintf(&b, "%d beginbfrange\n", len(block))
		for _, r := range block {
			fmt.Fprintf(&b, "<%04X> <%04X> <%s>\n", r.lo, r.hi, utf16Hex(r.r))
		}
		b.WriteString("endbfrange\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// utf16Hex is r in UTF-16BE as hex digits.
func utf16Hex(r rune) string {
	if r <= 0xFFFF {
		return fmt.Sprintf("%04X", r)
	}
	r -= 0x10000
	return fmt.Sprintf("%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
}
