package published

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/form/fileio"
	"github.com/nianbao/nianbao/form/published/extract"
)

// Forms of a published report's file other than plain text (FormText), for Result.Form.
const (
	// FormHTML is a saved web page (.html, .htm).
	FormHTML = "网页"
	// FormDOCX is a Word file (.docx).
	FormDOCX = "Word 文档"
	// FormPDF is a PDF file.
	FormPDF = "PDF"
)

// Extensions lists the file types ReadAny opens, for the app's file dialogs.
var Extensions = []string{".txt", ".html", ".htm", ".docx", ".pdf"}

// FormOf names the form ReadAny reads a file as, from its extension (any case): "文本",
// "网页", "Word 文档", "PDF"; "" for a type it does not open. (ReadAny also looks at the
// content: a .doc that is really a saved page or a .docx is read as what it is.)
func FormOf(path string) string {
	return extForms[strings.ToLower(filepath.Ext(path))]
}

// extForms maps the extensions ReadAny opens to their forms.
var extForms = map[string]string{
	".txt": FormText, ".text": FormText,
	".html": FormHTML, ".htm": FormHTML, ".xhtml": FormHTML, ".shtml": FormHTML,
	".docx": FormDOCX,
	".pdf":  FormPDF,
}

// ReadAny reads a published report from a file in the form a clerk has it: a text file
// (.txt, see ReadFile), a saved web page (.html, .htm), a Word file (.docx) or a PDF. The file
// is read through fileio (regular files only, at most fileio.MaxDocument bytes), turned into
// text by package extract and imported by Import. The first warning says which form was read;
// Import's own warnings follow, naming what was left blank.
//
// An old Word file (.doc), a PDF without a text layer and a damaged or hostile file are
// refused with a Chinese message naming the file (a *fileio.Error wrapping an *extract.Error,
// so errors.Is(err, extract.ErrNoText) and the like work).
func ReadAny(path string) (*Result, error) {
	ext := strings.ToLower(filepath.Ext(path))
	switch form := extForms[ext]; {
	case form == FormText:
		return ReadFile(path)
	case form != "", ext == "", refusedExts[ext] != "":
	default:
		return nil, &fileio.Error{Path: path, Reason: "不支持这种文件类型（" + ext + "）。请选择 .txt、.html、.htm、.docx 或 .pdf 文件"}
	}
	f, size, err := fileio.Open(path, fileio.MaxDocument)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := f.ReadAt(head, 0)
	kind := sniff(head[:n], ext)
	var text, form string
	switch kind {
	case FormPDF:
		form = FormPDF
		text, err = extract.PDF(f, size)
	case FormDOCX:
		form = FormDOCX
		text, err = extract.DOCX(f, size)
	case FormHTML:
		form = FormHTML
		text, err = extract.HTML(f)
	case "doc":
		err = &extract.Error{Reason: extract.MsgOldWord, Err: extract.ErrOldWord}
	case "wps":
		err = &extract.Error{Reason: "这是 WPS 文字的 .wps 文件，无法直接读取。请在 WPS 中另存为 .docx 后再打开", Err: extract.ErrOldWord}
	case "mht":
		err = &extract.Error{Reason: "这是“单个文件网页”（.mht），无法直接读取。请在浏览器中打开后另存为“网页，仅 HTML”（.html），或复制网页上的文字后导入", Err: extract.ErrFormat}
	case "rtf":
		err = &extract.Error{Reason: "这是 RTF 格式的文件。请在 Word/WPS 中另存为 .docx 后再打开", Err: extract.ErrOldWord}
	default:
		res, rerr := ReadFile(path)
		if rerr != nil {
			return nil, rerr
		}
		return res, nil
	}
	if err != nil {
		var e *extract.Error
		if errors.As(err, &e) {
			return nil, &fileio.Error{Path: path, Reason: e.Reason, Err: e}
		}
		return nil, &fileio.Error{Path: path, Reason: err.Error(), Err: err}
	}
	res := Import(text)
	res.Form = form
	res.Warnings = append([]string{fromWarning(form)}, res.Warnings...)
	return res, nil
}

// fromWarning is the first warning of a report read from a saved page, Word or PDF file.
func fromWarning(form string) string {
	switch form {
	case FormHTML:
		return "已从网页文件读取：表格和正文取自网页的正文部分，请核对"
	case FormDOCX:
		return "已从 Word 文档读取：表格和正文取自文档，请核对"
	}
	return "已从 PDF 文件读取：表格和正文按文字在页面上的位置重建，请逐项核对数字"
}

// sniff tells what a file is from its first bytes, the extension deciding only where the
// content does not: sites serve saved pages and Word files under each other's names.
func sniff(head []byte, ext string) string {
	lower := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n"))
	switch {
	case bytes.Contains(head[:min(len(head), 1024)], []byte("%PDF-")):
		return FormPDF
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return FormDOCX
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		if ext == ".wps" {
			return "wps"
		}
		return "doc"
	case bytes.HasPrefix(head, []byte(`{\rtf`)):
		return "rtf"
	case bytes.HasPrefix(lower, []byte("mime-version:")) || ext == ".mht" || ext == ".mhtml":
		return "mht"
	case bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) ||
		bytes.Contains(lower, []byte("<html")) && (ext == ".doc" || ext == ""):
		return FormHTML
	}
	if f := extForms[ext]; f != FormText && f != "" {
		return f
	}
	return refusedExts[ext]
}

// refusedExts are the types ReadAny recognizes to say how to convert them.
var refusedExts = map[string]string{".doc": "doc", ".wps": "wps", ".rtf": "rtf", ".mht": "mht", ".mhtml": "mht"}
