// Package pdf typesets Chinese official documents on gofpdf following
// GB/T 9704-2012 (党政机关公文格式): A4, a 156 × 225 mm text area with 22
// lines of 28 characters, a 2号 title, 3号 body text, 一、/（一） headings,
// 4号 page numbers and a signature block, plus bordered tables.
//
// It avoids gofpdf's MultiCell/SplitText, which lose characters at line
// breaks in Chinese text: lines are broken by its own breaker with
// 避头尾 rules and justified glyph by glyph.
package pdf

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/jung-kurt/gofpdf"
	"github.com/nianbao/nianbao/assets"
)

// Page geometry in millimetres (GB/T 9704-2012 §5.2).
const (
	// PageWidth is the A4 page width.
	PageWidth = 210.0
	// PageHeight is the A4 page height.
	PageHeight = 297.0
	// MarginTop is the distance from the page top to the text area (天头).
	MarginTop = 37.0
	// MarginLeft is the distance from the left edge to the text area (订口).
	MarginLeft = 28.0
	// TextWidth is the width of the text area (版心).
	TextWidth = 156.0
	// TextHeight is the height of the text area.
	TextHeight = 225.0
	// LinesPerPage is the number of body lines per page.
	LinesPerPage = 22
	// CharsPerLine is the number of body characters per line.
	CharsPerLine = 28
	// LinePitch is the body line pitch, 225/22 mm.
	LinePitch = TextHeight / LinesPerPage
	// CharPitch is the body character pitch, 156/28 mm.
	CharPitch = TextWidth / CharsPerLine
)

// Font sizes in points (号 sizes).
const (
	// TitleSize is 二号, the title size.
	TitleSize = 22.0
	// BodySize is 三号, the size of body text and headings.
	BodySize = 16.0
	// PageNumSize is 四号, the page-number size.
	PageNumSize = 14.0
	// TableSize is 五号, the default table text size.
	TableSize = 10.5

	pageNumBelow = 7.0 // mm between the text area and the page number
)

// replacementRune is drawn in place of characters no font can print.
const replacementRune = '□'

// Options configures a document.
type Options struct {
	// Title, Author and Subject are written to the PDF metadata.
	Title, Author, Subject string
	// Creator is the metadata creator; "年报助手" when empty.
	Creator string
	// CreationDate fixes the creation and modification dates (for
	// reproducible output); the current time when zero.
	CreationDate time.Time
	// CenterPageNumbers centres page numbers instead of placing odd pages
	// right and even pages left.
	CenterPageNumbers bool
	// FontOverrides maps roles to .ttf files chosen by the user.
	FontOverrides map[assets.Role]string
	// BundledFontsOnly ignores installed system fonts (overrides still apply).
	BundledFontsOnly bool
}

// Stats reports what the typesetter had to substitute.
type Stats struct {
	// Replaced counts characters drawn as "□" because no font has them
	// (including every character outside the Basic Multilingual Plane).
	Replaced int
	// ReplacedRunes lists the distinct replaced characters in order of
	// first appearance.
	ReplacedRunes []rune
	// Fallback counts characters drawn with the body font (or, when the
	// body font is a system or user font, the bundled body font) because
	// the role's own font lacks them (e.g. 喆 in a 楷体 heading).
	Fallback int
}

// loadedFont is a resolved font with parsed metrics, shared by documents.
type loadedFont struct {
	name string
	data []byte
	m    *metrics
}

var (
	fontCacheMu sync.Mutex
	fontCache   = map[string]*loadedFont{}
)

// fallbackRole keys the bundled body font in Doc.fonts when the body role
// uses another (system or user) font: it is the last resort before "□".
const fallbackRole assets.Role = -1

// pdfRoles are the roles the PDF uses.
var pdfRoles = []assets.Role{assets.Title, assets.Body, assets.Heading, assets.Kai}

// loadFont resolves and parses the font for role r, caching the result.
// A user override or system font that cannot be parsed falls back to the
// bundled font.
func loadFont(r assets.Role, opt *Options) (*loadedFont, error) {
	key := fmt.Sprintf("%d|%v|%s", r, opt.BundledFontsOnly, opt.FontOverrides[r])
	fontCacheMu.Lock()
	defer fontCacheMu.Unlock()
	if f, ok := fontCache[key]; ok {
		return f, nil
	}
	var (
		name string
		data []byte
		err  error
	)
	if opt.BundledFontsOnly && opt.FontOverrides[r] == "" {
		name, data = assets.BundledName(r), assets.Font(r)
	} else if name, data, err = assets.Resolve(r, opt.FontOverrides); err != nil {
		return nil, err
	}
	m, err := parseMetrics(data)
	if err != nil {
		if opt.FontOverrides[r] != "" {
			return nil, fmt.Errorf("字体文件 %s 无法使用：%w", name, err)
		}
		name, data = assets.BundledName(r), assets.Font(r)
		if m, err = parseMetrics(data); err != nil {
			return nil, err
		}
	}
	f := &loadedFont{name: name, data: data, m: m}
	fontCache[key] = f
	return f, nil
}

// docFont is a font as used in one document.
type docFont struct {
	*loadedFont
	family     string
	registered bool
	halfReg    bool // the half-width copy (family+"h") is registered
}

// Doc is a document being typeset. Create it with New, add content in
// reading order, then call Output. Methods do nothing once an error has
// occurred; Output reports it. A Doc is not safe for concurrent use, but
// separate Docs may be built concurrently (they share only read-only
// font data).
type Doc struct {
	pdf   *gofpdf.Fpdf
	opt   Options
	fonts map[assets.Role]*docFont
	y     float64 // top of the next line box, mm
	page  int
	stats Stats
	seen  map[rune]bool
	err   error

	curFamily string
	curSize   float64

	pending   []func() // kept-with-next headings, drawn by flush
	pendingH  float64
	bodyTrack float64 // width factor making 28 body characters fill a line
}

// New starts a document.
func New(opt Options) (*Doc, error) {
	d := &Doc{opt: opt, fonts: map[assets.Role]*docFont{}, seen: map[rune]bool{}}
	for _, r := range pdfRoles {
		lf, err := loadFont(r, &d.opt)
		if err != nil {
			return nil, err
		}
		d.fonts[r] = &docFont{loadedFont: lf, family: "f" + r.String()}
	}
	if body := d.fonts[assets.Body]; body.name != assets.BundledName(assets.Body) {
		lf, err := loadFont(assets.Body, &Options{BundledFontsOnly: true})
		if err != nil {
			return nil, err
		}
		d.fonts[fallbackRole] = &docFont{loadedFont: lf, family: "ffallback"}
	}
	p := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: gofpdf.SizeType{Wd: PageWidth, Ht: PageHeight}})
	p.SetMargins(MarginLeft, MarginTop, PageWidth-MarginLeft-TextWidth)
	p.SetAutoPageBreak(false, 0)
	p.SetCatalogSort(true)
	date := opt.CreationDate
	if date.IsZero() {
		date = time.Now()
	}
	p.SetCreationDate(date)
	p.SetModificationDate(date)
	creator := opt.Creator
	if creator == "" {
		creator = "年报助手"
	}
	p.SetCreator(creator, true)
	p.SetProducer("年报助手 (gofpdf)", true)
	if opt.Title != "" {
		p.SetTitle(opt.Title, true)
	}
	if opt.Author != "" {
		p.SetAuthor(opt.Author, true)
	}
	if opt.Subject != "" {
		p.SetSubject(opt.Subject, true)
	}
	p.SetFooterFunc(d.drawPageNumber)
	d.pdf = p
	em := d.fonts[assets.Body].m.advance('中')
	if em <= 0 {
		em = 1
	}
	d.bodyTrack = math.Min(1, CharPitch/(em*ptToMM(BodySize)))
	d.newPage()
	return d, nil
}

func ptToMM(pt float64) float64 { return pt * 25.4 / 72 }

// Stats returns the substitutions made so far.
func (d *Doc) Stats() Stats { return d.stats }

// Err returns the first error encountered, if any.
func (d *Doc) Err() error {
	if d.err != nil {
		return d.err
	}
	return d.pdf.Error()
}

// PageCount returns the number of pages so far.
func (d *Doc) PageCount() int { return d.page }

// Output flushes pending content and writes the PDF to w.
func (d *Doc) Output(w io.Writer) error {
	d.flush(0)
	if err := d.Err(); err != nil {
		return err
	}
	return d.pdf.Output(w)
}

func (d *Doc) bottom() float64 { return MarginTop + TextHeight }

func (d *Doc) newPage() {
	d.pdf.AddPage()
	d.page++
	d.y = MarginTop
	d.curFamily = "" // gofpdf restores fonts around the footer; be safe
}

// ensure starts a new page unless h mm fit below the current position.
func (d *Doc) ensure(h float64) {
	if d.y+h > d.bottom()+1e-6 && d.y > MarginTop+1e-6 {
		d.newPage()
	}
}

func (d *Doc) setFont(r assets.Role, size float64) {
	f := d.fonts[r]
	if !f.registered {
		// gofpdf writes into the font bytes it is given (utf8FontFile.getMetrics appends
		// to a slice of them), so each document gets its own copy of the shared data.
		d.pdf.AddUTF8FontFromBytes(f.family, "", bytes.Clone(f.data))
		f.registered = true
	}
	if d.curFamily != f.family || d.curSize != size {
		d.pdf.SetFont(f.family, "", size)
		d.curFamily, d.curSize = f.family, size
	}
}

// setFontFor selects the font that draws rune i of rn: its role's font, or the role's
// half-width copy (see halfFont) for a mark compressPunct narrowed.
func (d *Doc) setFontFor(rn run, i int) {
	r, f := rn.rs[i], d.fonts[rn.roles[i]]
	natural := f.m.advance(r) * ptToMM(rn.size)
	if !isMark(r) || rn.w[i] > 0.75*natural {
		d.setFont(rn.roles[i], rn.size)
		return
	}
	h := f.half()
	if !h.runes[r] {
		d.setFont(rn.roles[i], rn.size)
		return
	}
	family := f.family + "h"
	if !f.halfReg {
		d.pdf.AddUTF8FontFromBytes(family, "", bytes.Clone(h.data))
		f.halfReg = true
	}
	if d.curFamily != family || d.curSize != rn.size {
		d.pdf.SetFont(family, "", rn.size)
		d.curFamily, d.curSize = family, rn.size
	}
}

// run is text prepared for layout: each rune with the font that draws it
// and its width in mm.
type run struct {
	rs    []rune
	roles []assets.Role
	w     []float64
	size  float64
}

// prepare maps text to drawable runes for role at size: characters the
// role's font lacks come from the body font or the bundled body font,
// characters no font has (and
// everything outside the BMP, which gofpdf cannot embed) become "□".
// Format characters are dropped, tabs become spaces. track scales widths.
func (d *Doc) prepare(text string, role assets.Role, size, track float64) run {
	rn := run{size: size}
	mm := ptToMM(size)
	body := d.fonts[assets.Body].m
	for _, r := range text {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			r = ' '
		case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Mn, r) && r >= 0xFE00 && r <= 0xFE0F, unicode.IsControl(r):
			continue
		}
		ro := role
		switch {
		case r <= 0xFFFF && d.fonts[role].m.has(r):
		case r <= 0xFFFF && body.has(r):
			ro = assets.Body
			d.stats.Fallback++
		case r <= 0xFFFF && d.fonts[fallbackRole] != nil && d.fonts[fallbackRole].m.has(r):
			ro = fallbackRole
			d.stats.Fallback++
		default:
			d.stats.Replaced++
			if !d.seen[r] {
				d.seen[r] = true
				d.stats.ReplacedRunes = append(d.stats.ReplacedRunes, r)
			}
			r, ro = replacementRune, assets.Body
			if fb := d.fonts[fallbackRole]; !body.has(r) && fb != nil && fb.m.has(r) {
				ro = fallbackRole
			} else if !body.has(r) {
				r = '?'
			}
		}
		rn.rs = append(rn.rs, r)
		rn.roles = append(rn.roles, ro)
		rn.w = append(rn.w, d.fonts[ro].m.advance(r)*mm*track)
	}
	compressPunct(rn.rs, rn.w, mm*track)
	return rn
}

// Full-width punctuation whose ink sits in the left half (blank right)
// and in the right half (blank left) of the em box.
const (
	inkLeft  = "，。、；：？！）》」』】〕〗〙〛〉”’"
	inkRight = "（《「『【〔〖〘〚〈“‘"
)

// compressPunct halves the advance of a full-width punctuation mark
// followed by another whose blank half faces it (标点挤压), e.g. "》）",
// "。”", "）（", "（《", so that adjacent marks do not leave a full em of
// white space. em is the full-width advance in mm.
func compressPunct(rs []rune, w []float64, em float64) {
	for i := 0; i+1 < len(rs); i++ {
		a, b := rs[i], rs[i+1]
		if w[i] < 0.9*em || w[i+1] < 0.9*em {
			continue
		}
		switch {
		case strings.ContainsRune(inkLeft, a) && (strings.ContainsRune(inkLeft, b) || strings.ContainsRune(inkRight, b)):
			w[i] /= 2
		case strings.ContainsRune(inkRight, a) && strings.ContainsRune(inkRight, b):
			w[i] /= 2
		}
	}
}

// drawLine draws runes [l.start, l.end) of rn with the baseline at y,
// starting at x. If justify is set and the line is not the last of its
// paragraph, extra space is spread between units so the line spans width.
func (d *Doc) drawLine(rn run, l line, x, y, width float64, justify bool) {
	if l.end <= l.start {
		return
	}
	// unit boundaries within the line
	seg := rn.rs[l.start:l.end]
	units := unitsOf(seg)
	gap := 0.0
	if justify && !l.last && len(units) > 2 {
		// trailing spaces are not stretched
		n := len(units) - 2
		gap = (width - l.width) / float64(n)
	}
	for k := 0; k+1 < len(units); k++ {
		for i := l.start + units[k]; i < l.start+units[k+1]; i++ {
			if rn.rs[i] != ' ' {
				d.setFontFor(rn, i)
				d.pdf.Text(x, y, string(rn.rs[i]))
			}
			x += rn.w[i]
		}
		x += gap
	}
}

// baseline returns the baseline of text of size pt centred in a line box
// of height h starting at top: the CJK em box spans 0.88 em above and
// 0.12 em below the baseline.
func baseline(top, h, size float64) float64 {
	return top + h/2 + 0.38*ptToMM(size)
}

// flush draws pending kept-with-next headings, first making sure they and
// next mm of what follows fit on the page.
func (d *Doc) flush(next float64) {
	if len(d.pending) == 0 {
		return
	}
	d.ensure(d.pendingH + next)
	p := d.pending
	d.pending, d.pendingH = nil, 0
	for _, f := range p {
		f()
	}
}

// block lays out a paragraph-like block: lines of rn justified in the text
// area, first line indented by indent mm.
func (d *Doc) block(rn run, indent float64, lineH float64, lines []line, justify, keepWithNext bool) {
	draw := func() {
		for i, l := range lines {
			d.ensure(lineH)
			x, w := float64(MarginLeft), float64(TextWidth)
			if i == 0 {
				x, w = x+indent, w-indent
			}
			d.drawLine(rn, l, x, baseline(d.y, lineH, rn.size), w, justify)
			d.y += lineH
		}
	}
	if keepWithNext {
		d.pending = append(d.pending, draw)
		d.pendingH += lineH * float64(len(lines))
		return
	}
	d.flush(lineH)
	draw()
}

func (d *Doc) squeeze(rn run) float64 { return 0.5 * ptToMM(rn.size) * d.bodyTrack }

// Paragraph adds body text (仿宋 role, 三号), first line indented two
// characters, justified. Each "\n"-separated part is its own paragraph.
func (d *Doc) Paragraph(text string) {
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		d.textBlock(p, assets.Body, false)
	}
}

// Heading1 adds a level-1 heading such as "一、总体情况" (黑体 role, 三号),
// indented two characters and kept on the page of the following line.
func (d *Doc) Heading1(text string) { d.textBlock(text, assets.Heading, true) }

// Heading2 adds a level-2 heading such as "（一）主动公开情况" (楷体 role,
// 三号), indented two characters and kept with the following line.
func (d *Doc) Heading2(text string) { d.textBlock(text, assets.Kai, true) }

func (d *Doc) textBlock(text string, role assets.Role, keep bool) {
	if d.Err() != nil {
		return
	}
	rn := d.prepare(text, role, BodySize, d.bodyTrack)
	indent := 2 * CharPitch
	lines := breakLines(rn.rs, rn.w, TextWidth, indent, d.squeeze(rn))
	if len(lines) == 0 {
		if !keep {
			d.flush(LinePitch)
			d.ensure(LinePitch)
			d.y += LinePitch // an empty paragraph is a blank line
		}
		return
	}
	// Headings (keep) are left-aligned, never justified.
	d.block(rn, indent, LinePitch, lines, !keep, keep)
}

// Space adds h mm of vertical space (nothing at the top of a page).
func (d *Doc) Space(h float64) {
	if d.y > MarginTop+1e-6 {
		d.y = math.Min(d.y+h, d.bottom())
	}
}

// BlankLine adds an empty body line.
func (d *Doc) BlankLine() {
	d.flush(LinePitch)
	d.ensure(LinePitch)
	d.y += LinePitch
}

// titleLineHeight is the line pitch of the 二号 title.
const titleLineHeight = LinePitch + 1.5

// Title adds the document title (小标宋 role, 二号) centred, broken into
// balanced lines at natural points; "\n" in text marks preferred breaks.
// A blank line follows it.
func (d *Doc) Title(text string) {
	if d.Err() != nil {
		return
	}
	soft := map[int]bool{}
	var b strings.Builder
	n := 0
	for _, r := range text {
		if r == '\n' {
			soft[n] = true
			continue
		}
		b.WriteRune(r)
		n++
	}
	rn := d.prepare(b.String(), assets.Title, TitleSize, 1)
	if len(rn.rs) != n { // dropped format characters shift indexes
		soft = nil
	}
	lines := balanceTitle(rn.rs, rn.w, TextWidth, soft)
	d.flush(0)
	d.ensure(titleLineHeight * float64(len(lines)))
	for _, l := range lines {
		x := MarginLeft + (TextWidth-l.width)/2
		d.drawLine(rn, l, x, baseline(d.y, titleLineHeight, TitleSize), l.width, false)
		d.y += titleLineHeight
	}
	d.y += LinePitch
}

// Signature adds the signature block at the right (GB/T 9704 §7.3.5.3,
// unsealed): a blank line, the agency name two characters from the right
// edge, and the date on the next line starting two characters further
// right; if the date is the longer, it takes the two-character right space.
func (d *Doc) Signature(agency, date string) {
	if d.Err() != nil {
		return
	}
	a := d.prepare(agency, assets.Body, BodySize, d.bodyTrack)
	t := d.prepare(date, assets.Body, BodySize, d.bodyTrack)
	aw, tw := sumWidths(a.w, 0, len(a.w)), sumWidths(t.w, 0, len(t.w))
	start, dateX := signatureX(aw, tw)
	d.flush(0)
	d.ensure(3 * LinePitch)
	d.y += LinePitch
	if len(a.rs) > 0 {
		d.drawLine(a, line{0, len(a.rs), aw, true}, start, baseline(d.y, LinePitch, BodySize), aw, false)
		d.y += LinePitch
	}
	if len(t.rs) > 0 {
		d.drawLine(t, line{0, len(t.rs), tw, true}, dateX, baseline(d.y, LinePitch, BodySize), tw, false)
		d.y += LinePitch
	}
}

// signatureX returns where the agency name (width aw) and the date (width
// tw) start: the name two characters from the right edge and the date two
// characters right of the name's start, or, if the date is the longer,
// the date two characters from the right edge and the name two characters
// left of it; never left of the text area.
func signatureX(aw, tw float64) (agencyX, dateX float64) {
	right := MarginLeft + TextWidth - 2*CharPitch
	agencyX = math.Max(math.Min(right-aw, right-tw-2*CharPitch), MarginLeft)
	return agencyX, math.Min(agencyX+2*CharPitch, math.Max(right-tw, MarginLeft))
}

// drawPageNumber is the gofpdf footer: "— N —" in 四号, 7 mm below the
// text area, odd pages right and even pages left with one character of
// space (or centred).
func (d *Doc) drawPageNumber() {
	n := d.pdf.PageNo()
	rn := d.prepare(fmt.Sprintf("— %d —", n), assets.Body, PageNumSize, 1)
	w := sumWidths(rn.w, 0, len(rn.w))
	em := ptToMM(PageNumSize)
	var x float64
	switch {
	case d.opt.CenterPageNumbers:
		x = MarginLeft + (TextWidth-w)/2
	case n%2 == 1:
		x = MarginLeft + TextWidth - em - w
	default:
		x = MarginLeft + em
	}
	y := d.bottom() + pageNumBelow + 0.88*em
	d.drawLine(rn, line{0, len(rn.rs), w, true}, x, y, w, false)
	d.curFamily = ""
}
