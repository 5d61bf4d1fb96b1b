//go:build windows && !ci

package main

import (
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

const swMaximize = 3

var showWindow = syscall.NewLazyDLL("user32.dll").NewProc("ShowWindow")

// maximiseWindow maximises a shown window.
func maximiseWindow(w fyne.Window) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		if c, ok := ctx.(driver.WindowsWindowContext); ok && c.HWND != 0 {
			showWindow.Call(c.HWND, swMaximize)
		}
	})
}
