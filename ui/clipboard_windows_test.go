//go:build windows

package ui

import (
	"strings"
	"syscall"
	"testing"
	"unicode/utf16"
	"unsafe"
)

var (
	procGetClipboardData = user32.NewProc("GetClipboardData")
	procGlobalSize       = kernel32.NewProc("GlobalSize")
)

// clipboardBytes reads one format of the clipboard (it must be open).
func clipboardBytes(t *testing.T, format uintptr) []byte {
	h, _, err := procGetClipboardData.Call(format)
	if h == 0 {
		t.Fatalf("GetClipboardData(%d): %v", format, err)
	}
	n, _, _ := procGlobalSize.Call(h)
	p, _, _ := procGlobalLock.Call(h)
	defer procGlobalUnlock.Call(h)
	out := make([]byte, n)
	procMoveMemory.Call(uintptr(unsafe.Pointer(&out[0])), p, n)
	return out
}

// The Win32 clipboard holds the report as "HTML Format" (with the CF_HTML header) and as
// CF_UNICODETEXT with Windows line ends (run under wine in development).
func TestWin32ClipboardHoldsHTMLAndText(t *testing.T) {
	frag := "<table border=\"1\"><tr><td>年报</td></tr></table>"
	if err := copyHTML(frag, "第一行\n第二行"); err != nil {
		t.Fatal(err)
	}
	name, _ := syscall.UTF16PtrFromString("HTML Format")
	format, _, _ := procRegisterClipboardFm.Call(uintptr(unsafe.Pointer(name)))
	if r, _, err := procOpenClipboard.Call(0); r == 0 {
		t.Fatal(err)
	}
	defer procCloseClipboard.Call()
	html := string(clipboardBytes(t, format))
	if want := string(cfHTML(frag)); !strings.HasPrefix(html, want) {
		t.Errorf("HTML Format holds %q", html)
	}
	raw := clipboardBytes(t, cfUnicodeText)
	u := make([]uint16, len(raw)/2)
	for i := range u {
		u[i] = uint16(raw[2*i]) | uint16(raw[2*i+1])<<8
	}
	text := string(utf16.Decode(u))
	if i := strings.IndexByte(text, 0); i >= 0 {
		text = text[:i]
	}
	if text != "第一行\r\n第二行" {
		t.Errorf("CF_UNICODETEXT holds %q", text)
	}
}
