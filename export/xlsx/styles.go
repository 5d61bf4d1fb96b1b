package xlsx

import (
	"strings"
	"time"

	"github.com/nianbao/nianbao/form"
	"github.com/xuri/excelize/v2"
)

// zeroTime leaves the save time out of the embedded draft, so output is reproducible.
var zeroTime time.Time

// styles are the cell style ids of one workbook.
type styles struct {
	b *builder

	title, subtitle, section           int
	heading, column, groupRow, leafRow int
	invalid                            int
	textTitle, textHeading, textPart   int
	body, signature                    int
	unitHead, unitCell, unitNum        int
	unitBad                            int
	values                             map[[2]int]int // kind, decimals → style
}

var thin = []excelize.Border{
	{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
	{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
}

func newStyles(b *builder) styles {
	s := styles{b: b, values: map[[2]int]int{}}
	font := func(family string, size float64, bold bool) *excelize.Font {
		return &excelize.Font{Family: family, Size: size, Bold: bold}
	}
	al := func(h string, wrap bool) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "center", WrapText: wrap}
	}
	s.title = s.add(&excelize.Style{Font: font(fontTable, 16, true), Alignment: al("center", true)})
	s.subtitle = s.add(&excelize.Style{Font: font(fontTable, 10, false), Alignment: al("center", true)})
	s.section = s.add(&excelize.Style{Font: font(fontHeading, 12, false), Alignment: al("left", false)})
	s.heading = s.add(&excelize.Style{Border: thin, Font: font(fontTable, 10, true), Alignment: al("center", true)})
	s.column = s.add(&excelize.Style{Border: thin, Font: font(fontTable, 10, false), Alignment: al("center", true)})
	s.groupRow = s.column
	s.leafRow = s.add(&excelize.Style{Border: thin, Font: font(fontTable, 10, false),
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true, Indent: 1}})
	s.invalid = s.add(&excelize.Style{Border: thin, Font: &excelize.Font{Family: fontTable, Size: 10, Color: "9C0006"},
		Alignment: al("center", true), Protection: &excelize.Protection{Locked: false},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
	s.textTitle = s.add(&excelize.Style{Font: font(fontTable, 18, true), Alignment: al("center", true)})
	s.textHeading = s.add(&excelize.Style{Font: font(fontHeading, 14, false), Alignment: al("left", true)})
	s.textPart = s.add(&excelize.Style{Font: font(fontPart, 14, false), Alignment: al("left", true)})
	s.body = s.add(&excelize.Style{Font: font(fontBody, 12, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}})
	s.signature = s.add(&excelize.Style{Font: font(fontBody, 12, false), Alignment: al("right", false)})
	s.unitHead = s.add(&excelize.Style{Border: thin, Font: font(fontTable, 10, true), Alignment: al("center", true),
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}})
	s.unitCell = s.add(&excelize.Style{Border: thin, Font: font(fontTable, 10, false), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.unitNum = s.add(&excelize.Style{Border: thin, Font: font(fontTable, 10, false), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	s.unitBad = s.add(&excelize.Style{Border: thin, Font: &excelize.Font{Family: fontTable, Size: 10, Color: "9C0006"},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}})
	return s
}

func (s *styles) add(st *excelize.Style) int {
	id, err := s.b.f.NewStyle(st)
	s.b.do(err)
	return id
}

// label is the style of a label span.
func (s *styles) label(sp form.Span) int {
	switch sp.Role {
	case form.RoleHeading:
		return s.heading
	case form.RoleRow:
		if sp.RowSpan > 1 {
			return s.groupRow
		}
		return s.leafRow
	}
	return s.column
}

// value is the style of an editable number cell of kind k showing dec decimals.
func (s *styles) value(k form.Kind, dec int) int {
	key := [2]int{int(k), dec}
	if id, ok := s.values[key]; ok {
		return id
	}
	st := &excelize.Style{Border: thin, Font: &excelize.Font{Family: fontTable, Size: 10},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Protection: &excelize.Protection{Locked: false}}
	var fmtCode string
	switch k {
	case form.Count:
		st.NumFmt = 1 // "0"
	case form.Change:
		fmtCode = "+0;-0;0"
	case form.Amount:
		fmtCode = "0." + strings.Repeat("0", dec)
	}
	if fmtCode != "" {
		st.CustomNumFmt = &fmtCode
	}
	id := s.add(st)
	s.values[key] = id
	return id
}
