package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/form"
)

func TestAggregateFolder(t *testing.T) {
	dir := t.TempDir()
	for i, agency := range []string{"甲镇人民政府", "乙局"} {
		r := form.Sample(form.Latest)
		r.Meta.Agency = agency
		if i == 1 {
			_ = r.Set("apply.1.total", "99") // a unit with an error is summed and named
		}
		if err := form.SaveDraft(filepath.Join(dir, agency+form.DraftExt), r); err != nil {
			t.Fatal(err)
		}
	}
	_ = os.WriteFile(filepath.Join(dir, "丙局.xlsx"), []byte("not a workbook"), 0o644)

	u := newTestUI(t)
	u.rep.Meta.Agency = "示例县人民政府办公室"
	u.aggregateFolder(dir)
	top := u.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(strings.Join(texts(top), "|"), "保存汇总表") {
		t.Fatalf("no save dialog for the aggregate: %v", top)
	}

	paths, _ := open.UnitFiles([]string{dir}, "")
	s, err := form.Aggregate(u.rep.Meta.Agency, form.LoadUnits(paths, open.Report))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "汇总.xlsx")
	if err := u.writeAggregate(out, s); err != nil {
		t.Fatal(err)
	}
	total, _, err := open.Report(out)
	if err != nil {
		t.Fatalf("the aggregate workbook does not read back: %v", err)
	}
	if c, _ := total.Cell("apply.3.7.total"); c.Text != "84" {
		t.Errorf("summed （七）总计 = %q, want 84 (42 + 42)", c.Text)
	}
	msg := aggregateReport(out, s)
	for _, want := range []string{"已汇总 2 个单位", "有错误：乙局", "未汇总：丙局.xlsx", "汇总明细"} {
		if !strings.Contains(msg, want) {
			t.Errorf("report lacks %q:\n%s", want, msg)
		}
	}
}
