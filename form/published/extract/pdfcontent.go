package extract

import (
	"math"
	"strings"

	"github.com/nianbao/nianbao/form/published/extract/internal/pdf"
	"golang.org/x/text/unicode/norm"
)

// glyph is one shown character: its text and where it stands, in the page's coordinates
// turned so that its line runs left to right (x grows along the line, y up).
type glyph struct {
	text   string
	x, y   float64 // origin of the glyph (baseline, left)
	w      float64 // advance along the line
	size   float64 // font size
	orient int     // 0, 90, 180, 270: the direction of the line on the page
}

// pdfDoc is the state of reading one PDF.
type pdfDoc struct {
	r         *pdf.Reader
	fonts     map[fontKey]*pdfFont
	content   int64 // decoded bytes left for all pages
	glyphs    int   // glyphs shown so far
	invisible int   // glyphs drawn invisibly (Tr 3, 7): an OCR layer over a scan
	ops       int   // operators run so far
	bounds    pdfBounds
}

type pdfPage struct {
	v         pdf.Value
	resources pdf.Value
	box       [4]float64
}

// pages lists the pages (at most MaxPDFPages), with their inherited resources and boxes.
func (d *pdfDoc) pages() ([]pdfPage, error) {
	d.content = d.bounds.total
	root := d.r.Trailer().Key("Root").Key("Pages")
	if root.Kind() != pdf.Dict {
		return nil, errorf(ErrFormat, "PDF 文件已损坏（找不到页面），请用 WPS/Acrobat 打开后另存为 PDF 再试，或复制网页上的文字后导入")
	}
	if n := root.Key("Count").Int64(); n > MaxPDFPages {
		return nil, errorf(ErrLimit, "PDF 有 %d 页，超过 %d 页，不像是一份年度报告。请只保留报告本身的页面后再打开，或复制网页上的文字后导入", n, MaxPDFPages)
	}
	type node struct {
		v     pdf.Value
		res   pdf.Value
		box   [4]float64
		depth int
	}
	var out []pdfPage
	stack := []node{{v: root, box: [4]float64{0, 0, 595, 842}}}
	visits := 0
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if visits++; visits > 4*MaxPDFPages+64 || n.depth > 32 {
			return nil, errorf(ErrLimit, "PDF 文件的页面结构异常（页面过多或循环引用），不像是一份年度报告")
		}
		if r := n.v.Key("Resources"); r.Kind() == pdf.Dict {
			n.res = r
		}
		for _, k := range []string{"CropBox", "MediaBox"} {
			if b := n.v.Key(k); b.Len() == 4 {
				n.box = [4]float64{b.Index(0).Float64(), b.Index(1).Float64(), b.Index(2).Float64(), b.Index(3).Float64()}
				break
			}
		}
		kids := n.v.Key("Kids")
		if n.v.Key("Type").Name() == "Page" || kids.Kind() != pdf.Array {
			if len(out) >= MaxPDFPages {
				return nil, errorf(ErrLimit, "PDF 超过 %d 页，不像是一份年度报告。请只保留报告本身的页面后再打开，或复制网页上的文字后导入", MaxPDFPages)
			}
			out = append(out, pdfPage{v: n.v, resources: n.res, box: n.box})
			continue
		}
		for i := kids.Len() - 1; i >= 0; i-- {
			if len(stack) > 4*MaxPDFPages {
				return nil, errorf(ErrLimit, "PDF 超过 %d 页，不像是一份年度报告。请只保留报告本身的页面后再打开，或复制网页上的文字后导入", MaxPDFPages)
			}
			stack = append(stack, node{v: kids.Index(i), res: n.res, box: n.box, depth: n.depth + 1})
		}
	}
	return out, nil
}

// matrix is an affine transform [a b c d e f]: x' = a x + c y + e, y' = b x + d y + f.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul is m then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

type gstate struct {
	ctm      matrix
	font     *pdfFont
	size     float64
	tc, tw   float64
	th       float64
	tl, rise float64
	mode     int
}

// pageGlyphs runs the page's content and returns its visible glyphs.
func (d *pdfDoc) pageGlyphs(p pdfPage) (pageContent, error) {
	budget := min(d.bounds.page, d.content)
	data := d.contents(p.v.Key("Contents"), &budget)
	d.content -= min(d.bounds.page, d.content) - budget
	var out []glyph
	var rules []rule
	in := &interp{doc: d, out: &out, rules: &rules, budget: &budget, box: p.box}
	in.run(data, p.resources, identity, 0)
	return pageContent{glyphs: out, rules: rules}, nil
}

// pageContent is what a page shows: its glyphs and the vertical lines of its tables.
type pageContent struct {
	glyphs []glyph
	rules  []rule
}

// contents reads a page's content stream, or its array of streams joined.
func (d *pdfDoc) contents(v pdf.Value, budget *int64) []byte {
	switch v.Kind() {
	case pdf.Stream:
		return readStream(v, d.bounds.page, budget)
	case pdf.Array:
		var all []byte
		for i := 0; i < v.Len() && i < 4096; i++ {
			all = append(all, readStream(v.Index(i), d.bounds.page, budget)...)
			all = append(all, '\n')
		}
		return all
	}
	return nil
}

// interp interprets content streams (a page's, its forms').
type interp struct {
	doc    *pdfDoc
	out    *[]glyph
	rules  *[]rule
	budget *int64
	box    [4]float64
}

// rule is a vertical line drawn on the page (a table's cell border), in page coordinates.
type rule struct {
	x, y0, y1 float64
}

// maxRules bounds the vertical lines kept per page.
const maxRules = 1 << 15

// fontKey identifies a font dictionary for the cache: the indirect object it is (two pages'
// /F1 are the same font only when they are the same object), or, for a font written
// directly inside another object, that object with the font's name in it.
type fontKey struct {
	obj  pdf.ObjectID
	name string // "" for an indirect font
}

func (in *interp) font(res pdf.Value, name string) *pdfFont {
	v := res.Key("Font").Key(name)
	if v.Kind() != pdf.Dict {
		return nil
	}
	id, own := v.ID()
	key := fontKey{obj: id}
	if !own {
		key.name = name
	}
	if f, ok := in.doc.fonts[key]; ok {
		return f
	}
	if len(in.doc.fonts) > 4096 {
		panic(errorf(ErrLimit, "PDF 文件使用的字体过多，不像是一份年度报告"))
	}
	f := loadFont(v, in.budget)
	in.doc.fonts[key] = f
	return f
}

// run interprets one content stream with its resources and initial transform.
func (in *interp) run(data []byte, res pdf.Value, ctm matrix, depth int) {
	l := &pdfLexer{data: data}
	g := gstate{ctm: ctm, th: 1}
	var saved []gstate
	var tm, tlm matrix
	var stack []operand
	var path [][4]float64 // segments of the path being built, in page coordinates
	var cur, start [2]float64
	pt := func(x, y float64) [2]float64 {
		m := g.ctm
		return [2]float64{m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]}
	}
	seg := func(a, b [2]float64) {
		if len(path) < 1<<12 {
			path = append(path, [4]float64{a[0], a[1], b[0], b[1]})
		}
	}
	num := func(i int) float64 {
		if i < len(stack) && stack[i].kind == tokNum {
			return stack[i].num
		}
		return 0
	}
	for {
		t := l.next()
		switch t.kind {
		case tokEOF:
			return
		case tokArrOpen:
			if len(stack) >= 64 {
				l.skipNested() // operands without an operator: no real content has 64
				continue
			}
			stack = append(stack, operand{kind: tokArrOpen, arr: l.readArray(1)})
			continue
		case tokDictOpen:
			l.skipDict(1)
			if len(stack) < 64 {
				stack = append(stack, operand{kind: tokDictOpen})
			}
			continue
		case tokArrClose, tokDictClose:
			continue
		case tokOp:
		default:
			if len(stack) < 64 {
				stack = append(stack, operand{kind: t.kind, num: t.num, s: t.s})
			} else if in.doc.ops++; in.doc.ops > in.doc.bounds.ops {
				// Operands without an operator count as operators: a stream of nothing
				// but numbers is bounded too.
				panic(errorf(ErrLimit, "PDF 文件的页面内容过于复杂（操作过多），不像是一份年度报告"))
			}
			continue
		}
		if in.doc.ops++; in.doc.ops > in.doc.bounds.ops {
			panic(errorf(ErrLimit, "PDF 文件的页面内容过于复杂（操作过多），不像是一份年度报告"))
		}
		switch t.s {
		case "q":
			if len(saved) < 256 {
				saved = append(saved, g)
			}
		case "Q":
			if n := len(saved); n > 0 {
				g = saved[n-1]
				saved = saved[:n-1]
			}
		case "cm":
			if len(stack) == 6 {
				g.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(stack) == 2 {
				g.font = in.font(res, stack[0].s)
				g.size = num(1)
			}
		case "Tc":
			g.tc = num(0)
		case "Tw":
			g.tw = num(0)
		case "Tz":
			g.th = num(0) / 100
		case "TL":
			g.tl = num(0)
		case "Ts":
			g.rise = num(0)
		case "Tr":
			g.mode = int(num(0))
		case "Td", "TD":
			if t.s == "TD" {
				g.tl = -num(1)
			}
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
			tm = tlm
		case "Tm":
			if len(stack) == 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "Tj", "'", "\"":
			if t.s != "Tj" {
				if t.s == "\"" && len(stack) == 3 {
					g.tw, g.tc = num(0), num(1)
				}
				tlm = matrix{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
				tm = tlm
			}
			if n := len(stack); n > 0 && stack[n-1].kind == tokStr {
				in.show(stack[n-1].s, &g, &tm)
			}
		case "TJ":
			if len(stack) == 1 && stack[0].kind == tokArrOpen {
				for _, e := range stack[0].arr {
					switch e.kind {
					case tokStr:
						in.show(e.s, &g, &tm)
					case tokNum:
						tx := -e.num / 1000 * g.size * g.th
						tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
					}
				}
			}
		case "Do":
			if len(stack) == 1 && stack[0].kind == tokName && depth < maxFormDepth {
				in.form(res, stack[0].s, g.ctm, depth)
			}
		case "m":
			cur = pt(num(0), num(1))
			start = cur
		case "l":
			p := pt(num(0), num(1))
			seg(cur, p)
			cur = p
		case "c", "v", "y":
			if n := len(stack); n >= 2 {
				cur = pt(num(n-2), num(n-1))
			}
		case "h":
			seg(cur, start)
			cur = start
		case "re":
			x, y, w, h := num(0), num(1), num(2), num(3)
			a, b, c, e := pt(x, y), pt(x+w, y), pt(x+w, y+h), pt(x, y+h)
			if math.Abs(b[0]-a[0]) < 1.5 && math.Abs(c[0]-b[0]) < 1.5 {
				// A thin rectangle drawn as a line.
				seg([2]float64{(a[0] + b[0]) / 2, a[1]}, [2]float64{(a[0] + b[0]) / 2, c[1]})
			} else {
				seg(a, b)
				seg(b, c)
				seg(c, e)
				seg(e, a)
			}
			cur, start = a, a
		case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*":
			for _, sg := range path {
				if math.Abs(sg[0]-sg[2]) < 1.5 && math.Abs(sg[1]-sg[3]) > 3 && len(*in.rules) < maxRules {
					*in.rules = append(*in.rules, rule{x: (sg[0] + sg[2]) / 2, y0: math.Min(sg[1], sg[3]), y1: math.Max(sg[1], sg[3])})
				}
			}
			path = path[:0]
		case "n":
			path = path[:0]
		case "BI":
			for {
				x := l.next()
				if x.kind == tokEOF || x.kind == tokOp && x.s == "ID" {
					break
				}
			}
			l.skipInlineImage()
		}
		stack = stack[:0]
		l.resetElems()
	}
}

// form draws a Form XObject.
func (in *interp) form(res pdf.Value, name string, ctm matrix, depth int) {
	x := res.Key("XObject").Key(name)
	if x.Kind() != pdf.Stream || x.Key("Subtype").Name() != "Form" {
		return
	}
	m := identity
	if a := x.Key("Matrix"); a.Len() == 6 {
		m = matrix{a.Index(0).Float64(), a.Index(1).Float64(), a.Index(2).Float64(), a.Index(3).Float64(), a.Index(4).Float64(), a.Index(5).Float64()}
	}
	fres := x.Key("Resources")
	if fres.Kind() != pdf.Dict {
		fres = res
	}
	data := readStream(x, in.doc.bounds.page, in.budget)
	in.run(data, fres, m.mul(ctm), depth+1)
}

// show places the glyphs of one string.
func (in *interp) show(s string, g *gstate, tm *matrix) {
	f := g.font
	if f == nil {
		return
	}
	for len(s) > 0 {
		n := max(1, min(f.split(s), len(s)))
		code := s[:n]
		s = s[n:]
		w0 := f.width(code)
		trm := matrix{g.size * g.th, 0, 0, g.size, 0, g.rise}.mul(*tm).mul(g.ctm)
		if in.doc.glyphs++; in.doc.glyphs > in.doc.bounds.glyphs {
			panic(errorf(ErrLimit, "PDF 文件的文字过多（超过 %d 个字符），不像是一份年度报告", in.doc.bounds.glyphs))
		}
		in.place(f.text(code), w0, trm, g.mode)
		tx := (w0/1000*g.size + g.tc) * g.th
		if n == 1 && code[0] == ' ' {
			tx += g.tw * g.th
		}
		*tm = matrix{1, 0, 0, 1, tx, 0}.mul(*tm)
	}
}

// place records a glyph drawn with text rendering matrix trm.
func (in *interp) place(text string, w0 float64, trm matrix, mode int) {
	if mode == 3 || mode == 7 {
		in.doc.invisible++
		return
	}
	x, y := trm[4], trm[5]
	if x < in.box[0]-2 || x > in.box[2]+2 || y < in.box[1]-2 || y > in.box[3]+2 {
		return // outside the page: not shown
	}
	size := math.Hypot(trm[2], trm[3])
	adv := w0 / 1000 * math.Hypot(trm[0], trm[1])
	if !(size >= 0.5 && size < 1e4) || math.IsNaN(x+y+adv) || math.IsInf(x+y+adv, 0) {
		return // too small to be read, or absurd numbers in the content
	}
	angle := math.Atan2(trm[1], trm[0]) * 180 / math.Pi
	orient := -1
	for _, o := range []int{0, 90, 180, 270, -90, -180} {
		if math.Abs(angle-float64(o)) < 3 {
			orient = (o + 360) % 360
		}
	}
	if orient < 0 {
		return // a diagonal stamp or watermark
	}
	// Turn the page so the line runs left to right.
	switch orient {
	case 90:
		x, y = y, -x
	case 180:
		x, y = -x, -y
	case 270:
		x, y = -y, x
	}
	if text == "" {
		text = "\uFFFD"
	}
	text = unifyIdeographs(text)
	if strings.TrimSpace(text) == "" {
		text = " "
	}
	*in.out = append(*in.out, glyph{text: text, x: x, y: y, w: adv, size: size, orient: orient})
}

// unifyIdeographs replaces the Kangxi radicals and compatibility ideographs that some
// producers' ToUnicode maps give ("⼀" U+2F00 for "一" U+4E00; the same glyph) by the unified
// ideographs a reader types, so that labels and headings are recognized.
func unifyIdeographs(s string) string {
	for _, r := range s {
		if r >= 0x2E80 && r <= 0x2FDF || r >= 0xF900 && r <= 0xFAFF || r >= 0x2F800 && r <= 0x2FA1F {
			return norm.NFKC.String(s)
		}
	}
	return s
}
