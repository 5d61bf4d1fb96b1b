// Package docx writes a report as a Word document (WordprocessingML, .docx) for 审签 and 报送:
// the same document as the PDF — a GB/T 9704 page (A4, 22 lines × 28 characters), 二号 小标宋
// title, 三号 仿宋 body, 黑体 and 楷体 headings, the three official tables as real Word tables
// with their merged cells, 「— 1 —」 page numbers and the 落款 — built from the blocks of
// package outline, so that every exporter prints the same text.
//
// The document is small and editable: formatting lives in named styles (正文, 标题 1, 标题 2),
// the fonts name their Windows alternates, and the output is deterministic (fixed dates,
// fixed part order), so the same report always gives the same bytes.
package docx

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/nianbao/nianbao/export/outline"
	"github.com/nianbao/nianbao/form"
)

// Options adjust the document.
type Options struct {
	// NoPageNumbers leaves the page numbers (「— 1 —」) out of the footer.
	NoPageNumbers bool
	// Date is written as the document's creation and modification time, in its properties
	// and in the zip entries. When zero, the report's publication date is used (or
	// 2021-01-01 for a report without one): never the clock, so that the same report always
	// gives the same file.
	Date time.Time
}

// Write writes report r as a .docx document to w.
func Write(w io.Writer, r *form.Report, opt Options) error {
	if r == nil || r.Format == nil {
		return errors.New("无法导出 Word 文档：报告为空")
	}
	doc := buildDocument(outline.Blocks(r), !opt.NoPageNumbers)
	return writePackage(w, r, doc, opt)
}

// buildDocument lays the blocks out as the document body.
func buildDocument(blocks []outline.Block, pageNumbers bool) *document {
	d := &document{W: nsW, R: nsR}
	items := make([]any, 0, len(blocks)+2)
	for i, b := range blocks {
		keep := i+1 < len(blocks) && blocks[i+1].Kind == outline.Signature
		switch b.Kind {
		case outline.Title:
			items = append(items, titlePara(b.Lines))
		case outline.Heading1:
			items = append(items, styled(styleHeading1, b.Text))
		case outline.Heading2:
			items = append(items, styled(styleHeading2, b.Text))
		case outline.Paragraph:
			p := styled("", b.Text)
			if keep {
				// The 落款 never stands alone on a page: the last paragraph goes with it.
				p.PPr = &pPr{KeepNext: &on{}}
			}
			items = append(items, p)
		case outline.Table:
			items = append(items, gridTable(b.Grid))
			// A little space after the table, as the PDF leaves half a line.
			items = append(items, &para{PPr: &pPr{Style: v(styleTableText), Spacing: &spacing{Line: linePitch / 2, LineRule: "exact"}}})
		case outline.Signature:
			items = append(items, signature(b.Lines[0], b.Lines[1])...)
		}
	}
	d.Body.Items = items
	d.Body.Sect = section(pageNumbers)
	return d
}

// styled is a paragraph of one run in a style ("" for 正文).
func styled(style, s string) *para {
	p := &para{Items: []any{textRun(nil, s)}}
	if style != "" {
		p.PPr = &pPr{Style: v(style)}
	}
	return p
}

func textRun(pr *rPr, s string) *run {
	return &run{RPr: pr, T: &text{Space: "preserve", Text: s}}
}

// titleCapacity is how many full-width 二号 characters fit on a line of the text area.
var titleCapacity = float64(textW) / (sizeTitle * 10)

// titlePara is the title, broken after the agency when it does not fit on one line.
func titlePara(lines []string) *para {
	p := &para{PPr: &pPr{Style: v(styleTitle)}}
	total := 0.0
	for _, l := range lines {
		total += outline.Width(l)
	}
	if total <= titleCapacity {
		lines = []string{strings.Join(lines, "")}
	}
	for i, l := range lines {
		r := textRun(nil, l)
		if i > 0 {
			r.Br = &on{}
		}
		p.Items = append(p.Items, r)
	}
	return p
}

// signature is the 落款: after a blank line, the agency two characters from the right
// edge and the date starting two characters right of the agency (outline.SignatureIndents),
// kept together.
func signature(agency, date string) []any {
	a, d := outline.SignatureIndents(agency, date, charsPerLine)
	var out []any
	line := func(s string, right float64, first bool) {
		tw, h := chars(right)
		pr := &pPr{Style: v(styleSignature), Ind: &ind{Right: tw, RightChars: h}}
		if first {
			pr.Spacing = &spacing{Before: linePitch, Line: linePitch, LineRule: "exact"}
		}
		if first && date != "" {
			pr.KeepNext = &on{}
		}
		out = append(out, &para{PPr: pr, Items: []any{textRun(nil, s)}})
	}
	if agency != "" {
		line(agency, a, true)
	}
	if date != "" {
		line(date, d, agency == "")
	}
	return out
}

// section is the page setup: A4, GB/T 9704 margins, the 22-line grid (see letterSpacing
// for the 28 characters), the footers.
func section(pageNumbers bool) sectPr {
	s := sectPr{
		PgSz:  pgSz{W: pageW, H: pageH},
		PgMar: pgMar{Top: marginTop, Right: marginRight, Bottom: marginBottom, Left: marginLeft, Header: mm(15), Footer: footerDist},
		Cols:  &cols{Space: 425},
		Grid:  docGrid{Type: "lines", LinePitch: linePitch, CharSpace: charSpace()},
	}
	if pageNumbers {
		s.Footers = []footerRef{{Type: "default", ID: relFooterOdd}, {Type: "even", ID: relFooterEven}}
		s.PgNum = &pgNum{Fmt: "decimal", Start: 1}
	}
	return s
}

// pageFooter is the footer with the page number 「— N —」 in 四号 宋体, one character from
// the right edge on odd pages and from the left edge on even pages (GB/T 9704 §7.5).
func pageFooter(odd bool) *footer {
	one := sizePageNum * 10 // one 四号 character, twips
	pr := &pPr{Style: v(styleFooter), Ind: &ind{Left: intp(one)}, Jc: v("left")}
	if odd {
		pr.Ind, pr.Jc = &ind{Right: intp(one)}, v("right")
	}
	dash := "\u2014"
	return &footer{W: nsW, R: nsR, Paras: []para{{PPr: pr, Items: []any{
		textRun(nil, dash+" "),
		&fldSimple{Instr: " PAGE ", Run: run{T: &text{Text: "1"}}},
		textRun(nil, " "+dash),
	}}}}
}

func intp(n int) *int { return &n }

func itoa(n int) string { return strconv.Itoa(n) }
