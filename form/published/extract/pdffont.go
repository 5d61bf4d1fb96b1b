package extract

import (
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form/published/extract/internal/pdf"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// maxCMap bounds a ToUnicode or encoding CMap stream.
const maxCMap = 4 << 20

// codeRange maps codes lo..hi to dst, dst+1, … (a bfrange or cidrange).
type codeRange struct {
	lo, hi uint32
	dst    []rune // Unicode of lo (bfrange), the last rune incremented along the range
	cid    uint32 // CID of lo (cidrange)
}

// cmap is a parsed CMap: its code space (how bytes split into codes) and its mappings.
type cmap struct {
	space  []spaceRange
	single map[uint32]string // bfchar (and small ranges, expanded)
	ranges []codeRange
	cids   map[uint32]uint32
	cidRng []codeRange
}

type spaceRange struct {
	n      int // bytes
	lo, hi uint32
}

// parseCMap reads the codespace, bfchar/bfrange (ToUnicode) and cidchar/cidrange (encoding)
// sections of a CMap. Anything else (usecmap, PostScript around them) is ignored.
func parseCMap(data []byte) *cmap {
	m := &cmap{single: map[uint32]string{}, cids: map[uint32]uint32{}}
	l := &pdfLexer{data: data}
	var ops []pdfToken
	section := ""
	total := 0
	for {
		t := l.next()
		if t.kind == tokEOF {
			break
		}
		if t.kind == tokArrOpen && section == "bfrange" {
			l.resetElems()
			arr := l.readArray(1)
			ops = append(ops, pdfToken{kind: tokArrOpen, s: joinArray(arr)})
			continue
		}
		if t.kind != tokOp {
			if section != "" && len(ops) < 1<<20 {
				ops = append(ops, t)
			}
			continue
		}
		switch t.s {
		case "begincodespacerange", "beginbfchar", "beginbfrange", "begincidchar", "begincidrange":
			section = strings.TrimPrefix(t.s, "begin")
			ops = ops[:0]
		case "endcodespacerange":
			for i := 0; i+1 < len(ops); i += 2 {
				lo, hi := ops[i].s, ops[i+1].s
				if len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) {
					continue
				}
				m.space = append(m.space, spaceRange{n: len(lo), lo: codeOf(lo), hi: codeOf(hi)})
			}
			section = ""
		case "endbfchar":
			for i := 0; i+1 < len(ops); i += 2 {
				if ops[i].kind == tokStr && total < 1<<20 {
					m.single[codeOf(ops[i].s)] = dstText(ops[i+1])
					total++
				}
			}
			section = ""
		case "endbfrange":
			for i := 0; i+2 < len(ops); i += 3 {
				lo, hi := codeOf(ops[i].s), codeOf(ops[i+1].s)
				if hi < lo || ops[i].kind != tokStr {
					continue
				}
				d := ops[i+2]
				switch {
				case d.kind == tokArrOpen:
					// An array of destinations, one per code.
					for k, s := range strings.Split(d.s, "\x00") {
						if uint32(k) > hi-lo || total >= 1<<20 {
							break
						}
						m.single[lo+uint32(k)] = decodeUTF16(s)
						total++
					}
				case hi-lo < 256 && total < 1<<20:
					base := []rune(decodeUTF16(d.s))
					for c := lo; c <= hi; c++ {
						m.single[c] = string(shift(base, c-lo))
						total++
					}
				default:
					m.ranges = append(m.ranges, codeRange{lo: lo, hi: hi, dst: []rune(decodeUTF16(d.s))})
				}
			}
			section = ""
		case "endcidchar":
			for i := 0; i+1 < len(ops); i += 2 {
				if total < 1<<20 {
					m.cids[codeOf(ops[i].s)] = uint32(ops[i+1].num)
					total++
				}
			}
			section = ""
		case "endcidrange":
			for i := 0; i+2 < len(ops); i += 3 {
				lo, hi := codeOf(ops[i].s), codeOf(ops[i+1].s)
				if hi >= lo {
					m.cidRng = append(m.cidRng, codeRange{lo: lo, hi: hi, cid: uint32(ops[i+2].num)})
				}
			}
			section = ""
		}
	}
	sort.Slice(m.ranges, func(i, j int) bool { return m.ranges[i].lo < m.ranges[j].lo })
	return m
}

// joinArray keeps a bfrange's array of destination strings, NUL-separated.
func joinArray(arr []operand) string {
	var parts []string
	for _, a := range arr {
		parts = append(parts, a.s)
	}
	return strings.Join(parts, "\x00")
}

func codeOf(s string) uint32 {
	var c uint32
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | uint32(s[i])
	}
	return c
}

// dstText is a bfchar destination: UTF-16BE, or (rarely) a glyph name.
func dstText(t pdfToken) string {
	if t.kind == tokName {
		if r, ok := glyphRune(t.s); ok {
			return string(r)
		}
		return ""
	}
	return decodeUTF16(t.s)
}

func decodeUTF16(s string) string {
	if len(s)%2 == 1 {
		s += "\x00"
	}
	u := make([]uint16, len(s)/2)
	for i := range u {
		u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
	}
	return string(utf16.Decode(u))
}

// shift adds k to the last rune of base (a bfrange's destination for the k-th code).
func shift(base []rune, k uint32) []rune {
	if len(base) == 0 {
		return nil
	}
	out := append([]rune(nil), base...)
	out[len(out)-1] += rune(k)
	return out
}

// lookup is the Unicode text of code, and whether the CMap maps it.
func (m *cmap) lookup(code uint32) (string, bool) {
	if s, ok := m.single[code]; ok {
		return s, true
	}
	i := sort.Search(len(m.ranges), func(i int) bool { return m.ranges[i].hi >= code })
	for ; i < len(m.ranges) && m.ranges[i].lo <= code; i++ {
		if code <= m.ranges[i].hi {
			return string(shift(m.ranges[i].dst, code-m.ranges[i].lo)), true
		}
	}
	return "", false
}

// cid is the CID of code under an encoding CMap.
func (m *cmap) cid(code uint32) uint32 {
	if c, ok := m.cids[code]; ok {
		return c
	}
	for _, r := range m.cidRng {
		if code >= r.lo && code <= r.hi {
			return r.cid + code - r.lo
		}
	}
	return 0
}

// codeLen is the length of the code starting s, by the code space (1 byte when none).
func (m *cmap) codeLen(s string) int {
	for n := 1; n <= 4 && n <= len(s); n++ {
		c := codeOf(s[:n])
		for _, r := range m.space {
			if r.n == n && c >= r.lo && c <= r.hi {
				return n
			}
		}
	}
	if len(m.space) > 0 {
		n := m.space[0].n
		if n <= len(s) {
			return n
		}
	}
	return 1
}

// pdfFont is what text extraction needs of a font: how its strings split into codes, each
// code's Unicode text and its advance width.
type pdfFont struct {
	composite bool
	vertical  bool
	// split returns the length of the code at the start of s.
	split func(s string) int
	// fallback decodes a code without a ToUnicode entry (simple encodings, CJK CMaps).
	fallback func(code string) (string, bool)
	toUni    *cmap
	enc      *cmap // an embedded encoding CMap: codes to CIDs
	identity bool  // codes are CIDs (Identity-H/V)
	// Widths, in thousandths of text space.
	first   int
	widths  []float64
	cidW    map[uint32]float64
	cidWR   []codeRange // cid ranges with one width: cid field holds the width ×1000
	dw      float64
	missing float64
	scale   float64 // glyph space to thousandths (Type3 FontMatrix)
	guessW  bool    // no metrics: guess from the code's length
}

// text is the Unicode of one code, "" when the font cannot tell.
func (f *pdfFont) text(code string) string {
	if f.toUni != nil {
		if s, ok := f.toUni.lookup(codeOf(code)); ok {
			return s
		}
	}
	if f.fallback != nil {
		if s, ok := f.fallback(code); ok {
			return s
		}
	}
	return ""
}

// width is the advance of one code, in thousandths of the font size.
func (f *pdfFont) width(code string) float64 {
	c := codeOf(code)
	if f.composite {
		cid := c
		switch {
		case f.identity:
		case f.enc != nil:
			cid = f.enc.cid(c)
		default:
			if len(code) == 1 {
				return 500
			}
			return 1000
		}
		if w, ok := f.cidW[cid]; ok {
			return w
		}
		for _, r := range f.cidWR {
			if cid >= r.lo && cid <= r.hi {
				return float64(r.cid) / 1000
			}
		}
		return f.dw
	}
	if i := int(c) - f.first; i >= 0 && i < len(f.widths) {
		return f.widths[i] * f.scale
	}
	if f.guessW {
		return 500
	}
	return f.missing * f.scale
}

// loadFont reads a font dictionary.
func loadFont(v pdf.Value, budget *int64) *pdfFont {
	f := &pdfFont{scale: 1, dw: 1000}
	sub := v.Key("Subtype").Name()
	enc := v.Key("Encoding")
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		if data := readStream(tu, maxCMap, budget); len(data) > 0 {
			f.toUni = parseCMap(data)
		}
	}
	if sub == "Type0" {
		f.composite = true
		f.split = func(s string) int { return min(2, len(s)) }
		switch enc.Kind() {
		case pdf.Name:
			f.predefined(enc.Name())
		case pdf.Stream:
			if data := readStream(enc, maxCMap, budget); len(data) > 0 {
				f.enc = parseCMap(data)
				f.split = f.enc.codeLen
			}
		}
		d := v.Key("DescendantFonts").Index(0)
		if w := d.Key("DW"); w.Kind() == pdf.Integer || w.Kind() == pdf.Real {
			f.dw = w.Float64()
		}
		f.cidWidths(d.Key("W"))
		return f
	}
	f.split = func(string) int { return 1 }
	if sub == "Type3" {
		if m := v.Key("FontMatrix"); m.Len() >= 1 && m.Index(0).Float64() != 0 {
			f.scale = m.Index(0).Float64() * 1000
		}
	}
	f.first = int(v.Key("FirstChar").Int64())
	if w := v.Key("Widths"); w.Kind() == pdf.Array {
		n := min(w.Len(), 256)
		f.widths = make([]float64, n)
		for i := 0; i < n; i++ {
			f.widths[i] = w.Index(i).Float64()
		}
	} else {
		f.guessW = true // a standard 14 font without metrics
	}
	f.missing = v.Key("FontDescriptor").Key("MissingWidth").Float64()
	f.fallback = simpleEncoding(v, enc, sub)
	return f
}

// cidWidths reads a CIDFont's W array: "c [w1 w2 …]" and "c1 c2 w" entries.
func (f *pdfFont) cidWidths(w pdf.Value) {
	if w.Kind() != pdf.Array {
		return
	}
	f.cidW = map[uint32]float64{}
	n := w.Len()
	for i := 0; i < n && len(f.cidW) < 1<<18 && len(f.cidWR) < 1<<16; {
		c := w.Index(i)
		if c.Kind() != pdf.Integer {
			i++
			continue
		}
		start := uint32(c.Int64())
		if i+1 < n && w.Index(i+1).Kind() == pdf.Array {
			a := w.Index(i + 1)
			for k := 0; k < a.Len() && k < 1<<16; k++ {
				f.cidW[start+uint32(k)] = a.Index(k).Float64()
			}
			i += 2
			continue
		}
		if i+2 < n {
			end := uint32(w.Index(i + 1).Int64())
			if end >= start {
				f.cidWR = append(f.cidWR, codeRange{lo: start, hi: end, cid: uint32(w.Index(i+2).Float64() * 1000)})
			}
		}
		i += 3
	}
}

// predefined sets up a composite font with a predefined CMap: Identity, or one of the CJK
// CMaps whose codes are Unicode (UCS2, UTF16) or a legacy charset (GBK, Big5, …), decoded
// when there is no ToUnicode map.
func (f *pdfFont) predefined(name string) {
	var cs encoding.Encoding
	switch {
	case name == "Identity-H" || name == "Identity-V":
		f.identity = true
		f.vertical = name == "Identity-V"
		return
	case strings.HasPrefix(name, "Uni") && strings.Contains(name, "UCS2"):
		f.fallback = func(code string) (string, bool) { return decodeUTF16(code), len(code) == 2 }
		return
	case strings.HasPrefix(name, "Uni") && strings.Contains(name, "UTF16"):
		f.split = func(s string) int {
			if len(s) >= 4 && s[0] >= 0xD8 && s[0] <= 0xDB {
				return 4
			}
			return min(2, len(s))
		}
		f.fallback = func(code string) (string, bool) { return decodeUTF16(code), true }
		return
	case strings.HasPrefix(name, "GBK2K"):
		cs = simplifiedchinese.GB18030
	case strings.HasPrefix(name, "GB"): // GBK-EUC, GBpc-EUC, GB-EUC, GBT-EUC
		cs = simplifiedchinese.GBK
	case strings.HasPrefix(name, "B5") || strings.HasPrefix(name, "ETen") || strings.HasPrefix(name, "HKscs") || strings.HasPrefix(name, "ETHK"):
		cs = traditionalchinese.Big5
	case strings.Contains(name, "RKSJ"):
		cs = japanese.ShiftJIS
	case strings.HasPrefix(name, "EUC-") || strings.HasPrefix(name, "Ext-") && !strings.Contains(name, "RKSJ"):
		cs = japanese.EUCJP
	case strings.HasPrefix(name, "KSC") || strings.HasPrefix(name, "KSCms"):
		cs = korean.EUCKR
	default:
		return
	}
	gb18030 := cs == simplifiedchinese.GB18030
	f.split = func(s string) int {
		if s[0] < 0x81 || len(s) < 2 {
			return 1
		}
		if gb18030 && len(s) >= 4 && s[1] >= 0x30 && s[1] <= 0x39 {
			return 4
		}
		return 2
	}
	dec := cs.NewDecoder()
	f.fallback = func(code string) (string, bool) {
		out, err := dec.String(code)
		if err != nil || strings.ContainsRune(out, utf8.RuneError) {
			return "", false
		}
		return out, true
	}
}

// simpleEncoding decodes the codes of a simple font without a ToUnicode entry: its Encoding
// (WinAnsi, MacRoman, Standard) and Differences, glyph names read where they are standard.
func simpleEncoding(font, enc pdf.Value, sub string) func(string) (string, bool) {
	var base *charmap.Charmap = charmap.Windows1252
	diffs := map[byte]string{}
	name := enc.Name()
	if enc.Kind() == pdf.Dict {
		name = enc.Key("BaseEncoding").Name()
		d := enc.Key("Differences")
		code := -1
		for i := 0; i < d.Len() && i < 1024; i++ {
			x := d.Index(i)
			switch x.Kind() {
			case pdf.Integer:
				code = int(x.Int64())
			case pdf.Name:
				if code >= 0 && code < 256 {
					diffs[byte(code)] = x.Name()
					code++
				}
			}
		}
	}
	if name == "MacRomanEncoding" {
		base = charmap.Macintosh
	}
	// An embedded font without an Encoding uses its own built-in one, which for a subset is
	// arbitrary (code 0x31 may well draw a 5); so does a symbolic one. Without a ToUnicode map
	// such codes cannot be read: guessing them as ASCII could import wrong numbers.
	fd := font.Key("FontDescriptor")
	embedded := fd.Key("FontFile").Kind() == pdf.Stream || fd.Key("FontFile2").Kind() == pdf.Stream || fd.Key("FontFile3").Kind() == pdf.Stream
	builtin := name == "" && (embedded || fd.Key("Flags").Int64()&4 != 0 || sub == "Type3")
	return func(code string) (string, bool) {
		c := code[0]
		if g, ok := diffs[c]; ok {
			if r, ok := glyphRune(g); ok {
				return string(r), true
			}
			return "", false
		}
		if builtin || c < 0x20 {
			return "", false
		}
		r := base.DecodeByte(c)
		return string(r), r != utf8.RuneError
	}
}

// glyphRune reads a glyph name: uniXXXX, uXXXX(XX), and the standard names of the
// characters a report uses (digits, letters, punctuation).
func glyphRune(name string) (rune, bool) {
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i] // "one.tnum"
	}
	switch {
	case len(name) == 7 && strings.HasPrefix(name, "uni"):
		if v, err := strconv.ParseUint(name[3:], 16, 32); err == nil {
			return rune(v), true
		}
	case len(name) >= 5 && len(name) <= 7 && name[0] == 'u':
		if v, err := strconv.ParseUint(name[1:], 16, 32); err == nil {
			return rune(v), true
		}
	case len(name) == 1 && (name[0] >= 'a' && name[0] <= 'z' || name[0] >= 'A' && name[0] <= 'Z'):
		return rune(name[0]), true
	}
	if r, ok := glyphNames[name]; ok {
		return r, true
	}
	return 0, false
}

var glyphNames = map[string]rune{
	"zero": '0', "one": '1', "two": '2', "three": '3', "four": '4', "five": '5', "six": '6', "seven": '7', "eight": '8', "nine": '9',
	"space": ' ', "period": '.', "comma": ',', "colon": ':', "semicolon": ';', "hyphen": '-', "minus": '-', "endash": '–', "emdash": '—',
	"parenleft": '(', "parenright": ')', "bracketleft": '[', "bracketright": ']', "percent": '%', "slash": '/', "backslash": '\\',
	"quotedbl": '"', "quotesingle": '\'', "quoteleft": '‘', "quoteright": '’', "quotedblleft": '“', "quotedblright": '”',
	"exclam": '!', "question": '?', "plus": '+', "equal": '=', "less": '<', "greater": '>', "at": '@', "numbersign": '#',
	"dollar": '$', "ampersand": '&', "asterisk": '*', "underscore": '_', "bar": '|', "braceleft": '{', "braceright": '}',
	"periodcentered": '·', "bullet": '•', "ellipsis": '…', "nbspace": ' ', "yen": '¥', "degree": '°', "multiply": '×',
}

// readStream reads a stream's decoded data, at most limit bytes, counted against budget;
// nil when the stream cannot be decoded (an unsupported filter, damaged data).
func readStream(v pdf.Value, limit int64, budget *int64) (data []byte) {
	defer func() {
		if x := recover(); x != nil {
			if e, ok := x.(*Error); ok {
				panic(e) // this package's own limits stop the whole reading
			}
			data = nil
		}
	}()
	rc := v.Reader()
	defer rc.Close()
	own := limit
	limit = min(limit, *budget)
	data, _ = io.ReadAll(io.LimitReader(rc, limit+1))
	if int64(len(data)) > limit {
		if limit < own {
			panic(errorf(ErrLimit, "PDF 文件解压后的内容过多（各页和字体合计超出限度），可能是恶意构造的文件"))
		}
		panic(errorf(ErrLimit, "PDF 文件解压后的内容过多（一页或一个字体超过 %s），可能是恶意构造的文件", sizeText(limit)))
	}
	*budget -= int64(len(data))
	return data
}
