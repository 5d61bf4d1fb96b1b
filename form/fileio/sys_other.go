//go:build !unix

package fileio

import "os"

// Umask returns the process's file mode creation mask: 0 where there is none.
func Umask() os.FileMode { return 0 }

func syncDir(string) {}
