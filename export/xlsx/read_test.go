package xlsx

import (
	"bytes"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
	"github.com/xuri/excelize/v2"
)

// handOpts describes a workbook typed by hand after the official template.
type handOpts struct {
	title    []string            // rows above the tables
	perSheet bool                // each table on its own sheet
	shift    int                 // empty columns left of the tables
	merge    bool                // merge cells as the template does
	relabel  func(string) string // how the typist wrote a label ("" leaves it out)
	values   map[string]string   // typed text of some cells instead of the report's
}

// handMade lays r's tables out from the declaration, one sheet column per grid column, as
// someone would type them in Excel, and returns the file and where each cell was put.
func handMade(t testing.TB, r *form.Report, o handOpts) ([]byte, map[string]string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheet := "数据"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	addr := map[string]string{}
	row := 0
	for _, line := range o.title {
		f.SetCellStr(sheet, cellName(row, 0), line)
		row++
	}
	for i, tb := range r.Format.Tables {
		if o.perSheet && i > 0 {
			sheet = tb.ShortName()
			if _, err := f.NewSheet(sheet); err != nil {
				t.Fatal(err)
			}
			row = 0
		}
		f.SetCellStr(sheet, cellName(row, 0), r.Format.Sections[tb.Section-1].Title)
		row += 2
		for _, s := range tb.Layout().Spans {
			r0, c0 := row+s.Row, o.shift+s.Col
			a := cellName(r0, c0)
			if o.merge && (s.RowSpan > 1 || s.ColSpan > 1) {
				if err := f.MergeCell(sheet, a, cellName(r0+s.RowSpan-1, c0+s.ColSpan-1)); err != nil {
					t.Fatal(err)
				}
			}
			if s.Role != form.RoleValue {
				text := s.Text
				if o.relabel != nil {
					text = o.relabel(text)
				}
				f.SetCellStr(sheet, a, text)
				continue
			}
			addr[s.Code] = a
			if v, ok := o.values[s.Code]; ok {
				f.SetCellStr(sheet, a, v)
			} else if c, _ := r.Cell(s.Code); c.OK() {
				f.SetCellFloat(sheet, a, c.Value.Float(), -1, 64)
			}
		}
		row += tb.Layout().Rows + 2
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), addr
}

// typist writes labels the way people do: half-width brackets, "1、" numbering, short
// forms, line breaks inside labels.
func typist(s string) string {
	s = strings.NewReplacer("（一）项", "(一)项", "商业企业", "商业\n企业", "总计", "总 计").Replace(s)
	if len(s) > 1 && s[0] >= '1' && s[0] <= '9' && s[1] == '.' {
		s = s[:1] + "、" + s[2:]
	}
	s = strings.TrimPrefix(s, "（一）") // "予以公开" alone
	return form.Short(s)
}

func TestReadHandMade(t *testing.T) {
	s21, s19 := form.Sample(format(t, "2021")), form.Sample(format(t, "2019"))
	s21.Meta.Agency, s19.Meta.Agency = "某市某局", "某县某局"
	for _, tc := range []struct {
		name       string
		r          *form.Report
		o          handOpts
		wantYear   int
		wantAgency string
		// wantCell maps a cell code to the words its warning must contain ("" = no warning).
		wantCell map[string][]string
		// wantOther are words of other warnings.
		wantOther []string
	}{
		{
			name: "2021 one sheet, shifted, typed labels, blanks and slashes",
			r:    s21,
			o: handOpts{title: []string{"", "单位：件", "某市某局2025年政府信息公开工作年度报告"}, shift: 1, merge: true, relabel: typist,
				values: map[string]string{"apply.1.commercial": "/", "apply.3.3.1.natural": "", "review.admin.upheld": "一件", "active.fees.amount": "3.25万元"}},
			wantYear: 2025, wantAgency: "某市某局",
			wantCell: map[string][]string{
				"apply.1.commercial":  {"表三", "「/」", "一、本年新收政府信息公开申请数量", "商业企业"},
				"apply.3.3.1.natural": {"表三", "空白"},
				"review.admin.upheld": {"表四", "「一件」", "不是数字"},
			},
		},
		{
			name:     "2019 a sheet per table, no merges",
			r:        s19,
			o:        handOpts{title: []string{"某县某局2020年度政府信息公开工作年度报告"}},
			wantYear: 2020, wantAgency: "某县某局",
		},
		{
			name: "2021 without title, a row left out",
			r:    s21,
			o: handOpts{merge: true, relabel: func(s string) string {
				if strings.HasPrefix(s, "8.属于行政查询事项") {
					return ""
				}
				return s
			}},
			wantOther: []string{"没有找到报告年度", "没有找到单位名称", "没有找到「8.属于行政查询事项」"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, addr := handMade(t, tc.r, tc.o)
			got, ws, err := Read(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if got.Format != tc.r.Format || got.Meta.Year != tc.wantYear || got.Meta.Agency != tc.wantAgency {
				t.Errorf("read format %s year %d agency %q, want %s %d %q", got.Format.ID, got.Meta.Year, got.Meta.Agency,
					tc.r.Format.ID, tc.wantYear, tc.wantAgency)
			}
			byCode := map[string]Warning{}
			var other []string
			for _, w := range ws {
				if w.Code != "" {
					byCode[w.Code] = w
				} else {
					other = append(other, w.Message)
				}
			}
			dropped := ""
			for _, o := range tc.wantOther {
				if strings.Contains(o, "8.属于行政查询事项") {
					dropped = "apply.3.3.8."
				}
			}
			for i, d := range got.Format.Cells {
				c, want := got.At(i), tc.r.At(i)
				words, warned := tc.wantCell[d.Code]
				w, has := byCode[d.Code]
				switch {
				case dropped != "" && strings.HasPrefix(d.Code, dropped):
					if !c.Blank {
						t.Errorf("%s of a row left out = %q, want blank", d.Code, c.Text)
					}
				case warned:
					if !has {
						t.Errorf("%s: no warning, want one with %v", d.Code, words)
						continue
					}
					for _, word := range append(words, d.Table.ShortName()+" "+addr[d.Code]) {
						if !strings.Contains(w.Message, word) {
							t.Errorf("%s warning %q lacks %q", d.Code, w.Message, word)
						}
					}
					if typed := tc.o.values[d.Code]; c.Text != typed {
						t.Errorf("%s text = %q, want the typed %q kept", d.Code, c.Text, typed)
					}
				case has:
					t.Errorf("unexpected warning on %s: %s", d.Code, w.Message)
				case !c.OK() || c.Value != want.Value:
					t.Errorf("%s = %q, want %s", d.Code, c.Text, want.Text)
				}
			}
			for _, word := range tc.wantOther {
				if !strings.Contains(strings.Join(other, "\n"), word) {
					t.Errorf("no warning with %q among %q", word, other)
				}
			}
			if len(other) != len(tc.wantOther) {
				t.Errorf("table warnings %q, want %d", other, len(tc.wantOther))
			}
		})
	}
}

// TestReadOwnWithoutMetadata reads our own workbook with the hidden sheet removed, as the
// label search must: same numbers, agency and year from the title.
func TestReadOwnWithoutMetadata(t *testing.T) {
	for _, id := range []string{"2021", "2019"} {
		r := form.Sample(format(t, id))
		f := openBytes(t, writeBytes(t, r))
		if err := f.DeleteSheet(metaSheet); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		got, ws, err := Read(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if len(ws) != 0 {
			t.Errorf("%s: warnings %v", id, ws)
		}
		if got.Format != r.Format || got.Meta.Year != r.Meta.Year || got.Meta.Agency != r.Meta.Agency {
			t.Errorf("%s: read %s %d %q", id, got.Format.ID, got.Meta.Year, got.Meta.Agency)
		}
		for i, d := range r.Format.Cells {
			if g := got.At(i); g.Value != r.At(i).Value || !g.OK() {
				t.Errorf("%s %s = %q, want %q", id, d.Code, got.At(i).Text, r.At(i).Text)
			}
		}
	}
}

// TestReadOwnEditedInExcel: a number changed in Excel wins over the metadata; rows inserted
// above the tables make the reader find them by their labels (with a note).
func TestReadOwnEditedInExcel(t *testing.T) {
	r := oddReport(format(t, "2021"))
	for _, tc := range []struct {
		name     string
		edit     func(f *excelize.File, m *meta) error
		code     string
		want     string
		wantNote bool
		warn     string                    // words of the warning about the cell, if one is due
		raw      func(sheet string) string // edits the sheet's XML after edit, if set
	}{
		{"number changed", func(f *excelize.File, m *meta) error {
			return f.SetCellInt(SheetTables, m.addr["apply.1.commercial"], 99)
		}, "apply.1.commercial", "99", false, "", nil},
		{"slash fixed", func(f *excelize.File, m *meta) error {
			return f.SetCellInt(SheetTables, m.addr["apply.3.3.1.natural"], 0)
		}, "apply.3.3.1.natural", "0", false, "", nil},
		{"number cleared", func(f *excelize.File, m *meta) error {
			return f.SetCellStr(SheetTables, m.addr["apply.3.1.natural"], "")
		}, "apply.3.1.natural", "", false, "导出时为「18」，现在是空白（可能在 Excel 中被清空）", nil},
		{"formula without a stored value", func(f *excelize.File, m *meta) error {
			return f.SetCellFormula(SheetTables, m.addr["apply.3.1.legal"], "SUM(D1:D2)")
		}, "apply.3.1.legal", "", false, "现在是公式「=SUM(D1:D2)」，但文件中没有保存它的计算结果", func(s string) string {
			// excelize keeps the old value as the formula's result; a program that does not
			// calculate writes none.
			return strings.Replace(s, "<f>SUM(D1:D2)</f><v>0</v>", "<f>SUM(D1:D2)</f>", 1)
		}},
		{"rows inserted", func(f *excelize.File, m *meta) error {
			return f.InsertRows(SheetTables, 3, 2)
		}, "apply.1.natural", "36", true, "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := writeBytes(t, r)
			f := openBytes(t, data)
			m, err := readMeta(bookOf(t, data))
			if err != nil {
				t.Fatal(err)
			}
			if err := tc.edit(f, m); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := f.Write(&buf); err != nil {
				t.Fatal(err)
			}
			if tc.raw != nil {
				data := replacePart(t, buf.Bytes(), "xl/worksheets/sheet1.xml", tc.raw)
				buf.Reset()
				buf.Write(data)
			}
			got, ws, err := Read(&buf)
			if err != nil {
				t.Fatal(err)
			}
			c, _ := got.Cell(tc.code)
			if strings.TrimSpace(c.Text) != tc.want {
				t.Errorf("%s = %q, want %q", tc.code, c.Text, tc.want)
			}
			note := false
			for _, w := range ws {
				note = note || strings.Contains(w.Message, "结构已被改动")
			}
			if note != tc.wantNote {
				t.Errorf("structure note = %v, want %v (%v)", note, tc.wantNote, ws)
			}
			var cellWarn []string
			for _, w := range ws {
				if w.Code == tc.code {
					cellWarn = append(cellWarn, w.Message)
				}
			}
			if tc.warn == "" && len(cellWarn) > 0 || tc.warn != "" && (len(cellWarn) != 1 || !strings.Contains(cellWarn[0], tc.warn)) {
				t.Errorf("warnings about %s: %q, want one saying %q", tc.code, cellWarn, tc.warn)
			}
			if got.Text != r.Text || got.Meta != r.Meta {
				t.Error("narrative or meta not restored from the metadata")
			}
			// Every other cell is still exactly as typed.
			for i, d := range r.Format.Cells {
				if d.Code == tc.code || (tc.wantNote && r.At(i).Blank) {
					continue
				}
				if g, w := got.At(i), r.At(i); g.Value != w.Value || g.OK() != w.OK() || (!tc.wantNote && g.Text != w.Text && !w.Blank) {
					t.Errorf("%s = %q, want %q", d.Code, g.Text, w.Text)
				}
			}
		})
	}
}

func TestLines(t *testing.T) {
	data, addr := handMade(t, form.Sample(form.Latest), handOpts{merge: true, title: []string{"某局2025年政府信息公开工作年度报告"},
		values: map[string]string{"apply.1.natural": "", "apply.1.commercial": "", "apply.1.legal": "/", "apply.2.natural": ""}})
	_, ws, err := Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	lines := Lines(ws)
	if len(ws) != 4 || len(lines) != 3 {
		t.Fatalf("warnings %d, lines %d (%q); want 4 warnings in 3 lines", len(ws), len(lines), lines)
	}
	for i, want := range []string{
		"表三 " + addr["apply.1.natural"] + "、" + addr["apply.1.commercial"] + "（工作表「数据」「一、本年新收政府信息公开申请数量」行 自然人、商业企业 列）：空白",
		"表三 " + addr["apply.1.legal"] + "（",
		"表三 " + addr["apply.2.natural"] + "（",
	} {
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("line %d = %q, want prefix %q", i, lines[i], want)
		}
	}
}

func TestMatches(t *testing.T) {
	for _, tc := range []struct {
		cell, label string
		want        bool
	}{
		{"予以公开", "（一）予以公开", true},
		{"(二)部分公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", true},
		{"1.属于国家秘密", "1.属于国家秘密", true},
		{"属于国家秘密", "1.属于国家秘密", true},
		{"其他", "3.其他", true},
		{"其他结果", "其他", false},
		{"", "其他", false},
		{"(一)", "（一）予以公开", false},
	} {
		if got := matches(form.FoldLabel(tc.cell), tc.label); got != tc.want {
			t.Errorf("matches(%q, %q) = %v", tc.cell, tc.label, got)
		}
	}
}

// TestReadDateCell: "1-2" typed in a general cell becomes a date in Excel; the reader must
// not take its serial number for a count.
func TestReadDateCell(t *testing.T) {
	data, addr := handMade(t, form.Sample(form.Latest), handOpts{merge: true, title: []string{"某局2025年政府信息公开工作年度报告"}})
	f := openBytes(t, data)
	style, err := f.NewStyle(&excelize.Style{NumFmt: 58}) // "m月d日"
	if err != nil {
		t.Fatal(err)
	}
	a := addr["apply.3.1.natural"]
	f.SetCellInt("数据", a, 45659) // 2025-01-02
	f.SetCellStyle("数据", a, a, style)
	var buf bytes.Buffer
	f.Write(&buf)
	r, ws, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := r.Cell("apply.3.1.natural")
	if c.Err == nil || c.Value != 0 {
		t.Errorf("date cell read as %q (value %d), want an invalid text", c.Text, c.Value)
	}
	if len(ws) != 1 || !strings.Contains(ws[0].Message, "日期") || !strings.Contains(ws[0].Message, "表三 "+a) {
		t.Errorf("warnings %v, want one about the date at %s", ws, a)
	}
}
