package form

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCellCounts(t *testing.T) {
	for _, tc := range []struct {
		format                string
		active, apply, review int
	}{
		{"2021", 3*2 + 1 + 2 + 1, 25 * 7, 15},
		{"2019", 3*2 + 3*2 + 3*2 + 2 + 2, 23 * 7, 15},
	} {
		f, _ := FormatByID(tc.format)
		n := map[string]int{}
		for _, c := range f.Cells {
			n[c.Table.ID]++
		}
		if n["active"] != tc.active || n["apply"] != tc.apply || n["review"] != tc.review {
			t.Errorf("%s: cells per table = %v, want active %d apply %d review %d", tc.format, n, tc.active, tc.apply, tc.review)
		}
	}
}

func TestCodesFromFormatMD(t *testing.T) {
	for _, tc := range []struct{ format, code, label string }{
		{"2021", "active.rules.issued", "规章 · 本年制发件数"},
		{"2021", "active.fees.amount", "行政事业性收费 · 本年收费金额"},
		{"2021", "apply.3.3.4.total", "（三）不予公开 4.保护第三方合法权益 · 总计"},
		{"2021", "apply.3.6.2.natural", "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 · 自然人"},
		{"2021", "apply.1.commercial", "一、本年新收政府信息公开申请数量 · 商业企业"},
		{"2021", "review.direct.pending", "行政复议、行政诉讼情况表 · 未经复议直接起诉·尚未审结"},
		{"2019", "active.penalty.change", "行政处罚 · 本年增/减"},
		{"2019", "active.procurement.amount", "政府集中采购 · 采购总金额"},
		{"2019", "apply.3.6.other", "（六）其他处理 · 其他"},
	} {
		f, _ := FormatByID(tc.format)
		d, ok := f.Cell(tc.code)
		if !ok {
			t.Errorf("%s: no cell %s", tc.format, tc.code)
			continue
		}
		if got := d.Label(); got != tc.label {
			t.Errorf("%s %s label = %q, want %q", tc.format, tc.code, got, tc.label)
		}
	}
	f, _ := FormatByID("2019")
	if _, ok := f.Cell("apply.3.6.1.total"); ok {
		t.Error("2019 must not have 3.6.1")
	}
}

func TestKinds(t *testing.T) {
	f21, f19 := Formats[0], Formats[1]
	for _, tc := range []struct {
		f    *Format
		code string
		kind Kind
	}{
		{f21, "active.fees.amount", Amount}, {f21, "active.rules.issued", Count},
		{f19, "active.license.change", Change}, {f19, "active.fees.change", Change},
		{f19, "active.procurement.amount", Amount}, {f19, "apply.1.total", Count},
	} {
		d, _ := tc.f.Cell(tc.code)
		if d.Kind != tc.kind {
			t.Errorf("%s kind = %v, want %v", tc.code, d.Kind, tc.kind)
		}
	}
}

// spanAt finds the span whose top-left corner is the named cell ("A1").
func spanAt(l *Layout, name string) *Span {
	for i := range l.Spans {
		s := &l.Spans[i]
		if CellName(s.Row, s.Col) == name {
			return s
		}
	}
	return nil
}

// TestLayoutMerges asserts the official merged ranges of FORMAT.md cell by cell.
func TestLayoutMerges(t *testing.T) {
	f21, f19 := Formats[0], Formats[1]
	rng := func(s *Span) string {
		a, b := CellName(s.Row, s.Col), CellName(s.Row+s.RowSpan-1, s.Col+s.ColSpan-1)
		if a == b {
			return a
		}
		return a + ":" + b
	}
	for _, tc := range []struct {
		f           *Format
		table       string
		rows, cols  int
		at, rng     string
		text, code  string
		headerRows  int
		checkHeader bool
	}{
		{f: f21, table: "active", rows: 14, cols: 4, at: "A1", rng: "A1:D1", text: "第二十条第（一）项"},
		{f: f21, table: "active", rows: 14, cols: 4, at: "A2", rng: "A2", text: "信息内容"},
		{f: f21, table: "active", rows: 14, cols: 4, at: "D2", rng: "D2", text: "现行有效件数"},
		{f: f21, table: "active", rows: 14, cols: 4, at: "B3", rng: "B3", code: "active.rules.issued"},
		{f: f21, table: "active", rows: 14, cols: 4, at: "A4", rng: "A4", text: "行政规范性文件"},
		{f: f21, table: "active", rows: 14, cols: 4, at: "A5", rng: "A5:D5", text: "第二十条第（五）项"},
		{f: f21, table: "active", rows: 14, cols: 4, at: "B6", rng: "B6:D6", text: "本年处理决定数量"},
		{f: f21, table: "active", rows: 14, cols: 4, at: "B7", rng: "B7:D7", code: "active.license.decisions"},
		{f: f21, table: "active", rows: 14, cols: 4, at: "A8", rng: "A8:D8", text: "第二十条第（六）项"},
		{f: f21, table: "active", rows: 14, cols: 4, at: "B9", rng: "B9:D9", text: "本年处理决定数量"},
		{f: f21, table: "active", rows: 14, cols: 4, at: "B11", rng: "B11:D11", code: "active.coercion.decisions"},
		{f: f21, table: "active", rows: 14, cols: 4, at: "A12", rng: "A12:D12", text: "第二十条第（八）项"},
		{f: f21, table: "active", rows: 14, cols: 4, at: "B13", rng: "B13:D13", text: "本年收费金额（单位：万元）"},
		{f: f21, table: "active", rows: 14, cols: 4, at: "B14", rng: "B14:D14", code: "active.fees.amount"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "A1", rng: "A1:C3", text: applyNote, headerRows: 3, checkHeader: true},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "D1", rng: "D1:J1", text: "申请人情况"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "D2", rng: "D2:D3", text: "自然人"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "E2", rng: "E2:I2", text: "法人或其他组织"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "J2", rng: "J2:J3", text: "总计"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "E3", rng: "E3", text: "商业企业"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "I3", rng: "I3", text: "其他"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "A4", rng: "A4:C4", text: "一、本年新收政府信息公开申请数量"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "D4", rng: "D4", code: "apply.1.natural"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "A6", rng: "A6:A27", text: "三、本年度办理结果"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "B6", rng: "B6:C6", text: "（一）予以公开"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "B8", rng: "B8:B15", text: "（三）不予公开"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "C8", rng: "C8", text: "1.属于国家秘密"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "B16", rng: "B16:B18", text: "（四）无法提供"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "B19", rng: "B19:B23", text: "（五）不予处理"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "B24", rng: "B24:B26", text: "（六）其他处理"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "B27", rng: "B27:C27", text: "（七）总计"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "A28", rng: "A28:C28", text: "四、结转下年度继续办理"},
		{f: f21, table: "apply", rows: 28, cols: 10, at: "J28", rng: "J28", code: "apply.4.total"},
		{f: f19, table: "apply", rows: 26, cols: 10, at: "A6", rng: "A6:A25", text: "三、本年度办理结果"},
		{f: f19, table: "apply", rows: 26, cols: 10, at: "B24", rng: "B24:C24", text: "（六）其他处理"},
		{f: f21, table: "review", rows: 4, cols: 15, at: "A1", rng: "A1:E1", text: "行政复议", headerRows: 3, checkHeader: true},
		{f: f21, table: "review", rows: 4, cols: 15, at: "F1", rng: "F1:O1", text: "行政诉讼"},
		{f: f21, table: "review", rows: 4, cols: 15, at: "A2", rng: "A2:A3", text: "结果维持"},
		{f: f21, table: "review", rows: 4, cols: 15, at: "E2", rng: "E2:E3", text: "总计"},
		{f: f21, table: "review", rows: 4, cols: 15, at: "F2", rng: "F2:J2", text: "未经复议直接起诉"},
		{f: f21, table: "review", rows: 4, cols: 15, at: "K2", rng: "K2:O2", text: "复议后起诉"},
		{f: f21, table: "review", rows: 4, cols: 15, at: "K3", rng: "K3", text: "结果维持"},
		{f: f21, table: "review", rows: 4, cols: 15, at: "O4", rng: "O4", code: "review.after.total"},
		{f: f19, table: "active", rows: 18, cols: 4, at: "C17", rng: "C17:D17", text: "采购总金额"},
		{f: f19, table: "active", rows: 18, cols: 4, at: "C18", rng: "C18:D18", code: "active.procurement.amount"},
	} {
		l := tc.f.Table(tc.table).Layout()
		if l.Rows != tc.rows || l.Cols != tc.cols {
			t.Errorf("%s %s grid = %d×%d, want %d×%d", tc.f.ID, tc.table, l.Rows, l.Cols, tc.rows, tc.cols)
		}
		if want := map[string]int{"active": 1, "apply": 3, "review": 0}[tc.table]; l.LabelCols != want {
			t.Errorf("%s %s label columns = %d, want %d", tc.f.ID, tc.table, l.LabelCols, want)
		}
		if tc.checkHeader && l.HeaderRows != tc.headerRows {
			t.Errorf("%s %s header rows = %d, want %d", tc.f.ID, tc.table, l.HeaderRows, tc.headerRows)
		}
		s := spanAt(l, tc.at)
		if s == nil {
			t.Errorf("%s %s: no span at %s", tc.f.ID, tc.table, tc.at)
			continue
		}
		if got := rng(s); got != tc.rng || s.Text != tc.text || s.Code != tc.code {
			t.Errorf("%s %s %s = %s %q %q, want %s %q %q", tc.f.ID, tc.table, tc.at, got, s.Text, s.Code, tc.rng, tc.text, tc.code)
		}
	}
}

// TestLayoutCoversGrid checks that the spans of every table tile the grid exactly once and
// that every cell code appears exactly once.
func TestLayoutCoversGrid(t *testing.T) {
	for _, f := range Formats {
		seen := map[string]int{}
		for _, tb := range f.Tables {
			l := tb.Layout()
			cover := make([]int, l.Rows*l.Cols)
			for _, s := range l.Spans {
				if s.RowSpan < 1 || s.ColSpan < 1 {
					t.Fatalf("%s %s: bad span %+v", f.ID, tb.ID, s)
				}
				for r := s.Row; r < s.Row+s.RowSpan; r++ {
					for c := s.Col; c < s.Col+s.ColSpan; c++ {
						cover[r*l.Cols+c]++
					}
				}
				if s.Code != "" {
					seen[s.Code]++
				}
			}
			for i, n := range cover {
				if n != 1 {
					t.Errorf("%s %s: grid cell %s covered %d times", f.ID, tb.ID, CellName(i/l.Cols, i%l.Cols), n)
				}
			}
		}
		for _, c := range f.Cells {
			if seen[c.Code] != 1 {
				t.Errorf("%s: cell %s appears %d times in layouts", f.ID, c.Code, seen[c.Code])
			}
		}
	}
}

func TestShort(t *testing.T) {
	if got := Short("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"); got != "（二）部分公开" {
		t.Errorf("Short = %q", got)
	}
	if got := Short("本年收费金额（单位：万元）"); got != "本年收费金额" {
		t.Errorf("Short = %q", got)
	}
}

// TestLabelsTypedOnce scans every string literal of the project's Go code (tests, the sample
// report's prose and regular expressions over narrative aside) for an official label of six
// or more characters, a section title or a block heading: those are declared in formats.go
// and must be read from the declaration everywhere else.
func TestLabelsTypedOnce(t *testing.T) {
	labels := map[string]bool{}
	var walk func(ns []*Node)
	walk = func(ns []*Node) {
		for _, n := range ns {
			if utf8.RuneCountInString(Short(n.Label)) >= 6 {
				labels[Short(n.Label)] = true
			}
			walk(n.Children)
		}
	}
	for _, f := range Formats {
		for _, s := range f.Sections {
			labels[s.Title] = true
		}
		for _, tb := range f.Tables {
			for _, b := range tb.Blocks {
				walk(b.Rows)
				walk(b.Cols)
				if b.Heading != "" {
					labels[b.Heading] = true
				}
			}
		}
	}
	skip := map[string]bool{"formats.go": true, "sample.go": true}
	found := 0
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "tools" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != ".." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || skip[d.Name()] && filepath.Base(filepath.Dir(p)) == "form" {
			return nil
		}
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		found++
		ast.Inspect(file, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "MustCompile" {
					return false // a pattern over narrative prose, not a label
				}
			}
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			for l := range labels {
				if strings.Contains(s, l) {
					t.Errorf("%s: the official label %q is typed again; read it from the form declaration", fset.Position(lit.Pos()), l)
				}
			}
			return true
		})
		return nil
	})
	if err != nil || found < 30 {
		t.Fatalf("scanned %d Go files (%v); the walk did not reach the project", found, err)
	}
}

func TestCellName(t *testing.T) {
	for _, tc := range []struct {
		r, c int
		want string
	}{{0, 0, "A1"}, {27, 9, "J28"}, {0, 25, "Z1"}, {1, 26, "AA2"}} {
		if got := CellName(tc.r, tc.c); got != tc.want {
			t.Errorf("CellName(%d,%d) = %s, want %s", tc.r, tc.c, got, tc.want)
		}
	}
}

func TestFormatForYear(t *testing.T) {
	for y, want := range map[int]string{2019: "2019", 2020: "2019", 2021: "2021", 2025: "2021"} {
		if got := FormatForYear(y).ID; got != want {
			t.Errorf("FormatForYear(%d) = %s, want %s", y, got, want)
		}
	}
}
