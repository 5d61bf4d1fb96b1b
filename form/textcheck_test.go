package form

import (
	"strings"
	"testing"
)

// textReport is a 2021 report whose tables the W4 sentences below are compared with.
func textReport(t *testing.T) *Report {
	t.Helper()
	f, _ := FormatByID("2021")
	r := New(f, 2025, "测试局")
	for _, d := range f.Cells {
		if d.Table.ID == "apply" && d.Col.Code == "total" {
			_ = r.Set(d.Code, "0") // figures are compared only over numbers
		}
	}
	for code, v := range map[string]string{
		"apply.1.total": "3", "apply.2.total": "1", "apply.3.1.total": "2", "apply.3.2.total": "1",
		"apply.3.3.4.total": "1", "apply.3.7.total": "3", "apply.4.total": "1",
		"review.admin.total": "1", "review.direct.total": "0", "review.after.total": "2",
		"active.normative.issued": "3", "active.normative.repealed": "1", "active.normative.effective": "470",
		"active.rules.effective":   "2",
		"active.license.decisions": "1260", "active.penalty.decisions": "158", "active.coercion.decisions": "0",
		"active.fees.amount": "3.25",
	} {
		if err := r.Set(code, v); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func TestCheckText(t *testing.T) {
	tests := []struct {
		text string
		want string // the cell of the W4 problem, "" for none
	}{
		{"本年度共收到政府信息公开申请2件。", "apply.1.total"},
		{"本年度共收到政府信息公开申请3件。", ""},
		{"本年度共收到政府信息公开申请4件。", ""}, // 收到 may include 上年结转
		{"本年度新收政府信息公开申请4件。", "apply.1.total"},
		{"共受理依申请公开事项三件。", ""},
		{"共收到政府信息公开申请两件。", "apply.1.total"},
		{"全年办结政府信息公开申请3件。", ""},
		{"对政府信息公开申请，依法答复4件。", "apply.3.7.total"},
		{"对政府信息公开申请，全年办结5件。", "apply.3.7.total"},
		{"上年结转政府信息公开申请2件。", "apply.2.total"},
		{"结转下年度继续办理的政府信息公开申请1件。", ""},
		{"结转下年度继续办理的政府信息公开申请3件。", "apply.4.total"},
		{"政府信息公开申请中予以公开2件。", ""},
		{"政府信息公开申请中予以公开3件。", ""}, // 予以公开 may include 部分公开
		{"政府信息公开申请中予以公开5件。", "apply.3.1.total"},
		{"政府信息公开申请中不予公开1件。", ""},
		{"政府信息公开申请中不予公开4件。", "apply.3.3.1.total"},
		{"共收到政府信息公开申请3件（其中网上受理2件）。", ""},
		{"共收到政府信息公开申请3件，其中当面受理1件，信函受理1件。", ""},
		{"全年未收到政府信息公开申请。", "apply.1.total"},
		{"现行有效规范性文件393件。", "active.normative.effective"},
		{"现行有效规范性文件470件。", ""},
		{"制发行政规范性文件3件，废止1件。", ""},
		{"对行政规范性文件进行清理，废止2件。", "active.normative.repealed"},
		{"现行有效规章2件。", ""},
		{"作出行政处罚决定160件。", "active.penalty.decisions"},
		{"作出行政许可决定1,260件、行政处罚决定158件。", ""},
		{"公示行政处罚信息333条。", ""},
		{"办理行政许可申请2000件。", ""},
		{"发生政府信息公开行政复议1件，行政诉讼2件。", ""},
		{"发生政府信息公开行政复议3起。", "review.admin.total"},
		{"本年度未发生政府信息公开行政复议和行政诉讼。", "review.admin.total,review.direct.total"},
		{"未经复议直接起诉的行政诉讼案件均已审结。", ""},
		{"本年度行政事业性收费3.25万元。", ""},
		{"收取行政事业性收费32500元。", ""},
		{"行政事业性收费5万元。", "active.fees.amount"},
		{"本年度收取信息处理费500元。", ""},
		{"2025年我局持续推进政务公开，开展培训3次。", ""},
		// Negations: only a plain negation of the figure itself states 0.
		{"2025年度，我乡未收到依申请公开事项。", "apply.1.total"},
		{"全年没有收到政府信息公开申请的情况。", "apply.1.total"},
		{"本年度未收到涉及本机关的政府信息公开申请。", ""},
		{"全年未发生因依申请公开被行政复议纠错或行政诉讼败诉。", ""},
		{"没有因政府信息公开针对区公安局申请行政复议或行政诉讼的事项。", ""},
		{"涉及复议0件，诉讼0件，无被纠错和败诉。", ""},
		{"全年没有应公开而不予公开的情况。", ""},
		{"无行政复议纠错情况。", ""},
		{"未发生政府信息公开行政复议案件。", "review.admin.total"},
		{"无转结下年度继续办理件。", ""},
	}
	r := textReport(t)
	for _, tt := range tests {
		r.Text = Text{Overview: tt.text}
		ps := CheckText(r)
		if all := rules(CheckAll(r, nil, Drafting), Warning); len(ps) != len(all) {
			t.Errorf("%s: CheckAll warnings %v, CheckText %d", tt.text, all, len(ps))
		}
		var cells []string
		for _, p := range ps {
			cells = append(cells, p.Cells[0])
		}
		if got := strings.Join(cells, ","); got != tt.want {
			t.Errorf("%s: got %d problems %v, want cell %q", tt.text, len(ps), ps, tt.want)
			continue
		}
		if len(ps) == 1 {
			p := ps[0]
			if p.Rule != "W4" || p.Severity != Warning || p.Section != 1 || !strings.Contains(p.Message, "“"+strings.TrimSuffix(tt.text, "。")) {
				t.Errorf("%s: problem %+v", tt.text, p)
			}
		}
	}
}

// TestCheckTextBlank: a blank table, or a cell that is not a number, is not compared.
func TestCheckTextBlank(t *testing.T) {
	f, _ := FormatByID("2021")
	r := New(f, 2025, "测试局")
	r.Text = Text{Overview: "本年度共收到政府信息公开申请2件，作出行政处罚决定160件。行政事业性收费5万元。"}
	if ps := CheckText(r); len(ps) != 0 {
		t.Errorf("blank report: %v", ps)
	}
	_ = r.Set("apply.1.total", "/")
	_ = r.Set("active.fees.amount", "—")
	if ps := CheckText(r); len(ps) != 0 {
		t.Errorf("'/' cells: %v", ps)
	}
	_ = r.Set("active.penalty.decisions", "158")
	if ps := CheckText(r); len(ps) != 1 || ps[0].Expected != "158" || ps[0].Actual != "160" {
		t.Errorf("penalty: %v", ps)
	}
}

// TestCheckTextSections: figures in 五, 六 and the opening are checked and placed.
func TestCheckTextSections(t *testing.T) {
	r := textReport(t)
	r.Text = Text{Opening: "本年度共收到政府信息公开申请9件。", Problems: "作出行政处罚决定1件。", Other: "行政事业性收费9万元。"}
	var got []string
	for _, p := range CheckText(r) {
		got = append(got, p.Message[:strings.Index(p.Message, "称")])
	}
	if strings.Join(got, ",") != "开头段落,第五部分,第六部分" {
		t.Errorf("got %v", got)
	}
	// The opening is edited with 基本信息 (section 0).
	if ps := CheckText(r); ps[0].Section != 0 || ps[1].Section != 5 || ps[2].Section != 6 {
		t.Errorf("sections %d %d %d", ps[0].Section, ps[1].Section, ps[2].Section)
	}
	// CheckAll includes W4.
	n := 0
	for _, p := range CheckAll(r, nil, Drafting) {
		if p.Rule == "W4" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("Check found %d W4 problems, want 3", n)
	}
}

func TestChineseNumber(t *testing.T) {
	for s, want := range map[string]int64{"零": 0, "两": 2, "十": 10, "十二": 12, "二十三": 23, "一百零五": 105, "三百": 300} {
		if got, ok := chineseNumber(s); !ok || got != want {
			t.Errorf("%s = %d, want %d", s, got, want)
		}
	}
	if _, ok := chineseNumber("万"); ok {
		t.Error("万 read as a number")
	}
}

func BenchmarkCheckText(b *testing.B) {
	f, _ := FormatByID("2021")
	r := Sample(f)
	b.ReportAllocs()
	for b.Loop() {
		CheckText(r)
	}
}

// TestCheckTextSample: the consistent sample reports raise no W4.
func TestCheckTextSample(t *testing.T) {
	for _, f := range Formats {
		r := Sample(f)
		if ps := CheckText(r); len(ps) != 0 {
			t.Errorf("%s sample: %v", f.ID, ps)
		}
		// Breaking one figure in the text is found.
		if !strings.Contains(r.Text.Parts[1], "上年结转3件") {
			continue // the sample's wording changed
		}
		r.Text.Parts[1] = strings.Replace(r.Text.Parts[1], "上年结转3件", "上年结转4件", 1)
		if ps := CheckText(r); len(ps) != 1 || ps[0].Cells[0] != "apply.2.total" {
			t.Errorf("%s sample with 上年结转4件: %v", f.ID, ps)
		}
	}
}

// TestFeeStatements: W2 accepts every way real reports state the 信息处理费 — the 六 of every
// real 2021-format report, and the statements seen elsewhere — and fires on a 六 without one.
func TestFeeStatements(t *testing.T) {
	ok := []string{
		FeeNone,
		"2024年，无收取信息处理费情况。", // 03, 02, 08
		"本年度没有产生信息公开处理费。",   // 04, 06, 07
		"2025年度我局无向申请人收取政府信息公开费用的情况，无因政府信息公开工作被追责问责的情况。", // 05
		"全年收取政府信息公开信息处理费 3940 元。",                        // 12
		"本年度未发生收费情况。",
		"本年度未收取。",
		"本机关没有收取任何费用。",
		"本年度收取信息处理费0元。",
		"全年共向3件申请发出收费通知，实际收取信息处理费380元。",
	}
	for _, s := range ok {
		r := Sample(Latest)
		r.Text.Other = s
		for _, p := range CheckAll(r, nil, Drafting) {
			if p.Rule == "W2" {
				t.Errorf("false W2 on %q", s)
			}
		}
	}
	for _, s := range []string{"无。", "无其他需要报告的事项。", "本年度我局按要求完成年度工作要点各项任务。"} {
		r := Sample(Latest)
		r.Text.Other = s
		n := 0
		for _, p := range CheckAll(r, nil, Drafting) {
			if p.Rule == "W2" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%q: %d W2", s, n)
		}
	}
	// The real 六 of every 2021 report of the corpus states it; replacing it with "无" is found.
	for _, c := range corpus {
		r := c.load(t)
		if c.format != "2021" || r.Text.Empty(6) {
			continue
		}
		count := func() int {
			n := 0
			for _, p := range CheckAll(r, nil, Drafting) {
				if p.Rule == "W2" {
					n++
				}
			}
			return n
		}
		if n := count(); n != 0 {
			t.Errorf("%s: false W2 on %q", c.file, r.Text.Other)
		}
		r.Text.Other = "无。"
		if n := count(); n != 1 {
			t.Errorf("%s with 六 = 无: %d W2", c.file, n)
		}
	}
	// The 2019 format predates the 信息处理费 rules.
	r := Sample(Formats[1])
	r.Text.Other = "无。"
	for _, p := range CheckAll(r, nil, Drafting) {
		if p.Rule == "W2" {
			t.Error("W2 raised for the 2019 format")
		}
	}
}

func TestW5NoticeIssuedButUnpaidIsConsistent(t *testing.T) {
	r := Sample(Formats[0])
	_ = r.Set("apply.3.6.2.natural", "7")
	r.FillDerived()
	r.Text.Other = "全年共发出收费通知7件，申请人均未缴费，实际收取信息处理费380元。"
	for _, p := range CheckAll(r, nil, Drafting) {
		if p.Rule == "W5" {
			t.Errorf("false W5: %s", p.Message)
		}
	}
}

// TestPlantedContradictions: a figure changed in a real report's own sentence, or a table
// cell changed under it, is found by W4 on the right cell; the untouched report is clean
// (TestCorpusNoFalseAlarm).
func TestPlantedContradictions(t *testing.T) {
	byFile := map[string]corpusReport{}
	for _, c := range corpus {
		byFile[c.file] = c
	}
	for _, tc := range []struct {
		file       string
		from, to   string // in the text
		code, cell string // or a cell changed
		want       string // the W4 target
	}{
		{file: "corpus/08_pingtan_ziranziyuanju_2024_webcopy.txt", from: "受理信息公开申请69件", to: "受理信息公开申请70件", want: "apply.1.total"},
		{file: "corpus/02_pingtan_ziranziyuanju_2024.article.txt", from: "办理依申请公开69件", to: "办理依申请公开68件", want: "apply.3.7.total"},
		{file: "corpus/01_pingtan_shenpiju_2023.article.txt", from: "规范性文件16件", to: "规范性文件17件", want: "active.normative.effective"},
		{file: "corpus/01_pingtan_shenpiju_2023.article.txt", code: "review.admin.total", cell: "2", want: "review.admin.total"},
		// (with the real contradiction of 07 on review.admin.total)
		{file: "corpus/07_pingtan_shenpiju_2024.txt", from: "废止规范性文件6件", to: "废止规范性文件7件", want: "active.normative.repealed review.admin.total"},
		{file: "corpus/06_pingtan_zhifayingjiju_2022.txt", from: "行政处罚决定753起", to: "行政处罚决定735起", want: "active.penalty.decisions"},
		{file: "corpus/12_huaian_city_gov_2024.pdftotext.txt", from: "政府信息公开行政复议 351", to: "政府信息公开行政复议 315", want: "review.admin.total"},
		{file: "corpus/12_huaian_city_gov_2024.pdftotext.txt", from: "政府信息公开行政诉讼 46", to: "政府信息公开行政诉讼 64", want: "review.direct.total"},
		{file: "corpus/05_pingtan_shehuishiyeju_2025.txt", code: "apply.1.total", cell: "4", want: "apply.1.total"},
		// 11 says 未收到依申请公开事项: a table with an application contradicts it.
		{file: "corpus/11_suibin_lianshengxiang_2024_partial.txt", code: "apply.1.total", cell: "2", want: "apply.1.total"},
		// 10 says 无被纠错和败诉 (not "no case"): review cases are consistent with it.
		{file: "corpus/10_jiashan_dayunzhen_2024_partial.txt", code: "review.admin.total", cell: "3", want: ""},
	} {
		c := byFile[tc.file]
		r := c.load(t)
		if tc.from != "" {
			found := false
			for _, p := range []*string{&r.Text.Opening, &r.Text.Overview, &r.Text.Problems, &r.Text.Other} {
				if strings.Contains(*p, tc.from) {
					*p, found = strings.Replace(*p, tc.from, tc.to, 1), true
				}
			}
			if !found {
				t.Fatalf("%s: no %q", tc.file, tc.from)
			}
		}
		if tc.code != "" {
			_ = r.Set(tc.code, tc.cell)
		}
		var got []string
		for _, p := range CheckAll(r, nil, Drafting) {
			if p.Rule == "W4" {
				got = append(got, p.Cells[0])
			}
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s %s%s: W4 on %v, want %q", tc.file, tc.to, tc.code, got, tc.want)
		}
	}
}
