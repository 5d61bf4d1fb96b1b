//go:build linux

package ui

import (
	"os"
	"strconv"
	"strings"
)

// processStart is when the process with the id started, as /proc/PID/stat gives it (clock
// ticks since boot, field 22), "" when it cannot be told. A zombie (state Z: ended, not yet
// reaped) gives "ended", which matches no lock: a lock names the process by id and start,
// so that a later process given the same id, or a dead one, does not hold it.
func processStart(pid int) string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return ""
	}
	// The command name (field 2) is in parentheses and may hold spaces: fields count from
	// the last ')'.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return ""
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 20 {
		return ""
	}
	if f[0] == "Z" || f[0] == "X" {
		return "ended"
	}
	return f[19] // field 22 of the line: 3 is f[0]
}
