//go:build unix

package fileio

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestDevicesRefused: a symlink to /dev/zero or a FIFO would be read forever or block; both
// are refused before anything is read.
func TestDevicesRefused(t *testing.T) {
	dir := t.TempDir()
	zero := filepath.Join(dir, "zero.txt")
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{zero, fifo} {
		if _, err := ReadFile(p, MaxText); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "不是普通文件") {
			t.Errorf("ReadFile(%s) error = %v; want the not-a-regular-file refusal", filepath.Base(p), err)
		}
	}
}
