package form

import (
	"strings"
	"testing"
	"unicode"
)

func TestFoldLabel(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"第二十条第（一）项", "第二十条第(一)项"},
		{"第二十条第(一)项", "第二十条第(一)项"},
		{" 商业\n企业 ", "商业企业"},
		{"1、属于国家秘密", "1.属于国家秘密"},
		{"１．属于国家秘密", "1.属于国家秘密"},
		{"12、其他", "12.其他"},
		{"3.危及“三安全一稳定”", "3.危及三安全一稳定"},
		{"申请人无正当理由逾期不补正、行政机关不再处理", "申请人无正当理由逾期不补正、行政机关不再处理"},
		{"本年——增减", "本年--增减"},
		{"\ufeff　某县\u200b人民政府 ", "某县人民政府"},
		{"", ""},
	} {
		if got := FoldLabel(tc.in); got != tc.want {
			t.Errorf("FoldLabel(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestLabelKey(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"（一）予以公开", "一予以公开"},
		{"(一)予以公开", "一予以公开"},
		{"１、属于国家秘密", "1属于国家秘密"},
		{"ＡＢ c", "abc"},
		{"——", ""},
	} {
		if got := LabelKey(tc.in); got != tc.want {
			t.Errorf("LabelKey(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// LabelKey is FoldLabel followed by keeping letters and digits, for every official label.
	keep := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(unicode.ToLower(r))
			}
		}
		return b.String()
	}
	for _, f := range Formats {
		for _, d := range f.Cells {
			for _, l := range []string{d.Label(), d.RowLabel(), d.ColLabel(), "１、“" + d.ColLabel() + "”　—"} {
				if got, want := LabelKey(l), keep(FoldLabel(l)); got != want {
					t.Errorf("LabelKey(%q) = %q, FoldLabel gives %q", l, got, want)
				}
			}
		}
	}
}

func TestShortNameAndWhere(t *testing.T) {
	for _, f := range Formats {
		for _, d := range f.Cells {
			if got, want := d.Table.ShortName(), "表"+cnNum[d.Table.Section]; got != want || d.Table.Section < 2 {
				t.Errorf("%s %s: ShortName %q, want %q", f.ID, d.Code, got, want)
			}
			w := d.Where()
			if !strings.Contains(w, "「"+d.ColLabel()+"」列") || d.Row != nil && !strings.HasPrefix(w, "「"+d.RowLabel()+"」行") {
				t.Errorf("%s %s: Where %q", f.ID, d.Code, w)
			}
			if full := where(d); !strings.HasPrefix(full, "第"+cnNum[d.Table.Section]+"部分「") {
				t.Errorf("%s %s: where %q", f.ID, d.Code, full)
			}
		}
	}
	d, _ := Latest.Cell("apply.3.1.natural")
	if got := d.Table.ShortName() + d.Where(); !strings.HasPrefix(got, "表三「") || !strings.HasSuffix(got, "」行「自然人」列") {
		t.Errorf("apply.3.1.natural is named %q", got)
	}
}
