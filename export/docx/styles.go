package docx

import (
	"encoding/xml"
	"math"
)

// Page geometry of GB/T 9704-2012 §5.2 in twips (1/1440 inch): A4, 天头 37 mm, 订口 28 mm,
// a 156 × 225 mm text area of 22 lines × 28 characters.
var (
	pageW        = mm(210)
	pageH        = mm(297)
	marginTop    = mm(37)
	marginBottom = mm(35)
	marginLeft   = mm(28)
	marginRight  = mm(26)
	textW        = pageW - marginLeft - marginRight // 8845
	textH        = pageH - marginTop - marginBottom // 12756
	// linePitch is the body line pitch, rounded down so that 22 lines fit (579 ≈ 28.95 pt).
	linePitch = textH / linesPerPage
	// charPitch is the body character pitch in twips (≈ 315.9).
	charPitch = float64(textW) / charsPerLine
	// footerDist puts the page number's line 7 mm below the text area (GB/T 9704 §7.5).
	footerDist = mm(23)
)

const (
	linesPerPage = 22
	charsPerLine = 28

	// Font sizes in half-points (号 sizes).
	sizeTitle   = 44 // 二号 22 pt
	sizeBody    = 32 // 三号 16 pt
	sizePageNum = 28 // 四号 14 pt
	sizeTable   = 21 // 五号 10.5 pt

	// titlePitch is the title's line pitch: a body line and 1.5 mm, as in the PDF.
	titlePitch = 665
	// tableLine is the exact line pitch inside tables, 12 pt for the 10.5 pt text.
	tableLine = 240
	// rowMin is the least height of a table row, 5.5 mm.
	rowMin = 312
	// cellPad is the left and right cell margin, 1 mm.
	cellPad = 57
)

// mm converts millimetres to twips.
func mm(x float64) int { return int(math.Round(x * 1440 / 25.4)) }

// The character pitch. A GB/T 9704 line holds 28 三号 characters on a 15.8 pt pitch, a
// little less than the 16 pt character. Word templates get it from a "lines and characters"
// grid with a negative charSpace, but LibreOffice gives every 16 pt character two 15.8 pt
// grid cells there (18 characters a line, measured with LibreOffice 7.4). So the grid is a
// line grid, and the characters of the body styles are set 0.25 pt closer (letterSpacing,
// in twentieths of a point): 28 characters a line in Word, WPS and LibreOffice alike. The
// grid keeps the charSpace that gives 28 characters, for a user who switches Word's page
// setup to a character grid.
const letterSpacing = -5

// charSpace is the docGrid character spacing: the grid pitch minus the 三号 default size,
// in 4096ths of a point, so that 28 body characters fill a line (≈ -841).
func charSpace() int {
	return int(math.Round((charPitch/20 - sizeBody/2.0) * 4096))
}

// chars returns n characters of the body grid as twips and as hundredths of a character.
func chars(n float64) (twips, hundredths *int) {
	t, h := int(math.Round(n*charPitch)), int(math.Round(n*100))
	return &t, &h
}

// face is a typeface the document names, with what Word and WPS need to substitute it on a
// PC that lacks it.
type face struct {
	// Name is the name the document uses.
	Name string
	// Alt is the installed font Word uses instead (w:altName): the font of the same
	// style that every Chinese Windows (and WPS on 统信 UOS / 麒麟) has.
	Alt string
	// Panose is the PANOSE-1 classification (10 bytes, hex): with the charset it lets
	// Word pick the closest installed font when even Alt is missing.
	Panose string
	// Charset is 86 (GB2312) for the Chinese faces, so that a substitute covers Chinese.
	Charset string
	// Family and Pitch are the Windows font family and pitch.
	Family, Pitch string
	// Sig is the Unicode and code page coverage (usb0-3, csb0-1).
	Sig [6]string
}

// Typefaces. GB/T 9704 prescribes 小标宋 for the title, 仿宋_GB2312 for the body, 黑体 and
// 楷体_GB2312 for the headings; government PCs have them because WPS and the 公文 tool kits
// install them. Plain Windows has only 宋体, 仿宋, 黑体 and 楷体 (without _GB2312 since
// Vista), so those are the alternates: Word uses w:altName when the named font is missing,
// WPS maps the _GB2312 names to the same fonts, and LibreOffice substitutes by the zh-CN
// language tag with fontconfig. The title falls back to 宋体, the nearest serif every PC has.
var (
	faceTitle   = face{"方正小标宋简体", "宋体", "02000000000000000000", "86", "auto", "variable", gbSig}
	faceBody    = face{"仿宋_GB2312", "仿宋", "02010609030101010101", "86", "modern", "fixed", gbSig}
	faceHeading = face{"黑体", "SimHei", "02010609060101010101", "86", "modern", "fixed", cjkSig}
	faceKai     = face{"楷体_GB2312", "楷体", "02010609030101010101", "86", "modern", "fixed", gbSig}
	faceSong    = face{"宋体", "SimSun", "02010600030101010101", "86", "auto", "variable", cjkSig}
	faceLatin   = face{"Times New Roman", "", "02020603050405020304", "00", "roman", "variable",
		[6]string{"E0002EFF", "C000785B", "00000009", "00000000", "000001FF", "00000000"}}

	// gbSig covers Basic Latin and GB2312; cjkSig the full CJK repertoire of SimSun/SimHei.
	gbSig  = [6]string{"00000001", "080E0000", "00000000", "00000000", "00040000", "00000000"}
	cjkSig = [6]string{"00000003", "288F0000", "00000016", "00000000", "00040001", "00000000"}

	faces = []face{faceTitle, faceBody, faceHeading, faceKai, faceSong, faceLatin}
)

// Style ids, referenced by the paragraphs.
const (
	styleNormal    = "Normal"
	styleTitle     = "Title"
	styleHeading1  = "Heading1"
	styleHeading2  = "Heading2"
	styleTableText = "TableText"
	styleSignature = "Signature"
	styleFooter    = "Footer"
)

// styles declares every paragraph style: body text is the Normal style (Word's 正文), so
// that text the reviewers add in Word looks like the rest.
func styles() *styleSheet {
	firstLine, firstLineChars := chars(2)
	zero := 0
	exact := &spacing{Line: linePitch, LineRule: "exact"}
	s := &styleSheet{
		W: nsW,
		Defaults: docDefaults{
			RPr: rPr{Fonts: fontsOf(faceBody, faceLatin), Kern: v("0"), Sz: v(itoa(sizeBody)), SzCs: v(itoa(sizeBody)),
				Lang: &lang{Val: "en-US", EastAsia: "zh-CN"}},
			// No extra space between Chinese and digits ("2026年1月20日" as in the PDF), so
			// that lines hold 28 characters and the 落款 sits where it is placed.
			PPr: pPr{Widow: v("1"), AutoSpDE: v("0"), AutoSpDN: v("0")},
		},
	}
	add := func(id, name string, def bool, p pPr, r rPr) {
		st := style{Type: "paragraph", ID: id, Name: v(name), QFormat: &on{}, PPr: &p, RPr: &r}
		if def {
			st.Default = "1"
		} else {
			st.BasedOn = v(styleNormal)
			st.Next = v(styleNormal)
		}
		s.Styles = append(s.Styles, st)
	}
	add(styleNormal, "Normal", true,
		pPr{Spacing: exact, Ind: &ind{FirstLine: firstLine, FirstLineChars: firstLineChars}, Jc: v("both")},
		rPr{Fonts: fontsOf(faceBody, faceLatin), Spacing: v(itoa(letterSpacing)), Sz: v(itoa(sizeBody)), SzCs: v(itoa(sizeBody))})
	add(styleTitle, "Title", false,
		pPr{SnapToGrid: v("0"), Spacing: &spacing{After: linePitch, Line: titlePitch, LineRule: "exact"},
			Ind: &ind{FirstLine: &zero, FirstLineChars: &zero}, Jc: v("center")},
		rPr{Fonts: fontsOf(faceTitle, faceTitle), Spacing: v("0"), Sz: v(itoa(sizeTitle)), SzCs: v(itoa(sizeTitle))})
	add(styleHeading1, "heading 1", false,
		pPr{KeepNext: &on{}, Jc: v("left"), OutlineLvl: v("0")},
		rPr{Fonts: fontsOf(faceHeading, faceHeading)})
	add(styleHeading2, "heading 2", false,
		pPr{KeepNext: &on{}, Jc: v("left"), OutlineLvl: v("1")},
		rPr{Fonts: fontsOf(faceKai, faceKai)})
	add(styleTableText, "Table Text", false,
		pPr{SnapToGrid: v("0"), Spacing: &spacing{Line: tableLine, LineRule: "exact"},
			Ind: &ind{FirstLine: &zero, FirstLineChars: &zero}, Jc: v("center")},
		rPr{Spacing: v("0"), Sz: v(itoa(sizeTable)), SzCs: v(itoa(sizeTable))})
	add(styleSignature, "Signature", false,
		pPr{Ind: &ind{FirstLine: &zero, FirstLineChars: &zero}, Jc: v("right")}, rPr{})
	add(styleFooter, "footer", false,
		pPr{SnapToGrid: v("0"), Spacing: &spacing{Line: sizePageNum * 10, LineRule: "exact"},
			Ind: &ind{FirstLine: &zero, FirstLineChars: &zero}},
		rPr{Fonts: fontsOf(faceSong, faceSong), Spacing: v("0"), Sz: v(itoa(sizePageNum)), SzCs: v(itoa(sizePageNum))})
	return s
}

// fontsOf names the East Asian face and the face for Latin letters and digits.
func fontsOf(eastAsia, latin face) *fonts {
	return &fonts{ASCII: latin.Name, EastAsia: eastAsia.Name, HAnsi: latin.Name, CS: latin.Name}
}

type styleSheet struct {
	XMLName  xml.Name    `xml:"w:styles"`
	W        string      `xml:"xmlns:w,attr"`
	Defaults docDefaults `xml:"w:docDefaults"`
	Styles   []style     `xml:"w:style"`
}

type docDefaults struct {
	RPr rPr `xml:"w:rPrDefault>w:rPr"`
	PPr pPr `xml:"w:pPrDefault>w:pPr"`
}

type style struct {
	Type    string `xml:"w:type,attr"`
	Default string `xml:"w:default,attr,omitempty"`
	ID      string `xml:"w:styleId,attr"`
	Name    *val   `xml:"w:name"`
	BasedOn *val   `xml:"w:basedOn"`
	Next    *val   `xml:"w:next"`
	QFormat *on    `xml:"w:qFormat"`
	PPr     *pPr   `xml:"w:pPr"`
	RPr     *rPr   `xml:"w:rPr"`
}

type fontTable struct {
	XMLName xml.Name   `xml:"w:fonts"`
	W       string     `xml:"xmlns:w,attr"`
	Fonts   []fontDecl `xml:"w:font"`
}

type fontDecl struct {
	Name    string `xml:"w:name,attr"`
	Alt     *val   `xml:"w:altName"`
	Panose  *val   `xml:"w:panose1"`
	Charset *val   `xml:"w:charset"`
	Family  *val   `xml:"w:family"`
	Pitch   *val   `xml:"w:pitch"`
	Sig     *sig   `xml:"w:sig"`
}

type sig struct {
	USB0 string `xml:"w:usb0,attr"`
	USB1 string `xml:"w:usb1,attr"`
	USB2 string `xml:"w:usb2,attr"`
	USB3 string `xml:"w:usb3,attr"`
	CSB0 string `xml:"w:csb0,attr"`
	CSB1 string `xml:"w:csb1,attr"`
}

func fontTableOf(fs []face) *fontTable {
	t := &fontTable{W: nsW}
	for _, f := range fs {
		d := fontDecl{Name: f.Name, Panose: v(f.Panose), Charset: v(f.Charset), Family: v(f.Family), Pitch: v(f.Pitch),
			Sig: &sig{f.Sig[0], f.Sig[1], f.Sig[2], f.Sig[3], f.Sig[4], f.Sig[5]}}
		if f.Alt != "" {
			d.Alt = v(f.Alt)
		}
		t.Fonts = append(t.Fonts, d)
	}
	return t
}

// settings are the document settings: different odd and even footers (page numbers right
// and left), full-width punctuation (not compressed, so that a line holds 28 characters),
// Word 2013+ layout.
type settings struct {
	XMLName     xml.Name `xml:"w:settings"`
	W           string   `xml:"xmlns:w,attr"`
	Zoom        zoom     `xml:"w:zoom"`
	TabStop     *val     `xml:"w:defaultTabStop"`
	EvenOdd     *on      `xml:"w:evenAndOddHeaders"`
	CharSpacing *val     `xml:"w:characterSpacingControl"`
	Compat      compat   `xml:"w:compat"`
	ThemeLang   *lang    `xml:"w:themeFontLang"`
	Decimal     *val     `xml:"w:decimalSymbol"`
	ListSep     *val     `xml:"w:listSeparator"`
}

type zoom struct {
	Percent int `xml:"w:percent,attr"`
}

type compat struct {
	Settings []compatSetting `xml:"w:compatSetting"`
}

type compatSetting struct {
	Name string `xml:"w:name,attr"`
	URI  string `xml:"w:uri,attr"`
	Val  string `xml:"w:val,attr"`
}

func documentSettings(evenOdd bool) *settings {
	s := &settings{
		W: nsW, Zoom: zoom{Percent: 100}, TabStop: v("420"), CharSpacing: v("doNotCompress"),
		Compat:    compat{Settings: []compatSetting{{Name: "compatibilityMode", URI: "http://schemas.microsoft.com/office/word", Val: "15"}}},
		ThemeLang: &lang{Val: "en-US", EastAsia: "zh-CN"}, Decimal: v("."), ListSep: v(","),
	}
	if evenOdd {
		s.EvenOdd = &on{}
	}
	return s
}
