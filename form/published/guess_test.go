package published

import (
	"os"
	"strings"
	"testing"
)

// TestGuessMeta: a report without title, statistics period or signature gets its year from
// a publication date at the top (January–March of Y: year Y−1) or from the first
// "YYYY年，我局…" sentence, and its agency from the footer's 主办单位; each guess is a warning.
func TestGuessMeta(t *testing.T) {
	body := "2019年，我局认真贯彻落实《条例》。\n全年主动公开信息20条。\n"
	tests := []struct {
		name   string
		text   string
		year   int
		agency string
		warn   []string // substrings of the warnings
	}{
		{"date in January", "(2020年1月3日)\n" + body, 2019, "", []string{"报告年度 2019 是根据开头的发布日期 2020年1月3日 推测的", "无法确定机关名称"}},
		{"date in March wins over body", "2021年3月31日\n" + strings.Replace(body, "2019", "2018", 1), 2020, "", []string{"发布日期 2021年3月31日"}},
		{"date in June: body", "2020年6月1日\n" + body, 2019, "", []string{"报告年度 2019 是根据正文「2019年，我局认真贯彻…」推测的"}},
		{"date far down: body", strings.Repeat("前言。\n", 12) + "(2021年1月3日)\n" + body, 2019, "", []string{"根据正文"}},
		{"body only", body, 2019, "", []string{"根据正文"}},
		{"本单位", "2024年,本单位严格执行条例。\n", 2024, "", []string{"根据正文"}},
		{"year without 我局", "2019年，全市共受理申请20件。\n", 0, "", []string{"无法确定报告年度"}},
		{"no hint", "全年主动公开信息20条。\n", 0, "", []string{"无法确定报告年度", "无法确定机关名称"}},
		{"footer host", body + "主办单位：某某市城市管理局 技术支持：某某市信息中心\n", 2019, "某某市城市管理局", []string{"机关名称「某某市城市管理局」是根据网页底部的「主办单位」推测的"}},
		{"footer 主办", body + "主办:某某县人民政府办公室｜承办:某某县大数据中心\n", 2019, "某某县人民政府办公室", []string{"推测"}},
		{"title wins", "某某区教育局2023年政府信息公开工作年度报告\n(2024年1月5日)\n" + body + "主办单位：某某区人民政府\n", 2023, "某某区教育局", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Import(tc.text)
			r := res.Report
			if r.Meta.Year != tc.year || r.Meta.Agency != tc.agency {
				t.Errorf("year, agency = %d %q, want %d %q", r.Meta.Year, r.Meta.Agency, tc.year, tc.agency)
			}
			all := strings.Join(res.Warnings, "\n")
			for _, w := range tc.warn {
				if !strings.Contains(all, w) {
					t.Errorf("warnings lack %q:\n%s", w, all)
				}
			}
			if tc.warn == nil && strings.Contains(all, "推测") {
				t.Errorf("a title must not give guesses:\n%s", all)
			}
		})
	}
}

// TestSeed000Meta: the seed that begins "(2020年1月3日)" / "2019年,我局…" and ends with
// the website footer gets year 2019 and agency 厦门市城市管理行政执法局, both as guesses;
// without its date line the year comes from the body.
func TestSeed000Meta(t *testing.T) {
	data, err := os.ReadFile("testdata/seed000.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	first, rest, _ := strings.Cut(text, "\n")
	if !strings.Contains(first, "2020年1月3日") {
		t.Fatalf("seed000 no longer starts with its date: %q", first)
	}
	for _, tc := range []struct {
		name, text, how string
	}{
		{"whole", text, "发布日期 2020年1月3日"},
		{"without date", rest, "根据正文「2019年,我局"},
	} {
		res := Import(tc.text)
		all := strings.Join(res.Warnings, "\n")
		if r := res.Report; r.Meta.Year != 2019 || r.Meta.Agency != "厦门市城市管理行政执法局" {
			t.Errorf("%s: year, agency = %d %q", tc.name, r.Meta.Year, r.Meta.Agency)
		}
		if !strings.Contains(all, tc.how) || !strings.Contains(all, "主办单位") {
			t.Errorf("%s: warnings do not say how year and agency were guessed:\n%s", tc.name, all)
		}
	}
}

// TestGuessedYearKeepsTables: a year guessed from the body (2018, before the 2019 format)
// does not drop tables it cannot tell the format of; the year is marked as a guess in the
// result and the summary.
func TestGuessedYearKeepsTables(t *testing.T) {
	text := strings.Replace(gluedApply(nil), "某某县某某局2024年政府信息公开工作年度报告\n", "", 1)
	text = strings.Replace(text, "2024年，我局", "2018年，我局", 1)
	// Only table 四, whose labels both formats share: the format cannot be told.
	text = text[:strings.Index(text, "二、主动公开政府信息情况")] + text[strings.Index(text, "四、政府信息公开行政复议"):]
	res := Import(text)
	// The tables are read as they would be without any year.
	none := Import(strings.Replace(text, "2018年，我局", "我局", 1))
	if none.YearGuess != "" || none.Report.Meta.Year != 0 {
		t.Fatalf("without the sentence: year %d guessed %q", none.Report.Meta.Year, none.YearGuess)
	}
	if res.PreFormat || res.Tables != none.Tables || res.Cells != none.Cells || strings.Contains(strings.Join(res.Warnings, "\n"), "早于 2019 年") {
		t.Errorf("PreFormat %v, Tables %v, %d cells; want the tables as without a year (%v, %d cells):\n%s",
			res.PreFormat, res.Tables, res.Cells, none.Tables, none.Cells, strings.Join(res.Warnings, "\n"))
	}
	if !strings.Contains(res.YearGuess, "报告年度 2018 是根据正文") {
		t.Errorf("YearGuess = %q", res.YearGuess)
	}
	if s := strings.Join(res.Summary(), "\n"); !strings.Contains(s, "报告年度：2018（推测，请核对）") {
		t.Errorf("summary:\n%s", s)
	}
	// A stated year before 2019 still drops them.
	stated := "某某局2018年政府信息公开工作年度报告\n" + text
	if res := Import(stated); !res.PreFormat || res.YearGuess != "" {
		t.Errorf("stated 2018: PreFormat %v, YearGuess %q", res.PreFormat, res.YearGuess)
	}
}

// TestDateOf: a line that is only a date is read by form.ParseDate: a date that does not
// exist is no date (and gives no guessed year).
func TestDateOf(t *testing.T) {
	for in, want := range map[string]string{
		"2020年1月3日": "2020-01-03", "(2021年3月31日)": "2021-03-31", "（2024年2月29日）": "2024-02-29",
		"2021年2月30日": "", "2023年2月29日": "", "2021年4月31日": "", "2021年13月1日": "", "2021年1月3日发布": "",
	} {
		if got := dateOf(in); got != want {
			t.Errorf("dateOf(%q) = %q, want %q", in, got, want)
		}
	}
	res := Import("(2021年2月30日)\n我局认真贯彻《条例》。\n")
	if res.Report.Meta.Year != 0 || res.Report.Meta.Date != "" {
		t.Errorf("2月30日 gave year %d, date %q", res.Report.Meta.Year, res.Report.Meta.Date)
	}
}
