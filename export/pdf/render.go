package pdf

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"sort"
	"strconv"
	"time"

	"github.com/jung-kurt/gofpdf"
	"github.com/nianbao/nianbao/assets"
)

// Rendering replays the display list onto gofpdf, which writes the document: pages,
// content streams, metadata, cross-references. Fonts are the exception. gofpdf's UTF-8
// font support parses and copies the whole font per document (~25 MB allocated for one
// CJK font), allocates two 64K-entry tables and two deflate compressors per font, and
// builds the glyph-width array with a PHP-style map whose every insert scans it — cubic
// in a run of consecutive code points (8,000 distinct characters took 451 s). So each
// font variant is drawn through one of gofpdf's core-font slots used as a placeholder:
// text is written as two-byte glyph ids of our own subset (Identity-H encoding), and
// finishPDF replaces each placeholder font object with a Type 0 font embedding that
// subset, with its width array and ToUnicode map, all built in linear time.

// variant is a font as drawn: a role's face, whole or with halved advances.
type variant struct {
	role assets.Role
	half bool
}

// coreSlots are gofpdf's core fonts used as placeholders, with the BaseFont gofpdf writes
// for each ("symbol" is unusable: gofpdf maps it to ZapfDingbats).
var coreSlots = []struct{ family, style, base string }{
	{"helvetica", "", "Helvetica"}, {"helvetica", "B", "Helvetica-Bold"},
	{"helvetica", "I", "Helvetica-Oblique"}, {"helvetica", "BI", "Helvetica-BoldOblique"},
	{"times", "", "Times-Roman"}, {"times", "B", "Times-Bold"},
	{"times", "I", "Times-Italic"}, {"times", "BI", "Times-BoldItalic"},
	{"courier", "", "Courier"}, {"courier", "B", "Courier-Bold"},
	{"courier", "I", "Courier-Oblique"}, {"courier", "BI", "Courier-BoldOblique"},
	{"zapfdingbats", "", "ZapfDingbats"},
}

// embedded is a subset font of one variant, as it will be written into the PDF.
type embedded struct {
	face  *face
	half  bool
	name  string // BaseFont: "ABCDEF+NotoSerifSC-Regular"
	base  string // the placeholder core font's BaseFont
	data  []byte // the subset TrueType font
	runes []rune // rune of each glyph id 1…n
	gid   map[rune]uint16
}

// subsetTag returns the six upper-case letters that prefix a subset font's name
// (PDF 32000 §9.6.4), derived from the font and the glyphs it holds so that output is
// reproducible.
func subsetTag(name string, runes []rune) string {
	h := fnv.New64a()
	h.Write([]byte(name))
	for _, r := range runes {
		h.Write([]byte{byte(r >> 16), byte(r >> 8), byte(r)})
	}
	v := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = byte('A' + v%26)
		v /= 26
	}
	return string(tag)
}

// creationDate returns the date written to the PDF: Options.CreationDate, else
// SOURCE_DATE_EPOCH (reproducible builds) when set, else now.
func creationDate(opt *Options) time.Time {
	if !opt.CreationDate.IsZero() {
		return opt.CreationDate
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(sec, 0).UTC()
		}
	}
	return time.Now()
}

// render writes the document's pages to w.
func (d *Doc) render(w io.Writer) error {
	// Which runes each variant draws.
	used := map[variant]map[rune]bool{}
	for _, pg := range d.pages {
		for _, g := range pg.glyphs {
			v := variant{g.role, g.half}
			if used[v] == nil {
				used[v] = map[rune]bool{}
			}
			used[v][g.r] = true
		}
	}
	vars := make([]variant, 0, len(used))
	for v := range used {
		vars = append(vars, v)
	}
	sort.Slice(vars, func(i, j int) bool {
		if vars[i].role != vars[j].role {
			return vars[i].role < vars[j].role
		}
		return !vars[i].half && vars[j].half
	})
	if len(vars) > len(coreSlots) {
		return fmt.Errorf("无法生成 PDF：用到的字体过多（%d 种，最多 %d 种）", len(vars), len(coreSlots))
	}

	// One subset per variant.
	fonts := make(map[variant]*embedded, len(vars))
	var list []*embedded
	for i, v := range vars {
		f := d.fonts[v.role]
		runes := make([]rune, 0, len(used[v]))
		for r := range used[v] {
			runes = append(runes, r)
		}
		sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
		r, done, err := f.outlines()
		if err != nil {
			return err
		}
		data, gids, err := f.sf.subsetFont(r, runes, v.half)
		done()
		if err != nil {
			return fmt.Errorf("字体 %s：%w", f.label, err)
		}
		name := f.ps
		if v.half {
			name += "-Half"
		}
		e := &embedded{face: f, half: v.half, name: subsetTag(name, runes) + "+" + name, base: coreSlots[i].base,
			data: data, gid: make(map[rune]uint16, len(runes)), runes: make([]rune, len(runes)+1)}
		for k, r := range runes {
			e.gid[r] = gids[k]
			e.runes[gids[k]] = r
		}
		fonts[v] = e
		list = append(list, e)
		if err := d.Err(); err != nil {
			return err
		}
	}
	slot := make(map[variant]int, len(vars))
	for i, v := range vars {
		slot[v] = i
	}

	p := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: gofpdf.SizeType{Wd: PageWidth, Ht: PageHeight}})
	p.SetMargins(MarginLeft, MarginTop, PageWidth-MarginLeft-TextWidth)
	p.SetAutoPageBreak(false, 0)
	p.SetCatalogSort(true)
	p.SetCompression(false) // finishPDF compresses the pages with a pooled compressor
	date := creationDate(&d.opt)
	p.SetCreationDate(date)
	p.SetModificationDate(date)
	creator := d.opt.Creator
	if creator == "" {
		creator = "年报助手"
	}
	p.SetCreator(creator, true)
	p.SetProducer("年报助手 (gofpdf)", true)
	if d.opt.Title != "" {
		p.SetTitle(d.opt.Title, true)
	}
	if d.opt.Author != "" {
		p.SetAuthor(d.opt.Author, true)
	}
	if d.opt.Subject != "" {
		p.SetSubject(d.opt.Subject, true)
	}
	var code [2]byte
	for i, pg := range d.pages {
		if err := d.Err(); err != nil {
			return err
		}
		p.AddPage()
		if len(pg.rects) > 0 {
			p.SetLineWidth(0.2)
			for _, r := range pg.rects {
				p.Rect(r.x, r.y, r.w, r.h, "D")
			}
		}
		cur, curSize := -1, 0.0
		for _, g := range pg.glyphs {
			v := variant{g.role, g.half}
			if s := slot[v]; s != cur || g.size != curSize {
				p.SetFont(coreSlots[s].family, coreSlots[s].style, g.size)
				cur, curSize = s, g.size
			}
			gid := fonts[v].gid[g.r]
			code[0], code[1] = byte(gid>>8), byte(gid)
			p.Text(g.x, g.y, string(code[:]))
		}
		if d.opt.Progress != nil {
			d.opt.Progress(i+1, len(d.pages))
		}
	}
	var buf bytes.Buffer
	buf.Grow(256 << 10)
	if err := p.Output(&buf); err != nil {
		return err
	}
	return finishPDF(w, buf.Bytes(), list)
}
