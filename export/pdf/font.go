package pdf

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/nianbao/nianbao/assets"
)

// face is a font file parsed once per process and shared read-only by every document:
// its tables and metrics in memory, its outlines read on demand (from the bundled font
// pack, decompressing only the chunks touched, or from the font file).
type face struct {
	choice assets.Choice
	sf     *sfnt
	m      *metrics
	label  string  // Chinese name shown to users
	ink    float64 // inkHeight of the face
	ps     string  // PostScript-style name for the PDF's BaseFont
	// outlines returns a reader of the font file and a function to release it.
	outlines func() (io.ReaderAt, func(), error)
}

// faceKey identifies a cached face: the file (with its size and time, so that a font
// replaced on disk is read again) or the bundled font.
type faceKey struct {
	path    string
	size    int64
	modTime time.Time
	bundled string
}

var (
	faceMu    sync.Mutex
	faceCache = map[faceKey]*face{}
)

// loadFace opens the font of choice c, or returns the cached face.
func loadFace(c assets.Choice) (*face, error) {
	var key faceKey
	if c.Source == assets.Bundled {
		key.bundled = assets.BundledName(c.Role)
	} else {
		st, err := os.Stat(c.Path)
		if err != nil {
			return nil, fmt.Errorf("读取字体文件 %s 失败", filepath.Base(c.Path))
		}
		if !st.Mode().IsRegular() {
			return nil, fmt.Errorf("字体文件 %s 不是普通文件", filepath.Base(c.Path))
		}
		key = faceKey{path: c.Path, size: st.Size(), modTime: st.ModTime()}
	}
	faceMu.Lock()
	defer faceMu.Unlock()
	if f := faceCache[key]; f != nil {
		return f, nil
	}
	f := &face{choice: c}
	if c.Source == assets.Bundled {
		p := assets.BundledPack(c.Role)
		f.outlines = func() (io.ReaderAt, func(), error) { return p, func() {}, nil }
	} else {
		path := c.Path
		f.outlines = func() (io.ReaderAt, func(), error) {
			fh, err := os.Open(path)
			if err != nil {
				return nil, nil, fmt.Errorf("读取字体文件 %s 失败", filepath.Base(path))
			}
			return fh, func() { fh.Close() }, nil
		}
	}
	r, done, err := f.outlines()
	if err != nil {
		return nil, err
	}
	size := key.size
	if c.Source == assets.Bundled {
		size = assets.BundledPack(c.Role).Size()
	}
	sf, err := parseSFNT(r, size)
	if err == nil {
		f.ink = inkHeight(sf, r)
	}
	done()
	if err == nil && !sf.embeddable() {
		err = errNoSubset
	}
	if err != nil {
		return nil, err
	}
	f.sf, f.m = sf, sf.m
	family, ps := fontNames(sf.tab["name"])
	f.label = c.Label
	if f.label == "" {
		f.label = family
	}
	if f.label == "" {
		f.label = c.Name
	}
	f.ps = pdfName(ps)
	if f.ps == "" {
		f.ps = pdfName(c.Name)
	}
	if f.ps == "" {
		f.ps = "Font"
	}
	if len(faceCache) > 64 { // many user fonts tried in one session
		clear(faceCache)
	}
	faceCache[key] = f
	return f, nil
}

// fontNames returns the family name (Chinese if the font has one, else English) and the
// PostScript name from a name table.
func fontNames(name []byte) (family, ps string) {
	if len(name) < 6 {
		return "", ""
	}
	n, strs := int(u16(name, 2)), int(u16(name, 4))
	var en string
	for i := 0; i < n; i++ {
		rec := 6 + 12*i
		if rec+12 > len(name) {
			break
		}
		pid, eid, lang, id := u16(name, rec), u16(name, rec+2), u16(name, rec+4), u16(name, rec+6)
		ln, off := int(u16(name, rec+8)), int(u16(name, rec+10))
		if pid != 3 || (eid != 1 && eid != 0) || strs+off+ln > len(name) {
			continue
		}
		b := name[strs+off : strs+off+ln]
		u := make([]uint16, len(b)/2)
		for k := range u {
			u[k] = u16(b, 2*k)
		}
		s := strings.TrimSpace(string(utf16.Decode(u)))
		switch {
		case id == 1 && (lang == 0x804 || lang == 0x404 || lang == 0xC04) && family == "":
			family = s
		case id == 1 && lang == 0x409 && en == "":
			en = s
		case id == 6 && ps == "":
			ps = s
		}
	}
	if family == "" {
		family = en
	}
	return family, ps
}

// pdfName keeps the characters of s that may stand in a PDF name without escapes.
func pdfName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FontUse tells which font a role of the document used.
type FontUse struct {
	// Role is the typographic role (title, body, headings).
	Role assets.Role
	// Source is where the font came from.
	Source assets.Source
	// Font is the font's name as shown to users, e.g. "仿宋" or "思源宋体".
	Font string
	// Path is the font file of a system or user font.
	Path string
	// Note explains why a system font found was not used (in Chinese), or is empty.
	Note string
}

// String returns the use as shown to users after an export, e.g. "正文：仿宋（系统字体）",
// "正文：内置思源宋体" or "二级标题：内置文鼎楷体（系统字体 simkai.ttf 不可用：…）".
func (u FontUse) String() string {
	s := u.Role.Label() + "："
	switch u.Source {
	case assets.Bundled:
		s += "内置" + u.Font
	case assets.System:
		s += u.Font + "（系统字体）"
	default:
		s += u.Font + "（指定字体）"
	}
	if u.Note != "" {
		s += "（" + u.Note + "）"
	}
	return s
}

// FontReport returns the fonts of every role in one line, e.g.
// "标题：内置思源宋体（粗）；正文：仿宋（系统字体）；一级标题：黑体（系统字体）；二级标题：楷体（系统字体）".
func (s Stats) FontReport() string {
	parts := make([]string, len(s.Fonts))
	for i, u := range s.Fonts {
		parts[i] = u.String()
	}
	return strings.Join(parts, "；")
}

// roleFace resolves and loads the face of role r. A user override that cannot be used is
// an error; a system font that cannot be used falls back to the bundled font, with a
// note saying why.
func roleFace(r assets.Role, opt *Options) (*face, FontUse, error) {
	c, err := assets.Pick(r, opt.FontOverrides, opt.BundledFontsOnly)
	if err != nil {
		return nil, FontUse{}, err
	}
	f, err := loadFace(c)
	use := FontUse{Role: r, Source: c.Source, Path: c.Path}
	switch {
	case err == nil:
		use.Font = f.label
		return f, use, nil
	case c.Source == assets.User:
		return nil, FontUse{}, fmt.Errorf("字体文件 %s 无法使用：%w", filepath.Base(c.Path), err)
	}
	note := fmt.Sprintf("系统字体 %s 不可用：%v", filepath.Base(c.Path), err)
	if f, err = loadFace(assets.Choice{Role: r, Source: assets.Bundled, Name: assets.BundledName(r), Label: assets.BundledLabel(r)}); err != nil {
		return nil, FontUse{}, err
	}
	return f, FontUse{Role: r, Source: assets.Bundled, Font: f.label, Note: note}, nil
}

// bundledBody returns the bundled body font, the last resort before "□".
func bundledBody() (*face, error) {
	return loadFace(assets.Choice{Role: assets.Body, Source: assets.Bundled, Name: assets.BundledName(assets.Body), Label: assets.BundledLabel(assets.Body)})
}

// has reports whether the face draws r (a glyph in range, BMP only: gofpdf encodes text
// as UTF-16 code units).
func (f *face) has(r rune) bool { return r <= 0xFFFF && f.sf.glyphOf(r) != 0 }
