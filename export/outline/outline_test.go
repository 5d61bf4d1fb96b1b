package outline

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/form"
)

// kinds returns the block kinds as a compact string for comparisons.
func kinds(bs []Block) string {
	var b strings.Builder
	for _, x := range bs {
		b.WriteString(map[Kind]string{Title: "T", Heading1: "H", Heading2: "h", Paragraph: "p", Table: "#", Signature: "S"}[x.Kind])
	}
	return b.String()
}

func TestBlocksSample(t *testing.T) {
	for _, f := range form.Formats {
		r := form.Sample(f)
		bs := Blocks(r)
		// Title, opening; 一 with overview and five parts; 二 三 四 tables; 五 六 text; 落款.
		if got, want := kinds(bs), "Tp"+"Hp"+"hphphphphp"+"H#H#H#"+"HpHp"+"S"; got != want {
			t.Fatalf("%s: kinds %s, want %s", f.ID, got, want)
		}
		if bs[0].Text != r.Title() || len(bs[0].Lines) != 2 || bs[0].Lines[0] != r.Meta.Agency || bs[0].Lines[0]+bs[0].Lines[1] != r.Title() {
			t.Errorf("%s: title %q lines %q", f.ID, bs[0].Text, bs[0].Lines)
		}
		sig := bs[len(bs)-1]
		if sig.Lines[0] != r.Meta.Agency || sig.Lines[1] != r.DateText() || sig.Lines[1] == "" {
			t.Errorf("%s: signature %q", f.ID, sig.Lines)
		}
		var h1 []string
		tables := 0
		for _, b := range bs {
			switch b.Kind {
			case Heading1:
				h1 = append(h1, b.Text)
			case Table:
				if b.Grid.Table != b.Section.Table {
					t.Errorf("%s: table block of section %d holds %s", f.ID, b.Section.Number, b.Grid.Table.ID)
				}
				tables++
			case Paragraph:
				if strings.ContainsAny(b.Text, "\r\n") || b.Text != strings.TrimSpace(b.Text) {
					t.Errorf("%s: paragraph not one trimmed line: %q", f.ID, b.Text)
				}
			}
		}
		for i, s := range f.Sections {
			if h1[i] != s.Title {
				t.Errorf("%s: heading %d = %q, want %q", f.ID, i, h1[i], s.Title)
			}
		}
		if tables != 3 {
			t.Errorf("%s: %d tables", f.ID, tables)
		}
	}
}

func TestBlocksEmpty(t *testing.T) {
	r := form.New(form.Latest, 2025, "")
	bs := Blocks(r)
	if got, want := kinds(bs), "TH"+"H#H#H#"+"HH"; got != want {
		t.Fatalf("kinds %s, want %s", got, want)
	}
	if len(bs[0].Lines) != 1 {
		t.Errorf("title without agency broken: %q", bs[0].Lines)
	}
	for _, b := range bs {
		if b.Kind == Table {
			for _, c := range b.Grid.Cells {
				if c.Role == form.RoleValue && c.Text != "" {
					t.Errorf("blank cell %s printed as %q", c.Code, c.Text)
				}
			}
		}
	}
	r.Meta.Agency = "某局"
	if bs = Blocks(r); bs[len(bs)-1].Kind != Signature || bs[len(bs)-1].Lines[1] != "" {
		t.Errorf("signature without date: %v", bs[len(bs)-1])
	}
}

func TestParagraphs(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"  \n\n ", nil},
		{"一段。\r\n\r\n二段。\r三段。\n", []string{"一段。", "二段。", "三段。"}},
		{"\u3000\u3000首行缩进。 ", []string{"首行缩进。"}},
		{"a\x00b\x1bc\td", []string{"abc d"}},
		{"bad\xff\xfeutf8", []string{"bad\ufffdutf8"}},
		{"real \ufffd kept\ufffe\uffff", []string{"real \ufffd kept"}},
	} {
		got := Paragraphs(c.in)
		if strings.Join(got, "|") != strings.Join(c.want, "|") || len(got) != len(c.want) {
			t.Errorf("Paragraphs(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPart(t *testing.T) {
	h := form.Latest.Sections[0].Parts[0]
	ordinal := h[:strings.Index(h, "）")+len("）")]
	for _, c := range []struct {
		text, heading string
		paras         []string
	}{
		{"", "", nil},
		{"正文。", h, []string{"正文。"}},
		{h + "\n正文。", h, []string{"正文。"}},
		{h + "。正文。", h, []string{"正文。"}},
		{h + "：正文。\n第二段。", h, []string{"正文。", "第二段。"}},
		{ordinal + "主动公开情况\n正文。", ordinal + "主动公开情况", []string{"正文。"}},
		{ordinal + "全年主动公开信息386条，同比增长。", h, []string{ordinal + "全年主动公开信息386条，同比增长。"}},
		{h, h, nil},
	} {
		heading, paras := Part(h, c.text)
		if heading != c.heading || strings.Join(paras, "|") != strings.Join(c.paras, "|") {
			t.Errorf("Part(%q) = %q %q, want %q %q", c.text, heading, paras, c.heading, c.paras)
		}
	}
}

func TestClean(t *testing.T) {
	for _, s := range []string{"]]>", "<a&b>", "\x01\x02\u0085\u009f", "\xed\xa0\x80", "\U0010fffe", "ok 汉字 \U0001F600"} {
		got := Clean(s)
		if !utf8.ValidString(got) {
			t.Errorf("Clean(%q) = %q: invalid UTF-8", s, got)
		}
		for _, r := range got {
			if !allowed(r) || r == '\t' {
				t.Errorf("Clean(%q) kept %U", s, r)
			}
		}
	}
	if s := "普通文字 text"; Clean(s) != s {
		t.Errorf("Clean changed clean text")
	}
	if got := Line(" 某\n局\r\n办公室 "); got != "某 局 办公室" {
		t.Errorf("Line = %q", got)
	}
}

func TestSignatureIndents(t *testing.T) {
	for _, c := range []struct {
		agency, date string
		a, d         float64
	}{
		// A 10-character agency, a date of 3 full and 7 half-width characters (6.5): the date
		// starts two characters right of the agency.
		{"示例县市场监督管理局", "2026年1月20日", 2, 2 + 10 - 2 - 6.5},
		// A short agency: the date keeps two characters from the edge, the agency starts two left of it.
		{"某局", "2026年12月31日", 2 + 7 + 2 - 2, 2},
		{"", "", 4, 2},
		// An agency longer than a line wraps; the date starts two characters right of its
		// first line, which starts at the left edge.
		{strings.Repeat("长", 30), "2026年1月20日", 2, 28 - 2 - 6.5},
		// A date that cannot be indented as far as the rule wants stays on its line.
		{"某局", strings.Repeat("日", 27), 26, 1},
	} {
		a, d := SignatureIndents(c.agency, c.date, 28)
		if a != c.a || d != c.d {
			t.Errorf("SignatureIndents(%q, %q) = %v, %v; want %v, %v", c.agency, c.date, a, d, c.a, c.d)
		}
	}
}

func TestGrid(t *testing.T) {
	for _, f := range form.Formats {
		r := form.Sample(f)
		for _, tb := range f.Tables {
			g := NewGrid(r, tb)
			at := g.At()
			for y, row := range at {
				for x, i := range row {
					if i < 0 {
						t.Errorf("%s %s: grid square %d,%d not covered", f.ID, tb.ID, y, x)
					}
				}
			}
			values := 0
			for _, c := range g.Cells {
				if c.Role != form.RoleValue {
					if c.Text == "" || c.Text != c.Span.Text {
						t.Errorf("%s %s: label %+v printed as %q", f.ID, tb.ID, c.Span, c.Text)
					}
					continue
				}
				values++
				cell, _ := r.Cell(c.Code)
				def, _ := f.Cell(c.Code)
				want := cell.Value.Format(def.Kind)
				if def.Kind == form.Amount {
					want = form.Normalize(cell.Text) // the sample's amounts are typed canonically but for decimals
				}
				if c.Text == "" || c.Text != want {
					t.Errorf("%s %s: value %s printed as %q, typed %q", f.ID, tb.ID, c.Code, c.Text, cell.Text)
				}
			}
			want := 0
			for _, d := range f.Cells {
				if d.Table == tb {
					want++
				}
			}
			if values != want {
				t.Errorf("%s %s: %d value cells, want %d", f.ID, tb.ID, values, want)
			}
			if (tb.ID == "active") != g.Stacked {
				t.Errorf("%s %s: stacked %v", f.ID, tb.ID, g.Stacked)
			}
			if g.Stacked && g.RepeatRows != 0 || !g.Stacked && g.RepeatRows != tb.Layout().HeaderRows {
				t.Errorf("%s %s: repeat rows %d", f.ID, tb.ID, g.RepeatRows)
			}
			sum := 0.0
			for _, w := range g.ColumnWidths(100) {
				if w <= 0 {
					t.Errorf("%s %s: column width %v", f.ID, tb.ID, w)
				}
				sum += w
			}
			if sum < 99.999 || sum > 100.001 {
				t.Errorf("%s %s: widths sum to %v", f.ID, tb.ID, sum)
			}
		}
	}
}

func TestCellTextInvalid(t *testing.T) {
	r := form.New(form.Latest, 2025, "某局")
	code := form.Latest.Cells[0].Code
	_ = r.Set(code, " 十二\x07 ")
	if got := CellText(r, code); got != "十二" {
		t.Errorf("invalid cell printed as %q", got)
	}
	_ = r.Set(code, "１,２00")
	if got := CellText(r, code); got != "1200" {
		t.Errorf("valid cell printed as %q", got)
	}
}

// TestCellTextAmount: an amount (万元) prints as the user typed it: a fee of "0" is
// "0", not "0.00"; typed decimals stay; full-width digits become ASCII.
func TestCellTextAmount(t *testing.T) {
	const code = "active.fees.amount"
	for _, tc := range []struct{ typed, want string }{
		{"0", "0"},
		{"12", "12"},
		{"0.00", "0.00"},
		{"3.5", "3.5"},
		{"3.25", "3.25"},
		{"００３.５０", "3.50"},
		{" 126.4 ", "126.4"},
		{"1,200", "1200"},
		{"1,200.5", "1200.50"},
	} {
		r := form.New(form.Latest, 2025, "某局")
		if err := r.Set(code, tc.typed); err != nil {
			t.Fatalf("%q: %v", tc.typed, err)
		}
		if got := CellText(r, code); got != tc.want {
			t.Errorf("amount typed %q printed as %q, want %q", tc.typed, got, tc.want)
		}
	}
}

// TestLabelWords: the column headings and group labels of every format split into
// words of two or more characters (the only single characters are the few that are words
// of their own, punctuation and ordinals), and joined they give the label back.
func TestLabelWords(t *testing.T) {
	for _, tc := range []struct{ label, want string }{
		{"结果维持", "结果|维持"},
		{"自然人", "自然人"},
		{"法人或其他组织", "法人|或|其他|组织"},
		{"社会公益组织", "社会|公益|组织"},
		{"复议后起诉", "复议后|起诉"},
		{"未经复议直接起诉", "未经|复议|直接|起诉"},
		{"（三）不予公开", "（|三|）|不予|公开"},
		{"本年收费金额（单位：万元）", "本年|收费|金额|（|单位|：|万元|）"},
		{"本年增/减", "本年|增/减"},
		{"3.危及“三安全一稳定”", "3|.|危|及|“|三|安|全|一|稳|定|”"},
		{"", ""},
	} {
		if got := strings.Join(LabelWords(tc.label), "|"); got != tc.want {
			t.Errorf("LabelWords(%q) = %q, want %q", tc.label, got, tc.want)
		}
	}
	singles := "或新总（）：一二三四五六七八九十"
	for _, f := range form.Formats {
		for _, tb := range f.Tables {
			for _, s := range tb.Layout().Spans {
				if s.Role != form.RoleColumn && !(s.Role == form.RoleRow && s.RowSpan > 1 && s.Col > 0) {
					continue
				}
				words := LabelWords(s.Text)
				if strings.Join(words, "") != s.Text {
					t.Errorf("%s %s: words %q do not give back %q", f.ID, tb.ID, words, s.Text)
				}
				for _, w := range words {
					if utf8.RuneCountInString(w) == 1 && !strings.Contains(singles, w) {
						t.Errorf("%s %s: %q has the single character %q: add its word to labelWords", f.ID, tb.ID, s.Text, w)
					}
				}
			}
		}
	}
}

// Line trims what form.IsSpace calls a space: the zero-width joiners and the word joiner too.
func TestLineTrimsZeroWidth(t *testing.T) {
	if got := Line("\u2060\u200d某某局\u200c\u180e"); got != "某某局" {
		t.Errorf("Line gave %q", got)
	}
}
