package published

import (
	"os"
	"strings"
	"testing"
)

// A web page's 「发布时间」 gives the publication date only when the report states none (no
// dated 落款), and the import says so; the report's own date always wins.
func TestPageDate(t *testing.T) {
	const note = "发布日期取自网页的发布时间"
	data, err := os.ReadFile("testdata/corpus/03_pingtan_gonganju_2024.txt") // 「发布时间: 2025-01-20 17:39」, no date at the end
	if err != nil {
		t.Fatal(err)
	}
	body := string(data)
	signed := strings.TrimRight(body, "\n") + "\n平潭综合实验区公安局\n2025年1月18日\n"
	for _, c := range []struct {
		name, text, date string
		noted            bool
	}{
		{"CMS header only", body, "2025-01-20", true},
		{"dated signature wins", signed, "2025-01-18", false},
		{"header on one line", strings.Replace(body, "发布时间: 2025-01-20 17:39", "来源：区公安局　发布日期：2025/1/21", 1), "2025-01-21", true},
		{"no header", strings.Replace(body, "发布时间: 2025-01-20 17:39", "", 1), "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := Import(c.text)
			if res.Report.Meta.Date != c.date {
				t.Errorf("date %q, want %q", res.Report.Meta.Date, c.date)
			}
			all := strings.Join(res.Warnings, "\n")
			if strings.Contains(all, note) != c.noted {
				t.Errorf("note %q said: %v, want %v:\n%s", note, !c.noted, c.noted, all)
			}
			if c.noted && !strings.Contains(all, note+" "+c.date+"，请核对") {
				t.Errorf("the note does not give the date:\n%s", all)
			}
		})
	}
}
