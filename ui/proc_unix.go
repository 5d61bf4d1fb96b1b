//go:build unix

package ui

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with the id runs (signal 0 checks without
// sending anything; EPERM means it runs under another user).
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// isDiskFull reports a write that failed for lack of space (or quota).
func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// isReadOnly reports a write to a read-only file system.
func isReadOnly(err error) bool { return errors.Is(err, syscall.EROFS) }

// isNotDir reports a path through something that is not a folder.
func isNotDir(err error) bool { return errors.Is(err, syscall.ENOTDIR) }
