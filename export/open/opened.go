package open

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/form/published"
)

// Opened is a report read through the registry (Read), with everything a front end shows
// about it: the reader's warnings, a published report's import (summary and blank rows), the
// read-only state of a newer draft and what Prepare did to it.
type Opened struct {
	// Report is the report read, prepared (Prepare).
	Report *form.Report
	// Format is the format it was read as.
	Format *Format
	// Warnings (Chinese) say what the reader could not read exactly.
	Warnings []string
	// Import is a published report's import (text, web page, Word, PDF): its summary, the
	// rows left blank with their reasons; nil for drafts and workbooks.
	Import *published.Result
	// ReadOnly is set for a draft of a newer version: it may be shown, never saved over.
	ReadOnly *form.ReadOnlyError
	// Prepared is what Prepare did to the report after reading.
	Prepared Prepared
}

// Notes are the reader's warnings, then Prepare's notes, each once, each on one line
// without control characters (they come from files anyone can write).
func (o *Opened) Notes() []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range append(append([]string(nil), o.Warnings...), o.Prepared.Notes...) {
		n = OneLine(n)
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// ViewNotes are Notes for a caller that never saves over the file: a newer draft's
// read-only reason comes first.
func (o *Opened) ViewNotes() []string {
	if o.ReadOnly == nil {
		return o.Notes()
	}
	return append([]string{OneLine(o.ReadOnly.Error())}, o.Notes()...)
}

// Summary is a published report's import summary (published.Result.Summary), the same in
// the app's import dialog and in nianbao-cli import; nil for other files.
func (o *Opened) Summary() []string {
	if o.Import == nil {
		return nil
	}
	var out []string
	for _, l := range o.Import.Summary() {
		out = append(out, strings.TrimRightFunc(strings.Map(dropControl, l), unicode.IsSpace))
	}
	return out
}

// Blanks maps every cell a published report's import left blank to the reason; nil for
// other files.
func (o *Opened) Blanks() map[string]string {
	if o.Import == nil {
		return nil
	}
	out := map[string]string{}
	for _, b := range o.Import.Blanks {
		for _, c := range b.Codes {
			out[c] = b.Reason
		}
	}
	return out
}

// OneLine is s on one line: line breaks and tabs become spaces, other control characters
// are dropped, and the ends are trimmed.
func OneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return dropControl(r)
	}, s)
	return strings.TrimSpace(s)
}

// dropControl drops C0 and C1 controls and DEL (keeping tabs and line breaks, which callers
// handle).
func dropControl(r rune) rune {
	if r != '\n' && r != '\t' && (r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f) {
		return -1
	}
	return r
}

// Prepared says what Prepare did to a report.
type Prepared struct {
	// Filled are the totals Prepare computed: blank in the file, every term a number.
	Filled []string
	// TypedTotals is set when the file's own totals disagree with their terms (or stand over
	// blank terms): they were kept as the file has them, for the checks to show where; a
	// front end then treats the totals as typed (the GUI's 手动填写合计) and does not
	// recompute them after an edit.
	TypedTotals bool
	// Notes (Chinese) say what was done, for the user.
	Notes []string
}

// listedTotals is how many codes Prepare's note names.
const listedTotals = 8

// Prepare makes a report just read ready for the front ends, by form's rule for totals: a
// report whose totals are typed by hand (r.TypedTotals, read from a draft's "typedTotals")
// keeps them as they are; otherwise, when
// the file's totals agree with their terms (form.TypedTotalsDiffer is false) every total is
// computed from its terms with form.Report.FillDerived — only where every term holds a
// number, a blank is not a zero — which fills the totals a file left blank; otherwise the
// totals are kept as the file has them and r.TypedTotals is set (the GUI's 手动填写合计: the
// checker counts a blank total as the clerk's to fill). Read calls it for every format; nianbao-cli set
// calls it before editing a draft and recomputes after only when TypedTotals is false.
func Prepare(r *form.Report) Prepared {
	if r == nil || r.Format == nil {
		return Prepared{}
	}
	if form.TypedTotalsDiffer(r) {
		r.TypedTotals = true
		return Prepared{TypedTotals: true, Notes: []string{"文件中的合计与各项之和不一致（或各项未填写），合计保留文件中的数字，未重新计算；检查结果中标出不一致之处"}}
	}
	if r.TypedTotals {
		// The draft says its totals are typed (手动填写合计, saved as "typedTotals"): they
		// agree now, and stay the clerk's after the next edit.
		return Prepared{TypedTotals: true}
	}
	filled := r.FillDerived()
	if len(filled) == 0 {
		return Prepared{}
	}
	return Prepared{Filled: filled, Notes: []string{TotalsNote(filled)}}
}

// TotalsNote says which totals were computed: "已按各项数字计算 3 个合计：apply.1.total、…".
func TotalsNote(codes []string) string {
	list := strings.Join(codes[:min(len(codes), listedTotals)], "、")
	if len(codes) > listedTotals {
		list += "等"
	}
	return fmt.Sprintf("已按各项数字计算 %d 个合计：%s", len(codes), list)
}
