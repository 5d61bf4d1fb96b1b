//go:build windows

package ui

import (
	"strconv"
	"syscall"
)

// processStart is when the process with the id was created (GetProcessTimes, in 100 ns
// since 1601), "" when it cannot be told: a lock names the process by id and start, so that
// a later process given the same id does not hold it.
func processStart(pid int) string {
	h, err := syscall.OpenProcess(processQueryLimitedInformation, false, uint32(pid))
	if err != nil {
		return ""
	}
	defer syscall.CloseHandle(h)
	var created, exited, kernel, user syscall.Filetime
	if err := syscall.GetProcessTimes(h, &created, &exited, &kernel, &user); err != nil {
		return ""
	}
	return strconv.FormatInt(created.Nanoseconds(), 10)
}
