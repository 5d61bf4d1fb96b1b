package form

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form/fileio"
)

// DraftSchema identifies a nianbao draft file; DraftVersion is the newest schema version this
// build reads and the one it writes. docs/file-format.md documents the format.
const (
	DraftSchema  = "nianbao.draft"
	DraftVersion = 1
	// DraftExt is the draft files' extension.
	DraftExt = ".nianbao"
)

// draftFile is the JSON shape of a draft. Cells are decoded as a stream (see decodeCells),
// so that a file cannot make the loader build a map of a million entries.
type draftFile struct {
	Schema  string            `json:"schema"`
	Version int               `json:"version"`
	Format  string            `json:"format"`
	Saved   string            `json:"saved,omitempty"`
	Meta    Meta              `json:"meta"`
	Text    Text              `json:"text"`
	Cells   map[string]string `json:"cells"`
	// LastYear is the file of last year's report the draft was checked against (relative
	// to the draft's folder when it is inside it); optional.
	LastYear string `json:"lastYear,omitempty"`
	// TypedTotals is set when the totals are typed by hand (Report.TypedTotals, the GUI's
	// 手动填写合计); omitted otherwise.
	TypedTotals bool `json:"typedTotals,omitempty"`
	// Summary is set for a 汇总 of units' reports (Report.Summary); omitted otherwise.
	Summary bool `json:"summary,omitempty"`
}

// draftIn is draftFile as read: the cells are decoded separately.
type draftIn struct {
	Schema  string          `json:"schema"`
	Version int             `json:"version"`
	Format  string          `json:"format"`
	Saved   string          `json:"saved,omitempty"`
	Meta    Meta            `json:"meta"`
	Text    Text            `json:"text"`
	Cells   json.RawMessage `json:"cells"`
	// LastYear, TypedTotals, Summary: see draftFile.
	LastYear    string `json:"lastYear,omitempty"`
	TypedTotals bool   `json:"typedTotals,omitempty"`
	Summary     bool   `json:"summary,omitempty"`
}

// DraftError explains in Chinese why a file could not be read as a draft.
type DraftError struct {
	// Path is the file, when known.
	Path string
	// Reason is the Chinese explanation.
	Reason string
	// Err is the underlying error, if any.
	Err error
}

// Error names the file and the reason.
func (e *DraftError) Error() string {
	if e.Path != "" {
		return fmt.Sprintf("无法打开「%s」：%s", filepath.Base(e.Path), e.Reason)
	}
	return "无法读取草稿：" + e.Reason
}

// Unwrap returns the underlying error, for errors.Is and errors.As.
func (e *DraftError) Unwrap() error { return e.Err }

// ReadOnlyError is returned, together with the report, for a draft this version can show but
// must not save over: one written by a newer version of the app (a higher version number, or
// fields this version does not know). Saving it would silently drop what this version does not
// know. A caller that only reads (view, check, export, 汇总, 载入上年报告) takes Report and
// shows Reason; the GUI opens it read-only (保存 disabled, Reason shown); a command that would
// rewrite the file refuses. SaveDraft itself refuses to replace such a file.
type ReadOnlyError struct {
	// Path is the file, when known.
	Path string
	// Report is everything this version could read.
	Report *Report
	// Reason is the Chinese explanation: why the file is read-only and what to do.
	Reason string
	// Version is the file's schema version.
	Version int
	// Unknown lists the fields this version does not know ("meta.region", "cells.x.y").
	Unknown []string
}

// Error names the file and the reason.
func (e *ReadOnlyError) Error() string {
	if e.Path != "" {
		return fmt.Sprintf("「%s」%s", filepath.Base(e.Path), e.Reason)
	}
	return "草稿" + e.Reason
}

// AsReadOnly returns the *ReadOnlyError in err's chain, if there is one.
func AsReadOnly(err error) (*ReadOnlyError, bool) {
	var ro *ReadOnlyError
	ok := errors.As(err, &ro)
	return ro, ok
}

// MarshalDraft encodes r as a draft file (indented JSON, cells keyed by code, empty cells omitted).
func MarshalDraft(r *Report, saved time.Time) ([]byte, error) {
	d := draftFile{Schema: DraftSchema, Version: DraftVersion, Format: r.Format.ID,
		Meta: r.Meta, Text: r.Text, Cells: map[string]string{}, LastYear: r.LastYear,
		TypedTotals: r.TypedTotals, Summary: r.Summary}
	if !saved.IsZero() {
		d.Saved = saved.Format(time.RFC3339)
	}
	for i, c := range r.cells {
		if c.Text != "" {
			d.Cells[r.Format.Cells[i].Code] = c.Text
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// ErrNewerDraft is wrapped by the DraftError of a draft that a newer version of the program
// wrote and this one cannot read at all (callers test it with errors.Is, not by its text).
var ErrNewerDraft = errors.New("draft written by a newer version")

// UnmarshalDraft decodes a draft file. Every failure is a *DraftError with a Chinese reason
// (it never panics, whatever the input), except a draft written by a newer version: that
// comes back as a *ReadOnlyError carrying the report (see ReadOnlyError).
func UnmarshalDraft(data []byte) (*Report, error) {
	fail := func(reason string, err error) (*Report, error) {
		return nil, &DraftError{Reason: reason, Err: err}
	}
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))
	if len(trimmed) == 0 {
		return fail("文件是空的", nil)
	}
	if trimmed[0] != '{' {
		return fail("这不是年报助手的草稿文件（草稿文件扩展名为 "+DraftExt+"）", nil)
	}
	if err := fileio.CheckJSONDepth(trimmed, fileio.MaxDepth); err != nil {
		var fe *fileio.Error
		errors.As(err, &fe)
		return fail(fe.Reason, err)
	}
	var head struct {
		Schema  string `json:"schema"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(trimmed, &head); err != nil {
		var se *json.SyntaxError
		switch {
		case errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected end"):
			return fail("文件不完整（可能是保存时被中断），可尝试打开同一文件夹中的 .bak 备份文件", err)
		case errors.As(err, &se):
			return fail(fmt.Sprintf("文件已损坏（第 %d 个字节附近格式错误），可尝试打开同一文件夹中的 .bak 备份文件", se.Offset), err)
		}
		return fail("这不是年报助手的草稿文件", err)
	}
	if head.Schema != DraftSchema {
		return fail("这不是年报助手的草稿文件", nil)
	}
	if head.Version < 1 {
		return fail("文件版本号无效", nil)
	}
	newer := head.Version > DraftVersion
	upgrade := fmt.Sprintf("此文件由更新版本的年报助手保存（文件版本 %d，本程序支持到 %d），请升级年报助手后再打开", head.Version, DraftVersion)
	var d draftIn
	if err := json.Unmarshal(trimmed, &d); err != nil {
		if newer {
			return fail(upgrade, errors.Join(ErrNewerDraft, err))
		}
		return fail("文件内容格式不正确："+jsonWhere(err), err)
	}
	f, ok := FormatByID(d.Format)
	if !ok {
		if newer {
			return fail(upgrade, ErrNewerDraft)
		}
		return fail(fmt.Sprintf("未知的报告格式「%s」（支持 2021 和 2019）", d.Format), nil)
	}
	if d.Meta.Year != 0 && !ValidYear(d.Meta.Year) {
		return fail(fmt.Sprintf("报告年度 %d 不合理", d.Meta.Year), nil)
	}
	r := New(f, d.Meta.Year, d.Meta.Agency)
	r.Meta, r.Text = d.Meta, d.Text
	r.TypedTotals, r.Summary = d.TypedTotals, d.Summary
	switch {
	case validLink(d.LastYear):
		r.LastYear = d.LastYear
	case d.LastYear != "" && len(d.LastYear) <= maxLink && utf8.ValidString(d.LastYear):
		r.RefusedLink = d.LastYear
	}
	unknownCells, err := decodeCells(d.Cells, r)
	if err != nil {
		return fail(err.Error(), nil)
	}
	if len(unknownCells) > 0 && !newer {
		return fail(fmt.Sprintf("文件含有 %s 格式中不存在的单元格：%s", f.ID, listSome(unknownCells)), nil)
	}
	unknown := unknownFields(trimmed)
	for _, c := range unknownCells {
		unknown = append(unknown, "cells."+c)
	}
	if !newer && len(unknown) == 0 {
		return r, nil
	}
	ro := &ReadOnlyError{Report: r, Version: head.Version, Unknown: unknown}
	what := fmt.Sprintf("由更新版本的年报助手保存（文件版本 %d，本程序支持到 %d）", head.Version, DraftVersion)
	if !newer {
		what = "含有本程序不认识的内容（" + listSome(unknown) + "），可能由更新版本的年报助手保存"
	}
	ro.Reason = what + "，已以只读方式打开：可以查看、检查和导出，但不能保存到这个文件（保存会丢失本程序不认识的内容）。如需修改，请升级年报助手。"
	return r, ro
}

// listSome joins the first five names, sorted, and "…" when there are more.
func listSome(names []string) string {
	names = slices.Clone(names)
	sort.Strings(names)
	if len(names) > 5 {
		names = append(names[:5], "…")
	}
	return strings.Join(names, "、")
}

// decodeCells streams the cells object into r: at most fileio.MaxCells entries are read, and
// the codes r's format lacks are returned.
func decodeCells(raw json.RawMessage, r *Report) (unknown []string, err error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	wrongType := errors.New("文件内容格式不正确：字段「cells」的类型不对")
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, wrongType
	}
	for n := 0; dec.More(); n++ {
		if n == fileio.MaxCells {
			return nil, fmt.Errorf("单元格过多（超过 %d 个），不是年报助手的草稿文件", fileio.MaxCells)
		}
		tok, err := dec.Token()
		code, ok := tok.(string)
		if err != nil || !ok {
			return nil, wrongType
		}
		var text string
		if err := dec.Decode(&text); err != nil {
			return nil, wrongType
		}
		if err := r.Set(code, text); err != nil {
			var ue *UnknownCodeError
			if errors.As(err, &ue) {
				unknown = append(unknown, code)
			}
		}
	}
	return unknown, nil
}

// unknownFields lists the fields of a draft this version does not know, as dotted paths
// ("meta.region"). Cells are checked by decodeCells.
func unknownFields(data []byte) []string {
	var out []string
	var walk func(prefix string, raw json.RawMessage, t reflect.Type)
	walk = func(prefix string, raw json.RawMessage, t reflect.Type) {
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return
		}
		known := map[string]reflect.Type{}
		for i := range t.NumField() {
			sf := t.Field(i)
			name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if name == "" {
				name = sf.Name
			}
			known[name] = sf.Type
		}
		for k, v := range obj {
			ft, ok := known[k]
			if !ok {
				// encoding/json matches names case-insensitively; so does this check.
				for name, t := range known {
					if strings.EqualFold(name, k) {
						ft, ok = t, true
						break
					}
				}
			}
			switch {
			case !ok:
				out = append(out, prefix+k)
			case ft.Kind() == reflect.Struct:
				walk(prefix+k+".", v, ft)
			}
		}
	}
	walk("", data, reflect.TypeFor[draftIn]())
	sort.Strings(out)
	return out
}

func jsonWhere(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return fmt.Sprintf("字段「%s」的类型不对", te.Field)
	}
	return "内容不符合草稿文件的格式"
}

// LoadDraft reads a draft file from disk: a regular file of at most fileio.MaxDraft bytes.
// Failures are *DraftError; a draft of a newer version comes back with a *ReadOnlyError
// carrying the report (see ReadOnlyError).
func LoadDraft(path string) (*Report, error) {
	data, err := fileio.ReadFile(path, fileio.MaxDraft)
	if err != nil {
		var fe *fileio.Error
		if errors.As(err, &fe) {
			return nil, &DraftError{Path: path, Reason: fe.Reason, Err: err}
		}
		return nil, &DraftError{Path: path, Reason: "文件无法读取", Err: err}
	}
	r, err := UnmarshalDraft(data)
	if r != nil && r.LastYear != "" {
		r.LastYear = resolveLink(path, r.LastYear)
	}
	var de *DraftError
	var ro *ReadOnlyError
	switch {
	case errors.As(err, &de):
		de.Path = path
	case errors.As(err, &ro):
		ro.Path = path
	}
	return r, err
}

// SaveDraft writes r to path atomically (fileio.Write: a synced temporary file renamed over
// path; a symlink is followed and stays a link); the previous version (if any, and not empty)
// is kept as path.bak. A crash at any point leaves either the old or the new file complete at
// path. A file at path that this version may only read (a newer draft, see ReadOnlyError) is
// not replaced.
func SaveDraft(path string, r *Report) error {
	if r.LastYear != "" {
		c := *r // the cells are only read
		c.LastYear = relativeLink(path, r.LastYear)
		r = &c
	}
	data, err := MarshalDraft(r, time.Now())
	if err != nil {
		return err
	}
	// An empty file is no version worth keeping: a save dialog creates the file empty before
	// the first save, and an empty .bak would only mislead.
	old, err := fileio.ReadFile(path, fileio.MaxDraft)
	switch {
	case err == nil && len(bytes.TrimSpace(old)) > 0:
		if _, err := UnmarshalDraft(old); err != nil {
			if _, ok := AsReadOnly(err); ok {
				return &fileio.WriteError{Path: path, Reason: "这个文件由更新版本的年报助手保存，本程序不能覆盖它（会丢失新版本的内容）；请另存为其他文件，或升级年报助手", Err: err}
			}
		}
		if err := fileio.WriteFile(path+".bak", old); err != nil {
			return fmt.Errorf("无法保存备份文件：%w", err)
		}
	case err != nil && errors.Is(err, fileio.ErrNotRegular):
		return &fileio.WriteError{Path: path, Reason: "这不是普通文件（是文件夹、设备或管道），不能保存到这里，请另选文件名", Err: err}
	}
	return fileio.WriteFile(path, data)
}

// maxLink bounds the length of a draft's lastYear path.
const maxLink = 4096

// validLink reports whether a draft's lastYear field may be kept: a path of sensible length
// without control characters, either relative and inside the draft's folder (no ".."
// leaving it) or a local absolute path. A draft may come from anyone, and the app reads the
// link on open: a network path (\\host\share, //host/share, \\?\ and \\.\ device paths,
// \??\) would make Windows connect to that host and send the user's credentials (NTLM), and a
// URL (file:, http:, smb:) is no local file. Anything else is dropped, never refused: the
// link is a convenience (UnmarshalDraft keeps a refused one in Report.RefusedLink for a note).
func validLink(p string) bool {
	if p == "" || len(p) > maxLink || !utf8.ValidString(p) {
		return false
	}
	if strings.ContainsFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return false
	}
	sep := func(c byte) bool { return c == '/' || c == '\\' }
	switch {
	case len(p) >= 2 && sep(p[0]) && sep(p[1]): // UNC, //host, \\?\, \\.\
		return false
	case strings.HasPrefix(p, `\??\`) || strings.HasPrefix(p, `/??/`):
		return false
	case urlScheme(p):
		return false
	}
	if isDriveAbs(p) || sep(p[0]) {
		return true // a local absolute path (C:\…, /home/…)
	}
	if len(p) >= 2 && p[1] == ':' {
		return false // C:x, relative to a drive's current folder
	}
	for _, e := range strings.FieldsFunc(p, func(r rune) bool { return r == '/' || r == '\\' }) {
		if e == ".." {
			return false // relative links stay inside the draft's folder
		}
	}
	return true
}

// isDriveAbs reports whether p is a Windows absolute path with a drive letter: C:\ or C:/.
func isDriveAbs(p string) bool {
	return len(p) >= 3 && (p[0]|0x20 >= 'a' && p[0]|0x20 <= 'z') && p[1] == ':' && (p[2] == '\\' || p[2] == '/')
}

// urlScheme reports whether p starts like a URL: a scheme of two or more letters, digits,
// "+", "-" or "." and a colon (file:, http:, smb:); a drive letter (C:) is one letter.
func urlScheme(p string) bool {
	i := strings.IndexByte(p, ':')
	if i < 2 {
		return false
	}
	for j := range i {
		c := p[j]
		if !(c|0x20 >= 'a' && c|0x20 <= 'z' || j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// relativeLink is how a draft at path names the file link: relative to the draft's folder,
// with slashes, when the file is in that folder or below it (the two move together);
// absolute otherwise.
func relativeLink(path, link string) string {
	dir, err1 := filepath.Abs(filepath.Dir(path))
	abs, err2 := filepath.Abs(link)
	if err1 != nil || err2 != nil {
		return link
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return abs
	}
	return filepath.ToSlash(rel)
}

// resolveLink is the file a draft at path names by link (see relativeLink).
func resolveLink(path, link string) string {
	link = filepath.FromSlash(link)
	if filepath.IsAbs(link) {
		return link
	}
	return filepath.Join(filepath.Dir(path), link)
}

// WriteFileAtomic writes data to path through a synced temporary file and a rename, so that
// readers see either the old or the new content, never a part (see fileio.WriteFile: symlinks
// are followed, the mode is kept, stale temporary files are removed, errors are Chinese).
func WriteFileAtomic(path string, data []byte) error { return fileio.WriteFile(path, data) }
