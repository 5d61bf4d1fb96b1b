package ui

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/nianbao/nianbao/form"
)

// TestScreenshots renders every step with the software driver when NIANBAO_SHOTS names a
// folder (it is skipped otherwise): a quick look at layouts without an X server.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("NIANBAO_SHOTS")
	if dir == "" {
		t.Skip("set NIANBAO_SHOTS to a folder to render the steps")
	}
	for _, size := range []fyne.Size{{Width: 1366, Height: 728}, {Width: 1024, Height: 700}, {Width: 1920, Height: 1040}} {
		u := newTestUI(t)
		u.win.Resize(size)
		if size.Width == 1024 {
			u.newReport(form.FormatForYear(2020), 2020, "旧格式局") // the 2019 trial format
		}
		tv := u.table(t, 3)
		typeInto(u, tv.cell(t, "apply.1.natural"), "12")
		typeInto(u, tv.cell(t, "apply.1.commercial"), "3a")
		for i := range steps {
			u.showStep(i)
			img := u.win.Canvas().Capture()
			f, err := os.Create(filepath.Join(dir, fmt.Sprintf("test-%dx%d-%d.png", int(size.Width), int(size.Height), i)))
			if err != nil {
				t.Fatal(err)
			}
			if err := png.Encode(f, img); err != nil {
				t.Fatal(err)
			}
			f.Close()
		}
	}
}
