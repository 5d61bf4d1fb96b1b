package open

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/export/docx"
	"github.com/nianbao/nianbao/export/pdf"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/form/fileio"
)

// Options configure the writers.
type Options struct {
	// PDF are the PDF writer's options: fonts, page numbers (the title, author and subject
	// default to the report's).
	PDF pdf.Options
	// DOCX are the Word writer's options.
	DOCX docx.Options
	// AllowUnreadable writes a workbook even when the app could not read it back (the user
	// was told by an *UnreadableError and chose to go on); the result's notes say so.
	AllowUnreadable bool
}

// ExportError says why an export failed; the target file is untouched.
type ExportError struct {
	// Path is the file that was not written; Format its format.
	Path   string
	Format *Format
	// Err is the writer's error.
	Err error
}

// Error names the file and the reason.
func (e *ExportError) Error() string {
	return fmt.Sprintf("无法导出「%s」：%v", filepath.Base(e.Path), e.Err)
}

// Unwrap returns the writer's error.
func (e *ExportError) Unwrap() error { return e.Err }

// ErrCanceled is wrapped by the error of an export canceled through its context.
var ErrCanceled = errors.New("已取消导出，文件没有写入")

// panicError is a writer's panic: a Chinese message, the value kept for developers.
type panicError struct {
	msg   string
	value any
}

func (e *panicError) Error() string { return e.msg }

// canceledError is ErrCanceled with the context's error as its cause; its message is Chinese.
type canceledError struct{ cause error }

func (e canceledError) Error() string        { return ErrCanceled.Error() }
func (e canceledError) Is(target error) bool { return target == ErrCanceled }
func (e canceledError) Unwrap() error        { return e.cause }

// Exported is what an export wrote, for the user: its notes and, for a PDF, its fonts.
type Exported struct {
	// Notes (Chinese) say what the user should know about the file written; for a PDF they
	// include the fonts in words (FontNote).
	Notes []string
	// Fonts are the font each role of a PDF used (pdf.Stats.Fonts); nil for other formats.
	Fonts []pdf.FontUse
}

// FontsNote is the note that says a PDF's fonts in words (FontNote, then every role), or ""
// for other formats.
func (e Exported) FontsNote() string {
	if len(e.Fonts) == 0 {
		return ""
	}
	return FontNote + pdf.Stats{Fonts: e.Fonts}.FontReport()
}

// OtherNotes are the notes but the fonts' (FontsNote), for a front end that lists Fonts.
func (e Exported) OtherNotes() []string {
	fonts := e.FontsNote()
	var out []string
	for _, n := range e.Notes {
		if fonts == "" || n != fonts {
			out = append(out, n)
		}
	}
	return out
}

// Export writes r to path in the format of its extension (see ExportAs).
func Export(ctx context.Context, path string, r *form.Report, opt Options) (notes []string, err error) {
	f := ForExt(path)
	if f == nil || f.Write == nil {
		var exts []string
		for _, w := range Writers() {
			exts = append(exts, w.Ext)
		}
		return nil, &ExportError{Path: path, Err: fmt.Errorf("不能导出为「%s」文件，可导出的文件类型为 %s", filepath.Ext(path), strings.Join(exts, "、"))}
	}
	return ExportAs(ctx, f, path, r, opt)
}

// ExportAs writes r to path as format f, atomically: the file is rendered into a temporary
// file beside path and renamed over it only when complete (fileio.Write), so that a failing
// or canceled writer leaves the old file, or none, and never half a file. Drafts are saved
// with form.SaveDraft (a .bak of the previous version). The notes say what the user should
// know about the file written. Errors: *UnreadableError (a workbook the app could not read
// back; nothing written), *fileio.WriteError (the disk), *ExportError (the writer), or one
// wrapping ErrCanceled and ctx.Err().
func ExportAs(ctx context.Context, f *Format, path string, r *form.Report, opt Options) (notes []string, err error) {
	e, err := ExportFile(ctx, f, path, r, opt)
	return e.Notes, err
}

// ExportFile is ExportAs returning the whole Exported: the notes and a PDF's fonts, for a
// front end that shows the fonts by role rather than in one note (nianbao-cli export).
func ExportFile(ctx context.Context, f *Format, path string, r *form.Report, opt Options) (exp Exported, err error) {
	if ctx == nil {
		ctx = context.Background()
	}
	canceled := func() error {
		if err := ctx.Err(); err != nil {
			return canceledError{err}
		}
		return nil
	}
	if err := canceled(); err != nil {
		return Exported{}, err
	}
	if r == nil || r.Format == nil {
		return Exported{}, &ExportError{Path: path, Format: f, Err: errors.New("没有可导出的报告")}
	}
	if f.save != nil {
		return Exported{}, f.save(path, r)
	}
	var renderErr error
	err = fileio.Write(path, func(w io.Writer) (err error) {
		defer func() {
			if p := recover(); p != nil {
				renderErr = &panicError{msg: "生成" + f.Short + "时程序出错，请把报告草稿发给年报助手的开发者", value: p}
				err = renderErr
			}
		}()
		exp, renderErr = f.Write(ctx, w, r, opt)
		if renderErr == nil {
			renderErr = canceled()
		}
		return renderErr
	})
	var ue *UnreadableError
	switch {
	case err == nil:
		return exp, nil
	case errors.As(err, &ue):
		ue.Path = path
		return Exported{}, ue
	case errors.Is(err, ErrCanceled):
		return Exported{}, err
	case err == renderErr:
		return Exported{}, &ExportError{Path: path, Format: f, Err: err}
	}
	return Exported{}, err
}
