package form

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// Unit is one unit's report offered for aggregation, or why its file could not be read.
type Unit struct {
	// Source is the file the report came from, shown to the user.
	Source string
	// Report is nil when the file could not be read.
	Report *Report
	// Warnings are the notes of reading the file (blanks, "/" in hand-made tables).
	Warnings []string
	// Err says why the file could not be read.
	Err error
}

// Included is a unit whose numbers are in the total, with its check results.
type Included struct {
	Unit
	// Problems are Check's findings on the unit's report.
	Problems []Problem
	// Errors counts the problems of severity 错误.
	Errors int
	// Blanks are the codes of the cells the unit left blank, in report order: the cells its
	// clerk types (a computed total waiting for them is not listed, as in B1). The total's
	// cells summing them stay blank.
	Blanks []string
}

// BlankNote says, in Chinese, what the unit left blank and what that does to the total:
// "3 格未填（如表三「…」行「…」列），汇总表中相应的格子留空"; "" when nothing is blank.
func (u *Included) BlankNote() string {
	if len(u.Blanks) == 0 {
		return ""
	}
	d, _ := u.Report.Format.Cell(u.Blanks[0])
	return fmt.Sprintf("%d 格未填（如%s%s），汇总表中相应的格子留空", len(u.Blanks), d.Table.ShortName(), d.Where())
}

// LeftOut is a unit that was not summed, and why.
type LeftOut struct {
	// Source and Agency identify the unit (Agency may be empty).
	Source, Agency string
	// Reason is the Chinese explanation.
	Reason string
}

// CarryCode is the figure whose units' sum the aggregate workbook prints next to the total,
// for a reader to add up from the units' list: 四、结转下年度继续办理 · 总计.
const CarryCode = "apply.4.total"

// CrossCheck is one figure of the total next to the sum of the included units' figures, for
// a reader to verify by hand (the sum itself is verified by AggregateWith: see verifySum).
type CrossCheck struct {
	// Def is the cell; nil when the format has no such cell.
	Def *CellDef
	// Units is the sum of the units' values that are filled in; Total is the total's value
	// (0 when it is blank).
	Units, Total Num
	// Blank counts the units that left the cell blank: the total's cell is then blank.
	Blank int
}

// Summary is an aggregate (汇总) of units of one year and format.
type Summary struct {
	// Total holds the cell-wise sums.
	Total *Report
	// Units are the units summed, in the order given.
	Units []Included
	// Left are the units left out.
	Left []LeftOut
	// Problems are Check's findings on the total.
	Problems []Problem
	// Carry is the figure CarryCode next to its units' sum.
	Carry CrossCheck
	// Blank counts, for every cell (by index in Format.Cells), the included units that left
	// it blank; the total's cell is blank exactly when the count is not 0.
	Blank []int
}

// BlankUnits counts the included units that left cells blank (Included.Blanks).
func (s *Summary) BlankUnits() int {
	n := 0
	for i := range s.Units {
		if len(s.Units[i].Blanks) > 0 {
			n++
		}
	}
	return n
}

// BlankNote says, in Chinese, how many units left cells blank and how many cells of the total
// are blank because of them: "2 个单位有未填的格子，汇总表中 5 格因此留空（空白不是 0，不能相加），
// 请这些单位补填（没有发生的填 0）后重新汇总"; "" when no unit did.
func (s *Summary) BlankNote() string {
	units := s.BlankUnits()
	if units == 0 {
		return ""
	}
	cells := 0
	for _, n := range s.Blank {
		if n > 0 {
			cells++
		}
	}
	return fmt.Sprintf("%d 个单位有未填的格子，汇总表中 %d 格因此留空（空白不是 0，不能相加），请这些单位补填（没有发生的填 0）后重新汇总",
		units, cells)
}

// ErrCanceled is returned when an aggregate is cancelled before it is done.
var ErrCanceled = errors.New("汇总已取消")

// LoadUnits reads the files in parallel with read (which returns a report and its reading
// notes) and returns them in the order given.
func LoadUnits(paths []string, read func(path string) (*Report, []string, error)) []Unit {
	units, _ := LoadUnitsWith(paths, read, nil, nil)
	return units
}

// LoadUnitsWith is LoadUnits that reports progress — progress(done, total) after each file,
// from the reading goroutines — and stops early with ErrCanceled when cancel is closed.
func LoadUnitsWith(paths []string, read func(path string) (*Report, []string, error), progress func(done, total int), cancel <-chan struct{}) ([]Unit, error) {
	units := make([]Unit, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	var done atomic.Int64
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(paths)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r, ws, err := read(paths[i])
				units[i] = Unit{Source: paths[i], Report: r, Warnings: ws, Err: err}
				if err == nil && r == nil {
					units[i].Err = fmt.Errorf("文件中没有报告")
				}
				if progress != nil {
					progress(int(done.Add(1)), len(paths))
				}
			}
		}()
	}
	canceled := false
feed:
	for i := range paths {
		select { // a cancel wins over the next file
		case <-cancel:
			canceled = true
			break feed
		default:
		}
		select {
		case next <- i:
		case <-cancel:
			canceled = true
			break feed
		}
	}
	close(next)
	wg.Wait()
	if canceled {
		return nil, ErrCanceled
	}
	return units, nil
}

// AggregateOptions says how AggregateWith treats the units.
type AggregateOptions struct {
	// Agency is the 汇总单位, the total's agency.
	Agency string
	// IncludeOwn sums the summarising unit's own report: the first unit named like Agency
	// (unless its file name says it is a 汇总). Without it, such a unit is left out with the
	// reason, since it may be an earlier total.
	IncludeOwn bool
	// Progress, when set, is called after each unit is checked: done of total.
	Progress func(done, total int)
	// Cancel, when closed, stops the work: AggregateWith returns ErrCanceled.
	Cancel <-chan struct{}
}

// IsSelf reports whether a report's agency names the summarising agency (ignoring spaces and
// full-width forms), as Aggregate decides it.
func IsSelf(agency string, r *Report) bool {
	self := FoldLabel(agency)
	return r != nil && self != "" && FoldLabel(r.Meta.Agency) == self
}

// Aggregate sums the units for the agency: the year and format most units share are summed;
// a unit of another year or format, an unreadable file, a second file of the same unit, a
// unit named like the aggregating agency (its own report or an earlier total) or with cells
// that are not numbers is left out with the reason, never summed.
func Aggregate(agency string, units []Unit) (*Summary, error) {
	return AggregateWith(units, AggregateOptions{Agency: agency})
}

// AggregateWith is Aggregate with options: the summarising unit's own report included on
// request, progress and cancelling.
func AggregateWith(units []Unit, opt AggregateOptions) (*Summary, error) {
	agency := opt.Agency
	s := &Summary{}
	type key struct {
		format string
		year   int
	}
	count := map[key]int{}
	for _, u := range units {
		if u.Err == nil && u.Report != nil && u.Report.Meta.Year != 0 {
			count[key{u.Report.Format.ID, u.Report.Meta.Year}]++
		}
	}
	var ref key
	for k, n := range count {
		if n > count[ref] || n == count[ref] && (k.year > ref.year || k.year == ref.year && k.format > ref.format) {
			ref = k
		}
	}
	seen := map[string]string{}
	self := FoldLabel(agency)
	var reports []*Report
	for i, u := range units {
		select {
		case <-opt.Cancel:
			return nil, ErrCanceled
		default:
		}
		if opt.Progress != nil && i > 0 {
			opt.Progress(i, len(units))
		}
		left := func(reason string) {
			a := ""
			if u.Report != nil {
				a = strings.TrimSpace(u.Report.Meta.Agency)
			}
			s.Left = append(s.Left, LeftOut{Source: u.Source, Agency: a, Reason: reason})
		}
		if u.Err != nil || u.Report == nil {
			reason := "文件无法读取"
			if u.Err != nil {
				reason = u.Err.Error()
			}
			left(reason)
			continue
		}
		r := u.Report
		name := FoldLabel(r.Meta.Agency)
		switch {
		case r.Meta.Year == 0:
			left("未填写报告年度，无法确定是否与其他单位同一年度")
			continue
		case r.Meta.Year != ref.year || r.Format.ID != ref.format:
			refName := ref.format
			if f, ok := FormatByID(ref.format); ok {
				refName = f.Name
			}
			left(fmt.Sprintf("是 %d 年度报告（%s格式），本次汇总的是 %d 年度（%s格式）的报告", r.Meta.Year, r.Format.Name, ref.year, refName))
			continue
		case name != "" && name == self && !opt.IncludeOwn:
			left("单位名称与汇总单位相同（是本单位自己的报告，或以前生成的汇总表），未计入；如要计入本单位报告，请选择「包含本单位报告」")
			continue
		case name != "" && name == self && strings.Contains(filepath.Base(u.Source), "汇总"):
			left("单位名称与汇总单位相同、文件名含「汇总」，是以前生成的汇总表，不能再次计入")
			continue
		case name != "" && seen[name] != "":
			left(fmt.Sprintf("与「%s」是同一单位（单位名称相同），重复提交；只汇总了前一份", filepath.Base(seen[name])))
			continue
		}
		if first, n := invalidCells(r); n > 0 {
			d := r.Format.Cells[first]
			left(fmt.Sprintf("有 %d 个单元格不是有效数字（如 %s%s：%v），无法计入合计，请该单位改正后重报",
				n, d.Table.ShortName(), d.Where(), r.cells[first].Err))
			continue
		}
		if name != "" {
			seen[name] = u.Source
		}
		ps := Check(r, nil)
		s.Units = append(s.Units, Included{Unit: u, Problems: ps, Errors: Errors(ps), Blanks: blankCells(r)})
		reports = append(reports, r)
	}
	if opt.Progress != nil {
		opt.Progress(len(units), len(units))
	}
	if len(reports) == 0 {
		return s, fmt.Errorf("没有可汇总的单位报告（%d 个文件均未能汇总）", len(units))
	}
	total, err := Sum(agency, reports)
	if err != nil {
		return s, err
	}
	if err := verifySum(total, reports); err != nil {
		return s, err
	}
	s.Blank = make([]int, len(total.cells))
	for _, r := range reports {
		for i := range r.cells {
			if r.cells[i].Blank {
				s.Blank[i]++
			}
		}
	}
	s.Carry = keyFigure(total, reports, CarryCode)
	s.Total = total
	s.Problems = Check(total, nil)
	return s, nil
}

// invalidCells returns the index of the first cell of r that is not a valid number and how
// many there are (n is 0 when all are valid).
func invalidCells(r *Report) (first, n int) {
	for i := range r.cells {
		if r.cells[i].Err != nil {
			if n == 0 {
				first = i
			}
			n++
		}
	}
	return first, n
}

// blankCells lists the codes of the cells of r its clerk left blank: every blank cell but the
// computed totals waiting for them (PendingTotals), as B1 lists them.
func blankCells(r *Report) []string {
	pending := r.PendingTotals()
	var out []string
	for i := range r.cells {
		if r.cells[i].Blank && !pending[i] {
			out = append(out, r.Format.Cells[i].Code)
		}
	}
	return out
}

// verifySum checks the total against its units with the identities H1-H4: the sum of
// reports that each satisfy an identity satisfies it too, so an identity that fails in the
// total while no unit fails it means the cells were not added cell by cell (units of another
// layout, a cell added into the wrong place, an overflow). The total is then refused, never
// written. An identity a unit itself fails may fail in the total: the total's Problems show
// it, the unit's Problems say where it comes from.
func verifySum(total *Report, units []*Report) error {
	for _, e := range total.Format.Equations {
		p, bad := total.checkEquation(e)
		if !bad {
			continue
		}
		inUnit := false
		for _, u := range units {
			if _, b := u.checkEquation(e); b {
				inUnit = true
				break
			}
		}
		if !inUnit {
			return fmt.Errorf("汇总核对不一致：各单位报告都满足 %s，汇总结果却不满足（%s），汇总结果有误，未生成汇总表", e.Rule, p.Message)
		}
	}
	return nil
}

// keyFigure adds the units' values of code, through the public Value, next to the total's
// value: a figure the aggregate workbook prints so a reader can add up the units' column.
func keyFigure(total *Report, units []*Report, code string) CrossCheck {
	d, ok := total.Format.Cell(code)
	if !ok {
		return CrossCheck{}
	}
	c := CrossCheck{Def: d}
	c.Total, _ = total.Value(code)
	for _, u := range units {
		if v, ok := u.Value(code); ok {
			c.Units += v
		} else {
			c.Blank++
		}
	}
	return c
}
