package assets

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// A font pack holds a TrueType file cut into chunks of fixed size, each stored raw or
// deflate-compressed, so that reading a few glyphs decompresses a few chunks instead of
// the whole font: decompressing the four bundled fonts whole takes about a third of a
// second, ten times what a PDF export of a report costs otherwise. Chunks are decompressed
// once per process, on first use, and then shared read-only.
//
// The bytes are stored in an order of their own, given as extents (ranges of the font
// file): the tables first, stored raw, then the glyph outlines, the commonest characters
// first, so that the glyphs of a report lie in few chunks.
//
// Layout (big-endian):
//
//	"NBFP" | u32 version (2) | u32 size of the font | u32 chunk size | u32 chunk count | u32 extent count
//	chunk count × { u32 offset of the chunk's data in the pack | u32 stored length | u32 method (0 raw, 1 deflate) }
//	extent count × { u32 offset in the font | u32 length | u32 offset in the stored bytes }, by offset in the font
//	chunk data
const (
	packMagic      = "NBFP"
	packVersion    = 2
	packHeaderLen  = 24
	packEntryLen   = 12
	packExtentLen  = 12
	methodRaw      = 0
	methodDeflate  = 1
	maxPackedFont  = 64 << 20 // no bundled font is near this; a bound for corrupt headers
	defaultChunkSz = 8 << 10
)

// Pack is a TrueType font stored as a font pack. It implements io.ReaderAt over the
// uncompressed font; it is safe for concurrent use.
type Pack struct {
	name      string
	data      string // the pack itself (embedded, read-only)
	size      int64
	chunkSize int
	chunks    []packChunk
	extents   []packExtent
	whole     atomic.Pointer[[]byte] // the whole font, once Font made it (the UI's)
}

// packExtent maps font bytes [off, off+n) to stored bytes [stored, stored+n).
type packExtent struct{ off, n, stored int64 }

type packChunk struct {
	off, n int // stored bytes: data[off : off+n]
	method uint32
	once   sync.Once
	raw    []byte // decompressed, for deflate chunks
	err    error
}

var errBadPack = errors.New("内置字体数据已损坏，请重新安装年报助手")

// openPack reads the header of the pack data.
func openPack(name, data string) (*Pack, error) {
	if len(data) < packHeaderLen || data[:4] != packMagic {
		return nil, errBadPack
	}
	u32 := func(off int) uint32 { return binary.BigEndian.Uint32([]byte(data[off : off+4])) }
	if u32(4) != packVersion {
		return nil, fmt.Errorf("内置字体数据的版本（%d）不受支持，请重新安装年报助手", u32(4))
	}
	size, cs, n, ne := int64(u32(8)), int(u32(12)), int(u32(16)), int(u32(20))
	if size > maxPackedFont || cs <= 0 || int64(n) != (size+int64(cs)-1)/int64(cs) || ne <= 0 ||
		int64(ne) > size || packHeaderLen+n*packEntryLen+ne*packExtentLen > len(data) {
		return nil, errBadPack
	}
	p := &Pack{name: name, data: data, size: size, chunkSize: cs, chunks: make([]packChunk, n), extents: make([]packExtent, ne)}
	var covered int64
	for i := range p.extents {
		e := packHeaderLen + n*packEntryLen + i*packExtentLen
		x := packExtent{int64(u32(e)), int64(u32(e + 4)), int64(u32(e + 8))}
		if x.off != covered || x.n <= 0 || x.stored+x.n > size {
			return nil, errBadPack // extents must tile the font in order
		}
		covered += x.n
		p.extents[i] = x
	}
	if covered != size {
		return nil, errBadPack
	}
	for i := range p.chunks {
		e := packHeaderLen + i*packEntryLen
		c := &p.chunks[i]
		c.off, c.n, c.method = int(u32(e)), int(u32(e+4)), u32(e+8)
		if c.off < 0 || c.n < 0 || c.off+c.n > len(data) || c.method > methodDeflate ||
			c.method == methodRaw && int64(c.n) != p.chunkLen(i) {
			return nil, errBadPack
		}
	}
	return p, nil
}

// Name is the font's short name, e.g. "NotoSerifSC-Regular".
func (p *Pack) Name() string { return p.name }

// Size is the size of the uncompressed font in bytes.
func (p *Pack) Size() int64 { return p.size }

func (p *Pack) chunkLen(i int) int64 {
	return min(int64(p.chunkSize), p.size-int64(i)*int64(p.chunkSize))
}

var flatePool sync.Pool // io.ReadCloser implementing flate.Resetter

// chunk returns the uncompressed bytes of deflate chunk i, decompressing it on first use.
func (p *Pack) chunk(i int) ([]byte, error) {
	c := &p.chunks[i]
	c.once.Do(func() {
		src := strings.NewReader(p.data[c.off : c.off+c.n])
		var zr io.ReadCloser
		if v := flatePool.Get(); v != nil {
			zr = v.(io.ReadCloser)
			_ = zr.(flate.Resetter).Reset(src, nil)
		} else {
			zr = flate.NewReader(src)
		}
		buf := make([]byte, p.chunkLen(i))
		if _, err := io.ReadFull(zr, buf); err != nil {
			c.err = fmt.Errorf("内置字体 %s 的第 %d 块数据已损坏（%w），请重新安装年报助手", p.name, i, err)
		} else {
			c.raw = buf
		}
		flatePool.Put(zr)
	})
	return c.raw, c.err
}

// ReadAt reads len(b) bytes of the uncompressed font from offset off.
func (p *Pack) ReadAt(b []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("读取内置字体时位置为负数")
	}
	if w := p.whole.Load(); w != nil { // already decompressed whole: no chunk needed
		if off >= p.size {
			return 0, io.EOF
		}
		n := copy(b, (*w)[off:])
		if n < len(b) {
			return n, io.EOF
		}
		return n, nil
	}
	n := 0
	for n < len(b) {
		pos := off + int64(n)
		if pos >= p.size {
			return n, io.EOF
		}
		i := sort.Search(len(p.extents), func(i int) bool { return p.extents[i].off+p.extents[i].n > pos })
		x := p.extents[i]
		in := pos - x.off
		k := int(min(int64(len(b)-n), x.n-in))
		if _, err := p.readStored(b[n:n+k], x.stored+in); err != nil {
			return n, err
		}
		n += k
	}
	return n, nil
}

// readStored reads len(b) stored bytes from offset off.
func (p *Pack) readStored(b []byte, off int64) (int, error) {
	n := 0
	for n < len(b) {
		pos := off + int64(n)
		if pos >= p.size {
			return n, io.EOF
		}
		i := int(pos / int64(p.chunkSize))
		in := pos - int64(i)*int64(p.chunkSize)
		if c := &p.chunks[i]; c.method == methodRaw {
			n += copy(b[n:], p.data[int64(c.off)+in:c.off+c.n])
			continue
		}
		c, err := p.chunk(i)
		if err != nil {
			return n, err
		}
		n += copy(b[n:], c[in:])
	}
	return n, nil
}

// Bytes returns the whole uncompressed font in a new slice. It does not keep the chunks
// it decompresses.
func (p *Pack) Bytes() ([]byte, error) {
	stored, err := p.storedBytes()
	if err != nil || len(p.extents) == 1 {
		return stored, err
	}
	out := make([]byte, p.size)
	for _, x := range p.extents {
		copy(out[x.off:x.off+x.n], stored[x.stored:x.stored+x.n])
	}
	return out, nil
}

// storedBytes returns all stored bytes, decompressed.
func (p *Pack) storedBytes() ([]byte, error) {
	out := make([]byte, p.size)
	var zr io.ReadCloser
	for i := range p.chunks {
		c := &p.chunks[i]
		dst := out[int64(i)*int64(p.chunkSize) : int64(i)*int64(p.chunkSize)+p.chunkLen(i)]
		src := p.data[c.off : c.off+c.n]
		if c.method == methodRaw {
			copy(dst, src)
			continue
		}
		if zr == nil {
			zr = flate.NewReader(strings.NewReader(src))
		} else {
			_ = zr.(flate.Resetter).Reset(strings.NewReader(src), nil)
		}
		if _, err := io.ReadFull(zr, dst); err != nil {
			return nil, fmt.Errorf("内置字体 %s 的第 %d 块数据已损坏（%w），请重新安装年报助手", p.name, i, err)
		}
	}
	return out, nil
}

// PackFont writes font (a TrueType file) as a font pack to w, in chunks of chunkSize
// bytes (8 KiB when 0). order lists the extents of the font, {offset, length}, in the
// order to store them (nil: the file's order); they must tile the font. The chunks
// holding the first raw stored bytes are stored raw (the tables, read on every export);
// any other chunk is deflated unless that saves less than a tenth of it. fonts/build.sh
// uses it, through assets/internal/fontpack, to make the bundled packs.
func PackFont(w io.Writer, font []byte, chunkSize int, order [][2]int, raw int) error {
	if chunkSize <= 0 {
		chunkSize = defaultChunkSz
	}
	if len(font) > maxPackedFont || len(font) == 0 {
		return errors.New("字体为空或过大，无法打包")
	}
	if order == nil {
		order = [][2]int{{0, len(font)}}
	}
	// The extents, by offset in the font, must tile it.
	type ext struct{ off, n, stored int }
	exts := make([]ext, 0, len(order))
	stored := make([]byte, 0, len(font))
	for _, o := range order {
		if o[1] <= 0 || o[0] < 0 || o[0]+o[1] > len(font) {
			return errors.New("字体打包的区段无效")
		}
		exts = append(exts, ext{o[0], o[1], len(stored)})
		stored = append(stored, font[o[0]:o[0]+o[1]]...)
	}
	sort.Slice(exts, func(i, j int) bool { return exts[i].off < exts[j].off })
	at := 0
	for _, x := range exts {
		if x.off != at {
			return errors.New("字体打包的区段没有恰好覆盖整个字体")
		}
		at += x.n
	}
	if at != len(font) {
		return errors.New("字体打包的区段没有恰好覆盖整个字体")
	}
	n := (len(font) + chunkSize - 1) / chunkSize
	var body bytes.Buffer
	head := make([]byte, packHeaderLen+n*packEntryLen+len(exts)*packExtentLen)
	copy(head, packMagic)
	binary.BigEndian.PutUint32(head[4:], packVersion)
	binary.BigEndian.PutUint32(head[8:], uint32(len(font)))
	binary.BigEndian.PutUint32(head[12:], uint32(chunkSize))
	binary.BigEndian.PutUint32(head[16:], uint32(n))
	binary.BigEndian.PutUint32(head[20:], uint32(len(exts)))
	for i, x := range exts {
		e := head[packHeaderLen+n*packEntryLen+i*packExtentLen:]
		binary.BigEndian.PutUint32(e, uint32(x.off))
		binary.BigEndian.PutUint32(e[4:], uint32(x.n))
		binary.BigEndian.PutUint32(e[8:], uint32(x.stored))
	}
	zw, _ := flate.NewWriter(nil, flate.BestCompression)
	for i := 0; i < n; i++ {
		chunk := stored[i*chunkSize : min((i+1)*chunkSize, len(stored))]
		var z bytes.Buffer
		zw.Reset(&z)
		zw.Write(chunk)
		if err := zw.Close(); err != nil {
			return err
		}
		data, method := chunk, uint32(methodRaw)
		if i*chunkSize >= raw && z.Len() < len(chunk)*9/10 {
			data, method = z.Bytes(), methodDeflate
		}
		e := head[packHeaderLen+i*packEntryLen:]
		binary.BigEndian.PutUint32(e, uint32(len(head)+body.Len()))
		binary.BigEndian.PutUint32(e[4:], uint32(len(data)))
		binary.BigEndian.PutUint32(e[8:], method)
		body.Write(data)
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	_, err := w.Write(body.Bytes())
	return err
}
