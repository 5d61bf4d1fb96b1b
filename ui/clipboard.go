package ui

import (
	"errors"
	"fmt"
	"strings"
)

// 复制网页版 puts the report on the clipboard as HTML, so that a paste into a CMS rich-text
// editor (the sites' editors are web pages) gives the three tables with their borders.
// Fyne's clipboard holds text only; where the platform lets a program offer HTML, the
// platform's code does (clipboard_windows.go: the Win32 clipboard's "HTML Format" with a
// plain-text fallback; clipboard_unix.go: xclip's text/html), else the text is copied.

// errNoHTMLClipboard says why HTML cannot go on this computer's clipboard; its text ends the
// user's message ("…（本机未安装 xclip）").
var errNoHTMLClipboard = errors.New("本机不支持复制网页格式")

// copyHTMLFunc puts html on the system clipboard, with text as the plain-text form where the
// platform keeps both. It is set per platform; tests replace it.
var copyHTMLFunc = copyHTML

// Messages after 复制网页版.
const (
	copiedHTML = "已复制网页版（含表格），可直接粘贴到网站编辑器。"
	copiedText = "已复制为纯文本（表格的格子以制表符分开）：%s。如需带边框的表格，请「导出 网页」，在网站编辑器中导入或粘贴该网页文件的内容。"
)

// cfHTMLHeader is the header of the Windows clipboard's "HTML Format" (CF_HTML): byte offsets
// from the start of the data, each written with ten digits so that the header's own length
// is known before the offsets are.
const cfHTMLHeader = "Version:0.9\r\nStartHTML:%010d\r\nEndHTML:%010d\r\nStartFragment:%010d\r\nEndFragment:%010d\r\n"

// cfHTML wraps an HTML fragment as the clipboard's "HTML Format": the header with the offsets
// of the document and of the fragment (in bytes of UTF-8), then a document holding the
// fragment between the <!--StartFragment--> and <!--EndFragment--> comments, which is what
// Word, WPS and the browsers' editors paste.
func cfHTML(fragment string) []byte {
	const (
		start = "<html>\r\n<head><meta charset=\"utf-8\"></head>\r\n<body>\r\n<!--StartFragment-->"
		end   = "<!--EndFragment-->\r\n</body>\r\n</html>"
	)
	headerLen := len(fmt.Sprintf(cfHTMLHeader, 0, 0, 0, 0))
	startHTML := headerLen
	startFrag := startHTML + len(start)
	endFrag := startFrag + len(fragment)
	endHTML := endFrag + len(end)
	var b strings.Builder
	b.Grow(endHTML)
	fmt.Fprintf(&b, cfHTMLHeader, startHTML, endHTML, startFrag, endFrag)
	b.WriteString(start)
	b.WriteString(fragment)
	b.WriteString(end)
	return []byte(b.String())
}

// htmlDocument is a fragment as the text/html a Linux clipboard serves: with its charset, so
// that editors do not read the UTF-8 as Latin-1.
func htmlDocument(fragment string) string {
	return "<meta charset=\"utf-8\">" + fragment
}
