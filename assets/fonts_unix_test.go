//go:build unix

package assets

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFontFIFO: a FIFO named like a font, in a font folder or chosen by the user, is
// refused at once; opening it for reading would wait for a writer for ever.
func TestFontFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "simfang.ttf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	saved := systemFontDirs
	defer func() { systemFontDirs = saved }()
	systemFontDirs = func() []string { return []string{dir} }

	type result struct {
		sys     string
		found   bool
		pickErr error
	}
	done := make(chan result, 1)
	go func() {
		var r result
		r.sys, r.found = SystemFont(Body)
		_, r.pickErr = Pick(Kai, map[Role]string{Kai: fifo}, true)
		done <- r
	}()
	select {
	case r := <-done:
		if r.found {
			t.Errorf("SystemFont chose the FIFO %s", r.sys)
		}
		if r.pickErr == nil || !strings.Contains(r.pickErr.Error(), "simfang.ttf") || !strings.Contains(r.pickErr.Error(), "不是普通文件") {
			t.Errorf("Pick of a FIFO: %v, want a Chinese message naming the file", r.pickErr)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("looking at a FIFO named simfang.ttf hangs")
	}
}
