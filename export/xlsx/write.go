package xlsx

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
	"github.com/xuri/excelize/v2"
)

// Sheet names of the workbooks this package writes.
const (
	// SheetTables holds the three statistic tables.
	SheetTables = "统计表"
	// SheetText holds the narrative sections.
	SheetText = "正文"
	// SheetUnits lists the units of an aggregate and the units left out.
	SheetUnits = "汇总明细"
	// metaSheet is very hidden and holds what Read needs to restore a report exactly.
	metaSheet   = "_nianbao"
	metaSchema  = "nianbao.xlsx"
	metaVersion = 1
	// chunkSize keeps every metadata cell below Excel's 32767-character limit.
	chunkSize = 30000
)

// Fonts that exist on Chinese Windows (LibreOffice substitutes on other systems).
const (
	fontTable   = "宋体"
	fontBody    = "仿宋"
	fontHeading = "黑体"
	fontPart    = "楷体"
)

// Write writes r to w as an .xlsx workbook: the 统计表 sheet with the tables of 二, 三 and 四
// as the official template lays them out, the 正文 sheet with the narrative, and hidden
// metadata with which Read restores r exactly.
func Write(w io.Writer, r *form.Report) error {
	b, err := newBuilder(r)
	if err != nil {
		return err
	}
	defer b.f.Close()
	b.tablesSheet()
	b.textSheet()
	b.metaSheet("report")
	return b.finish(w)
}

// builder writes one workbook; the first excelize error is kept in err and later calls are
// skipped, so the layout code reads straight.
type builder struct {
	f   *excelize.File
	r   *form.Report
	g   *grid
	err error
	st  styles
	// addr maps each cell code to its address on SheetTables.
	addr map[string]string
	// labels are the label cells written on SheetTables, to verify on reading.
	labels [][2]string
	sheets []string
	// sub replaces the line under the title when set (aggregates say how many units).
	sub string
}

func newBuilder(r *form.Report) (*builder, error) {
	if r == nil || r.Format == nil {
		return nil, fmt.Errorf("没有可导出的报告")
	}
	b := &builder{f: excelize.NewFile(), r: r, g: newGrid(r.Format), addr: map[string]string{}}
	b.st = newStyles(b)
	return b, b.err
}

func (b *builder) do(err error) {
	if b.err == nil && err != nil {
		b.err = err
	}
}

// sheet adds (or, for the first, renames the default) worksheet.
func (b *builder) sheet(name string) {
	if len(b.sheets) == 0 {
		b.do(b.f.SetSheetName("Sheet1", name))
	} else {
		_, err := b.f.NewSheet(name)
		b.do(err)
	}
	b.sheets = append(b.sheets, name)
}

func (b *builder) finish(w io.Writer) error {
	b.f.SetActiveSheet(0)
	b.do(b.f.SetDocProps(&excelize.DocProperties{
		Title: b.r.Title(), Creator: "年报助手", Subject: b.r.Format.Name, Language: "zh-CN",
	}))
	if b.err != nil {
		return fmt.Errorf("生成 Excel 文件失败：%w", b.err)
	}
	if err := b.f.Write(w); err != nil {
		return fmt.Errorf("写入 Excel 文件失败：%w", err)
	}
	return nil
}

// cellName is the A1 name of a zero-based position.
func cellName(row, col int) string { return form.CellName(row, col) }

// colName is the letters of a zero-based column.
func colName(col int) string {
	n := cellName(0, col)
	return n[:len(n)-1]
}

// rect styles (and merges when larger than one cell) the zero-based rectangle.
func (b *builder) rect(sheet string, r0, c0, r1, c1, style int) {
	a, z := cellName(r0, c0), cellName(r1, c1)
	if a != z {
		b.do(b.f.MergeCell(sheet, a, z))
	}
	b.do(b.f.SetCellStyle(sheet, a, z, style))
}

// setPrint makes a sheet print on A4 portrait, one page wide, with page numbers.
func (b *builder) setPrint(sheet string, titleRows int) {
	size, orient, fitW, fitH := 9, "portrait", 1, 0
	b.do(b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &fitW, FitToHeight: &fitH}))
	fit := true
	b.do(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	m, tb, hf := 0.6, 0.7, 0.3
	yes := true
	b.do(b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &tb, Bottom: &tb, Header: &hf, Footer: &hf, Horizontally: &yes}))
	b.do(b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"}))
	no := false
	b.do(b.f.SetSheetView(sheet, 0, &excelize.ViewOptions{ShowGridLines: &no}))
	if titleRows > 0 {
		b.do(b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: fmt.Sprintf("'%s'!$1:$%d", sheet, titleRows)}))
	}
}

// subtitle is the line under the title: who reports, for which year, in which format.
func subtitle(r *form.Report) string {
	agency := strings.TrimSpace(r.Meta.Agency)
	if agency == "" {
		agency = "（未填写）"
	}
	year := "（未填写）"
	if r.Meta.Year > 0 {
		year = fmt.Sprintf("%d年", r.Meta.Year)
	}
	return fmt.Sprintf("填报单位：%s　　报告年度：%s　　报告格式：%s", agency, year, r.Format.Name)
}

// tablesSheet writes SheetTables: title, subtitle, then each table under its section title.
func (b *builder) tablesSheet() {
	const sheet = SheetTables
	b.sheet(sheet)
	f, r, g := b.f, b.r, b.g
	last := len(g.widths) - 1
	for c, w := range g.widths {
		b.do(f.SetColWidth(sheet, colName(c), colName(c), w))
	}
	b.do(f.SetCellStr(sheet, "A1", r.Title()))
	b.rect(sheet, 0, 0, 0, last, b.st.title)
	b.do(f.SetRowHeight(sheet, 1, float64(lines(r.Title(), pageWidth/1.6))*24+10))
	sub := b.sub
	if sub == "" {
		sub = subtitle(r)
	}
	b.do(f.SetCellStr(sheet, "A2", sub))
	b.rect(sheet, 1, 0, 1, last, b.st.subtitle)
	b.do(f.SetRowHeight(sheet, 2, 22))
	row := 3
	var dv [3][]string // value cell addresses by kind
	for _, t := range r.Format.Tables {
		sec := r.Format.Sections[t.Section-1]
		if t.ID == "apply" {
			b.do(f.InsertPageBreak(sheet, cellName(row, 0)))
		}
		b.do(f.SetCellStr(sheet, cellName(row, 0), sec.Title))
		b.rect(sheet, row, 0, row, last, b.st.section)
		b.do(f.SetRowHeight(sheet, row+1, 26))
		row++
		l := t.Layout()
		heights := make([]float64, l.Rows)
		for i := range heights {
			heights[i] = minRowHeight
		}
		for _, s := range l.Spans {
			c0, c1 := g.span(t.ID, s.Col, s.ColSpan)
			r0, r1 := row+s.Row, row+s.Row+s.RowSpan-1
			a := cellName(r0, c0)
			if s.Role == form.RoleValue {
				kind := b.writeValue(sheet, a, s.Code, r0, c0, r1, c1)
				dv[kind] = append(dv[kind], a)
				b.addr[s.Code] = a
				continue
			}
			b.do(f.SetCellStr(sheet, a, s.Text))
			b.rect(sheet, r0, c0, r1, c1, b.st.label(s))
			b.labels = append(b.labels, [2]string{a, s.Text})
			if s.RowSpan == 1 {
				h := float64(lines(s.Text, g.width(c0, c1)))*lineHeight + rowPad
				heights[s.Row] = max(heights[s.Row], h)
			}
		}
		// Labels over several rows get the height they need spread over their rows.
		for _, s := range l.Spans {
			if s.Role == form.RoleValue || s.RowSpan == 1 {
				continue
			}
			c0, c1 := g.span(t.ID, s.Col, s.ColSpan)
			need := float64(lines(s.Text, g.width(c0, c1)))*lineHeight + rowPad
			have := 0.0
			for i := s.Row; i < s.Row+s.RowSpan; i++ {
				have += heights[i]
			}
			if have < need {
				extra := (need - have) / float64(s.RowSpan)
				for i := s.Row; i < s.Row+s.RowSpan; i++ {
					heights[i] += extra
				}
			}
		}
		for i, h := range heights {
			b.do(f.SetRowHeight(sheet, row+i+1, min(h, maxRowHeight)))
		}
		row += l.Rows + 1
	}
	b.validation(sheet, dv)
	b.do(f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	}))
	b.setPrint(sheet, 2)
}

// writeValue writes one number cell (a number when valid, the typed text when not) and
// returns its kind for the data validation.
func (b *builder) writeValue(sheet, a, code string, r0, c0, r1, c1 int) form.Kind {
	i := b.r.Format.Index(code)
	d := b.r.Format.Cells[i]
	c := b.r.At(i)
	style := b.st.value(d.Kind, decimals(c, d.Kind))
	switch {
	case c.OK() && d.Kind == form.Amount:
		b.do(b.f.SetCellFloat(sheet, a, c.Value.Float(), -1, 64))
	case c.OK():
		b.do(b.f.SetCellInt(sheet, a, c.Value.Int()))
	case c.Err != nil:
		b.do(b.f.SetCellStr(sheet, a, c.Text))
		style = b.st.invalid
	}
	b.rect(sheet, r0, c0, r1, c1, style)
	return d.Kind
}

// decimals is how many decimals an amount shows: at least two, more when typed.
func decimals(c form.Cell, k form.Kind) int {
	if k != form.Amount {
		return 0
	}
	n := 2
	s := strings.TrimSuffix(form.Normalize(c.Text), "万元")
	if i := strings.IndexByte(s, '.'); i >= 0 {
		n = max(n, len(strings.TrimSpace(s[i+1:])))
	}
	if c.OK() {
		v := c.Value.Format(form.Amount)
		n = max(n, len(v)-strings.IndexByte(v, '.')-1)
	}
	return min(n, 6)
}

// validation adds the data-validation rules of the number cells.
func (b *builder) validation(sheet string, cells [3][]string) {
	rules := []struct {
		kind     form.Kind
		t        excelize.DataValidationType
		lo       float64
		title    string
		msg, err string
	}{
		{form.Count, excelize.DataValidationTypeWhole, 0, "填写数量",
			"请填写 0 或正整数；没有发生的填 0。", "这里只能填写 0 或正整数（件数），没有发生的请填 0。"},
		{form.Amount, excelize.DataValidationTypeDecimal, 0, "填写金额",
			"单位为万元，可带小数，如 3.25。", "这里只能填写大于或等于 0 的数，单位为万元。"},
		{form.Change, excelize.DataValidationTypeWhole, -form.MaxValue, "填写增减",
			"填写整数，减少的填负数，如 -7。", "这里只能填写整数，减少的请填负数（如 -7）。"},
	}
	for _, rule := range rules {
		if len(cells[rule.kind]) == 0 {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(strings.Join(cells[rule.kind], " "))
		b.do(dv.SetRange(rule.lo, float64(form.MaxValue), rule.t, excelize.DataValidationOperatorBetween))
		dv.SetError(excelize.DataValidationErrorStyleStop, "填写有误", rule.err)
		dv.SetInput(rule.title, rule.msg)
		b.do(b.f.AddDataValidation(sheet, dv))
	}
}

// textSheet writes the narrative: title, opening, the six section titles with their text
// (二 to 四 point to the statistics sheet), and the signature.
func (b *builder) textSheet() {
	const sheet = SheetText
	b.sheet(sheet)
	f, r := b.f, b.r
	const width = 72.0
	b.do(f.SetColWidth(sheet, "A", "A", width))
	row := 0
	put := func(text string, style int, pt float64) {
		a := cellName(row, 0)
		b.do(f.SetCellStr(sheet, a, text))
		b.do(f.SetCellStyle(sheet, a, a, style))
		// Characters per line: the column's pixels over the font's em in pixels.
		perLine := (width*7 + 5) / (pt * 96 / 72)
		h := float64(lines(text, 2*perLine+1.2))*pt*1.45 + 6
		b.do(f.SetRowHeight(sheet, row+1, min(h, maxRowHeight)))
		row++
	}
	paras := func(text string) {
		for _, p := range paragraphs(text) {
			put(p, b.st.body, 12)
		}
	}
	put(r.Title(), b.st.textTitle, 18)
	paras(r.Text.Opening)
	for _, s := range r.Format.Sections {
		put(s.Title, b.st.textHeading, 14)
		switch {
		case s.Table != nil:
			put(fmt.Sprintf("（见「%s」工作表）", SheetTables), b.st.body, 12)
		case s.Number == 1:
			paras(r.Text.Overview)
			for i, p := range r.Text.Parts {
				if strings.TrimSpace(p) == "" {
					continue
				}
				if i < len(s.Parts) {
					put(s.Parts[i], b.st.textPart, 14)
				}
				paras(p)
			}
		default:
			paras(r.Text.Section(s.Number))
		}
	}
	paras(r.Text.Closing)
	if a := strings.TrimSpace(r.Meta.Agency); a != "" {
		put(a, b.st.signature, 12)
	}
	if d := r.DateText(); d != "" {
		put(d, b.st.signature, 12)
	}
	b.do(f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	}))
	b.setPrint(sheet, 0)
}

// paragraphs splits text at line breaks into non-empty paragraphs, and long paragraphs at
// sentence ends so that each fits one cell (Excel rows are at most 409 points high).
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		p = strings.TrimSpace(p)
		// longer than 900 characters: at least 901 runes in its first 901*4 bytes (counting
		// only a prefix keeps a long paragraph linear, not quadratic)
		for runeLen(p[:min(len(p), 901*utf8.UTFMax)]) > 900 {
			cut := cutAt(p, 900)
			out = append(out, p[:cut])
			p = p[cut:]
		}
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// cutAt returns a byte offset at most n characters into s, after a sentence end when one
// is near.
func cutAt(s string, n int) int {
	end, count, best := len(s), 0, -1
	for i, r := range s {
		if count == n {
			end = i
			break
		}
		count++
		if r == '。' || r == '；' || r == '！' || r == '？' {
			best = i + len(string(r))
		}
	}
	if best > end/2 {
		return best
	}
	return end
}

// metaSheet writes the very hidden sheet: schema, the report as a draft (exact texts of
// every cell and of the narrative, without the link to last year's report), the address of every number cell and the label cells.
func (b *builder) metaSheet(kind string) {
	b.sheet(metaSheet)
	// The workbook goes to the superior office: the draft in it names no file of this
	// computer (LastYear is a local path; RefusedLink is never saved).
	r := *b.r // the cells are only read
	r.LastYear, r.RefusedLink = "", ""
	draft, err := form.MarshalDraft(&r, zeroTime)
	b.do(err)
	addr, _ := json.Marshal(b.addr)
	labels, _ := json.Marshal(b.labels)
	rows := [][]string{
		{"schema", metaSchema, fmt.Sprint(metaVersion), kind},
		append([]string{"draft"}, chunks(string(draft))...),
		append([]string{"cells", SheetTables}, chunks(string(addr))...),
		append([]string{"labels", SheetTables}, chunks(string(labels))...),
	}
	for i, row := range rows {
		for j, v := range row {
			b.do(b.f.SetCellStr(metaSheet, cellName(i, j), v))
		}
	}
	b.do(b.f.SetSheetVisible(metaSheet, false, true))
}

// chunks splits s into pieces of at most chunkSize characters.
func chunks(s string) []string {
	var out []string
	for runeLen(s[:min(len(s), (chunkSize+1)*utf8.UTFMax)]) > chunkSize {
		n, i := 0, 0
		for i = range s {
			if n == chunkSize {
				break
			}
			n++
		}
		out = append(out, s[:i])
		s = s[i:]
	}
	return append(out, s)
}
