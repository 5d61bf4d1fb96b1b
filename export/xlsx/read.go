package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/form/fileio"
	"github.com/xuri/excelize/v2"
)

// Limits on what Read accepts: the shared limits of package fileio. A real report workbook is
// tens of kilobytes; these bound the memory and time spent on hostile or unrelated files (zip
// bombs, huge or sparse sheets).
const (
	maxFileSize  = fileio.MaxWorkbook // bytes of the .xlsx file
	maxUnzipSize = fileio.MaxUnzip    // bytes of all parts, uncompressed
	maxPartSize  = fileio.MaxPart     // bytes of one worksheet or the shared strings, uncompressed
	maxEntries   = fileio.MaxParts    // parts in the archive
	maxSheets    = fileio.MaxSheets   // worksheets searched for tables
	maxRows      = fileio.MaxRows     // rows scanned per sheet
	maxCols      = fileio.MaxColumns  // columns scanned per row
	// metaRows bounds the rows of the metadata sheet read (it has four).
	metaRows = 16
)

// Warning is something Read found odd: a table or row it could not find, a blank or a
// non-number in a number cell. Message is the full Chinese text for the user.
type Warning struct {
	// Sheet, Cell and Table locate the problem ("Sheet1", "E9", "表三"); any may be empty.
	Sheet, Cell, Table string
	// Code is the cell code concerned, if any.
	Code string
	// Message is what to show, e.g. "表三 E9（工作表「Sheet1」…）：空白，没有发生请填 0".
	Message string

	// blank marks a blank number cell; row is its sheet row, rowLabel and colLabel name it.
	blank              bool
	row                int
	rowLabel, colLabel string
}

// String returns the message.
func (w Warning) String() string { return w.Message }

// blankNote ends the warning of a blank number cell.
const blankNote = "：空白，未填数字；没有发生的请填 0"

// Lines gives the warnings as lines to show: the blank cells of one table row are joined
// into one line ("表三 E9、F9（…「（一）予以公开」行 商业企业、科研机构 列）：空白…").
func Lines(ws []Warning) []string {
	type group struct {
		at    int
		cells []Warning
	}
	var out []string
	groups := map[string]*group{}
	for _, w := range ws {
		if !w.blank {
			out = append(out, w.Message)
			continue
		}
		key := fmt.Sprint(w.Sheet, "\x00", w.Table, "\x00", w.row)
		g, ok := groups[key]
		if !ok {
			g = &group{at: len(out)}
			groups[key] = g
			out = append(out, "")
		}
		g.cells = append(g.cells, w)
	}
	for _, g := range groups {
		first := g.cells[0]
		if len(g.cells) == 1 {
			out[g.at] = first.Message
			continue
		}
		var cells, cols []string
		for _, w := range g.cells {
			cells = append(cells, w.Cell)
			cols = append(cols, w.colLabel)
		}
		where := "「" + first.rowLabel + "」行 "
		if first.rowLabel == "" {
			where = ""
		}
		out[g.at] = fmt.Sprintf("%s %s（工作表「%s」%s%s 列）%s", first.Table, strings.Join(cells, "、"), first.Sheet,
			where, strings.Join(cols, "、"), blankNote)
	}
	return out
}

// ReadError explains in Chinese why a file could not be read as a report workbook.
type ReadError struct {
	// Path is the file, when known.
	Path string
	// Reason is the Chinese explanation.
	Reason string
	// Err is the underlying error, if any.
	Err error
}

// Error names the file and the reason.
func (e *ReadError) Error() string {
	if e.Path != "" {
		return fmt.Sprintf("无法读取「%s」：%s", filepath.Base(e.Path), e.Reason)
	}
	return "无法读取 Excel 文件：" + e.Reason
}

// Unwrap returns the underlying error.
func (e *ReadError) Unwrap() error { return e.Err }

// ReadFile reads a report workbook from disk (see Read): a regular file of at most
// fileio.MaxWorkbook bytes, read within fileio.MaxReadTime.
func ReadFile(path string) (*form.Report, []Warning, error) {
	data, err := fileio.ReadFile(path, maxFileSize)
	if err != nil {
		var fe *fileio.Error
		if errors.As(err, &fe) {
			return nil, nil, &ReadError{Path: path, Reason: fe.Reason, Err: err}
		}
		return nil, nil, &ReadError{Path: path, Reason: "文件无法读取", Err: err}
	}
	r, ws, err := read(data, fileio.NewDeadline(path))
	var re *ReadError
	if errors.As(err, &re) {
		re.Path = path
	}
	return r, ws, err
}

// Read reads a report workbook. A workbook written by Write is restored exactly (cells as
// typed, narrative, meta), with any number edited in Excel since taken from the sheet (a
// number emptied or turned into a formula without a stored value is reported). Any other
// workbook is searched for the official tables by their labels; blanks, "/" and text in
// number cells come back as warnings naming the table and Excel address, and the typed text
// is kept in the report so that form.Check reports it too. Every failure is a *ReadError;
// Read never panics and bounds its memory and time by the limits of package fileio.
func Read(rd io.Reader) (r *form.Report, ws []Warning, err error) {
	data, err := io.ReadAll(io.LimitReader(rd, maxFileSize+1))
	if err != nil {
		return nil, nil, &ReadError{Reason: "文件读取失败", Err: err}
	}
	return read(data, fileio.NewDeadline(""))
}

func read(data []byte, dl *fileio.Deadline) (r *form.Report, ws []Warning, err error) {
	b, err := open(data)
	if err != nil {
		return nil, nil, err
	}
	b.dl = dl
	defer b.f.Close()
	defer func() {
		if p := recover(); p != nil {
			r, ws, err = nil, nil, &ReadError{Reason: corrupt, Err: fmt.Errorf("panic: %v", p)}
		}
		var fe *fileio.Error
		if errors.As(err, &fe) && errors.Is(err, fileio.ErrTooSlow) {
			r, ws, err = nil, nil, &ReadError{Reason: fe.Reason, Err: err}
		}
	}()
	if i, _ := b.f.GetSheetIndex(metaSheet); i >= 0 {
		if r, ws, err := readOwn(b); err == nil {
			return r, ws, nil
		} else if errors.Is(err, errNewer) || errors.Is(err, fileio.ErrTooSlow) {
			return nil, nil, err
		}
	}
	return readByLabels(b, nil, nil)
}

// corrupt is the reason given for a file the reader could not follow at all.
const corrupt = "文件内容已损坏，无法读取；可在 Excel 或 WPS 中打开后“另存为” .xlsx 再试"

// open checks the archive against the limits before excelize parses it.
func open(data []byte) (b *book, err error) {
	fail := func(reason string, err error) (*book, error) {
		return nil, &ReadError{Reason: reason, Err: err}
	}
	switch {
	case len(data) > maxFileSize:
		return fail(fmt.Sprintf("文件过大（超过 %d MB），不是年度报告的表格", maxFileSize>>20), nil)
	case len(data) == 0:
		return fail("文件是空的", nil)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return fail("这是旧版 Excel（.xls）文件或加密的文件，请在 Excel 或 WPS 中“另存为” .xlsx 格式（不设密码）后再打开", nil)
	case !bytes.HasPrefix(data, []byte("PK")):
		return fail("这不是 Excel（.xlsx）文件", nil)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fail("文件已损坏或不完整（不是有效的 .xlsx 文件）", err)
	}
	if len(zr.File) > maxEntries {
		return fail("文件结构异常（包含的部件过多），不是年度报告的表格", nil)
	}
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		name := strings.ToLower(zf.Name)
		big := zf.UncompressedSize64 > maxPartSize &&
			(strings.HasPrefix(name, "xl/worksheets/") || name == "xl/sharedstrings.xml" || name == "xl/workbook.xml" || name == "xl/styles.xml")
		if big {
			return fail(fmt.Sprintf("工作表过大（解压后超过 %d MB），不是年度报告的表格；请只保留统计表后另存再试", maxPartSize>>20), nil)
		}
		if total > maxUnzipSize {
			return fail(fmt.Sprintf("文件解压后过大（超过 %d MB），不是年度报告的表格；如含有大图片，请删除后另存再试", maxUnzipSize>>20), nil)
		}
	}
	defer func() {
		if p := recover(); p != nil {
			b, err = fail(corrupt, fmt.Errorf("panic: %v", p))
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: maxUnzipSize, UnzipXMLSizeLimit: maxPartSize + 1, CultureInfo: excelize.CultureNameZhCN,
	})
	if err != nil {
		if f != nil {
			f.Close()
		}
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || errors.Is(err, excelize.ErrWorkbookPassword) {
			return fail("文件已加密或格式不受支持，请另存为不设密码的 .xlsx 文件", err)
		}
		return fail("文件已损坏或不是有效的 .xlsx 文件", err)
	}
	return newBook(f, zr), nil
}

// sheetData is the scanned text of one worksheet: raw cell values (at most maxRows ×
// maxCols), their normalised form for label matching, and the rest of what book.scan found
// (merged ranges, styles, formulas).
type sheetData struct {
	name  string
	raw   [][]string
	norm  [][]string
	merge map[[2]int][2]int // top-left → bottom-right (row, col), zero-based
	// scan holds the styles and formulas; f gives the styles' number formats.
	scan *sheetScan
	f    *excelize.File
}

// loadSheet reads a sheet with book.scan: its values (at most maxRows rows, maxCols cells
// each), normalised for label matching, and its merged ranges, styles and formulas.
func loadSheet(b *book, name string) (*sheetData, error) {
	sc, err := b.scan(name)
	if err != nil {
		return nil, err
	}
	sd := &sheetData{name: name, raw: sc.rows, merge: sc.merges, scan: sc, f: b.f}
	sd.norm = make([][]string, len(sd.raw))
	for r, cols := range sd.raw {
		n := make([]string, len(cols))
		for i, c := range cols {
			if plainNumber(c) {
				n[i] = c // folds to itself; most cells of a large sheet are numbers
			} else {
				n[i] = form.FoldLabel(c)
			}
		}
		sd.norm[r] = n
	}
	return sd, nil
}

// plainNumber reports whether s is ASCII digits with at most one inner dot.
func plainNumber(s string) bool {
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && !dot && i > 0 && i < len(s)-1:
			dot = true
		default:
			return false
		}
	}
	return s != ""
}

// at returns the raw text at a zero-based position ("" outside the scanned area).
func (sd *sheetData) at(r, c int) string {
	if r < 0 || r >= len(sd.raw) || c < 0 || c >= len(sd.raw[r]) {
		return ""
	}
	return sd.raw[r][c]
}

func (sd *sheetData) normAt(r, c int) string {
	if r < 0 || r >= len(sd.norm) || c < 0 || c >= len(sd.norm[r]) {
		return ""
	}
	return sd.norm[r][c]
}

// value returns the text of a number cell: numbers stored with binary noise
// ("2488.8600000000001", "1E-3") are rounded to the six decimals a cell can hold.
// (Cell types are not consulted: that would make excelize parse the whole sheet.)
func (sd *sheetData) value(r, c int) string {
	s := strings.TrimSpace(sd.at(r, c))
	if s == "" || !strings.ContainsAny(s, ".eE") {
		return s
	}
	if i := strings.IndexByte(s, '.'); i >= 0 && !strings.ContainsAny(s, "eE") && len(s)-i-1 <= 6 {
		return s
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	out := strconv.FormatFloat(v, 'f', 6, 64)
	out = strings.TrimRight(strings.TrimRight(out, "0"), ".")
	return out
}

// dateShown reports whether a number cell is formatted as a date (Excel turns "1-2" typed
// in a general cell into 2 January) and what it shows.
func (sd *sheetData) dateShown(r, c int) (string, bool) {
	if sd.scan == nil {
		return "", false
	}
	id, ok := sd.scan.styles[[2]int{r, c}]
	if !ok {
		return "", false
	}
	st, err := sd.f.GetStyle(id)
	if err != nil || st == nil {
		return "", false
	}
	date := st.NumFmt >= 14 && st.NumFmt <= 22 || st.NumFmt >= 27 && st.NumFmt <= 36 || st.NumFmt >= 45 && st.NumFmt <= 47 || st.NumFmt >= 50 && st.NumFmt <= 58
	if st.CustomNumFmt != nil {
		code := strings.ToLower(quoted.ReplaceAllString(*st.CustomNumFmt, ""))
		date = strings.ContainsAny(code, "ymdh") && !strings.Contains(code, "general")
	}
	if !date {
		return "", false
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(sd.at(r, c)), 64)
	if err != nil {
		return "", false
	}
	// Shown the way Chinese Excel shows a day typed as "1-2" (the sheet was not parsed whole
	// to render its own format).
	t, err := excelize.ExcelDateToTime(v, false)
	if err != nil {
		return "", false
	}
	return fmt.Sprintf("%d月%d日", int(t.Month()), t.Day()), true
}

// quoted matches literal text and colours in a number format code.
var quoted = regexp.MustCompile(`"[^"]*"|\[[^\]]*\]|\\.`)

// errNewer marks a workbook written by a newer version of the program.
var errNewer = errors.New("newer workbook")

// meta is the content of the hidden sheet.
type meta struct {
	kind   string
	report *form.Report
	sheet  string
	addr   map[string]string
	labels [][2]string
}

func readMeta(b *book) (*meta, error) {
	sd, err := loadSheet(b, metaSheet)
	if err != nil {
		return nil, err
	}
	rows := sd.raw[:min(len(sd.raw), metaRows)]
	m := &meta{}
	var draft, addr, labels string
	for _, row := range rows {
		if len(row) < 2 {
			continue
		}
		switch row[0] {
		case "schema":
			if row[1] != metaSchema {
				return nil, errors.New("not ours")
			}
			if len(row) > 2 {
				if v, _ := strconv.Atoi(row[2]); v > metaVersion {
					return nil, errNewer
				}
			}
			if len(row) > 3 {
				m.kind = row[3]
			}
		case "draft":
			draft = strings.Join(row[1:], "")
		case "cells":
			m.sheet, addr = row[1], strings.Join(row[2:], "")
		case "labels":
			labels = strings.Join(row[2:], "")
		}
	}
	if m.report, err = form.UnmarshalDraft([]byte(draft)); err != nil {
		if _, ok := form.AsReadOnly(err); ok || errors.Is(err, form.ErrNewerDraft) {
			return nil, errNewer
		}
		return nil, err
	}
	if m.kind == "summary" {
		m.report.Summary = true // a 汇总 written before drafts said so
	}
	if err := json.Unmarshal([]byte(addr), &m.addr); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(labels), &m.labels); err != nil {
		return nil, err
	}
	return m, nil
}

// readOwn restores a workbook written by Write. Numbers changed in Excel since are taken
// from the sheet; a number emptied, or turned into a formula without a stored value, is read
// as blank and reported. If rows or columns were inserted or deleted (the labels are no longer
// where they were written), the tables are found by their labels instead.
func readOwn(b *book) (*form.Report, []Warning, error) {
	m, err := readMeta(b)
	if errors.Is(err, errNewer) {
		return nil, nil, &ReadError{Reason: "此文件由更新版本的年报助手生成，请升级年报助手后再打开", Err: errNewer}
	}
	if err != nil {
		return nil, nil, err
	}
	sd, err := loadSheet(b, m.sheet)
	if err != nil {
		return nil, nil, err
	}
	for _, l := range m.labels {
		c, r, err := excelize.CellNameToCoordinates(l[0])
		if err != nil || sd.normAt(r-1, c-1) != form.FoldLabel(l[1]) {
			r, ws, err := readByLabels(b, m.report.Format, m.report)
			if err != nil {
				return nil, nil, err
			}
			return r, append([]Warning{{Sheet: m.sheet, Message: fmt.Sprintf("工作表「%s」的表格结构已被改动（如插入或删除了行列），已按表格标签重新查找数据，请核对", m.sheet)}}, ws...), nil
		}
	}
	r := m.report
	var ws []Warning
	for _, d := range r.Format.Cells {
		a, ok := m.addr[d.Code]
		if !ok {
			continue
		}
		i := r.Format.Index(d.Code)
		c, row, err := excelize.CellNameToCoordinates(a)
		if i < 0 || err != nil {
			continue
		}
		text := sd.value(row-1, c-1)
		if same(r.At(i), text, d.Kind) {
			continue
		}
		was := r.At(i)
		_ = r.SetAt(i, text)
		if strings.TrimSpace(text) != "" || was.Blank && was.Err == nil {
			continue
		}
		w := Warning{Sheet: m.sheet, Cell: a, Table: d.Table.ShortName(), Code: d.Code}
		at := fmt.Sprintf("%s %s（工作表「%s」%s）", w.Table, a, m.sheet, d.Where())
		if f, ok := sd.scan.formulas[[2]int{row - 1, c - 1}]; ok && !f.stored {
			shown := ""
			if f.text != "" {
				shown = "「=" + f.text + "」"
			}
			w.Message = fmt.Sprintf("%s：导出时为「%s」，现在是公式%s，但文件中没有保存它的计算结果（可能由不计算公式的程序改过），已按空白读取；请在 Excel 或 WPS 中打开并保存后再读入，或直接填写数字", at, was.Text, shown)
		} else {
			w.Message = fmt.Sprintf("%s：导出时为「%s」，现在是空白（可能在 Excel 中被清空），已按空白读取，请核对", at, was.Text)
		}
		ws = append(ws, w)
	}
	return r, ws, nil
}

// same reports whether the text found in a cell means the same as the cell saved in the
// metadata (then the saved text, exactly as typed, is kept).
func same(c form.Cell, text string, k form.Kind) bool {
	v, blank, err := form.Parse(text, k)
	switch {
	case blank || c.Blank && c.Err == nil:
		return blank && c.Blank && c.Err == nil
	case err != nil || c.Err != nil:
		return err != nil && c.Err != nil && strings.TrimSpace(text) == strings.TrimSpace(c.Text)
	}
	return v == c.Value
}

// CheckReadBack reads a workbook as the app will read it when it is reopened or summed (汇总)
// and returns why it cannot (a *ReadError), or nil. Exporters call it on a rendered workbook
// before writing it, so that the user is warned before a workbook the app cannot read back
// (a very long narrative makes its parts exceed the reader's limits) reaches the superior.
func CheckReadBack(data []byte) error {
	_, _, err := read(data, nil)
	return err
}
