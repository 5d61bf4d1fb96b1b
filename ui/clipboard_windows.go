//go:build windows

package ui

import (
	"fmt"
	"runtime"
	"strings"
	"syscall"
	"time"
	"unicode/utf16"
	"unsafe"
)

var (
	user32                  = syscall.NewLazyDLL("user32.dll")
	kernel32                = syscall.NewLazyDLL("kernel32.dll")
	procOpenClipboard       = user32.NewProc("OpenClipboard")
	procCloseClipboard      = user32.NewProc("CloseClipboard")
	procEmptyClipboard      = user32.NewProc("EmptyClipboard")
	procSetClipboardData    = user32.NewProc("SetClipboardData")
	procRegisterClipboardFm = user32.NewProc("RegisterClipboardFormatW")
	procGlobalAlloc         = kernel32.NewProc("GlobalAlloc")
	procGlobalFree          = kernel32.NewProc("GlobalFree")
	procGlobalLock          = kernel32.NewProc("GlobalLock")
	procGlobalUnlock        = kernel32.NewProc("GlobalUnlock")
	procMoveMemory          = kernel32.NewProc("RtlMoveMemory")
)

const (
	cfUnicodeText = 13
	gmemMoveable  = 0x0002
)

// copyHTML puts the report on the Win32 clipboard twice: as "HTML Format" (CF_HTML, which
// Word, WPS and the browsers' editors paste as tables) and as CF_UNICODETEXT for anything
// else. No cgo: user32 and kernel32 through syscall.
func copyHTML(html, text string) error {
	runtime.LockOSThread() // the clipboard is opened and closed by one thread
	defer runtime.UnlockOSThread()
	name, _ := syscall.UTF16PtrFromString("HTML Format")
	format, _, err := procRegisterClipboardFm.Call(uintptr(unsafe.Pointer(name)))
	if format == 0 {
		return fmt.Errorf("无法注册网页格式（%v）", err)
	}
	// Another program may hold the clipboard for a moment.
	opened := false
	for i := 0; i < 10 && !opened; i++ {
		r, _, _ := procOpenClipboard.Call(0)
		if opened = r != 0; !opened {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if !opened {
		return fmt.Errorf("剪贴板正被其他程序占用")
	}
	defer procCloseClipboard.Call()
	if r, _, err := procEmptyClipboard.Call(); r == 0 {
		return fmt.Errorf("无法清空剪贴板（%v）", err)
	}
	if err := setClipboard(format, append(cfHTML(html), 0)); err != nil {
		return err
	}
	u := utf16.Encode([]rune(strings.ReplaceAll(text, "\n", "\r\n") + "\x00"))
	b := make([]byte, 0, 2*len(u))
	for _, c := range u {
		b = append(b, byte(c), byte(c>>8))
	}
	return setClipboard(cfUnicodeText, b)
}

// setClipboard hands a copy of data to the open clipboard as format; the clipboard owns the
// memory once SetClipboardData succeeds.
func setClipboard(format uintptr, data []byte) error {
	h, _, err := procGlobalAlloc.Call(gmemMoveable, uintptr(len(data)))
	if h == 0 {
		return fmt.Errorf("内存不足（%v）", err)
	}
	p, _, err := procGlobalLock.Call(h)
	if p == 0 {
		procGlobalFree.Call(h)
		return fmt.Errorf("内存不足（%v）", err)
	}
	procMoveMemory.Call(p, uintptr(unsafe.Pointer(&data[0])), uintptr(len(data)))
	procGlobalUnlock.Call(h)
	if r, _, err := procSetClipboardData.Call(format, h); r == 0 {
		procGlobalFree.Call(h)
		return fmt.Errorf("无法写入剪贴板（%v）", err)
	}
	return nil
}
