package docx

import "encoding/xml"

// This file declares the few WordprocessingML elements the writer uses, as structs that
// encoding/xml marshals. Field order is the element order of the ECMA-376 schema (Word
// rejects a document whose property elements are out of order); nil pointers are left out.

const (
	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsRel = "http://schemas.openxmlformats.org/package/2006/relationships"
)

// on is an empty on/off element such as <w:keepNext/>.
type on struct{}

// val is an element with a single w:val attribute.
type val struct {
	Val string `xml:"w:val,attr"`
}

func v(s string) *val { return &val{Val: s} }

type document struct {
	XMLName xml.Name `xml:"w:document"`
	W       string   `xml:"xmlns:w,attr"`
	R       string   `xml:"xmlns:r,attr"`
	Body    body     `xml:"w:body"`
}

type body struct {
	Items []any  // *para and *table, in reading order
	Sect  sectPr `xml:"w:sectPr"`
}

type para struct {
	XMLName xml.Name `xml:"w:p"`
	PPr     *pPr     `xml:"w:pPr"`
	Items   []any    // *run and *fldSimple
}

type pPr struct {
	Style      *val     `xml:"w:pStyle"`
	KeepNext   *on      `xml:"w:keepNext"`
	KeepLines  *on      `xml:"w:keepLines"`
	Widow      *val     `xml:"w:widowControl"`
	AutoSpDE   *val     `xml:"w:autoSpaceDE"`
	AutoSpDN   *val     `xml:"w:autoSpaceDN"`
	SnapToGrid *val     `xml:"w:snapToGrid"`
	Spacing    *spacing `xml:"w:spacing"`
	Ind        *ind     `xml:"w:ind"`
	Jc         *val     `xml:"w:jc"`
	OutlineLvl *val     `xml:"w:outlineLvl"`
	RPr        *rPr     `xml:"w:rPr"`
}

// spacing is paragraph spacing in twips; Line with LineRule "exact" fixes the line pitch.
type spacing struct {
	Before   int    `xml:"w:before,attr,omitempty"`
	After    int    `xml:"w:after,attr,omitempty"`
	Line     int    `xml:"w:line,attr,omitempty"`
	LineRule string `xml:"w:lineRule,attr,omitempty"`
}

// ind is paragraph indentation: twips, and hundredths of a character (which Word prefers
// when present, so that indents follow the character grid).
type ind struct {
	Left           *int `xml:"w:left,attr"`
	LeftChars      *int `xml:"w:leftChars,attr"`
	Right          *int `xml:"w:right,attr"`
	RightChars     *int `xml:"w:rightChars,attr"`
	FirstLine      *int `xml:"w:firstLine,attr"`
	FirstLineChars *int `xml:"w:firstLineChars,attr"`
}

type rPr struct {
	Fonts      *fonts `xml:"w:rFonts"`
	B          *on    `xml:"w:b"`
	SnapToGrid *val   `xml:"w:snapToGrid"`
	Spacing    *val   `xml:"w:spacing"`
	Kern       *val   `xml:"w:kern"`
	Sz         *val   `xml:"w:sz"`
	SzCs       *val   `xml:"w:szCs"`
	Lang       *lang  `xml:"w:lang"`
}

type fonts struct {
	ASCII    string `xml:"w:ascii,attr,omitempty"`
	EastAsia string `xml:"w:eastAsia,attr,omitempty"`
	HAnsi    string `xml:"w:hAnsi,attr,omitempty"`
	CS       string `xml:"w:cs,attr,omitempty"`
	Hint     string `xml:"w:hint,attr,omitempty"`
}

type lang struct {
	Val      string `xml:"w:val,attr,omitempty"`
	EastAsia string `xml:"w:eastAsia,attr,omitempty"`
}

type run struct {
	XMLName xml.Name `xml:"w:r"`
	RPr     *rPr     `xml:"w:rPr"`
	Br      *on      `xml:"w:br"`
	T       *text    `xml:"w:t"`
}

type text struct {
	Space string `xml:"xml:space,attr,omitempty"`
	Text  string `xml:",chardata"`
}

// fldSimple is a field such as the page number (" PAGE ") with its last computed result.
type fldSimple struct {
	XMLName xml.Name `xml:"w:fldSimple"`
	Instr   string   `xml:"w:instr,attr"`
	Run     run      `xml:"w:r"`
}

type table struct {
	XMLName xml.Name  `xml:"w:tbl"`
	Pr      tblPr     `xml:"w:tblPr"`
	Grid    []gridCol `xml:"w:tblGrid>w:gridCol"`
	Rows    []row     `xml:"w:tr"`
}

type gridCol struct {
	W int `xml:"w:w,attr"`
}

// width is a measure in twips (Type "dxa").
type width struct {
	W    int    `xml:"w:w,attr"`
	Type string `xml:"w:type,attr"`
}

func dxa(n int) *width { return &width{W: n, Type: "dxa"} }

type tblPr struct {
	W       *width   `xml:"w:tblW"`
	Jc      *val     `xml:"w:jc"`
	Ind     *width   `xml:"w:tblInd"`
	Borders *borders `xml:"w:tblBorders"`
	Layout  *tblType `xml:"w:tblLayout"`
	CellMar *margins `xml:"w:tblCellMar"`
}

type tblType struct {
	Type string `xml:"w:type,attr"`
}

type border struct {
	Val   string `xml:"w:val,attr"`
	Sz    int    `xml:"w:sz,attr"`
	Space int    `xml:"w:space,attr"`
	Color string `xml:"w:color,attr"`
}

type borders struct {
	Top     *border `xml:"w:top"`
	Left    *border `xml:"w:left"`
	Bottom  *border `xml:"w:bottom"`
	Right   *border `xml:"w:right"`
	InsideH *border `xml:"w:insideH"`
	InsideV *border `xml:"w:insideV"`
}

type margins struct {
	Top    *width `xml:"w:top"`
	Left   *width `xml:"w:left"`
	Bottom *width `xml:"w:bottom"`
	Right  *width `xml:"w:right"`
}

type row struct {
	Pr    trPr   `xml:"w:trPr"`
	Cells []cell `xml:"w:tc"`
}

type trPr struct {
	CantSplit *on       `xml:"w:cantSplit"`
	Height    *trHeight `xml:"w:trHeight"`
	Header    *on       `xml:"w:tblHeader"`
}

type trHeight struct {
	Val  int    `xml:"w:val,attr"`
	Rule string `xml:"w:hRule,attr"`
}

type cell struct {
	Pr    tcPr   `xml:"w:tcPr"`
	Paras []para `xml:"w:p"`
}

type tcPr struct {
	W        *width  `xml:"w:tcW"`
	GridSpan *val    `xml:"w:gridSpan"`
	VMerge   *vMerge `xml:"w:vMerge"`
	VAlign   *val    `xml:"w:vAlign"`
}

// vMerge starts (Val "restart") or continues (Val "") a vertically merged cell.
type vMerge struct {
	Val string `xml:"w:val,attr,omitempty"`
}

type sectPr struct {
	Footers []footerRef `xml:"w:footerReference"`
	PgSz    pgSz        `xml:"w:pgSz"`
	PgMar   pgMar       `xml:"w:pgMar"`
	PgNum   *pgNum      `xml:"w:pgNumType"`
	Cols    *cols       `xml:"w:cols"`
	Grid    docGrid     `xml:"w:docGrid"`
}

type footerRef struct {
	Type string `xml:"w:type,attr"`
	ID   string `xml:"r:id,attr"`
}

type pgSz struct {
	W int `xml:"w:w,attr"`
	H int `xml:"w:h,attr"`
}

type pgMar struct {
	Top    int `xml:"w:top,attr"`
	Right  int `xml:"w:right,attr"`
	Bottom int `xml:"w:bottom,attr"`
	Left   int `xml:"w:left,attr"`
	Header int `xml:"w:header,attr"`
	Footer int `xml:"w:footer,attr"`
	Gutter int `xml:"w:gutter,attr"`
}

type pgNum struct {
	Fmt   string `xml:"w:fmt,attr"`
	Start int    `xml:"w:start,attr"`
}

type cols struct {
	Space int `xml:"w:space,attr"`
}

// docGrid is the document grid: LinePitch twips per line, and CharSpace, in 4096ths of a
// point, added to the default font size to give the character pitch.
type docGrid struct {
	Type      string `xml:"w:type,attr"`
	LinePitch int    `xml:"w:linePitch,attr"`
	CharSpace int    `xml:"w:charSpace,attr"`
}

type footer struct {
	XMLName xml.Name `xml:"w:ftr"`
	W       string   `xml:"xmlns:w,attr"`
	R       string   `xml:"xmlns:r,attr"`
	Paras   []para   `xml:"w:p"`
}
