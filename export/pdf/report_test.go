package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

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
			want := []string{r.Title(), paragraphs(r.Text.Opening)}
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
						w = cellText(r, s.Code)
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

// TestWriteEmptyReport exports reports with nothing filled in: every
// section heading and the tables' labels still print, without blank lines
// for the missing text.
func TestWriteEmptyReport(t *testing.T) {
	for _, f := range form.Formats {
		r := form.New(f, 2025, "")
		var buf bytes.Buffer
		if err := Write(&buf, r, testOptions()); err != nil {
			t.Fatalf("%s: %v", f.ID, err)
		}
		if buf.Len() == 0 {
			t.Fatalf("%s: empty output", f.ID)
		}
	}
}

func TestTitleWithBreak(t *testing.T) {
	tests := []struct {
		agency string
		year   int
		want   string
	}{
		{"示例县市场监督管理局", 2025, "示例县市场监督管理局\n2025年政府信息公开工作年度报告"},
		{" 某市 ", 2024, "某市\n2024年政府信息公开工作年度报告"},
		{"", 2024, "2024年政府信息公开工作年度报告"},
	}
	for _, tc := range tests {
		r := form.New(form.Latest, tc.year, tc.agency)
		if got := titleWithBreak(r); got != tc.want {
			t.Errorf("%q: got %q want %q", tc.agency, got, tc.want)
		}
	}
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
