// Package form is the model of a 政府信息公开工作年度报告: the official formats declared as data,
// the Report a user fills in, value parsing, the identity checks, draft files, carry-over and sums.
//
// Everything else (the wizard, the Excel and PDF writers, the text importer) walks the declarations
// here: an official label is typed once, in formats.go.
package form

import "strings"

// Kind says what a number cell holds and how its text is parsed.
type Kind int

const (
	// Count is a whole number ≥ 0 (件, 项, 个).
	Count Kind = iota
	// Amount is a decimal ≥ 0 with at most six decimals (万元).
	Amount
	// Change is a signed whole number (2019 本年增/减): "-7", "+1", "增1", "减3".
	Change
)

// Node is one row or column of an official table, or a group of them. A leaf row crossed with a
// leaf column is a number cell. Codes along the path are joined with "." to form the cell code.
type Node struct {
	// Code is this node's part of the cell code ("3", "natural", "admin"); empty adds nothing.
	Code string
	// Label is the exact text printed in the official table.
	Label string
	// Kind applies to the cells of a leaf column (rows leave it at Count).
	Kind Kind
	// Total marks a node whose cells equal the sum of the other leaves under its parent.
	Total bool
	// Children makes this node a group (a merged heading over its children).
	Children []*Node
}

// Block is a rectangular part of an official table: an optional heading row across the whole
// width, a header of column labels with a corner label, and labelled rows.
type Block struct {
	// Heading is a full-width row above the block ("第二十条第（一）项"); empty for none.
	Heading string
	// Corner is the label in the top-left corner over the row labels ("信息内容").
	Corner string
	// Cols is the column tree; leaves are value columns.
	Cols []*Node
	// Rows is the row tree; leaves are value rows. A nil Rows means one unlabelled value row.
	Rows []*Node
}

// Table is one of the three statistic tables (二, 三, 四).
type Table struct {
	// ID is the first part of every cell code: "active", "apply", "review".
	ID string
	// Section is the number (2, 3, 4) of the section the table belongs to.
	Section int
	// Name is how messages and exporters refer to the table ("表一" style names are not official).
	Name string
	// Blocks are stacked top to bottom.
	Blocks []*Block
	// Width is the number of grid columns of the official layout.
	Width int

	layout *Layout
}

// Section is one of the six numbered sections of a report.
type Section struct {
	// Number is 1…6.
	Number int
	// Title is the official heading, e.g. "一、总体情况".
	Title string
	// Table is the statistic table of the section, nil for narrative sections.
	Table *Table
	// Parts are conventional level-2 headings of the narrative (一 only).
	Parts []string
	// Guide is a short guidance text taken from the official format.
	Guide string
}

// CellDef is one number cell of a format, with everything needed to name it to a user.
type CellDef struct {
	// Code is the stable cell code, e.g. "apply.3.3.4.total".
	Code string
	// Index is the position in Format.Cells (official reading order).
	Index int
	// Table is the table holding the cell.
	Table *Table
	// Row and Col are the leaf nodes; Row is nil in a table with one unlabelled row.
	Row, Col *Node
	// RowPath and ColPath are the labels from the outermost group to the leaf.
	RowPath, ColPath []string
	// Kind is the cell's value kind.
	Kind Kind
	// Derived marks a total that can be computed from other cells.
	Derived bool
}

// Equation is an identity between cells: sum(Left) must equal sum(Right).
type Equation struct {
	// Rule is the identity's id in FORMAT.md: "H1", "H2", "H3", "H4".
	Rule string
	// Left and Right are cell indexes into Format.Cells.
	Left, Right []int
	// Target is the derived cell computed from Right (Left[0]), or -1 for a balance like H1.
	Target int
}

// Balance is an identity between rows of a table that holds in every column (H1: 一 + 二 =
// 三（七）总计 + 四 in each applicant column of 三).
type Balance struct {
	// Rule is the identity's id ("H1").
	Rule string
	// Table is the table id; the identity holds in every leaf column of its first block.
	Table string
	// Left and Right are row codes; the sum of the Left rows equals the sum of the Right rows.
	Left, Right []string
}

// CrossYear is a relation between this year's report and last year's, as declared in
// formats.go: Cell = sum(Last, in last year's report) + sum(Plus) − sum(Minus). A "*" in the
// codes stands for one code part and takes the same value in every code of the relation
// ("apply.2.*" ← "apply.4.*" is one relation per applicant column).
type CrossYear struct {
	// Rule is the id ("X1", "X2", "X3") and Severity how bad a mismatch is.
	Rule     string
	Severity Severity
	// Cell is this year's cell.
	Cell string
	// Last are last year's cells, summed.
	Last []string
	// Plus and Minus are this year's cells added to and subtracted from last year's sum.
	Plus, Minus []string
	// Carry says that CarryOver prefills Cell with the sum of Last (上年结转, 上一年项目数量).
	Carry bool
	// Hint ends the message of a mismatch: what the clerk may do about it.
	Hint string
}

// Carry is one expanded CrossYear relation (no "*"), resolved against its format.
type Carry struct {
	// Rule, Severity, Fill (= CrossYear.Carry) and Hint are those of the declaration.
	Rule     string
	Severity Severity
	Fill     bool
	Hint     string
	// Cell is the index of this year's cell in Format.Cells; Plus and Minus too.
	Cell        int
	Plus, Minus []int
	// Last are the codes of last year's cells; they are looked up in last year's format,
	// which may be another one (a 2021 report after a 2020 one in the 2019 format).
	Last []string
}

// Format is one official version of the report format, declared once and used everywhere.
type Format struct {
	// ID is "2021" or "2019".
	ID string
	// Name is the document that defines the format.
	Name string
	// FirstYear and LastYear bound the report years the format applies to (0 = open).
	FirstYear, LastYear int
	// Sections are the six sections in order.
	Sections []*Section
	// Tables are the three statistic tables in order.
	Tables []*Table
	// Cells lists every number cell in official reading order.
	Cells []*CellDef
	// ApplicantCols are the column codes of 三 ("natural" … "total"), in order.
	ApplicantCols []string
	// Equations are the within-report identities H1-H4, ordered so that filling derived
	// targets front to back is consistent: item-row totals, column totals, grand totals, H1.
	Equations []Equation

	// OverviewLimit is the length limit of 一 in characters (CountChars); 0 means none. W1 and
	// the UI's character counter read it.
	OverviewLimit int
	// FeeStatement says that 六 must report the 信息处理费 charged (W2; the 2021 format).
	FeeStatement bool
	// OverviewParts says that 一 covers each of its Parts: when some are written and others
	// are empty, B3 names the empty ones (the 2021 format).
	OverviewParts bool
	// Balances are the declared row identities (H1); Equations holds them per column.
	Balances []Balance
	// CrossYear are the declared relations with last year's report (X1-X3); Carries holds
	// them expanded, and CarryOver fills the cells marked Carry.
	CrossYear []CrossYear
	Carries   []Carry
	// Figures maps a key figure W4 compares statements with ("received", "handled",
	// "docs.normative.effective"…) to cell-code patterns whose cells are summed. A figure
	// the format lacks is absent.
	Figures map[string][]string

	index   map[string]int
	figures map[string][]int
}

// Figure returns the indexes of the cells summed by key figure id, or nil when the format
// has no such figure.
func (f *Format) Figure(id string) []int { return f.figures[id] }

// CarryFor returns the cross-year relation whose Cell is code, if any.
func (f *Format) CarryFor(code string) (Carry, bool) {
	i := f.Index(code)
	for _, c := range f.Carries {
		if c.Cell == i {
			return c, true
		}
	}
	return Carry{}, false
}

// Cell returns the definition of the cell with the given code.
func (f *Format) Cell(code string) (*CellDef, bool) {
	i, ok := f.index[code]
	if !ok {
		return nil, false
	}
	return f.Cells[i], true
}

// Index returns the position of code in Cells, or -1.
func (f *Format) Index(code string) int {
	if i, ok := f.index[code]; ok {
		return i
	}
	return -1
}

// Table returns the table with the given id ("active", "apply", "review").
func (f *Format) Table(id string) *Table {
	for _, t := range f.Tables {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// Codes returns every cell code in official order.
func (f *Format) Codes() []string {
	out := make([]string, len(f.Cells))
	for i, c := range f.Cells {
		out[i] = c.Code
	}
	return out
}

// Label names a cell the way a clerk finds it in the printed table, e.g.
// "三、本年度办理结果（三）不予公开 4.保护第三方合法权益 · 总计".
func (c *CellDef) Label() string {
	return c.RowLabel() + " · " + c.ColLabel()
}

// RowLabel names the cell's row as printed, without the outermost group of a nested row
// and without parenthesised remarks: "（三）不予公开 4.保护第三方合法权益".
func (c *CellDef) RowLabel() string {
	switch len(c.RowPath) {
	case 0:
		return c.Table.Name
	case 1:
		return Short(c.RowPath[0])
	}
	return joinShort(c.RowPath[1:], " ")
}

// ColLabel names the cell's column by its labels, leaving out groups without a code (such as
// 申请人情况 and 法人或其他组织): "商业企业", "行政复议·结果维持", "复议后起诉·总计".
func (c *CellDef) ColLabel() string {
	var parts []string
	for i, n := range c.colNodes() {
		if n.Code != "" || i == len(c.ColPath)-1 {
			parts = append(parts, c.ColPath[i])
		}
	}
	return joinShort(parts, "·")
}

// colNodes returns the column nodes from the root to the leaf.
func (c *CellDef) colNodes() []*Node {
	for _, b := range c.Table.Blocks {
		if p := pathTo(b.Cols, c.Col); p != nil {
			return p
		}
	}
	return nil
}

func pathTo(nodes []*Node, target *Node) []*Node {
	for _, n := range nodes {
		if n == target {
			return []*Node{n}
		}
		if p := pathTo(n.Children, target); p != nil {
			return append([]*Node{n}, p...)
		}
	}
	return nil
}

// joinShort joins label path parts without their remarks.
func joinShort(path []string, sep string) string {
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i] = Short(p)
	}
	return strings.Join(parts, sep)
}

// Short drops a trailing parenthesised remark from a label:
// "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" → "（二）部分公开".
func Short(label string) string {
	if strings.HasSuffix(label, "）") {
		if i := strings.LastIndex(label, "（"); i > 0 {
			return label[:i]
		}
	}
	return label
}

// build derives Cells, the code index and the Equations from the declared tables.
func (f *Format) build() {
	f.index = map[string]int{}
	for _, t := range f.Tables {
		t.layout = t.buildLayout()
		for _, b := range t.Blocks {
			rows := leaves(b.Rows, nil, nil)
			if b.Rows == nil {
				rows = []leaf{{}}
			}
			cols := leaves(b.Cols, nil, nil)
			for _, r := range rows {
				for _, c := range cols {
					code := joinCode(t.ID, joinCode(r.code, c.code))
					d := &CellDef{
						Code: code, Index: len(f.Cells), Table: t,
						Row: r.node, Col: c.node, RowPath: r.path, ColPath: c.path,
						Kind:    c.node.Kind,
						Derived: c.node.Total || (r.node != nil && r.node.Total),
					}
					if _, dup := f.index[code]; dup {
						panic("form: duplicate cell code " + code)
					}
					f.index[code] = d.Index
					f.Cells = append(f.Cells, d)
				}
			}
		}
	}
	f.buildEquations()
	f.buildCarries()
	f.figures = map[string][]int{}
	for id, patterns := range f.Figures {
		var idx []int
		ok := true
		for _, p := range patterns {
			ms := f.match(p)
			if len(ms) == 0 {
				ok = false
			}
			for _, m := range ms {
				idx = append(idx, m.index)
			}
		}
		if ok {
			f.figures[id] = idx
		}
	}
}

// codeMatch is a cell whose code matches a pattern, with the code part its "*" stands for.
type codeMatch struct {
	index int
	star  string
}

// match returns the cells whose codes match pattern, in official order: "*" matches one code
// part; a pattern without "*" matches its own cell only.
func (f *Format) match(pattern string) []codeMatch {
	if !strings.Contains(pattern, "*") {
		if i, ok := f.index[pattern]; ok {
			return []codeMatch{{index: i}}
		}
		return nil
	}
	want := strings.Split(pattern, ".")
	var out []codeMatch
	for _, d := range f.Cells {
		parts := strings.Split(d.Code, ".")
		if len(parts) != len(want) {
			continue
		}
		star, ok := "", true
		for i, w := range want {
			switch {
			case w == "*":
				star = parts[i]
			case w != parts[i]:
				ok = false
			}
		}
		if ok {
			out = append(out, codeMatch{index: d.Index, star: star})
		}
	}
	return out
}

// buildCarries expands the CrossYear declarations into Carries.
func (f *Format) buildCarries() {
	for _, x := range f.CrossYear {
		ms := f.match(x.Cell)
		if len(ms) == 0 {
			panic("form: cross-year cell matches nothing: " + x.Cell)
		}
		for _, m := range ms {
			sub := func(p string) string { return strings.ReplaceAll(p, "*", m.star) }
			c := Carry{Rule: x.Rule, Severity: x.Severity, Fill: x.Carry, Hint: x.Hint, Cell: m.index}
			for _, l := range x.Last {
				c.Last = append(c.Last, sub(l))
			}
			for _, lists := range []struct {
				from []string
				to   *[]int
			}{{x.Plus, &c.Plus}, {x.Minus, &c.Minus}} {
				for _, p := range lists.from {
					i, ok := f.index[sub(p)]
					if !ok {
						panic("form: cross-year term has no cell: " + sub(p))
					}
					*lists.to = append(*lists.to, i)
				}
			}
			f.Carries = append(f.Carries, c)
		}
	}
}

// leaf is a leaf node with its joined code and label path.
type leaf struct {
	node *Node
	code string
	path []string
}

func leaves(nodes []*Node, prefix []string, path []string) []leaf {
	var out []leaf
	for _, n := range nodes {
		codes := append(append([]string(nil), prefix...), n.Code)
		p := append(append([]string(nil), path...), n.Label)
		if len(n.Children) > 0 {
			out = append(out, leaves(n.Children, codes, p)...)
			continue
		}
		out = append(out, leaf{node: n, code: joinCode(codes...), path: p})
	}
	return out
}

func joinCode(parts ...string) string {
	var nonEmpty []string
	for _, p := range parts {
		if p != "" {
			nonEmpty = append(nonEmpty, p)
		}
	}
	return strings.Join(nonEmpty, ".")
}

// buildEquations turns the Total marks into H2/H3/H4 equations and adds the declared
// Balances (H1), one per column.
// Row totals (H3) come before column totals (H2) so that filling front to back is consistent.
func (f *Format) buildEquations() {
	var rowTotals, colTotals, grandTotals []Equation
	for _, t := range f.Tables {
		for _, b := range t.Blocks {
			rows := leaves(b.Rows, nil, nil)
			if b.Rows == nil {
				rows = []leaf{{}}
			}
			cols := leaves(b.Cols, nil, nil)
			cell := func(r leaf, c leaf) int {
				return f.index[joinCode(t.ID, joinCode(r.code, c.code))]
			}
			// Column totals: for every row, the Total column = the sum of its sibling leaves.
			for _, tc := range totalsIn(b.Cols) {
				terms := siblingLeaves(b.Cols, tc)
				for _, r := range rows {
					target := cell(r, findLeaf(cols, tc))
					e := Equation{Rule: ruleFor(t.ID, false), Left: []int{target}, Target: target}
					for _, s := range terms {
						e.Right = append(e.Right, cell(r, findLeaf(cols, s)))
					}
					colTotals = append(colTotals, e)
				}
			}
			// Row totals: for every column except total columns, the Total row = sum of siblings.
			for _, tr := range totalsIn(b.Rows) {
				terms := siblingLeaves(b.Rows, tr)
				for _, c := range cols {
					target := cell(findLeaf(rows, tr), c)
					e := Equation{Rule: ruleFor(t.ID, true), Left: []int{target}, Target: target}
					for _, s := range terms {
						e.Right = append(e.Right, cell(findLeaf(rows, s), c))
					}
					if c.node.Total {
						// The grand total is also a column total; its row-sum form is checked
						// last, after the column totals it sums have been filled.
						grandTotals = append(grandTotals, e)
						continue
					}
					rowTotals = append(rowTotals, e)
				}
			}
		}
	}
	f.Equations = append(append(rowTotals, colTotals...), grandTotals...)
	if apply := f.Table("apply"); apply != nil {
		for _, c := range leaves(apply.Blocks[0].Cols, nil, nil) {
			f.ApplicantCols = append(f.ApplicantCols, c.code)
		}
	}
	for _, b := range f.Balances {
		t := f.Table(b.Table)
		for _, c := range leaves(t.Blocks[0].Cols, nil, nil) {
			idx := func(rows []string) []int {
				out := make([]int, len(rows))
				for i, row := range rows {
					j, ok := f.index[joinCode(b.Table, row, c.code)]
					if !ok {
						panic("form: balance row has no cell: " + joinCode(b.Table, row, c.code))
					}
					out[i] = j
				}
				return out
			}
			f.Equations = append(f.Equations, Equation{Rule: b.Rule, Target: -1, Left: idx(b.Left), Right: idx(b.Right)})
		}
	}
}

// ruleFor names the identity a Total node declares: H4 in 四, H3 for apply rows, H2 for apply columns.
func ruleFor(table string, row bool) string {
	switch {
	case table == "review":
		return "H4"
	case row:
		return "H3"
	default:
		return "H2"
	}
}

// totalsIn returns the Total nodes anywhere in a tree.
func totalsIn(nodes []*Node) []*Node {
	var out []*Node
	for _, n := range nodes {
		if n.Total {
			out = append(out, n)
		}
		out = append(out, totalsIn(n.Children)...)
	}
	return out
}

// siblingLeaves returns the non-total leaves under the parent of target.
func siblingLeaves(roots []*Node, target *Node) []*Node {
	var find func(nodes []*Node) []*Node
	find = func(nodes []*Node) []*Node {
		for _, n := range nodes {
			if n == target {
				var out []*Node
				for _, s := range nodes {
					out = append(out, nonTotalLeaves(s)...)
				}
				return out
			}
			if r := find(n.Children); r != nil {
				return r
			}
		}
		return nil
	}
	return find(roots)
}

func nonTotalLeaves(n *Node) []*Node {
	if n.Total {
		return nil
	}
	if len(n.Children) == 0 {
		return []*Node{n}
	}
	var out []*Node
	for _, c := range n.Children {
		out = append(out, nonTotalLeaves(c)...)
	}
	return out
}

func findLeaf(ls []leaf, n *Node) leaf {
	for _, l := range ls {
		if l.node == n {
			return l
		}
	}
	panic("form: node not among leaves: " + n.Label)
}
