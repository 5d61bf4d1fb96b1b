package pdf

import (
	"bytes"
	"encoding/binary"
	"strings"
	"sync"
)

// halfFont is a copy of a font whose full-width punctuation marks have half their advance
// in the hmtx table. Marks that compressPunct narrows are drawn with it, so the advance
// recorded in the PDF matches where the next glyph sits: text extraction (pdftotext, copy
// and paste, search) then sees adjacent glyphs, not glyphs overlapping by half an em, which
// it splits into separate words and even separate lines ("答复，" / "，全年"). The outlines
// are unchanged, so the page looks the same.
type halfFont struct {
	data  []byte        // the patched font, nil when no mark could be patched
	runes map[rune]bool // the marks whose advance was halved
}

// halfCache holds each loaded font's half-width copy, made on first use.
var halfCache sync.Map // *loadedFont -> *halfFont

// half returns lf's half-width copy (made once, shared read-only by documents).
func (lf *loadedFont) half() *halfFont {
	if h, ok := halfCache.Load(lf); ok {
		return h.(*halfFont)
	}
	data, runes := halveAdvances(lf.data, lf.m, inkLeft+inkRight)
	h, _ := halfCache.LoadOrStore(lf, &halfFont{data: data, runes: runes})
	return h.(*halfFont)
}

// halveAdvances returns a copy of the TrueType font b in which the advance of every rune
// of marks is halved, and the runes changed. A glyph past numberOfHMetrics shares the
// last advance, so the hmtx table is rebuilt with entries up to the highest such glyph,
// appended at the end of the font (the table directory and hhea are updated; the old
// table stays as unused bytes). It returns nil when the font lacks the tables or none of
// the marks has a glyph.
func halveAdvances(b []byte, m *metrics, marks string) ([]byte, map[rune]bool) {
	type table struct{ rec, off, ln int }
	tabs := map[string]table{}
	if len(b) < 12 {
		return nil, nil
	}
	for i := 0; i < int(u16(b, 4)); i++ {
		r := 12 + 16*i
		if r+16 > len(b) {
			return nil, nil
		}
		t := table{r, int(u32(b, r+8)), int(u32(b, r+12))}
		if t.off < 0 || t.ln < 0 || t.off+t.ln > len(b) {
			return nil, nil
		}
		tabs[string(b[r:r+4])] = t
	}
	hm, hh, mx := tabs["hmtx"], tabs["hhea"], tabs["maxp"]
	if hm.rec == 0 || hh.ln < 36 || mx.ln < 6 {
		return nil, nil
	}
	hmtx := b[hm.off : hm.off+hm.ln]
	nh, ng := int(u16(b, hh.off+34)), int(u16(b, mx.off+4))
	if nh == 0 || nh > ng || 4*nh+2*(ng-nh) > len(hmtx) {
		return nil, nil
	}
	glyphs := map[rune]int{}
	need := nh
	for _, r := range marks {
		if g := m.glyph(r); g > 0 && g < ng {
			glyphs[r] = g
			need = max(need, g+1)
		}
	}
	if len(glyphs) == 0 {
		return nil, nil
	}
	// Glyphs past the last entry share its advance: it must not be a halved mark.
	halved := map[int]bool{}
	for _, g := range glyphs {
		halved[g] = true
	}
	for need < ng && halved[need-1] {
		need++
	}
	adv := func(g int) uint16 { return u16(hmtx, 4*min(g, nh-1)) }
	lsb := func(g int) uint16 {
		if g < nh {
			return u16(hmtx, 4*g+2)
		}
		return u16(hmtx, 4*nh+2*(g-nh))
	}
	nt := make([]byte, 4*need+2*(ng-need))
	for g := 0; g < ng; g++ {
		if g < need {
			binary.BigEndian.PutUint16(nt[4*g:], adv(g))
			binary.BigEndian.PutUint16(nt[4*g+2:], lsb(g))
		} else {
			binary.BigEndian.PutUint16(nt[4*need+2*(g-need):], lsb(g))
		}
	}
	runes := map[rune]bool{}
	for r, g := range glyphs {
		binary.BigEndian.PutUint16(nt[4*g:], adv(g)/2)
		runes[r] = true
	}
	out := bytes.Clone(b)
	if need == nh {
		copy(out[hm.off:], nt)
	} else {
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		binary.BigEndian.PutUint32(out[hm.rec+8:], uint32(len(out)))
		binary.BigEndian.PutUint32(out[hm.rec+12:], uint32(len(nt)))
		out = append(out, nt...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		binary.BigEndian.PutUint16(out[hh.off+34:], uint16(need))
		binary.BigEndian.PutUint32(out[hh.rec+4:], checksum(out[hh.off:hh.off+hh.ln]))
	}
	binary.BigEndian.PutUint32(out[hm.rec+4:], checksum(nt))
	return out, runes
}

// checksum is the TrueType table checksum of t.
func checksum(t []byte) uint32 {
	var sum uint32
	for i := 0; i < len(t); i += 4 {
		var w [4]byte
		copy(w[:], t[i:min(i+4, len(t))])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// isMark reports whether r is one of the full-width marks compressPunct may narrow.
func isMark(r rune) bool { return strings.ContainsRune(inkLeft+inkRight, r) }
