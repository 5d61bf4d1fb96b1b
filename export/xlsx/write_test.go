package xlsx

import (
	"bytes"
	"errors"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/export/xlsx/xlsxtest"
	"github.com/nianbao/nianbao/form"
	"github.com/xuri/excelize/v2"
)

func format(t testing.TB, id string) *form.Format {
	t.Helper()
	f, ok := form.FormatByID(id)
	if !ok {
		t.Fatalf("no format %s", id)
	}
	return f
}

func writeBytes(t testing.TB, r *form.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

func openBytes(t testing.TB, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("excelize cannot open our output: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// sameReport compares two reports cell by cell (typed text, blank, validity, value),
// meta and narrative.
func sameReport(t *testing.T, got, want *form.Report) {
	t.Helper()
	if got.Format != want.Format {
		t.Fatalf("format = %s, want %s", got.Format.ID, want.Format.ID)
	}
	if !reflect.DeepEqual(got.Meta, want.Meta) {
		t.Errorf("meta = %+v, want %+v", got.Meta, want.Meta)
	}
	if !reflect.DeepEqual(got.Text, want.Text) {
		t.Errorf("narrative differs:\n got %q\nwant %q", got.Text, want.Text)
	}
	for i, d := range want.Format.Cells {
		g, w := got.At(i), want.At(i)
		// Drafts keep no text for a blank cell, so whitespace typed alone is not kept either.
		if (g.Text != w.Text && !w.Blank) || g.Blank != w.Blank || g.OK() != w.OK() || g.Value != w.Value {
			t.Errorf("%s = %q (blank %v ok %v value %d), want %q (blank %v ok %v value %d)",
				d.Code, g.Text, g.Blank, g.OK(), g.Value, w.Text, w.Blank, w.OK(), w.Value)
		}
	}
}

// oddReport is a sample with everything a clerk may type: full-width digits, separators,
// amounts with three decimals, "/" and text in number cells, blanks, a long narrative.
func oddReport(f *form.Format) *form.Report {
	r := form.Sample(f)
	for code, text := range map[string]string{
		"apply.1.natural":     "３６",
		"apply.3.3.1.natural": "/",
		"apply.3.3.2.natural": "无",
		"apply.3.3.3.natural": "=SUM(A1:A2)",
		"apply.3.3.4.natural": "  ",
		"review.admin.other":  "0件",
		"apply.3.5.3.total":   " 1,234 ",
	} {
		_ = r.Set(code, text)
	}
	if f.ID == "2021" {
		_ = r.Set("active.fees.amount", "0.500")
		_ = r.Set("active.rules.issued", "12.345678")
	} else {
		_ = r.Set("active.license.change", "增1")
		_ = r.Set("active.services.change", "减3")
		_ = r.Set("active.procurement.amount", "2488.86万元")
	}
	r.Meta.Contact.Email = "gk@example.gov.cn"
	r.Text.Problems = strings.Repeat("问题一是“公开”不及时；\r\n", 3000) + "\x01\t结束"
	r.Text.Closing = "特此报告。"
	return r
}

func TestRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    *form.Report
	}{
		{"2021 sample", form.Sample(format(t, "2021"))},
		{"2019 sample", form.Sample(format(t, "2019"))},
		{"2021 odd", oddReport(format(t, "2021"))},
		{"2019 odd", oddReport(format(t, "2019"))},
		{"empty", form.New(form.Latest, 2025, "")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ws, err := Read(bytes.NewReader(writeBytes(t, tc.r)))
			if err != nil {
				t.Fatal(err)
			}
			if len(ws) > 0 {
				t.Errorf("warnings on our own workbook: %v", ws)
			}
			sameReport(t, got, tc.r)
			if a, b := form.Check(got, nil), form.Check(tc.r, nil); !reflect.DeepEqual(a, b) {
				t.Errorf("check differs after round trip:\n%v\n%v", a, b)
			}
		})
	}
}

// TestLayoutMatchesDeclaration walks each table of the written sheet row by row and checks
// that the merged ranges tile it exactly as Table.Layout declares: every span has its own
// merged range (or single cell) of the declared height, grid columns map consistently to
// sheet columns, every table is the full sheet width, labels are the declared texts, and
// number cells hold the report's values.
func TestLayoutMatchesDeclaration(t *testing.T) {
	for _, id := range []string{"2021", "2019"} {
		t.Run(id, func(t *testing.T) {
			r := oddReport(format(t, id))
			f := openBytes(t, writeBytes(t, r))
			rows, err := f.GetRows(SheetTables, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			mcs, _ := f.GetMergeCells(SheetTables)
			merges := map[[2]int][2]int{}
			for _, mc := range mcs {
				c0, r0, _ := excelize.CellNameToCoordinates(mc.GetStartAxis())
				c1, r1, _ := excelize.CellNameToCoordinates(mc.GetEndAxis())
				merges[[2]int{r0 - 1, c0 - 1}] = [2]int{r1 - 1, c1 - 1}
			}
			title, ok := merges[[2]int{0, 0}]
			if !ok || rows[0][0] != r.Title() {
				t.Fatalf("A1 = %q, not the merged title", rows[0][0])
			}
			lastCol := title[1]
			cell := func(row, col int) string {
				if row < len(rows) && col < len(rows[row]) {
					return rows[row][col]
				}
				return ""
			}
			checked := 0
			for _, tb := range r.Format.Tables {
				top := -1
				for i := range rows {
					if cell(i, 0) == r.Format.Sections[tb.Section-1].Title {
						top = i + 1
					}
				}
				if top < 0 {
					t.Fatalf("%s: section title not found in column A", tb.ID)
				}
				l := tb.Layout()
				// Header spans are declared depth first; walk them in reading order.
				spans := append([]form.Span(nil), l.Spans...)
				sort.SliceStable(spans, func(a, b int) bool {
					if spans[a].Row != spans[b].Row {
						return spans[a].Row < spans[b].Row
					}
					return spans[a].Col < spans[b].Col
				})
				startOf, endOf := map[int]int{}, map[int]int{}
				busy := map[int]int{} // sheet column → last sheet row occupied by a span from above
				next := 0
				for i := 0; i < l.Rows; i++ {
					row := top + i
					c := 0
					for c <= lastCol {
						if until, ok := busy[c]; ok && until >= row {
							c++
							continue
						}
						if next >= len(spans) || spans[next].Row != i {
							t.Fatalf("%s row %d: sheet cell %s is not covered by any declared span", tb.ID, i, cellName(row, c))
						}
						s := spans[next]
						next++
						end := [2]int{row, c}
						if e, ok := merges[[2]int{row, c}]; ok {
							end = e
						}
						if got := end[0] - row + 1; got != s.RowSpan {
							t.Errorf("%s %s: merged over %d rows, declared %d", tb.ID, cellName(row, c), got, s.RowSpan)
						}
						if v, seen := startOf[s.Col]; seen && v != c {
							t.Errorf("%s: grid column %d starts at sheet column %d and %d", tb.ID, s.Col, v, c)
						}
						startOf[s.Col] = c
						last := s.Col + s.ColSpan - 1
						if v, seen := endOf[last]; seen && v != end[1] {
							t.Errorf("%s: grid column %d ends at sheet column %d and %d", tb.ID, last, v, end[1])
						}
						endOf[last] = end[1]
						if s.Role == form.RoleValue {
							want, _ := r.Cell(s.Code)
							got := cell(row, c)
							if want.OK() {
								if v, blank, err := form.Parse(got, r.Format.Cells[r.Format.Index(s.Code)].Kind); err != nil || blank || v != want.Value {
									t.Errorf("%s at %s = %q, want %s", s.Code, cellName(row, c), got, want.Text)
								}
							} else if want.Err != nil && got != want.Text {
								t.Errorf("%s at %s = %q, want the typed text %q", s.Code, cellName(row, c), got, want.Text)
							} else if want.Blank && want.Err == nil && got != "" {
								t.Errorf("%s at %s = %q, want blank", s.Code, cellName(row, c), got)
							}
						} else if got := cell(row, c); got != s.Text {
							t.Errorf("%s %s = %q, want label %q", tb.ID, cellName(row, c), got, s.Text)
						}
						for k := c; k <= end[1]; k++ {
							busy[k] = end[0]
						}
						checked++
						c = end[1] + 1
					}
					if c != lastCol+1 {
						t.Errorf("%s row %d ends at column %d, want the full width %d", tb.ID, i, c, lastCol+1)
					}
				}
				if next != len(spans) {
					t.Errorf("%s: %d of %d spans found on the sheet", tb.ID, next, len(spans))
				}
				if startOf[0] != 0 || endOf[l.Cols-1] != lastCol {
					t.Errorf("%s: spans sheet columns %d…%d, want 0…%d", tb.ID, startOf[0], endOf[l.Cols-1], lastCol)
				}
			}
			if checked < 200 {
				t.Errorf("only %d spans checked", checked)
			}
		})
	}
}

// TestSheetSetup checks what a superior relies on: numbers stored as numbers, invalid text
// as text, label cells locked and number cells editable under a password-less protection,
// validation rules on the number cells, A4 fitted to one page wide, repeated title rows,
// and the metadata sheet very hidden.
func TestSheetSetup(t *testing.T) {
	r := oddReport(format(t, "2021"))
	data := writeBytes(t, r)
	f := openBytes(t, data)
	m, err := readMeta(bookOf(t, data))
	if err != nil {
		t.Fatal(err)
	}
	locked := func(addr string) bool {
		id, err := f.GetCellStyle(SheetTables, addr)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st.Protection == nil || st.Protection.Locked
	}
	for _, tc := range []struct {
		code      string
		wantType  excelize.CellType
		wantValue string
	}{
		{"apply.1.total", excelize.CellTypeUnset, "42"},
		{"active.fees.amount", excelize.CellTypeUnset, "0.5"},
		{"apply.3.3.1.natural", excelize.CellTypeSharedString, "/"},
		{"apply.3.3.3.natural", excelize.CellTypeSharedString, "=SUM(A1:A2)"},
	} {
		addr := m.addr[tc.code]
		typ, _ := f.GetCellType(SheetTables, addr)
		v, _ := f.GetCellValue(SheetTables, addr, excelize.Options{RawCellValue: true})
		formula, _ := f.GetCellFormula(SheetTables, addr)
		if typ != tc.wantType || v != tc.wantValue || formula != "" {
			t.Errorf("%s at %s: type %v value %q formula %q, want type %v value %q and no formula", tc.code, addr, typ, v, formula, tc.wantType, tc.wantValue)
		}
		if locked(addr) {
			t.Errorf("%s at %s is locked; number cells must be editable", tc.code, addr)
		}
	}
	if shown, _ := f.GetCellValue(SheetTables, m.addr["active.fees.amount"]); shown != "0.500" {
		t.Errorf("amount typed 0.500 shows as %q", shown)
	}
	for _, l := range m.labels[:5] {
		if !locked(l[0]) {
			t.Errorf("label %s (%s) is not locked", l[0], l[1])
		}
	}
	dvs, err := f.GetDataValidations(SheetTables)
	if err != nil {
		t.Fatal(err)
	}
	counts := 0
	for _, d := range r.Format.Cells {
		if d.Kind == form.Count {
			counts++
		}
	}
	var wholeCells int
	for _, dv := range dvs {
		if dv.Type == "whole" {
			wholeCells += len(strings.Fields(dv.Sqref))
			if dv.Formula1 != "0" {
				t.Errorf("whole-number rule minimum = %q, want 0", dv.Formula1)
			}
		}
	}
	if wholeCells != counts {
		t.Errorf("whole-number validation covers %d cells, want the %d count cells", wholeCells, counts)
	}
	if v, _ := f.GetSheetVisible(metaSheet); v {
		t.Error("metadata sheet is visible")
	}
	xml := unzipPart(t, data, "xl/worksheets/sheet1.xml")
	for _, want := range []string{`paperSize="9"`, `fitToWidth="1"`, `fitToHeight="0"`, `fitToPage="true"`, `<sheetProtection`, `rowBreaks`} {
		if !strings.Contains(xml, want) {
			t.Errorf("sheet XML lacks %s", want)
		}
	}
	if strings.Contains(xml, "password") {
		t.Error("sheet protection has a password")
	}
	if wb := unzipPart(t, data, "xl/workbook.xml"); !strings.Contains(wb, `state="veryHidden"`) || !strings.Contains(wb, "_xlnm.Print_Titles") {
		t.Errorf("workbook.xml lacks the very hidden sheet or the print titles")
	}
}

func TestWriteRejectsNil(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, nil); err == nil || !strings.Contains(err.Error(), "没有") {
		t.Errorf("Write(nil) = %v, want a Chinese error", err)
	}
}

func TestParagraphsSplitLongText(t *testing.T) {
	long := strings.Repeat("一二三四五六七八九。", 200) // 2000 characters
	for _, tc := range []struct {
		in        string
		wantParts int
	}{
		{"甲\n\n乙\r\n丙", 3},
		{long, 3},
		{"  ", 0},
	} {
		ps := paragraphs(tc.in)
		if len(ps) != tc.wantParts {
			t.Errorf("paragraphs(%.20q) = %d parts, want %d", tc.in, len(ps), tc.wantParts)
		}
		if strings.Join(ps, "") != strings.Join(strings.Fields(strings.ReplaceAll(tc.in, "\r", "")), "") {
			t.Errorf("paragraphs(%.20q) lost text", tc.in)
		}
		for _, p := range ps {
			if runeLen(p) > 900 {
				t.Errorf("part of %d characters", runeLen(p))
			}
		}
	}
}

// TestCheckReadBack: a workbook with a ~2 MB narrative is one the reader refuses (「工作表过大」,
// issue 14 item 5); CheckReadBack says so before it is written, and passes an ordinary one.
func TestCheckReadBack(t *testing.T) {
	r := form.Sample(form.Latest)
	if err := CheckReadBack(writeBytes(t, r)); err != nil {
		t.Fatalf("the sample cannot be read back: %v", err)
	}
	r.Text.Problems = xlsxtest.LongText(2 << 20) // ~2 MB
	data := writeBytes(t, r)
	err := CheckReadBack(data)
	var re *ReadError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "工作表过大") {
		t.Fatalf("CheckReadBack of a 2 MB narrative = %v; want the reader's 工作表过大", err)
	}
	if _, _, err2 := Read(bytes.NewReader(data)); err2 == nil || err2.Error() != err.Error() {
		t.Errorf("Read says %v, CheckReadBack %v", err2, err)
	}
}
