package html

import (
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/assets"
	"github.com/nianbao/nianbao/export/outline"
	"github.com/nianbao/nianbao/form"
)

// bundledFontsConf writes the bundled fonts and a fontconfig file naming only them into
// dir and returns the file, so that Chromium sets the CJK text alike on every machine.
func bundledFontsConf(t *testing.T, dir string) string {
	t.Helper()
	fonts := filepath.Join(dir, "fonts")
	if err := os.MkdirAll(fonts, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, r := range []assets.Role{assets.Title, assets.Body, assets.Heading, assets.Kai} {
		if err := os.WriteFile(filepath.Join(fonts, assets.BundledName(r)+".ttf"), assets.Font(r), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	conf := filepath.Join(dir, "fonts.conf")
	text := `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>` + fonts +
		`</dir><cachedir>` + filepath.Join(dir, "fccache") + `</cachedir></fontconfig>`
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return conf
}

// word is a run of text without spaces as pdftotext -bbox-layout finds it on the page:
// a line of a table cell.
type word struct {
	Text       string
	XMin, YMin float64
}

// printedWords prints the page in headless Chromium as a window width px wide would show
// it (an @page rule of that width, added for the test: the page itself has no <style>),
// with the bundled fonts, and returns the words of the PDF. NIANBAO_HTML_OUT=dir keeps
// the PDF as dir/name.pdf.
func printedWords(t *testing.T, name string, page []byte, width int) []word {
	t.Helper()
	bin := chromium(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext not on PATH; CI must install poppler-utils")
		}
		t.Skip("pdftotext not on PATH (install poppler-utils)")
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "page.html"), filepath.Join(dir, "page.pdf")
	rule := "<style>@page{size:" + strconv.Itoa(width) + "px 6000px;margin:0}</style>"
	if err := os.WriteFile(in, []byte(strings.Replace(string(page), "<head>", "<head>"+rule, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--no-pdf-header-footer",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--print-to-pdf="+out, "file://"+in)
	cmd.Env = append(os.Environ(), "HOME="+dir, "FONTCONFIG_FILE="+bundledFontsConf(t, dir))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, b)
	}
	if keep := os.Getenv("NIANBAO_HTML_OUT"); keep != "" {
		b, _ := os.ReadFile(out)
		os.WriteFile(filepath.Join(keep, name+".pdf"), b, 0o644)
	}
	xmlText, err := exec.Command("pdftotext", "-bbox-layout", "-enc", "UTF-8", out, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	d := xml.NewDecoder(strings.NewReader(string(xmlText)))
	d.Strict = false
	var words []word
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "word" {
			continue
		}
		var w word
		for _, a := range se.Attr {
			f, _ := strconv.ParseFloat(a.Value, 64)
			switch a.Name.Local {
			case "xMin":
				w.XMin = f
			case "yMin":
				w.YMin = f
			}
		}
		if err := d.DecodeElement(&w.Text, &se); err == nil {
			words = append(words, w)
		}
	}
	return words
}

// aligned reports whether text occurs in one of the labels starting and ending between
// two of its words.
func aligned(text string, labels [][]string) bool {
	for _, words := range labels {
		for i := range words {
			s := ""
			for j := i; j < len(words) && len(s) < len(text); j++ {
				s += words[j]
				if s == text {
					return true
				}
			}
		}
	}
	return false
}

// occurs reports whether text is part of one of the labels.
func occurs(text string, labels [][]string) bool {
	for _, words := range labels {
		if strings.Contains(strings.Join(words, ""), text) {
			return true
		}
	}
	return false
}

// TestChromiumHeadingsWrap prints the sample of every format in Chromium at the width of
// a CMS column (800 px), of a wide window (1200 px, where the page is 800 px) and of a
// narrow column (600 px), and checks that the column headings and group labels of the
// tables break only between words: no line of a cell reads 「结果维」 over 「持」, 「自然」
// over 「人」 or 「（三）不予公」 over 「开」.
func TestChromiumHeadingsWrap(t *testing.T) {
	for _, f := range form.Formats {
		r := form.Sample(f)
		var labels [][]string
		for _, b := range outline.Blocks(r) {
			if b.Kind != outline.Table {
				continue
			}
			widths := b.Grid.ColumnWidths(100)
			for _, c := range b.Grid.Cells {
				switch {
				case wordCell(c, widths):
					labels = append(labels, outline.LabelWords(c.Text))
				case c.Role == form.RoleRow && c.RowSpan > 1: // set a character a line
					labels = append(labels, strings.Split(c.Text, ""))
				}
			}
		}
		page := write(t, r)
		for _, width := range []int{800, 1200, 600} {
			name := "wrap-" + f.ID + "-" + strconv.Itoa(width)
			words := printedWords(t, name, page, width)
			checked := 0
			for _, w := range words {
				if utf8.RuneCountInString(w.Text) < 1 || !occurs(w.Text, labels) {
					continue
				}
				checked++
				if !aligned(w.Text, labels) {
					t.Errorf("%s at %d px: a table heading line reads %q (at %.0f,%.0f pt): broken inside a word", f.ID, width, w.Text, w.XMin, w.YMin)
				}
			}
			if checked < 40 {
				t.Errorf("%s at %d px: only %d lines of table headings found in the printed page", f.ID, width, checked)
			}
		}
	}
}
