package docx

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/assets"
	"github.com/nianbao/nianbao/export/outline"
	"github.com/nianbao/nianbao/export/outline/outlinetest"
	"github.com/nianbao/nianbao/form"
)

// needTool skips the test when a program is missing, except in CI (CI set), which installs
// them (scripts/deps.sh): there a missing tool fails the test.
func needTool(t *testing.T, name, pkg string, args ...string) {
	t.Helper()
	_, err := exec.LookPath(name)
	if err == nil && len(args) > 0 {
		err = exec.Command(name, args...).Run()
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s not usable (%v); CI must install %s", name, err, pkg)
		}
		t.Skipf("%s not usable (%v): install %s", name, err, pkg)
	}
}

func runTool(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("%s %v: %v\n%s", name, args, err, msg)
	}
	return string(out)
}

// fontsConf makes fontconfig (and so LibreOffice) print the document's faces with the
// bundled fonts of the same style, on any machine: 仿宋 and 小标宋 as Noto Serif SC, 黑体 as
// Noto Sans SC, 楷体 as AR PL KaitiM GB.
const fontsConf = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
%s</fontconfig>
`

const fontAlias = `<match target="pattern"><test name="family"><string>%s</string></test>
<edit name="family" mode="assign" binding="strong"><string>%s</string></edit>%s</match>
`

// convert writes each case as a .docx into a temporary directory and converts them all
// with LibreOffice Writer in one run; it returns the directory. LibreOffice runs with its
// own profile and HOME, with the bundled fonts and aliases for the document's faces in
// that HOME (fontsConf), so that CJK text renders alike, and extracts, on every machine.
func convert(t *testing.T, cases []outlinetest.Case) string {
	t.Helper()
	needTool(t, "soffice", "libreoffice-writer-nogui")
	needTool(t, "pdftotext", "poppler-utils")
	needTool(t, "pdfinfo", "poppler-utils")
	dir := t.TempDir()
	fonts := filepath.Join(dir, ".local", "share", "fonts")
	if err := os.MkdirAll(fonts, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, r := range []assets.Role{assets.Title, assets.Body, assets.Heading, assets.Kai} {
		if err := os.WriteFile(filepath.Join(fonts, assets.BundledName(r)+".ttf"), assets.Font(r), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var aliases strings.Builder
	bold := `<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>`
	for _, a := range []struct{ face, font, extra string }{
		{faceTitle.Name, "Noto Serif SC", bold}, {faceBody.Name, "Noto Serif SC", ""}, {faceLatin.Name, "Noto Serif SC", ""},
		{faceHeading.Name, "Noto Sans SC", ""}, {faceKai.Name, "AR PL KaitiM GB", ""}, {faceSong.Name, "Noto Serif SC", ""},
	} {
		fmt.Fprintf(&aliases, fontAlias, a.face, a.font, a.extra)
	}
	conf := filepath.Join(dir, ".config", "fontconfig")
	if err := os.MkdirAll(conf, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(conf, "fonts.conf"), []byte(fmt.Sprintf(fontsConf, aliases.String())), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--convert-to", "pdf", "--outdir", dir}
	for _, c := range cases {
		f, err := os.Create(filepath.Join(dir, c.Name+".docx"))
		if err != nil {
			t.Fatal(err)
		}
		if err := Write(f, c.Report, Options{}); err != nil {
			t.Fatal(err)
		}
		f.Close()
		args = append(args, c.Name+".docx")
	}
	runTool(t, dir, "soffice", args...)
	if out := os.Getenv("NIANBAO_DOCX_OUT"); out != "" {
		for _, c := range cases {
			for _, ext := range []string{".docx", ".pdf"} {
				if b, err := os.ReadFile(filepath.Join(dir, c.Name+ext)); err == nil {
					os.WriteFile(filepath.Join(out, c.Name+ext), b, 0o644)
				}
			}
		}
	}
	return dir
}

var (
	pageSizeRe = regexp.MustCompile(`Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts`)
	pageNumRe  = regexp.MustCompile(`—\s*\d+\s*—`)
	numberRe   = regexp.MustCompile(`^[-+]?\d+(\.\d+)?$`)
	blankRe    = regexp.MustCompile(`\s+`)
)

// pages returns the text of every page of a PDF, without page numbers.
func pages(t *testing.T, dir, pdf string) []string {
	t.Helper()
	all := runTool(t, dir, "pdftotext", "-enc", "UTF-8", pdf, "-")
	ps := strings.Split(all, "\f")
	if len(ps) > 0 && strings.TrimSpace(ps[len(ps)-1]) == "" {
		ps = ps[:len(ps)-1]
	}
	for i := range ps {
		ps[i] = pageNumRe.ReplaceAllString(ps[i], "")
	}
	return ps
}

func squeeze(s string) string { return blankRe.ReplaceAllString(s, "") }

// box is a word of a PDF page as pdftotext -bbox-layout places it.
type box struct {
	Page                   int
	XMin, YMin, XMax, YMax float64
	Text                   string
}

// wordBoxes returns the words of every page of a PDF with their boxes.
func wordBoxes(t *testing.T, dir, pdf string) []box {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(runTool(t, dir, "pdftotext", "-bbox-layout", "-enc", "UTF-8", pdf, "-")))
	d.Strict = false
	var out []box
	page := -1
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "page":
			page++
		case "word":
			b := box{Page: page}
			for _, a := range se.Attr {
				f, _ := strconv.ParseFloat(a.Value, 64)
				switch a.Name.Local {
				case "xMin":
					b.XMin = f
				case "yMin":
					b.YMin = f
				case "xMax":
					b.XMax = f
				case "yMax":
					b.YMax = f
				}
			}
			var text string
			if err := d.DecodeElement(&text, &se); err == nil {
				b.Text = squeeze(text)
				out = append(out, b)
			}
		}
	}
	return out
}

// findLabel reports whether words show label as the text of one table cell: a chain of
// words, each either right after the previous on its line or on the next line below it
// and overlapping the cell's columns so far.
func findLabel(words []box, label string) bool {
	var chain func(prev []box, rest string) bool
	chain = func(prev []box, rest string) bool {
		if rest == "" {
			return true
		}
		last := prev[len(prev)-1]
		left, right := last.XMin, last.XMax
		for _, p := range prev {
			left, right = math.Min(left, p.XMin), math.Max(right, p.XMax)
		}
		for _, w := range words {
			if w.Page != last.Page || w.Text == "" || !strings.HasPrefix(rest, w.Text) {
				continue
			}
			sameLine := math.Abs(w.YMin-last.YMin) < 2 && w.XMin >= last.XMax-1 && w.XMin <= last.XMax+4
			nextLine := w.YMin > last.YMin+4 && w.YMin < last.YMax+6 && w.XMin < right+1 && w.XMax > left-1
			if (sameLine || nextLine) && chain(append(prev, w), rest[len(w.Text):]) {
				return true
			}
		}
		return false
	}
	for _, w := range words {
		if w.Text != "" && strings.HasPrefix(label, w.Text) && chain([]box{w}, label[len(w.Text):]) {
			return true
		}
	}
	return false
}

// TestLibreOffice opens the documents in LibreOffice Writer, as a reviewer without Word
// would, and checks the printed pages: A4, every heading, every official table label and
// every number of the report present, table 三 on one page, the 落款 never alone.
// NIANBAO_DOCX_OUT=dir keeps the .docx and .pdf files to look at.
func TestLibreOffice(t *testing.T) {
	cases := outlinetest.Reports()
	dir := convert(t, cases)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			pdf := c.Name + ".pdf"
			info := runTool(t, dir, "pdfinfo", "-f", "1", "-l", "1000", pdf)
			sizes := pageSizeRe.FindAllStringSubmatch(info, -1)
			if len(sizes) == 0 {
				t.Fatalf("no pages:\n%s", info)
			}
			for i, s := range sizes {
				if s[1] != "595.304" || s[2] != "841.89" {
					t.Errorf("page %d is %s × %s pt, not A4", i+1, s[1], s[2])
				}
			}
			ps := pages(t, dir, pdf)
			if len(ps) != len(sizes) {
				t.Fatalf("%d page texts for %d pages", len(ps), len(sizes))
			}
			text := squeeze(strings.Join(ps, ""))
			r := c.Report
			var want, labels []string
			for _, b := range outline.Blocks(r) {
				switch b.Kind {
				case outline.Title, outline.Signature:
					want = append(want, b.Lines...)
				case outline.Heading1, outline.Heading2:
					want = append(want, b.Text)
				case outline.Table:
					for _, cell := range b.Grid.Cells {
						if cell.Role != form.RoleValue {
							labels = append(labels, cell.Text)
						}
					}
				}
			}
			for _, w := range want {
				if !strings.Contains(text, squeeze(w)) {
					t.Errorf("the pages lack %q", w)
				}
			}
			words := wordBoxes(t, dir, pdf)
			for _, l := range labels {
				if !findLabel(words, squeeze(l)) {
					t.Errorf("no table cell shows %q", l)
				}
			}
			// Every number of the tables, as often as the tables hold it.
			have := map[string]int{}
			for _, f := range strings.Fields(strings.Join(ps, "\n")) {
				if numberRe.MatchString(f) {
					have[f]++
				}
			}
			need := map[string]int{}
			for _, d := range r.Format.Cells {
				if s := outline.CellText(r, d.Code); s != "" {
					need[s]++
				}
			}
			for n, k := range need {
				if have[n] < k {
					t.Errorf("the number %s is printed %d times, the tables hold it %d times", n, have[n], k)
				}
			}
			// Table 三 on one page: its first and last row labels are on the same page.
			apply := outline.NewGrid(r, r.Format.Table("apply"))
			first, last := "", ""
			for _, cell := range apply.Cells {
				if cell.Role == form.RoleRow {
					if first == "" {
						first = cell.Text
					}
					last = cell.Text
				}
			}
			pageOf := func(s string) int {
				for i, p := range ps {
					if strings.Contains(squeeze(p), squeeze(s)) {
						return i
					}
				}
				return -1
			}
			if a, b := pageOf(first), pageOf(last); a < 0 || a != b {
				t.Errorf("table 三 runs from page %d to page %d", a+1, b+1)
			}
			// No page holds only the 落款.
			if r.Meta.Agency != "" {
				lastPage := squeeze(ps[len(ps)-1])
				sig := squeeze(r.Meta.Agency + r.DateText())
				if strings.Contains(lastPage, sig) && len([]rune(lastPage)) <= len([]rune(sig))+2 {
					t.Errorf("the last page holds only the 落款: %q", lastPage)
				}
			}
			if !strings.Contains(squeeze(ps[0]), squeeze(r.Title())) {
				t.Errorf("page 1 lacks the title")
			}
		})
	}
}

// TestPythonDocx reads the document with python-docx, an independent reader, and compares
// its three tables (merged cells included) with the official layouts.
func TestPythonDocx(t *testing.T) {
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		py = "python3"
	}
	needTool(t, py, "python3-docx", "-c", "import docx")
	script, err := filepath.Abs(filepath.Join("testdata", "tables.py"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cases := outlinetest.Reports()
	args := []string{script}
	for _, c := range cases {
		path := filepath.Join(dir, c.Name+".docx")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := Write(f, c.Report, Options{}); err != nil {
			t.Fatal(err)
		}
		f.Close()
		args = append(args, path)
	}
	var docs [][][]outlinetest.Rect
	if err := json.Unmarshal([]byte(runTool(t, dir, py, args...)), &docs); err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		if len(docs[i]) != 3 {
			t.Errorf("%s: python-docx reads %d tables, want 3", c.Name, len(docs[i]))
			continue
		}
		for j, tb := range c.Report.Format.Tables {
			got, want := outlinetest.SortRects(docs[i][j]), outlinetest.SortRects(outlinetest.LayoutRects(c.Report, tb))
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s %s: python-docx reads\n%v\nwant layout\n%v", c.Name, tb.ID, got, want)
			}
		}
	}
}
