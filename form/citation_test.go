package form

import (
	"strings"
	"testing"
)

// TestL1: the real reports cite the current 条例 (国务院令第711号) and format (国办公开办函〔2021〕30号)
// and count six parts; each outdated or wrong citation planted into one of them is found.
func TestL1(t *testing.T) {
	for _, tc := range []struct {
		file, from, to string
		year           int // 0: the report's own
		inMsg          string
	}{
		{"corpus/03_pingtan_gonganju_2024.txt", "国务院令第711号", "国务院令第492号", 0, "「国务院令第492号」：这是2008年施行的旧《中华人民共和国政府信息公开条例》"},
		{"corpus/12_huaian_city_gov_2024.pdftotext.txt", "国令第 711 号", "国令第 492 号", 0, "请改为“国务院令第711号”"},
		{"corpus/03_pingtan_gonganju_2024.txt", "国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号", 0, "「国办公开办函〔2019〕60号」编制：那是2019、2020年度试用的格式"},
		{"corpus/10_jiashan_dayunzhen_2024_partial.txt", "国办公开办函〔2021〕30号", "国办公开办函[2019]60号", 0, "请改为“国办公开办函〔2021〕30号”"},
		{"corpus/03_pingtan_gonganju_2024.txt", "国办公开办函", "国办公开办涵", 0, "「公开办涵」是错字，应为“公开办函”"},
		{"corpus/07_pingtan_shenpiju_2024.txt", "六个部分组成", "五个部分组成", 0, "「五个部分」：年度报告格式规定六个部分"},
		{"corpus/04_pingtan_shijianju_2021.txt", "等六个部分", "等五部分", 0, "请改为“六个部分”"},
		// A 2020 report was right to follow the 2019 trial format.
		{"corpus/03_pingtan_gonganju_2024.txt", "国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号", 2020, ""},
	} {
		orig, r := planted(t, tc.file, tc.from, tc.to)
		if got := l1(orig); len(got) != 0 {
			t.Fatalf("%s as published: %v", tc.file, got)
		}
		if tc.year != 0 {
			r.Meta.Year = tc.year
		}
		got := l1(r)
		switch {
		case tc.inMsg == "" && len(got) != 0:
			t.Errorf("%s %s (%d): false L1 %v", tc.file, tc.to, tc.year, got)
		case tc.inMsg != "" && (len(got) != 1 || !strings.Contains(got[0].Message, tc.inMsg) || got[0].Section != 0 || got[0].Severity != Warning):
			t.Errorf("%s %s: L1 = %v, want %q", tc.file, tc.to, got, tc.inMsg)
		}
	}
	// Not a statement of the parts: 一's five aspects, the heading 五、, a numbered 五 item.
	r := Sample(Latest)
	r.Text.Overview = "主要包括主动公开、依申请公开、政府信息管理、平台建设、监督保障等五个方面。（五）监督保障。第五部分内容见附件。" +
		"本报告第五部分包括存在的问题和改进措施。本报告总体情况包括主动公开、依申请公开、政府信息管理、平台建设、监督保障五项内容。"
	if got := l1(r); len(got) != 0 {
		t.Errorf("false L1: %v", got)
	}
}

// planted loads a real report of the corpus and replaces from with to in its opening.
func planted(t *testing.T, file, from, to string) (original, changed *Report) {
	t.Helper()
	for _, c := range corpus {
		if c.file != file {
			continue
		}
		original, changed = c.load(t), c.load(t)
		if !strings.Contains(changed.Text.Opening, from) {
			t.Fatalf("%s: opening has no %q", file, from)
		}
		changed.Text.Opening = strings.Replace(changed.Text.Opening, from, to, 1)
		return original, changed
	}
	t.Fatalf("no %s in the corpus", file)
	return nil, nil
}

// rule returns the problems of one rule.
func rule(r *Report, id string) []Problem {
	var out []Problem
	for _, p := range CheckAll(r, nil, Drafting) {
		if p.Rule == id {
			out = append(out, p)
		}
	}
	return out
}

func l1(r *Report) []Problem { return rule(r, "L1") }

// TestD1Period: the 统计期限 of every real report is its year; a wrong year planted into one
// of them is found, wherever the text states it.
func TestD1Period(t *testing.T) {
	for _, tc := range []struct {
		file, from, to string
		inMsg          string
	}{
		{"corpus/03_pingtan_gonganju_2024.txt", "统计期限为2024年1月1日", "统计期限为2023年1月1日", "开头段落称“统计期限为2023年1月1日至12月31日”，与报告年度 2024 不符"},
		{"corpus/07_pingtan_shenpiju_2024.txt", "至2024年12月31日", "至2025年12月31日", "与报告年度 2024 不符"},
		{"corpus/04_pingtan_shijianju_2021.txt", "自2021年1月1日起", "自2020年1月1日起", "统计期限应为“2021年1月1日至12月31日”"},
		{"corpus/12_huaian_city_gov_2024.pdftotext.txt", "自 2024 年 1 月 1 日", "自 2023 年 1 月 1 日", "与报告年度 2024 不符"},
		{"corpus/11_suibin_lianshengxiang_2024_partial.txt", "自2024年1月1日", "自2025年1月1日", "与报告年度 2024 不符"},
	} {
		orig, r := planted(t, tc.file, tc.from, tc.to)
		if got := d1(orig); len(got) != 0 {
			t.Fatalf("%s as published: %v", tc.file, got)
		}
		if got := d1(r); len(got) != 1 || !strings.Contains(got[0].Message, tc.inMsg) {
			t.Errorf("%s %s: D1 = %v, want %q", tc.file, tc.to, got, tc.inMsg)
		}
	}
}

func d1(r *Report) []Problem { return rule(r, "D1") }
