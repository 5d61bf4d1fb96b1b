package ui

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

// processStart tells this process's start, and an ended process not yet reaped (a zombie,
// whose id kill(0) still accepts) as ended.
func TestProcessStart(t *testing.T) {
	if s := processStart(os.Getpid()); s == "" || s == "ended" || s != processStart(os.Getpid()) {
		t.Errorf("this process started %q", s)
	}
	cmd := exec.Command("true")
	if err := cmd.Start(); err != nil {
		t.Skip(err)
	}
	pid := cmd.Process.Pid
	deadline := time.Now().Add(10 * time.Second)
	for processStart(pid) != "ended" && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := processStart(pid); got != "ended" {
		t.Errorf("a zombie started %q, want ended", got)
	}
	if !processAlive(pid) {
		t.Log("the zombie is not alive to kill(0) either")
	}
	cmd.Wait()
}
