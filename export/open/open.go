// Package open is the one registry of the files nianbao reads and writes: drafts, workbooks,
// PDF, Word and web pages, and published texts. The desktop app and the command line open and
// export through it alike, so both accept the same files, write them the same way (rendered
// into a temporary file, then renamed over the target: never half a file) and report the
// same problems.
package open

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/form/fileio"
)

// Format is one kind of file the app reads or writes.
type Format struct {
	// ID names the format in code and on the command line: "draft", "xlsx", "pdf", "docx",
	// "html", "txt".
	ID string
	// Name describes the files in Chinese, e.g. "Excel 工作簿".
	Name string
	// Short is the name on buttons and in messages: "Excel", "PDF", "Word", "网页".
	Short string
	// Ext is the lower-case extension with its dot that files of the format are written with.
	Ext string
	// Also lists other extensions read as this format (".json", ".bak" for drafts).
	Also []string
	// Read reads a report from the file at path, with what the reader has to say about it
	// (Opened: its warnings, and a published report's import); Read (the package function)
	// then prepares it. nil: the format is not read. Errors are Chinese and name the file; a
	// draft of a newer version comes back with a *form.ReadOnlyError carrying the report.
	Read func(path string) (*Opened, error)
	// Write renders r to w; the Exported's notes (Chinese) say what the user should know about
	// the result (characters no font has, a workbook the app cannot read back, a PDF's fonts).
	// nil: not written.
	Write func(ctx context.Context, w io.Writer, r *form.Report, opt Options) (Exported, error)
	// save, when set, writes the file itself instead of Write and an atomic replace (drafts:
	// form.SaveDraft keeps a .bak and refuses to replace a newer draft).
	save func(path string, r *form.Report) error
}

// Exts returns the extensions the format is read from: Ext, then Also.
func (f *Format) Exts() []string { return append([]string{f.Ext}, f.Also...) }

// Formats are every format, in the order file dialogs and the 检查与导出 buttons list them.
var Formats = []*Format{draftFormat, xlsxFormat, pdfFormat, docxFormat, htmlFormat, txtFormat}

// ByID returns the format with the given ID, or nil.
func ByID(id string) *Format {
	for _, f := range Formats {
		if f.ID == id {
			return f
		}
	}
	return nil
}

// ForExt returns the format of a file name or extension (any case), or nil.
func ForExt(pathOrExt string) *Format {
	ext := strings.ToLower(filepath.Ext(pathOrExt))
	if ext == "" && strings.HasPrefix(pathOrExt, ".") {
		ext = strings.ToLower(pathOrExt)
	}
	for _, f := range Formats {
		if f.Ext == ext || slices.Contains(f.Also, ext) {
			return f
		}
	}
	return nil
}

// Readers returns the formats that are read, in order (for the 打开 dialog's filter).
func Readers() []*Format { return filter(func(f *Format) bool { return f.Read != nil }) }

// Writers returns the formats that are written, in order (the 检查与导出 buttons; drafts are
// saved with 保存 rather than exported).
func Writers() []*Format { return filter(func(f *Format) bool { return f.Write != nil }) }

func filter(keep func(*Format) bool) []*Format {
	var out []*Format
	for _, f := range Formats {
		if keep(f) {
			out = append(out, f)
		}
	}
	return out
}

// Read reads the report in the file at path by its extension (in any case), through the
// reader of its format, and prepares it (Prepare): the one entry point every front end opens
// a file with, so that the desktop app and the command line see the same report, notes and
// problems. Every reader goes through package fileio's limits (regular files only, bounded
// bytes, rows, columns, depth and time); a panic in a reader comes back as an error, so that
// one bad file cannot take down an aggregate (汇总) or the app. Unknown extensions are read
// as drafts, which gives a clear error for foreign files; old .xls workbooks get a hint to
// save them as .xlsx.
//
// A draft of a newer version comes back with its report, Opened.ReadOnly set and no error:
// the GUI opens it read-only (保存 disabled, the reason shown); callers that never save over
// the file may use it as it is.
func Read(path string) (o *Opened, err error) {
	f := ForExt(path)
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case ext == ".xls" || ext == ".et":
		return nil, fmt.Errorf("无法读取「%s」：旧版 Excel（.xls）或 WPS 表格（.et）文件不受支持，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再打开", filepath.Base(path))
	case f == nil:
		f = draftFormat
	case f.Read == nil:
		return nil, fmt.Errorf("无法读取「%s」：暂不支持打开%s（%s），可以打开%s", filepath.Base(path), f.Name, ext, readableList())
	}
	if err := fileio.Check(path, fileio.MaxDocument); err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			o, err = nil, &fileio.Error{Path: path, Reason: "读取时程序出错，请把这个文件发给年报助手的开发者", Err: fmt.Errorf("panic: %v", p)}
		}
	}()
	o, err = f.Read(path)
	if ro, ok := form.AsReadOnly(err); ok {
		if o == nil {
			o = &Opened{}
		}
		o.Report, o.ReadOnly, err = ro.Report, ro, nil
	}
	if err != nil {
		return nil, err
	}
	if o == nil || o.Report == nil || o.Report.Format == nil {
		return nil, &fileio.Error{Path: path, Reason: "没有读到报告"}
	}
	o.Format = f
	o.Prepared = Prepare(o.Report)
	return o, nil
}

// Open is Read with the notes as warnings (Opened.Notes): a draft of a newer version comes
// back with its report and a *form.ReadOnlyError (see form.AsReadOnly).
func Open(path string) (r *form.Report, warnings []string, err error) {
	o, err := Read(path)
	if err != nil {
		return nil, nil, err
	}
	if o.ReadOnly != nil {
		return o.Report, o.Notes(), o.ReadOnly
	}
	return o.Report, o.Notes(), nil
}

// Report is Open.
//
// Deprecated: use Read, or Open.
func Report(path string) (*form.Report, []string, error) { return Open(path) }

// View is Read for callers that only read the report and never save over its file (check,
// export, 汇总, 载入上年报告), in the shape of form.LoadUnits' reader: a draft of a newer
// version is accepted, its read-only reason the first note.
func View(path string) (*form.Report, []string, error) {
	o, err := Read(path)
	if err != nil {
		return nil, nil, err
	}
	return o.Report, o.ViewNotes(), nil
}

// readableList names the readable formats for messages: "年报助手草稿（.nianbao）、…".
func readableList() string {
	var names []string
	for _, f := range Readers() {
		names = append(names, f.Name+"（"+f.Ext+"）")
	}
	return strings.Join(names, "、")
}
