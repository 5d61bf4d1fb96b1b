package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/form"
)

// Filling 基本信息 must not move the fields: the hint line keeps its height whether there are
// hints or not, and it shows them as 提醒 (warning colour), like the problems panel.
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
	if !strings.Contains(v.msg.Text, "机关名称") || v.msg.Importance != widget.WarningImportance {
		t.Fatalf("hint line = %q (importance %v), want the missing agency as a warning", v.msg.Text, v.msg.Importance)
	}
	for _, p := range u.problems {
		if p.Section == 0 && p.Severity != "提醒" {
			t.Errorf("meta problem %q in the panel is %s, the page shows it as 提醒", p.Message, p.Severity)
		}
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
	if len(metaIssues(u.rep)) != 0 {
		t.Fatalf("issues left after filling: %v", metaIssues(u.rep))
	}
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
