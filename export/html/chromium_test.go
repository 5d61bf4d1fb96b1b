package html

import (
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// chromium returns the path of headless Chromium, skipping the test when there is none,
// except in CI (CI set), which installs it (scripts/deps.sh): there it fails.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium not on PATH; CI must install the chromium package")
	}
	t.Skip("chromium not on PATH (install the chromium package)")
	return ""
}

// screenshot renders the page in headless Chromium, offline, and returns the image;
// NIANBAO_HTML_OUT=dir keeps it as dir/name.png.
func screenshot(t *testing.T, name string, page []byte, width, height int) image.Image {
	t.Helper()
	bin := chromium(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "page.html"), filepath.Join(dir, "shot.png")
	if err := os.WriteFile(in, page, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars", "--disable-dev-shm-usage",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--screenshot="+out,
		"--window-size="+strconv.Itoa(width)+","+strconv.Itoa(height), "file://"+in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, b)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("NIANBAO_HTML_OUT"); dir != "" {
		b, _ := os.ReadFile(out)
		os.WriteFile(filepath.Join(dir, name+".png"), b, 0o644)
	}
	return img
}

func dark(img image.Image, x, y int) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	return (r+g+b)/3 < 0x6000
}

// rules counts the horizontal lines at least minLen pixels long (runs of dark pixels on one
// pixel row; adjacent rows count once) and reports the longest vertical run of dark pixels.
func rules(img image.Image, minLen int) (horizontal, longestVertical int) {
	bounds := img.Bounds()
	prev := false
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		run, found := 0, false
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			if dark(img, x, y) {
				run++
				found = found || run >= minLen
			} else {
				run = 0
			}
		}
		if found && !prev {
			horizontal++
		}
		prev = found
	}
	for x := bounds.Min.X; x < bounds.Max.X; x++ {
		run := 0
		for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
			if dark(img, x, y) {
				run++
				longestVertical = max(longestVertical, run)
			} else {
				run = 0
			}
		}
	}
	return horizontal, longestVertical
}

// TestChromium renders the sample page in Chromium as a visitor of the site would see it and
// checks that the three tables are drawn with borders: a ruled line under every table row
// and long vertical rules. NIANBAO_HTML_OUT=dir keeps the screenshot to look at.
func TestChromium(t *testing.T) {
	r := form.Sample(form.Latest)
	img := screenshot(t, "sample-2021", write(t, r), 1200, 3000)
	rows := 0
	for _, tb := range r.Format.Tables {
		rows += tb.Layout().Rows + 1
	}
	// A row rule spans at least the value columns: half the 800 px page.
	h, v := rules(img, 400)
	t.Logf("%d horizontal rules (table rows + 3 = %d), longest vertical rule %d px", h, rows, v)
	if h < rows*9/10 {
		t.Errorf("%d ruled lines across the page, want about %d (one above and under every table row)", h, rows)
	}
	// The label column of 三 and the table edges run the height of table 三, 28 rows.
	if v < 28*18 {
		t.Errorf("longest vertical rule %d px: the tables have no vertical borders", v)
	}
	// The same page without its borders draws no rules: the count means borders.
	bare := strings.NewReplacer(`border="1"`, "", "border:1px solid #000;", "").Replace(string(write(t, r)))
	if h, _ := rules(screenshot(t, "sample-2021-no-borders", []byte(bare), 1200, 3000), 400); h > 2 {
		t.Errorf("%d ruled lines on the page without borders: the count is not of borders", h)
	}
}
