// Package pdf typesets Chinese official documents on gofpdf following
// GB/T 9704-2012 (党政机关公文格式): A4, a 156 × 225 mm text area with 22
// lines of 28 characters, a 2号 title, 3号 body text, 一、/（一） headings,
// 4号 page numbers and a signature block, plus bordered tables.
//
// It avoids gofpdf's MultiCell/SplitText, which lose characters at line
// breaks in Chinese text: lines are broken by its own breaker with
// 避头尾 rules and justified glyph by glyph.
//
// Layout goes to a display list (pages of glyphs and cell borders), so that
// pagination can look back (the 落款 takes the last paragraph's lines along,
// a table is measured before it is placed). Output then embeds, per font, a
// subset holding only the glyphs used, made by this package from fonts parsed
// once per process (font.go, sfnt.go, subset.go), and replays the list onto
// gofpdf, which writes the document (render.go, pdfobj.go). An export of a
// report takes about 20 ms and 5 MB; the same output comes from the same input,
// byte for byte.
package pdf

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode"

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
	// reproducible output); when zero, SOURCE_DATE_EPOCH if set, else the
	// current time.
	CreationDate time.Time
	// CenterPageNumbers centres page numbers instead of placing odd pages
	// right and even pages left.
	CenterPageNumbers bool
	// FontOverrides maps roles to .ttf files chosen by the user.
	FontOverrides map[assets.Role]string
	// BundledFontsOnly ignores installed system fonts (overrides still apply).
	BundledFontsOnly bool
	// Progress, when set, is called as each page is written, with the page and the
	// number of pages (from the goroutine that writes).
	Progress func(page, pages int)
}

// Stats reports what the typesetter had to substitute and which fonts it used.
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
	// Fonts tells, for the title, body, heading and 楷体 heading roles in this order,
	// which font was used; FontReport puts it in words for the user.
	Fonts []FontUse
	// Pages is the number of pages.
	Pages int
}

// fallbackRole keys the bundled body font in Doc.fonts when the body role
// uses another (system or user) font: it is the last resort before "□".
const fallbackRole assets.Role = -1

// pdfRoles are the roles the PDF uses.
var pdfRoles = []assets.Role{assets.Title, assets.Body, assets.Heading, assets.Kai}

// glyphOp draws one glyph with its baseline origin at (x, y) mm.
type glyphOp struct {
	x, y float64
	size float64
	r    rune
	role assets.Role
	half bool // drawn from the half-width subset (see compressPunct)
}

// rectOp strokes a rectangle (a table cell border).
type rectOp struct{ x, y, w, h float64 }

// page is the display list of one page, replayed onto gofpdf by Output.
type page struct {
	glyphs []glyphOp
	rects  []rectOp
}

// lineRec is a line of text already placed: on page (index), its glyphs
// pages[page].glyphs[from:to], its box from top, h high.
type lineRec struct {
	page, from, to int
	top, h         float64
}

// Doc is a document being typeset. Create it with New, add content in
// reading order, then call Output. Layout goes to a display list; Output
// makes small font subsets of the glyphs used and replays the list onto
// gofpdf. Methods do nothing once an error has occurred; Output reports it.
// A Doc is not safe for concurrent use, but separate Docs may be built
// concurrently (they share only read-only font data).
type Doc struct {
	opt   Options
	fonts map[assets.Role]*face
	uses  []FontUse
	pages []page
	y     float64 // top of the next line box, mm
	stats Stats
	seen  map[rune]bool
	err   error

	pending   []func() // kept-with-next headings, drawn by flush
	pendingH  float64
	tail      []lineRec // lines of the last paragraph and the headings kept with it
	bodyTrack float64   // width factor making 28 body characters fill a line
	ctx       context.Context
	numbered  bool
}

// Output flushes pending content, numbers the pages and writes the PDF to w.
func (d *Doc) Output(w io.Writer) error {
	d.flush(0)
	if err := d.Err(); err != nil {
		return err
	}
	if !d.numbered {
		for i := range d.pages {
			d.pageNumber(i + 1)
		}
		d.numbered = true
	}
	return d.render(w)
}

// New starts a document.
func New(opt Options) (*Doc, error) {
	d := &Doc{opt: opt, fonts: map[assets.Role]*face{}, seen: map[rune]bool{}, ctx: context.Background()}
	for _, r := range pdfRoles {
		f, use, err := roleFace(r, &d.opt)
		if err != nil {
			return nil, err
		}
		d.fonts[r] = f
		d.uses = append(d.uses, use)
	}
	if body := d.uses[1]; body.Source != assets.Bundled {
		f, err := bundledBody()
		if err != nil {
			return nil, err
		}
		d.fonts[fallbackRole] = f
	}
	em := d.fonts[assets.Body].m.advance('中')
	if em <= 0 {
		em = 1
	}
	d.bodyTrack = math.Min(1, CharPitch/(em*ptToMM(BodySize)))
	d.newPage()
	return d, nil
}

func ptToMM(pt float64) float64 { return pt * 25.4 / 72 }

// Stats returns the substitutions made so far and the fonts used.
func (d *Doc) Stats() Stats {
	s := d.stats
	s.Fonts = append([]FontUse(nil), d.uses...)
	s.Pages = len(d.pages)
	return s
}

// Err returns the first error encountered, if any.
func (d *Doc) Err() error {
	if d.err == nil && d.ctx != nil {
		if err := d.ctx.Err(); err != nil {
			d.err = err
		}
	}
	return d.err
}

// PageCount returns the number of pages so far.
func (d *Doc) PageCount() int { return len(d.pages) }

func (d *Doc) bottom() float64 { return MarginTop + TextHeight }

func (d *Doc) newPage() {
	d.pages = append(d.pages, page{})
	d.y = MarginTop
}

// cur returns the page being filled.
func (d *Doc) cur() *page { return &d.pages[len(d.pages)-1] }

// ensure starts a new page unless h mm fit below the current position.
func (d *Doc) ensure(h float64) {
	if d.y+h > d.bottom()+1e-6 && d.y > MarginTop+1e-6 {
		d.newPage()
	}
}

// glyph adds rune i of rn at (x, y): drawn from its role's font, or from the role's
// half-width subset for a mark compressPunct narrowed.
func (d *Doc) glyph(rn run, i int, x, y float64) {
	r, role := rn.rs[i], rn.roles[i]
	natural := d.fonts[role].m.advance(r) * ptToMM(rn.size)
	half := isMark(r) && rn.w[i] <= 0.75*natural
	p := d.cur()
	p.glyphs = append(p.glyphs, glyphOp{x: x, y: y, size: rn.size, r: r, role: role, half: half})
}

// textWidth is the natural width in mm of s in the body font at size pt (for
// measuring, without substitutions).
func (d *Doc) textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += d.fonts[assets.Body].m.advance(r)
	}
	return w * ptToMM(size)
}

// rect adds a stroked rectangle.
func (d *Doc) rect(x, y, w, h float64) {
	p := d.cur()
	p.rects = append(p.rects, rectOp{x, y, w, h})
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
		case r <= 0xFFFF && d.fonts[role].has(r):
		case r <= 0xFFFF && body.has(r):
			ro = assets.Body
			d.stats.Fallback++
		case r <= 0xFFFF && d.fonts[fallbackRole] != nil && d.fonts[fallbackRole].has(r):
			ro = fallbackRole
			d.stats.Fallback++
		default:
			d.stats.Replaced++
			if !d.seen[r] {
				d.seen[r] = true
				d.stats.ReplacedRunes = append(d.stats.ReplacedRunes, r)
			}
			r, ro = replacementRune, assets.Body
			if fb := d.fonts[fallbackRole]; !body.has(r) && fb != nil && fb.has(r) {
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

// maxStretch is the most extra space justification puts between two units of a line
// (characters, Latin words, numbers), in em of the text: a line that would need more (a
// long word pushed to the next line) is left short of the right edge rather than spread
// into letter-spaced characters.
const maxStretch = 0.25

// drawLine draws runes [l.start, l.end) of rn with the baseline at y,
// starting at x. If justify is set and the line is not the last of its
// paragraph, extra space is spread between units so the line spans width,
// at most maxStretch between two units.
func (d *Doc) drawLine(rn run, l line, x, y, width float64, justify bool) {
	if l.end <= l.start {
		return
	}
	// unit boundaries within the line
	seg := rn.rs[l.start:l.end]
	units := unitsOf(seg)
	gap := 0.0
	// A last line is set at its natural width, unless a closing mark hangs past the edge.
	if justify && (!l.last || l.width > width) && len(units) > 2 {
		// trailing spaces are not stretched
		n := len(units) - 2
		gap = min((width-l.width)/float64(n), maxStretch*ptToMM(rn.size))
	}
	for k := 0; k+1 < len(units); k++ {
		for i := l.start + units[k]; i < l.start+units[k+1]; i++ {
			if rn.rs[i] != ' ' {
				d.glyph(rn, i, x, y)
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
// next mm of what follows fit on the page. The headings start a new tail.
func (d *Doc) flush(next float64) {
	if len(d.pending) == 0 {
		return
	}
	d.ensure(d.pendingH + next)
	p := d.pending
	d.pending, d.pendingH = nil, 0
	d.tail = nil
	for _, f := range p {
		f()
	}
}

// block lays out a paragraph-like block: lines of rn justified in the text
// area, first line indented by indent mm. Its lines are recorded in d.tail
// (after the headings kept with it), which Signature may move to a new page.
func (d *Doc) block(rn run, indent float64, lineH float64, lines []line, justify, keepWithNext bool) {
	draw := func() {
		for i, l := range lines {
			d.ensure(lineH)
			x, w := float64(MarginLeft), float64(TextWidth)
			if i == 0 {
				x, w = x+indent, w-indent
			}
			from := len(d.cur().glyphs)
			d.drawLine(rn, l, x, baseline(d.y, lineH, rn.size), w, justify)
			d.tail = append(d.tail, lineRec{page: len(d.pages) - 1, from: from, to: len(d.cur().glyphs), top: d.y, h: lineH})
			d.y += lineH
		}
	}
	if keepWithNext {
		d.pending = append(d.pending, draw)
		d.pendingH += lineH * float64(len(lines))
		return
	}
	if len(d.pending) == 0 {
		d.tail = nil
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
	// A heading face that draws its characters small (楷体) is enlarged to look 三号 like
	// the body, its characters kept at the body's pitch.
	scale := d.inkScale(role)
	rn := d.prepare(text, role, BodySize*scale, d.bodyTrack/scale)
	indent := 2 * CharPitch
	lines := breakLines(rn.rs, rn.w, TextWidth, indent, d.squeeze(rn))
	if len(lines) == 0 {
		if !keep {
			d.BlankLine() // an empty paragraph is a blank line
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
	d.tail = nil
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
	d.tail = nil
}

// Signature adds the signature block (落款) at the right (GB/T 9704 §7.3.5.3,
// unsealed): a blank line, the agency name two characters from the right
// edge, and the date on the next line starting two characters further
// right; if the date is the longer, it takes the two-character right space.
// The 落款 never stands alone on a page: headings still pending go with it,
// and when it does not fit below the last paragraph, lines of that paragraph
// move to the next page with it (as Word's 与下段同页 on the last paragraph).
func (d *Doc) Signature(agency, date string) {
	if d.Err() != nil {
		return
	}
	a := d.prepare(agency, assets.Body, BodySize, d.bodyTrack)
	t := d.prepare(date, assets.Body, BodySize, d.bodyTrack)
	aw, tw := sumWidths(a.w, 0, len(a.w)), sumWidths(t.w, 0, len(t.w))
	start, dateX := signatureX(aw, tw)
	n := 1
	if len(a.rs) > 0 {
		n++
	}
	if len(t.rs) > 0 {
		n++
	}
	need := float64(n) * LinePitch
	d.flush(need)
	if d.y+need > d.bottom()+1e-6 {
		d.keepTailWith(need)
	}
	d.ensure(need)
	d.y += LinePitch
	if len(a.rs) > 0 {
		d.drawLine(a, line{0, len(a.rs), aw, true}, start, baseline(d.y, LinePitch, BodySize), aw, false)
		d.y += LinePitch
	}
	if len(t.rs) > 0 {
		d.drawLine(t, line{0, len(t.rs), tw, true}, dateX, baseline(d.y, LinePitch, BodySize), tw, false)
		d.y += LinePitch
	}
	d.tail = nil
}

// keepTailWith moves lines of the last paragraph (d.tail) from the bottom of the
// current page to a new page, so that what follows (need mm) does not stand alone
// there: the whole paragraph with its headings when it starts on this page below other
// content and fits with need, else its last two lines, leaving at least two behind.
func (d *Doc) keepTailWith(need float64) {
	cur := len(d.pages) - 1
	var on []lineRec
	for _, l := range d.tail {
		if l.page == cur {
			on = append(on, l)
		}
	}
	if len(on) == 0 {
		return
	}
	move := on
	startsPage := on[0].top <= MarginTop+1e-6
	height := func(ls []lineRec) float64 { return ls[len(ls)-1].top + ls[len(ls)-1].h - ls[0].top }
	if startsPage || height(on)+need > TextHeight+1e-6 {
		k := min(2, len(on)-2)
		if k <= 0 {
			return // two lines or fewer on the page: what follows fits below them
		}
		move = on[len(on)-k:]
	}
	p := d.cur()
	from := move[0].from
	moved := append([]glyphOp(nil), p.glyphs[from:]...)
	p.glyphs = p.glyphs[:from]
	top := move[0].top
	d.newPage()
	dy := MarginTop - top
	for i := range moved {
		moved[i].y += dy
	}
	d.cur().glyphs = moved
	d.y = MarginTop + height(move)
}

// pageNumber adds "— N —" in 四号 to page n (1-based), 7 mm below the text area, odd
// pages right and even pages left with one character of space (or centred).
func (d *Doc) pageNumber(n int) {
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
	pages := d.pages
	d.pages = pages[:n] // draw onto page n
	d.drawLine(rn, line{0, len(rn.rs), w, true}, x, y, w, false)
	d.pages = pages
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
