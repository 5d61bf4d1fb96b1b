package pdf

import (
	"strings"
	"testing"
	"unicode"
)

// testWidth is a stand-in metric: CJK and full-width characters 1 em,
// ASCII half an em.
func testWidths(rs []rune) []float64 {
	w := make([]float64, len(rs))
	for i, r := range rs {
		if r < 0x80 {
			w[i] = 0.5
		} else {
			w[i] = 1
		}
	}
	return w
}

func joinLines(rs []rune, ls []line) string {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString(string(rs[l.start:l.end]))
	}
	return b.String()
}

func TestBreakLines(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		width  float64
		indent float64
		whole  []string // must appear unbroken on one line
		want   []string // exact lines, if given
		full   float64  // every line but the last fills at least this part of its width
		after  string   // a line inside a long word ends with one of these
	}{
		{name: "plain", text: "一二三四五六七八九十", width: 4, want: []string{"一二三四", "五六七八", "九十"}},
		{name: "indent", text: "一二三四五六七八九十", width: 4, indent: 2, want: []string{"一二", "三四五六", "七八九十"}},
		{name: "comma pushed", text: "一二三四，五六七", width: 4, want: []string{"一二三", "四，五六", "七"}},
		{name: "comma squeezed", text: "一二三四，五六七", width: 4.5, want: []string{"一二三四，", "五六七"}},
		{name: "two closings", text: "甲乙丙丁》。戊", width: 4, want: []string{"甲乙丙", "丁》。戊"}},
		{name: "opening not at end", text: "一二三《四五》", width: 4, want: []string{"一二三", "《四五》"}},
		{name: "opening quote", text: "一二三“四五”六", width: 4, want: []string{"一二三", "“四五”", "六"}},
		{name: "ellipsis pair", text: "一二三……四", width: 4, want: []string{"一二", "三……四"}},
		{name: "number whole", text: "收到申请2488.86件", width: 6, whole: []string{"2488.86"}},
		{name: "year whole", text: "一二三四五2025年", width: 6, whole: []string{"2025"}},
		{name: "url whole", text: "网址http://www.gov.cn查阅", width: 12, whole: []string{"http://www.gov.cn"}},
		{name: "latin words", text: "the quick brown fox jumps", width: 6, whole: []string{"quick", "brown", "jumps"}},
		{name: "too long word", text: "abcdefghijklmnop", width: 3},
		{name: "empty", text: "", width: 4},
		{name: "closing first char", text: "，一二三四五", width: 2},
		{name: "names", text: "张喆、李堃、王玥、赵𠮷、钱·阿里木", width: 5},
		// Runs of closing marks travel to the next line together with the
		// character before them; runs of opening marks with the one after.
		{name: "doubled comma", text: "一二三，，四五", width: 4, want: []string{"一二", "三，，四", "五"}},
		{name: "doubled comma hangs", text: "一二三，，四五", width: 4.5, want: []string{"一二三，，", "四五"}},
		{name: "stop and corner bracket", text: "一二三。」四五六", width: 4, want: []string{"一二", "三。」四", "五六"}},
		{name: "quote and stop", text: "一二三”。四五六", width: 4, want: []string{"一二", "三”。四", "五六"}},
		{name: "paren and stop", text: "一二三）。四五六", width: 4, want: []string{"一二", "三）。四", "五六"}},
		{name: "three closings", text: "一二三四）。”五六", width: 5, want: []string{"一二三", "四）。”五", "六"}},
		{name: "opening run", text: "一二三“《四五》”", width: 4, want: []string{"一二三", "“《四", "五》”"}},
		{name: "closing then opening", text: "一二三。“《四五", width: 4, want: []string{"一二三。", "“《四五"}},
		{name: "paragraph starts with commas", text: "，，一二三四五六", width: 4},
		{name: "typed many times", text: strings.Repeat("答复，，全年", 40), width: 28, indent: 2},
		{name: "typed many times narrow", text: strings.Repeat("答复，，全年办理。」说明”。（见附件）。“《条例》”", 20), width: 11, indent: 2},
		// A word longer than what is left of the line (a web address, a file path) breaks
		// after a slash, a backslash or an underscore rather than leave the
		// line half empty, justified into a loose row of letter-spaced characters; a word
		// longer than a line likewise, never inside a number or a name (「202/501」,
		// 「.nia/nbao」).
		{name: "url fills the line", text: "本报告电子版详见http://www.example.gov.cn/xxgk/nianbao/index.html，欢迎查阅。", width: 28, indent: 2, full: 0.75, after: "/", whole: []string{"example", "nianbao", "index"}},
		{name: "url longer than a line", text: "原文链接https://www.pingtan.gov.cn/zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/202501/t20250120_96806.htm查阅", width: 20, after: "/_", whole: []string{"202501", "t20250120", "96806", "pingtan"}},
		{name: "file path", text: "草稿保存在C:\\Users\\Administrator\\Documents\\nianbao\\2019-report-draft-final-version.nianbao中。", width: 16, after: "\\-.", whole: []string{"2019", ".nianbao", "Administrator", "Documents"}},
		{name: "full-width digits whole", text: "一二三四五六２０１９件", width: 8, whole: []string{"２０１９件"}},
		{name: "full-width letters whole", text: "一二三四五六ＡＢＣＤ项", width: 8, whole: []string{"ＡＢＣＤ"}},
		{name: "long mixed", text: strings.Repeat("本机关全年主动公开政府信息1234条（其中规范性文件12件），“两微一端”发布……信息。", 7), width: 28, indent: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs := []rune(tc.text)
			w := testWidths(rs)
			ls := breakLines(rs, w, tc.width, tc.indent, 0.5)
			if got := joinLines(rs, ls); got != tc.text {
				t.Fatalf("lines lose text: %q != %q", got, tc.text)
			}
			for i, l := range ls {
				s := string(rs[l.start:l.end])
				if i > 0 && ls[i-1].end != l.start {
					t.Errorf("line %d not contiguous", i)
				}
				if i > 0 && isClosing(rs[l.start]) {
					t.Errorf("line %d %q starts with closing punctuation", i, s)
				}
				if !strings.ContainsFunc(s, func(r rune) bool { return !isClosing(r) && !isOpening(r) }) {
					t.Errorf("line %d %q is only punctuation", i, s)
				}
				if i < len(ls)-1 && isOpening(rs[l.end-1]) {
					t.Errorf("line %d %q ends with opening punctuation", i, s)
				}
				avail := tc.width
				if i == 0 {
					avail -= tc.indent
				}
				if nat := sumWidths(w, l.start, l.end); nat > avail+1e-9 && !(isClosing(rs[l.end-1]) && nat <= avail+0.5+1e-9) {
					t.Errorf("line %d %q width %v > %v", i, s, nat, avail)
				}
				if tc.full > 0 && i < len(ls)-1 && sumWidths(w, l.start, l.end) < tc.full*avail {
					t.Errorf("line %d %q fills %.0f of %.0f: a loose line", i, s, sumWidths(w, l.start, l.end), avail)
				}
				if tc.after != "" && i < len(ls)-1 && isWordRune(rs[l.end-1]) && isWordRune(rs[l.end]) &&
					!strings.ContainsRune(tc.after, rs[l.end-1]) {
					t.Errorf("line %d %q breaks the word at %q|%q", i, s, rs[l.end-1], rs[l.end])
				}
				if l.last != (i == len(ls)-1) {
					t.Errorf("line %d last = %v", i, l.last)
				}
			}
			for _, word := range tc.whole {
				found := false
				for _, l := range ls {
					if strings.Contains(string(rs[l.start:l.end]), word) {
						found = true
					}
				}
				if !found {
					t.Errorf("%q broken across lines: %q", word, lineStrings(rs, ls))
				}
			}
			if tc.want != nil {
				if got := lineStrings(rs, ls); strings.Join(got, "|") != strings.Join(tc.want, "|") {
					t.Errorf("got %q, want %q", got, tc.want)
				}
			}
		})
	}
}

func lineStrings(rs []rune, ls []line) []string {
	var out []string
	for _, l := range ls {
		out = append(out, string(rs[l.start:l.end]))
	}
	return out
}

func TestUnitsOf(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"2025年", []string{"2025", "年"}},
		{"共2488.86万元", []string{"共", "2488.86", "万", "元"}},
		{"a b", []string{"a", " ", "b"}},
		{"（一）", []string{"（", "一", "）"}},
	}
	for _, tc := range tests {
		rs := []rune(tc.text)
		u := unitsOf(rs)
		var got []string
		for i := 0; i+1 < len(u); i++ {
			got = append(got, string(rs[u[i]:u[i+1]]))
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q: got %q want %q", tc.text, got, tc.want)
		}
	}
}

func TestBalanceTitle(t *testing.T) {
	tests := []struct {
		name  string
		text  string // "\n" marks a soft break
		width float64
		want  []string
	}{
		{"fits", "北京市2025年报告", 20, []string{"北京市2025年报告"}},
		{"soft break", "某某市某某区人民政府\n2025年政府信息公开工作年度报告", 20,
			[]string{"某某市某某区人民政府", "2025年政府信息公开工作年度报告"}},
		// The whole title does not fit; the agency line is short but the
		// break stays after the agency, not at "…2025年政府" / "信息公开…".
		{"short agency", "某某县教育局\n2025年政府信息公开工作年度报告", 20,
			[]string{"某某县教育局", "2025年政府信息公开工作年度报告"}},
		{"short agency fits", "某市\n2025年政府信息公开工作年度报告", 20,
			[]string{"某市2025年政府信息公开工作年度报告"}},
		{"year kept whole", "某某省某某市某某县人民政府办公室2025年政府信息公开工作年度报告", 20,
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			soft := map[int]bool{}
			var rs []rune
			for _, r := range tc.text {
				if r == '\n' {
					soft[len(rs)] = true
					continue
				}
				rs = append(rs, r)
			}
			w := testWidths(rs)
			ls := balanceTitle(rs, w, tc.width, soft)
			got := lineStrings(rs, ls)
			if strings.Join(got, "") != string(rs) {
				t.Fatalf("text lost: %q", got)
			}
			for _, l := range ls {
				if l.width > tc.width+1e-9 {
					t.Errorf("line too wide: %v", l.width)
				}
				if l.start > 0 && unicode.IsDigit(rs[l.start-1]) && rs[l.start] == '年' {
					t.Errorf("year split from 年: %q", got)
				}
			}
			if tc.want != nil && strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q want %q", got, tc.want)
			}
			if len(soft) > 0 && len(ls) > 1 {
				for i := range soft {
					if !hasLineStart(ls, i) {
						t.Errorf("no line starts at the soft break %d: %q", i, got)
					}
				}
			}
			if len(ls) > 1 && len(soft) == 0 {
				a, b := ls[0].width, ls[len(ls)-1].width
				if a-b > tc.width/2 || b-a > tc.width/2 {
					t.Errorf("unbalanced: %q", got)
				}
			}
		})
	}
}

// TestBalanceTitleLongAgency: an agency name wider than a line is broken
// inside at a natural point, and the year part still starts its own line.
func TestBalanceTitleLongAgency(t *testing.T) {
	agency := "某某省某某市某某县人民政府办公室"
	rs := []rune(agency + "2025年政府信息公开工作年度报告")
	w := testWidths(rs)
	n := len([]rune(agency))
	ls := balanceTitle(rs, w, 12, map[int]bool{n: true})
	got := lineStrings(rs, ls)
	if strings.Join(got, "") != string(rs) || !hasLineStart(ls, n) || len(ls) < 4 {
		t.Fatalf("got %q", got)
	}
	for _, l := range ls {
		if l.width > 12 {
			t.Errorf("line too wide: %q", got)
		}
		if l.end < n && !strings.ContainsRune("省市县府", rs[l.end-1]) {
			t.Errorf("agency broken after %q, not after an administrative suffix: %q", rs[l.end-1], got)
		}
	}
}

func hasLineStart(ls []line, i int) bool {
	for _, l := range ls {
		if l.start == i {
			return true
		}
	}
	return false
}

func TestCompressPunct(t *testing.T) {
	tests := []struct {
		text string
		want float64 // total width in em
	}{
		{"例》）和", 3.5},
		{"知》（国", 3.5},
		{"话。”他", 3.5},
		{"说：“《条例》”", 6.5},
		{"（）", 2},
		{"一，二", 3},
		{"ab，", 2},
	}
	for _, tc := range tests {
		rs := []rune(tc.text)
		w := testWidths(rs)
		compressPunct(rs, w, 1)
		if got := sumWidths(w, 0, len(w)); got != tc.want {
			t.Errorf("%q: width %v, want %v", tc.text, got, tc.want)
		}
	}
}
