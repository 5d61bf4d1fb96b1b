package form

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"
)

// DraftSchema identifies a nianbao draft file; DraftVersion is the newest schema version this
// build reads and the one it writes. docs/file-format.md documents the format.
const (
	DraftSchema  = "nianbao.draft"
	DraftVersion = 1
	// DraftExt is the draft files' extension.
	DraftExt = ".nianbao"
	// maxDraftSize bounds what Load reads: a real draft is a few tens of KB.
	maxDraftSize = 16 << 20
)

// draftFile is the JSON shape of a draft.
type draftFile struct {
	Schema  string            `json:"schema"`
	Version int               `json:"version"`
	Format  string            `json:"format"`
	Saved   string            `json:"saved,omitempty"`
	Meta    Meta              `json:"meta"`
	Text    Text              `json:"text"`
	Cells   map[string]string `json:"cells"`
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

// MarshalDraft encodes r as a draft file (indented JSON, cells keyed by code, empty cells omitted).
func MarshalDraft(r *Report, saved time.Time) ([]byte, error) {
	d := draftFile{Schema: DraftSchema, Version: DraftVersion, Format: r.Format.ID,
		Meta: r.Meta, Text: r.Text, Cells: map[string]string{}}
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

// UnmarshalDraft decodes a draft file. Every failure is a *DraftError with a Chinese reason;
// it never panics, whatever the input.
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
	var head struct {
		Schema  string `json:"schema"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(trimmed, &head); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "unexpected end") {
			return fail("文件已损坏或不完整（可能是保存时被中断），可尝试打开同目录下的 .bak 备份文件", err)
		}
		return fail("这不是年报助手的草稿文件", err)
	}
	if head.Schema != DraftSchema {
		return fail("这不是年报助手的草稿文件", nil)
	}
	if head.Version > DraftVersion {
		return fail(fmt.Sprintf("此文件由更新版本的年报助手保存（文件版本 %d，本程序支持到 %d），请升级年报助手后再打开", head.Version, DraftVersion), nil)
	}
	if head.Version < 1 {
		return fail("文件版本号无效", nil)
	}
	var d draftFile
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if err := dec.Decode(&d); err != nil {
		return fail("文件内容格式不正确："+jsonWhere(err), err)
	}
	f, ok := FormatByID(d.Format)
	if !ok {
		return fail(fmt.Sprintf("未知的报告格式「%s」（支持 2021 和 2019）", d.Format), nil)
	}
	if d.Meta.Year != 0 && !ValidYear(d.Meta.Year) {
		return fail(fmt.Sprintf("报告年度 %d 不合理", d.Meta.Year), nil)
	}
	r := New(f, d.Meta.Year, d.Meta.Agency)
	r.Meta, r.Text = d.Meta, d.Text
	var unknown []string
	for code, text := range d.Cells {
		if err := r.Set(code, text); err != nil {
			var ue *UnknownCodeError
			if errors.As(err, &ue) {
				unknown = append(unknown, code)
			}
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		if len(unknown) > 5 {
			unknown = append(unknown[:5], "…")
		}
		return fail(fmt.Sprintf("文件含有 %s 格式中不存在的单元格：%s", f.ID, strings.Join(unknown, "、")), nil)
	}
	return r, nil
}

func jsonWhere(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("字段「%s」的类型不对", te.Field)
	}
	return err.Error()
}

// LoadDraft reads a draft file from disk.
func LoadDraft(path string) (*Report, error) {
	fh, err := os.Open(path)
	if err != nil {
		reason := "文件无法读取"
		if errors.Is(err, os.ErrNotExist) {
			reason = "文件不存在"
		} else if errors.Is(err, os.ErrPermission) {
			reason = "没有读取权限"
		}
		return nil, &DraftError{Path: path, Reason: reason, Err: err}
	}
	defer fh.Close()
	data, err := io.ReadAll(io.LimitReader(fh, maxDraftSize+1))
	if err != nil {
		return nil, &DraftError{Path: path, Reason: "文件无法读取", Err: err}
	}
	if len(data) > maxDraftSize {
		return nil, &DraftError{Path: path, Reason: "文件过大，不是年报助手的草稿文件"}
	}
	r, err := UnmarshalDraft(data)
	if err != nil {
		var de *DraftError
		if errors.As(err, &de) {
			de.Path = path
		}
		return nil, err
	}
	return r, nil
}

// SaveDraft writes r to path atomically: the data goes to a temporary file in the same
// folder, is synced, and replaces path by rename; the previous version (if any, and not
// empty) is kept as path.bak.
// A crash at any point leaves either the old or the new file complete at path.
func SaveDraft(path string, r *Report) error {
	data, err := MarshalDraft(r, time.Now())
	if err != nil {
		return err
	}
	// An empty file is no version worth keeping: a save dialog creates the file empty before
	// the first save, and an empty .bak would only mislead.
	if old, err := os.ReadFile(path); err == nil && len(bytes.TrimSpace(old)) > 0 {
		if err := WriteFileAtomic(path+".bak", old); err != nil {
			return fmt.Errorf("无法保存备份文件：%w", err)
		}
	}
	return WriteFileAtomic(path, data)
}

// testHookBeforeRename lets tests stop a save between the temp write and the rename.
var testHookBeforeRename func(tmp string)

// WriteFileAtomic writes data to path through a synced temporary file and a rename, so that
// readers see either the old or the new content, never a part. The file keeps the mode of
// the one it replaces; a new file is 0644 less the umask.
func WriteFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return saveErr(path, err)
	}
	name := tmp.Name()
	defer os.Remove(name) // no-op after a successful rename
	// CreateTemp makes a private file; the result keeps the mode of the file it replaces, or
	// gets the usual 0644 (less the umask) of a new document meant to be shared.
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	if runtime.GOOS != "windows" {
		_ = tmp.Chmod(mode &^ umask())
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return saveErr(path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return saveErr(path, err)
	}
	if err := tmp.Close(); err != nil {
		return saveErr(path, err)
	}
	if testHookBeforeRename != nil {
		testHookBeforeRename(name)
	}
	if err := os.Rename(name, path); err != nil {
		return saveErr(path, err)
	}
	if runtime.GOOS != "windows" {
		if d, err := os.Open(dir); err == nil {
			_ = d.Sync()
			d.Close()
		}
	}
	return nil
}

func saveErr(path string, err error) error {
	reason := "保存失败"
	switch {
	case errors.Is(err, os.ErrPermission):
		reason = "保存失败：没有写入权限（文件可能只读或被其他程序占用）"
	case errors.Is(err, os.ErrNotExist):
		reason = "保存失败：文件夹不存在"
	}
	return fmt.Errorf("%s「%s」：%w", reason, path, err)
}
