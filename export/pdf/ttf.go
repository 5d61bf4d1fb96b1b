package pdf

import (
	"encoding/binary"
	"errors"
	"sort"
)

// metrics holds the parts of a TrueType font needed for layout: which runes
// it maps to a glyph and their advance widths. It is read-only once parsed
// and may be shared between documents.
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

var errBadFont = errors.New("无法解析字体文件")

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

// parseMetrics parses the head, hhea, hmtx and cmap tables of a TrueType font.
func parseMetrics(b []byte) (*metrics, error) {
	if len(b) < 12 {
		return nil, errBadFont
	}
	n := int(u16(b, 4))
	tables := map[string][]byte{}
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(b) {
			return nil, errBadFont
		}
		tag := string(b[rec : rec+4])
		off, ln := int(u32(b, rec+8)), int(u32(b, rec+12))
		if off < 0 || ln < 0 || off+ln > len(b) {
			return nil, errBadFont
		}
		tables[tag] = b[off : off+ln]
	}
	head, hhea, hmtx, cmap := tables["head"], tables["hhea"], tables["hmtx"], tables["cmap"]
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
		if off+4 > len(cmap) {
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
		if 16+12*ng > len(sub) {
			return nil, errBadFont
		}
		m.groups = make([]cmapGroup, ng)
		for i := range m.groups {
			p := 16 + 12*i
			m.groups[i] = cmapGroup{u32(sub, p), u32(sub, p+4), u32(sub, p+8)}
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
		}
	default:
		return nil, errBadFont
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
