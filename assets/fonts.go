// Package assets bundles the application's fonts and icon and decides which
// font file to use for each typographic role: a user override, a font
// installed on the system (Windows fonts folder), or the bundled subset font.
//
// The bundled fonts are TrueType (never .otf/.ttc, which gofpdf cannot read
// and which make Fyne panic), subset to the GBK repertoire and stored
// gzip-compressed; see fonts/README.md and fonts/build.sh.
package assets

import (
	"bytes"
	"compress/gzip"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
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

//go:embed fonts/*.ttf.gz
var fontFS embed.FS

// bundledFile maps each role to its bundled font (without ".ttf.gz").
var bundledFile = map[Role]string{
	Title:   "NotoSerifSC-Bold",
	Body:    "NotoSerifSC-Regular",
	Heading: "NotoSansSC-Regular",
	Kai:     "ARPLKaitiMGB",
	UI:      "NotoSansSC-Regular",
}

var (
	fontMu    sync.Mutex
	fontCache = map[string][]byte{}
)

// BundledName returns the name of the bundled font used for role r,
// e.g. "NotoSerifSC-Regular".
func BundledName(r Role) string {
	return bundledFile[r]
}

// Font returns the bundled TrueType bytes for role r. The data is
// decompressed once and shared; callers must not modify it.
// Font panics if r is not a valid Role.
func Font(r Role) []byte {
	name, ok := bundledFile[r]
	if !ok {
		panic(fmt.Sprintf("assets: unknown font role %d", int(r)))
	}
	fontMu.Lock()
	defer fontMu.Unlock()
	if b, ok := fontCache[name]; ok {
		return b
	}
	f, err := fontFS.Open("fonts/" + name + ".ttf.gz")
	if err != nil {
		panic("assets: bundled font missing: " + err.Error())
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		panic("assets: bundled font corrupt: " + err.Error())
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		panic("assets: bundled font corrupt: " + err.Error())
	}
	fontCache[name] = b
	return b
}

// systemCandidates lists, per role, the file names of acceptable system
// fonts in order of preference. Only TrueType (.ttf) files are listed.
var systemCandidates = map[Role][]string{
	Title:   {"FZXBSJW.TTF", "FZXBSJW--GB1-0.TTF", "方正小标宋简体.ttf", "方正小标宋_GBK.ttf", "FZXBSK.TTF"},
	Body:    {"simfang.ttf"},
	Heading: {"simhei.ttf"},
	Kai:     {"simkai.ttf"},
}

// systemFontDirs returns the directories searched for system fonts. It is a
// variable so tests can point it at a temporary directory.
var systemFontDirs = func() []string {
	var dirs []string
	if w := os.Getenv("WINDIR"); w != "" {
		dirs = append(dirs, filepath.Join(w, "Fonts"))
	}
	if l := os.Getenv("LOCALAPPDATA"); l != "" {
		// Fonts installed "for the current user only" (Windows 10 and later).
		dirs = append(dirs, filepath.Join(l, "Microsoft", "Windows", "Fonts"))
	}
	return dirs
}

// SystemFont returns the path of an installed system font suitable for
// role r: in %WINDIR%\Fonts (or the per-user fonts folder) simfang.ttf for
// Body, simhei.ttf for Heading, simkai.ttf for Kai and a 方正小标宋 .ttf for
// Title. File names match case-insensitively; files that are not TrueType
// (e.g. collections) are skipped. There is no system font for UI.
func SystemFont(r Role) (path string, ok bool) {
	cands := systemCandidates[r]
	if len(cands) == 0 {
		return "", false
	}
	for _, dir := range systemFontDirs() {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		byLower := make(map[string]string, len(entries))
		for _, e := range entries {
			if !e.IsDir() {
				byLower[strings.ToLower(e.Name())] = e.Name()
			}
		}
		for _, c := range cands {
			name, found := byLower[strings.ToLower(c)]
			if !found {
				continue
			}
			p := filepath.Join(dir, name)
			if isTrueTypeFile(p) {
				return p, true
			}
		}
	}
	return "", false
}

// Resolve picks the font for role r: override[r] if set, else the system
// font, else the bundled font. name is a short font name (the file name
// without extension, or the bundled font's name). An override that cannot
// be read or is not a TrueType font is an error; an unusable system font is
// silently skipped.
func Resolve(r Role, override map[Role]string) (name string, data []byte, err error) {
	if _, ok := bundledFile[r]; !ok {
		return "", nil, fmt.Errorf("assets: unknown font role %d", int(r))
	}
	if p := override[r]; p != "" {
		b, err := os.ReadFile(p)
		if err != nil {
			return "", nil, fmt.Errorf("读取字体文件失败：%w", err)
		}
		if err := checkTrueType(b); err != nil {
			return "", nil, fmt.Errorf("字体文件 %s 不可用：%w", filepath.Base(p), err)
		}
		return baseName(p), b, nil
	}
	if p, ok := SystemFont(r); ok {
		if b, err := os.ReadFile(p); err == nil && checkTrueType(b) == nil {
			return baseName(p), b, nil
		}
	}
	return bundledFile[r], Font(r), nil
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

func isTrueTypeFile(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 12)
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	return checkTrueType(head) == nil
}
