package pdf

import (
	"context"
	"io"
	"strings"

	"github.com/nianbao/nianbao/export/outline"
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

// report lays out report r from its outline (export/outline, shared with the Word and
// web-page writers): the title broken after the agency, the opening paragraph, the six
// sections (一's parts as level-2 headings, the three statistic tables from the format's
// official layouts), the closing text and the 落款.
func (d *Doc) report(r *form.Report) {
	for _, b := range outline.Blocks(r) {
		switch b.Kind {
		case outline.Title:
			d.Title(strings.Join(b.Lines, "\n"))
		case outline.Heading1:
			d.Heading1(b.Text)
		case outline.Heading2:
			d.Heading2(b.Text)
		case outline.Paragraph:
			d.Paragraph(b.Text)
		case outline.Table:
			d.Table(d.gridTable(b.Grid))
			d.Space(LinePitch / 2)
		case outline.Signature:
			d.Signature(b.Lines[0], b.Lines[1])
		}
	}
}

// minLabelWidth is the narrowest the last label column of a table gets (mm) when the
// value columns need room for their numbers.
const minLabelWidth = 40.0

// gridTable converts a statistic table of the outline into a Table: the outline's column
// widths, except that value columns too narrow for their widest number on one line take
// the width from the last label column.
func (d *Doc) gridTable(g *outline.Grid) Table {
	l := g.Table.Layout()
	widths := g.ColumnWidths(TextWidth)
	if nv := g.Cols - l.LabelCols; nv > 0 && l.LabelCols > 0 {
		need := 0.0
		for _, c := range g.Cells {
			if c.Role == form.RoleValue {
				need = max(need, d.textWidth(c.Text, TableSize)+2*cellPadX+0.5)
			}
		}
		last := l.LabelCols - 1
		if short := need - widths[l.LabelCols]; short > 0 {
			give := min(short*float64(nv), max(0, widths[last]-minLabelWidth))
			widths[last] -= give
			for i := l.LabelCols; i < g.Cols; i++ {
				widths[i] += give / float64(nv)
			}
		}
	}
	tb := Table{ColWidths: widths, HeaderRows: g.RepeatRows, FontSize: TableSize, Blocks: g.Stacked}
	for _, c := range g.Cells {
		cell := Cell{Row: c.Row, Col: c.Col, RowSpan: c.RowSpan, ColSpan: c.ColSpan, Text: c.Text, Strong: c.Strong}
		if c.Align == outline.AlignLeft {
			cell.Align = AlignLeft
		}
		// A table of stacked blocks (二) repeats no header: each block's heading and
		// column labels stay with its first row instead.
		cell.Keep = g.Stacked && c.Role != form.RoleValue && c.Role != form.RoleRow
		tb.Cells = append(tb.Cells, cell)
	}
	return tb
}
