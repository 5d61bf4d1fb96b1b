//go:build unix

package main

import (
	"path/filepath"
	"syscall"
	"testing"
)

func fifo(t *testing.T, dir, name string) string {
	p := filepath.Join(dir, name)
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
