package pdf

import (
	"bytes"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/export/outline"
	"github.com/nianbao/nianbao/form"
)

func TestWriteReport(t *testing.T) {
	for _, f := range form.Formats {
		t.Run(f.ID, func(t *testing.T) {
			r := form.Sample(f)
			var buf bytes.Buffer
			opt := testOptions()
			opt.Title, opt.Author = "", ""
			st, err := WriteStats(&buf, r, opt)
			if err != nil {
				t.Fatal(err)
			}
			if st.Replaced != 0 {
				t.Errorf("unexpected replacements %+v", st)
			}
			if buf.Len() > 300<<10 {
				t.Errorf("PDF is %d KB, want ≤ 300 KB", buf.Len()>>10)
			}
			path := filepath.Join(t.TempDir(), "r.pdf")
			os.WriteFile(path, buf.Bytes(), 0o644)
			if dir := os.Getenv("NIANBAO_PDF_OUT"); dir != "" {
				os.WriteFile(filepath.Join(dir, "report-"+f.ID+".pdf"), buf.Bytes(), 0o644)
			}
			needTool(t, "pdftotext")
			text := extractText(t, path)
			want := []string{r.Title(), strings.Join(outline.Paragraphs(r.Text.Opening), "")}
			for _, s := range f.Sections {
				want = append(want, s.Title)
				if s.Number == 1 {
					want = append(want, r.Text.Overview)
					for i, p := range s.Parts {
						want = append(want, p, r.Text.Parts[i])
					}
				}
				if s.Number == 5 {
					want = append(want, r.Text.Problems)
				}
				if s.Number == 6 {
					want = append(want, r.Text.Other)
				}
			}
			want = append(want, r.Meta.Agency, r.DateText())
			assertInOrder(t, text, want)
			// Every table label and every value appears.
			for _, tb := range f.Tables {
				for _, s := range tb.Layout().Spans {
					w := s.Text
					if s.Role == form.RoleValue {
						w = outline.CellText(r, s.Code)
					}
					if !containsInOrder(text, spaces.ReplaceAllString(w, "")) {
						t.Errorf("%s: %q missing", tb.ID, w)
					}
				}
			}
			// A block heading inside a table stays with the block's first row.
			l := f.Tables[0].Layout()
			for i, sp := range l.Spans {
				if sp.Role != form.RoleHeading {
					continue
				}
				var first string
				for _, n := range l.Spans[i+1:] {
					if n.Role == form.RoleRow {
						first = n.Text
						break
					}
				}
				if p := pageOf(t, path, sp.Text); p == 0 || !strings.Contains(pageText(t, path, p), spaces.ReplaceAllString(first, "")) {
					t.Errorf("block heading %q and its first row %q on different pages", sp.Text, first)
				}
			}
			info := runTool(t, "pdfinfo", path)
			if !strings.Contains(info, "Title:           "+r.Title()) {
				t.Errorf("metadata title missing:\n%s", info)
			}
		})
	}
}

// TestWriteEmptyReport exports reports with nothing filled in: the title, every
// section heading and every label of the tables still print, in order.
func TestWriteEmptyReport(t *testing.T) {
	for _, f := range form.Formats {
		t.Run(f.ID, func(t *testing.T) {
			r := form.New(f, 2025, "")
			path := writeReport(t, r)
			needTool(t, "pdftotext")
			text := extractText(t, path)
			want := []string{r.Title()}
			for _, s := range f.Sections {
				want = append(want, s.Title)
			}
			if len(f.Sections) != 6 {
				t.Errorf("%d sections, want 6", len(f.Sections))
			}
			assertInOrder(t, text, want)
			for _, tb := range f.Tables {
				for _, sp := range tb.Layout().Spans {
					if sp.Role != form.RoleValue && !containsInOrder(text, spaces.ReplaceAllString(sp.Text, "")) {
						t.Errorf("%s: label %q missing", tb.ID, sp.Text)
					}
				}
			}
		})
	}
}

// TestNoLineStartsWithClosingPunct typesets a long report whose narrative has punctuation
// at every position and checks that no printed line of text begins with punctuation that
// must not start a line (禁则). Lines are rebuilt from the words' positions (pdftotext
// -bbox): plain pdftotext splits a line at compressed punctuation ("）。") and at the wide
// gaps of a justified line. Text lines start at the left margin or at the first-line
// indent; table cells (where a vertical label prints one character per row) are not text.
func TestNoLineStartsWithClosingPunct(t *testing.T) {
	const forbidden = "，。、；：？！）》」』】”’"
	r := longReport(form.Latest)
	// Runs of punctuation as typed by users: "，，", "。」", "”。", "）。", "“《".
	runs := strings.Repeat("答复，，全年办理。」说明”。（见附件）。依据“《条例》”", 30)
	r.Text.Overview = runs + "\n" + r.Text.Overview
	path := writeReport(t, r)
	needTool(t, "pdftotext")
	lines := textLines(t, path)
	left := map[float64]int{}
	for _, l := range lines {
		left[math.Round(l[0].x)]++
	}
	margin, most := 0.0, 0
	for x, n := range left {
		if n > most || n == most && x < margin {
			margin, most = x, n
		}
	}
	indent := margin + 2*BodySize
	checked := 0
	for _, l := range lines {
		if x := l[0].x; math.Abs(x-margin) > 1 && math.Abs(x-indent) > 1 {
			continue
		}
		checked++
		text := ""
		for _, w := range l {
			text += w.text
		}
		if !strings.ContainsFunc(text, func(r rune) bool { return !isClosing(r) && !isOpening(r) }) {
			t.Errorf("page %d: a line is only punctuation: %q", l[0].page, text)
		}
		if first, _ := utf8.DecodeRuneInString(l[0].text); strings.ContainsRune(forbidden, first) {
			var words []string
			for _, w := range l {
				words = append(words, w.text)
			}
			t.Errorf("page %d: a line starts with %q: %s", l[0].page, first, strings.Join(words, " "))
		}
	}
	if checked < 300 {
		t.Errorf("only %d lines of text checked; the report is not long enough to test line breaking", checked)
	}
}

// writeReport writes r with testOptions to a temporary file and returns its path.
func writeReport(t *testing.T, r *form.Report) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, testOptions()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// word is a word of pdftotext -bbox with its page and top-left corner.
type word struct {
	page int
	x, y float64
	text string
}

var bboxWord = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)"[^>]*>([^<]*)</word>|<page `)

// textLines returns the printed lines of the PDF at path, each its words left to right:
// words of a page whose tops are within 3 pt make one line.
func textLines(t *testing.T, path string) [][]word {
	t.Helper()
	out := runTool(t, "pdftotext", "-bbox", "-enc", "UTF-8", path, "-")
	var words []word
	page := 0
	for _, m := range bboxWord.FindAllStringSubmatch(out, -1) {
		if m[0] == "<page " {
			page++
			continue
		}
		x, _ := strconv.ParseFloat(m[1], 64)
		y, _ := strconv.ParseFloat(m[2], 64)
		words = append(words, word{page: page, x: x, y: y, text: html.UnescapeString(m[3])})
	}
	sort.SliceStable(words, func(i, j int) bool {
		if words[i].page != words[j].page {
			return words[i].page < words[j].page
		}
		return words[i].y < words[j].y
	})
	var lines [][]word
	for i := 0; i < len(words); {
		j := i + 1
		for j < len(words) && words[j].page == words[i].page && words[j].y-words[j-1].y < 3 {
			j++
		}
		l := append([]word(nil), words[i:j]...)
		sort.SliceStable(l, func(a, b int) bool { return l[a].x < l[b].x })
		lines = append(lines, l)
		i = j
	}
	return lines
}

func BenchmarkWriteReport(b *testing.B) {
	r := form.Sample(form.Latest)
	var size int
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := Write(&buf, r, testOptions()); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size)/1024, "KB")
}

// pageOf returns the first page whose text contains s, or 0.
func pageOf(t *testing.T, path, s string) int {
	t.Helper()
	s = spaces.ReplaceAllString(s, "")
	for p := 1; p < 50; p++ {
		txt := pageText(t, path, p)
		if txt == "" {
			return 0
		}
		if strings.Contains(txt, s) {
			return p
		}
	}
	return 0
}

// pageText returns page p's text without spaces ("" past the last page).
func pageText(t *testing.T, path string, p int) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		return ""
	}
	return spaces.ReplaceAllString(string(out), "")
}

// TestExtractedLinesKeepPunctuation: plain pdftotext (what users run, and what copy and
// paste gives) keeps runs of punctuation with their line. Marks narrowed by 标点挤压 are
// drawn from a copy of the font whose advance is halved too; with the full advance the
// glyphs overlap by half an em and pdftotext printed "，" or "。" as lines of their own and
// lines starting "，全年…".
func TestExtractedLinesKeepPunctuation(t *testing.T) {
	needTool(t, "pdftotext")
	d, err := New(testOptions())
	if err != nil {
		t.Fatal(err)
	}
	unit := "答复，，全年办理。」说明”。（见附件）。依据“《条例》”的规定（一）》），"
	for i := 0; i < 12; i++ {
		d.Paragraph(strings.Repeat("全年", i) + strings.Repeat(unit, 3+i))
	}
	path := writePDF(t, d)
	out := runTool(t, "pdftotext", "-enc", "UTF-8", path, "-")
	var text strings.Builder
	lines := 0
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(strings.Trim(l, "\f"))
		if l == "" || pageNumText.MatchString(l) {
			continue
		}
		lines++
		text.WriteString(l)
		if first, _ := utf8.DecodeRuneInString(l); isClosing(first) {
			t.Errorf("line starts with %q: %q", first, l)
		}
		if !strings.ContainsFunc(l, func(r rune) bool { return !isClosing(r) && !isOpening(r) }) {
			t.Errorf("line is only punctuation: %q", l)
		}
	}
	if lines < 100 || !strings.Contains(text.String(), strings.Repeat(unit, 3)) {
		t.Errorf("%d lines; the text does not come back whole", lines)
	}
}
