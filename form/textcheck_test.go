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
	}
	r := textReport(t)
	for _, tt := range tests {
		r.Text = Text{Overview: tt.text}
		ps := CheckText(r)
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
	// Check includes W4.
	n := 0
	for _, p := range Check(r, nil) {
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
