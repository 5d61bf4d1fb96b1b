package published

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// gluedApply writes table 三 the way a CMS export runs it together: every label followed by
// its seven numbers with no separator; rows maps a row code to its printed digits (other rows
// print "0000000").
func gluedApply(rows map[string]string) string {
	f := form.Latest
	var b strings.Builder
	b.WriteString("某某县某某局2024年政府信息公开工作年度报告\n一、总体情况\n2024年，我局认真贯彻《条例》。\n")
	b.WriteString("二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件000" +
		"第二十条第（五）项信息内容本年处理决定数量行政许可0第二十条第（六）项信息内容本年处理决定数量行政处罚0行政强制0" +
		"第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0 三、收到和处理政府信息公开申请情况 ")
	b.WriteString("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他")
	for _, s := range f.Table("apply").Layout().Spans {
		switch s.Role {
		case form.RoleRow:
			b.WriteString(s.Text)
		case form.RoleValue:
			if !strings.HasSuffix(s.Code, ".natural") {
				continue
			}
			row := strings.TrimSuffix(strings.TrimPrefix(s.Code, "apply."), ".natural")
			if d, ok := rows[row]; ok {
				b.WriteString(d)
			} else {
				b.WriteString("0000000")
			}
		}
	}
	b.WriteString("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉" +
		"结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计000000000000000五、存在的主要问题及改进情况" +
		"政策解读形式单一。六、其他需要报告的事项本年度未收取信息处理费。\n")
	return b.String()
}

// rowValues returns the seven cells of row code of 三 ("" for blank).
func rowValues(r *form.Report, row string) []string {
	var out []string
	for _, col := range r.Format.ApplicantCols {
		c, _ := r.Cell("apply." + row + "." + col)
		out = append(out, c.Text)
	}
	return out
}

// TestRunTogetherSplit: digits that run together are cut by the table's identities, and a
// cut is taken only when it is the only one; otherwise the row stays blank with a note.
func TestRunTogetherSplit(t *testing.T) {
	tests := []struct {
		name string
		rows map[string]string
		want map[string]string // row → its seven cells joined by " " ("" when blank)
		warn []string
	}{
		{"the issue's row: one cut satisfies 总计 = the sum", map[string]string{"1": "640020470", "3.1": "640020470", "3.7": "640020470"},
			map[string]string{"1": "64 0 0 2 0 4 70", "3.1": "64 0 0 2 0 4 70", "3.7": "64 0 0 2 0 4 70"}, nil},
		{"leading zeros force the cut", map[string]string{"1": "10 0 0 0 01", "3.2": "10 0 0 0 01", "3.7": "1000001"},
			map[string]string{"1": "1 0 0 0 0 0 1", "3.2": "1 0 0 0 0 0 1", "3.7": "1 0 0 0 0 0 1"}, nil},
		// 212003026 is 2/1/20/0/3/0/26 or 21/2/0/0/3/0/26; row 一 printed with spaces decides
		// through H1 (一 = （七）总计 here) and H3 (（七）总计 = （一）予以公开).
		{"across rows: H1 and H3 choose", map[string]string{"1": "2 1 20 0 3 0 26", "3.1": "212003026", "3.7": "212003026"},
			map[string]string{"1": "2 1 20 0 3 0 26", "3.1": "2 1 20 0 3 0 26", "3.7": "2 1 20 0 3 0 26"},
			[]string{"按表内的勾稽关系"}},
		{"both cuts fit everywhere: blank with a note naming the rows", map[string]string{"1": "212003026", "3.1": "212003026", "3.7": "212003026"},
			map[string]string{"1": "      ", "3.1": "      ", "3.7": "      ", "2": "0 0 0 0 0 0 0"},
			[]string{"「收到和处理政府信息公开申请情况表」的「一、本年新收政府信息公开申请数量」：数字连在一起（「212003026」），有 2 种拆法都说得通（2 / 1 / 20 / 0 / 3 / 0 / 26；21 / 2 / 0 / 0 / 3 / 0 / 26），无法确定",
				"「收到和处理政府信息公开申请情况表」的「（一）予以公开」：数字连在一起", "「（七）总计」：数字连在一起"}},
		{"no cut satisfies the row", map[string]string{"3.1": "1234567"},
			map[string]string{"3.1": "1 2 3 4 5 6 7"}, []string{"只有一种拆法（1 / 2 / 3 / 4 / 5 / 6 / 7），拆出的数不满足表内的勾稽关系——原文如此"}},
		{"too few digits", map[string]string{"3.1": "1234"},
			map[string]string{"3.1": "      "}, []string{"「（一）予以公开」：应有 7 个数，文中只有 1 个"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Import(gluedApply(tt.rows))
			r := res.Report
			for row, want := range tt.want {
				if got := strings.Join(rowValues(r, row), " "); got != want {
					t.Errorf("row %s = %q, want %q", row, got, want)
				}
			}
			all := strings.Join(res.Warnings, "\n")
			for _, w := range tt.warn {
				if !strings.Contains(all, w) {
					t.Errorf("warnings lack %q:\n%s", w, all)
				}
			}
			for row, want := range tt.want {
				if strings.TrimSpace(want) != "" {
					continue
				}
				found := false
				for _, b := range res.Blanks {
					found = found || strings.Contains(b.Row, r.Format.Cells[r.Format.Index("apply."+row+".total")].RowLabel()) && b.Reason != ""
				}
				if !found {
					t.Errorf("row %s is blank without a BlankRow", row)
				}
			}
			if got := r.Format.Name; got != form.Latest.Name {
				t.Errorf("format %s", got)
			}
			if r.Text.Problems != "政策解读形式单一。" || r.Text.Other != "本年度未收取信息处理费。" {
				t.Errorf("五 %q 六 %q", r.Text.Problems, r.Text.Other)
			}
		})
	}
}

// pdfTable is table 三 and 四 as pdftotext -layout gives a PDF: wrapped row labels with their
// numbers between the pieces, 四 as a header block and one line of 15 numbers.
const pdfTable = `      三、收到和处理政府信息公开申请情况
                                                         申请人情况
（本列数据的勾稽关系为：第一项加第二项之和，                  法人或其他组织
等于第三项加第四项之和）
                               自然人                                              总计
                                        商业企      科研机     社会公益     法律服务
                                                                           其他
                                        业        构       组织       机构
一、本年新收政府信息公开申请数量                454         7        0        0        0    0   461
二、上年结转政府信息公开申请数量                0          0        0        0        0    0    0
      （一）予以公开                   7          0        0        0        0    0    7
      （二）部分公开（区分处理的，只计这一情
                                447         7        0        0        0    0   454
      形，不计其他情形）
%ROWS:3.3.1-3.5.4%
               5.要求行政机关确认或重新出
                                        0         0        0         0        0         0    0
               具已获取信息
%ROWS:3.6.1-3.6.3%
     （七）总计                           454        7        0         0        0        0    461

四、结转下年度继续办理                          0          0        0         0        0         0    0

     四、政府信息公开行政复议、行政诉讼情况
行政复议                          行政诉讼
                              未经复议直接起诉                              复议后起诉
结果   结果    其他结    尚未
                        总计
                              结 果   结果       其他       尚未            结果   结果    其他   尚未审
维持   纠正    果      审结
                                                               总计                           总计
                              维持    纠正       结果       审结            维持   纠正    结果   结
72   64    178    37    351   13    4        8        1        26   12   1     1    6       20

       五、存在的主要问题及改进情况
`

// TestPDFTable: wrapped labels are joined around their numbers, and 四 is read from the line of
// 15 numbers under its header, with the row 四、结转下年度继续办理 just above it.
func TestPDFTable(t *testing.T) {
	// The rows between, in the same layout with zeros.
	rows := func(from, to string) string {
		var b strings.Builder
		in := false
		for _, d := range form.Latest.Cells {
			row := strings.TrimSuffix(strings.TrimPrefix(d.Code, "apply."), ".natural")
			if d.Table.ID != "apply" || d.Col.Code != "natural" {
				continue
			}
			in = in || row == from
			if in {
				b.WriteString("             " + d.Row.Label + "        0          0        0        0        0    0    0\n")
			}
			if row == to {
				break
			}
		}
		return strings.TrimSuffix(b.String(), "\n")
	}
	full := strings.Replace(pdfTable, "%ROWS:3.3.1-3.5.4%", rows("3.3.1", "3.5.4"), 1)
	full = strings.Replace(full, "%ROWS:3.6.1-3.6.3%", rows("3.6.1", "3.6.3"), 1)
	for _, shape := range []string{"layout", "gaps"} {
		text := full
		if shape == "gaps" {
			var lines []string
			for _, l := range strings.Split(text, "\n") {
				lines = append(lines, gapRe.ReplaceAllString(strings.TrimSpace(l), "|"))
			}
			text = strings.Join(lines, "\n")
		}
		r := Import(text).Report
		for code, want := range map[string]string{
			"apply.3.2.natural": "447", "apply.3.2.commercial": "7", "apply.3.2.total": "454",
			"apply.3.5.5.total": "0", "apply.4.natural": "0", "apply.4.total": "0",
			"review.admin.upheld": "72", "review.admin.total": "351", "review.direct.total": "26", "review.after.pending": "6", "review.after.total": "20",
		} {
			if c, _ := r.Cell(code); c.Text != want {
				t.Errorf("%s: %s = %q, want %q", shape, code, c.Text, want)
			}
		}
	}
}

// TestPartialText: a text cut short says where it ends and what is missing, instead of a note
// on the last row found.
func TestPartialText(t *testing.T) {
	data, err := os.ReadFile("testdata/corpus/01_pingtan_shenpiju_2023.pipes.txt")
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	cut := strings.Index(s, "（三）不予公开|1.属于国家秘密")
	res := Import(s[:cut])
	want := "文本在「（二）部分公开」处结束，第三部分后半、第四至六部分缺失"
	if !strings.HasPrefix(res.Partial, want) || res.EndsAt != "" && !strings.Contains(strings.Join(res.Warnings, "\n"), want) {
		t.Errorf("partial %q, want %q; warnings:\n%s", res.Partial, want, strings.Join(res.Warnings, "\n"))
	}
	for _, w := range res.Warnings {
		if strings.Contains(w, "应有") || strings.Contains(w, "没有找到数值") {
			t.Errorf("a note on the last row found: %q", w)
		}
	}
	if c, _ := res.Report.Cell("apply.3.2.total"); c.Text != "1" {
		t.Errorf("the last row read = %q", c.Text)
	}
	summary := strings.Join(res.Summary(), "\n")
	for _, w := range []string{"第三部分「（三）不予公开 1.属于国家秘密」至「四、结转下年度继续办理」（共 21 行）：文本在「（二）部分公开」处结束",
		"第四部分「行政复议」至「行政诉讼·复议后起诉」（共 3 行）", "文本不完整：" + want} {
		if !strings.Contains(summary, w) {
			t.Errorf("summary lacks %q:\n%s", w, summary)
		}
	}
	// The whole text is not partial.
	if res := Import(s); res.Partial != "" {
		t.Errorf("complete text: partial %q", res.Partial)
	}
}

// TestOneLineReport: a report on one line gets its headings, parts and signature split, so
// that each text lands in its section (no false W1 from everything in 一, no false W2 from an
// empty 六).
func TestOneLineReport(t *testing.T) {
	data, err := os.ReadFile("testdata/corpus/04_pingtan_shijianju_2021.txt")
	if err != nil {
		t.Fatal(err)
	}
	res := Import(string(data))
	r := res.Report
	if !strings.HasPrefix(r.Text.Opening, "根据新修订的《中华人民共和国政府信息公开条例》") || strings.Contains(r.Text.Opening, "当前位置") {
		t.Errorf("opening %q", excerpt(r.Text.Opening, 30))
	}
	if !strings.HasPrefix(r.Text.Overview, "2021年以来我局高度重视") || !strings.Contains(r.Text.Overview, "（六）监督保障。一是严格规范") {
		t.Errorf("一 %q", excerpt(r.Text.Overview, 30))
	}
	if !strings.HasPrefix(r.Text.Problems, "（一）存在的主要问题一是") || !strings.Contains(r.Text.Problems, "\n（二）改进措施一是") {
		t.Errorf("五 %q", r.Text.Problems)
	}
	if r.Text.Other != "按照《国务院办公厅关于印发<政府信息公开信息处理费管理办法>的通知》国办函〔2020〕109号）规定的按件、按量收费标准，本年度没有产生信息公开处理费。" {
		t.Errorf("六 %q", r.Text.Other)
	}
	if r.Meta.Date != "2022-01-07" || r.Meta.Agency != "平潭综合实验区市场监督管理局" {
		t.Errorf("date %q agency %q", r.Meta.Date, r.Meta.Agency)
	}
	for _, p := range form.Check(r, nil) {
		if p.Rule == "W2" {
			t.Errorf("false W2: %s", p.Message)
		}
	}
}

// TestStrayByte: one invalid byte in a UTF-8 text is replaced and reported, not fatal.
func TestStrayByte(t *testing.T) {
	data, err := os.ReadFile("testdata/r2021_pipes.txt")
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(data), "一、总体情况")
	bad := append(append(append([]byte(nil), data[:i]...), 0xFF), data[i:]...)
	res, err := Read(bad)
	if err != nil {
		t.Fatalf("a stray byte is fatal: %v", err)
	}
	if res.Encoding != "UTF-8" || len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0], "1 个无法识别的字节") {
		t.Errorf("encoding %s, warnings %q", res.Encoding, res.Warnings)
	}
	if res.Report.Meta.Agency != "示例县市场监督管理局" || res.Cells != len(want2021("")) {
		t.Errorf("agency %q, %d cells", res.Report.Meta.Agency, res.Cells)
	}
	// GBK text is still told from damaged UTF-8.
	if res, err := Read(toGBK(t, string(data))); err != nil || res.Encoding != "GB18030" {
		t.Errorf("GBK: %v %v", res, err)
	}
}

// TestControlCharacters: escape sequences and other control characters never reach the agency
// name, the narrative or the warnings (they would be echoed to a terminal).
func TestControlCharacters(t *testing.T) {
	text := "某某县\x1b[31m市场监督\x07管理局\u202e2024年政府信息公开工作年度报告\n一、总体情况\n2024年，我局\x1b]0;title\x07认真贯彻《条例》。\n"
	res := Import(text)
	r := res.Report
	all := r.Meta.Agency + r.Text.Section(1) + strings.Join(res.Warnings, "") + strings.Join(res.Summary(), "")
	for _, c := range all {
		if c < 0x20 && c != '\n' || c == 0x7f || c == '\u202e' {
			t.Fatalf("control character %U in %q", c, all)
		}
	}
	if r.Meta.Agency != "某某县[31m市场监督管理局" || r.Meta.Year != 2024 {
		t.Errorf("agency %q year %d", r.Meta.Agency, r.Meta.Year)
	}
}

// TestReadFileRefuses: only regular files are read (fileio), with a Chinese reason.
func TestReadFileRefuses(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadFile(dir); err == nil || !strings.Contains(err.Error(), "文件夹") {
		t.Errorf("folder: %v", err)
	}
	link := filepath.Join(dir, "zero.txt")
	if err := os.Symlink("/dev/zero", link); err == nil {
		if _, err := ReadFile(link); err == nil || !strings.Contains(err.Error(), "不是普通文件") {
			t.Errorf("symlink to /dev/zero: %v", err)
		}
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, make([]byte, MaxSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(big); err == nil {
		t.Error("a file over the limit was read")
	}
}

// TestRunTogetherTable2: table 二 has no identity to check a cut of run-together digits by,
// and a cell left empty in the original vanishes from them too ("行政规范性文件700" may be 7 / 0 /
// 0 or 70 / 0 and an empty cell): such a row is left blank with a note naming it. Digits with
// one cut even with empty cells ("000": no number but 0 starts with 0) are read.
func TestRunTogetherTable2(t *testing.T) {
	for _, tc := range []struct {
		digits string
		want   string // the row's three cells joined by " "
		reason string // "" when read
	}{
		{"000", "0 0 0", ""},
		{"0012", "0 0 12", ""},
		{"700", "  ", "这一行没有可核对的勾稽关系"},
		{"1011", "  ", "有 "},
		{"56", "  ", "应有 3 个数"},
	} {
		t.Run(tc.digits, func(t *testing.T) {
			text := strings.Replace(gluedApply(nil), "行政规范性文件000", "行政规范性文件"+tc.digits, 1)
			res := Import(text)
			r := res.Report
			var got []string
			for _, col := range []string{"issued", "repealed", "effective"} {
				c, ok := r.Cell("active.normative." + col)
				if !ok {
					t.Fatalf("no cell active.normative.%s", col)
				}
				got = append(got, c.Text)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("行政规范性文件 = %q, want %q", strings.Join(got, " "), tc.want)
			}
			reason := ""
			for _, b := range res.Blanks {
				if b.Row == "行政规范性文件" {
					reason = b.Reason
				}
			}
			if tc.reason == "" && reason != "" || !strings.Contains(reason, tc.reason) {
				t.Errorf("blank reason %q, want %q", reason, tc.reason)
			}
			if tc.reason != "" && !strings.Contains(strings.Join(res.Summary(), "\n"), "「行政规范性文件」：") {
				t.Errorf("the summary does not name the row:\n%s", strings.Join(res.Summary(), "\n"))
			}
			// 规章000 beside it is always read.
			if c, _ := r.Cell("active.rules.issued"); c.Text != "0" {
				t.Errorf("规章 本年制发 = %q", c.Text)
			}
		})
	}
}

// TestMissingLabelTable2: a row of table 二 whose label is missing is not filled by the order
// of the numbers (no identity could check it): its cells stay blank with a note.
func TestMissingLabelTable2(t *testing.T) {
	text := strings.Replace(gluedApply(nil), "规章000行政规范性文件000", "规章 1 2 3 4 5 6 ", 1)
	res := Import(text)
	for _, code := range []string{"active.rules.issued", "active.normative.issued", "active.normative.effective"} {
		if c, _ := res.Report.Cell(code); !c.Blank {
			t.Errorf("%s = %q, want blank", code, c.Text)
		}
	}
	if all := strings.Join(res.Warnings, "\n"); !strings.Contains(all, "行名缺失，这几行没有可核对的勾稽关系") {
		t.Errorf("warnings:\n%s", all)
	}
}
