package extract

import (
	"bytes"
	"errors"
	"strconv"
)

// A PDF content stream (and a CMap) is a sequence of operands and operators; pdfLexer reads
// them from decoded bytes. It never fails: malformed bytes are skipped, so a damaged stream
// yields what text it has.

type tokKind byte

const (
	tokEOF tokKind = iota
	tokNum
	tokStr  // literal or hex string: raw bytes
	tokName // without the slash, #xx escapes decoded
	tokOp   // an operator or keyword (true, false, null included)
	tokArrOpen
	tokArrClose
	tokDictOpen
	tokDictClose
)

type pdfToken struct {
	kind tokKind
	num  float64
	s    string
}

type pdfLexer struct {
	data []byte
	pos  int
	// elems counts the elements readArray has kept since the last resetElems: an operand's
	// arrays, nested or not, keep at most maxOperandElems together (the rest is skipped).
	elems int
}

// maxOperandElems bounds the elements of one operand's arrays together (a TJ array of a real
// page has a few hundred).
const maxOperandElems = 1 << 16

// resetElems starts the element count of a new operand.
func (l *pdfLexer) resetElems() { l.elems = 0 }

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *pdfLexer) skipSpace() {
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		switch {
		case isPDFSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.data) && l.data[l.pos] != '\n' && l.data[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

func (l *pdfLexer) next() pdfToken {
	l.skipSpace()
	if l.pos >= len(l.data) {
		return pdfToken{kind: tokEOF}
	}
	c := l.data[l.pos]
	switch {
	case c == '(':
		return pdfToken{kind: tokStr, s: l.literal()}
	case c == '<':
		if l.pos+1 < len(l.data) && l.data[l.pos+1] == '<' {
			l.pos += 2
			return pdfToken{kind: tokDictOpen}
		}
		return pdfToken{kind: tokStr, s: l.hex()}
	case c == '>':
		l.pos++
		if l.pos < len(l.data) && l.data[l.pos] == '>' {
			l.pos++
			return pdfToken{kind: tokDictClose}
		}
		return l.next()
	case c == '[':
		l.pos++
		return pdfToken{kind: tokArrOpen}
	case c == ']':
		l.pos++
		return pdfToken{kind: tokArrClose}
	case c == '/':
		l.pos++
		return pdfToken{kind: tokName, s: l.name()}
	case c == '{' || c == '}' || c == ')':
		l.pos++
		return l.next()
	}
	start := l.pos
	for l.pos < len(l.data) && !isPDFSpace(l.data[l.pos]) && !isPDFDelim(l.data[l.pos]) {
		l.pos++
	}
	word := l.data[start:l.pos]
	if n, ok := parseNum(word); ok {
		return pdfToken{kind: tokNum, num: n}
	}
	return pdfToken{kind: tokOp, s: string(word)}
}

// parseNum reads a PDF number: an optional sign, digits, at most one point.
func parseNum(b []byte) (float64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	digits := 0
	for i, c := range b {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case (c == '-' || c == '+') && i == 0, c == '.':
		default:
			return 0, false
		}
	}
	if digits == 0 {
		return 0, false
	}
	if digits == len(b) && digits <= 15 {
		// A plain integer (most operands): exact in a float64, no allocation.
		var n int64
		for _, c := range b {
			n = n*10 + int64(c-'0')
		}
		return float64(n), true
	}
	s := string(b)
	if bytes.Count(b, []byte(".")) > 1 || bytes.IndexAny(b[1:], "+-") >= 0 {
		return 0, true // malformed ("1.2.3", "--5"): zero, as viewers read it
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, true
	}
	return n, true // out of range: ±Inf, which every bound refuses
}

func (l *pdfLexer) literal() string {
	l.pos++ // (
	var out []byte
	depth := 1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return string(out)
			}
		case '\\':
			if l.pos >= len(l.data) {
				return string(out)
			}
			e := l.data[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.data) && l.data[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.data) && l.data[l.pos] >= '0' && l.data[l.pos] <= '7'; k++ {
						v = v*8 + int(l.data[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (l *pdfLexer) hex() string {
	l.pos++ // <
	var out []byte
	half := -1
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v, ok := unhex(c)
		if !ok {
			continue
		}
		if half < 0 {
			half = int(v)
		} else {
			out = append(out, byte(half<<4)|v)
			half = -1
		}
	}
	if half >= 0 {
		out = append(out, byte(half<<4))
	}
	return string(out)
}

func (l *pdfLexer) name() string {
	start := l.pos
	for l.pos < len(l.data) && !isPDFSpace(l.data[l.pos]) && !isPDFDelim(l.data[l.pos]) {
		l.pos++
	}
	raw := l.data[start:l.pos]
	if bytes.IndexByte(raw, '#') < 0 {
		return string(raw)
	}
	var out []byte
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) {
			h, ok1 := unhex(raw[i+1])
			lo, ok2 := unhex(raw[i+2])
			if ok1 && ok2 {
				out = append(out, h<<4|lo)
				i += 2
				continue
			}
		}
		out = append(out, raw[i])
	}
	return string(out)
}

// skipInlineImage moves past an inline image's data, after its ID operator: to the EI that
// stands alone between white space.
func (l *pdfLexer) skipInlineImage() {
	if l.pos < len(l.data) && isPDFSpace(l.data[l.pos]) {
		l.pos++
	}
	for l.pos < len(l.data) {
		i := bytes.Index(l.data[l.pos:], []byte("EI"))
		if i < 0 {
			l.pos = len(l.data)
			return
		}
		at := l.pos + i
		l.pos = at + 2
		before := at == 0 || isPDFSpace(l.data[at-1])
		after := l.pos >= len(l.data) || isPDFSpace(l.data[l.pos]) || isPDFDelim(l.data[l.pos])
		if before && after {
			return
		}
	}
}

// operand is one value on the interpreter's stack.
type operand struct {
	kind tokKind // tokNum, tokStr, tokName, tokArrOpen (an array), tokDictOpen (a dictionary, unread), tokOp (true/false/null)
	num  float64
	s    string
	arr  []operand
}

// readArray reads an array's elements after its "[" (nested arrays to a bounded depth; at
// most maxOperandElems elements since resetElems, the others skipped).
func (l *pdfLexer) readArray(depth int) []operand {
	var out []operand
	for {
		t := l.next()
		full := l.elems >= maxOperandElems
		switch t.kind {
		case tokEOF, tokArrClose:
			return out
		case tokArrOpen:
			if depth > 32 || full {
				l.skipNested()
				continue
			}
			l.elems++
			out = append(out, operand{kind: tokArrOpen, arr: l.readArray(depth + 1)})
		case tokDictOpen:
			if depth > 32 || full {
				l.skipNested()
				continue
			}
			l.skipDict(depth + 1)
			l.elems++
			out = append(out, operand{kind: tokDictOpen})
		case tokDictClose:
		default:
			if !full {
				l.elems++
				out = append(out, operand{kind: t.kind, num: t.num, s: t.s})
			}
		}
	}
}

// skipDict moves past a dictionary after its "<<".
func (l *pdfLexer) skipDict(depth int) {
	for {
		t := l.next()
		switch t.kind {
		case tokEOF, tokDictClose:
			return
		case tokDictOpen, tokArrOpen:
			if depth > 32 {
				l.skipNested()
				continue
			}
			l.skipNested()
		}
	}
}

// skipNested moves past the rest of an array or dictionary just opened, counting brackets
// without recursion (a hostile stream may nest them millions deep) and without parsing the
// numbers and words inside.
func (l *pdfLexer) skipNested() {
	depth := 1
	for depth > 0 {
		l.skipSpace()
		if l.pos >= len(l.data) {
			return
		}
		switch l.data[l.pos] {
		case '(':
			l.literal()
		case '<':
			if l.pos+1 < len(l.data) && l.data[l.pos+1] == '<' {
				l.pos += 2
				depth++
			} else {
				l.hex()
			}
		case '>':
			l.pos++
			if l.pos < len(l.data) && l.data[l.pos] == '>' {
				l.pos++
				depth--
			}
		case '[':
			l.pos++
			depth++
		case ']':
			l.pos++
			depth--
		default:
			l.pos++
			for l.pos < len(l.data) && !isPDFSpace(l.data[l.pos]) && !isPDFDelim(l.data[l.pos]) {
				l.pos++
			}
		}
	}
}
