//go:build linux || freebsd || openbsd || netbsd

package ui

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// copyHTML serves the report as text/html on the X clipboard through xclip (UOS, 麒麟 and
// most desktops have it; it serves one type, so the plain text is not offered beside it).
// Without xclip or an X display the caller copies the text instead.
func copyHTML(html, _ string) error {
	if os.Getenv("DISPLAY") == "" {
		return fmt.Errorf("%w（没有 X 显示）", errNoHTMLClipboard)
	}
	xclip, err := exec.LookPath("xclip")
	if err != nil {
		return fmt.Errorf("%w（本机未安装 xclip）", errNoHTMLClipboard)
	}
	// xclip reads the data, then leaves a copy of itself serving the selection until another
	// program takes the clipboard; stdout and stderr stay unset so that Run does not wait for it.
	cmd := exec.Command(xclip, "-selection", "clipboard", "-t", "text/html")
	cmd.Stdin = strings.NewReader(htmlDocument(html))
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%w（xclip 无法运行：%v）", errNoHTMLClipboard, err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("%w（xclip 出错：%v）", errNoHTMLClipboard, err)
		}
		return nil
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		return fmt.Errorf("%w（xclip 没有响应）", errNoHTMLClipboard)
	}
}
