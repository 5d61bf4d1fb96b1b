package pdf

import (
	"context"
	"io"
	"strings"

	"github.com/nianbao/nianbao/form"
)

// Write typesets report r as a PDF to w: the title, the opening
// paragraph, the six sections of r's format (一's five parts as level-2
// headings, the three statistic tables drawn from the format's official
// layouts) and the signature. Characters no font can print are drawn as
// "□" (see WriteStats to learn how many).
func Write(w io.Writer, r *form.Report, opt Options) error {
	_, err := WriteStats(w, r, opt)
	return err
}

// WriteStats is Write that also returns the typesetting statistics, so
// callers can warn about replaced characters and show which fonts were used
// (Stats.FontReport).
func WriteStats(w io.Writer, r *form.Report, opt Options) (Stats, error) {
	return WriteContext(context.Background(), w, r, opt)
}

// WriteContext is WriteStats that gives up with ctx's error as soon as ctx is done
// (checked between the blocks of the layout and between pages of the output), so a
// GUI can export off the UI thread and offer 取消; Options.Progress reports the pages
// written. Nothing is written to w unless the whole PDF is made.
func WriteContext(ctx context.Context, w io.Writer, r *form.Report, opt Options) (Stats, error) {
	if err := ctx.Err(); err != nil {
		return Stats{}, err
	}
	if opt.Title == "" {
		opt.Title = r.Title()
	}
	if opt.Author == "" {
		opt.Author = strings.TrimSpace(r.Meta.Agency)
	}
	d, err := newDoc(ctx, opt)
	if err != nil {
		return Stats{}, err
	}
	d.report(r)
	if err := d.Output(w); err != nil {
		return d.Stats(), err
	}
	return d.Stats(), nil
}

// newDoc is New with a context.
func newDoc(ctx context.Context, opt Options) (*Doc, error) {
	d, err := New(opt)
	if err != nil {
		return nil, err
	}
	d.ctx = ctx
	return d, nil
}

// report lays out report r: the title, the opening paragraph, the six sections (一's
// five parts as level-2 headings, the three statistic tables from the format's official
// layouts) and the signature.
func (d *Doc) report(r *form.Report) {
	para := func(text string) {
		if text = paragraphs(text); text != "" {
			d.Paragraph(text)
		}
	}
	d.Title(titleWithBreak(r))
	para(r.Text.Opening)
	for _, s := range r.Format.Sections {
		d.Heading1(s.Title)
		switch {
		case s.Table != nil:
			d.Table(d.reportTable(r, s.Table))
			d.Space(LinePitch / 2)
		case s.Number == 1:
			para(r.Text.Overview)
			for i, h := range s.Parts {
				if i >= len(r.Text.Parts) {
					break
				}
				text := strings.TrimSpace(r.Text.Parts[i])
				if text == "" {
					continue
				}
				// Users sometimes type the heading themselves.
				text = strings.TrimSpace(strings.TrimPrefix(text, h))
				d.Heading2(h)
				para(text)
			}
		default:
			para(r.Text.Section(s.Number))
		}
	}
	para(r.Text.Closing)
	d.Signature(strings.TrimSpace(r.Meta.Agency), r.DateText())
}

// titleWithBreak returns r's title with a preferred line break after the
// agency name.
func titleWithBreak(r *form.Report) string {
	t := r.Title()
	a := strings.TrimSpace(r.Meta.Agency)
	if a != "" && strings.HasPrefix(t, a) {
		return a + "\n" + t[len(a):]
	}
	return t
}

// paragraphs trims text and drops blank lines between paragraphs.
func paragraphs(text string) string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}

// labelWidths are the widths in mm of the row-label columns of a table,
// by their number; value columns share the rest of the text width.
var labelWidths = map[int][]float64{
	1: {56},
	2: {22, 44},
	3: {9, 16, 42},
}

// labelGrow is how wide the last label column of a table with that many label columns
// may grow, taking width from the value columns while their numbers still fit on one
// line: table 三's long row labels ("2.没有现成信息需要另行制作") then take one line
// instead of two, and the table fits one A4 page.
var labelGrow = map[int]float64{3: 54}

// minValueWidth is the narrowest a value column gets (mm).
const minValueWidth = 10.0

// reportTable converts a statistic table's official layout and r's values
// into a Table.
func (d *Doc) reportTable(r *form.Report, t *form.Table) Table {
	l := t.Layout()
	firstValue := l.LabelCols
	widths := make([]float64, l.Cols)
	lw, ok := labelWidths[firstValue]
	if !ok {
		lw = make([]float64, firstValue)
		for i := range lw {
			lw[i] = 20
		}
	}
	lw = append([]float64(nil), lw...)
	nValues := float64(l.Cols - firstValue)
	if grow, ok := labelGrow[firstValue]; ok && nValues > 0 {
		need := minValueWidth
		for _, s := range l.Spans {
			if s.Role == form.RoleValue {
				need = max(need, d.textWidth(cellText(r, s.Code), TableSize)+2*cellPadX+0.5)
			}
		}
		last := TextWidth - sumWidths(lw, 0, len(lw)-1) - need*nValues
		lw[len(lw)-1] = min(grow, max(lw[len(lw)-1], last))
	}
	used := sumWidths(lw, 0, len(lw))
	copy(widths, lw)
	for i := firstValue; i < l.Cols; i++ {
		widths[i] = (TextWidth - used) / nValues
	}
	tb := Table{ColWidths: widths, HeaderRows: l.HeaderRows, FontSize: TableSize}
	// A table of stacked blocks, each with its own heading row (二), does
	// not repeat the first block's header: each block's heading and
	// column labels stay with its first row instead.
	stacked := false
	for _, s := range l.Spans {
		if s.Role == form.RoleHeading && s.Row > 0 {
			stacked = true
		}
	}
	if stacked {
		tb.HeaderRows = 0
	}
	for _, s := range l.Spans {
		c := Cell{Row: s.Row, Col: s.Col, RowSpan: s.RowSpan, ColSpan: s.ColSpan, Text: s.Text}
		c.Keep = stacked && s.Role != form.RoleValue && s.Role != form.RoleRow
		switch s.Role {
		case form.RoleValue:
			c.Text = cellText(r, s.Code)
		case form.RoleRow:
			c.Align = AlignLeft
			if s.RowSpan > 1 || s.ColSpan == 1 && s.Col < firstValue-1 {
				c.Align = AlignCenter // group labels
			}
		case form.RoleHeading:
			c.Align = AlignLeft
			c.Strong = true
		}
		tb.Cells = append(tb.Cells, c)
	}
	return tb
}

// cellText is the printed value of a number cell: the canonical form of a
// valid number, what the user typed otherwise, nothing when blank.
func cellText(r *form.Report, code string) string {
	c, ok := r.Cell(code)
	if !ok || c.Blank {
		return ""
	}
	if c.OK() {
		if def, ok := r.Format.Cell(code); ok {
			return c.Value.Format(def.Kind)
		}
	}
	return strings.TrimSpace(c.Text)
}
