package published

import (
	"os"
	"strings"
	"testing"
)

// The summary joins the rows a text cut short never reached by their Unreached mark, not by
// the wording of their reason: rewording the reason keeps the ranges, and a row whose reason
// merely reads alike is listed by itself.
func TestBlankLinesByKind(t *testing.T) {
	bs := []BlankRow{
		{Section: 3, Row: "甲", Reason: "正文止于某处", Unreached: true},
		{Section: 3, Row: "乙", Reason: "正文止于某处", Unreached: true},
		{Section: 3, Row: "丙", Reason: "正文止于某处", Unreached: true},
		{Section: 4, Row: "丁", Reason: "文本在此处的数字无法拆分"},
		{Section: 4, Row: "戊", Reason: "文本在此处的数字无法拆分"},
	}
	got := strings.Join(blankLines(bs), "\n")
	want := "  第三部分「甲」至「丙」（共 3 行）：正文止于某处\n  第四部分「丁」：文本在此处的数字无法拆分\n  第四部分「戊」：文本在此处的数字无法拆分"
	if got != want {
		t.Errorf("blank lines\n%s\nwant\n%s", got, want)
	}

	data, err := os.ReadFile("testdata/corpus/01_pingtan_shenpiju_2023.pipes.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	res := Import(s[:strings.Index(s, "（三）不予公开|1.属于国家秘密")])
	n := 0
	for _, b := range res.Blanks {
		if b.Unreached {
			n++
		}
	}
	if n < 20 {
		t.Errorf("%d rows marked unreached in a text cut in 三, want the 21 rows of 三 and the 3 of 四 after the cut", n)
	}
}

// AgencyNote is the warning about the agency's name, wherever it is among the warnings: a
// warning put before it (stray bytes) does not make the import overwrite another one.
func TestAgencyNote(t *testing.T) {
	body := strings.Repeat("2019年，我局认真贯彻落实《条例》。\n", 20)
	for _, c := range []struct{ name, text, note string }{
		{"footer", body + "主办单位：某某市城市管理局 技术支持：某某市信息中心\n",
			"未找到报告标题和落款，机关名称「某某市城市管理局」是根据网页底部的「主办单位」推测的（网站主办单位不一定是报告机关），请核对"},
		{"nothing", body, "未找到报告标题，无法确定机关名称，请在基本信息中填写"},
		{"title", "某某区教育局2023年政府信息公开工作年度报告\n" + body, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Read(append([]byte(c.text), 0xff))
			if err != nil {
				t.Fatal(err)
			}
			if res.AgencyNote != c.note {
				t.Errorf("agency note %q, want %q", res.AgencyNote, c.note)
			}
			if !strings.Contains(res.Warnings[0], "无法识别的字节") {
				t.Errorf("first warning %q, want the stray byte", res.Warnings[0])
			}
			n := 0
			for _, w := range res.Warnings {
				if strings.Contains(w, "机关名称") {
					n++
					if w != c.note {
						t.Errorf("warning %q, want %q", w, c.note)
					}
				}
			}
			if want := min(len(c.note), 1); n != want {
				t.Errorf("%d warnings on the agency, want %d:\n%s", n, want, strings.Join(res.Warnings, "\n"))
			}
		})
	}
}
