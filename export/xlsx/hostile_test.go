package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/export/xlsx/xlsxtest"
	"github.com/nianbao/nianbao/form"
)

// zipOf builds an archive from name → content generators (so large parts never sit in
// memory uncompressed).
func zipOf(t testing.TB, parts map[string]func(w func([]byte))) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, gen := range parts {
		fw, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		gen(func(b []byte) {
			if _, err := fw.Write(b); err != nil {
				t.Fatal(err)
			}
		})
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func text(s string) func(w func([]byte)) { return func(w func([]byte)) { w([]byte(s)) } }

// repeat writes n copies of unit.
func repeat(head, unit, tail string, n int) func(w func([]byte)) {
	return func(w func([]byte)) {
		w([]byte(head))
		chunk := []byte(strings.Repeat(unit, max(1, (1<<16)/len(unit))))
		per := len(chunk) / len(unit)
		for i := 0; i < n; i += per {
			w(chunk)
		}
		w([]byte(tail))
	}
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`
const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`
const workbookRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`
const rootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`

// workbookWithSheet is a minimal valid workbook around a generated sheet1.xml.
func workbookWithSheet(t testing.TB, sheet func(w func([]byte))) []byte {
	return zipOf(t, map[string]func(w func([]byte)){
		"[Content_Types].xml":        text(contentTypes),
		"_rels/.rels":                text(rootRels),
		"xl/workbook.xml":            text(workbook),
		"xl/_rels/workbook.xml.rels": text(workbookRels),
		"xl/worksheets/sheet1.xml":   sheet,
	})
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
const sheetTail = `</sheetData></worksheet>`

type hostileCase struct {
	name string
	data func(t testing.TB) []byte
	want string // words of the Chinese reason
}

func TestReadHostile(t *testing.T) {
	own := writeBytes(t, form.Sample(form.Latest))
	var tests []hostileCase
	for _, tc := range []hostileCase{
		{"empty", func(testing.TB) []byte { return nil }, "空的"},
		{"text file", func(testing.TB) []byte { return []byte("一、总体情况\n本年度……") }, "不是 Excel"},
		{"old xls", func(testing.TB) []byte {
			return append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...)
		}, ".xls"},
		{"truncated", func(testing.TB) []byte { return own[:len(own)/2] }, "损坏"},
		{"random bytes", func(testing.TB) []byte {
			b := make([]byte, 4096)
			rand.New(rand.NewSource(1)).Read(b)
			return append([]byte("PK\x03\x04"), b...)
		}, "损坏"},
		{"zip without workbook", func(t testing.TB) []byte {
			return zipOf(t, map[string]func(w func([]byte)){"readme.txt": text("hello")})
		}, "损坏"},
		{"zip bomb", func(t testing.TB) []byte { return xlsxtest.ZeroBomb("xl/media/bomb.bin", 80<<20, false) }, "过大"},
		{"huge sheet", func(t testing.TB) []byte {
			return workbookWithSheet(t, repeat(sheetHead, `<row><c t="inlineStr"><is><t>x</t></is></c></row>`, sheetTail, 200_000))
		}, "过大"},
		{"lying sizes", func(t testing.TB) []byte { return xlsxtest.ZeroBomb("xl/worksheets/sheet1.xml", 50<<20, true) }, "损坏"},
		{"many rows under the limit", func(t testing.TB) []byte {
			return workbookWithSheet(t, repeat(sheetHead, `<row><c><v>1</v></c></row>`, sheetTail, 100_000))
		}, "没有找到"},
		{"a million rows", func(t testing.TB) []byte {
			return workbookWithSheet(t, repeat(sheetHead, `<row/>`, sheetTail, 1_000_000))
		}, "过大"},
		{"far away cell", func(t testing.TB) []byte {
			return workbookWithSheet(t, text(sheetHead+`<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`+sheetTail))
		}, "没有找到"},
	} {
		tests = append(tests, tc)
	}
	for name, data := range xlsxtest.ColumnBombs() {
		tests = append(tests, hostileCase{name, func(testing.TB) []byte { return data }, "没有找到"})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data(t)
			t.Logf("%d KB", len(data)>>10)
			var before runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			r, _, err := Read(bytes.NewReader(data))
			elapsed := time.Since(start)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			var re *ReadError
			if r != nil || !errors.As(err, &re) {
				t.Fatalf("Read = %v, %v; want a *ReadError", r, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q lacks %q", err, tc.want)
			}
			t.Logf("%v, %d MB allocated: %v", elapsed.Round(time.Millisecond), (after.TotalAlloc-before.TotalAlloc)>>20, err)
			// Wall time on a shared machine, under -race: a loose bound against hangs. The
			// budgets (2 s, 200 MB) are asserted by export/open's hostile suite.
			if elapsed > 10*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if grown := after.TotalAlloc - before.TotalAlloc; grown > 400<<20 {
				t.Errorf("allocated %d MB", grown>>20)
			}
		})
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	_, _, err := ReadFile(filepath.Join(dir, "缺失.xlsx"))
	if err == nil || !strings.Contains(err.Error(), "缺失.xlsx") || !strings.Contains(err.Error(), "不存在") {
		t.Errorf("missing file: %v", err)
	}
	p := filepath.Join(dir, "坏.xlsx")
	os.WriteFile(p, []byte("PK\x03\x04broken"), 0o644)
	if _, _, err := ReadFile(p); err == nil || !strings.Contains(err.Error(), "坏.xlsx") {
		t.Errorf("broken file: %v", err)
	}
}

// TestReadNewerWorkbook: metadata from a newer program version is refused, not misread.
func TestReadNewerWorkbook(t *testing.T) {
	f := openBytes(t, writeBytes(t, form.Sample(form.Latest)))
	if err := f.SetCellStr(metaSheet, "C1", "99"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	f.Write(&buf)
	_, _, err := Read(&buf)
	if err == nil || !strings.Contains(err.Error(), "更新版本") {
		t.Errorf("newer workbook: %v", err)
	}
}

func FuzzRead(f *testing.F) {
	for _, fm := range form.Formats {
		f.Add(writeBytes(f, form.Sample(fm)))
		data, _ := handMade(f, form.Sample(fm), handOpts{merge: true, relabel: typist, values: map[string]string{"apply.1.natural": "/"}})
		f.Add(data)
	}
	for _, name := range []string{"testdata/lo-own-2021.xlsx", "testdata/lo-handmade-2019.xlsx"} {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, ws, err := Read(bytes.NewReader(data))
		if err != nil {
			var re *ReadError
			if r != nil || !errors.As(err, &re) || re.Reason == "" {
				t.Fatalf("Read = %v, %v", r, err)
			}
			return
		}
		if r == nil || r.Format == nil {
			t.Fatal("no report and no error")
		}
		for _, w := range ws {
			if w.Message == "" {
				t.Fatal("empty warning")
			}
		}
		_ = form.Check(r, nil)
	})
}

// sheetFromText makes a scanned sheet from lines of "|"-separated cells (at most
// maxRows × maxCols), as loadSheet would.
func sheetFromText(s string) *sheetData {
	sd := &sheetData{name: "Sheet1", merge: map[[2]int][2]int{}}
	for i, line := range strings.Split(s, "\n") {
		if i == maxRows {
			break
		}
		cells := strings.Split(line, "|")
		if len(cells) > maxCols {
			cells = cells[:maxCols]
		}
		n := make([]string, len(cells))
		for j, c := range cells {
			n[j] = form.FoldLabel(c)
		}
		sd.raw, sd.norm = append(sd.raw, cells), append(sd.norm, n)
	}
	return sd
}

// layoutText writes r's tables as "|"-separated lines, one grid column per cell.
func layoutText(r *form.Report) string {
	var b strings.Builder
	b.WriteString(r.Title() + "\n")
	for _, tb := range r.Format.Tables {
		l := tb.Layout()
		grid := make([][]string, l.Rows)
		for i := range grid {
			grid[i] = make([]string, l.Cols)
		}
		for _, s := range l.Spans {
			if s.Role == form.RoleValue {
				c, _ := r.Cell(s.Code)
				grid[s.Row][s.Col] = c.Text
			} else {
				grid[s.Row][s.Col] = s.Text
			}
		}
		for _, row := range grid {
			b.WriteString(strings.Join(row, "|") + "\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestReadSheetsFromText(t *testing.T) {
	for _, fm := range form.Formats {
		want := form.Sample(fm)
		r, ws, err := readSheets([]*sheetData{sheetFromText(layoutText(want))}, nil, nil)
		if err != nil || len(ws) != 0 {
			t.Fatalf("%s: %v %v", fm.ID, err, ws)
		}
		if r.Format != fm || r.Meta.Year != want.Meta.Year || r.Meta.Agency != want.Meta.Agency {
			t.Errorf("%s: read %s %d %q", fm.ID, r.Format.ID, r.Meta.Year, r.Meta.Agency)
		}
		for i, d := range fm.Cells {
			if g := r.At(i); g.Value != want.At(i).Value || !g.OK() {
				t.Errorf("%s %s = %q", fm.ID, d.Code, g.Text)
			}
		}
	}
}

// FuzzReadSheets feeds arbitrary grids of text to the label search (the part of the reader
// a zip-level fuzzer rarely reaches): it must not panic, and what it returns must be a
// report of a known format with located warnings.
func FuzzReadSheets(f *testing.F) {
	for _, fm := range form.Formats {
		text := layoutText(form.Sample(fm))
		f.Add(text)
		f.Add(strings.ReplaceAll(text, "|0|", "|/|"))
		f.Add(strings.Join(strings.Split(text, "\n")[5:], "\n"))
	}
	f.Add("第二十条第（一）项\n信息内容|本年制发件数\n规章|1\n行政复议|行政诉讼\n结果维持|总计\n")
	f.Fuzz(func(t *testing.T, s string) {
		r, ws, err := readSheets([]*sheetData{sheetFromText(s)}, nil, nil)
		if err != nil {
			var re *ReadError
			if r != nil || !errors.As(err, &re) {
				t.Fatalf("readSheets = %v, %v", r, err)
			}
			return
		}
		if r == nil || r.Format == nil {
			t.Fatal("no report and no error")
		}
		for _, w := range ws {
			if w.Message == "" || (w.Code != "" && r.Format.Index(w.Code) < 0) {
				t.Fatalf("bad warning %+v", w)
			}
		}
		_ = Lines(ws)
	})
}
