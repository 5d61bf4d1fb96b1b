package form

import (
	"strings"
	"testing"
	"time"
)

func TestCheckMeta(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(r *Report)
		rules string
		sev   Severity // while drafting; the final check makes it an Error
		inMsg string
	}{
		{"complete", func(r *Report) {}, "", "", ""},
		{"no agency", func(r *Report) { r.Meta.Agency = " " }, "M1", Unfilled, "机关名称"},
		{"no year", func(r *Report) { r.Meta.Year = 0 }, "M2", Unfilled, "报告年度"},
		{"old year", func(r *Report) { r.Meta.Year = 2017 }, "M2", Warning, "2019 年起"},
		{"format of another year", func(r *Report) {
			r.Meta.Year, r.Meta.Date = 2020, "2021-01-20"
			r.Text.Opening = strings.ReplaceAll(r.Text.Opening, "2025年", "2020年")
		}, "M2", Warning, "2020 年度应使用国办公开办函〔2019〕60号"},
		{"no date", func(r *Report) { r.Meta.Date = "" }, "M3", Unfilled, "尚未填写发布日期"},
		{"bad date", func(r *Report) { r.Meta.Date = "2026-13-01" }, "M3", Warning, "发布日期「2026-13-01」不是有效日期：没有13月"},
		{"no such day", func(r *Report) { r.Meta.Date = "2026年2月30日" }, "M3", Warning, "发布日期「2026年2月30日」不是有效日期：2026年2月没有30日（只有28日）"},
		{"not a date", func(r *Report) { r.Meta.Date = "明年一月" }, "M3", Warning, "可写 2026-01-20"},
		{"a date not stored as such", func(r *Report) { r.Meta.Date = "2026/1/20" }, "M3", Warning, "YYYY-MM-DD"},
	} {
		r := Sample(Latest)
		tc.edit(r)
		for _, mode := range []Mode{Drafting, Final} {
			var rules []string
			for _, p := range CheckAll(r, nil, mode) {
				if p.Section != 0 {
					continue
				}
				rules = append(rules, p.Rule)
				want := tc.sev
				if mode == Final && tc.name != "format of another year" {
					want = Error
				}
				if p.Severity != want || !strings.Contains(p.Message, tc.inMsg) || p.Blank != (tc.sev == Unfilled) {
					t.Errorf("%s (mode %d): %+v", tc.name, mode, p)
				}
			}
			if got := strings.Join(rules, ","); got != tc.rules {
				t.Errorf("%s (mode %d): rules %q, want %q", tc.name, mode, got, tc.rules)
			}
		}
	}
}

// TestF1: a 2021-or-later report in the 2019 tables is an error; the 2019 reports of the
// seeds, in their own format, are not. The failing case is seed 003's real 2019 tables
// given a 2023 report year (the shape of real 2023 and 2024 reports that reuse them).
func TestF1(t *testing.T) {
	f19, _ := FormatByID("2019")
	for _, seed := range []string{"testdata/seed000.cells", "testdata/seed003.cells"} {
		r := loadCells(t, f19, seed)
		r.Meta = Meta{Agency: "某局", Year: 2019, Date: "2020-01-10"}
		for _, p := range CheckAll(r, nil, Drafting) {
			if p.Rule == "F1" || p.Rule == "M2" {
				t.Errorf("%s (2019): %s", seed, p.Message)
			}
		}
		r.Meta = Meta{Agency: "某局", Year: 2023, Date: "2024-01-10"}
		var f1 []Problem
		for _, p := range CheckAll(r, nil, Drafting) {
			switch p.Rule {
			case "F1":
				f1 = append(f1, p)
			case "M2":
				t.Errorf("%s (2023): M2 duplicates F1: %s", seed, p.Message)
			}
		}
		if len(f1) != 1 || f1[0].Severity != Error || f1[0].Section != 2 || f1[0].Cells[0] != "active.rules.made" ||
			!strings.Contains(f1[0].Message, "本报告为 2023 年度，表格却是国办公开办函〔2019〕60号（试行）的格式") ||
			!strings.Contains(f1[0].Message, "「（六）其他处理」只有一行") || !strings.Contains(f1[0].Message, "应使用国办公开办函〔2021〕30号的表格") {
			t.Errorf("%s (2023): F1 = %+v", seed, f1)
		}
	}
	// Every real 2021-format report of the corpus passes.
	for _, c := range corpus {
		if c.format != "2021" {
			continue
		}
		for _, p := range CheckAll(c.load(t), nil, Final) {
			if p.Rule == "F1" {
				t.Errorf("%s: %s", c.file, p.Message)
			}
		}
	}
}

// TestD1Dates: the publication date after the end of the report year and by the deadline:
// 1月31日 for departments and township governments, 3月31日 for county-level and higher
// governments. The agencies are those of real reports; their real dates pass.
func TestD1Dates(t *testing.T) {
	for _, tc := range []struct {
		agency string
		year   int
		date   string
		inMsg  string // "" for no D1
	}{
		{"平潭综合实验区综合执法与应急管理局", 2022, "2023-01-05", ""}, // as signed (06)
		{"平潭综合实验区市场监督管理局", 2021, "2022-01-07", ""},    // as signed (04)
		{"平潭综合实验区市场监督管理局", 2021, "2022-01-31", ""},    // the deadline itself
		{"平潭综合实验区市场监督管理局", 2021, "2022-02-01", "晚于公布期限 2022年1月31日：《条例》第五十条要求各行政机关在每年1月31日前"},
		{"平潭综合实验区市场监督管理局", 2021, "2021-12-31", "早于报告年度结束（2021年12月31日）"},
		{"嘉善县大云镇人民政府", 2024, "2025-01-21", ""},                  // as published (10)
		{"嘉善县大云镇人民政府", 2024, "2025-02-10", "晚于公布期限 2025年1月31日"}, // a township: 1月31日
		{"淮安市人民政府", 2024, "2025-03-31", ""},                     // a city government (12): 3月31日
		{"淮安市人民政府", 2024, "2025-04-01", "要求县级以上地方人民政府在每年3月31日前"},
		{"淮安市人民政府办公室", 2024, "2025-03-01", "晚于公布期限 2025年1月31日"}, // a department of it
	} {
		r := Sample(Latest)
		r.Meta = Meta{Agency: tc.agency, Year: tc.year, Date: tc.date}
		r.Text.Opening = ""
		var d1 []string
		for _, p := range CheckAll(r, nil, Drafting) {
			if p.Rule == "D1" {
				d1 = append(d1, p.Message)
				if p.Section != 0 || p.Severity != Warning {
					t.Errorf("%+v", p)
				}
			}
		}
		switch {
		case tc.inMsg == "" && len(d1) > 0:
			t.Errorf("%s %s: false D1 %v", tc.agency, tc.date, d1)
		case tc.inMsg != "" && (len(d1) != 1 || !strings.Contains(d1[0], tc.inMsg)):
			t.Errorf("%s %s: D1 = %v, want %q", tc.agency, tc.date, d1, tc.inMsg)
		}
	}
}

func TestIsGovernment(t *testing.T) {
	for name, want := range map[string]bool{
		"淮安市人民政府": true, "某县人民政府": true, "某区人民政府": true, "某省人民政府": true, "某市政府": true,
		"嘉善县大云镇人民政府": false, "绥滨县连生乡人民政府": false, "淮安市人民政府办公室": false,
		"平潭综合实验区公安局": false, "某街道办事处": false, "人民政府": false, "": false,
	} {
		if IsGovernment(name) != want {
			t.Errorf("IsGovernment(%q) = %v", name, !want)
		}
	}
}

func TestParseYear(t *testing.T) {
	for _, tc := range []struct {
		text string
		year int
		ok   bool
	}{
		{"2025", 2025, true}, {"２０２５", 2025, true}, {" 2025年 ", 2025, true}, {"2025年度", 2025, true},
		{"2019", 2019, true}, {"2018", 2018, false}, {"2101", 2101, false}, {"", 0, false}, {"二〇二五", 0, false}, {"-2025", 0, false},
	} {
		y, err := ParseYear(tc.text)
		if y != tc.year || (err == nil) != tc.ok {
			t.Errorf("ParseYear(%q) = %d, %v", tc.text, y, err)
		}
		if err != nil && err.Error() != "请填写 2019 年以后的四位年份，如 2025" {
			t.Errorf("ParseYear(%q) error %q", tc.text, err)
		}
	}
}

func TestDefaultYear(t *testing.T) {
	for date, want := range map[string]int{"2026-01-05": 2025, "2026-06-30": 2025, "2025-11-30": 2024, "2025-12-01": 2025, "2025-12-31": 2025} {
		now, _ := time.Parse("2006-01-02", date)
		if got := DefaultYear(now); got != want {
			t.Errorf("DefaultYear(%s) = %d, want %d", date, got, want)
		}
	}
}

// TestChineseDate: the signature's date has no zero padding.
func TestChineseDate(t *testing.T) {
	for date, want := range map[string]string{"2026-01-05": "2026年1月5日", "2025-12-31": "2025年12月31日", "2026-10-01": "2026年10月1日"} {
		d, _ := time.Parse("2006-01-02", date)
		if got := ChineseDate(d); got != want {
			t.Errorf("ChineseDate(%s) = %q, want %q", date, got, want)
		}
		r := Report{Meta: Meta{Date: date}}
		if got := r.DateText(); got != want {
			t.Errorf("DateText(%s) = %q, want %q", date, got, want)
		}
	}
	if got := (&Report{Meta: Meta{Date: "2026-1-5"}}).DateText(); got != "" {
		t.Errorf("an unpadded YYYY-M-D date is not the draft format: %q", got)
	}
}

func TestCheckLastYear(t *testing.T) {
	r, last := Sample(Latest), Sample(Latest)
	last.Meta.Year = r.Meta.Year - 1
	if err := CheckLastYear(r, last); err != nil {
		t.Errorf("the year before: %v", err)
	}
	last.Meta.Year = r.Meta.Year - 2
	if err := CheckLastYear(r, last); err == nil || !strings.Contains(err.Error(), "上年报告应为 2024 年度") {
		t.Errorf("two years before: %v", err)
	}
}

func TestValidYear(t *testing.T) {
	for y, want := range map[int]bool{2007: false, 2008: true, 2025: true, 2100: true, 2101: false, 0: false} {
		if ValidYear(y) != want {
			t.Errorf("ValidYear(%d) = %v", y, !want)
		}
	}
}
