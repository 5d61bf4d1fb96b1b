// Package fileio is the one way nianbao reads and writes a user's file.
//
// Reading: only regular files (symlinks are followed; devices, FIFOs, sockets and folders are
// refused before anything is read), never more than a given number of bytes, and every failure
// an *Error with a Chinese reason that says what to do. Every reader (drafts, workbooks,
// published texts, saved pages, Word and PDF files) goes through it, and limits.go holds the
// one set of limits that bounds them all: bytes, archive parts, rows, columns, nesting depth
// and time.
//
// Writing: Write and WriteFile replace a file atomically (a synced temporary file beside the
// target, then a rename), follow symlinks so the link stays a link, keep the file's mode, and
// remove the temporary files earlier killed saves left behind (RemoveStaleTemps does the same
// for a whole folder, at start-up).
package fileio

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Error says, in Chinese, why a file could not be read.
type Error struct {
	// Path is the file.
	Path string
	// Reason is the Chinese explanation, with what to do where there is something to do.
	Reason string
	// Err is the underlying error, if any.
	Err error
}

// Error names the file and the reason.
func (e *Error) Error() string {
	if e.Path == "" {
		return "无法读取文件：" + e.Reason
	}
	return fmt.Sprintf("无法读取「%s」：%s", filepath.Base(e.Path), e.Reason)
}

// Unwrap returns the underlying error, for errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Err }

// ErrTooLarge is wrapped by the *Error of a file over its limit.
var ErrTooLarge = errors.New("file too large")

// ErrNotRegular is wrapped by the *Error of a folder, device, FIFO or socket.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooDeep is wrapped by the *Error of a file nested deeper than MaxDepth.
var ErrTooDeep = errors.New("nested too deep")

// ErrTooSlow is wrapped by the *Error of a file not read within MaxReadTime.
var ErrTooSlow = errors.New("read took too long")

// Open opens path for reading after checking that it is a regular file of at most max bytes;
// it returns the file and its size. The caller closes the file.
func Open(path string, max int64) (*os.File, int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, 0, statError(path, err)
	}
	if err := checkInfo(path, st, max); err != nil {
		return nil, 0, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, statError(path, err)
	}
	// The file may have been replaced between Stat and Open: check what was opened.
	st, err = f.Stat()
	if err == nil {
		err = checkInfo(path, st, max)
	} else {
		err = &Error{Path: path, Reason: "文件无法读取", Err: err}
	}
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, st.Size(), nil
}

// ReadFile reads the whole regular file at path, refusing it (before reading) when it is
// larger than max bytes, and never reading more than max bytes even if it grows meanwhile.
func ReadFile(path string, max int64) ([]byte, error) {
	f, size, err := Open(path, max)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data := make([]byte, 0, size+1)
	buf := data[:0]
	for {
		if int64(len(buf)) > max {
			return nil, tooLarge(path, max)
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &Error{Path: path, Reason: "读取时出错，请确认文件没有被其他程序占用，或复制到本机后再打开", Err: err}
		}
	}
	if int64(len(buf)) > max {
		return nil, tooLarge(path, max)
	}
	return buf, nil
}

func checkInfo(path string, st fs.FileInfo, max int64) error {
	switch m := st.Mode(); {
	case m.IsDir():
		return &Error{Path: path, Reason: "这是一个文件夹，不是文件，请选择其中的报告文件", Err: ErrNotRegular}
	case !m.IsRegular():
		return &Error{Path: path, Reason: "这不是普通文件（是设备、管道或套接字），无法作为报告读取", Err: ErrNotRegular}
	}
	if st.Size() > max {
		return tooLarge(path, max)
	}
	return nil
}

func tooLarge(path string, max int64) error {
	return &Error{Path: path, Reason: fmt.Sprintf("文件过大（超过 %s），不像是一份年度报告", sizeText(max)), Err: ErrTooLarge}
}

func statError(path string, err error) error {
	reason := "文件无法读取"
	switch {
	case errors.Is(err, fs.ErrNotExist):
		reason = "文件不存在，可能已被移动或删除"
	case errors.Is(err, fs.ErrPermission):
		reason = "没有读取权限，请检查文件权限，或复制到自己的文件夹后再打开"
	}
	return &Error{Path: path, Reason: reason, Err: err}
}

// sizeText prints a byte count for messages: "8 MB", "64 MB", "512 KB".
func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}

// Check reports, without reading it, whether path is a regular file of at most max bytes:
// the *Error Open would give, or nil. A registry calls it before handing a path to a reader.
func Check(path string, max int64) error {
	st, err := os.Stat(path)
	if err != nil {
		return statError(path, err)
	}
	return checkInfo(path, st, max)
}
