//go:build windows

package ui

import (
	"errors"
	"syscall"
)

const (
	processQueryLimitedInformation = 0x1000
	stillActive                    = 259
	errorAccessDenied              = syscall.Errno(5)
	errorDiskFull                  = syscall.Errno(112)
	errorHandleDiskFull            = syscall.Errno(39)
	errorWriteProtect              = syscall.Errno(19)
)

// processAlive reports whether a process with the id runs: it can be opened and has not
// exited (a process of another user cannot be opened but runs).
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	h, err := syscall.OpenProcess(processQueryLimitedInformation, false, uint32(pid))
	if err != nil {
		return errors.Is(err, errorAccessDenied)
	}
	defer syscall.CloseHandle(h)
	var code uint32
	if err := syscall.GetExitCodeProcess(h, &code); err != nil {
		return true
	}
	return code == stillActive
}

// isDiskFull reports a write that failed for lack of space.
func isDiskFull(err error) bool {
	return errors.Is(err, errorDiskFull) || errors.Is(err, errorHandleDiskFull) || errors.Is(err, syscall.ENOSPC)
}

// isReadOnly reports a write to a write-protected disk.
func isReadOnly(err error) bool { return errors.Is(err, errorWriteProtect) }

// errorDirectory is ERROR_DIRECTORY: the name is not a folder's.
const errorDirectory = syscall.Errno(267)

// isNotDir reports a path through something that is not a folder.
func isNotDir(err error) bool {
	return errors.Is(err, syscall.ENOTDIR) || errors.Is(err, errorDirectory)
}
