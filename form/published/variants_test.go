package published

import (
	"os"
	"strings"
	"testing"
)

// TestVariants edits the consistent 2021 text in ways real pages differ, and checks what is
// imported and what is said about it.
func TestVariants(t *testing.T) {
	base, err := os.ReadFile("testdata/r2021_pipes.txt")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		edit    func(string) string
		cells   map[string]string // expected cell texts ("" = blank)
		warn    []string          // substrings of the warnings
		nowarn  bool
		overall string // a substring of 一
	}{
		{"extra value, different numbers",
			func(s string) string {
				return strings.Replace(s, "| 二、上年结转政府信息公开申请数量 | 3 | 0 |", "| 二、上年结转政府信息公开申请数量 | 3 | 0 | 1 |", 1)
			},
			map[string]string{"apply.2.natural": "", "apply.2.total": "", "apply.1.total": "42", "apply.3.1.total": "21"},
			[]string{"「收到和处理政府信息公开申请情况表」的「二、上年结转政府信息公开申请数量」", "应有 7 个数，文中有 8 个（多 1 个）", "留空"}, false, ""},
		{"missing value",
			func(s string) string { return strings.Replace(s, "| 行政许可 | 1260 |", "| 行政许可 |", 1) },
			map[string]string{"active.license.decisions": "", "active.penalty.decisions": "158"},
			[]string{"「行政许可」：没有找到数值"}, false, ""},
		{"ASCII punctuation and spaces in labels",
			func(s string) string {
				s = strings.ReplaceAll(s, "（", "(")
				s = strings.ReplaceAll(s, "）", ")")
				return strings.ReplaceAll(s, "1.属于国家秘密", "1. 属于国家秘密")
			},
			map[string]string{"apply.3.3.4.total": "2", "active.fees.amount": "3.25"}, nil, true, ""},
		{"row labels without numbering",
			func(s string) string {
				s = strings.Replace(s, "| （一）予以公开 |", "| 予以公开 |", 1)
				return strings.Replace(s, "| 行政规范性文件 |", "| 规范性文件 |", 1)
			},
			map[string]string{"apply.3.1.natural": "18", "active.normative.effective": "27"}, nil, true, ""},
		{"variant headings",
			func(s string) string {
				s = strings.Replace(s, "一、总体情况", "一、 总体情况", 1)
				return strings.Replace(s, "五、存在的主要问题及改进情况", "五、存在问题和改进措施", 1)
			},
			map[string]string{"apply.1.total": "42"}, nil, true, "全面推进政务公开"},
		{"numbered list items inside sections",
			func(s string) string {
				s = strings.Replace(s, "五、存在的主要问题及改进情况\n", "五、存在的主要问题及改进情况\n一、加强组织领导\n二、完善主动公开工作机制\n落实专人负责。\n", 1)
				return strings.Replace(s, "（一）主动公开\n", "（一）主动公开\n三、推进决策公开\n", 1)
			},
			map[string]string{"apply.1.total": "42"}, nil, true, "三、推进决策公开"},
		{"full-width digits",
			func(s string) string {
				return strings.Replace(s, "| 行政许可 | 1260 |", "| 行政许可 | １２６０ |", 1)
			},
			map[string]string{"active.license.decisions": "１２６０"}, nil, true, ""},
		{"no tables",
			func(s string) string {
				i, j := strings.Index(s, "二、主动公开政府信息情况"), strings.Index(s, "五、存在的主要问题")
				return s[:i] + s[j:]
			},
			map[string]string{"apply.1.total": ""}, []string{"未找到统计表格"}, false, "全面推进政务公开"},
		{"empty", func(string) string { return "" },
			map[string]string{"apply.1.total": ""}, []string{"无法确定机关名称", "无法确定报告年度", "未找到统计表格", "未找到第一部分"}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Import(tt.edit(string(base)))
			r := res.Report
			for code, want := range tt.cells {
				if c, _ := r.Cell(code); c.Text != want {
					t.Errorf("%s = %q, want %q", code, c.Text, want)
				}
			}
			all := strings.Join(res.Warnings, "\n")
			if tt.nowarn && all != "" {
				t.Errorf("unexpected warnings:\n%s", all)
			}
			for _, w := range tt.warn {
				if !strings.Contains(all, w) {
					t.Errorf("warnings lack %q:\n%s", w, all)
				}
			}
			if tt.name == "numbered list items inside sections" && !strings.HasSuffix(r.Text.Problems, "二、完善主动公开工作机制\n落实专人负责。\n政策解读形式较为单一，下一步将丰富解读形式。") {
				t.Errorf("五 = %q", r.Text.Problems)
			}
			if !strings.Contains(r.Text.Section(1), tt.overall) {
				t.Errorf("一 = %q", r.Text.Section(1))
			}
		})
	}
}
