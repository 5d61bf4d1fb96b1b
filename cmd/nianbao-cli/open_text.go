package main

import (
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/form/published"
)

// init registers the reader of a published report's plain text, so that check and cells
// accept a .txt file directly.
func init() {
	openers[".txt"] = openText
}

// openText imports a published report's text; the import warnings are returned as notes.
func openText(path string) (*form.Report, []string, error) {
	res, err := published.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	return res.Report, res.Warnings, nil
}
