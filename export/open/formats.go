package open

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/nianbao/nianbao/export/docx"
	"github.com/nianbao/nianbao/export/html"
	"github.com/nianbao/nianbao/export/pdf"
	"github.com/nianbao/nianbao/export/xlsx"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/form/fileio"
	"github.com/nianbao/nianbao/form/published"
)

// The formats. Each reader and writer is the one entry point of its package.
var (
	draftFormat = &Format{ID: "draft", Name: "年报助手草稿", Short: "草稿", Ext: form.DraftExt, Also: []string{".json", ".bak"},
		Read: func(path string) (*Opened, error) {
			r, err := form.LoadDraft(path)
			if r == nil {
				return nil, err
			}
			o := &Opened{Report: r}
			if r.RefusedLink != "" {
				o.Warnings = append(o.Warnings, RefusedLinkNote(r.RefusedLink))
			}
			return o, err
		},
		Write: func(_ context.Context, w io.Writer, r *form.Report, _ Options) (Exported, error) {
			data, err := form.MarshalDraft(r, time.Now())
			if err == nil {
				_, err = w.Write(data)
			}
			return Exported{}, err
		},
		save: form.SaveDraft,
	}
	xlsxFormat = &Format{ID: "xlsx", Name: "Excel 工作簿", Short: "Excel", Ext: ".xlsx",
		Read: func(path string) (*Opened, error) {
			r, ws, err := xlsx.ReadFile(path)
			if err != nil {
				return nil, err
			}
			return &Opened{Report: r, Warnings: xlsx.Lines(ws)}, nil
		},
		Write: writeXLSX,
	}
	pdfFormat  = &Format{ID: "pdf", Name: "PDF 文档", Short: "PDF", Ext: ".pdf", Read: readPublished, Write: writePDF}
	docxFormat = &Format{ID: "docx", Name: "Word 文档", Short: "Word", Ext: ".docx", Also: []string{".doc"}, Read: readPublished,
		Write: func(_ context.Context, w io.Writer, r *form.Report, opt Options) (Exported, error) {
			return Exported{}, docx.Write(w, r, opt.DOCX)
		},
	}
	htmlFormat = &Format{ID: "html", Name: "网页", Short: "网页", Ext: ".html", Also: []string{".htm"}, Read: readPublished,
		Write: func(_ context.Context, w io.Writer, r *form.Report, _ Options) (Exported, error) {
			return Exported{}, html.Write(w, r)
		},
	}
	txtFormat = &Format{ID: "txt", Name: "已发布的报告文本", Short: "文本", Ext: ".txt", Read: readPublished}
)

// Published reports (last year's, as the clerk finds them: a text, a saved web page, a Word
// file or a PDF) are read by package published, through ReadPublished: the command line's
// import, and 打开 and 载入上年报告 in the app (Read: readPublished on txtFormat, htmlFormat,
// docxFormat and pdfFormat; an old .doc is refused by published with the hint to save it as
// .docx).

// ReadPublished reads a published report's file and imports it: a text (a regular file of at
// most fileio.MaxText bytes and fileio.MaxLines lines) here, a web page, Word file or PDF by
// published.ReadAny (through fileio, bounded as well; an old .doc is refused with a hint).
// Errors are Chinese and name the file.
func ReadPublished(path string) (*published.Result, error) {
	if !strings.EqualFold(filepath.Ext(path), ".txt") {
		return published.ReadAny(path)
	}
	data, err := fileio.ReadFile(path, fileio.MaxText)
	if err != nil {
		return nil, err
	}
	if n := bytes.Count(data, []byte("\n")); n > fileio.MaxLines {
		return nil, &fileio.Error{Path: path, Err: fileio.ErrTooLarge,
			Reason: fmt.Sprintf("文字有 %d 行（超过 %d 行），不像是一份年度报告；请只保留报告本身的文字后再导入", n, fileio.MaxLines)}
	}
	res, err := published.Read(data)
	if err != nil {
		return nil, fmt.Errorf("无法读取「%s」：%w", filepath.Base(path), err)
	}
	return res, nil
}

// readPublished is the registry's reader of published reports: the import, kept whole
// (Opened.Import) for its summary and blank rows.
func readPublished(path string) (*Opened, error) {
	res, err := ReadPublished(path)
	if err != nil {
		return nil, err
	}
	return &Opened{Report: res.Report, Warnings: res.Warnings, Import: res}, nil
}

// UnreadableError is returned by Export, before anything is written, when the rendered file
// is one the app could not read back: a workbook too large to reopen or to 汇总. The GUI asks
// the user and, if they go on, exports again with Options.AllowUnreadable; the CLI needs --force.
type UnreadableError struct {
	// Path is the file that was not written.
	Path string
	// Reason is what the reader would say, in Chinese.
	Reason string
	// Err is the reader's error.
	Err error
}

// Error says what would happen and what to do.
func (e *UnreadableError) Error() string {
	return fmt.Sprintf("「%s」导出后，年报助手将无法重新打开或汇总它（%s）。请缩短过长的正文后再导出；如仍要导出，上级将无法用年报助手汇总这份 Excel", filepath.Base(e.Path), e.Reason)
}

// Unwrap returns the reader's error.
func (e *UnreadableError) Unwrap() error { return e.Err }

// unreadable is the note of a workbook written although it cannot be read back.
const unreadable = "这份 Excel 无法被年报助手重新打开或汇总（%s）"

func writeXLSX(_ context.Context, w io.Writer, r *form.Report, opt Options) (Exported, error) {
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, r); err != nil {
		return Exported{}, err
	}
	var notes []string
	if err := xlsx.CheckReadBack(buf.Bytes()); err != nil {
		reason := err.Error()
		var re *xlsx.ReadError
		if errors.As(err, &re) {
			reason = re.Reason
		}
		if !opt.AllowUnreadable {
			return Exported{}, &UnreadableError{Reason: reason, Err: err}
		}
		notes = append(notes, fmt.Sprintf(unreadable, reason))
	}
	_, err := w.Write(buf.Bytes())
	return Exported{Notes: notes}, err
}

// writePDF typesets r with pdf.WriteContext, so that a canceled context stops it between
// pages and opt.PDF.Progress hears of each page. The notes say which font each role used
// (FontNote) and which characters no font has.
func writePDF(ctx context.Context, w io.Writer, r *form.Report, opt Options) (Exported, error) {
	po := opt.PDF
	if po.Subject == "" {
		po.Subject = "政府信息公开工作年度报告"
	}
	if ctx == nil {
		ctx = context.Background()
	}
	st, err := pdf.WriteContext(ctx, w, r, po)
	if err != nil {
		if ctx.Err() != nil {
			return Exported{}, canceledError{ctx.Err()}
		}
		return Exported{}, err
	}
	var notes []string
	if st.Replaced > 0 {
		notes = append(notes, fmt.Sprintf("有 %d 个字符字体中没有，已显示为“□”：%s（可指定含有这些字符的字体）", st.Replaced, strings.TrimSpace(string(st.ReplacedRunes))))
	}
	if fr := st.FontReport(); fr != "" {
		notes = append(notes, FontNote+fr)
	}
	return Exported{Notes: notes, Fonts: st.Fonts}, nil
}

// FontNote starts the note of a PDF export that says which font each role used:
// "PDF 使用的字体：标题：内置思源宋体（粗）；正文：仿宋（系统字体）；…".
const FontNote = "PDF 使用的字体："
