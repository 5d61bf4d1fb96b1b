// Package assets bundles the application's fonts and icon and decides which
// font file to use for each typographic role: a user override, a font
// installed on the system (the Windows fonts folders, or fontconfig's folders on
// Linux — 统信 UOS, 麒麟), or the bundled subset font.
//
// The bundled fonts are TrueType (never .otf/.ttc, which gofpdf cannot read
// and which make Fyne panic), subset to the GBK repertoire and stored as font
// packs, compressed in small chunks that are decompressed on first use; see
// pack.go, fonts/README.md and fonts/build.sh.
package assets

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/nianbao/nianbao/form/fileio"
)

// Role is the typographic role a font plays in the report or the UI.
type Role int

// Font roles. The Chinese names are the conventional typefaces that
// GB/T 9704-2012 prescribes for each role.
const (
	// Title is the report title (方正小标宋 role).
	Title Role = iota
	// Body is running text (仿宋 role).
	Body
	// Heading is level-1 headings such as "一、" (黑体 role).
	Heading
	// Kai is level-2 headings such as "（一）" (楷体 role).
	Kai
	// UI is the user-interface font.
	UI
)

// Roles lists every role in declaration order.
var Roles = []Role{Title, Body, Heading, Kai, UI}

// String returns the English name of the role.
func (r Role) String() string {
	switch r {
	case Title:
		return "title"
	case Body:
		return "body"
	case Heading:
		return "heading"
	case Kai:
		return "kai"
	case UI:
		return "ui"
	}
	return fmt.Sprintf("Role(%d)", int(r))
}

// Label returns the Chinese name of the role as users know it: 标题, 正文, 一级标题,
// 二级标题, 界面.
func (r Role) Label() string {
	switch r {
	case Title:
		return "标题"
	case Body:
		return "正文"
	case Heading:
		return "一级标题"
	case Kai:
		return "二级标题"
	case UI:
		return "界面"
	}
	return r.String()
}

// Bundled fonts, stored as font packs (see pack.go): embedded as strings, so that
// nothing is copied or decompressed at process start.
var (
	//go:embed fonts/NotoSerifSC-Bold.nbfp
	packTitle string
	//go:embed fonts/NotoSerifSC-Regular.nbfp
	packBody string
	//go:embed fonts/NotoSansSC-Regular.nbfp
	packSans string
	//go:embed fonts/ARPLKaitiMGB.nbfp
	packKai string
)

// bundled describes the bundled font of a role.
type bundled struct {
	name string // file name without extension
	zh   string // Chinese name shown to users
	data *string
}

var (
	bundledTitle = &bundled{"NotoSerifSC-Bold", "思源宋体（粗）", &packTitle}
	bundledBody  = &bundled{"NotoSerifSC-Regular", "思源宋体", &packBody}
	bundledSans  = &bundled{"NotoSansSC-Regular", "思源黑体", &packSans}
	bundledKai   = &bundled{"ARPLKaitiMGB", "文鼎楷体", &packKai}
)

// bundledFile maps each role to its bundled font.
var bundledFile = map[Role]*bundled{
	Title:   bundledTitle,
	Body:    bundledBody,
	Heading: bundledSans,
	Kai:     bundledKai,
	UI:      bundledSans,
}

var (
	fontMu    sync.Mutex
	fontCache = map[string][]byte{}
	packCache = map[string]*Pack{}
)

// BundledName returns the name of the bundled font used for role r,
// e.g. "NotoSerifSC-Regular".
func BundledName(r Role) string {
	if b := bundledFile[r]; b != nil {
		return b.name
	}
	return ""
}

// BundledLabel returns the Chinese name of the bundled font used for role r, e.g. "思源宋体".
func BundledLabel(r Role) string {
	if b := bundledFile[r]; b != nil {
		return b.zh
	}
	return ""
}

// BundledPack returns the bundled font for role r as a Pack, for reading parts of it
// without decompressing the whole font. Packs are opened once and shared.
// BundledPack panics if r is not a valid Role.
func BundledPack(r Role) *Pack {
	b, ok := bundledFile[r]
	if !ok {
		panic(fmt.Sprintf("assets: unknown font role %d", int(r)))
	}
	fontMu.Lock()
	defer fontMu.Unlock()
	if p := packCache[b.name]; p != nil {
		return p
	}
	p, err := openPack(b.name, *b.data)
	if err != nil {
		panic("assets: bundled font " + b.name + ": " + err.Error())
	}
	packCache[b.name] = p
	return p
}

// Font returns the bundled TrueType bytes for role r (the whole font, e.g. for the UI).
// The data is decompressed once and shared; callers must not modify it.
// Font panics if r is not a valid Role.
func Font(r Role) []byte {
	p := BundledPack(r)
	fontMu.Lock()
	defer fontMu.Unlock()
	if b, ok := fontCache[p.name]; ok {
		return b
	}
	b, err := p.Bytes()
	if err != nil {
		panic("assets: bundled font corrupt: " + err.Error())
	}
	fontCache[p.name] = b
	p.whole.Store(&b) // later reads of the pack copy from it instead of decompressing chunks
	return b
}

// Source tells where the font of a role comes from.
type Source int

const (
	// Bundled is the font embedded in the program.
	Bundled Source = iota
	// System is a font installed on the computer (Windows or Linux font folders).
	System
	// User is a font file the user chose.
	User
)

// Choice is the font file picked for a role.
type Choice struct {
	Role   Role
	Source Source
	// Path is the font file of a system or user font; empty for a bundled font.
	Path string
	// Name is a short name: the file name without extension, or the bundled font's name.
	Name string
	// Label is the font's Chinese name when known ("仿宋", "方正小标宋简体", "思源宋体");
	// empty for a file of unknown name.
	Label string
}

// Pick chooses the font for role r: override[r] if set, else (unless bundledOnly) a
// system font found by SystemFont, else the bundled font. It reads no more than a font
// file's first bytes; an override that is missing or not a TrueType file is an error
// (in Chinese, naming the file).
func Pick(r Role, override map[Role]string, bundledOnly bool) (Choice, error) {
	b, ok := bundledFile[r]
	if !ok {
		return Choice{}, fmt.Errorf("未知的字体用途（%d）", int(r))
	}
	if p := override[r]; p != "" {
		if err := checkTrueTypeFile(p); err != nil {
			return Choice{}, err
		}
		return Choice{Role: r, Source: User, Path: p, Name: baseName(p), Label: knownLabel(p)}, nil
	}
	if !bundledOnly {
		if p, ok := SystemFont(r); ok {
			return Choice{Role: r, Source: System, Path: p, Name: baseName(p), Label: knownLabel(p)}, nil
		}
	}
	return Choice{Role: r, Source: Bundled, Name: b.name, Label: b.zh}, nil
}

func baseName(p string) string {
	b := filepath.Base(p)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// errNotTrueType reports a font file in an unsupported format.
var errNotTrueType = errors.New("不是 TrueType（.ttf）字体，不支持 .ttc/.otf")

// checkTrueType reports whether b starts like a single TrueType font.
func checkTrueType(b []byte) error {
	if len(b) < 12 {
		return errNotTrueType
	}
	switch {
	case bytes.Equal(b[:4], []byte{0, 1, 0, 0}), bytes.Equal(b[:4], []byte("true")):
		return nil
	}
	return errNotTrueType
}

// maxFontFile is the largest font file looked at (no CJK TrueType font is near it).
const maxFontFile = 64 << 20

// errNotRegular reports a folder, FIFO, device or socket where a font file should be.
var errNotRegular = errors.New("不是普通文件")

// readHead reads the first bytes of the regular file p. It checks what p is before
// opening it (fileio.Open): opening a FIFO named simfang.ttf would wait for a writer.
func readHead(p string) ([]byte, error) {
	f, _, err := fileio.Open(p, maxFontFile)
	switch {
	case errors.Is(err, fileio.ErrNotRegular):
		return nil, errNotRegular
	case errors.Is(err, fileio.ErrTooLarge):
		return nil, errors.New("文件过大，不像是字体")
	case err != nil:
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 12)
	if _, err := io.ReadFull(f, head); err != nil {
		return nil, errNotTrueType
	}
	return head, nil
}

// checkTrueTypeFile checks that the user's font file p can be read and starts like a
// TrueType font.
func checkTrueTypeFile(p string) error {
	head, err := readHead(p)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("读取字体文件 %s 失败：文件不存在", filepath.Base(p))
	case errors.Is(err, os.ErrPermission):
		return fmt.Errorf("读取字体文件 %s 失败：没有读取权限", filepath.Base(p))
	case err == nil:
		err = checkTrueType(head)
	}
	if err != nil {
		return fmt.Errorf("字体文件 %s 不可用：%w", filepath.Base(p), err)
	}
	return nil
}

func isTrueTypeFile(p string) bool {
	head, err := readHead(p)
	return err == nil && checkTrueType(head) == nil
}
