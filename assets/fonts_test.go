package assets

import (
	"bytes"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

func TestFontBundled(t *testing.T) {
	for _, r := range Roles {
		t.Run(r.String(), func(t *testing.T) {
			b := Font(r)
			if err := checkTrueType(b); err != nil {
				t.Fatalf("bundled %s: %v", BundledName(r), err)
			}
			if len(b) < 1<<20 {
				t.Fatalf("bundled %s suspiciously small: %d bytes", BundledName(r), len(b))
			}
		})
	}
	if &Font(Heading)[0] != &Font(UI)[0] {
		t.Error("Heading and UI should share one decompressed font")
	}
}

// TestFontsInGofpdf checks that gofpdf can parse every bundled font and
// that the GBK fonts carry rare name characters.
func TestFontsInGofpdf(t *testing.T) {
	tests := []struct {
		role Role
		text string
	}{
		{Title, "某某市人民政府2025年政府信息公开工作年度报告"},
		{Body, "张喆、李堃、王玥：①⑳——“引号”‘单’·（）《》…"},
		{Heading, "一、总体情况 喆堃玥"},
		{Kai, "（一）主动公开情况"},
		{UI, "年报助手 喆堃玥"},
	}
	for _, tc := range tests {
		t.Run(tc.role.String(), func(t *testing.T) {
			pdf := gofpdf.New("P", "mm", "A4", "")
			pdf.AddUTF8FontFromBytes("f", "", bytes.Clone(Font(tc.role))) // gofpdf writes into the bytes it is given
			pdf.AddPage()
			pdf.SetFont("f", "", 16)
			if w := pdf.GetStringWidth(tc.text); w <= 0 {
				t.Errorf("width of %q = %v", tc.text, w)
			}
			pdf.Text(20, 20, tc.text)
			var buf bytes.Buffer
			if err := pdf.Output(&buf); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestIcon(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Fatalf("icon is %v, want 512×512", b)
	}
}

func TestRoleString(t *testing.T) {
	tests := []struct {
		r    Role
		want string
	}{{Title, "title"}, {Body, "body"}, {Heading, "heading"}, {Kai, "kai"}, {UI, "ui"}, {Role(9), "Role(9)"}}
	for _, tc := range tests {
		if got := tc.r.String(); got != tc.want {
			t.Errorf("%d: got %q want %q", int(tc.r), got, tc.want)
		}
	}
}

var ttfHeader = []byte{0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPickSystem: which file each role gets from the system folders and overrides.
func TestPickSystem(t *testing.T) {
	winDir := t.TempDir()
	userDir := t.TempDir()
	other := t.TempDir()
	// Windows fonts folder: simfang.ttf (upper case, must match), simhei as
	// a collection in disguise (must be skipped), simkai missing, 方正小标宋
	// only in the per-user folder.
	writeFile(t, winDir, "SIMFANG.TTF", append([]byte(nil), ttfHeader...))
	writeFile(t, winDir, "simhei.ttf", append([]byte("ttcf"), ttfHeader[4:]...))
	writeFile(t, winDir, "msyh.ttc", append([]byte("ttcf"), ttfHeader[4:]...))
	writeFile(t, userDir, "FZXBSJW.TTF", append([]byte("true"), ttfHeader[4:]...))
	good := writeFile(t, other, "my-kai.ttf", append([]byte(nil), ttfHeader...))
	otf := writeFile(t, other, "bad.otf", append([]byte("OTTO"), ttfHeader[4:]...))

	saved := systemFontDirs
	defer func() { systemFontDirs = saved }()
	systemFontDirs = func() []string { return []string{filepath.Join(winDir, "missing"), winDir, userDir} }

	tests := []struct {
		name     string
		role     Role
		override map[Role]string
		want     string // expected font name
		bundled  bool
		wantErr  bool
	}{
		{"system body", Body, nil, "SIMFANG", false, false},
		{"collection skipped", Heading, nil, "NotoSansSC-Regular", true, false},
		{"no system kai", Kai, nil, "ARPLKaitiMGB", true, false},
		{"per-user title", Title, nil, "FZXBSJW", false, false},
		{"ui never system", UI, nil, "NotoSansSC-Regular", true, false},
		{"override wins", Body, map[Role]string{Body: good}, "my-kai", false, false},
		{"override other role ignored", Kai, map[Role]string{Body: good}, "ARPLKaitiMGB", true, false},
		{"override missing file", Kai, map[Role]string{Kai: filepath.Join(other, "nope.ttf")}, "", false, true},
		{"override otf", Kai, map[Role]string{Kai: otf}, "", false, true},
		{"unknown role", Role(42), nil, "", false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Pick(tc.role, tc.override, false)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("want error, got %+v", c)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Name != tc.want {
				t.Errorf("name = %q, want %q", c.Name, tc.want)
			}
			if tc.bundled != (c.Source == Bundled) {
				t.Errorf("bundled = %v, source %v", tc.bundled, c.Source)
			}
		})
	}
}

func TestSystemFontNoDirs(t *testing.T) {
	saved := systemFontDirs
	defer func() { systemFontDirs = saved }()
	systemFontDirs = func() []string { return nil }
	for _, r := range Roles {
		if p, ok := SystemFont(r); ok {
			t.Errorf("%v: unexpected system font %s", r, p)
		}
	}
}

// sfntChecksum is the TrueType checksum of b (big-endian uint32 words, zero-padded).
func sfntChecksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:min(i+4, len(b))])
		sum += uint32(w[0])<<24 | uint32(w[1])<<16 | uint32(w[2])<<8 | uint32(w[3])
	}
	return sum
}

// TestPackedFontsWhole: each bundled font comes out of its pack byte for byte as built:
// the checksum of a whole TrueType file, with head.checkSumAdjustment, is 0xB1B0AFBA.
func TestPackedFontsWhole(t *testing.T) {
	for _, r := range []Role{Title, Body, Heading, Kai} {
		b := Font(r)
		if got := sfntChecksum(b); got != 0xB1B0AFBA {
			t.Errorf("%s: file checksum %#x, want 0xB1B0AFBA", BundledName(r), got)
		}
	}
}

// TestPackReadAt reads ranges across chunk boundaries, from a fresh pack (nothing
// decompressed yet) and in parallel, and compares them with the whole font.
func TestPackReadAt(t *testing.T) {
	whole := Font(Kai)
	var buf bytes.Buffer
	// Stored out of order, as the bundled packs are: the tail raw first, then the middle,
	// then the start.
	third := len(whole) / 3
	order := [][2]int{{2 * third, len(whole) - 2*third}, {third, third}, {0, third}}
	if err := PackFont(&buf, whole, 1000, order, 5000); err != nil {
		t.Fatal(err)
	}
	p, err := openPack("kai", buf.String())
	if err != nil {
		t.Fatal(err)
	}
	if p.Size() != int64(len(whole)) {
		t.Fatalf("size %d, want %d", p.Size(), len(whole))
	}
	raw, deflated := 0, 0
	for i := range p.chunks {
		if p.chunks[i].method == methodRaw {
			raw++
		} else {
			deflated++
		}
	}
	if raw == 0 || deflated == 0 {
		t.Errorf("%d raw and %d deflated chunks: want both kinds (the font's tables compress, some glyph runs do not)", raw, deflated)
	}
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			defer func() { done <- true }()
			for _, rg := range [][2]int64{{0, 12}, {999, 2}, {123456, 5000}, {int64(len(whole)) - 7, 7}, {int64(len(whole)/2 + g), 3001}} {
				b := make([]byte, rg[1])
				n, err := p.ReadAt(b, rg[0])
				if err != nil || n != len(b) || !bytes.Equal(b, whole[rg[0]:rg[0]+rg[1]]) {
					t.Errorf("ReadAt(%d, %d) = %d, %v, or wrong bytes", rg[0], rg[1], n, err)
				}
			}
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
	if n, err := p.ReadAt(make([]byte, 10), int64(len(whole))-5); n != 5 || err == nil {
		t.Errorf("read past the end: %d, %v; want 5 and io.EOF", n, err)
	}
	touched := 0
	for i := range p.chunks {
		if p.chunks[i].raw != nil {
			touched++
		}
	}
	if touched == 0 || touched > 16 {
		t.Errorf("%d chunks decompressed for 5 short reads", touched)
	}
}

// TestPackReadAtWhole: once Font has made the whole font, the pack reads from it.
func TestPackReadAtWhole(t *testing.T) {
	whole := Font(UI)
	p := BundledPack(Heading) // the same font
	b := make([]byte, 100)
	if n, err := p.ReadAt(b, 1000); n != 100 || err != nil || !bytes.Equal(b, whole[1000:1100]) {
		t.Fatalf("ReadAt = %d, %v", n, err)
	}
	if n, err := p.ReadAt(b, p.Size()-10); n != 10 || err != io.EOF {
		t.Errorf("read past the end: %d, %v", n, err)
	}
	for i := range p.chunks {
		if p.chunks[i].raw != nil {
			t.Fatal("a chunk was decompressed although the whole font was there")
		}
	}
}

func TestPackCorrupt(t *testing.T) {
	var buf bytes.Buffer
	font := bytes.Repeat([]byte("年报助手"), 5000)
	if err := PackFont(&buf, font, 4096, nil, 0); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	extentAt := packHeaderLen + (len(font)+4095)/4096*packEntryLen // the first extent's offset in the font
	for _, order := range [][][2]int{{{0, 100}}, {{0, 100}, {50, len(font) - 50}}, {{100, len(font) - 100}, {0, 99}}} {
		if err := PackFont(io.Discard, font, 4096, order, 0); err == nil {
			t.Errorf("extents %v that do not tile the font were accepted", order)
		}
	}
	for name, data := range map[string]string{
		"empty":      "",
		"magic":      "XXXX" + good[4:],
		"version":    good[:7] + "\x09" + good[8:],
		"truncated":  good[:30],
		"bad offset": good[:24] + "\xff\xff\xff\xff" + good[28:],
		"bad extent": good[:extentAt] + "\x00\x00\x00\x07" + good[extentAt+4:],
	} {
		if _, err := openPack("x", data); err == nil {
			t.Errorf("%s: corrupt pack accepted", name)
		}
	}
	p, err := openPack("x", good[:len(good)-10])
	if err == nil {
		if _, err = p.Bytes(); err == nil {
			t.Error("a pack cut short decompressed without error")
		}
	}
}

// TestSystemFontLinux lays out font folders the way 统信 UOS, 麒麟 and WPS installs do —
// fonts in nested subfolders of /usr/share/fonts and ~/.local/share/fonts, a symlink
// loop, a hidden folder, a collection named .ttf — and checks what each role finds.
func TestSystemFontLinux(t *testing.T) {
	usr, home := t.TempDir(), t.TempDir()
	ttf := append([]byte(nil), ttfHeader...)
	mk := func(dir string) string {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	wps := mk(filepath.Join(usr, "truetype", "wps-office"))
	writeFile(t, wps, "FZXBSJW.TTF", ttf)
	writeFile(t, wps, "simhei.ttf", append([]byte("ttcf"), ttfHeader[4:]...)) // a collection in disguise
	cesi := mk(filepath.Join(usr, "fonts-cesi", "deep", "er"))
	writeFile(t, cesi, "CESI_HT_GB2312.TTF", ttf)
	writeFile(t, mk(filepath.Join(usr, ".hidden")), "simkai.ttf", ttf)
	if err := os.Symlink(usr, filepath.Join(usr, "truetype", "loop")); err != nil {
		t.Fatal(err)
	}
	local := mk(filepath.Join(home, ".local", "share", "fonts", "gov"))
	writeFile(t, local, "仿宋_GB2312.ttf", ttf)
	writeFile(t, local, "楷体_GB2312.otf", append([]byte("OTTO"), ttfHeader[4:]...))

	saved := systemFontDirs
	defer func() { systemFontDirs = saved }()
	systemFontDirs = func() []string { return []string{usr, filepath.Join(home, ".local", "share", "fonts")} }
	tests := []struct {
		role  Role
		file  string // "" for none
		label string
	}{
		{Title, "FZXBSJW.TTF", "方正小标宋简体"},
		{Body, "仿宋_GB2312.ttf", "仿宋_GB2312"},
		{Heading, "CESI_HT_GB2312.TTF", "CESI黑体-GB2312"},
		{Kai, "", ""},
		{UI, "", ""},
	}
	for _, tc := range tests {
		p, ok := SystemFont(tc.role)
		if tc.file == "" {
			if ok {
				t.Errorf("%v: unexpected system font %s", tc.role, p)
			}
			continue
		}
		if !ok || filepath.Base(p) != tc.file {
			t.Errorf("%v: got %q, %v; want %s", tc.role, p, ok, tc.file)
			continue
		}
		c, err := Pick(tc.role, nil, false)
		if err != nil || c.Source != System || c.Path != p || c.Label != tc.label {
			t.Errorf("%v: Pick = %+v, %v; want the system font %s labelled %s", tc.role, c, err, p, tc.label)
		}
		if c, _ := Pick(tc.role, nil, true); c.Source != Bundled || c.Label != BundledLabel(tc.role) {
			t.Errorf("%v: bundled only: Pick = %+v", tc.role, c)
		}
	}
}

// TestSystemFontDirsDefault: on Linux the search covers fontconfig's folders.
func TestSystemFontDirsDefault(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Linux folders")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("WINDIR", "")
	t.Setenv("LOCALAPPDATA", "")
	want := []string{"/usr/share/fonts", "/usr/local/share/fonts", filepath.Join(home, ".local/share/fonts"), filepath.Join(home, ".fonts")}
	if got := systemFontDirs(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("dirs %q, want %q", got, want)
	}
}

func TestSystemFontBounded(t *testing.T) {
	dir := t.TempDir()
	deep := dir
	for i := 0; i < maxFontDirDepth+3; i++ {
		deep = filepath.Join(deep, "d")
	}
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, deep, "simfang.ttf", append([]byte(nil), ttfHeader...))
	saved := systemFontDirs
	defer func() { systemFontDirs = saved }()
	systemFontDirs = func() []string { return []string{dir} }
	if p, ok := SystemFont(Body); ok {
		t.Errorf("found %s below the depth bound", p)
	}
}

func TestPickOverride(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "my-fang.ttf", append([]byte(nil), ttfHeader...))
	c, err := Pick(Body, map[Role]string{Body: good}, true)
	if err != nil || c.Source != User || c.Name != "my-fang" || c.Path != good {
		t.Errorf("Pick = %+v, %v", c, err)
	}
	for _, p := range []string{filepath.Join(dir, "missing.ttf"), dir} {
		_, err := Pick(Body, map[Role]string{Body: p}, false)
		if err == nil || !strings.Contains(err.Error(), "字体文件") {
			t.Errorf("%s: error %v, want a Chinese message naming the file", p, err)
		}
	}
}

func TestRoleLabel(t *testing.T) {
	want := map[Role]string{Title: "标题", Body: "正文", Heading: "一级标题", Kai: "二级标题", UI: "界面"}
	for r, w := range want {
		if r.Label() != w {
			t.Errorf("%v: %q, want %q", r, r.Label(), w)
		}
	}
}
