//go:build (linux || freebsd || openbsd || netbsd) && !wayland && !ci

package main

/*
#cgo LDFLAGS: -lX11
#include <X11/Xlib.h>

// maximise asks the window manager to maximise window w (EWMH _NET_WM_STATE).
static void maximise(unsigned long w) {
	Display *d = XOpenDisplay(NULL);
	if (d == NULL) return;
	XEvent e = {0};
	e.xclient.type = ClientMessage;
	e.xclient.window = (Window)w;
	e.xclient.message_type = XInternAtom(d, "_NET_WM_STATE", False);
	e.xclient.format = 32;
	e.xclient.data.l[0] = 1; // _NET_WM_STATE_ADD
	e.xclient.data.l[1] = XInternAtom(d, "_NET_WM_STATE_MAXIMIZED_VERT", False);
	e.xclient.data.l[2] = XInternAtom(d, "_NET_WM_STATE_MAXIMIZED_HORZ", False);
	e.xclient.data.l[3] = 1; // a normal application
	XSendEvent(d, DefaultRootWindow(d), False, SubstructureRedirectMask | SubstructureNotifyMask, &e);
	XFlush(d);
	XCloseDisplay(d);
}
*/
import "C"

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// maximiseWindow maximises a shown window (without a window manager nothing happens; the
// window already has the work area's size).
func maximiseWindow(w fyne.Window) {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		if x, ok := ctx.(driver.X11WindowContext); ok && x.WindowHandle != 0 {
			C.maximise(C.ulong(x.WindowHandle))
		}
	})
}
