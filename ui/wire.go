package ui

import (
	"bytes"
	"io"

	"github.com/nianbao/nianbao/export/pdf"
	"github.com/nianbao/nianbao/export/xlsx"
	"github.com/nianbao/nianbao/form"
)

// The readers and writers of the other packages, plugged into the export and open seams.
func init() {
	exporterFor(".xlsx").Write = func(path string, r *form.Report) error {
		return writeAtomic(path, func(w io.Writer) error { return xlsx.Write(w, r) })
	}
	exporterFor(".pdf").Write = func(path string, r *form.Report) error {
		opt := pdf.Options{Title: r.Title(), Author: r.Meta.Agency, Subject: "政府信息公开工作年度报告"}
		return writeAtomic(path, func(w io.Writer) error { return pdf.Write(w, r, opt) })
	}
}

// writeAtomic renders a file in memory and replaces path with it atomically, so that a
// failed export never leaves half a file.
func writeAtomic(path string, write func(io.Writer) error) error {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	return form.WriteFileAtomic(path, b.Bytes())
}
