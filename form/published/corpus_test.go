package published

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// expected is a corpus sidecar (testdata/corpus/*.expected.json): a hand reading of a real
// published report's tables, its real errors and notes.
type expected struct {
	Year        int                `json:"year"`
	Agency      string             `json:"agency"`
	Format      string             `json:"format"`
	Complete    bool               `json:"complete_tables"`
	Cells       map[string]float64 `json:"cells"`
	KnownErrors []string           `json:"known_errors"`
}

func readExpected(t testing.TB, name string) expected {
	t.Helper()
	data, err := os.ReadFile("testdata/corpus/" + name + ".expected.json")
	if err != nil {
		t.Fatal(err)
	}
	var e expected
	if err := json.Unmarshal(data, &e); err != nil {
		t.Fatal(err)
	}
	return e
}

// coverage counts how the expected cells of a corpus report were imported.
type coverage struct {
	exact, blankNoted, blankSilent, wrong int
	wrongCells                            []string
	silentCells                           []string
}

func (c coverage) String() string {
	n := c.exact + c.blankNoted + c.blankSilent + c.wrong
	return fmt.Sprintf("%3d/%3d exact (%5.1f%%), %3d blank with note, %d blank without note, %d WRONG",
		c.exact, n, 100*float64(c.exact)/math.Max(1, float64(n)), c.blankNoted, c.blankSilent, c.wrong)
}

// measure compares the imported cells with the expected ones.
func measure(res *Result, e expected) coverage {
	var c coverage
	r := res.Report
	noted := map[string]bool{}
	for _, b := range res.Blanks {
		for _, code := range b.Codes {
			noted[code] = true
		}
	}
	for code, want := range e.Cells {
		cell, ok := r.Cell(code)
		switch {
		case !ok || cell.Blank:
			if noted[code] {
				c.blankNoted++
			} else {
				c.blankSilent++
				c.silentCells = append(c.silentCells, code)
			}
		case cell.OK() && math.Abs(cell.Value.Float()-want) < 1e-9:
			c.exact++
		default:
			c.wrong++
			c.wrongCells = append(c.wrongCells, fmt.Sprintf("%s=%q (want %v)", code, cell.Text, want))
		}
	}
	return c
}

// identityErrors lists "RULE:cell" for every identity H1-H4 whose cells are all numbers and
// that does not hold (a blank is not a zero: an identity with a blank cell is not evaluated).
func identityErrors(r *form.Report) []string {
	var out []string
	for _, e := range r.Format.Equations {
		get := func(c int) (form.Num, bool) {
			cell := r.At(c)
			return cell.Value, cell.OK()
		}
		if ok, known := evalEquation(e, get); known && !ok {
			out = append(out, e.Rule+":"+r.Format.Cells[e.Left[0]].Code)
		}
	}
	sort.Strings(out)
	return out
}

// corpusCase is one real published report of testdata/corpus read in one shape.
type corpusCase struct {
	in, exp string
	// exact is the least number of expected cells that must be read exactly (what is read
	// today; a change that reads fewer fails).
	exact int
	// errors are the report's real identity errors ("RULE:cell"), found on the cells read.
	errors []string
	// warn are substrings the warnings must hold (the report's real oddities).
	warn []string
	// blank maps a cell code to a substring of the reason its row is blank.
	blank map[string]string
	// partial is the start of Result.Partial for a text cut short.
	partial string
}

var corpusCases = []corpusCase{
	// Saved pages turned into the readers' convention ("|" cells, a line per row).
	{in: "01_pingtan_shenpiju_2023.pipes.txt", exp: "01_pingtan_shenpiju_2023", exact: 200},
	{in: "02_pingtan_ziranziyuanju_2024.pipes.txt", exp: "02_pingtan_ziranziyuanju_2024", exact: 200},
	// Archived page.txt: the whole report on one line, labels and numbers run together.
	{in: "03_pingtan_gonganju_2024.txt", exp: "03_pingtan_gonganju_2024", exact: 200},
	{in: "04_pingtan_shijianju_2021.txt", exp: "04_pingtan_shijianju_2021", exact: 183,
		warn: []string{"「行政规范性文件」：数字连在一起（「6045」），有 2 种拆法都说得通（6 / 0 / 45；60 / 4 / 5），无法确定"},
		blank: map[string]string{"apply.3.6.2.total": "没有找到数值", "apply.3.6.3.natural": "没有找到数值",
			"active.normative.issued": "6045", "active.normative.effective": "6045"}},
	// 行政规范性文件700 may be 7 / 0 / 0 or 70 / 0 with an empty cell, and table 二 has no identity
	// to tell: blank with a note.
	{in: "05_pingtan_shehuishiyeju_2025.txt", exp: "05_pingtan_shehuishiyeju_2025", exact: 194,
		warn:  []string{"「主动公开政府信息情况表」的「规章」：文中未找到这一行", "「行政规范性文件」：数字连在一起（「700」），只拆得出 7 / 0 / 0，但这一行没有可核对的勾稽关系"},
		blank: map[string]string{"active.rules.issued": "文中未找到这一行", "active.normative.issued": "没有可核对的勾稽关系"}},
	{in: "06_pingtan_zhifayingjiju_2022.txt", exp: "06_pingtan_zhifayingjiju_2022", exact: 200},
	{in: "07_pingtan_shenpiju_2024.txt", exp: "07_pingtan_shenpiju_2024", exact: 200, errors: []string{"H4:review.admin.total"},
		warn: []string{"「15621」），有 6 种拆法；按正文“2024年，我局废止规范性文件6件", "取 15 / 6 / 21",
			"「100000000000000」），只有一种拆法", "拆出的数不满足表内的勾稽关系——原文如此"}},
	// Browser copies.
	{in: "08_pingtan_ziranziyuanju_2024_webcopy.txt", exp: "08_pingtan_ziranziyuanju_2024_webcopy", exact: 200},
	{in: "09_pingtan_shenpiju_2023_webcopy_tabs.txt", exp: "09_pingtan_shenpiju_2023_webcopy_tabs", exact: 200},
	// Web excerpts cut short.
	{in: "10_jiashan_dayunzhen_2024_partial.txt", exp: "10_jiashan_dayunzhen_2024_partial",
		partial: "文本在「(三)政府信息管理情况」处结束，第一部分后半、第二至六部分缺失", blank: map[string]string{"apply.1.total": "文本在「(三)政府信息管理情况」处结束"}},
	{in: "11_suibin_lianshengxiang_2024_partial.txt", exp: "11_suibin_lianshengxiang_2024_partial", exact: 6,
		partial: "文本在「第二十条第（五）项」处结束，第二部分后半、第三至六部分缺失", blank: map[string]string{"active.license.decisions": "文本在「第二十条第（五）项」处结束"}},
	// The real WPS PDF as pdftotext gives it: laid out, in reading order, and with "|" at the
	// column gaps (the shape of the PDF reader); wrapped row labels around their numbers.
	{in: "12_huaian_city_gov_2024.layout.txt", exp: "12_huaian_city_gov_2024", exact: 200},
	{in: "12_huaian_city_gov_2024.gaps.txt", exp: "12_huaian_city_gov_2024", exact: 200},
	{in: "12_huaian_city_gov_2024.raw.txt", exp: "12_huaian_city_gov_2024", exact: 185,
		blank: map[string]string{"review.admin.total": "数字与表头文字交错"}},
	// PDFs made from 01 and 02 by Chromium and LibreOffice (not as published).
	{in: "D1_pingtan_shenpiju_2023_DERIVED_chromium.layout.txt", exp: "D1_pingtan_shenpiju_2023_DERIVED_chromium", exact: 200},
	{in: "D1_pingtan_shenpiju_2023_DERIVED_chromium.gaps.txt", exp: "D1_pingtan_shenpiju_2023_DERIVED_chromium", exact: 200},
	{in: "D1_pingtan_shenpiju_2023_DERIVED_chromium.raw.txt", exp: "D1_pingtan_shenpiju_2023_DERIVED_chromium", exact: 130},
	{in: "D2_pingtan_ziranziyuanju_2024_DERIVED_libreoffice.layout.txt", exp: "D2_pingtan_ziranziyuanju_2024_DERIVED_libreoffice", exact: 200},
	{in: "D2_pingtan_ziranziyuanju_2024_DERIVED_libreoffice.gaps.txt", exp: "D2_pingtan_ziranziyuanju_2024_DERIVED_libreoffice", exact: 200},
	{in: "D2_pingtan_ziranziyuanju_2024_DERIVED_libreoffice.raw.txt", exp: "D2_pingtan_ziranziyuanju_2024_DERIVED_libreoffice", exact: 108},
}

// TestCorpus imports every real report of testdata/corpus and compares with the hand readings:
// every expected cell is read exactly or left blank with a note naming its row, never wrong;
// the report's real errors are found and no other identity fails; the narrative lands in its
// sections. It prints the coverage of each file.
func TestCorpus(t *testing.T) {
	total := map[string]*coverage{"text": {}, "pdf text": {}, "pages": {}}
	for _, tc := range corpusCases {
		t.Run(tc.in, func(t *testing.T) {
			res, err := ReadFile("testdata/corpus/" + tc.in)
			if err != nil {
				t.Fatal(err)
			}
			e := readExpected(t, tc.exp)
			r := res.Report
			c := measure(res, e)
			t.Logf("%s", c)
			kind := "text"
			switch {
			case strings.Contains(tc.in, "pipes"):
				kind = "pages"
			case strings.HasPrefix(tc.in, "12_") || strings.HasPrefix(tc.in, "D"):
				kind = "pdf text"
			}
			sum := total[kind]
			sum.exact, sum.blankNoted, sum.blankSilent, sum.wrong = sum.exact+c.exact, sum.blankNoted+c.blankNoted, sum.blankSilent+c.blankSilent, sum.wrong+c.wrong
			if c.wrong > 0 {
				t.Errorf("WRONG numbers: %v", c.wrongCells)
			}
			if c.blankSilent > 0 {
				t.Errorf("blank without a note: %v", c.silentCells)
			}
			if c.exact < tc.exact {
				t.Errorf("%d cells read exactly, want at least %d", c.exact, tc.exact)
			}
			if r.Format.ID != e.Format || r.Meta.Year != e.Year {
				t.Errorf("format %s year %d, want %s %d", r.Format.ID, r.Meta.Year, e.Format, e.Year)
			}
			if agency, _, _ := strings.Cut(e.Agency, " ("); tc.partial == "" && r.Meta.Agency != agency {
				t.Errorf("agency %q, want %q", r.Meta.Agency, agency)
			}
			// The report's real errors and no other: by the checker (which evaluates an
			// identity only when all its cells are numbers) and by the identities directly.
			var checked []string
			for _, p := range form.CheckAll(r, nil, form.Drafting) {
				if strings.Contains("H1 H2 H3 H4", p.Rule) {
					checked = append(checked, p.Rule+":"+p.Cells[0])
				}
			}
			sort.Strings(checked)
			if got := identityErrors(r); strings.Join(got, " ") != strings.Join(tc.errors, " ") || strings.Join(checked, " ") != strings.Join(tc.errors, " ") {
				t.Errorf("identity errors %v, CheckAll %v, want %v", got, checked, tc.errors)
			}
			all := strings.Join(res.Warnings, "\n")
			for _, w := range tc.warn {
				if !strings.Contains(all, w) {
					t.Errorf("warnings lack %q:\n%s", w, all)
				}
			}
			reasons := map[string]string{}
			summary := strings.Join(res.Summary(), "\n")
			for _, b := range res.Blanks {
				if line := "「" + b.Row + "」：" + b.Reason; !strings.Contains(summary, line) && !strings.HasPrefix(b.Reason, "文本在") {
					t.Errorf("the summary does not list %q:\n%s", line, summary)
				}
				for _, code := range b.Codes {
					reasons[code] = b.Reason
				}
			}
			for code, want := range tc.blank {
				if cell, _ := r.Cell(code); !cell.Blank || !strings.Contains(reasons[code], want) {
					t.Errorf("%s = %q, reason %q; want blank because %q", code, cell.Text, reasons[code], want)
				}
			}
			if !strings.HasPrefix(res.Partial, tc.partial) || (tc.partial == "") != (res.Partial == "") {
				t.Errorf("partial = %q, want %q", res.Partial, tc.partial)
			}
			if tc.partial != "" {
				return
			}
			// A complete report: each part of the narrative in its section.
			one := r.Text.Section(1)
			for _, s := range []string{"第二十条第", "本年新收政府信息公开申请数量", "存在的主要问题及", "其他需要报告的事项"} {
				if strings.Contains(one, s) {
					t.Errorf("一 holds %q", s)
				}
			}
			if one == "" || r.Text.Problems == "" || !strings.Contains(r.Text.Other, "费") {
				t.Errorf("一 %d chars, 五 %q, 六 %q", len(one), excerpt(r.Text.Problems, 20), r.Text.Other)
			}
		})
	}
	for _, k := range []string{"text", "pages", "pdf text"} {
		t.Logf("%-8s %s", k, total[k])
	}
}
