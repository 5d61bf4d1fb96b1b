package xlsx

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/form/fileio"
	"github.com/xuri/excelize/v2"
	"golang.org/x/net/html/charset"
)

// book is an opened workbook: the archive, which scan reads as a stream, and excelize for the
// sheet list and the cell styles. Read never lets excelize read a worksheet: its full parse
// expands every row to its last column and its row iterator returns every cell up to the last
// (a sparse row whose one cell sits in column XFD becomes 16,384 cells), so a 28 KB file took
// 956 MB, and 418 KB ran out of memory.
type book struct {
	f     *excelize.File
	files map[string]*zip.File // archive parts by name, without a leading "/"
	parts map[string]string    // sheet name → archive part ("xl/worksheets/sheet1.xml")
	sst   []string             // shared strings, read on first use
	sstOK bool
	sstAt string // the shared strings' part
	dl    *fileio.Deadline
	// cells counts the cells kept from all sheets; full is set when it reached
	// fileio.MaxSheetCells and reading stopped.
	cells int
	full  bool
}

func newBook(f *excelize.File, zr *zip.Reader) *book {
	b := &book{f: f, files: map[string]*zip.File{}, parts: map[string]string{}, sstAt: "xl/sharedStrings.xml"}
	for _, zf := range zr.File {
		b.files[strings.TrimPrefix(zf.Name, "/")] = zf
	}
	b.readParts()
	return b
}

// relations is a part's .rels file.
type relations struct {
	Rel []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// readParts maps sheet names to their parts, from the workbook and its relations.
func (b *book) readParts() {
	wb := "xl/workbook.xml"
	var root relations
	if b.readXML("_rels/.rels", &root) == nil {
		for _, r := range root.Rel {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wb = strings.TrimPrefix(path.Clean("/"+r.Target), "/")
			}
		}
	}
	var w struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels relations
	dir := path.Dir(wb)
	if b.readXML(wb, &w) != nil || b.readXML(path.Join(dir, "_rels", path.Base(wb)+".rels"), &rels) != nil {
		return
	}
	targets := map[string]string{}
	for _, r := range rels.Rel {
		t := path.Join(dir, r.Target)
		if strings.HasPrefix(r.Target, "/") {
			t = strings.TrimPrefix(path.Clean(r.Target), "/")
		}
		targets[r.ID] = t
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			b.sstAt = t
		}
	}
	for _, s := range w.Sheets {
		if t, ok := targets[s.RID]; ok {
			b.parts[s.Name] = t
		}
	}
}

// readXML decodes a small part whole (the limits of open bound its size).
func (b *book) readXML(name string, v any) error {
	rc, err := b.openPart(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	d.CharsetReader = charset.NewReaderLabel
	return d.Decode(v)
}

// openPart opens a part for reading, at most fileio.MaxPart bytes of it.
func (b *book) openPart(name string) (io.ReadCloser, error) {
	zf := b.files[name]
	if zf == nil {
		return nil, io.ErrUnexpectedEOF
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(rc, fileio.MaxPart), rc}, nil
}

// tokens streams the XML tokens of a part to fn until fn returns false, the part ends or
// the deadline passes. A part it cannot follow (broken, or in an unknown encoding) ends the
// stream where it breaks: what was read so far is used, as Excel does with a damaged sheet.
func (b *book) tokens(name string, fn func(xml.Token) bool) error {
	rc, err := b.openPart(name)
	if err != nil {
		return nil
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := b.dl.Check(); err != nil {
				return err
			}
		}
		tok, err := d.RawToken()
		if err != nil || !fn(tok) {
			return nil
		}
	}
}

// sharedStrings reads the shared strings once: the text of each <si>, phonetic runs aside.
func (b *book) sharedStrings() ([]string, error) {
	if b.sstOK {
		return b.sst, nil
	}
	b.sstOK = true
	var cur strings.Builder
	inT, inPh, inSI := false, false, false
	err := b.tokens(b.sstAt, func(tok xml.Token) bool {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				cur.Reset()
			case "t":
				inT = inSI
			case "rPh":
				inPh = true
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				b.sst = append(b.sst, unescapeBstr(cur.String()))
				inSI = false
			case "t":
				inT = false
			case "rPh":
				inPh = false
			}
		case xml.CharData:
			if inT && !inPh {
				cur.Write(t)
			}
		}
		return true
	})
	return b.sst, err
}

var bstrRe = regexp.MustCompile(`_x[0-9A-Fa-f]{4}_`)

// unescapeBstr decodes Excel's "_x000D_" escapes of characters XML cannot hold.
func unescapeBstr(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	return bstrRe.ReplaceAllStringFunc(s, func(m string) string {
		v, err := strconv.ParseUint(m[2:6], 16, 32)
		if err != nil {
			return m
		}
		return string(rune(v))
	})
}

// sheetScan is one worksheet as read by scan, within fileio.MaxRows × fileio.MaxColumns: the
// raw value of every cell (as excelize gives with RawCellValue: shared and inline strings
// resolved, numbers as stored), the merged ranges, styles and formulas.
type sheetScan struct {
	// rows are the raw values; a row ends at its last cell with a value or a formula.
	rows [][]string
	// merges maps a range's top-left to its bottom-right (row, col), zero-based; filled only
	// when the whole sheet lies within MaxRows (they come after the cells in the file).
	merges map[[2]int][2]int
	// styles holds the style id of every cell with one.
	styles map[[2]int]int
	// formulas holds the formula text (at most 200 bytes) of every cell with one.
	formulas map[[2]int]formula
}

type formula struct {
	text string
	// stored tells whether the cell also holds a stored result.
	stored bool
}

// scan reads the named sheet as a token stream, holding one row at a time: cells beyond
// MaxColumns and rows beyond MaxRows are passed over without being kept.
func (b *book) scan(name string) (*sheetScan, error) {
	sc := &sheetScan{merges: map[[2]int][2]int{}, styles: map[[2]int]int{}, formulas: map[[2]int]formula{}}
	sst, err := b.sharedStrings()
	if err != nil {
		return nil, err
	}
	row, col, complete := -1, -1, true
	var cell [2]int
	var typ string
	inCell, inFormula, inValue, inText, inPh, hasF := false, false, false, false, false, false
	var fText, val strings.Builder
	setCell := func() {
		v := val.String()
		switch typ {
		case "s":
			if i, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && i >= 0 && i < len(sst) {
				v = sst[i]
			} else {
				v = ""
			}
		case "inlineStr":
			v = unescapeBstr(v)
		}
		if hasF {
			sc.formulas[cell] = formula{text: fText.String(), stored: val.Len() > 0}
		}
		if v == "" && !hasF {
			return
		}
		if b.cells++; b.cells > fileio.MaxSheetCells {
			b.full = true
			return
		}
		for len(sc.rows) <= row {
			sc.rows = append(sc.rows, nil)
		}
		r := sc.rows[row]
		for len(r) < col {
			r = append(r, "")
		}
		sc.rows[row] = append(r, v)
	}
	err = b.tokens(b.parts[name], func(tok xml.Token) bool {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				row++
				if r, err := strconv.Atoi(attr(t, "r")); err == nil {
					row = r - 1
				}
				col = -1
				if row >= fileio.MaxRows {
					// Rows beyond are not read, and without them the merged ranges (which
					// follow the cells) would be used half: stop here.
					complete = false
					return false
				}
			case "c":
				col++
				if c, r, err := excelize.CellNameToCoordinates(attr(t, "r")); err == nil {
					col, row = c-1, r-1
				}
				inCell = row >= 0 && row < fileio.MaxRows && col < fileio.MaxColumns
				cell, typ, hasF = [2]int{row, col}, attr(t, "t"), false
				fText.Reset()
				val.Reset()
				if s, err := strconv.Atoi(attr(t, "s")); inCell && err == nil && s > 0 {
					sc.styles[cell] = s
				}
			case "f":
				inFormula, hasF = inCell, inCell
			case "v":
				inValue = inCell && typ != "inlineStr"
			case "t":
				inText = inCell && typ == "inlineStr"
			case "rPh":
				inPh = true
			case "mergeCell":
				a, z, ok := strings.Cut(attr(t, "ref"), ":")
				c0, r0, err1 := excelize.CellNameToCoordinates(a)
				c1, r1, err2 := excelize.CellNameToCoordinates(z)
				if ok && err1 == nil && err2 == nil && r1 >= r0 && c1 >= c0 && r0 <= fileio.MaxRows && c0 <= fileio.MaxColumns {
					sc.merges[[2]int{r0 - 1, c0 - 1}] = [2]int{r1 - 1, c1 - 1}
				}
			}
		case xml.CharData:
			switch {
			case inFormula:
				fText.Write(t[:min(len(t), max(0, 200-fText.Len()))])
			case inValue || inText && !inPh:
				if val.Len() < fileio.MaxPart {
					val.Write(t)
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "f":
				inFormula = false
			case "v":
				inValue = false
			case "t":
				inText = false
			case "rPh":
				inPh = false
			case "c":
				if inCell {
					setCell()
				}
				inCell = false
				if b.full {
					complete = false
					return false
				}
			}
		}
		return true
	})
	if !complete {
		sc.merges = map[[2]int][2]int{}
	}
	return sc, err
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
