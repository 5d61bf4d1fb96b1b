package assets

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
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
			pdf.AddUTF8FontFromBytes("f", "", Font(tc.role))
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

func TestResolve(t *testing.T) {
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
			name, data, err := Resolve(tc.role, tc.override)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("want error, got %q", name)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if name != tc.want {
				t.Errorf("name = %q, want %q", name, tc.want)
			}
			if tc.bundled != (len(data) > 1<<20) {
				t.Errorf("bundled = %v, data length %d", tc.bundled, len(data))
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
