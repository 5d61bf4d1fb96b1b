package main

import (
	"fmt"
	"io"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/form"
)

// openReport reads a report for a command that only reads it (cells, check, export, merge):
// a draft, a workbook or a published report by its extension, through the registry of package
// open (open.Read), prepared as the desktop app prepares it (open.Prepare). A draft of a newer
// version is read with its read-only reason as the first note; commands that rewrite a file
// (set) use form.LoadDraft and refuse it.
var openReport = open.View

// openNoted reads the report at path with openReport and prints its reading notes to
// stderr as "注意：…" lines; on failure it prints the error and returns nil.
func openNoted(path string, stderr io.Writer) *form.Report {
	r, warnings, err := openReport(path)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return nil
	}
	for _, w := range warnings {
		fmt.Fprintln(stderr, "注意："+w)
	}
	return r
}
