package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
)

// sfnt is a TrueType font opened for layout and subsetting: its table directory and
// every table but the glyph outlines in memory (a few hundred KB for a CJK font), the
// outlines read on demand. It is read-only once parsed and shared by documents.
type sfnt struct {
	tables    map[string]sfntTable
	tab       map[string][]byte // loaded tables (all but glyf)
	numGlyphs int
	numHMetrc int
	longLoca  bool
	loca      []uint32 // numGlyphs+1 glyph offsets into glyf
	glyf      sfntTable
	fsType    uint16
	m         *metrics
}

type sfntTable struct{ off, n int64 }

// Bounds for fonts read from the user's disk.
const (
	maxFontFile  = 64 << 20 // no CJK TrueType font is near this
	maxFontTable = 16 << 20 // every table but glyf is far smaller
	maxFontTabs  = 64
)

var (
	errBadFont     = errors.New("无法解析字体文件")
	errNoSubset    = errors.New("字体不允许嵌入 PDF（授权限制）")
	errNoCmap      = errors.New("字体没有 Unicode 字符映射表")
	errFontTooBig  = errors.New("字体文件过大")
	loadTableNames = []string{"head", "hhea", "maxp", "hmtx", "cmap", "loca", "OS/2", "post", "name", "cvt ", "fpgm", "prep", "gasp"}
)

func u16(b []byte, off int) uint16 {
	if off < 0 || off+2 > len(b) {
		return 0
	}
	return binary.BigEndian.Uint16(b[off:])
}

func u32(b []byte, off int) uint32 {
	if off < 0 || off+4 > len(b) {
		return 0
	}
	return binary.BigEndian.Uint32(b[off:])
}

// parseSFNT reads the font of size bytes from r: the directory, the tables it needs,
// the glyph locations and the metrics. Outlines stay in r.
func parseSFNT(r io.ReaderAt, size int64) (*sfnt, error) {
	if size > maxFontFile {
		return nil, errFontTooBig
	}
	if size < 12 {
		return nil, errBadFont
	}
	hdr := make([]byte, 12)
	if _, err := r.ReadAt(hdr, 0); err != nil {
		return nil, errBadFont
	}
	if v := u32(hdr, 0); v != 0x00010000 && v != 0x74727565 { // 1.0 or 'true'
		return nil, errors.New("不是 TrueType（.ttf）字体，不支持 .ttc/.otf")
	}
	n := int(u16(hdr, 4))
	if n == 0 || n > maxFontTabs {
		return nil, errBadFont
	}
	dir := make([]byte, 16*n)
	if _, err := r.ReadAt(dir, 12); err != nil {
		return nil, errBadFont
	}
	f := &sfnt{tables: map[string]sfntTable{}, tab: map[string][]byte{}}
	for i := 0; i < n; i++ {
		rec := dir[16*i:]
		t := sfntTable{int64(u32(rec, 8)), int64(u32(rec, 12))}
		if t.off+t.n > size {
			return nil, errBadFont
		}
		f.tables[string(rec[:4])] = t
	}
	for _, tag := range loadTableNames {
		t, ok := f.tables[tag]
		if !ok {
			continue
		}
		if t.n > maxFontTable {
			return nil, errFontTooBig
		}
		b := make([]byte, t.n)
		if _, err := r.ReadAt(b, t.off); err != nil {
			return nil, errBadFont
		}
		f.tab[tag] = b
	}
	var ok bool
	if f.glyf, ok = f.tables["glyf"]; !ok {
		return nil, errors.New("字体没有 TrueType 轮廓（glyf 表）")
	}
	head, hhea, maxp, loca := f.tab["head"], f.tab["hhea"], f.tab["maxp"], f.tab["loca"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || f.tab["hmtx"] == nil {
		return nil, errBadFont
	}
	f.numGlyphs, f.numHMetrc = int(u16(maxp, 4)), int(u16(hhea, 34))
	f.longLoca = u16(head, 50) == 1
	if f.numGlyphs == 0 || f.numHMetrc == 0 || f.numHMetrc > f.numGlyphs ||
		len(f.tab["hmtx"]) < 4*f.numHMetrc+2*(f.numGlyphs-f.numHMetrc) {
		return nil, errBadFont
	}
	f.loca = make([]uint32, f.numGlyphs+1)
	for g := range f.loca {
		var o uint32
		if f.longLoca {
			if 4*g+4 > len(loca) {
				return nil, errBadFont
			}
			o = u32(loca, 4*g)
		} else {
			if 2*g+2 > len(loca) {
				return nil, errBadFont
			}
			o = 2 * uint32(u16(loca, 2*g))
		}
		if int64(o) > f.glyf.n || g > 0 && o < f.loca[g-1] {
			return nil, errBadFont
		}
		f.loca[g] = o
	}
	if os2 := f.tab["OS/2"]; len(os2) >= 10 {
		f.fsType = u16(os2, 8)
	}
	m, err := parseMetrics(head, hhea, f.tab["hmtx"], f.tab["cmap"])
	if err != nil {
		return nil, err
	}
	f.m = m
	return f, nil
}

// embeddable reports whether the font's licence (OS/2 fsType) allows embedding a subset
// in a PDF: not "restricted licence" and neither "no subsetting" nor "bitmap only".
func (f *sfnt) embeddable() bool {
	return f.fsType&0x000F != 0x0002 && f.fsType&0x0300 == 0
}

// metrics holds the parts of a TrueType font needed for layout: which runes it maps to
// a glyph and their advance widths. It is read-only once parsed and may be shared.
type metrics struct {
	upm      float64
	advances []uint16 // per glyph id; the last advance repeats
	seg4     []cmapSeg4
	cmap4    []byte // the format-4 subtable, for idRangeOffset lookups
	groups   []cmapGroup
}

type cmapSeg4 struct {
	start, end  uint16
	delta       uint16
	rangeOffset uint16
	roPos       int // byte position of this segment's idRangeOffset in cmap4
}

type cmapGroup struct {
	start, end, glyph uint32
}

// parseMetrics parses the head, hhea, hmtx and cmap tables of a TrueType font.
func parseMetrics(head, hhea, hmtx, cmap []byte) (*metrics, error) {
	if len(head) < 54 || len(hhea) < 36 || hmtx == nil || len(cmap) < 4 {
		return nil, errBadFont
	}
	m := &metrics{upm: float64(u16(head, 18))}
	if m.upm == 0 {
		return nil, errBadFont
	}
	nh := int(u16(hhea, 34))
	if nh == 0 || 4*nh > len(hmtx) {
		return nil, errBadFont
	}
	m.advances = make([]uint16, nh)
	for i := range m.advances {
		m.advances[i] = u16(hmtx, 4*i)
	}
	// Prefer a format-12 (3,10) subtable, else format 4 (3,1) or (0,x).
	var off4, off12 = -1, -1
	for i := 0; i < int(u16(cmap, 2)); i++ {
		rec := 4 + 8*i
		pid, eid, off := u16(cmap, rec), u16(cmap, rec+2), int(u32(cmap, rec+4))
		if off < 0 || off+4 > len(cmap) {
			continue
		}
		switch u16(cmap, off) {
		case 4:
			if off4 < 0 && (pid == 3 && eid == 1 || pid == 0) {
				off4 = off
			}
		case 12:
			if off12 < 0 && (pid == 3 && eid == 10 || pid == 0) {
				off12 = off
			}
		}
	}
	switch {
	case off12 >= 0:
		sub := cmap[off12:]
		ng := int(u32(sub, 12))
		if ng < 0 || ng > len(sub)/12 || 16+12*ng > len(sub) {
			return nil, errBadFont
		}
		m.groups = make([]cmapGroup, ng)
		for i := range m.groups {
			p := 16 + 12*i
			m.groups[i] = cmapGroup{u32(sub, p), u32(sub, p+4), u32(sub, p+8)}
			if i > 0 && m.groups[i].start <= m.groups[i-1].end || m.groups[i].end < m.groups[i].start {
				return nil, errBadFont // unsorted or overlapping groups break the binary search
			}
		}
	case off4 >= 0:
		sub := cmap[off4:]
		ln := int(u16(sub, 2))
		if ln > len(sub) || ln < 14 {
			ln = len(sub)
		}
		sub = sub[:ln]
		segX2 := int(u16(sub, 6))
		segs := segX2 / 2
		ends, starts, deltas, ros := 14, 16+segX2, 16+2*segX2, 16+3*segX2
		if ros+segX2 > len(sub) {
			return nil, errBadFont
		}
		m.cmap4 = sub
		m.seg4 = make([]cmapSeg4, segs)
		for i := range m.seg4 {
			m.seg4[i] = cmapSeg4{
				end: u16(sub, ends+2*i), start: u16(sub, starts+2*i),
				delta: u16(sub, deltas+2*i), rangeOffset: u16(sub, ros+2*i),
				roPos: ros + 2*i,
			}
			if i > 0 && m.seg4[i].end < m.seg4[i-1].end {
				return nil, errBadFont
			}
		}
	default:
		return nil, errNoCmap
	}
	return m, nil
}

// glyph returns the glyph id for r, or 0 if the font has none.
func (m *metrics) glyph(r rune) int {
	if r < 0 {
		return 0
	}
	if m.groups != nil {
		c := uint32(r)
		i := sort.Search(len(m.groups), func(i int) bool { return m.groups[i].end >= c })
		if i < len(m.groups) && m.groups[i].start <= c {
			return int(m.groups[i].glyph + c - m.groups[i].start)
		}
		return 0
	}
	if r > 0xFFFF {
		return 0
	}
	c := uint16(r)
	i := sort.Search(len(m.seg4), func(i int) bool { return m.seg4[i].end >= c })
	if i >= len(m.seg4) || m.seg4[i].start > c {
		return 0
	}
	s := m.seg4[i]
	if s.rangeOffset == 0 {
		return int(c + s.delta)
	}
	g := u16(m.cmap4, s.roPos+int(s.rangeOffset)+2*int(c-s.start))
	if g == 0 {
		return 0
	}
	return int(g + s.delta)
}

// has reports whether the font maps r to a real glyph.
func (m *metrics) has(r rune) bool { return m.glyph(r) != 0 }

// advance returns the advance width of r in em (0 if r is missing).
func (m *metrics) advance(r rune) float64 {
	g := m.glyph(r)
	if g == 0 {
		return 0
	}
	if g >= len(m.advances) {
		g = len(m.advances) - 1
	}
	return float64(m.advances[g]) / m.upm
}

// glyphOf returns the glyph of r if the font has it and the glyph id is in range.
func (f *sfnt) glyphOf(r rune) int {
	g := f.m.glyph(r)
	if g <= 0 || g >= f.numGlyphs {
		return 0
	}
	return g
}

// hmetric returns the advance and left side bearing of glyph g.
func (f *sfnt) hmetric(g int) (adv, lsb uint16) {
	hmtx := f.tab["hmtx"]
	if g < f.numHMetrc {
		return u16(hmtx, 4*g), u16(hmtx, 4*g+2)
	}
	return u16(hmtx, 4*(f.numHMetrc-1)), u16(hmtx, 4*f.numHMetrc+2*(g-f.numHMetrc))
}

func (f *sfnt) String() string { return fmt.Sprintf("sfnt(%d glyphs)", f.numGlyphs) }
