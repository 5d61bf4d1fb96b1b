package main

import (
	"fmt"
	"io"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/form"
)

// openReport reads a draft, a workbook or a published text by its extension; unknown
// extensions are tried as drafts. The desktop app opens files the same way.
var openReport = open.Report

// openNoted reads the report at path with openReport and prints its reading notes to
// stderr as "注意：…" lines; on failure it prints the error and returns nil.
func openNoted(path string, stderr io.Writer) *form.Report {
	r, warnings, err := openReport(path)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return nil
	}
	for _, w := range warnings {
		fmt.Fprintln(stderr, "注意：", w)
	}
	return r
}
