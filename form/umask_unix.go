//go:build unix

package form

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

// umask returns the process's file mode creation mask.
func umask() os.FileMode { return processUmask }
