// Package outlinetest provides the reports the document exporters' tests print: the sample
// of each format, an empty report and a long one.
package outlinetest

import (
	"strings"

	"github.com/nianbao/nianbao/form"
)

// Case is a named report.
type Case struct {
	// Name is a file-name-safe name: "sample-2021", "empty", "long".
	Name string
	// Report is the report.
	Report *form.Report
}

// Reports returns the sample report of every format, an empty report (no agency, no
// narrative, every cell blank) and a long report (see Long).
func Reports() []Case {
	var out []Case
	for _, f := range form.Formats {
		out = append(out, Case{"sample-" + f.ID, form.Sample(f)})
	}
	return append(out, Case{"empty", form.New(form.Latest, 2025, "")}, Case{"long", Long(form.Latest)})
}

// Long returns the sample of format f with a long agency name, every narrative section
// several paragraphs long (one of them with the part's heading typed by the user) and a
// closing paragraph: a report of many pages whose title breaks over lines.
func Long(f *form.Format) *form.Report {
	r := form.Sample(f)
	r.Meta.Agency = "示例省示例市示例县人民政府办公室（示例县人民政府外事办公室）"
	more := func(s string, n int) string {
		parts := make([]string, n)
		for i := range parts {
			parts[i] = s
		}
		return strings.Join(parts, "\n")
	}
	r.Text.Opening = more(r.Text.Opening, 2)
	r.Text.Overview = more(r.Text.Overview, 4)
	for i := range r.Text.Parts {
		r.Text.Parts[i] = more(r.Text.Parts[i], 3)
	}
	r.Text.Parts[1] = f.Sections[0].Parts[1] + "\n" + r.Text.Parts[1]
	r.Text.Problems = more(r.Text.Problems, 5)
	r.Text.Other = "本年度无其他需要报告的事项。\n" + form.FeeNone
	r.Text.Closing = "特此报告。"
	return r
}
