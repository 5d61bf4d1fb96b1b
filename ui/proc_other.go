//go:build !unix && !windows

package ui

import (
	"errors"
	"syscall"
)

// processAlive cannot tell on this system: every lock counts as held, so no window ever
// takes another's autosave.
func processAlive(pid int) bool { return pid > 0 }

// isDiskFull reports a write that failed for lack of space.
func isDiskFull(err error) bool { return errors.Is(err, syscall.ENOSPC) }

// isReadOnly reports a write to a read-only file system.
func isReadOnly(error) bool { return false }

// isNotDir reports a path through something that is not a folder.
func isNotDir(err error) bool { return errors.Is(err, syscall.ENOTDIR) }
