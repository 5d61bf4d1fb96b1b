package extract

import (
	"bytes"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form/fileio"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Limits of a saved web page (the project's one set, in package fileio). A real one is 100-500 KB with 2,000-5,000 elements; a few MB
// with images inlined, which add bytes but few elements. The elements bound the memory of
// the parsed page (about 1 KB each).
const (
	// MaxHTML bounds the page's size.
	MaxHTML = fileio.MaxWebPage
	// MaxHTMLElements bounds its elements.
	MaxHTMLElements = fileio.MaxElements
)

// HTML reads a saved web page: it decodes the page's declared charset (meta charset or
// http-equiv Content-Type; UTF-8, GBK, GB18030, with a byte order mark or without), finds the
// article inside the site's chrome (menus, link lists, footers: everything but the element
// that holds most of the page's non-link text), and writes its paragraphs and tables.
// Scripts, styles, forms' controls, nav and hidden elements are skipped. The page's title is
// put first when the article does not start with it.
func HTML(r io.Reader) (string, error) {
	data, err := readBounded(r, MaxHTML)
	if err != nil {
		return "", errorf(ErrFormat, "网页文件读取时出错（文件可能已损坏，或所在的磁盘、网络位置无法读取），请复制到本机后再打开")
	}
	if len(data) > MaxHTML {
		return "", errorf(ErrLimit, "网页文件过大（超过 %s），不像是一份保存的年度报告网页", sizeText(MaxHTML))
	}
	if !bytes.HasPrefix(data, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		data = dropDataURIs(data)
	}
	text, err := decodeHTML(data)
	if err != nil {
		return "", err
	}
	if n := countElements(text); n > MaxHTMLElements {
		return "", errorf(ErrLimit, "网页过于复杂（超过 %d 个标签），不像是一份保存的年度报告网页", MaxHTMLElements)
	}
	doc, err := parseHTML(text)
	if err != nil {
		return "", err
	}
	return renderPage(doc), nil
}

// readBounded reads r to its end, at most limit+1 bytes; a reader that knows its size (a
// file, a bytes.Reader) is read into a buffer of that size, without append's doubling.
func readBounded(r io.Reader, limit int64) ([]byte, error) {
	size := int64(-1)
	switch x := r.(type) {
	case interface{ Size() int64 }:
		size = x.Size()
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := x.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	if size < 0 || size > limit {
		return io.ReadAll(io.LimitReader(r, limit+1))
	}
	buf := make([]byte, size+1) // one more: a file grown since shows as too large
	n, err := io.ReadFull(r, buf)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	if n == len(buf) {
		rest, err := io.ReadAll(io.LimitReader(r, limit+1-int64(n)))
		return append(buf, rest...), err
	}
	return buf[:n], err
}

// dropDataURIs removes, in place, the payload of every data: URI in an attribute value or a
// CSS url() — an image or a font inlined in a saved page, up to MaxHTML bytes of base64 that
// no text comes from — keeping "data:" itself, so that neither the decoded page nor its parse
// tree holds a copy. The scan is byte-wise: "data:" and the delimiters are ASCII, and in
// UTF-8 and GB18030 no byte of a multi-byte character is ASCII below 0x40 (the delimiters are).
func dropDataURIs(data []byte) []byte {
	w, r := 0, 0
	for r < len(data) {
		i := bytes.IndexByte(data[r:], ':')
		if i < 0 {
			break
		}
		colon := r + i
		end := colon + 1
		if colon < 4 || !bytes.EqualFold(data[colon-4:colon], []byte("data")) {
			w += copy(data[w:], data[r:end])
			r = end
			continue
		}
		// What opens the value: a quote, "=" or "(" (spaces between).
		k := colon - 5
		var quote byte
		if k >= 0 && (data[k] == '"' || data[k] == '\'') {
			quote = data[k]
			k--
		}
		for k >= 0 && (data[k] == ' ' || data[k] == '\t' || data[k] == '\n' || data[k] == '\r') {
			k--
		}
		if k < 0 || data[k] != '=' && data[k] != '(' {
			w += copy(data[w:], data[r:end])
			r = end
			continue
		}
		paren := data[k] == '('
		j := end
		for j < len(data) {
			c := data[j]
			if quote != 0 && c == quote || quote == 0 && (c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || paren && c == ')') {
				break
			}
			j++
		}
		w += copy(data[w:], data[r:end])
		r = j
	}
	w += copy(data[w:], data[r:])
	return data[:w]
}

// decodeHTML converts the page to UTF-8 by its byte order mark, its declared charset or, when
// it declares none, by trying UTF-8 and then GB18030 (what Chinese Windows tools write).
func decodeHTML(data []byte) (string, error) {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return string(data[3:]), nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	default:
		enc = declaredCharset(data)
	}
	if enc == simplifiedchinese.GB18030 && utf8.Valid(data) && hasHighBit(data) {
		// Chinese text in GBK is almost never valid UTF-8: a page that is must have been saved
		// as UTF-8 with its old declaration kept (as some browsers' "save as" do).
		enc = nil
	}
	if enc == nil {
		if utf8.Valid(data) {
			return string(data), nil
		}
		enc = simplifiedchinese.GB18030
	}
	if enc == encoding.Nop {
		return strings.ToValidUTF8(string(data), "\uFFFD"), nil
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", errorf(ErrFormat, "网页的文字编码无法识别（内容与声明的编码不符），请用浏览器打开后重新保存网页，或复制网页上的文字后导入")
	}
	return string(out), nil
}

func hasHighBit(data []byte) bool {
	for _, c := range data {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// declaredCharset reads the charset a page declares in a <meta> of its head (looking further
// than the 1024 bytes of the HTML standard's prescan: saved pages often start with long
// comments or scripts). It returns nil when the page declares none; GBK and GB2312 are read
// as GB18030, their superset.
func declaredCharset(data []byte) encoding.Encoding {
	if len(data) > 64<<10 {
		data = data[:64<<10]
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch atom.Lookup(name) {
			case atom.Body:
				return nil
			case atom.Meta:
				var cs, content string
				httpEquiv := false
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch strings.ToLower(string(k)) {
					case "charset":
						cs = string(v)
					case "content":
						content = string(v)
					case "http-equiv":
						httpEquiv = strings.EqualFold(string(v), "content-type")
					}
				}
				if cs == "" && httpEquiv {
					if i := strings.Index(strings.ToLower(content), "charset="); i >= 0 {
						cs = strings.Trim(content[i+len("charset="):], `"' ;`)
						if j := strings.IndexAny(cs, `"' ;`); j >= 0 {
							cs = cs[:j]
						}
					}
				}
				if cs == "" {
					continue
				}
				switch strings.ToLower(strings.TrimSpace(cs)) {
				case "gbk", "gb2312", "gb_2312-80", "x-gbk", "cp936", "gb18030", "euc-cn", "csgb2312":
					return simplifiedchinese.GB18030
				case "utf-8", "utf8":
					return encoding.Nop
				}
				if e, _ := charset.Lookup(cs); e != nil {
					return e
				}
			}
		}
	}
}

// countElements counts the start tags of a page, stopping past MaxHTMLElements: a streaming
// pass that bounds the parse's memory before it is spent.
func countElements(text string) int {
	z := html.NewTokenizer(strings.NewReader(text))
	n := 0
	for n <= MaxHTMLElements {
		switch z.Next() {
		case html.ErrorToken:
			return n
		case html.StartTagToken, html.SelfClosingTagToken:
			n++
		}
	}
	return n
}

// parseHTML parses the page, turning the parser's refusal of a page nested too deeply (its
// panic-free limit of 512 open elements) into a Chinese message.
func parseHTML(text string) (doc *html.Node, err error) {
	doc, err = html.Parse(strings.NewReader(text))
	if err != nil {
		if strings.Contains(err.Error(), "exceeds") {
			return nil, errorf(ErrLimit, "网页的标签嵌套层次过深（超过 512 层），不像是一份年度报告网页，无法读取")
		}
		return nil, errorf(ErrFormat, "网页无法解析，文件可能已损坏。请用浏览器打开后重新保存网页，或复制网页上的文字后导入")
	}
	return doc, nil
}

// skipped reports an element whose content is never shown as text.
func skipped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Head, atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Nav, atom.Select,
		atom.Option, atom.Button, atom.Iframe, atom.Object, atom.Embed, atom.Svg, atom.Math,
		atom.Canvas, atom.Textarea, atom.Input, atom.Audio, atom.Video, atom.Map, atom.Frameset:
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		}
	}
	return false
}

// chrome reports an element that frames the article rather than holds it (links, link
// lists, headers, footers); its text does not count when looking for the article. (A form is
// not chrome: ASP.NET pages wrap everything in one.)
func chrome(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Header, atom.Footer, atom.Aside, atom.A, atom.Label, atom.Ul, atom.Ol:
		return true
	}
	return false
}

// block reports an element that starts and ends a line.
func block(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Ul,
		atom.Ol, atom.Dl, atom.Dt, atom.Dd, atom.Section, atom.Article, atom.Main, atom.Header,
		atom.Footer, atom.Aside, atom.Blockquote, atom.Pre, atom.Hr, atom.Address, atom.Figure,
		atom.Figcaption, atom.Center, atom.Caption, atom.Form, atom.Fieldset, atom.Legend,
		atom.Table, atom.Tr, atom.Body, atom.Html, atom.Details, atom.Summary:
		return true
	}
	return false
}

// page holds what renderPage needs about the document's text.
type page struct {
	weight map[*html.Node]int // runes of non-link, non-chrome text in the subtree
}

// measure computes weight for every element (iteratively: the tree is at most 512 deep, but
// a wide one must not cost more than linear time).
func (p *page) measure(n *html.Node) int {
	if n.Type == html.TextNode {
		w := 0
		for _, r := range n.Data {
			if !isSpace(r) {
				w++
			}
		}
		return w
	}
	if n.Type == html.ElementNode && skipped(n) {
		return 0
	}
	w := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w += p.measure(c)
	}
	if n.Type == html.ElementNode && chrome(n) {
		p.weight[n] = 0
		return 0
	}
	p.weight[n] = w
	return w
}

// article finds the element that holds the report: going down from body while one child
// holds at least 70% of the page's text (a layout table's cell counts as such a child; a data
// table does not: it is part of the article).
func (p *page) article(body *html.Node) *html.Node {
	total := p.weight[body]
	if total == 0 {
		return body
	}
	n := body
	for {
		var best *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (best == nil || p.weight[c] > p.weight[best]) {
				best = c
			}
		}
		if best == nil || p.weight[best]*10 < total*7 {
			return n
		}
		if isTablePart(best.DataAtom) {
			cell := p.heaviestCell(best)
			if cell == nil || p.weight[cell]*10 < total*7 {
				return n
			}
			best = cell
		}
		if !p.container(best) {
			return n
		}
		n = best
	}
}

// container reports an element whose text is spread over at least two child elements,
// after any chain of single-child wrappers: a paragraph or a data cell is where the descent
// stops, its parent holds the article.
func (p *page) container(n *html.Node) bool {
	for {
		k := 0
		var only *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && p.weight[c] > 0 {
				k++
				only = c
			}
		}
		switch {
		case k >= 2:
			return true
		case k == 0:
			return false
		}
		n = only
	}
}

func isTablePart(a atom.Atom) bool {
	switch a {
	case atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr:
		return true
	}
	return false
}

// heaviestCell is the cell of table part t (its own rows, not nested tables') with the most text.
func (p *page) heaviestCell(t *html.Node) *html.Node {
	var best *html.Node
	for _, row := range rows(t) {
		for c := row.FirstChild; c != nil; c = c.NextSibling {
			if isCell(c) && (best == nil || p.weight[c] > p.weight[best]) {
				best = c
			}
		}
	}
	return best
}

func isCell(n *html.Node) bool {
	return n.Type == html.ElementNode && (n.DataAtom == atom.Td || n.DataAtom == atom.Th)
}

// rows lists the rows of a table (or of one of its sections, or a single row), in order.
func rows(t *html.Node) []*html.Node {
	if t.DataAtom == atom.Tr {
		return []*html.Node{t}
	}
	var out []*html.Node
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Tr:
			out = append(out, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			out = append(out, rows(c)...)
		}
	}
	return out
}

// renderPage writes the article of doc, its title first when the article lacks it.
func renderPage(doc *html.Node) string {
	body := find(doc, atom.Body)
	if body == nil {
		body = doc
	}
	p := &page{weight: map[*html.Node]int{}}
	p.measure(body)
	art := p.article(body)
	o := newOutput()
	w := &htmlWriter{out: o}
	w.walk(art)
	w.flush()
	text := o.String()
	if t := pageTitle(doc, art); t != "" && !strings.Contains(firstLines(text, 3), t) {
		text = t + "\n" + text
	}
	return text
}

func firstLines(s string, n int) string {
	end := 0
	for i := 0; i < n; i++ {
		j := strings.IndexByte(s[end:], '\n')
		if j < 0 {
			return s
		}
		end += j + 1
	}
	return s[:end]
}

// find returns the first element a in document order under n.
func find(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, a); f != nil {
			return f
		}
	}
	return nil
}

// pageTitle is the report's title: the CMS's ArticleTitle meta, else the last heading before
// the article that names a 报告, else the page's <title> up to its site suffix. Empty when none
// of them names a 报告.
func pageTitle(doc, art *html.Node) string {
	var meta, heading, title string
	passed := false
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n == art {
			passed = true
			return
		}
		if n.Type == html.ElementNode {
			switch {
			case n.DataAtom == atom.Meta:
				if strings.EqualFold(attr(n, "name"), "ArticleTitle") {
					meta = collapse(attr(n, "content"))
				}
			case n.DataAtom == atom.Title:
				title = collapse(textOf(n))
			case !passed && (n.DataAtom == atom.H1 || n.DataAtom == atom.H2 || n.DataAtom == atom.H3 ||
				strings.Contains(strings.ToLower(attr(n, "class")+attr(n, "id")), "title")):
				if t := collapse(textOf(n)); strings.Contains(t, "报告") && utf8.RuneCountInString(t) <= 80 {
					heading = t
				}
			}
			if skipped(n) && n.DataAtom != atom.Head {
				return
			}
		}
		for c := n.FirstChild; c != nil && !passed; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	if i := strings.IndexAny(title, "_|"); i > 0 {
		title = strings.TrimSpace(title[:i])
	} else if i := strings.Index(title, " - "); i > 0 {
		title = strings.TrimSpace(title[:i])
	}
	for _, t := range []string{meta, heading, title} {
		if strings.Contains(t, "报告") {
			return t
		}
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textOf is all the text under n, skipped elements excluded.
func textOf(n *html.Node) string {
	var b strings.Builder
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if skipped(n) && n.DataAtom != atom.Title {
				return
			}
			if n.DataAtom == atom.Br {
				b.WriteByte('\n')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(n)
	return b.String()
}

// htmlWriter writes the paragraphs and tables of a subtree to out.
type htmlWriter struct {
	out *output
	cur strings.Builder // the text of the line being built
}

func (w *htmlWriter) flush() {
	w.out.line(collapse(w.cur.String()))
	w.cur.Reset()
}

func (w *htmlWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		if skipped(n) {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			w.flush()
			return
		case atom.Table:
			w.flush()
			w.table(n)
			return
		case atom.Td, atom.Th:
			// A cell outside a table's own rows (a layout table being walked): a block.
			w.flush()
			defer w.flush()
		}
		if block(n.DataAtom) {
			w.flush()
			defer w.flush()
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// table writes a data table as rows of cells, or a layout table (a cell holding a table or a
// long text) as the blocks of its cells in order.
func (w *htmlWriter) table(t *html.Node) {
	trs := rows(t)
	var grid [][]string
	layout := false
	for _, tr := range trs {
		var cells []string
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if !isCell(c) || skipped(c) {
				continue
			}
			if find(c, atom.Table) != nil {
				layout = true
				break
			}
			sub := newOutput()
			sw := &htmlWriter{out: sub}
			for k := c.FirstChild; k != nil; k = k.NextSibling {
				sw.walk(k)
			}
			sw.flush()
			text := cellText(strings.Split(sub.String(), "\n"))
			if utf8.RuneCountInString(text) > 400 {
				layout = true
				break
			}
			cells = append(cells, text)
		}
		if layout {
			break
		}
		grid = append(grid, cells)
	}
	if layout {
		for _, tr := range trs {
			for c := tr.FirstChild; c != nil; c = c.NextSibling {
				if isCell(c) {
					w.walk(c)
				}
			}
		}
		return
	}
	if c := find(t, atom.Caption); c != nil && c.Parent == t {
		w.out.line(collapse(textOf(c)))
	}
	for _, cells := range grid {
		w.out.row(cells)
	}
	w.out.gap()
}
