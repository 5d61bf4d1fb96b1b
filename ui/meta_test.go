package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/form"
)

// Filling 基本信息 must not move the fields: the hint line keeps its height whether there are
// hints or not; it shows every 基本信息 problem of the checker with its rule id, a field still
// empty as 未填 (not in the warning colour: it is not wrong yet).
func TestMetaHintsDoNotShiftFields(t *testing.T) {
	u := newTestUI(t)
	u.rep.Meta.Agency, u.rep.Meta.Date = "", ""
	u.recheck()
	u.showStep(0)
	v := u.views[0].(*metaView)
	u.win.Content().Refresh()
	if strings.Contains(v.msg.Text, "。；") {
		t.Errorf("hint line %q has 。 before ；", v.msg.Text)
	}
	if !strings.Contains(v.msg.Text, "未填 M1：请填写机关名称") || v.msg.Importance != widget.MediumImportance {
		t.Fatalf("hint line = %q (importance %v), want the missing agency as 未填 M1", v.msg.Text, v.msg.Importance)
	}
	for _, p := range u.problems {
		if p.Section == 0 && !strings.Contains(v.msg.Text, string(p.Severity)+" "+p.Rule) {
			t.Errorf("meta problem %s %s is not on the page's line %q", p.Severity, p.Rule, v.msg.Text)
		}
	}
	mv := func() int { return form.CountBySection(u.problems)[0].Blanks }
	if mv() != 2 {
		t.Errorf("基本信息 counts %d blanks, want agency and date", mv())
	}
	abs := func() float32 {
		u.pages[0].Refresh() // lay out again, as the window does after a size change
		return u.app.Driver().AbsolutePositionForObject(v.date).Y
	}
	before := abs()
	u.win.Canvas().Focus(v.agency)
	test.Type(v.agency, "测试局")
	u.win.Canvas().Focus(v.date)
	test.Type(v.date, "2026-01-20")
	if c := form.CountBySection(u.problems)[0]; !c.Clean() {
		t.Fatalf("基本信息 not clean after filling: %+v %v", c, u.problems)
	}
	// A wrong date is a 提醒, in the warning colour, with its id.
	v.date.SetText("2026-13-40")
	if !strings.Contains(v.msg.Text, "提醒 M3") || v.msg.Importance != widget.WarningImportance {
		t.Errorf("a wrong date: hint line %q (importance %v)", v.msg.Text, v.msg.Importance)
	}
	v.date.SetText("2026年1月20日")
	if after := abs(); after != before {
		t.Errorf("发布日期 moved from y=%.0f to y=%.0f while typing", before, after)
	}
	if v.msg.Hidden || v.msg.Importance == widget.WarningImportance {
		t.Errorf("hint line after filling: hidden=%v importance=%v text=%q", v.msg.Hidden, v.msg.Importance, v.msg.Text)
	}
}

// The opening paragraph is narrative too: a figure typed there is checked against the
// tables (W4) at once, like the other narrative pages.
func TestOpeningParagraphIsChecked(t *testing.T) {
	u := newTestUI(t)
	u.setReport(form.Sample(form.Latest), "")
	u.showStep(0)
	v := u.views[0].(*metaView)
	has := func() bool {
		for _, p := range u.problems {
			if p.Rule == "W4" {
				return true
			}
		}
		return false
	}
	if has() {
		t.Fatal("the sample already has a W4 problem")
	}
	test.Type(v.open, "全年共收到政府信息公开申请99件。")
	if u.rep.Text.Opening == "" || !has() {
		t.Errorf("typing a wrong figure into the opening paragraph raised no W4 (opening %q)", u.rep.Text.Opening)
	}
	if !u.dirty {
		t.Error("the edit did not mark the report changed")
	}
}

// The hint line of 基本信息 follows every change at once, as the problems panel does: text in
// the opening paragraph that triggers L1, a field that fixes an M rule, a change made on
// another page that the checker reports under 基本信息.
func TestMetaHintRefreshesOnEveryChange(t *testing.T) {
	u := newTestUI(t)
	u.showStep(0)
	v := u.views[0].(*metaView)
	if strings.Contains(v.msg.Text, "L1") {
		t.Fatalf("hint line %q before the citation", v.msg.Text)
	}
	u.win.Canvas().Focus(&v.open.Entry)
	test.Type(&v.open.Entry, "根据《中华人民共和国政府信息公开条例》（国务院令第492号）编制。")
	if !hasRule(u.problems, "L1") {
		t.Fatalf("no L1 for 国务院令第492号: %v", u.problems)
	}
	if !strings.Contains(v.msg.Text, "提醒 L1") || v.msg.Importance != widget.WarningImportance {
		t.Errorf("after typing an old citation the hint line is %q (importance %v), want 提醒 L1", v.msg.Text, v.msg.Importance)
	}
	v.open.SetText("根据《中华人民共和国政府信息公开条例》（国务院令第711号）编制。")
	if strings.Contains(v.msg.Text, "L1") {
		t.Errorf("the corrected citation still shows %q", v.msg.Text)
	}
	// Fixing an M rule: the year typed out of range, then in range.
	u.win.Canvas().Focus(v.year)
	v.year.SetText("1990")
	if !strings.Contains(v.msg.Text, "M2") {
		t.Errorf("year 1990: hint line %q lacks M2", v.msg.Text)
	}
	v.year.SetText("2025")
	if strings.Contains(v.msg.Text, "M2") {
		t.Errorf("year 2025: hint line %q still shows M2", v.msg.Text)
	}
	// A change elsewhere that the checker reports under 基本信息 shows without switching steps.
	u.rep.Meta.Agency = ""
	u.recheck()
	if !strings.Contains(v.msg.Text, "M1") {
		t.Errorf("agency cleared: hint line %q lacks M1", v.msg.Text)
	}
}
