package open

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/nianbao/nianbao/form"
)

// RefusedLinkNote says that a draft's link to last year's report was not used: it named a
// network path or a URL (see form.Report.RefusedLink), which the app does not open by itself.
func RefusedLinkNote(link string) string {
	return fmt.Sprintf("草稿中记录的上年报告「%s」是网络路径或网址，为安全起见没有读取，跨年度检查未进行；如需要，请把上年报告复制到本机后重新载入", OneLine(link))
}

// LastYearError says why last year's report a draft links to cannot be used; the checks go
// on without it (the cross-year checks pause).
type LastYearError struct {
	// Path is the file the link names.
	Path string
	// Missing is set when nothing is at Path.
	Missing bool
	// Err is the reader's or form.CheckLastYear's error; nil when Missing.
	Err error
}

// Error names the file and says what is wrong, in Chinese.
func (e *LastYearError) Error() string {
	if e.Missing {
		return "上年报告「" + filepath.Base(e.Path) + "」找不到，跨年度检查暂停"
	}
	return "上年报告「" + filepath.Base(e.Path) + "」无法使用，跨年度检查暂停：" + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *LastYearError) Unwrap() error { return e.Err }

// LastYearOf reads last year's report that r links to (r.LastYear, saved in the draft's
// "lastYear"; a relative link is relative to the folder of draftPath, the file r was read
// from), the one way the desktop app (on open) and nianbao-cli check and export (without
// --last) find it. No link: nil, nil, nil. The notes say which file was used
// (「使用草稿中记录的上年报告：…」), then the reader's notes. A file that is gone, cannot be read or
// cannot be last year's (form.CheckLastYear) is a *LastYearError: the caller goes on
// without the cross-year checks and says so.
func LastYearOf(r *form.Report, draftPath string) (*form.Report, []string, error) {
	if r == nil || r.LastYear == "" {
		return nil, nil, nil
	}
	path := filepath.FromSlash(r.LastYear)
	if !filepath.IsAbs(path) && draftPath != "" {
		path = filepath.Join(filepath.Dir(draftPath), path)
	}
	o, err := Read(path)
	if err == nil {
		err = form.CheckLastYear(r, o.Report)
	}
	if err != nil {
		if _, serr := os.Stat(path); errors.Is(serr, os.ErrNotExist) {
			return nil, nil, &LastYearError{Path: path, Missing: true}
		}
		return nil, nil, &LastYearError{Path: path, Err: err}
	}
	return o.Report, append([]string{"使用草稿中记录的上年报告：" + OneLine(path)}, o.ViewNotes()...), nil
}
