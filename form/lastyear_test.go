package form

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSameAgency(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"示例县市场监督管理局", "示例县市场监督管理局", true},
		{"示例县 市场监督管理局", "示例县市场监督管理局", true},
		{"示例县（区）人民政府", "示例县(区)人民政府", true},
		{"ＸＸ市第１中学", "XX市第1中学", true},
		{"　示例县财政局\u3000", "示例县财政局", true},
		{"示例县财政局", "示例县教育局", false},
		{"示例县财政局", "示例市财政局", false},
		{"", "示例县财政局", true},
	} {
		if got := SameAgency(c.a, c.b); got != c.want {
			t.Errorf("SameAgency(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestLastYearWarnings(t *testing.T) {
	for _, c := range []struct {
		name               string
		agency, lastAgency string
		year, lastYear     int
		want               []string
	}{
		{"same", "示例县财政局", "示例县 财政局", 2025, 2024, nil},
		{"other agency", "示例县财政局", "示例县教育局", 2025, 2024,
			[]string{"上年报告的机关是「示例县教育局」，本报告是「示例县财政局」"}},
		{"year unknown", "示例县财政局", "示例县财政局", 2025, 0,
			[]string{"上年报告没有填写报告年度，无法确认它是 2024 年度的"}},
		{"both", "甲", "乙", 2025, 0,
			[]string{"上年报告的机关是「乙」，本报告是「甲」", "上年报告没有填写报告年度，无法确认它是 2024 年度的"}},
	} {
		r := New(Latest, c.year, c.agency)
		last := New(Latest, c.lastYear, c.lastAgency)
		if got := LastYearWarnings(r, last); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// A draft keeps its link to last year's report: relative to its folder when the file is in
// it (the two move together), absolute otherwise; a draft without the link, or with a bad
// one, still opens as an ordinary draft.
func TestDraftKeepsLastYearLink(t *testing.T) {
	dir := t.TempDir()
	other := t.TempDir()
	for _, c := range []struct {
		name, link, stored string
	}{
		{"same folder", filepath.Join(dir, "2024年报.nianbao"), "2024年报.nianbao"},
		{"below", filepath.Join(dir, "上年", "2024.pdf"), "上年/2024.pdf"},
		{"elsewhere", filepath.Join(other, "2024.nianbao"), filepath.ToSlash(filepath.Join(other, "2024.nianbao"))},
	} {
		r := Sample(Latest)
		r.LastYear = c.link
		path := filepath.Join(dir, "2025.nianbao")
		if err := SaveDraft(path, r); err != nil {
			t.Fatal(err)
		}
		if r.LastYear != c.link {
			t.Errorf("%s: SaveDraft changed the report's link to %q", c.name, r.LastYear)
		}
		data, _ := os.ReadFile(path)
		var raw struct {
			LastYear string `json:"lastYear"`
		}
		if err := json.Unmarshal(data, &raw); err != nil || filepath.ToSlash(raw.LastYear) != c.stored {
			t.Errorf("%s: stored %q (%v), want %q", c.name, raw.LastYear, err, c.stored)
		}
		back, err := LoadDraft(path)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if back.LastYear != c.link {
			t.Errorf("%s: loaded link %q, want %q", c.name, back.LastYear, c.link)
		}
	}

	// Without the field (every older draft): no link, not read-only.
	r := Sample(Latest)
	data, _ := MarshalDraft(r, time.Time{})
	if strings.Contains(string(data), "lastYear") {
		t.Error("an empty link was written")
	}
	if back, err := UnmarshalDraft(data); err != nil || back.LastYear != "" {
		t.Errorf("draft without a link: %v %q", err, back.LastYear)
	}
	// A control character in the link: dropped, the draft opens.
	bad := strings.Replace(string(data), `"schema"`, `"lastYear": "a\u0000b", "schema"`, 1)
	if back, err := UnmarshalDraft([]byte(bad)); err != nil || back.LastYear != "" {
		t.Errorf("bad link: %v %q", err, back.LastYear)
	}
	// A newer version's draft keeps its link in the read-only report.
	newer := strings.Replace(string(data), `"version": 1`, `"version": 2, "lastYear": "/x/2024.nianbao"`, 1)
	_, err := UnmarshalDraft([]byte(newer))
	ro, ok := AsReadOnly(err)
	if !ok || ro.Report.LastYear != "/x/2024.nianbao" {
		t.Errorf("newer draft: %v", err)
	}
}
