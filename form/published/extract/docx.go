package extract

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/nianbao/nianbao/form/fileio"
)

// Limits of a Word file (the project's one set, in package fileio). A real report's
// document.xml is 0.1-3 MB, its archive 20-200 entries; anything far beyond is a damaged or
// hostile file.
const (
	// MaxDOCXEntries bounds the entries of the archive.
	MaxDOCXEntries = fileio.MaxParts
	// MaxDOCXPart bounds the uncompressed size of document.xml (and of numbering.xml, styles.xml).
	MaxDOCXPart = fileio.MaxDocumentPart
	// MaxXMLTokens bounds the XML tokens of one part.
	MaxXMLTokens = fileio.MaxTokens
	// MaxXMLDepth bounds the nesting of XML elements.
	MaxXMLDepth = fileio.MaxDocumentDepth
	// maxTableDepth bounds tables nested in tables' cells (read, but flattened below it).
	maxTableDepth = 16
)

// Namespaces of WordprocessingML: transitional (Word, WPS, LibreOffice) and strict.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// DOCX reads a Word file (.docx): the paragraphs and tables of word/document.xml in order,
// with automatic numbering ("一、", "（一）", "1.") written as Word shows it, merged cells
// written once (gridSpan) or in their first row (vMerge), hidden text, deleted text and
// field codes left out. An old binary Word file (.doc), or a password-protected one, is
// refused with a message saying to save it as .docx.
func DOCX(ra io.ReaderAt, size int64) (string, error) {
	return docxWithin(ra, size, docxBounds{part: MaxDOCXPart, tokens: MaxXMLTokens})
}

// docxBounds are the limits of reading one part: MaxDOCXPart and MaxXMLTokens; the fuzz
// targets read with smaller ones, so that every input takes milliseconds.
type docxBounds struct {
	part   int64
	tokens int
}

func docxWithin(ra io.ReaderAt, size int64, b docxBounds) (string, error) {
	head := make([]byte, 8)
	n, _ := ra.ReadAt(head, 0)
	head = head[:n]
	switch {
	case bytes.Equal(head, oleMagic):
		if oleEncrypted(ra, size) {
			return "", errorf(ErrEncrypted, "这个 Word 文件设置了打开密码，无法读取。请在 Word/WPS 中取消密码并另存为 .docx 后再打开")
		}
		return "", errorf(ErrOldWord, MsgOldWord)
	case bytes.HasPrefix(head, []byte(`{\rtf`)):
		return "", errorf(ErrOldWord, "这是 RTF 格式的文件，不是 .docx。请在 Word/WPS 中另存为 .docx 后再打开")
	case !bytes.HasPrefix(head, []byte("PK")):
		return "", errorf(ErrFormat, "这不是 Word（.docx）文件，或文件已损坏。请在 Word/WPS 中打开后另存为 .docx 再试")
	}
	if n, ok := zipEntries(ra, size); ok && n > MaxDOCXEntries {
		return "", errorf(ErrLimit, "Word 文件包含的部件过多（%d 个，超过 %d 个），不像是一份年度报告", n, MaxDOCXEntries)
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		if errors.Is(err, zip.ErrInsecurePath) && zr != nil {
			err = nil
		} else {
			return "", errorf(ErrFormat, "Word 文件已损坏（不是有效的 .docx 压缩包），请在 Word/WPS 中打开后另存为 .docx 再试")
		}
	}
	if len(zr.File) > MaxDOCXEntries {
		return "", errorf(ErrLimit, "Word 文件包含的部件过多（%d 个，超过 %d 个），不像是一份年度报告", len(zr.File), MaxDOCXEntries)
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	main := mainPart(parts)
	f := parts[main]
	if f == nil {
		return "", errorf(ErrFormat, "Word 文件中没有正文（缺少 word/document.xml），文件可能已损坏或不是 Word 文档")
	}
	d := &docx{out: newOutput(), counters: map[string][]int{}}
	dir := path.Dir(main)
	if nf := parts[path.Join(dir, "numbering.xml")]; nf != nil {
		if err := readPart(nf, b, d.numbering()); err != nil {
			return "", err
		}
	}
	if sf := parts[path.Join(dir, "styles.xml")]; sf != nil {
		if err := readPart(sf, b, d.styles()); err != nil {
			return "", err
		}
	}
	if err := readPart(f, b, d.document()); err != nil {
		return "", err
	}
	return d.out.String(), nil
}

// zipEntries reads the entry count of the archive's end record, before the archive's
// directory is read into memory. A zip64 archive (never needed by a report) counts as too many.
func zipEntries(ra io.ReaderAt, size int64) (int, bool) {
	const eocd = 22
	tail := min(size, 65535+eocd)
	buf := make([]byte, tail)
	n, _ := ra.ReadAt(buf, size-tail)
	buf = buf[:n]
	i := bytes.LastIndex(buf, []byte("PK\x05\x06"))
	if i < 0 || len(buf)-i < eocd {
		return 0, false
	}
	count := int(buf[i+10]) | int(buf[i+11])<<8
	if count == 0xFFFF {
		return MaxDOCXEntries + 1, true
	}
	return count, true
}

// oleEncrypted reports an OLE compound file holding an encrypted .docx (its stream names,
// in UTF-16, include "EncryptedPackage").
func oleEncrypted(ra io.ReaderAt, size int64) bool {
	buf := make([]byte, min(size, 1<<20))
	n, _ := ra.ReadAt(buf, 0)
	name := []byte{}
	for _, c := range "EncryptedPackage" {
		name = append(name, byte(c), 0)
	}
	return bytes.Contains(buf[:n], name)
}

// mainPart finds the main document part from the package relationships, else the usual name.
func mainPart(parts map[string]*zip.File) string {
	main := "word/document.xml"
	rf := parts["_rels/.rels"]
	if rf == nil || rf.UncompressedSize64 > 1<<20 {
		return main
	}
	_ = readPart(rf, docxBounds{part: 1 << 20, tokens: 1 << 16}, func(tok xml.Token) error {
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" &&
			strings.HasSuffix(attrOf(se, "Type"), "/officeDocument") {
			if t := strings.TrimPrefix(attrOf(se, "Target"), "/"); parts[t] != nil {
				main = t
			}
			return errStop
		}
		return nil
	})
	return main
}

func attrOf(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// errStop ends the reading of a part early, without error.
var errStop = errors.New("stop")

// readPart decodes one XML part of the archive, calling each for every token, bounding the
// part's uncompressed size (whatever its header claims), its token count and its depth.
func readPart(f *zip.File, b docxBounds, each func(tok xml.Token) error) error {
	if f.UncompressedSize64 > uint64(b.part) {
		return errorf(ErrLimit, "Word 文件的正文过大（%s 解压后超过 %s），不像是一份年度报告", f.Name, sizeText(b.part))
	}
	rc, err := f.Open()
	if err != nil {
		return errorf(ErrFormat, "Word 文件已损坏（%s 无法解压），请在 Word/WPS 中打开后另存为 .docx 再试", f.Name)
	}
	defer rc.Close()
	lr := &limitedReader{r: rc, n: b.part}
	d := xml.NewDecoder(lr)
	d.Strict = true
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		return nil, errors.New("unsupported charset " + label)
	}
	depth := 0
	for tokens := 0; ; tokens++ {
		tok, err := d.Token()
		if err == nil {
			switch tok.(type) {
			case xml.StartElement:
				if depth++; depth > MaxXMLDepth {
					return errorf(ErrLimit, "Word 文件的正文嵌套层次过深（超过 %d 层），不像是一份年度报告", MaxXMLDepth)
				}
			case xml.EndElement:
				depth--
			}
			if tokens >= b.tokens {
				return errorf(ErrLimit, "Word 文件的正文过于复杂（超过 %d 个 XML 记号），不像是一份年度报告", b.tokens)
			}
			err = each(tok)
		}
		switch {
		case err == nil:
			continue
		case err == io.EOF, err == errStop:
			return nil
		case lr.over:
			return errorf(ErrLimit, "Word 文件的正文过大（%s 解压后超过 %s），可能是恶意构造的压缩文件", f.Name, sizeText(b.part))
		}
		var e *Error
		if errors.As(err, &e) {
			return err
		}
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return errorf(ErrFormat, "Word 文件已损坏（%s 第 %d 行不是有效的 XML），请在 Word/WPS 中打开后另存为 .docx 再试", f.Name, se.Line)
		}
		return errorf(ErrFormat, "Word 文件已损坏（%s 无法解压或不是有效的 XML），请在 Word/WPS 中打开后另存为 .docx 再试", f.Name)
	}
}

// limitedReader reads at most n bytes and remembers when more were there.
type limitedReader struct {
	r    io.Reader
	n    int64
	over bool
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		var one [1]byte
		if k, _ := l.r.Read(one[:]); k > 0 {
			l.over = true
			return 0, errors.New("part too large")
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	k, err := l.r.Read(p)
	l.n -= int64(k)
	return k, err
}

// docx is the state of reading one Word file.
type docx struct {
	out *output

	// numbering: numId → abstract levels; styles: styleId → numbering and base style.
	nums     map[string]*numDef
	abstract map[string][]numLevel
	styleNum map[string]numRef
	styleBas map[string]string
	counters map[string][]int // numId → counter per level
}

type numLevel struct {
	start  int
	format string
	text   string
	suffix string
}

type numDef struct {
	abstract  string
	overrides map[int]int // level → start override
}

type numRef struct {
	id    string
	level int
	set   bool
}

func isW(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStrict }

func wAttr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local && (isW(a.Name) || a.Name.Space == "") {
			return a.Value, true
		}
	}
	return "", false
}

// wElements adapts handlers of WordprocessingML elements to a token handler: start gets each
// w: start tag with its local name and w:val, end each w: end tag's local name.
func wElements(start func(t xml.StartElement, local, val string), end func(local string)) func(xml.Token) error {
	return func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			if isW(t.Name) {
				v, _ := wAttr(t, "val")
				start(t, t.Name.Local, v)
			}
		case xml.EndElement:
			if isW(t.Name) {
				end(t.Name.Local)
			}
		}
		return nil
	}
}

// numbering reads numbering.xml: the abstract numberings' levels and the numbering instances.
func (x *docx) numbering() func(xml.Token) error {
	x.nums, x.abstract = map[string]*numDef{}, map[string][]numLevel{}
	var absID, numID string
	lvl := -1
	var cur numLevel
	return wElements(func(t xml.StartElement, local, v string) {
		switch local {
		case "abstractNum":
			absID, _ = wAttr(t, "abstractNumId")
		case "num":
			numID, _ = wAttr(t, "numId")
			x.nums[numID] = &numDef{overrides: map[int]int{}}
		case "abstractNumId":
			if n := x.nums[numID]; n != nil {
				n.abstract = v
			}
		case "lvlOverride":
			s, _ := wAttr(t, "ilvl")
			lvl, _ = strconv.Atoi(s)
		case "startOverride":
			if n := x.nums[numID]; n != nil && lvl >= 0 && lvl < 9 {
				n.overrides[lvl], _ = strconv.Atoi(v)
			}
		case "lvl":
			if absID != "" {
				s, _ := wAttr(t, "ilvl")
				lvl, _ = strconv.Atoi(s)
				cur = numLevel{start: 1, suffix: "tab"}
			}
		case "start":
			cur.start, _ = strconv.Atoi(v)
		case "numFmt":
			cur.format = v
		case "lvlText":
			cur.text = v
		case "suff":
			cur.suffix = v
		}
	}, func(local string) {
		switch local {
		case "lvl":
			if absID != "" && lvl >= 0 && lvl < 9 {
				levels := x.abstract[absID]
				for len(levels) <= lvl {
					levels = append(levels, numLevel{start: 1})
				}
				levels[lvl] = cur
				x.abstract[absID] = levels
			}
		case "abstractNum":
			absID = ""
		case "num":
			numID = ""
		case "lvlOverride":
			lvl = -1
		}
	})
}

// styles reads the numbering of paragraph styles and their bases, from styles.xml.
func (x *docx) styles() func(xml.Token) error {
	x.styleNum, x.styleBas = map[string]numRef{}, map[string]string{}
	var id string
	return wElements(func(t xml.StartElement, local, v string) {
		switch local {
		case "style":
			id, _ = wAttr(t, "styleId")
		case "basedOn":
			x.styleBas[id] = v
		case "numId":
			r := x.styleNum[id]
			r.id, r.set = v, true
			x.styleNum[id] = r
		case "ilvl":
			r := x.styleNum[id]
			r.level, _ = strconv.Atoi(v)
			x.styleNum[id] = r
		}
	}, func(local string) {
		if local == "style" {
			id = ""
		}
	})
}

// styleNumbering is the numbering a paragraph style gives, through its bases.
func (x *docx) styleNumbering(style string) numRef {
	for i := 0; i < 16 && style != ""; i++ {
		if r, ok := x.styleNum[style]; ok && r.set {
			return r
		}
		style = x.styleBas[style]
	}
	return numRef{}
}

// label advances the counter of a numbered paragraph and returns its number as shown.
func (x *docx) label(ref numRef) string {
	def := x.nums[ref.id]
	if def == nil || ref.level < 0 || ref.level >= 9 {
		return ""
	}
	levels := x.abstract[def.abstract]
	if ref.level >= len(levels) {
		return ""
	}
	c := x.counters[ref.id]
	if c == nil {
		c = make([]int, 9)
		for i := range c {
			c[i] = -1
		}
		x.counters[ref.id] = c
	}
	startOf := func(l int) int {
		if s, ok := def.overrides[l]; ok {
			return s
		}
		if l < len(levels) {
			return levels[l].start
		}
		return 1
	}
	if c[ref.level] < 0 {
		c[ref.level] = startOf(ref.level)
	} else {
		c[ref.level]++
	}
	for l := ref.level + 1; l < 9; l++ {
		c[l] = -1
	}
	lv := levels[ref.level]
	if lv.format == "bullet" || lv.format == "none" {
		return ""
	}
	text := lv.text
	for l := 0; l < 9 && l < len(levels); l++ {
		ph := "%" + strconv.Itoa(l+1)
		if !strings.Contains(text, ph) {
			continue
		}
		n := c[l]
		if n < 0 {
			n = startOf(l)
		}
		format := levels[l].format
		if lv.format == "decimal" && l != ref.level {
			format = "decimal" // isLgl-style "1.1": lower levels shown as digits where asked
		}
		text = strings.ReplaceAll(text, ph, numberText(n, format))
	}
	switch lv.suffix {
	case "space":
		text += " "
	}
	return text
}

var (
	cnDigits = []string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	cnLegal  = []string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}
	cnStems  = []string{"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"}
)

// numberText writes n in a numbering format of Word.
func numberText(n int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "ideographDigital":
		return chineseNumber(n, cnDigits, "十", format == "ideographDigital")
	case "chineseLegalSimplified":
		return chineseNumber(n, cnLegal, "拾", false)
	case "ideographTraditional":
		if n >= 1 && n <= 10 {
			return cnStems[n-1]
		}
	case "decimalFullWidth", "decimalFullWidth2":
		var b strings.Builder
		for _, r := range strconv.Itoa(n) {
			b.WriteRune(r - '0' + '０')
		}
		return b.String()
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "decimalZero":
		if n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "upperLetter", "lowerLetter":
		if n >= 1 {
			s := strings.Repeat(string(rune('A'+(n-1)%26)), (n-1)/26+1)
			if format == "lowerLetter" {
				s = strings.ToLower(s)
			}
			return s
		}
	case "upperRoman", "lowerRoman":
		if n >= 1 && n < 4000 {
			s := roman(n)
			if format == "lowerRoman" {
				s = strings.ToLower(s)
			}
			return s
		}
	}
	return strconv.Itoa(n)
}

// chineseNumber writes 1-99 as 一 … 十 … 九十九 (digits only, 一〇一, when plain); others as digits.
func chineseNumber(n int, digits []string, ten string, plain bool) string {
	switch {
	case n < 0 || n > 99 || plain:
		if n < 0 || n > 9999 {
			return strconv.Itoa(n)
		}
		var b strings.Builder
		for _, r := range strconv.Itoa(n) {
			b.WriteString(digits[r-'0'])
		}
		return b.String()
	case n < 10:
		return digits[n]
	}
	s := ten
	if n >= 20 {
		s = digits[n/10] + ten
	}
	if n%10 != 0 {
		s += digits[n%10]
	}
	return s
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// docFrame is an open container of the body: a paragraph, a table or a cell.
type docFrame struct {
	kind byte // 'p', 't', 'c'

	// paragraph
	text    strings.Builder
	lines   []string // text before each line break
	style   string
	num     numRef
	numSeen bool

	// table
	rows [][]string
	row  []string

	// cell
	parts     []string
	continued bool // a vMerge continuation: covered by the cell above
}

// document reads document.xml.
func (x *docx) document() func(xml.Token) error {
	var stack []*docFrame
	depth := 0
	skip := 0 // depth of a subtree being skipped (0: none)
	inText := false
	hidden := false // the current run is hidden (w:vanish)
	tables := 0
	top := func(kind byte) *docFrame {
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].kind == kind {
				return stack[i]
			}
		}
		return nil
	}
	para := func() *docFrame {
		if len(stack) > 0 && stack[len(stack)-1].kind == 'p' {
			return stack[len(stack)-1]
		}
		return nil
	}
	// emit sends a finished paragraph's lines to the enclosing cell, or to the output.
	emit := func(lines []string) {
		if len(stack) > 0 && stack[len(stack)-1].kind == 'c' {
			c := stack[len(stack)-1]
			c.parts = append(c.parts, lines...)
			return
		}
		for _, l := range lines {
			x.out.line(collapse(l))
		}
	}
	return func(tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if skip > 0 {
				return nil
			}
			if t.Name.Space == nsMC && t.Name.Local == "Fallback" {
				skip = depth // the Choice holds the same content
				return nil
			}
			if !isW(t.Name) {
				return nil
			}
			v, _ := wAttr(t, "val")
			switch t.Name.Local {
			case "p":
				stack = append(stack, &docFrame{kind: 'p'})
			case "pStyle":
				if p := para(); p != nil {
					p.style = v
				}
			case "numId":
				if p := para(); p != nil {
					p.num.id, p.num.set, p.numSeen = v, true, true
				}
			case "ilvl":
				if p := para(); p != nil {
					p.num.level, _ = strconv.Atoi(v)
				}
			case "r":
				hidden = false
			case "vanish", "specVanish":
				if v != "0" && v != "false" && v != "off" {
					hidden = true
				}
			case "t":
				inText = !hidden
			case "delText", "instrText", "delInstrText", "moveFrom", "sectPr", "tblPr", "trPr", "tblGrid", "sdtPr":
				skip = depth
			case "tab", "ptab":
				if p := para(); p != nil && !hidden {
					p.text.WriteByte(' ')
				}
			case "br", "cr":
				if p := para(); p != nil && !hidden {
					p.lines = append(p.lines, p.text.String())
					p.text.Reset()
				}
			case "noBreakHyphen":
				if p := para(); p != nil && !hidden {
					p.text.WriteByte('-')
				}
			case "tbl":
				tables++
				if tables > maxTableDepth {
					return errorf(ErrLimit, "Word 文件的表格嵌套层次过深（超过 %d 层），不像是一份年度报告", maxTableDepth)
				}
				stack = append(stack, &docFrame{kind: 't'})
			case "tr":
				if tb := top('t'); tb != nil {
					tb.row = nil
				}
			case "tc":
				stack = append(stack, &docFrame{kind: 'c'})
			case "vMerge":
				if c := top('c'); c != nil && v != "restart" {
					c.continued = true
				}
			}
		case xml.CharData:
			if skip == 0 && inText {
				if p := para(); p != nil {
					p.text.Write(t)
				}
			}
		case xml.EndElement:
			if skip > 0 {
				if depth == skip {
					skip = 0
				}
				depth--
				return nil
			}
			depth--
			if !isW(t.Name) {
				return nil
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "r":
				hidden = false
			case "p":
				p := para()
				if p == nil {
					return nil
				}
				stack = stack[:len(stack)-1]
				ref := p.num
				if !p.numSeen && p.style != "" {
					ref = x.styleNumbering(p.style)
				}
				prefix := ""
				if ref.set && ref.id != "" && ref.id != "0" {
					prefix = x.label(ref)
				}
				lines := append(p.lines, p.text.String())
				lines[0] = prefix + lines[0]
				emit(lines)
			case "tc":
				if len(stack) == 0 || stack[len(stack)-1].kind != 'c' {
					return nil
				}
				c := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if tb := top('t'); tb != nil && !c.continued {
					tb.row = append(tb.row, cellText(c.parts))
				}
			case "tr":
				if tb := top('t'); tb != nil {
					tb.rows = append(tb.rows, tb.row)
					tb.row = nil
				}
			case "tbl":
				if len(stack) == 0 || stack[len(stack)-1].kind != 't' {
					return nil
				}
				tb := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				tables--
				if c := top('c'); c != nil {
					// A table inside a cell: its rows become lines of the cell.
					for _, r := range tb.rows {
						c.parts = append(c.parts, strings.Join(r, " "))
					}
					return nil
				}
				for _, r := range tb.rows {
					x.out.row(r)
				}
				x.out.gap()
			}
		}
		return nil
	}
}
