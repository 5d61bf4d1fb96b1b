//go:build linux || freebsd || openbsd || netbsd

package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// On Linux the HTML goes to xclip as text/html on the clipboard selection; without xclip
// (or without a display) the error says why, for the user's message.
func TestCopyHTMLThroughXclip(t *testing.T) {
	bin := t.TempDir()
	out := filepath.Join(t.TempDir(), "xclip.out")
	script := "#!/bin/sh\necho \"$@\" > " + out + ".args\nexec /bin/cat > " + out + "\n"
	if err := os.WriteFile(filepath.Join(bin, "xclip"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	t.Setenv("DISPLAY", ":99")
	if err := copyHTML("<table border=\"1\"><tr><td>年报</td></tr></table>", "年报"); err != nil {
		t.Fatal(err)
	}
	args, _ := os.ReadFile(out + ".args")
	if strings.TrimSpace(string(args)) != "-selection clipboard -t text/html" {
		t.Errorf("xclip %q", args)
	}
	data, _ := os.ReadFile(out)
	if string(data) != `<meta charset="utf-8"><table border="1"><tr><td>年报</td></tr></table>` {
		t.Errorf("xclip read %q", data)
	}
	t.Setenv("PATH", t.TempDir())
	if err := copyHTML("<b>x</b>", "x"); !errors.Is(err, errNoHTMLClipboard) || !strings.Contains(err.Error(), "xclip") {
		t.Errorf("without xclip: %v", err)
	}
	t.Setenv("PATH", bin)
	t.Setenv("DISPLAY", "")
	if err := copyHTML("<b>x</b>", "x"); !errors.Is(err, errNoHTMLClipboard) {
		t.Errorf("without a display: %v", err)
	}
}
