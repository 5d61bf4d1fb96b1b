package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/nianbao/nianbao/form"
)

// settle runs the UI updates of the background reads run starts (opening a file, last
// year's report) until none is pending, the test goroutine standing in for the event loop.
func settle(t *testing.T, u *UI, run func()) {
	t.Helper()
	old := u.do
	l := newEventLoop(u)
	defer func() { u.do = old }()
	run()
	l.until(t, "the background reads", func() bool { return u.doc.pending == 0 })
}

// openNow is openOrShow run to its end.
func openNow(t *testing.T, u *UI, path string) {
	t.Helper()
	settle(t, u, func() { u.openOrShow(path) })
}

// lastYearFile writes a draft of last year's report for agency with 结转下年度 7.
func lastYearFile(t *testing.T, dir, name, agency string, year int) string {
	t.Helper()
	last := form.New(form.Latest, year, agency)
	_ = last.Set("apply.4.natural", "7")
	path := filepath.Join(dir, name)
	if err := form.SaveDraft(path, last); err != nil {
		t.Fatal(err)
	}
	return path
}

// overlayText is the top dialog's text, without the line breaks wrapText put in.
func overlayText(u *UI) string {
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return strings.ReplaceAll(strings.Join(texts(top), "|"), "\n", "")
}

// 载入上年报告 of another agency asks before carrying anything over, naming both agencies;
// 取消 carries nothing, 载入 carries. The same agency written with other spaces or widths,
// and last year's report of a known year, are not asked about.
func TestLastYearOfAnotherAgencyAsks(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name, agency string
		year         int
		ask          string
	}{
		{"another agency", "示例县教育局", 2024, "上年报告的机关是「示例县教育局」，本报告是「测试局」，仍要载入吗？"},
		{"no year", "测试局", 0, "上年报告没有填写报告年度，无法确认它是 2024 年度的，仍要载入吗？"},
		{"same agency", " 测试局 ", 2024, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, answer := range []string{"取消", "载入"} {
				u := newTestUI(t)
				path := lastYearFile(t, dir, c.name+".nianbao", c.agency, c.year)
				settle(t, u, func() { u.lastYearAsk(path) })
				got := overlayText(u)
				if c.ask == "" {
					if u.last == nil || !strings.Contains(got, "已载入上年报告") {
						t.Fatalf("the same agency was not loaded at once: %q", got)
					}
					return
				}
				if !strings.Contains(got, c.ask) {
					t.Fatalf("question %q, want %q", got, c.ask)
				}
				if u.last != nil {
					t.Fatal("carried over before the answer")
				}
				b := u.dialogButton(answer)
				if b == nil {
					t.Fatalf("no %s in %q", answer, got)
				}
				test.Tap(b)
				carried, _ := u.rep.Cell("apply.2.natural")
				if answer == "取消" && (u.last != nil || !carried.Blank || u.dirty) {
					t.Errorf("取消 carried %q (last %v, dirty %v)", carried.Text, u.last != nil, u.dirty)
				}
				if answer == "载入" && (u.last == nil || carried.Text != "7") {
					t.Errorf("载入 carried %q", carried.Text)
				}
				u.closeDialogs()
			}
		})
	}
}

// The draft keeps its link to last year's report: reopened, the cross-year checks are on
// again (read in the background) without carrying anything over again; with the file gone,
// the status line says the checks are paused.
func TestLastYearLinkSurvivesReopen(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	lastPath := lastYearFile(t, dir, "2024年报.nianbao", "测试局", 2024)
	if _, err := u.loadLastYear(lastPath); err != nil {
		t.Fatal(err)
	}
	typeInto(u, u.table(t, 3).cell(t, "apply.2.natural"), "6") // X1: last year carried 7
	draft := filepath.Join(dir, "2025年报.nianbao")
	if err := u.saveTo(draft); err != nil {
		t.Fatal(err)
	}
	u.newReport(form.Latest, 2025, "测试局")
	openNow(t, u, draft)
	u.closeDialogs()
	if u.last == nil || !hasRule(u.problems, "X1") {
		t.Fatalf("reopened without last year's report (last %v, problems %v)", u.last != nil, u.problems)
	}
	if c, _ := u.rep.Cell("apply.2.natural"); c.Text != "6" || u.dirty {
		t.Errorf("reopening carried over again: %q, dirty %v", c.Text, u.dirty)
	}
	if got := u.table(t, 3).cell(t, "apply.2.natural").prev.Text; got != "上年7" {
		t.Errorf("last year's figure in the corner %q", got)
	}

	if err := os.Remove(lastPath); err != nil {
		t.Fatal(err)
	}
	u.newReport(form.Latest, 2025, "测试局")
	openNow(t, u, draft)
	u.closeDialogs()
	if u.last != nil || hasRule(u.problems, "X1") {
		t.Error("cross-year checks without last year's report")
	}
	if got := u.status.text(); !strings.Contains(got, "上年报告「2024年报.nianbao」找不到，跨年度检查暂停") {
		t.Errorf("status %q", got)
	}
	if u.rep.LastYear != lastPath {
		t.Errorf("the link was dropped: %q", u.rep.LastYear)
	}
}

// Opening reads the file off the UI thread behind a busy dialog; edits typed meanwhile are
// asked about before the file replaces them, and 取消 keeps them.
func TestOpenInBackgroundKeepsEdits(t *testing.T) {
	u := newTestUI(t)
	path := filepath.Join(t.TempDir(), "别的.nianbao")
	if err := form.SaveDraft(path, form.Sample(form.Latest)); err != nil {
		t.Fatal(err)
	}
	l := newEventLoop(u)
	u.openOrShow(path)
	if got := overlayText(u); !strings.Contains(got, "正在读取「别的.nianbao」") {
		t.Errorf("busy dialog %q", got)
	}
	if u.rep.Meta.Agency != "测试局" {
		t.Fatal("the file was applied before its read finished")
	}
	u.closeDialogs() // as if typing behind it
	typeInto(u, u.table(t, 3).cell(t, "apply.1.natural"), "5")
	l.until(t, "the read", func() bool { return u.doc.pending == 0 })
	if got := overlayText(u); !strings.Contains(got, "未保存的修改") {
		t.Fatalf("edits made during the read not asked about: %q", got)
	}
	test.Tap(u.dialogButton("取消"))
	if c, _ := u.rep.Cell("apply.1.natural"); c.Text != "5" || u.rep.Meta.Agency != "测试局" {
		t.Errorf("取消 lost the edit: %q, %q", c.Text, u.rep.Meta.Agency)
	}

	// A document switch during the read drops it.
	u.openOrShow(path)
	u.closeDialogs()
	u.newReport(form.Latest, 2025, "另一个局")
	l.until(t, "the read", func() bool { return u.doc.pending == 0 })
	if u.rep.Meta.Agency != "另一个局" {
		t.Errorf("a read for the previous document replaced the new one: %q", u.rep.Meta.Agency)
	}
}

// Closing an empty second window after the one with the draft does not make the next start
// forget the draft.
func TestEmptyWindowKeepsLastFile(t *testing.T) {
	u := newTestUI(t)
	path := filepath.Join(t.TempDir(), "报告.nianbao")
	if err := u.saveTo(path); err != nil {
		t.Fatal(err)
	}
	empty := newTestWindowUI(t, u)
	u.onClose()
	empty.onClose()
	if !u.closed || !empty.closed {
		t.Fatal("a window did not close")
	}
	if got := u.app.Preferences().String(prefLastFile); got != path {
		t.Errorf("lastFile %q after the empty window closed, want %q", got, path)
	}
}

// Enter closes the import summary (and other messages with the one button 确定), only while
// it is the top dialog.
func TestEnterClosesSummary(t *testing.T) {
	u := newTestUI(t)
	openNow(t, u, filepath.Join("testdata", "published2021.txt"))
	if !strings.Contains(overlayText(u), "已导入") {
		t.Fatalf("no import summary: %q", overlayText(u))
	}
	enter := func() { u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn}) }
	u.ask("问题", "另一个对话框", "好", func() {})
	enter()
	if !strings.Contains(overlayText(u), "另一个对话框") {
		t.Fatal("Enter closed a dialog under another one")
	}
	test.Tap(u.dialogButton("取消"))
	enter()
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("Enter left the summary open: %q", overlayText(u))
	}
}
