// Package docx writes a report as a Word document (WordprocessingML, .docx) for 审签 and 报送:
// the same layout as the PDF (GB/T 9704 page, the three official tables with their merged
// cells), driven by the same format declaration in package form.
//
// This file fixes the package's API so that the exporter registry, the CLI and the GUI can be
// wired while the writer is built; Write is not implemented yet.
package docx

import (
	"errors"
	"io"

	"github.com/nianbao/nianbao/form"
)

// Options adjust the document.
type Options struct {
	// NoPageNumbers leaves the page numbers (「— 1 —」) out of the footer.
	NoPageNumbers bool
}

// ErrNotImplemented is returned by Write until the writer exists.
var ErrNotImplemented = errors.New("尚未支持导出 Word 文档")

// Write writes report r as a .docx document to w.
func Write(w io.Writer, r *form.Report, opt Options) error {
	return ErrNotImplemented
}
