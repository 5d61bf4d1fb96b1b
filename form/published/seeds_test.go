package published

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// readCells reads a "code=value" file of a seed's published table.
func readCells(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "" {
			continue
		}
		k, v, _ := strings.Cut(l, "=")
		m[k] = v
	}
	return m
}

func importSeed(t *testing.T, name string) *Result {
	t.Helper()
	res, err := ReadFile("testdata/" + name + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestSeedTables imports the seeds' tables cell by cell and compares with the published
// figures typed by hand in testdata/*.cells.
func TestSeedTables(t *testing.T) {
	for _, seed := range []string{"seed000", "seed003"} {
		t.Run(seed, func(t *testing.T) {
			res := importSeed(t, seed)
			want := readCells(t, "testdata/"+seed+".cells")
			r := res.Report
			if r.Format.ID != "2019" {
				t.Fatalf("format %s, want 2019", r.Format.ID)
			}
			for i, d := range r.Format.Cells {
				got := r.At(i).Text
				if got != want[d.Code] {
					t.Errorf("%s = %q, want %q", d.Code, got, want[d.Code])
				}
			}
			if res.Cells != len(want) {
				t.Errorf("Cells = %d, want %d", res.Cells, len(want))
			}
		})
	}
}

func TestSeedValues(t *testing.T) {
	tests := []struct {
		seed string
		code string
		want form.Num
	}{
		{"seed000", "apply.1.natural", form.N(17)},
		{"seed000", "apply.3.4.1.total", form.N(9)},
		{"seed000", "active.penalty.change", form.N(-7)},
		{"seed000", "active.coercion.change", form.N(1)},
		{"seed000", "active.procurement.amount", 2488_860000},
		{"seed003", "active.license.change", form.N(1)},
		{"seed003", "active.penalty.change", form.N(123)},
		{"seed003", "apply.3.1.commercial", form.N(9)},
		{"seed003", "apply.3.7.total", 0},
	}
	cache := map[string]*Result{}
	for _, tt := range tests {
		res := cache[tt.seed]
		if res == nil {
			res = importSeed(t, tt.seed)
			cache[tt.seed] = res
		}
		v, ok := res.Report.Value(tt.code)
		if !ok || v != tt.want {
			c, _ := res.Report.Cell(tt.code)
			t.Errorf("%s %s = %v (text %q, ok %v), want %v", tt.seed, tt.code, v, c.Text, ok, tt.want)
		}
	}
}

// TestSeedChecks: 000 is clean; 003 has exactly its four real errors.
func TestSeedChecks(t *testing.T) {
	tests := []struct {
		seed string
		want []string // rule:first cell of each 错误
	}{
		{"seed000", nil},
		{"seed003", []string{"H2:apply.3.1.total", "H2:apply.3.3.4.total", "H3:apply.3.7.commercial", "H3:apply.3.7.total"}},
		{"seed002", nil},
	}
	for _, tt := range tests {
		res := importSeed(t, tt.seed)
		var got []string
		for _, p := range form.Check(res.Report, nil) {
			if p.Severity == form.Error {
				got = append(got, p.Rule+":"+p.Cells[0])
			}
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s errors = %v, want %v", tt.seed, got, tt.want)
		}
	}
}

func TestSeedMeta(t *testing.T) {
	tests := []struct {
		seed        string
		format      string
		agency      string
		year        int
		date        string
		pre, tables bool
		warn        []string // substrings that must occur in the warnings
		overview    string   // a substring of 一
		parts       int      // number of non-empty parts of 一
		problems    string   // a substring of 五
		other       string   // 六 exactly
	}{
		{"seed000", "2019", "厦门市城市管理行政执法局", 2019, "2020-01-03", false, true,
			[]string{"机关名称「厦门市城市管理行政执法局」是根据网页底部的「主办单位」推测的", "报告年度 2019 是根据开头的发布日期 2020年1月3日 推测的", "未找到「一、总体情况」标题"},
			"共受理依申请公开事项17件", 0, "加强学习培训", "本报告无其它需要说明的事项。"},
		{"seed001", "2019", "漳平市人民政府办公室", 2017, "2018-01-08", true, false,
			[]string{"早于 2019 年试行格式", "未导入"},
			"全面落实《条例》", 0, "推广新媒体", "本年报统计数据中"},
		{"seed002", "2019", "厦门市集美区行政审批管理局", 2019, "2020-01-02", false, true,
			[]string{"「（三）不予公开」", "多 5 个", "「（四）无法提供」", "多 3 个", "「（五）不予处理」", "已按 0 导入"},
			"细化分工", 0, "提高政府信息公开工作重要性", "无"},
		{"seed003", "2019", "", 0, "", false, true,
			[]string{"无法确定机关名称"},
			"我单位认真贯彻落实", 5, "部分干部职工", "无其他需要报告的事项。"},
		{"seed004", "2019", "防城港市行政审批局", 2018, "", true, false,
			[]string{"这是 2018 年度的报告"},
			"调整机构设置", 0, "加大政府信息公开的宣传", ""},
	}
	for _, tt := range tests {
		t.Run(tt.seed, func(t *testing.T) {
			res := importSeed(t, tt.seed)
			r := res.Report
			if r.Format.ID != tt.format || r.Meta.Agency != tt.agency || r.Meta.Year != tt.year || r.Meta.Date != tt.date {
				t.Errorf("meta = %s %q %d %q, want %s %q %d %q", r.Format.ID, r.Meta.Agency, r.Meta.Year, r.Meta.Date,
					tt.format, tt.agency, tt.year, tt.date)
			}
			if res.PreFormat != tt.pre || res.Tables != tt.tables {
				t.Errorf("pre, tables = %v %v, want %v %v", res.PreFormat, res.Tables, tt.pre, tt.tables)
			}
			if tt.pre && r.Filled() {
				t.Error("a pre-2019 report must not fill cells")
			}
			all := strings.Join(res.Warnings, "\n")
			for _, w := range tt.warn {
				if !strings.Contains(all, w) {
					t.Errorf("warnings lack %q:\n%s", w, all)
				}
			}
			if !strings.Contains(r.Text.Section(1), tt.overview) {
				t.Errorf("一 lacks %q", tt.overview)
			}
			n := 0
			for _, p := range r.Text.Parts {
				if p != "" {
					n++
				}
			}
			if n != tt.parts {
				t.Errorf("%d parts, want %d", n, tt.parts)
			}
			if !strings.Contains(r.Text.Problems, tt.problems) {
				t.Errorf("五 lacks %q: %q", tt.problems, r.Text.Problems)
			}
			if tt.pre && !strings.Contains(r.Text.Other, tt.other) || !tt.pre && r.Text.Other != tt.other {
				t.Errorf("六 = %q, want %q", r.Text.Other, tt.other)
			}
			// Page furniture and the tables never leak into the narrative.
			for _, junk := range []string{"网站标识码", "ICP备", "扫一扫", "发布时间", "|", "结果维持", "字号"} {
				for _, s := range []string{r.Text.Opening, r.Text.Section(1), r.Text.Problems, r.Text.Other} {
					if strings.Contains(s, junk) {
						t.Errorf("narrative holds %q", junk)
					}
				}
			}
		})
	}
}

// TestSeed003Parts: 一's five parts are found under their headings, headings removed.
func TestSeed003Parts(t *testing.T) {
	r := importSeed(t, "seed003").Report
	want := []string{"一是把信息公开工作摆上", "2019年以来,我局未收到依申请公开", "为抓好我单位政务公开", "结合西秀区实际", "强化监管和培训"}
	for i, w := range want {
		if !strings.HasPrefix(r.Text.Parts[i], w) {
			t.Errorf("part %d starts %q, want %q", i, []rune(r.Text.Parts[i])[:10], w)
		}
	}
	if strings.Contains(r.Text.Overview, "（一）") || strings.Contains(r.Text.Overview, "(一)主动公开") {
		t.Error("part heading left in the overview")
	}
}

func TestContact(t *testing.T) {
	tests := []struct {
		seed string
		want form.Contact
	}{
		{"seed003", form.Contact{Office: "安顺市西秀区城市管理局办公室", Address: "西秀区行政中心8栋5楼80526室", Postcode: "561000", Phone: "0851-33231880"}},
		{"seed001", form.Contact{Address: "漳平市八一路105号漳平市人民政府办公室", Postcode: "364400", Phone: "0597-7533110"}},
		{"r2021_pipes", form.Contact{Office: "示例县市场监督管理局办公室", Phone: "0000-1234567"}},
		{"seed000", form.Contact{}}, // the website footer's address is not the report's
	}
	for _, tt := range tests {
		if got := importSeed(t, tt.seed).Report.Meta.Contact; got != tt.want {
			t.Errorf("%s contact = %+v, want %+v", tt.seed, got, tt.want)
		}
	}
}
