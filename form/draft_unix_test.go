//go:build unix

package form

import (
	"path/filepath"
	"syscall"
	"testing"
)

func mkfifo(t *testing.T, dir string) string {
	p := filepath.Join(dir, "fifo"+DraftExt)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
