//go:build !windows && !linux && !freebsd && !openbsd && !netbsd

package ui

// copyHTML is not available here: the caller copies the text.
func copyHTML(string, string) error { return errNoHTMLClipboard }
