package pdf

import (
	"encoding/binary"
	"io"

	"github.com/nianbao/nianbao/assets"
)

// inkChars are common characters of headings and body text whose outlines measure how
// large a face draws its characters within the em square.
const inkChars = "国中公开政府信息主动申请管理监督保障平台建设"

// inkHeight returns the mean height of the outlines of inkChars in face f as a fraction of
// the em (0.91 for Noto Serif SC, 0.83 for AR PL KaitiM GB), reading their glyph headers
// from r; 0 when it cannot tell.
func inkHeight(f *sfnt, r io.ReaderAt) float64 {
	head := f.tab["head"]
	if len(head) < 20 {
		return 0
	}
	upem := float64(binary.BigEndian.Uint16(head[18:]))
	if upem <= 0 {
		return 0
	}
	sum, n := 0.0, 0
	var b [10]byte
	for _, c := range inkChars {
		g := f.glyphOf(c)
		if g <= 0 || g+1 >= len(f.loca) || f.loca[g+1]-f.loca[g] < 10 {
			continue
		}
		if _, err := r.ReadAt(b[:], f.glyf.off+int64(f.loca[g])); err != nil {
			continue
		}
		yMin, yMax := int16(binary.BigEndian.Uint16(b[4:])), int16(binary.BigEndian.Uint16(b[8:]))
		if h := float64(yMax-yMin) / upem; h > 0.3 && h < 1.5 {
			sum += h
			n++
		}
	}
	if n < len([]rune(inkChars))/2 {
		return 0
	}
	return sum / float64(n)
}

// maxInkScale is the most a heading face is enlarged to draw its characters as large as
// the body's.
const maxInkScale = 1.15

// inkScale returns by how much text of role is enlarged so that its characters look as
// large as the body's: a 楷体 face draws its characters smaller within the em than a
// 仿宋 or 宋体 one (AR PL KaitiM GB by a tenth), and a heading nominally 三号 like the
// body then reads a size smaller. 1 for the body, and when the inks cannot be measured.
func (d *Doc) inkScale(role assets.Role) float64 {
	f, b := d.fonts[role], d.fonts[assets.Body]
	if role == assets.Body || f == nil || b == nil || f.ink <= 0 || b.ink <= 0 {
		return 1
	}
	s := b.ink / f.ink
	if s < 1.03 { // as large as the body's, near enough
		return 1
	}
	return min(s, maxInkScale)
}
