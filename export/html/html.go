// Package html writes a report as one self-contained web page for the agency site's CMS:
// UTF-8, no scripts, no images, no external style sheets; the three official tables with
// borders set as attributes and inline styles (CMS editors strip <style> blocks), merged cells
// as rowspan/colspan, driven by the same format declaration in package form.
//
// This file fixes the package's API so that the exporter registry, the CLI and the GUI can be
// wired while the writer is built; Write and Fragment are not implemented yet.
package html

import (
	"errors"
	"io"

	"github.com/nianbao/nianbao/form"
)

// ErrNotImplemented is returned until the writer exists.
var ErrNotImplemented = errors.New("尚未支持导出网页")

// Write writes report r as a complete .html document to w.
func Write(w io.Writer, r *form.Report) error {
	return ErrNotImplemented
}

// Fragment returns the report's body as HTML for pasting into a site editor (the part of the
// page inside <body>), and the same report as plain text for editors that refuse HTML.
func Fragment(r *form.Report) (html, text string, err error) {
	return "", "", ErrNotImplemented
}
