//go:build unix

package fileio

import (
	"os"
	"syscall"
)

// processUmask is read once at start, before any goroutine creates files: reading the
// umask means setting and restoring it.
var processUmask = func() os.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return os.FileMode(m)
}()

// Umask returns the process's file mode creation mask (read once, at start).
func Umask() os.FileMode { return processUmask }

// syncDir makes a rename in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
