package pdf

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/assets"
)

// tinyFont builds a TrueType font of three glyphs: .notdef, a square (simple glyph) for
// 'A' and a composite of two squares for 'B', with 1000 units per em.
func tinyFont() []byte {
	be := binary.BigEndian
	square := func() []byte {
		g := make([]byte, 10)
		be.PutUint16(g, 1)                    // one contour
		be.PutUint16(g[6:], 500)              // xMax
		be.PutUint16(g[8:], 500)              // yMax
		g = append(g, 0, 3)                   // endPtsOfContours: 4 points
		g = append(g, 0, 0)                   // no instructions
		g = append(g, 0x37, 0x07, 0x23, 0x1b) // flags: on-curve, short x/y
		g = append(g, 0, 250, 0, 250)         // x deltas
		g = append(g, 0, 0, 250, 0)           // y deltas
		return g
	}
	comp := make([]byte, 10)
	be.PutUint16(comp, 0xFFFF)                                   // numberOfContours -1: composite
	comp = append(comp, 0x00, 0x20|0x01|0x02, 0, 1, 0, 0, 0, 0)  // MORE_COMPONENTS, words, xy values; glyph 1
	comp = append(comp, 0x00, 0x01|0x02, 0, 1, 0x01, 0xF4, 0, 0) // glyph 1 moved by 500
	glyf := append(append([]byte(nil), square()...), comp...)
	loca := make([]byte, 4*4)
	be.PutUint32(loca[4:], 0)
	be.PutUint32(loca[8:], uint32(len(square())))
	be.PutUint32(loca[12:], uint32(len(glyf)))
	head := make([]byte, 54)
	be.PutUint32(head, 0x00010000)
	be.PutUint32(head[12:], 0x5F0F3CF5)
	be.PutUint16(head[18:], 1000)
	be.PutUint16(head[50:], 1) // long loca
	hhea := make([]byte, 36)
	be.PutUint32(hhea, 0x00010000)
	be.PutUint16(hhea[4:], 880)
	be.PutUint16(hhea[6:], 0xFF88) // -120
	be.PutUint16(hhea[34:], 3)
	maxp := make([]byte, 6)
	be.PutUint32(maxp, 0x00005000)
	be.PutUint16(maxp[4:], 3)
	hmtx := []byte{0x01, 0xF4, 0, 0, 0x03, 0xE8, 0, 0, 0x03, 0xE8, 0, 0} // 500, 1000, 1000
	return assembleSFNT(map[string][]byte{
		"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "loca": loca, "glyf": glyf,
		"cmap": buildCmap([]cmapPair{{'A', 1}, {'B', 2}}), "post": post3(nil), "name": nameTable(nil),
	})
}

func TestSubsetComposite(t *testing.T) {
	font := tinyFont()
	sf, err := parseSFNT(bytes.NewReader(font), int64(len(font)))
	if err != nil {
		t.Fatal(err)
	}
	if !sf.m.has('A') || !sf.m.has('B') || sf.m.has('C') {
		t.Fatal("cmap of the test font is wrong")
	}
	out, gids, err := sf.subsetFont(bytes.NewReader(font), []rune{'B'}, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(gids) != 1 || gids[0] != 1 {
		t.Fatalf("glyph ids %v, want [1]", gids)
	}
	sub, err := parseSFNT(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatalf("the subset does not parse: %v", err)
	}
	// .notdef, B (composite) and its component (the square), renumbered 2.
	if sub.numGlyphs != 3 || sub.glyphOf('B') != 1 || sub.m.has('A') {
		t.Fatalf("subset: %d glyphs, B→%d, has A %v", sub.numGlyphs, sub.glyphOf('B'), sub.m.has('A'))
	}
	b := make([]byte, sub.loca[2]-sub.loca[1])
	if _, err := bytes.NewReader(out).ReadAt(b, sub.glyf.off+int64(sub.loca[1])); err != nil {
		t.Fatal(err)
	}
	var comps []int
	if err := walkComponents(b, func(pos int) error { comps = append(comps, int(u16(b, pos))); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(comps) != 2 || comps[0] != 2 || comps[1] != 2 {
		t.Errorf("components %v, want [2 2]", comps)
	}
	if adv, _ := sub.hmetric(1); adv != 1000 {
		t.Errorf("advance %d", adv)
	}
	half, _, _ := sf.subsetFont(bytes.NewReader(font), []rune{'A'}, true)
	hs, _ := parseSFNT(bytes.NewReader(half), int64(len(half)))
	if adv, _ := hs.hmetric(1); adv != 500 {
		t.Errorf("half-width advance %d, want 500", adv)
	}
	if checksum(out) != 0xB1B0AFBA {
		t.Errorf("file checksum %#x", checksum(out))
	}
}

// TestSubsetBundled: a subset of each bundled font holds exactly the requested runes, with
// their advances, and parses again.
func TestSubsetBundled(t *testing.T) {
	runes := []rune("，。一中年报政府信息公开喆ABC123")
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
	for _, r := range pdfRoles {
		f, _, err := roleFace(r, &Options{BundledFontsOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		src, done, _ := f.outlines()
		out, gids, err := f.sf.subsetFont(src, runes, false)
		done()
		if err != nil {
			t.Fatal(err)
		}
		sub, err := parseSFNT(bytes.NewReader(out), int64(len(out)))
		if err != nil {
			t.Fatalf("%v: subset does not parse: %v", r, err)
		}
		for i, c := range runes {
			if f.has(c) != (gids[i] != 0) || f.has(c) && sub.glyphOf(c) != int(gids[i]) {
				t.Errorf("%v: %q → glyph %d (subset cmap %d), font has it: %v", r, c, gids[i], sub.glyphOf(c), f.has(c))
			}
			if f.has(c) && sub.m.advance(c) != f.m.advance(c) {
				t.Errorf("%v: %q advance %v, want %v", r, c, sub.m.advance(c), f.m.advance(c))
			}
		}
		if len(out) > 200<<10 {
			t.Errorf("%v: subset of %d runes is %d KB", r, len(runes), len(out)>>10)
		}
	}
}

// TestSystemFontUsed puts a TrueType font named simfang.ttf in a user font folder, as a
// UOS or 麒麟 user who installed 仿宋 has it: the body uses it and the export says so.
func TestSystemFontUsed(t *testing.T) {
	data := t.TempDir()
	dir := filepath.Join(data, "fonts", "wps-office")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "simfang.ttf"), assets.Font(assets.Kai), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_DATA_HOME", data)
	opt := testOptions()
	opt.BundledFontsOnly = false
	d, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	d.Paragraph("本年度未收取信息处理费。张喆")
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	st := d.Stats()
	if len(st.Fonts) != 4 {
		t.Fatalf("fonts %+v", st.Fonts)
	}
	body := st.Fonts[1]
	if body.Role != assets.Body || body.Source != assets.System || body.String() != "正文：仿宋（系统字体）" {
		t.Errorf("body font %+v: %q", body, body.String())
	}
	if st.Fallback == 0 {
		t.Error("喆 (not in the GB2312 楷体 font used as 仿宋) should fall back to the bundled body font")
	}
	if !strings.Contains(st.FontReport(), "正文：仿宋（系统字体）") {
		t.Errorf("report %q", st.FontReport())
	}
}

// TestRestrictedSystemFont: a system font whose licence forbids embedding is not used;
// the bundled font is, and the report says why. Chosen by the user, it is an error.
func TestRestrictedSystemFont(t *testing.T) {
	font := append([]byte(nil), assets.Font(assets.Kai)...)
	sf, err := parseSFNT(bytes.NewReader(font), int64(len(font)))
	if err != nil {
		t.Fatal(err)
	}
	binary.BigEndian.PutUint16(font[sf.tables["OS/2"].off+8:], 0x0002) // restricted licence
	data := t.TempDir()
	dir := filepath.Join(data, "fonts")
	os.MkdirAll(dir, 0o755)
	path := filepath.Join(dir, "simkai.ttf")
	if err := os.WriteFile(path, font, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_DATA_HOME", data)
	opt := testOptions()
	opt.BundledFontsOnly = false
	f, use, err := roleFace(assets.Kai, &opt)
	if err != nil {
		t.Fatal(err)
	}
	if use.Source != assets.Bundled || f.choice.Source != assets.Bundled || !strings.Contains(use.String(), "内置文鼎楷体（系统字体 simkai.ttf 不可用：字体不允许嵌入") {
		t.Errorf("use %q", use.String())
	}
	opt.FontOverrides = map[assets.Role]string{assets.Kai: path}
	if _, err := New(opt); err == nil || !strings.Contains(err.Error(), "simkai.ttf") {
		t.Errorf("override: error %v", err)
	}
}

// FuzzParseSubset: any bytes given as a font file are refused or parsed and subset
// without panicking, and a subset parses again.
func FuzzParseSubset(f *testing.F) {
	tiny := tinyFont()
	f.Add(tiny, "AB")
	f.Add(tiny[:100], "A")
	bad := append([]byte(nil), tiny...)
	bad[len(bad)-20] ^= 0xFF
	f.Add(bad, "B")
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		sf, err := parseSFNT(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		seen := map[rune]bool{}
		var runes []rune
		for _, r := range text {
			if !seen[r] && len(runes) < 64 {
				seen[r] = true
				runes = append(runes, r)
			}
		}
		sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })
		out, _, err := sf.subsetFont(bytes.NewReader(data), runes, len(text)%2 == 0)
		if err != nil {
			return
		}
		if _, err := parseSFNT(bytes.NewReader(out), int64(len(out))); err != nil && err != errNoCmap {
			t.Fatalf("subset does not parse: %v", err)
		}
	})
}
