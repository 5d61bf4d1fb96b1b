package fileio

import (
	"fmt"
	"time"
)

// The one set of limits every reader applies. A real report file is at most a few hundred KB
// (a draft tens of KB); these bounds leave room for attachments, images and long narratives
// while keeping any one read within about 200 MB and 2 seconds, whatever the file holds.
const (
	// MaxDraft bounds a draft file (.nianbao).
	MaxDraft = 16 << 20
	// MaxText bounds a published text (.txt).
	MaxText = 8 << 20
	// MaxWorkbook bounds an .xlsx file.
	MaxWorkbook = 32 << 20
	// MaxDocument bounds a saved web page, Word file or PDF.
	MaxDocument = 64 << 20

	// MaxUnzip bounds all parts of an archive (.xlsx, .docx), uncompressed.
	MaxUnzip = 64 << 20
	// MaxPart bounds one XML part of an archive uncompressed: a worksheet, the shared
	// strings, a Word document body.
	MaxPart = 4 << 20
	// MaxParts bounds the entries of an archive.
	MaxParts = 4000

	// MaxSheets bounds the worksheets searched for the tables.
	MaxSheets = 32
	// MaxRows bounds the rows read from one sheet or table (the rest are not read).
	MaxRows = 1000
	// MaxColumns bounds the cells read from one row: a sparse row whose one cell sits in
	// column XFD would otherwise expand to 16,384 cells.
	MaxColumns = 256
	// MaxSheetCells bounds the cells kept from one workbook, all sheets together (a report's
	// workbook has a few thousand).
	MaxSheetCells = 200_000
	// MaxLines bounds the lines of a published text (a report has a few hundred, the longest
	// seen 1,208).
	MaxLines = 10_000
	// MaxCells bounds the cells of a draft or of one document's tables.
	MaxCells = 20000
	// MaxDepth bounds the nesting of JSON, XML and HTML elements.
	MaxDepth = 64

	// MaxWebPage bounds a saved web page (.html): a real one is 100-500 KB, a few MB with
	// images inlined (data: URIs).
	MaxWebPage = 32 << 20
	// MaxElements bounds the elements of a saved web page (a real one has 2,000-5,000; the
	// parsed page takes about 1 KB each).
	MaxElements = 200_000
	// MaxDocumentPart bounds one XML part of a Word file uncompressed: document.xml is
	// 0.1-3 MB for a real report, more with tracked changes (MaxPart is a worksheet's bound).
	MaxDocumentPart = 16 << 20
	// MaxTokens bounds the XML tokens of one part of a Word file.
	MaxTokens = 2 << 20
	// MaxDocumentDepth bounds the XML nesting of a Word file: each table nested in a cell
	// adds four levels (w:tbl, w:tr, w:tc, w:p) to MaxDepth's.
	MaxDocumentDepth = 256
	// MaxPages bounds the pages of a PDF (a report has 3-30).
	MaxPages = 200
	// MaxReadTime bounds the time one reader spends on one file; readers check it between
	// rows, sheets and tables.
	MaxReadTime = 2 * time.Second
)

// Deadline is a reader's time budget: started once per file, checked in its loops.
type Deadline struct {
	end  time.Time
	path string
}

// NewDeadline starts the MaxReadTime budget of reading path.
func NewDeadline(path string) *Deadline {
	return &Deadline{end: time.Now().Add(MaxReadTime), path: path}
}

// Check returns an *Error (wrapping ErrTooSlow) once the budget is spent; a nil Deadline
// never expires.
func (d *Deadline) Check() error {
	if d == nil || time.Now().Before(d.end) {
		return nil
	}
	return &Error{Path: d.path, Err: ErrTooSlow,
		Reason: fmt.Sprintf("文件内容过于复杂，%d 秒内未能读完，不像是一份年度报告", int(MaxReadTime/time.Second))}
}
