package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/form"
	"github.com/xuri/excelize/v2"
)

// Limits on what Read accepts. A real report workbook is tens of kilobytes; these bound the
// memory and time spent on hostile or unrelated files (zip bombs, huge sheets).
const (
	maxFileSize  = 32 << 20 // bytes of the .xlsx file
	maxUnzipSize = 64 << 20 // bytes of all parts, uncompressed
	maxPartSize  = 4 << 20  // bytes of one worksheet or the shared strings, uncompressed
	maxEntries   = 4000     // parts in the archive
	maxSheets    = 32       // worksheets searched for tables
	maxRows      = 1000     // rows scanned per sheet
	maxCols      = 100      // columns scanned per row
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

// ReadFile reads a report workbook from disk (see Read).
func ReadFile(path string) (*form.Report, []Warning, error) {
	fh, err := os.Open(path)
	if err != nil {
		reason := "文件无法打开"
		switch {
		case errors.Is(err, os.ErrNotExist):
			reason = "文件不存在"
		case errors.Is(err, os.ErrPermission):
			reason = "没有读取权限（文件可能正被 Excel 或 WPS 打开）"
		}
		return nil, nil, &ReadError{Path: path, Reason: reason, Err: err}
	}
	defer fh.Close()
	r, ws, err := Read(fh)
	var re *ReadError
	if errors.As(err, &re) {
		re.Path = path
	}
	return r, ws, err
}

// Read reads a report workbook. A workbook written by Write is restored exactly (cells as
// typed, narrative, meta), with any number edited in Excel since taken from the sheet. Any
// other workbook is searched for the official tables by their labels; blanks, "/" and text
// in number cells come back as warnings naming the table and Excel address, and the typed
// text is kept in the report so that form.Check reports it too. Every failure is a
// *ReadError; Read never panics and bounds the memory it uses.
func Read(rd io.Reader) (r *form.Report, ws []Warning, err error) {
	data, err := io.ReadAll(io.LimitReader(rd, maxFileSize+1))
	if err != nil {
		return nil, nil, &ReadError{Reason: "文件读取失败", Err: err}
	}
	f, err := open(data)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	defer func() {
		if p := recover(); p != nil {
			r, ws, err = nil, nil, &ReadError{Reason: fmt.Sprintf("文件内容已损坏（%v）", p)}
		}
	}()
	if i, _ := f.GetSheetIndex(metaSheet); i >= 0 {
		if r, ws, err := readOwn(f); err == nil {
			return r, ws, nil
		} else if errors.Is(err, errNewer) {
			return nil, nil, err
		}
	}
	return readByLabels(f, nil, nil)
}

// open checks the archive against the limits before excelize parses it.
func open(data []byte) (f *excelize.File, err error) {
	fail := func(reason string, err error) (*excelize.File, error) {
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
			f, err = fail(fmt.Sprintf("文件内容已损坏（%v）", p), nil)
		}
	}()
	f, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{
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
	return f, nil
}

// sheetData is the scanned text of one worksheet: raw cell values (at most maxRows ×
// maxCols), their normalised form for label matching, and the merged ranges (when asked
// for: they cost a full parse of the sheet).
type sheetData struct {
	name  string
	raw   [][]string
	norm  [][]string
	merge map[[2]int][2]int // top-left → bottom-right (row, col), zero-based
	// f is set when the whole sheet was parsed (for the merged ranges), so that cell styles
	// can be looked at cheaply.
	f *excelize.File
}

func loadSheet(f *excelize.File, name string, merges bool) (*sheetData, error) {
	sd := &sheetData{name: name, merge: map[[2]int][2]int{}}
	rows, err := f.Rows(name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for len(sd.raw) < maxRows && rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		if len(cols) > maxCols {
			cols = cols[:maxCols]
		}
		n := make([]string, len(cols))
		for i, c := range cols {
			n[i] = form.FoldLabel(c)
		}
		sd.raw = append(sd.raw, cols)
		sd.norm = append(sd.norm, n)
	}
	if err := rows.Error(); err != nil {
		return nil, err
	}
	// Merged ranges need the whole sheet parsed, which excelize does in time quadratic in
	// the rows: only for sheets that ended within the scanned rows.
	if !merges || len(sd.raw) == maxRows && rows.Next() {
		return sd, nil
	}
	mcs, err := f.GetMergeCells(name, true)
	if err != nil {
		return nil, err
	}
	sd.f = f
	for _, mc := range mcs {
		c0, r0, err1 := excelize.CellNameToCoordinates(mc.GetStartAxis())
		c1, r1, err2 := excelize.CellNameToCoordinates(mc.GetEndAxis())
		if err1 == nil && err2 == nil && r1 >= r0 && c1 >= c0 {
			sd.merge[[2]int{r0 - 1, c0 - 1}] = [2]int{r1 - 1, c1 - 1}
		}
	}
	return sd, nil
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
	if sd.f == nil {
		return "", false
	}
	a := cellName(r, c)
	id, err := sd.f.GetCellStyle(sd.name, a)
	if err != nil || id == 0 {
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
	shown, err := sd.f.GetCellValue(sd.name, a)
	if err != nil || shown == "" {
		return "", false
	}
	if v, err := strconv.ParseFloat(shown, 64); err == nil {
		// A format excelize cannot render: show the date the way Chinese Excel does.
		t, err := excelize.ExcelDateToTime(v, false)
		if err != nil {
			return "", false
		}
		shown = fmt.Sprintf("%d月%d日", int(t.Month()), t.Day())
	}
	return shown, true
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

func readMeta(f *excelize.File) (*meta, error) {
	rows, err := f.GetRows(metaSheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
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
		var de *form.DraftError
		if errors.As(err, &de) && strings.Contains(de.Reason, "更新版本") {
			return nil, errNewer
		}
		return nil, err
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
// from the sheet; if rows or columns were inserted or deleted (the labels are no longer
// where they were written), the tables are found by their labels instead.
func readOwn(f *excelize.File) (*form.Report, []Warning, error) {
	m, err := readMeta(f)
	if errors.Is(err, errNewer) {
		return nil, nil, &ReadError{Reason: "此文件由更新版本的年报助手生成，请升级年报助手后再打开", Err: errNewer}
	}
	if err != nil {
		return nil, nil, err
	}
	sd, err := loadSheet(f, m.sheet, false)
	if err != nil {
		return nil, nil, err
	}
	for _, l := range m.labels {
		c, r, err := excelize.CellNameToCoordinates(l[0])
		if err != nil || sd.normAt(r-1, c-1) != form.FoldLabel(l[1]) {
			r, ws, err := readByLabels(f, m.report.Format, m.report)
			if err != nil {
				return nil, nil, err
			}
			return r, append([]Warning{{Sheet: m.sheet, Message: fmt.Sprintf("工作表「%s」的表格结构已被改动（如插入或删除了行列），已按表格标签重新查找数据，请核对", m.sheet)}}, ws...), nil
		}
	}
	r := m.report
	for code, a := range m.addr {
		i := r.Format.Index(code)
		c, row, err := excelize.CellNameToCoordinates(a)
		if i < 0 || err != nil {
			continue
		}
		if text := sd.value(row-1, c-1); !same(r.At(i), text, r.Format.Cells[i].Kind) {
			_ = r.SetAt(i, text)
		}
	}
	return r, nil, nil
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
