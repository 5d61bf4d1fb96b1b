package xlsx

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
	"github.com/xuri/excelize/v2"
)

// TestScanMatchesExcelize: the streaming reader gives every sheet's values exactly as
// excelize's GetRows does (raw values), for our workbooks, hand-made ones and files written
// by LibreOffice, and the merged ranges as GetMergeCells does.
func TestScanMatchesExcelize(t *testing.T) {
	files := map[string][]byte{}
	for _, fm := range form.Formats {
		files["own "+fm.ID] = writeBytes(t, oddReport(fm))
		data, _ := handMade(t, form.Sample(fm), handOpts{merge: true, relabel: typist, values: map[string]string{"apply.1.natural": "/"}})
		files["hand-made "+fm.ID] = data
	}
	for _, name := range []string{"testdata/lo-own-2021.xlsx", "testdata/lo-handmade-2019.xlsx"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = data
	}
	// Rich text with a phonetic run, an inline string, an escaped character, a formula.
	f := excelize.NewFile()
	f.SetCellRichText("Sheet1", "B2", []excelize.RichTextRun{{Text: "第二十条"}, {Text: "第（一）项", Font: &excelize.Font{Bold: true}}})
	f.SetCellStr("Sheet1", "C3", "回车\r换行_x")
	f.SetCellFormula("Sheet1", "D4", "1+2")
	f.SetCellValue("Sheet1", "E5", 1.5)
	f.SetCellBool("Sheet1", "F6", true)
	f.MergeCell("Sheet1", "B2", "C2")
	data, _ := f.WriteToBuffer()
	files["odd cells"] = data.Bytes()
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			b := bookOf(t, data)
			ex := openBytes(t, data)
			for _, sheet := range ex.GetSheetList() {
				want, err := ex.GetRows(sheet, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				complete := len(want) <= maxRows
				want = want[:min(len(want), maxRows)] // rows beyond are not read
				sc, err := b.scan(sheet)
				if err != nil {
					t.Fatal(err)
				}
				got := sc.rows
				for len(got) > 0 && len(got[len(got)-1]) == 0 {
					got = got[:len(got)-1]
				}
				if len(got) != len(want) {
					t.Fatalf("%s: %d rows, excelize %d", sheet, len(got), len(want))
				}
				for r := range want {
					if !slices.Equal(got[r], want[r]) && !(len(got[r]) == 0 && len(want[r]) == 0) {
						t.Errorf("%s row %d:\n got %q\nwant %q", sheet, r+1, got[r], want[r])
					}
				}
				mcs, _ := ex.GetMergeCells(sheet)
				if !complete {
					mcs = nil // merged ranges are read only for sheets read whole
				}
				if len(mcs) != len(sc.merges) {
					t.Errorf("%s: %d merged ranges, excelize %d", sheet, len(sc.merges), len(mcs))
				}
				for _, mc := range mcs {
					c0, r0, _ := excelize.CellNameToCoordinates(mc.GetStartAxis())
					c1, r1, _ := excelize.CellNameToCoordinates(mc.GetEndAxis())
					if e, ok := sc.merges[[2]int{r0 - 1, c0 - 1}]; !ok || e != [2]int{r1 - 1, c1 - 1} {
						t.Errorf("%s: merge %s:%s = %v", sheet, mc.GetStartAxis(), mc.GetEndAxis(), e)
					}
				}
				if sheet == "Sheet1" && name == "odd cells" {
					if fm := sc.formulas[[2]int{3, 3}]; fm.text != "1+2" {
						t.Errorf("formula D4 = %+v", fm)
					}
					if !strings.Contains(got[2][2], "\r") {
						t.Errorf("escaped carriage return lost: %q", got[2][2])
					}
				}
			}
		})
	}
}
