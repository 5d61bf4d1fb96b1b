package form

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Contact is the contact block usually printed in the opening paragraph.
type Contact struct {
	// Office is the 政府信息公开工作机构 that answers questions about the report.
	Office string `json:"office,omitempty"`
	// Address, Postcode, Phone and Email are printed as given.
	Address  string `json:"address,omitempty"`
	Postcode string `json:"postcode,omitempty"`
	Phone    string `json:"phone,omitempty"`
	Email    string `json:"email,omitempty"`
}

// Meta is the report's identity: who reports, for which year, when it is published.
type Meta struct {
	// Agency is the 机关名称 as printed in the title and signature.
	Agency string `json:"agency"`
	// Year is the report year (the year whose work is reported), e.g. 2025.
	Year int `json:"year"`
	// Date is the publication date as YYYY-MM-DD; empty until decided.
	Date string `json:"date,omitempty"`
	// Contact is optional.
	Contact Contact `json:"contact"`
}

// Text is the narrative of the report. Paragraphs are separated by newlines.
type Text struct {
	// Opening is the paragraph before 一 (legal basis, 统计期限, where to read, contact).
	Opening string `json:"opening,omitempty"`
	// Overview is the text of 一、总体情况 before (or instead of) its five parts.
	Overview string `json:"overview,omitempty"`
	// Parts are 一's five parts （一）主动公开 … （五）监督保障, in order.
	Parts [5]string `json:"parts"`
	// Problems is 五、存在的主要问题及改进情况.
	Problems string `json:"problems,omitempty"`
	// Other is 六、其他需要报告的事项 (where the 信息处理费 statement belongs).
	Other string `json:"other,omitempty"`
	// Closing is free text after 六, before the signature.
	Closing string `json:"closing,omitempty"`
}

// Section returns the whole narrative of section n (1, 5 or 6), parts included.
func (t *Text) Section(n int) string {
	switch n {
	case 1:
		n := len(t.Overview)
		for _, p := range t.Parts {
			n += len(p) + 1
		}
		var b strings.Builder
		b.Grow(n)
		b.WriteString(t.Overview)
		for _, p := range t.Parts {
			if strings.TrimSpace(p) != "" {
				b.WriteByte('\n')
				b.WriteString(p)
			}
		}
		return strings.TrimSpace(b.String())
	case 5:
		return t.Problems
	case 6:
		return t.Other
	}
	return ""
}

// Cell is one number cell as the user typed it.
type Cell struct {
	// Text is exactly what was typed (kept even when it is not a valid number).
	Text string
	// Value is the parsed value; meaningful only when OK() is true.
	Value Num
	// Blank is true when nothing was typed.
	Blank bool
	// Err is set when Text is not an acceptable value.
	Err error
}

// OK reports whether the cell holds a valid number.
func (c *Cell) OK() bool { return !c.Blank && c.Err == nil }

// Report is one unit's annual report: meta, narrative and every number cell of its format.
type Report struct {
	// Format is the official format the tables follow.
	Format *Format
	// Meta holds the agency, year and dates.
	Meta Meta
	// Text holds the narrative sections.
	Text Text
	// LastYear is the file of last year's report this report is checked against (the
	// cross-year checks), saved in the draft's "lastYear"; "" when none. It is a link the
	// draft keeps, not part of the report: exports ignore it.
	LastYear string
	// TypedTotals is true when the totals (CellDef.Derived) are typed by hand — the GUI's
	// 「手动填写合计」 — rather than computed by FillDerived from their items. The checker then
	// counts a blank total as 未填 like any cell the clerk types (see PendingTotals).
	TypedTotals bool
	// Summary is true for a 汇总 of units' reports (Sum), saved in the draft's "summary" and
	// the workbook's kind: an aggregate is not itself published, so the checker does not
	// hold it to the publication deadline (D1).
	Summary bool
	// RefusedLink is a draft's lastYear link that UnmarshalDraft refused (a network path or a
	// URL, see validLink), for a note; it is not saved.
	RefusedLink string

	cells []Cell
}

// New returns an empty report of format f.
func New(f *Format, year int, agency string) *Report {
	r := &Report{Format: f, Meta: Meta{Agency: agency, Year: year}, cells: make([]Cell, len(f.Cells))}
	for i := range r.cells {
		r.cells[i].Blank = true
	}
	return r
}

// UnknownCodeError is returned for a cell code the report's format does not have.
type UnknownCodeError struct {
	// Code is the unknown code.
	Code string
	// Format is the format id.
	Format string
}

// Error names the unknown code and the format.
func (e *UnknownCodeError) Error() string {
	return fmt.Sprintf("%s 格式的报告没有编号为「%s」的单元格", e.Format, e.Code)
}

// Set stores the text typed into cell code. The text is kept even when it is not a valid
// number; the returned error (a *ValueError, or *UnknownCodeError) says what is wrong.
func (r *Report) Set(code, text string) error {
	i := r.Format.Index(code)
	if i < 0 {
		return &UnknownCodeError{Code: code, Format: r.Format.ID}
	}
	return r.SetAt(i, text)
}

// SetAt is Set by cell index.
func (r *Report) SetAt(i int, text string) error {
	v, blank, err := Parse(text, r.Format.Cells[i].Kind)
	r.cells[i] = Cell{Text: text, Value: v, Blank: blank, Err: err}
	return err
}

// SetValue stores a computed value, formatted for the cell's kind.
func (r *Report) SetValue(code string, v Num) error {
	i := r.Format.Index(code)
	if i < 0 {
		return &UnknownCodeError{Code: code, Format: r.Format.ID}
	}
	r.setValueAt(i, v)
	return nil
}

func (r *Report) setValueAt(i int, v Num) {
	r.cells[i] = Cell{Text: v.Format(r.Format.Cells[i].Kind), Value: v}
}

// Cell returns the cell with the given code.
func (r *Report) Cell(code string) (Cell, bool) {
	i := r.Format.Index(code)
	if i < 0 {
		return Cell{}, false
	}
	return r.cells[i], true
}

// At returns the cell at index i of Format.Cells.
func (r *Report) At(i int) Cell { return r.cells[i] }

// Value returns the parsed value of code; ok is false when the cell is blank, invalid or unknown.
func (r *Report) Value(code string) (v Num, ok bool) {
	c, found := r.Cell(code)
	if !found || !c.OK() {
		return 0, false
	}
	return c.Value, true
}

// Filled reports whether any number cell is non-blank.
func (r *Report) Filled() bool {
	for i := range r.cells {
		if !r.cells[i].Blank {
			return true
		}
	}
	return false
}

// Clone returns a deep copy.
func (r *Report) Clone() *Report {
	c := *r
	c.cells = append([]Cell(nil), r.cells...)
	return &c
}

// FillDerived computes every total cell (row totals, （七）总计, review totals) from the cells
// it sums. A blank is not a zero: a total is set to the sum of its terms only when every
// term holds a number, and is cleared when any term is blank or invalid — so a total never
// shows a figure that an unfilled or mistyped term would change, and typing only some of a
// row's cells leaves its total blank until the row is complete. It returns the codes whose
// text changed.
func (r *Report) FillDerived() []string {
	var changed []string
	for _, e := range r.Format.Equations {
		if e.Target < 0 {
			continue
		}
		old := r.cells[e.Target].Text
		if sum, ok := r.sumAll(e.Right); ok {
			r.setValueAt(e.Target, sum)
		} else {
			r.cells[e.Target] = Cell{Blank: true}
		}
		if r.cells[e.Target].Text != old {
			changed = append(changed, r.Format.Cells[e.Target].Code)
		}
	}
	return changed
}

// TypedTotalsDiffer reports whether FillDerived would change a total that has text: the
// file's own totals disagree with its items (or stand over blank items), so a front end
// should keep them as typed and let the checks show where, rather than overwrite them.
func TypedTotalsDiffer(r *Report) bool {
	c := r.Clone()
	for _, code := range c.FillDerived() {
		if cell, _ := r.Cell(code); !cell.Blank || cell.Err != nil {
			return true
		}
	}
	return false
}

// Title is the report's official title, e.g. "厦门市城市管理行政执法局2025年政府信息公开工作年度报告".
func (r *Report) Title() string {
	year := ""
	if r.Meta.Year > 0 {
		year = fmt.Sprintf("%d年", r.Meta.Year)
	}
	return strings.TrimSpace(r.Meta.Agency) + year + "政府信息公开工作年度报告"
}

// FileStem is a file name (without extension) for exports, safe on Windows.
func (r *Report) FileStem() string {
	return strings.Map(func(c rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, c) || unicode.IsControl(c) {
			return '_'
		}
		return c
	}, r.Title())
}

// ChineseDate prints a date the way the signature needs it: "2026年1月20日" (no zero padding).
func ChineseDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// DateText is the publication date of the report in Chinese, or "" when unset or invalid.
func (r *Report) DateText() string {
	t, err := time.Parse("2006-01-02", r.Meta.Date)
	if err != nil {
		return ""
	}
	return ChineseDate(t)
}
