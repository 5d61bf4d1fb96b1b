package published

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// The r2021_*.txt texts are 2021-format reports written for these tests (testdata/gen2021.py):
// the same figures as a pipe table, a seed-style scrape, a browser copy with tabs, and one
// cell per line; blank cells for the small applicant groups.

// want2021 is the table of the test texts (blank cells left out).
func want2021(research string) map[string]string {
	m := map[string]string{
		"active.rules.issued": "0", "active.rules.repealed": "0", "active.rules.effective": "0",
		"active.normative.issued": "3", "active.normative.repealed": "1", "active.normative.effective": "27",
		"active.license.decisions": "1260", "active.penalty.decisions": "158", "active.coercion.decisions": "12",
		"active.fees.amount": "3.25",
	}
	data := map[string][3]int{"1": {36, 6, 42}, "2": {3, 0, 3}, "3.1": {18, 3, 21}, "3.2": {5, 1, 6}, "3.3.4": {2, 0, 2},
		"3.3.6": {1, 0, 1}, "3.4.1": {6, 1, 7}, "3.4.2": {1, 0, 1}, "3.5.1": {2, 0, 2}, "3.5.2": {1, 0, 1},
		"3.6.1": {1, 0, 1}, "3.7": {37, 5, 42}, "4": {2, 1, 3}}
	f, _ := form.FormatByID("2021")
	for _, d := range f.Cells {
		if d.Table.ID != "apply" {
			continue
		}
		row := strings.TrimSuffix(strings.TrimPrefix(d.Code, "apply."), "."+d.Col.Code)
		v := data[row]
		switch d.Col.Code {
		case "natural":
			m[d.Code] = fmt.Sprint(v[0])
		case "commercial":
			m[d.Code] = fmt.Sprint(v[1])
		case "total":
			m[d.Code] = fmt.Sprint(v[2])
		case "research":
			if research != "" {
				m[d.Code] = research
			}
		}
	}
	for i, v := range []string{"1", "0", "0", "0", "1", "0", "0", "0", "1", "1", "0", "0", "0", "0", "0"} {
		m[f.Cells[len(f.Cells)-15+i].Code] = v
	}
	return m
}

func TestOwn2021(t *testing.T) {
	tests := []struct {
		file     string
		research string
		fees     string
		problems []string // "RULE:cell" of every problem form.Check finds, sorted
	}{
		// The blank cells of the small applicant groups stay blank: one 未填 item (B1) for 三.
		{"r2021_pipes", "", "3.25", []string{"B1:apply.1.research"}},
		{"r2021_seedstyle", "", "3.25", []string{"B1:apply.1.research"}},
		{"r2021_tabs_contradiction", "", "3.25", []string{"B1:apply.1.research", "W4:active.normative.effective", "W4:apply.1.total"}},
		{"r2021_lines_slash", "/", "/", []string{"B1:apply.1.nonprofit"}}, // plus one H5 per "/" cell, counted below
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := importSeed(t, tt.file)
			r := res.Report
			if r.Format.ID != "2021" || r.Meta.Agency != "示例县市场监督管理局" || r.Meta.Year != 2025 || r.Meta.Date != "2026-01-20" {
				t.Errorf("meta = %s %q %d %q", r.Format.ID, r.Meta.Agency, r.Meta.Year, r.Meta.Date)
			}
			if len(res.Warnings) != 0 {
				t.Errorf("warnings on a clean text: %q", res.Warnings)
			}
			want := want2021(tt.research)
			want["active.fees.amount"] = tt.fees
			for i, d := range r.Format.Cells {
				if got := r.At(i).Text; got != want[d.Code] {
					t.Errorf("%s = %q, want %q", d.Code, got, want[d.Code])
				}
			}
			if !strings.HasPrefix(r.Text.Opening, "本报告根据") || !strings.Contains(r.Text.Opening, "0000-1234567") {
				t.Errorf("opening = %q", r.Text.Opening)
			}
			if r.Text.Overview != "2025年，我局深入贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开。" {
				t.Errorf("overview = %q", r.Text.Overview)
			}
			if r.Text.Parts[2] != "完善政府信息公开目录。" || !strings.HasPrefix(r.Text.Parts[4], "全年发生政府信息公开行政复议") {
				t.Errorf("parts = %q", r.Text.Parts)
			}
			if r.Text.Problems != "政策解读形式较为单一，下一步将丰富解读形式。" || r.Text.Other != "本年度未收取信息处理费。" {
				t.Errorf("五, 六 = %q, %q", r.Text.Problems, r.Text.Other)
			}
			var got []string
			h5 := 0
			for _, p := range form.Check(r, nil) {
				if p.Rule == "H5" {
					h5++
					continue
				}
				got = append(got, p.Rule+":"+p.Cells[0])
			}
			sort.Strings(got)
			if strings.Join(got, " ") != strings.Join(tt.problems, " ") {
				t.Errorf("problems = %v, want %v", got, tt.problems)
			}
			wantH5 := 0
			if tt.research == "/" {
				wantH5 = 25 + 1 // the research column of 三, and the fee amount
			}
			if h5 != wantH5 {
				t.Errorf("%d H5 errors, want %d", h5, wantH5)
			}
		})
	}
}

// TestContradictionMessage: the W4 message quotes the sentence and names the cell.
func TestContradictionMessage(t *testing.T) {
	r := importSeed(t, "r2021_tabs_contradiction").Report
	var msgs []string
	for _, p := range form.CheckText(r) {
		msgs = append(msgs, p.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, w := range []string{"第一部分称“全年共收到政府信息公开申请40件，", "「一、本年新收政府信息公开申请数量」行「总计」列为 42",
		"现行有效行政规范性文件25件", "「行政规范性文件」行「现行有效件数」列为 27"} {
		if !strings.Contains(all, w) {
			t.Errorf("W4 messages lack %q:\n%s", w, all)
		}
	}
}

// TestDecode: GBK, UTF-16 and BOM texts import like UTF-8; binary and broken input is refused.
func TestDecode(t *testing.T) {
	data, err := os.ReadFile("testdata/r2021_pipes.txt")
	if err != nil {
		t.Fatal(err)
	}
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range string(data) {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	gbk := toGBK(t, string(data))
	tests := []struct {
		name, enc string
		in        []byte
		err       string
	}{
		{"utf8", "UTF-8", data, ""},
		{"bom", "UTF-8", append([]byte{0xEF, 0xBB, 0xBF}, data...), ""},
		{"gbk", "GB18030", gbk, ""},
		{"utf16", "UTF-16", utf16, ""},
		{"binary", "", []byte("PK\x03\x04\x00\x01"), "不是文本文件"},
		{"noise", "", []byte{0x81, 0x20, 0xFF, 0xFE, 0x81, 0x81, 0x30, 0x20, 0xFF}, "无法识别"},
	}
	for _, tt := range tests {
		res, err := Read(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: err %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if res.Encoding != tt.enc || res.Report.Meta.Agency != "示例县市场监督管理局" || res.Cells != len(want2021("")) {
			t.Errorf("%s: encoding %s, agency %q, %d cells", tt.name, res.Encoding, res.Report.Meta.Agency, res.Cells)
		}
	}
}
