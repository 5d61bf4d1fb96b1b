// Package html writes a report as one self-contained web page for the agency site's CMS:
// UTF-8, no scripts, no images, no style sheets or links; the three official tables with
// borders set both as attributes (border, cellspacing, cellpadding) and as inline styles,
// because CMS editors strip <style> blocks and some strip one or the other; merged cells as
// rowspan/colspan from the official layout. It prints the blocks of package outline, like
// every other exporter.
//
// Fragment gives the same report as the part to paste into a site editor, with a plain-text
// fallback, for the app's 「复制网页版」.
package html

import (
	"errors"
	"fmt"
	stdhtml "html"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/export/outline"
	"github.com/nianbao/nianbao/form"
)

// Inline styles. Fonts name the GB/T 9704 faces first, then what Windows, macOS and
// Linux (UOS, 麒麟) have, then the generic family.
const (
	fontBody    = `'仿宋_GB2312','仿宋',FangSong,STFangsong,'Noto Serif CJK SC','Noto Serif SC',serif`
	fontTitle   = `'方正小标宋简体','方正小标宋_GBK','FZXiaoBiaoSong-B05S','华文中宋',STZhongsong,'宋体',SimSun,'Noto Serif CJK SC',serif`
	fontHeading = `'黑体',SimHei,STHeiti,'Noto Sans CJK SC','Noto Sans SC',sans-serif`
	fontKai     = `'楷体_GB2312','楷体',KaiTi,STKaiti,'AR PL UKai CN',serif`

	styleReport  = "max-width:800px;margin:0 auto;color:#000;background:#fff;font-family:" + fontBody + ";font-size:16px;line-height:1.8;"
	styleTitle   = "margin:0 0 1.2em;text-align:center;font-family:" + fontTitle + ";font-size:24px;line-height:1.5;font-weight:bold;"
	styleH1      = "margin:0;text-indent:2em;font-family:" + fontHeading + ";font-size:16px;line-height:1.8;font-weight:bold;"
	styleH2      = "margin:0;text-indent:2em;font-family:" + fontKai + ";font-size:16px;line-height:1.8;font-weight:bold;"
	stylePara    = "margin:0;text-indent:2em;text-align:justify;"
	styleScroll  = "overflow-x:auto;margin:0.5em 0 1em;"
	styleTable   = "border-collapse:collapse;border:1px solid #000;width:100%;margin:0;font-size:14px;line-height:1.4;"
	styleWide    = "min-width:36em;"
	styleCell    = "border:1px solid #000;padding:3px;vertical-align:middle;font-weight:normal;"
	styleWord    = "white-space:nowrap;"
	styleSigLine = "margin:0;text-align:right;"
)

// lineChars is how many body characters a line of the page holds (800 px of 16 px text);
// the 落款 is placed for it.
const lineChars = 50

// Write writes report r as a complete .html document to w.
func Write(w io.Writer, r *form.Report) error {
	if r == nil || r.Format == nil {
		return errors.New("无法导出网页：报告为空")
	}
	var b strings.Builder
	b.Grow(64 << 10)
	b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	b.WriteString("<meta name=\"generator\" content=\"年报助手\">\n")
	fmt.Fprintf(&b, "<title>%s</title>\n</head>\n<body style=\"margin:0;padding:24px 16px;background:#fff;\">\n", esc(outline.Line(r.Title())))
	body(&b, outline.Blocks(r))
	b.WriteString("</body>\n</html>\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("无法写入网页：%w", err)
	}
	return nil
}

// Fragment returns the report's body as HTML for pasting into a site editor (the part of the
// page inside <body>), and the same report as plain text for editors that refuse HTML:
// one paragraph a line, table rows as tab-separated cells.
func Fragment(r *form.Report) (html, text string, err error) {
	if r == nil || r.Format == nil {
		return "", "", errors.New("无法复制网页版：报告为空")
	}
	blocks := outline.Blocks(r)
	var b strings.Builder
	b.Grow(48 << 10)
	body(&b, blocks)
	return b.String(), plainText(blocks), nil
}

// body writes the report's blocks as one <div> with inline styles.
func body(b *strings.Builder, blocks []outline.Block) {
	b.WriteString(`<div style="` + styleReport + "\">\n")
	for _, bl := range blocks {
		switch bl.Kind {
		case outline.Title:
			b.WriteString(`<h1 style="` + styleTitle + `">`)
			for i, l := range bl.Lines {
				if i > 0 {
					b.WriteString("<br>")
				}
				b.WriteString(esc(l))
			}
			b.WriteString("</h1>\n")
		case outline.Heading1:
			element(b, "h2", styleH1, bl.Text)
		case outline.Heading2:
			element(b, "h3", styleH2, bl.Text)
		case outline.Paragraph:
			element(b, "p", stylePara, bl.Text)
		case outline.Table:
			table(b, bl.Grid)
		case outline.Signature:
			a, d := outline.SignatureIndents(bl.Lines[0], bl.Lines[1], lineChars)
			top := "margin-top:1.8em;"
			for i, l := range bl.Lines {
				if l == "" {
					continue
				}
				right := []float64{a, d}[i]
				element(b, "p", styleSigLine+top+"padding-right:"+em(right)+";", l)
				top = ""
			}
		}
	}
	b.WriteString("</div>\n")
}

func element(b *strings.Builder, tag, style, text string) {
	b.WriteString("<" + tag + ` style="` + style + `">`)
	b.WriteString(esc(text))
	b.WriteString("</" + tag + ">\n")
}

// table writes a statistic table: column widths as <col>, the repeated header rows as
// <thead>, labels as <th> and numbers as centred <td>.
func table(b *strings.Builder, g *outline.Grid) {
	b.WriteString(`<div style="` + styleScroll + "\">\n")
	style := styleTable
	if g.Cols > 4 {
		style += styleWide
	}
	b.WriteString(`<table border="1" cellspacing="0" cellpadding="4" width="100%" style="` + style + "\">\n<colgroup>")
	widths := g.ColumnWidths(100)
	for _, w := range widths {
		b.WriteString(`<col style="width:` + strconv.FormatFloat(w, 'f', 2, 64) + `%">`)
	}
	b.WriteString("</colgroup>\n")
	starts := make([][]int, g.Rows)
	for i, c := range g.Cells {
		if c.Row < g.Rows {
			starts[c.Row] = append(starts[c.Row], i)
		}
	}
	for y := 0; y < g.Rows; y++ {
		switch {
		case y == 0 && g.RepeatRows > 0:
			b.WriteString("<thead>\n")
		case y == g.RepeatRows:
			b.WriteString("<tbody>\n")
		}
		b.WriteString("<tr>")
		for _, i := range starts[y] {
			c := g.Cells[i]
			cell(b, c, wordCell(c, widths), verticalCell(c, widths))
		}
		b.WriteString("</tr>\n")
		if y+1 == g.RepeatRows {
			b.WriteString("</thead>\n")
		}
	}
	b.WriteString("</tbody>\n</table>\n</div>\n")
}

func cell(b *strings.Builder, c outline.Cell, words, vertical bool) {
	tag, align := "th", "center"
	if c.Role == form.RoleValue {
		tag = "td"
	}
	if c.Align == outline.AlignLeft {
		align = "left"
	}
	style := styleCell + "text-align:" + align + ";"
	if c.Strong {
		style += "font-family:" + fontHeading + ";font-weight:bold;"
	}
	b.WriteString("<" + tag)
	switch {
	case c.Role == form.RoleColumn || c.Role == form.RoleCorner:
		b.WriteString(` scope="col"`)
	case c.Role == form.RoleRow:
		b.WriteString(` scope="row"`)
	}
	if c.RowSpan > 1 {
		b.WriteString(` rowspan="` + strconv.Itoa(c.RowSpan) + `"`)
	}
	if c.ColSpan > 1 {
		b.WriteString(` colspan="` + strconv.Itoa(c.ColSpan) + `"`)
	}
	b.WriteString(` style="` + style + `">`)
	switch {
	case words:
		labelText(b, c.Text)
	case vertical:
		verticalText(b, c.Text)
	default:
		b.WriteString(esc(c.Text))
	}
	b.WriteString("</" + tag + ">")
}

// verticalText writes a label a character a line (a closing mark stays with the
// character before it: 「三、」).
func verticalText(b *strings.Builder, text string) {
	for i, r := range text {
		if i > 0 && !outline.NoLineStart(r) {
			b.WriteString("<br>")
		}
		b.WriteString(esc(string(r)))
	}
}

// labelText writes a label with each of its words of two or more characters in a span
// that does not wrap, so that a narrow cell breaks it only between words (结果/维持).
func labelText(b *strings.Builder, text string) {
	for _, w := range outline.LabelWords(text) {
		if utf8.RuneCountInString(w) > 1 {
			b.WriteString(`<span style="` + styleWord + `">` + esc(w) + "</span>")
		} else {
			b.WriteString(esc(w))
		}
	}
}

// plainText is the report as text: the title lines, one paragraph or heading a line, each
// table row as its cells separated by tabs (a cell merged from the row above leaves an
// empty field), the 落款 lines; a blank line around each table and before the 落款.
func plainText(blocks []outline.Block) string {
	var b strings.Builder
	b.Grow(16 << 10)
	for _, bl := range blocks {
		switch bl.Kind {
		case outline.Title:
			b.WriteString(strings.Join(bl.Lines, "\n") + "\n\n")
		case outline.Table:
			b.WriteString("\n")
			tableText(&b, bl.Grid)
			b.WriteString("\n")
		case outline.Signature:
			b.WriteString("\n" + bl.Text + "\n")
		default:
			b.WriteString(bl.Text + "\n")
		}
	}
	return b.String()
}

func tableText(b *strings.Builder, g *outline.Grid) {
	at := g.At()
	for y := 0; y < g.Rows; y++ {
		var fields []string
		for x := 0; x < g.Cols; {
			i := at[y][x]
			if i < 0 {
				fields = append(fields, "")
				x++
				continue
			}
			c := g.Cells[i]
			if c.Row == y {
				fields = append(fields, c.Text)
			} else {
				fields = append(fields, "")
			}
			x = c.Col + c.ColSpan
		}
		b.WriteString(strings.Join(fields, "\t") + "\n")
	}
}

// esc escapes text for HTML content and attribute values.
func esc(s string) string { return stdhtml.EscapeString(s) }

// em formats a length in em.
func em(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) + "em" }

// wordCell reports whether cell c is printed with its words kept whole (LabelWords): a
// column heading or a group label, unless it is a vertical label (verticalCell). widths
// are the grid's column widths in percent.
func wordCell(c outline.Cell, widths []float64) bool {
	switch {
	case c.Role == form.RoleColumn, c.Role == form.RoleCorner:
		return true
	case c.Role == form.RoleRow && c.RowSpan > 1:
		return !verticalCell(c, widths)
	}
	return false
}

// verticalCell reports whether cell c is a group label in a column too narrow for two
// characters (「三、本年度办理结果」 of 三), set a character a line as in print.
func verticalCell(c outline.Cell, widths []float64) bool {
	if c.Role != form.RoleRow || c.RowSpan <= 1 {
		return false
	}
	w := 0.0
	for x := c.Col; x < c.Col+c.ColSpan && x < len(widths); x++ {
		w += widths[x]
	}
	return w < 5
}
