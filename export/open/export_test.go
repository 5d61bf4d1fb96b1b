package open

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/export/xlsx/xlsxtest"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/form/fileio"
)

// complete checks that a written file of format id is whole: it opens as its format and
// holds the report.
func complete(t *testing.T, id, path string, want *form.Report) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	switch id {
	case "draft", "xlsx":
		o, err := ByID(id).Read(path)
		if err != nil {
			t.Fatalf("%s does not read back: %v", id, err)
		}
		r := o.Report
		for i := range want.Format.Cells {
			if got := r.At(i); got.Text != want.At(i).Text && !(got.Value == want.At(i).Value && got.OK()) {
				t.Fatalf("%s: cell %s = %q, want %q", id, want.Format.Cells[i].Code, r.At(i).Text, want.At(i).Text)
			}
		}
	case "pdf":
		if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data[max(0, len(data)-64):], []byte("%%EOF")) {
			t.Fatalf("pdf is not whole: %q…%q", data[:min(8, len(data))], data[max(0, len(data)-16):])
		}
	case "docx":
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("docx is not a whole archive: %v", err)
		}
		found := false
		for _, f := range zr.File {
			found = found || f.Name == "word/document.xml"
		}
		if !found {
			t.Fatal("docx without word/document.xml")
		}
	case "html":
		if !strings.Contains(strings.ToLower(string(data)), "</html>") || !strings.Contains(string(data), want.Meta.Agency) {
			t.Fatal("html is not whole")
		}
	default:
		t.Fatalf("no completeness check for %s", id)
	}
}

// TestExportEveryFormat: each writer of the registry writes a whole file at its target (by
// extension and by ID), through the atomic path (issue 11 item 4).
func TestExportEveryFormat(t *testing.T) {
	r := form.Sample(form.Latest)
	dir := t.TempDir()
	ws := Writers()
	if len(ws) != 5 {
		t.Fatalf("%d writers, want draft, xlsx, pdf, docx, html", len(ws))
	}
	for _, f := range ws {
		t.Run(f.ID, func(t *testing.T) {
			if f.Name == "" || f.Short == "" || !strings.HasPrefix(f.Ext, ".") || ByID(f.ID) != f || ForExt("a"+strings.ToUpper(f.Ext)) != f {
				t.Errorf("format %+v is not registered consistently", f)
			}
			path := filepath.Join(dir, "报告"+f.Ext)
			_, err := Export(context.Background(), path, r, Options{})
			if err != nil {
				t.Fatal(err)
			}
			complete(t, f.ID, path, r)
			if f.ID == "xlsx" { // by format, whatever the name (the CLI's --xlsx OUT)
				other := filepath.Join(dir, "by-id")
				if _, err := ExportAs(context.Background(), f, other, r, Options{}); err != nil {
					t.Fatal(err)
				}
				complete(t, f.ID, other, r)
				os.Remove(other)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
	if _, err := Export(context.Background(), filepath.Join(dir, "a.odt"), r, Options{}); err == nil || !strings.Contains(err.Error(), "不能导出为「.odt」") {
		t.Errorf("unknown extension: %v", err)
	}
}

// TestExportFailureLeavesOldFile: a writer that fails half-way, panics or is canceled leaves
// the old file as it was, or no file, and no temporary file.
func TestExportFailureLeavesOldFile(t *testing.T) {
	r := form.Sample(form.Latest)
	fail := &Format{ID: "fail", Name: "测试", Short: "测试", Ext: ".fail",
		Write: func(_ context.Context, w io.Writer, _ *form.Report, _ Options) (Exported, error) {
			w.Write(bytes.Repeat([]byte("half"), 100_000))
			return Exported{}, errors.New("写到一半失败")
		}}
	panics := &Format{ID: "panic", Name: "测试", Short: "测试", Ext: ".panic",
		Write: func(_ context.Context, w io.Writer, _ *form.Report, _ Options) (Exported, error) {
			w.Write([]byte("half"))
			panic("boom")
		}}
	ctx, cancel := context.WithCancel(context.Background())
	slow := &Format{ID: "slow", Name: "测试", Short: "测试", Ext: ".slow",
		Write: func(_ context.Context, w io.Writer, _ *form.Report, _ Options) (Exported, error) {
			w.Write([]byte("whole but canceled"))
			cancel() // the user pressed 取消 while it rendered
			return Exported{}, nil
		}}
	dir := t.TempDir()
	for _, tc := range []struct {
		f    *Format
		ctx  context.Context
		want string
	}{
		{fail, context.Background(), "写到一半失败"},
		{panics, context.Background(), "生成测试时程序出错"},
		{slow, ctx, "已取消导出"},
	} {
		for _, existing := range []bool{false, true} {
			path := filepath.Join(dir, fmt.Sprintf("%s-%v%s", tc.f.ID, existing, tc.f.Ext))
			if existing {
				os.WriteFile(path, []byte("old"), 0o644)
			}
			_, err := ExportAs(tc.ctx, tc.f, path, r, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s: error %v, want %q", tc.f.ID, err, tc.want)
			}
			got, serr := os.ReadFile(path)
			if existing && string(got) != "old" || !existing && !os.IsNotExist(serr) {
				t.Errorf("%s (existing %v): target now %q, %v", tc.f.ID, existing, got, serr)
			}
		}
	}
	if _, err := ExportAs(ctx, slow, filepath.Join(dir, "x.slow"), r, Options{}); !errors.Is(err, ErrCanceled) || !errors.Is(err, context.Canceled) {
		t.Errorf("canceled before the start: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// TestExportUnreadableWorkbook: a workbook the app could not read back (a ~2 MB narrative:
// 「工作表过大」 on reopening, issue 14 item 5) is refused before anything is written, with a
// message saying what happens and what to do; with AllowUnreadable it is written with a note.
func TestExportUnreadableWorkbook(t *testing.T) {
	r := form.Sample(form.Latest)
	r.Text.Problems = xlsxtest.LongText(2 << 20) // ~2 MB
	path := filepath.Join(t.TempDir(), "长.xlsx")
	_, err := Export(context.Background(), path, r, Options{})
	var ue *UnreadableError
	if !errors.As(err, &ue) || ue.Path != path || !strings.Contains(err.Error(), "工作表过大") || !strings.Contains(err.Error(), "无法重新打开或汇总") {
		t.Fatalf("Export = %v; want an *UnreadableError naming 工作表过大", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("the unreadable workbook was written")
	}
	notes, err := Export(context.Background(), path, r, Options{AllowUnreadable: true})
	if err != nil || len(notes) != 1 || !strings.Contains(notes[0], "工作表过大") {
		t.Fatalf("with AllowUnreadable: %v, notes %q", err, notes)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}

// TestExportDraftKeepsBackup: exporting a draft is saving it (a .bak of the old version).
func TestExportDraftKeepsBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a"+form.DraftExt)
	r := form.Sample(form.Latest)
	for range 2 {
		if _, err := Export(context.Background(), path, r, Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(path + ".bak"); err != nil {
		t.Errorf("no .bak: %v", err)
	}
}

// TestOpenReadOnlyAndPanics: a newer draft comes back read-only from Open and as a warning
// from View; a reader that panics gives an error, not a crash.
func TestOpenReadOnlyAndPanics(t *testing.T) {
	dir := t.TempDir()
	data, _ := form.MarshalDraft(form.Sample(form.Latest), time.Time{})
	newer := filepath.Join(dir, "新"+form.DraftExt)
	os.WriteFile(newer, bytes.Replace(data, []byte(`"version": 1`), []byte(`"version": 2`), 1), 0o644)
	r, _, err := Open(newer)
	if ro, ok := form.AsReadOnly(err); !ok || r == nil || ro.Report != r {
		t.Errorf("Open(newer) = %v, %v; want the report and a ReadOnlyError", r, err)
	}
	r, ws, err := View(newer)
	if err != nil || r == nil || len(ws) == 0 || !strings.Contains(ws[0], "只读") {
		t.Errorf("View(newer) = %v, %q, %v", r, ws, err)
	}
	boom := &Format{ID: "boom", Name: "测试", Ext: ".boom", Read: func(string) (*Opened, error) { panic("nil map") }}
	Formats = append(Formats, boom)
	defer func() { Formats = Formats[:len(Formats)-1] }()
	p := filepath.Join(dir, "a.boom")
	os.WriteFile(p, []byte("x"), 0o644)
	if _, _, err := Open(p); err == nil || !strings.Contains(err.Error(), "a.boom") || !strings.Contains(err.Error(), "读取时程序出错") || !strings.Contains(errors.Unwrap(err).Error(), "nil map") {
		t.Errorf("panicking reader: %v", err)
	}
	// A device is refused before any reader sees it.
	if _, _, err := Open("/dev/null"); !errors.Is(err, fileio.ErrNotRegular) {
		t.Errorf("Open(/dev/null) = %v", err)
	}
}

// TestExportFileFonts: a PDF's export says its fonts by role (Exported.Fonts, the four roles
// of the layout) and in one note for the app's check page (FontsNote); OtherNotes leaves
// that note out; other formats have no fonts.
func TestExportFileFonts(t *testing.T) {
	dir := t.TempDir()
	r := form.Sample(form.Latest)
	exp, err := ExportFile(context.Background(), ByID("pdf"), filepath.Join(dir, "a.pdf"), r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Fonts) != 4 || !slices.Contains(exp.Notes, exp.FontsNote()) || !strings.HasPrefix(exp.FontsNote(), FontNote+"标题：") {
		t.Fatalf("fonts %+v, notes %q", exp.Fonts, exp.Notes)
	}
	if slices.Contains(exp.OtherNotes(), exp.FontsNote()) || len(exp.OtherNotes()) != len(exp.Notes)-1 {
		t.Errorf("OtherNotes %q", exp.OtherNotes())
	}
	x, err := ExportFile(context.Background(), ByID("xlsx"), filepath.Join(dir, "a.xlsx"), r, Options{})
	if err != nil || x.Fonts != nil || x.FontsNote() != "" {
		t.Errorf("xlsx: %+v, %v", x, err)
	}
}
