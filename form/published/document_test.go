package published

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/export/pdf"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/form/fileio"
	"github.com/nianbao/nianbao/form/published/extract"
)

// corpusDir holds real published reports and files derived from them, with their hand
// readings (*.expected.json; see testdata/corpus/SOURCES.md).
const corpusDir = "testdata/corpus/"

// docExpected is the part of a corpus sidecar the tests use.
type docExpected struct {
	Year   int                `json:"year"`
	Agency string             `json:"agency"`
	Format string             `json:"format"`
	Cells  map[string]float64 `json:"cells"`
}

func loadDocExpected(t *testing.T, doc string) docExpected {
	t.Helper()
	name := strings.TrimSuffix(doc, filepath.Ext(doc)) + ".expected.json"
	data, err := os.ReadFile(corpusDir + name)
	if err != nil {
		t.Fatal(err)
	}
	var e docExpected
	if err := json.Unmarshal(data, &e); err != nil {
		t.Fatal(err)
	}
	return e
}

// corpusDocs are the corpus files with expected cells in the forms ReadAny adds to ReadFile.
var corpusDocs = []string{
	"01_pingtan_shenpiju_2023.html",
	"02_pingtan_ziranziyuanju_2024.html",
	"12_huaian_city_gov_2024.pdf",
	"D1_pingtan_shenpiju_2023_DERIVED_chromium.pdf",
	"D2_pingtan_ziranziyuanju_2024_DERIVED_libreoffice.pdf",
	"D3_pingtan_ziranziyuanju_2024_DERIVED_libreoffice.docx",
}

// TestReadAnyCorpus reads every corpus file with expected cells end to end (file → extract →
// Import) and compares with the hand reading: a wrong number fails the test; a blank cell
// must come with a warning. The counts of exact and blank cells are logged (go test -v): the
// importer is being improved, and they say how far it is.
func TestReadAnyCorpus(t *testing.T) {
	for _, doc := range corpusDocs {
		t.Run(doc, func(t *testing.T) {
			want := loadDocExpected(t, doc)
			res, err := ReadAny(corpusDir + doc)
			if err != nil {
				t.Fatal(err)
			}
			r := res.Report
			if r.Meta.Year != want.Year {
				t.Errorf("year %d, want %d", r.Meta.Year, want.Year)
			}
			if r.Format.ID != want.Format {
				t.Errorf("format %s, want %s", r.Format.ID, want.Format)
			}
			if !strings.HasPrefix(res.Warnings[0], "已从") || res.Form != FormOf(doc) || !strings.HasPrefix(res.Summary()[0], "来源："+res.Form) {
				t.Errorf("form %q, first warning %q: not the form read", res.Form, res.Warnings[0])
			}
			exact, blank := 0, 0
			for code, v := range want.Cells {
				c, ok := r.Cell(code)
				if !ok {
					t.Errorf("%s: no such cell", code)
					continue
				}
				if c.Blank {
					blank++
					continue
				}
				got, err := strconv.ParseFloat(strings.ReplaceAll(c.Text, ",", ""), 64)
				if err != nil || math.Abs(got-v) > 1e-9 {
					t.Errorf("WRONG NUMBER %s = %q, the report prints %v", code, c.Text, v)
					continue
				}
				exact++
			}
			if blank > 0 && len(res.Warnings) < 2 {
				t.Errorf("%d cells blank without a warning", blank)
			}
			t.Logf("%s: %d of %d expected cells read exactly, %d blank with a note", doc, exact, len(want.Cells), blank)
		})
	}
}

// TestReadAnyForms: the form is told by the extension in any case and, where they disagree,
// by the content; .doc and other unreadable types get a Chinese message naming the file.
func TestReadAnyForms(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	page := []byte("<html><head><meta charset=utf-8><title>某局2024年政府信息公开工作年度报告</title></head><body><p>某局2024年政府信息公开工作年度报告</p><p>一、总体情况</p><p>正文。</p></body></html>")
	html := write("REPORT.HTM", page)
	fakeDoc := write("saved-as-word.doc", page) // a site's "Word" download that is a web page
	text := write("report.txt", []byte("某局2024年政府信息公开工作年度报告\n一、总体情况\n正文。\n"))
	doc := write("old.DOC", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...))
	xls := write("a.xlsx", []byte("PK"))
	for _, p := range []string{html, fakeDoc, text} {
		res, err := ReadAny(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if res.Report.Meta.Year != 2024 || res.Report.Meta.Agency != "某局" {
			t.Errorf("%s: year %d agency %q", p, res.Report.Meta.Year, res.Report.Meta.Agency)
		}
		fromPage := strings.HasPrefix(res.Warnings[0], "已从网页文件读取")
		if fromPage != (p != text) {
			t.Errorf("%s: first warning %q", p, res.Warnings[0])
		}
	}
	for _, tc := range []struct {
		path, msg string
		is        error
	}{
		{doc, "另存为 .docx", extract.ErrOldWord},
		{xls, "不支持这种文件类型（.xlsx）", nil},
		{filepath.Join(dir, "missing.pdf"), "文件不存在", os.ErrNotExist},
		{dir + "/", "文件夹", fileio.ErrNotRegular},
	} {
		_, err := ReadAny(tc.path)
		var fe *fileio.Error
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), tc.msg) || (tc.is != nil && !errors.Is(err, tc.is)) {
			t.Errorf("ReadAny(%s) = %v; want a *fileio.Error with %q", filepath.Base(tc.path), err, tc.msg)
		}
		if tc.path == doc && !strings.Contains(err.Error(), "old.DOC") {
			t.Errorf("message %q does not name the file", err)
		}
	}
	if FormOf("a.PDF") != FormPDF || FormOf("b.Docx") != FormDOCX || FormOf("c.htm") != FormHTML || FormOf("d.xls") != "" {
		t.Error("FormOf by extension")
	}
}

// TestReadAnyLarge: a 100 MB file is refused before it is read.
func TestReadAnyLarge(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.pdf")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil { // sparse: no 100 MB written
		t.Fatal(err)
	}
	f.Close()
	_, err = ReadAny(p)
	if !errors.Is(err, fileio.ErrTooLarge) || !strings.Contains(err.Error(), "文件过大") {
		t.Errorf("100 MB file: %v", err)
	}
}

// TestReadAnyOwnPDF reads back the PDF our app writes (export/pdf, gofpdf) of the sample
// report: every cell is the sample's or blank with a note, never another number.
func TestReadAnyOwnPDF(t *testing.T) {
	sample := form.Sample(form.Latest)
	var buf bytes.Buffer
	if err := pdf.Write(&buf, sample, pdf.Options{BundledFontsOnly: true}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "own.pdf")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := ReadAny(p)
	if err != nil {
		t.Fatal(err)
	}
	r := res.Report
	if r.Meta.Year != sample.Meta.Year || r.Meta.Agency != sample.Meta.Agency {
		t.Errorf("read %d %q, wrote %d %q", r.Meta.Year, r.Meta.Agency, sample.Meta.Year, sample.Meta.Agency)
	}
	exact, blank := 0, 0
	for i, d := range r.Format.Cells {
		got, want := r.At(i), sample.At(i)
		switch {
		case got.Blank:
			blank++
		case got.Value != want.Value:
			t.Errorf("WRONG NUMBER %s = %q, the PDF prints %q", d.Code, got.Text, want.Text)
		default:
			exact++
		}
	}
	if blank > 0 && len(res.Warnings) < 2 {
		t.Errorf("%d cells blank without a warning", blank)
	}
	t.Logf("own PDF: %d of %d cells read exactly, %d blank with a note", exact, len(r.Format.Cells), blank)
}

// BenchmarkImportFile reads a report file end to end (extract and Import) in each form.
func BenchmarkImportFile(b *testing.B) {
	for _, doc := range []string{"01_pingtan_shenpiju_2023.html", "D3_pingtan_ziranziyuanju_2024_DERIVED_libreoffice.docx", "12_huaian_city_gov_2024.pdf"} {
		b.Run(filepath.Ext(doc)[1:], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadAny(corpusDir + doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
