package fileio

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"
)

// WriteError says, in Chinese, why a file could not be saved.
type WriteError struct {
	// Path is the file as the caller named it.
	Path string
	// Reason is the Chinese explanation, with what to do.
	Reason string
	// Err is the underlying error, if any.
	Err error
}

// Error names the file and the reason, in Chinese only.
func (e *WriteError) Error() string {
	return fmt.Sprintf("无法保存「%s」：%s", filepath.Base(e.Path), e.Reason)
}

// Unwrap returns the underlying error, for errors.Is and errors.As.
func (e *WriteError) Unwrap() error { return e.Err }

// StaleTempAge is how old a temporary file of an interrupted save must be before a later
// save (or RemoveStaleTemps) deletes it: a save in progress in another window is younger.
const StaleTempAge = 5 * time.Second

// testHookBeforeRename lets tests stop a save between the temporary write and the rename.
var testHookBeforeRename func(tmp string)

// SetTestHookBeforeRename installs a function called with the temporary file's name just
// before it is renamed over the target (tests kill the process there); nil removes it.
func SetTestHookBeforeRename(f func(tmp string)) { testHookBeforeRename = f }

// WriteFile replaces path with data atomically (see Write).
func WriteFile(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write renders a file into a temporary file beside its target (".NAME.*.tmp"), syncs it and
// renames it over the target, so that the target is at every moment either the old file or
// the new one, complete; when render fails, the target is untouched and no temporary file is
// left. render's error is returned as it is; every other failure is a *WriteError.
//
// A symlink is followed: its final target is replaced and the link stays a link. The file
// keeps the mode of the one it replaces (a new file is 0644 less the umask); a read-only
// file, a folder or a device is refused. Temporary files of earlier interrupted saves of the
// same file (older than StaleTempAge) are removed.
func Write(path string, render func(w io.Writer) error) error {
	target, err := resolveLinks(path)
	if err != nil {
		return err
	}
	mode := os.FileMode(0o644) &^ Umask()
	switch st, err := os.Stat(target); {
	case err == nil && st.IsDir():
		return &WriteError{Path: path, Reason: "同名的文件夹已存在，请换一个文件名", Err: syscall.EISDIR}
	case err == nil && !st.Mode().IsRegular():
		return &WriteError{Path: path, Reason: "这不是普通文件（是设备、管道或套接字），不能保存到这里，请另选文件名", Err: ErrNotRegular}
	case err == nil && st.Mode().Perm()&0o200 == 0:
		return &WriteError{Path: path, Reason: "文件是只读的；如要覆盖，请先在文件属性中取消“只读”，或另存为其他文件", Err: fs.ErrPermission}
	case err == nil:
		mode = st.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return writeErr(path, err)
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	removeStale(dir, base, time.Now())
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return writeErr(path, err)
	}
	name := tmp.Name()
	defer os.Remove(name) // no-op after a successful rename
	if runtime.GOOS != "windows" {
		// CreateTemp makes a private file; the result gets the mode of the file it replaces.
		_ = tmp.Chmod(mode)
	}
	fw := &failWriter{w: tmp}
	bw := bufio.NewWriterSize(fw, 64<<10)
	if err := render(bw); err != nil {
		tmp.Close()
		if fw.err != nil {
			return writeErr(path, fw.err) // the disk failed, not the render
		}
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return writeErr(path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return writeErr(path, err)
	}
	if err := tmp.Close(); err != nil {
		return writeErr(path, err)
	}
	if testHookBeforeRename != nil {
		testHookBeforeRename(name)
	}
	if err := os.Rename(name, target); err != nil {
		return writeErr(path, err)
	}
	syncDir(dir)
	return nil
}

// failWriter remembers the first write error, so that a render failing because the disk is
// full is reported as a save failure, in Chinese.
type failWriter struct {
	w   io.Writer
	err error
}

func (f *failWriter) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if err != nil && f.err == nil {
		f.err = err
	}
	return n, err
}

// resolveLinks follows symlinks from path to the file they end at (which need not exist).
func resolveLinks(path string) (string, error) {
	p := path
	for range 40 {
		st, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
		if err != nil {
			return "", writeErr(path, err)
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		dest, err := os.Readlink(p)
		if err != nil {
			return "", writeErr(path, err)
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(p), dest)
		}
		p = dest
	}
	return "", &WriteError{Path: path, Reason: "快捷方式（符号链接）层层相套，无法确定要保存到哪个文件，请另选文件名"}
}

// tempOf reports whether name is a temporary file Write makes for base: ".BASE.DIGITS.tmp".
func tempOf(name, base string) bool {
	mid, ok := strings.CutPrefix(name, "."+base+".")
	if !ok {
		return false
	}
	mid, ok = strings.CutSuffix(mid, ".tmp")
	return ok && digits(mid)
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// removeStale deletes the stale temporary files of base in dir.
func removeStale(dir, base string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if e.Type().IsRegular() && tempOf(e.Name(), base) {
			removeIfStale(filepath.Join(dir, e.Name()), e, now)
		}
	}
}

func removeIfStale(path string, e fs.DirEntry, now time.Time) bool {
	info, err := e.Info()
	if err != nil || now.Sub(info.ModTime()) < StaleTempAge {
		return false
	}
	return os.Remove(path) == nil
}

// RemoveStaleTemps deletes, in dir, the temporary files that saves killed before their
// rename left behind (".NAME.DIGITS.tmp", older than StaleTempAge), and returns how many it
// removed. The app calls it at start-up on its own storage folder (autosaves); saves into
// users' folders clean up after themselves file by file.
func RemoveStaleTemps(dir string) int {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	now, n := time.Now(), 0
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, ".tmp") {
			continue
		}
		stem := strings.TrimSuffix(name[1:], ".tmp")
		i := strings.LastIndexByte(stem, '.')
		if i <= 0 || !tempOf(name, stem[:i]) {
			continue
		}
		if removeIfStale(filepath.Join(dir, name), e, now) {
			n++
		}
	}
	return n
}

// writeReasons says what a failure of the system means for a save, first match wins.
var writeReasons = []struct {
	err    error
	reason string
}{
	{syscall.ENOSPC, "磁盘空间不足，请清理磁盘或另选保存位置"},
	{syscall.EROFS, "磁盘是只读的（如光盘或写保护的 U 盘），请另选保存位置"},
	{syscall.ENAMETOOLONG, "文件名或路径过长，请换一个短一些的文件名或文件夹"},
	{syscall.EISDIR, "同名的文件夹已存在，请换一个文件名"},
	{syscall.ENOTDIR, "路径中有一段不是文件夹，请另选保存位置"},
	{fs.ErrPermission, "没有写入权限（文件夹或文件可能是只读的，或正被 WPS、Excel 等程序打开），请关闭后重试，或另选保存位置"},
	{fs.ErrNotExist, "所在文件夹不存在（可能已被移动或删除），请另选保存位置"},
}

func writeErr(path string, err error) error {
	reason := "保存时出错（文件可能正被其他程序打开），请关闭其他程序后重试，或另选保存位置"
	for _, r := range writeReasons {
		if errors.Is(err, r.err) {
			reason = r.reason
			break
		}
	}
	return &WriteError{Path: path, Reason: reason, Err: err}
}
