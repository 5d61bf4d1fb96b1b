package published

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// TestImportsOverviewParts: B3 (一 written part by part with parts left empty) raises no false
// alarm on the seeds and the corpus: it names a part empty only when the published report has
// no heading for it, and it is raised on exactly the reports listed (those that write three
// of the five parts).
func TestImportsOverviewParts(t *testing.T) {
	var files []string
	for _, pat := range []string{"testdata/seed*.txt", "testdata/*.txt", "testdata/corpus/*.txt", "testdata/corpus/*.html"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	sort.Strings(files)
	files = slices.Compact(files)
	if len(files) < 20 {
		t.Fatalf("only %d files", len(files))
	}
	want := []string{
		"02_pingtan_ziranziyuanju_2024.pipes.txt", "08_pingtan_ziranziyuanju_2024_webcopy.txt",
		"10_jiashan_dayunzhen_2024_partial.txt", "D2_pingtan_ziranziyuanju_2024_DERIVED_libreoffice.gaps.txt",
		"D2_pingtan_ziranziyuanju_2024_DERIVED_libreoffice.layout.txt", "D2_pingtan_ziranziyuanju_2024_DERIVED_libreoffice.raw.txt",
	}
	var got []string
	for _, f := range files {
		res, err := ReadFile(f)
		if err != nil {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, mode := range []form.Mode{form.Drafting, form.Final} {
			for _, p := range form.CheckAll(res.Report, nil, mode) {
				if p.Rule != "B3" {
					continue
				}
				if mode == form.Drafting {
					got = append(got, filepath.Base(f))
				}
				for i, title := range res.Report.Format.Sections[0].Parts {
					if !strings.Contains(p.Message, title) {
						continue
					}
					kw := regexp.MustCompile(`[（(][一二三四五][)）]\s*[^。：:；;（(]{0,24}(` + strings.Join(partKeywords[i], "|") + `)`)
					if m := kw.Find(src); m != nil {
						t.Errorf("%s: B3 names %s empty, but the report has the heading %q", f, title, m)
					}
				}
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("B3 raised on\n %q\nwant\n %q", got, want)
	}
}
