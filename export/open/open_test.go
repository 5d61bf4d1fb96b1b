package open

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/export/xlsx"
	"github.com/nianbao/nianbao/form"
)

// sample is a small 2021 report with a few cells typed.
func sample(t *testing.T) *form.Report {
	t.Helper()
	r := form.New(form.Latest, 2025, "示例县财政局")
	for _, c := range form.Latest.Cells[:5] {
		if c.Derived {
			continue
		}
		if err := r.Set(c.Code, "7"); err != nil {
			t.Fatal(err)
		}
	}
	r.FillDerived()
	return r
}

func TestReportByExtension(t *testing.T) {
	dir := t.TempDir()
	want := sample(t)
	b, err := form.MarshalDraft(want, time.Date(2026, 1, 20, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a" + form.DraftExt, "a.json", "A.NIANBAO", "a.bak"} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Create(filepath.Join(dir, "a.XLSX"))
	if err != nil {
		t.Fatal(err)
	}
	if err := xlsx.Write(f, want); err != nil {
		t.Fatal(err)
	}
	f.Close()

	for _, name := range []string{"a" + form.DraftExt, "a.json", "A.NIANBAO", "a.bak", "a.XLSX"} {
		t.Run(name, func(t *testing.T) {
			r, ws, err := Open(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if r.Meta.Agency != want.Meta.Agency || r.Meta.Year != want.Meta.Year || r.Format != want.Format {
				t.Errorf("meta %+v format %s, want %+v %s", r.Meta, r.Format.ID, want.Meta, want.Format.ID)
			}
			for _, c := range form.Latest.Cells[:5] {
				got, _ := r.Cell(c.Code)
				w, _ := want.Cell(c.Code)
				if got.Text != w.Text {
					t.Errorf("%s = %q, want %q", c.Code, got.Text, w.Text)
				}
			}
			if len(ws) != 0 && !strings.HasSuffix(name, "XLSX") {
				t.Errorf("warnings for a draft: %q", ws)
			}
		})
	}
}

func TestReportPublishedText(t *testing.T) {
	r, _, err := Open(filepath.Join("testdata", "published.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Agency != "示例县市场监督管理局" || r.Meta.Year != 2025 {
		t.Errorf("meta %+v", r.Meta)
	}
	if got, _ := r.Cell("active.license.decisions"); got.Text != "1260" {
		t.Errorf("行政许可 = %q, want 1260 from the text", got.Text)
	}
}

// TestReportWorkbookWarnings checks that a hand-made workbook's warnings come grouped
// the way xlsx.Lines groups them, so the app and the command line show the same lines, and
// that its totals, typed over blank items, are kept and said so (Prepare).
func TestReportWorkbookWarnings(t *testing.T) {
	path := filepath.Join("testdata", "handmade.xlsx")
	o, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	_, raw, err := xlsx.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := xlsx.Lines(raw); !slices.Equal(o.Warnings, want) {
		t.Errorf("warnings\n%q\nwant\n%q", o.Warnings, want)
	}
	if len(o.Warnings) == 0 {
		t.Error("the hand-made workbook has blanks; want warnings")
	}
	_, ws, _ := Open(path)
	if !o.Prepared.TypedTotals || !slices.Equal(ws, append(slices.Clone(o.Warnings), o.Prepared.Notes...)) || !strings.Contains(ws[len(ws)-1], "合计保留文件中的数字") {
		t.Errorf("Open's warnings end %q; want the reader's, then that the typed totals were kept", ws[len(ws)-1])
	}
}

func TestReportErrors(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old.xls")
	if err := os.WriteFile(old, []byte{0xD0, 0xCF, 0x11, 0xE0}, 0o644); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "x.docx")
	if err := os.WriteFile(foreign, []byte("PK\x03\x04"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		want []string
	}{
		{old, []string{"old.xls", "另存为", ".xlsx"}},
		{foreign, []string{"x.docx"}},
		{filepath.Join(dir, "无.xlsx"), []string{"不存在"}},
		{filepath.Join(dir, "无.txt"), []string{"无.txt"}},
		{filepath.Join(dir, "无.nianbao"), []string{"无.nianbao"}},
	} {
		r, _, err := Open(tc.path)
		if err == nil || r != nil {
			t.Errorf("%s: report %v, error %v; want an error", tc.path, r, err)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not say %q", tc.path, err, w)
			}
		}
	}
}

// TestReaders: every reader is listed once with a name and a lower-case extension, and has
// its own reader: an empty file of that kind is an error or a warning, never a silent report
// or a panic.
func TestReaders(t *testing.T) {
	dir := t.TempDir()
	var exts []string
	for _, f := range Readers() {
		e := f.Ext
		exts = append(exts, e)
		if e != strings.ToLower(e) || !strings.HasPrefix(e, ".") || f.Name == "" {
			t.Errorf("reader %+v", f)
		}
		p := filepath.Join(dir, "empty"+e)
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, ws, err := Open(p); err == nil && len(ws) == 0 {
			t.Errorf("empty %s read without error or warning", e)
		}
	}
	if !slices.Contains(exts, form.DraftExt) || !slices.Contains(exts, ".xlsx") || !slices.Contains(exts, ".txt") || !slices.Contains(exts, ".pdf") {
		t.Errorf("readers %q", exts)
	}
}

// TestMessagesChinese: reading folders, missing, empty, binary and broken files of every
// readable kind gives Chinese messages naming the file, never the system's English ("is a
// directory", "permission denied", issue 14 item 8).
func TestMessagesChinese(t *testing.T) {
	dir := t.TempDir()
	good, _ := form.MarshalDraft(form.Sample(form.Latest), time.Time{})
	english := []string{"is a directory", "permission denied", "no such file", "invalid", "unexpected", "EOF", "open ", "read ", "zip:", "xml:", "json:", "panic", "runtime"}
	for _, ext := range []string{".txt", ".xlsx", form.DraftExt} {
		folder := filepath.Join(dir, "文件夹"+ext)
		os.Mkdir(folder, 0o755)
		empty := filepath.Join(dir, "空"+ext)
		os.WriteFile(empty, nil, 0o644)
		binary := filepath.Join(dir, "二进制"+ext)
		os.WriteFile(binary, []byte("PK\x03\x04\x00\x01\x02\xff\xfe{[\"\x00"), 0o644)
		cut := filepath.Join(dir, "截断"+ext)
		os.WriteFile(cut, good[:len(good)/3], 0o644)
		for _, p := range []string{folder, empty, binary, cut, filepath.Join(dir, "缺失"+ext)} {
			_, ws, err := Open(p)
			if err == nil {
				if len(ws) == 0 {
					t.Errorf("%s: read without error or warning", filepath.Base(p))
				}
				continue
			}
			msg := err.Error()
			if !strings.Contains(msg, "「"+filepath.Base(p)+"」") {
				t.Errorf("%s: message does not name the file: %q", filepath.Base(p), msg)
			}
			for _, e := range english {
				if strings.Contains(msg, e) {
					t.Errorf("%s: message holds %q: %q", filepath.Base(p), e, msg)
				}
			}
		}
	}
}
