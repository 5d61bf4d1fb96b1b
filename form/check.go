package form

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Severity is how bad a problem is.
type Severity string

const (
	// Error means the report is wrong; a published report must have none.
	Error Severity = "错误"
	// Warning means the report is likely wrong; the user decides.
	Warning Severity = "提醒"
	// Unfilled means something is still to be filled in: not wrong, not finished. Only the
	// drafting check uses it; the final check turns every such item into an Error.
	Unfilled Severity = "未填"
)

// Mode chooses how CheckAll treats what is not filled in yet.
type Mode int

const (
	// Drafting is the check while the user types: an identity with a blank cell is not
	// evaluated, and each table with blank cells gets one 未填 item (B1) listing them.
	Drafting Mode = iota
	// Final is the check before publication (export, `nianbao-cli check --final`): every
	// blank number cell is an H5 error, and so are an empty 一, 五 or 六 (B2) and an empty
	// agency, year or date (M1-M3).
	Final
)

// Problem is one finding of CheckAll.
type Problem struct {
	// Rule is the rule's id in docs/format.md: H1…H5, X1…X3, W1…W6, M1…M3, F1, L1, D1, B1, B2.
	Rule string `json:"rule"`
	// Severity is 错误, 提醒 or 未填.
	Severity Severity `json:"severity"`
	// Section is where the problem is fixed: 0 for 基本信息 (agency, year, date and the
	// opening paragraph), 1…6 for the report's sections.
	Section int `json:"section"`
	// Cells are the codes of the cells involved; the first is the target, the one to fix first.
	Cells []string `json:"cells,omitempty"`
	// Expected and Actual are the values compared, when the rule compares values.
	Expected string `json:"expected,omitempty"`
	Actual   string `json:"actual,omitempty"`
	// Message explains the problem in Chinese, naming rows and columns as printed.
	Message string `json:"message"`
	// Blank is true when the problem is that something is not filled in (a blank cell, an
	// empty section or 基本信息 field) rather than that something filled in is wrong.
	Blank bool `json:"blank,omitempty"`
}

// Errors counts the problems of severity Error.
func Errors(ps []Problem) int {
	n := 0
	for _, p := range ps {
		if p.Severity == Error {
			n++
		}
	}
	return n
}

// Counts are the problems of one step of the report.
type Counts struct {
	// Errors and Warnings count the problems of severity 错误 and 提醒.
	Errors, Warnings int
	// Blanks counts what is still to be filled in: each blank cell and each empty section
	// or 基本信息 field, whatever the severity of the problem naming it.
	Blanks int
}

// Clean reports whether the step has nothing to fix and nothing to fill in: only then may
// a step show ✓.
func (c Counts) Clean() bool { return c.Errors == 0 && c.Warnings == 0 && c.Blanks == 0 }

// Totals counts the problems of the whole report (the 检查与导出 step, the export dialog:
// "还有 3 个错误，其中 2 格未填").
func Totals(ps []Problem) Counts {
	var c Counts
	for _, s := range CountBySection(ps) {
		c.Errors, c.Warnings, c.Blanks = c.Errors+s.Errors, c.Warnings+s.Warnings, c.Blanks+s.Blanks
	}
	return c
}

// CountBySection counts the problems per section (index 0 for 基本信息, 1…6), for the step
// list: 「错误 2 提醒 1 未填 12」.
func CountBySection(ps []Problem) [7]Counts {
	var out [7]Counts
	for _, p := range ps {
		if p.Section < 0 || p.Section > 6 {
			continue
		}
		c := &out[p.Section]
		switch p.Severity {
		case Error:
			c.Errors++
		case Warning:
			c.Warnings++
		}
		// A blank counts as one to fill in while drafting (未填) and as one of the errors
		// before publication; a reminder about a blank (B3's 提醒) is only a reminder.
		if p.Blank && p.Severity != Warning {
			c.Blanks += max(1, len(p.Cells))
		}
	}
	return out
}

// Marks returns, for every cell of r's format (by index in Format.Cells), the worst severity
// of the problems naming it: Error over Warning over Unfilled, "" for none. A cell marked
// Unfilled is "to be filled" (not wrong); the UI draws it differently from a wrong one.
func Marks(r *Report, ps []Problem) []Severity {
	out := make([]Severity, len(r.Format.Cells))
	rank := func(s Severity) int { return strings.Index("未填提醒错误", string(s)) }
	for _, p := range ps {
		for _, code := range p.Cells {
			if i := r.Format.Index(code); i >= 0 && (out[i] == "" || rank(p.Severity) > rank(out[i])) {
				out[i] = p.Severity
			}
		}
	}
	return out
}

// PendingTotals returns, for every cell of r's format (by index in Format.Cells), whether
// it is a computed total waiting for its items: a blank total (CellDef.Derived) that
// FillDerived leaves blank because some of the cells it sums are not numbers yet. The clerk
// does not type such a total — it is computed once its items are filled — so the checker
// counts and names the items, not the total: B1 and the final check's H5 skip it. With
// r.TypedTotals every total is the clerk's to type and none is pending; a blank total whose
// items are all numbers is not pending either (FillDerived has not run: the total is missing).
func (r *Report) PendingTotals() []bool {
	out := make([]bool, len(r.cells))
	if r.TypedTotals {
		return out
	}
	var filled *Report
	for i, d := range r.Format.Cells {
		if !d.Derived || !r.cells[i].Blank {
			continue
		}
		if filled == nil {
			filled = r.Clone()
			filled.FillDerived()
		}
		out[i] = filled.cells[i].Blank
	}
	return out
}

// CheckAll is the one entry point of the checker: it returns every problem of the report,
// sorted in the order of the report (section, then cell order), each with its rule id and
// its target cell. The GUI and the CLI call it and show the same problems.
//
// It checks 基本信息 (M1-M3), the format against the year (F1), every number cell (H5 and,
// while drafting, B1), the identities of the tables (H1-H4, only where all their cells are
// numbers: a blank is not a zero), last year's report when given (X1-X3), the narrative (B2,
// B3, W1-W6), citations (L1) and dates (D1). It never modifies r or last and is deterministic.
func CheckAll(r, last *Report, mode Mode) []Problem {
	c := checker{r: r, last: last, mode: mode}
	c.meta()
	c.cells()
	c.identities()
	if last != nil {
		c.crossYear()
	}
	c.narrative()
	c.overviewParts()
	sortProblems(r.Format, c.ps)
	return c.ps
}

// overviewParts is B3: where the format wants 一 to cover each of its parts (（一）主动公开 …
// （五）监督保障) and some parts are written, each empty one is named: 未填 while drafting, a
// 提醒 before publication (many real reports write 一 as one text; it is not wrong). 一
// written as one text, with no part filled, raises nothing, and so does an overview text
// holding part headings of its own (「（一）信息制作与管理」: the parts are written there, under
// other titles); an empty 一 is B2.
func (c *checker) overviewParts() {
	f, t := c.r.Format, &c.r.Text
	if !f.OverviewParts || len(f.Sections) == 0 {
		return
	}
	titles := f.Sections[0].Parts
	var empty []string
	filled := 0
	for i, title := range titles {
		if i < len(t.Parts) && strings.TrimFunc(t.Parts[i], IsSpace) != "" {
			filled++
			continue
		}
		empty = append(empty, title)
	}
	if filled == 0 || len(empty) == 0 || partHeading.MatchString(t.Overview) {
		return
	}
	msg := fmt.Sprintf("「%s」已写了 %d 项，%s尚未填写（格式要求总体情况包括主动公开、依申请公开、政府信息管理、平台建设、监督保障等方面）",
		f.Sections[0].Title, filled, strings.Join(empty, "、"))
	p := Problem{Rule: "B3", Severity: Unfilled, Section: 1, Blank: true, Message: msg}
	if c.mode == Final {
		p.Severity, p.Message = Warning, msg+"，请补写；如已在其他部分写到，可不修改"
	}
	c.add(p)
}

// partHeading is a part heading of 一 inside a text: 「（一）」 … 「（五）」.
var partHeading = regexp.MustCompile(`[（(][一二三四五][)）]`)

// CheckFinal is CheckAll before publication: every blank is an error.
func CheckFinal(r, last *Report) []Problem { return CheckAll(r, last, Final) }

// Check is CheckAll while drafting without the 基本信息 rules M1-M3, which CheckMeta returns.
//
// Deprecated: call CheckAll, which returns the M rules with their ids too.
func Check(r *Report, last *Report) []Problem {
	return slices.DeleteFunc(CheckAll(r, last, Drafting), isMeta)
}

func isMeta(p Problem) bool { return strings.HasPrefix(p.Rule, "M") }

// checker collects the problems of one CheckAll call.
type checker struct {
	r, last *Report
	mode    Mode
	ps      []Problem
}

func (c *checker) add(p Problem) { c.ps = append(c.ps, p) }

// sortProblems orders problems as the report reads: by section; within a section, problems
// without cells first (they concern the whole section), then by their first cell's position
// in the tables; ties keep the order the rules ran in.
func sortProblems(f *Format, ps []Problem) {
	key := func(p *Problem) int {
		if len(p.Cells) == 0 {
			return -1
		}
		return f.Index(p.Cells[0])
	}
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if a.Section != b.Section {
			return cmp.Compare(a.Section, b.Section)
		}
		return cmp.Compare(key(&a), key(&b))
	})
}

// where names a cell for messages: "第三部分「（一）予以公开」行「自然人」列", or
// "第二部分「…」" in a table without row labels.
func where(d *CellDef) string {
	part := "第" + cnNum[d.Table.Section] + "部分"
	if d.Row == nil {
		return part + "「" + d.ColLabel() + "」"
	}
	return part + d.Where()
}

func codesOf(f *Format, lists ...[]int) []string {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	out := make([]string, 0, n)
	for _, l := range lists {
		for _, i := range l {
			out = append(out, f.Cells[i].Code)
		}
	}
	return out
}
