package pdf

import (
	"encoding/binary"
	"errors"
	"io"
	"sort"
)

// Subsetting: each document embeds, per font variant, a small TrueType font of its own
// holding only the glyphs it prints (see render.go), built from the shared face without
// reading more of the font than those glyphs.

// Composite glyph flags (TrueType glyf table).
const (
	argsAreWords    = 0x0001
	haveScale       = 0x0008
	moreComponents  = 0x0020
	haveXYScale     = 0x0040
	haveTwoByTwo    = 0x0080
	maxCompositeLvl = 8
)

var errBadGlyph = errors.New("字体的字形数据损坏")

// subsetFont returns a TrueType font holding, after .notdef, one glyph for each of runes
// (sorted and distinct; each gets its own glyph id, 1, 2, … in order, even when the
// font draws two runes with one glyph, so that the PDF's ToUnicode map is exact), then
// the components of composite glyphs; and the glyph id of each rune (0 for a rune f
// lacks). Outlines are read from outlines (the font file). With half set every glyph
// but .notdef gets half its advance (see compressPunct: narrowed marks are drawn from
// such a font so that the advance in the PDF matches the layout). A cmap maps the runes
// when it fits a format-4 subtable.
func (f *sfnt) subsetFont(outlines io.ReaderAt, runes []rune, half bool) ([]byte, []uint16, error) {
	if len(runes) >= 0xFFFF {
		return nil, nil, errors.New("字符过多")
	}
	order := []int{0}     // source glyph of each new glyph id
	comp := map[int]int{} // new id of each component glyph
	gids := make([]uint16, len(runes))
	var cmap []cmapPair
	for i, r := range runes {
		if g := f.glyphOf(r); g != 0 {
			gids[i] = uint16(len(order))
			order = append(order, g)
			if r <= 0xFFFF {
				cmap = append(cmap, cmapPair{uint16(r), gids[i]})
			}
		}
	}
	add := func(g int) int {
		if id, ok := comp[g]; ok {
			return id
		}
		comp[g] = len(order)
		order = append(order, g)
		return comp[g]
	}
	// Read the outlines, in file order for locality, and follow composite components.
	data := map[int][]byte{}
	var read func(g, depth int) error
	read = func(g, depth int) error {
		if _, ok := data[g]; ok {
			return nil
		}
		start, end := int64(f.loca[g]), int64(f.loca[g+1])
		b := make([]byte, end-start)
		if len(b) > 0 {
			if _, err := outlines.ReadAt(b, f.glyf.off+start); err != nil {
				return errBadGlyph
			}
		}
		data[g] = b
		if len(b) < 10 || int16(u16(b, 0)) >= 0 {
			return nil
		}
		if depth >= maxCompositeLvl {
			return errBadGlyph
		}
		return walkComponents(b, func(pos int) error {
			c := int(u16(b, pos))
			if c >= f.numGlyphs {
				return errBadGlyph
			}
			add(c)
			return read(c, depth+1)
		})
	}
	base := append([]int(nil), order...)
	sort.Ints(base)
	for _, g := range base {
		if err := read(g, 0); err != nil {
			return nil, nil, err
		}
	}
	if len(order) > 0xFFFF {
		return nil, nil, errBadGlyph
	}
	// glyf and loca (long offsets) in the new order, components renumbered.
	var glyf []byte
	loca := make([]byte, 4*(len(order)+1))
	hmtx := make([]byte, 4*len(order))
	for id, g := range order {
		binary.BigEndian.PutUint32(loca[4*id:], uint32(len(glyf)))
		b := data[g]
		if len(b) >= 10 && int16(u16(b, 0)) < 0 {
			b = append([]byte(nil), b...)
			_ = walkComponents(b, func(pos int) error {
				binary.BigEndian.PutUint16(b[pos:], uint16(comp[int(u16(b, pos))]))
				return nil
			})
		}
		glyf = append(glyf, b...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		adv, lsb := f.hmetric(g)
		if half && id > 0 {
			adv /= 2
		}
		binary.BigEndian.PutUint16(hmtx[4*id:], adv)
		binary.BigEndian.PutUint16(hmtx[4*id+2:], lsb)
	}
	binary.BigEndian.PutUint32(loca[4*len(order):], uint32(len(glyf)))

	n := uint16(len(order))
	tables := map[string][]byte{
		"glyf": glyf, "loca": loca, "hmtx": hmtx,
		"head": patch16(f.tab["head"], 50, 1),
		"hhea": patch16(f.tab["hhea"], 34, n),
		"maxp": patch16(f.tab["maxp"], 4, n),
		"post": post3(f.tab["post"]),
		"name": nameTable(f.tab["name"]),
	}
	if c := buildCmap(cmap); c != nil {
		tables["cmap"] = c
	}
	for _, t := range []string{"OS/2", "cvt ", "fpgm", "prep", "gasp"} {
		if b := f.tab[t]; b != nil {
			tables[t] = b
		}
	}
	return assembleSFNT(tables), gids, nil
}

// walkComponents calls fn with the byte position of each component's glyph index in the
// composite glyph b.
func walkComponents(b []byte, fn func(pos int) error) error {
	pos := 10
	for {
		if pos+4 > len(b) {
			return errBadGlyph
		}
		flags := u16(b, pos)
		if err := fn(pos + 2); err != nil {
			return err
		}
		pos += 4
		if flags&argsAreWords != 0 {
			pos += 4
		} else {
			pos += 2
		}
		switch {
		case flags&haveScale != 0:
			pos += 2
		case flags&haveXYScale != 0:
			pos += 4
		case flags&haveTwoByTwo != 0:
			pos += 8
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}

// patch16 returns a copy of t with the uint16 at off set to v.
func patch16(t []byte, off int, v uint16) []byte {
	out := append([]byte(nil), t...)
	binary.BigEndian.PutUint16(out[off:], v)
	return out
}

// post3 returns a version 3 post table (no glyph names) keeping the italic angle,
// underline and fixed-pitch fields of the font's table.
func post3(post []byte) []byte {
	out := make([]byte, 32)
	binary.BigEndian.PutUint32(out, 0x00030000)
	if len(post) >= 16 {
		copy(out[4:16], post[4:16])
	}
	return out
}

// nameTable returns the font's name table when gofpdf can read it (format 0, small), else
// a minimal one naming the font "Subset".
func nameTable(name []byte) []byte {
	if len(name) >= 6 && u16(name, 0) == 0 && len(name) <= 64<<10 {
		return name
	}
	const family = "Subset"
	str := make([]byte, 2*len(family))
	for i, c := range family {
		binary.BigEndian.PutUint16(str[2*i:], uint16(c))
	}
	out := make([]byte, 6+12*2)
	binary.BigEndian.PutUint16(out[2:], 2)
	binary.BigEndian.PutUint16(out[4:], uint16(len(out)))
	for i, id := range []uint16{1, 6} {
		rec := out[6+12*i:]
		binary.BigEndian.PutUint16(rec[0:], 3)
		binary.BigEndian.PutUint16(rec[2:], 1)
		binary.BigEndian.PutUint16(rec[4:], 0x409)
		binary.BigEndian.PutUint16(rec[6:], id)
		binary.BigEndian.PutUint16(rec[8:], uint16(len(str)))
	}
	return append(out, str...)
}

type cmapPair struct{ r, g uint16 }

// buildCmap returns a cmap table (or nil when it would not fit) with one format-4 (Windows Unicode BMP) subtable mapping
// the pairs, which must be sorted by rune: a segment per run of consecutive runes, with
// an idDelta when the run's glyphs are consecutive too and a glyph array otherwise.
func buildCmap(pairs []cmapPair) []byte {
	type seg struct {
		start, end uint16
		delta      uint16
		glyphs     []uint16 // nil when delta applies
	}
	var segs []seg
	for i := 0; i < len(pairs); {
		j := i + 1
		for j < len(pairs) && pairs[j].r == pairs[j-1].r+1 {
			j++
		}
		run := pairs[i:j]
		consecutive := true
		for k := 1; k < len(run); k++ {
			if run[k].g != run[k-1].g+1 {
				consecutive = false
			}
		}
		s := seg{start: run[0].r, end: run[len(run)-1].r}
		if consecutive {
			s.delta = run[0].g - run[0].r
		} else {
			for _, p := range run {
				s.glyphs = append(s.glyphs, p.g)
			}
		}
		segs = append(segs, s)
		i = j
	}
	segs = append(segs, seg{start: 0xFFFF, end: 0xFFFF, delta: 1})
	n := len(segs)
	searchRange, entrySelector := 2, 0
	for searchRange*2 <= 2*n {
		searchRange *= 2
		entrySelector++
	}
	arrays := 0
	for _, s := range segs {
		arrays += len(s.glyphs)
	}
	if 16+8*n+2*arrays > 0xFFFF {
		return nil // too many runes for format 4; a CIDFontType2 needs no cmap
	}
	sub := make([]byte, 16+8*n+2*arrays)
	put := func(off int, v uint16) { binary.BigEndian.PutUint16(sub[off:], v) }
	put(0, 4)
	put(2, uint16(len(sub)))
	put(6, uint16(2*n))
	put(8, uint16(searchRange))
	put(10, uint16(entrySelector))
	put(12, uint16(2*n-searchRange))
	ends, starts, deltas, ros, arr := 14, 16+2*n, 16+4*n, 16+6*n, 16+8*n
	for i, s := range segs {
		put(ends+2*i, s.end)
		put(starts+2*i, s.start)
		put(deltas+2*i, s.delta)
		if s.glyphs != nil {
			put(ros+2*i, uint16(arr-(ros+2*i)))
			for _, g := range s.glyphs {
				put(arr, g)
				arr += 2
			}
		}
	}
	head := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(head, sub...)
}

// assembleSFNT writes a TrueType file of the tables: directory sorted by tag, tables
// 4-byte aligned, checksums and head.checkSumAdjustment set.
func assembleSFNT(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for t, b := range tables {
		tags = append(tags, t)
		size += (len(b) + 3) &^ 3
	}
	sort.Strings(tags)
	out := make([]byte, 12+16*len(tags), size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	n := len(tags)
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16*sr))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-16*sr))
	headAt := -1
	for i, t := range tags {
		b := tables[t]
		if t == "head" {
			b = append([]byte(nil), b...)
			binary.BigEndian.PutUint32(b[8:], 0)
			headAt = len(out)
		}
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(b))
		binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(b)))
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
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
