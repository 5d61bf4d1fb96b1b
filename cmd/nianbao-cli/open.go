package main

import (
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/form"
)

// opener reads a report from a file of some kind; warnings are notes on what was odd.
type opener func(path string) (r *form.Report, warnings []string, err error)

// openers maps a lower-case file extension to its reader. Drafts are built in; other files
// (workbooks, published text) register themselves in their own files.
var openers = map[string]opener{
	form.DraftExt: func(path string) (*form.Report, []string, error) {
		r, err := form.LoadDraft(path)
		return r, nil, err
	},
	".json": func(path string) (*form.Report, []string, error) {
		r, err := form.LoadDraft(path)
		return r, nil, err
	},
}

// openReport reads a draft, or any other kind of file a registered opener understands.
// Unknown extensions are tried as drafts, which gives a clear error for foreign files.
func openReport(path string) (*form.Report, []string, error) {
	if o, ok := openers[strings.ToLower(filepath.Ext(path))]; ok {
		return o(path)
	}
	return openers[form.DraftExt](path)
}
