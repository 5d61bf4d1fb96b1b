package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/form"
)

// newTestUI builds the wizard in a software window with its own autosave folder.
func newTestUI(t testing.TB) *UI {
	t.Helper()
	a := newSharedApp(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1280, 800))
	u := newUI(a, w, t.TempDir())
	t.Cleanup(func() {
		if !u.closed {
			w.Close()
		}
	})
	u.newReport(form.Latest, 2025, "测试局")
	u.rep.Meta.Date = "2026-01-20"
	u.recheck()
	return u
}

// table opens the step of a table section and returns its page.
func (u *UI) table(t testing.TB, section int) *tableView {
	t.Helper()
	u.showStep(section)
	tv, ok := u.views[section].(*tableView)
	if !ok {
		t.Fatalf("step %d is not a table", section)
	}
	return tv
}

func (tv *tableView) cell(t testing.TB, code string) *cellView {
	t.Helper()
	cv := tv.byCode[code]
	if cv == nil {
		t.Fatalf("no cell %s on the page of %s", code, tv.table.ID)
	}
	return cv
}

// typeInto focuses a cell and types into it like a user.
func typeInto(u *UI, cv *cellView, text string) {
	u.win.Canvas().Focus(cv.entry)
	cv.entry.SetText("")
	test.Type(cv.entry, text)
}

// zeros fills every number cell of the report with 0, so that the table identities are
// checked (form does not check an identity with a blank cell: a blank is not a zero).
func zeros(u *UI) {
	for _, d := range u.rep.Format.Cells {
		if !d.Derived {
			_ = u.rep.Set(d.Code, "0")
		}
	}
	u.rep.FillDerived()
	for _, v := range u.views {
		if v != nil {
			v.reload()
		}
	}
	u.recheck()
}

// zeroReport is a report of the latest format with every number cell 0.
func zeroReport() *form.Report {
	r := form.New(form.Latest, 2025, "测试局")
	for _, d := range r.Format.Cells {
		if !d.Derived {
			_ = r.Set(d.Code, "0")
		}
	}
	r.FillDerived()
	return r
}

func hasRule(ps []form.Problem, rule string) bool {
	for _, p := range ps {
		if p.Rule == rule {
			return true
		}
	}
	return false
}

func TestTypingUpdatesModelAndProblems(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	zeros(u)
	typeInto(u, tv.cell(t, "apply.1.natural"), "12")
	if v, ok := u.rep.Value("apply.1.natural"); !ok || v != form.N(12) {
		t.Fatalf("model apply.1.natural = %v, %v; want 12", v, ok)
	}
	if got := tv.cell(t, "apply.1.total").entry.Text; got != "12" {
		t.Errorf("computed 总计 shows %q, want 12", got)
	}
	if !tv.cell(t, "apply.1.total").entry.Disabled() {
		t.Error("computed total is editable while totals are automatic")
	}
	if !hasRule(u.problems, "H1") {
		t.Fatalf("12 new requests with no results should break H1; problems: %v", u.problems)
	}
	if !u.dirty || !strings.Contains(u.win.Title(), "*") {
		t.Errorf("title %q does not show the unsaved mark", u.win.Title())
	}
	// Finishing the balance removes the problem.
	typeInto(u, tv.cell(t, "apply.3.1.natural"), "12")
	if hasRule(u.problems, "H1") {
		t.Errorf("H1 still reported after balancing: %v", u.problems)
	}
	if got := tv.cell(t, "apply.3.7.natural").entry.Text; got != "12" {
		t.Errorf("（七）总计 shows %q, want 12", got)
	}
}

func TestWrongTotalMarksCells(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	zeros(u)
	tv.manual.SetChecked(true)
	if !u.manualTotals || tv.cell(t, "apply.1.total").entry.Disabled() {
		t.Fatal("the switch did not make totals editable")
	}
	typeInto(u, tv.cell(t, "apply.1.natural"), "2")
	typeInto(u, tv.cell(t, "apply.1.commercial"), "3")
	typeInto(u, tv.cell(t, "apply.1.total"), "9")
	if !hasRule(u.problems, "H2") {
		t.Fatalf("2+3≠9 not reported: %v", u.problems)
	}
	for _, code := range []string{"apply.1.total", "apply.1.natural", "apply.1.commercial"} {
		if c := tv.cell(t, code).frame.StrokeColor; c != colorError {
			t.Errorf("%s frame = %v, want the error colour", code, c)
		}
	}
	if c := tv.cell(t, "apply.2.research").frame.StrokeColor; c == colorError {
		t.Error("an uninvolved cell is marked")
	}
	typeInto(u, tv.cell(t, "apply.1.total"), "5")
	if hasRule(u.problems, "H2") {
		t.Error("H2 stays after the total is fixed")
	}
}

func TestLetterShowsMessageAndKeepsText(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 2)
	cv := tv.cell(t, "active.license.decisions")
	typeInto(u, cv, "12a")
	if cv.entry.Text != "12a" {
		t.Errorf("entry text %q, want the typed text kept", cv.entry.Text)
	}
	c, _ := u.rep.Cell("active.license.decisions")
	if c.Text != "12a" || c.Err == nil {
		t.Fatalf("model cell = %+v, want text kept and an error", c)
	}
	if !strings.Contains(tv.msg.Text, "不是数字") {
		t.Errorf("message line %q does not explain the bad entry", tv.msg.Text)
	}
	if cv.frame.StrokeColor != colorError || cv.frame.FillColor != colorBadFill {
		t.Error("bad cell not marked")
	}
	if !hasRule(u.problems, "H5") {
		t.Error("bad value not in the problems panel")
	}
	typeInto(u, cv, "12")
	if cv.frame.FillColor == colorBadFill {
		t.Error("the bad-value tint stays after fixing the value")
	}
}

func TestStepMarks(t *testing.T) {
	u := newTestUI(t)
	r := zeroReport()
	r.Meta.Date = "2026-01-20"
	r.Text.Overview, r.Text.Problems = "总体情况。", "问题。"
	u.setReport(r, "")
	typeInto(u, u.table(t, 3).cell(t, "apply.1.natural"), "x")
	u.showStep(6)
	v := u.views[6].(*textView)
	test.Type(v.entry, "其他无。")
	for _, c := range []struct {
		step int
		want string
	}{
		{0, "无问题"},
		{2, "无问题"},
		{3, "错误 1"}, // the total of a row with a bad item is blank, waiting: not counted
		{6, "提醒 1"}, // W2: no 信息处理费 sentence
		{7, "错误 1 提醒 1"},
	} {
		if got := countsText(u.stepCounts(c.step)); got != c.want {
			t.Errorf("step %s mark %q, want %q (problems %v)", steps[c.step].Title, got, c.want, u.problems)
		}
	}
	test.Type(v.entry, "本年度未收取信息处理费。")
	if got := countsText(u.stepCounts(6)); got != "无问题" {
		t.Errorf("after the fee sentence step 六 shows %q", got)
	}
	// 基本信息 counts what the title and signature still lack.
	u.showStep(0)
	mv := u.views[0].(*metaView)
	mv.agency.SetText("")
	mv.date.SetText("2026-13-40")
	if got := countsText(u.stepCounts(0)); got != "提醒 1 未填 1" {
		t.Errorf("基本信息 without agency and with a bad date shows %q (problems %v)", got, u.problems)
	}
	if !strings.Contains(mv.msg.Text, "机关名称") || !strings.Contains(mv.msg.Text, "「2026-13-40」不是有效日期：没有13月") {
		t.Errorf("meta message %q", mv.msg.Text)
	}
	// A report with only 基本信息 filled is never ✓: every other step counts what is blank
	// and shows the 未填 icon, not the tick.
	u.newReport(form.Latest, 2025, "测试局")
	u.rep.Meta.Date = "2026-01-20"
	u.recheck()
	tick := countsIcon(form.Counts{}).Name()
	for i := range steps {
		c := u.stepCounts(i)
		if i == 0 {
			if !c.Clean() || countsText(c) != "无问题" || countsIcon(c).Name() != tick {
				t.Errorf("基本信息 filled: %q", countsText(c))
			}
			continue
		}
		if c.Clean() || !strings.HasPrefix(countsText(c), "未填 ") || countsIcon(c).Name() == tick {
			t.Errorf("step %s of an empty report shows %q", steps[i].Title, countsText(c))
		}
	}
	blank3 := 0
	for _, d := range u.rep.Format.Cells {
		if d.Table.Section == 3 && !d.Derived { // totals are computed, not typed
			blank3++
		}
	}
	if got := countsText(u.stepCounts(3)); got != fmt.Sprintf("未填 %d", blank3) {
		t.Errorf("step 三 of an empty report shows %q, want 未填 %d (every cell but the totals)", got, blank3)
	}
}

func TestPasteBlock(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	zeros(u)
	start := tv.cell(t, "apply.1.natural")
	u.win.Canvas().Focus(start.entry)
	clip := test.NewClipboard()
	clip.SetContent("1\t2\t3\r\n4\t5\t6\r\n")
	start.entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	want := map[string]string{
		"apply.1.natural": "1", "apply.1.commercial": "2", "apply.1.research": "3",
		"apply.2.natural": "4", "apply.2.commercial": "5", "apply.2.research": "6",
		"apply.1.nonprofit": "0", "apply.3.1.natural": "0", "apply.1.total": "6",
	}
	for code, w := range want {
		if c, _ := u.rep.Cell(code); c.Text != w {
			t.Errorf("%s = %q, want %q", code, c.Text, w)
		}
		if got := tv.cell(t, code).entry.Text; got != w {
			t.Errorf("%s shows %q, want %q", code, got, w)
		}
	}

	// A row copied with its total column: the computed total keeps its place.
	rv := u.table(t, 4)
	s := rv.cell(t, "review.admin.upheld")
	u.win.Canvas().Focus(s.entry)
	clip.SetContent("1\t2\t3\t4\t99\t5")
	s.entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if !strings.Contains(rv.msg.Text, "已粘贴 5 个单元格") {
		t.Errorf("paste message %q", rv.msg.Text)
	}
	for code, w := range map[string]string{"review.admin.pending": "4", "review.admin.total": "10", "review.direct.upheld": "5"} {
		if c, _ := u.rep.Cell(code); c.Text != w {
			t.Errorf("%s = %q, want %q", code, c.Text, w)
		}
	}

	// Values beyond the table are counted, not lost silently.
	last := rv.cell(t, "review.after.pending")
	u.win.Canvas().Focus(last.entry)
	clip.SetContent("1\t0\t8\n2")
	last.entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if !strings.Contains(rv.msg.Text, "另有 2 个数值超出表格范围") {
		t.Errorf("overflow message %q", rv.msg.Text)
	}

	// A single value is an ordinary paste into the entry.
	one := rv.cell(t, "review.after.other")
	u.win.Canvas().Focus(one.entry)
	clip.SetContent("7")
	one.entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if c, _ := u.rep.Cell("review.after.other"); c.Text != "7" {
		t.Errorf("single paste gave %q", c.Text)
	}
}

func TestProblemGoesToCell(t *testing.T) {
	u := newTestUI(t)
	typeInto(u, u.table(t, 4).cell(t, "review.direct.corrected"), "-1")
	u.showStep(0)
	at := -1
	for i, q := range u.problems {
		if q.Rule == "H5" {
			at = i
		}
	}
	if at < 0 {
		t.Fatalf("no H5 for -1: %v", u.problems)
	}
	u.probs.list.Select(at)
	if u.current != 4 {
		t.Fatalf("clicking the problem went to step %d, want 4", u.current)
	}
	if f := u.win.Canvas().Focused(); f != u.views[4].(*tableView).cell(t, "review.direct.corrected").entry {
		t.Errorf("focused %v, want the bad cell", f)
	}
}

func TestSaveOpenRoundTrip(t *testing.T) {
	u := newTestUI(t)
	u.showStep(0)
	mv := u.views[0].(*metaView)
	mv.agency.SetText("")
	test.Type(mv.agency, "厦门市")
	tv := u.table(t, 3)
	zeros(u)
	typeInto(u, tv.cell(t, "apply.1.natural"), "8")
	typeInto(u, tv.cell(t, "apply.2.legal"), "abc")
	path := filepath.Join(t.TempDir(), "报告.nianbao")
	if err := u.saveTo(path); err != nil {
		t.Fatal(err)
	}
	if u.dirty || strings.Contains(u.win.Title(), "*") || !strings.Contains(u.win.Title(), "报告.nianbao") {
		t.Errorf("title after save %q", u.win.Title())
	}
	if r := u.recent.list(); len(r) == 0 || r[0] != path {
		t.Errorf("recent files %v", r)
	}
	u.newReport(form.Latest, 2024, "")
	if c, _ := u.rep.Cell("apply.1.natural"); !c.Blank {
		t.Fatal("new report is not empty")
	}
	if _, err := u.open(path); err != nil {
		t.Fatal(err)
	}
	if u.rep.Meta.Agency != "厦门市" {
		t.Errorf("agency %q", u.rep.Meta.Agency)
	}
	tv = u.table(t, 3)
	for code, w := range map[string]string{"apply.1.natural": "8", "apply.2.legal": "abc", "apply.1.total": "8"} {
		if got := tv.cell(t, code).entry.Text; got != w {
			t.Errorf("after open %s shows %q, want %q", code, got, w)
		}
	}
	if u.dirty || u.path != path {
		t.Errorf("after open dirty=%v path=%q", u.dirty, u.path)
	}
	gone := filepath.Join(t.TempDir(), "gone.nianbao")
	u.addRecent(gone)
	openNow(t, u, gone)
	if r := u.recent.list(); len(r) == 0 || r[0] != path {
		t.Errorf("a missing file stays in the recent list: %v", r)
	}
	// Files that are not reports: a clear message naming the file, and what to do for old Word
	// and Excel files. The open report stays.
	dir := t.TempDir()
	for name, want := range map[string]string{"x.docx": "x.docx", "旧.doc": "另存为", "旧.xls": "另存为", "x.zip": "x.zip"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("PK\x03\x04 not a report"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := u.open(p); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("opening %s: %v, want a message with %q", name, err, want)
		}
	}
	if u.path != path || u.rep.Meta.Agency != "厦门市" {
		t.Errorf("a failed open replaced the report (path %q)", u.path)
	}
}

// A window that "crashed" leaves its autosave; the next start offers it, and recovering
// makes it the current, unsaved report. Saving clears the autosave.
func TestAutosaveRecovery(t *testing.T) {
	u := newTestUI(t)
	dir := u.auto.dir
	typeInto(u, u.table(t, 2).cell(t, "active.rules.issued"), "3")
	u.showStep(5) // a step change autosaves
	if _, err := os.Stat(u.auto.path()); err != nil {
		t.Fatalf("no autosave after a step change: %v", err)
	}
	// A new program over the same storage: the first one's process is gone.
	w := test.NewWindow(nil)
	defer w.Close()
	u2 := newUI(u.app, w, dir)
	u2.auto.alive = func(int) bool { return false }
	ls := u2.auto.leftovers()
	if len(ls) != 1 {
		t.Fatalf("leftovers %d, want the crashed window's one", len(ls))
	}
	u2.recover(ls[0])
	u2.auto.settle(ls[0].id)
	if c, _ := u2.rep.Cell("active.rules.issued"); c.Text != "3" {
		t.Errorf("recovered cell %q, want 3", c.Text)
	}
	if !u2.dirty {
		t.Error("a recovered report must count as unsaved")
	}
	if _, err := os.Stat(u.auto.path()); err == nil {
		t.Error("the recovered leftover is still there")
	}
	// Saving clears the autosave, so the next start offers nothing.
	if err := u2.saveTo(filepath.Join(t.TempDir(), "a.nianbao")); err != nil {
		t.Fatal(err)
	}
	w3 := test.NewWindow(nil)
	defer w3.Close()
	u3 := newUI(u.app, w3, dir)
	u3.auto.alive = func(int) bool { return false }
	if ls := u3.auto.leftovers(); len(ls) != 0 {
		t.Errorf("recovery still offered after saving: %d", len(ls))
	}
}

func TestChineseTypingAndPaste(t *testing.T) {
	u := newTestUI(t)
	u.showStep(1)
	v := u.views[1].(*overviewView)
	test.Type(v.parts[0], "本机关主动公开政府信息")
	if u.rep.Text.Parts[0] != "本机关主动公开政府信息" {
		t.Errorf("typed Chinese stored as %q", u.rep.Text.Parts[0])
	}
	clip := test.NewClipboard()
	clip.SetContent("，共计１２条。")
	v.parts[0].TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if !strings.HasSuffix(u.rep.Text.Parts[0], "，共计１２条。") {
		t.Errorf("pasted Chinese gave %q", u.rep.Text.Parts[0])
	}
	if !strings.Contains(v.count.Text, "共 18 字") {
		t.Errorf("count %q", v.count.Text)
	}
	// Full-width digits typed into a cell are numbers.
	tv := u.table(t, 3)
	typeInto(u, tv.cell(t, "apply.1.natural"), "１２件")
	if v, ok := u.rep.Value("apply.1.natural"); !ok || v != form.N(12) {
		t.Errorf("１２件 read as %v %v", v, ok)
	}
}

func TestLastYear(t *testing.T) {
	u := newTestUI(t)
	last := form.New(form.Latest, 2024, "测试局")
	_ = last.Set("apply.4.natural", "7")
	_ = last.Set("active.rules.effective", "10")
	path := filepath.Join(t.TempDir(), "2024.nianbao")
	if err := form.SaveDraft(path, last); err != nil {
		t.Fatal(err)
	}
	tv := u.table(t, 3)
	if _, err := u.loadLastYear(path); err != nil {
		t.Fatal(err)
	}
	if got := tv.cell(t, "apply.2.natural").entry.Text; got != "7" {
		t.Errorf("上年结转 shows %q, want 7 from last year", got)
	}
	if got := tv.cell(t, "apply.2.natural").prev.Text; got != "上年7" {
		t.Errorf("last year's value in the cell corner = %q, want 上年7", got)
	}
	if got := tv.cell(t, "apply.1.natural").prev.Text; got != "" {
		t.Errorf("a cell without a last-year counterpart shows %q", got)
	}
	if !strings.Contains(tv.last.Text, "2024") || !tv.last.Visible() {
		t.Errorf("last year's line %q", tv.last.Text)
	}
	typeInto(u, tv.cell(t, "apply.2.natural"), "6")
	if !hasRule(u.problems, "X1") {
		t.Errorf("cross-year check not on: %v", u.problems)
	}
	av := u.table(t, 2)
	u.win.Canvas().Focus(av.cell(t, "active.rules.effective").entry)
	if !strings.Contains(av.msg.Text, "上年：10") {
		t.Errorf("focused 现行有效 message %q lacks last year's value", av.msg.Text)
	}
	other := form.New(form.Latest, 2020, "x")
	p2 := filepath.Join(t.TempDir(), "old.nianbao")
	_ = form.SaveDraft(p2, other)
	if _, err := u.loadLastYear(p2); err == nil || !strings.Contains(err.Error(), "2020") {
		t.Errorf("loading a 2020 report as last year: %v", err)
	}
}

// 检查与导出 offers every format of the registry but the draft, labelled by its short name,
// and 复制网页版; none is disabled.
func TestExportButtonsFromRegistry(t *testing.T) {
	u := newTestUI(t)
	u.showStep(7)
	cv := u.views[7].(*checkView)
	var got []string
	for _, b := range cv.buttons {
		got = append(got, b.Text)
		if b.Disabled() {
			t.Errorf("button %q is disabled", b.Text)
		}
	}
	if strings.Join(got, "|") != "导出 Excel|导出 PDF|导出 Word|导出 网页" {
		t.Errorf("export buttons %q", got)
	}
	if cv.copy == nil || cv.copy.Text != "复制网页版" || cv.copy.Disabled() {
		t.Error("no 复制网页版 button")
	}
	if withExt("a.PDF", ".pdf") != "a.PDF" || withExt("a", ".xlsx") != "a.xlsx" {
		t.Error("withExt")
	}
}

func TestLabelsComeFromLayout(t *testing.T) {
	u := newTestUI(t)
	for _, f := range form.Formats {
		u.newReport(f, f.FirstYear, "")
		for _, sec := range []int{2, 3, 4} {
			tv := u.table(t, sec)
			lay := tv.table.Layout()
			if len(tv.sheet.objs) != len(lay.Spans) {
				t.Fatalf("table %s: %d objects for %d spans", tv.table.ID, len(tv.sheet.objs), len(lay.Spans))
			}
			for i, s := range lay.Spans {
				if s.Role == form.RoleValue {
					continue
				}
				if l, ok := tv.sheet.objs[i].(*spanLabel); !ok || l.text != s.Text {
					t.Errorf("table %s span %d is not the label %q", tv.table.ID, i, s.Text)
				}
			}
		}
	}
}

func TestCloseAsksWhenUnsaved(t *testing.T) {
	u := newTestUI(t)
	closed := false
	u.win.SetOnClosed(func() { closed = true })
	typeInto(u, u.table(t, 2).cell(t, "active.license.decisions"), "4")
	u.autosave()
	if _, err := os.Stat(u.auto.path()); err != nil {
		t.Fatalf("no autosave: %v", err)
	}
	u.onClose()
	if closed {
		t.Fatal("closed without asking about unsaved changes")
	}
	top := u.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(strings.Join(texts(top), "|"), "未保存") {
		t.Fatalf("no unsaved-changes question")
	}
	// 不保存 closes and removes the autosave (a clean exit offers no recovery).
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == "不保存" {
			test.Tap(b)
		}
	}
	if !closed {
		t.Error("不保存 did not close the window")
	}
	if _, err := os.Stat(u.auto.path()); err == nil {
		t.Error("autosave left behind after a clean exit")
	}
}

func TestWidgetsHaveNoEnglish(t *testing.T) {
	u := newTestUI(t)
	for i := range steps {
		u.showStep(i)
	}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		var s string
		switch w := o.(type) {
		case *widget.Button:
			s = w.Text
		case *widget.Label:
			s = w.Text
		case *widget.Check:
			s = w.Text
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
		for _, word := range []string{"OK", "Cancel", "Save", "Open", "Error"} {
			if strings.Contains(s, word) {
				t.Errorf("English text %q", s)
			}
		}
	}
	for _, p := range u.pages {
		walk(p)
	}
}

func TestOpenKeepsDisagreeingTotals(t *testing.T) {
	u := newTestUI(t)
	r := zeroReport()
	_ = r.Set("apply.1.natural", "2")
	_ = r.Set("apply.1.total", "5") // the file's own total is wrong
	path := filepath.Join(t.TempDir(), "wrong.nianbao")
	if err := form.SaveDraft(path, r); err != nil {
		t.Fatal(err)
	}
	if _, err := u.open(path); err != nil {
		t.Fatal(err)
	}
	if c, _ := u.rep.Cell("apply.1.total"); c.Text != "5" {
		t.Errorf("opening overwrote the file's total: %q", c.Text)
	}
	if !u.manualTotals || !hasRule(u.problems, "H2") {
		t.Errorf("manual=%v, problems %v: the wrong total must be kept and reported", u.manualTotals, u.problems)
	}
	if u.dirty {
		t.Error("opening must not count as a change")
	}
}

// Closing remembers the draft and the window's size; the next start opens that draft.
func TestRestartOpensLastFile(t *testing.T) {
	u := newTestUI(t)
	path := filepath.Join(t.TempDir(), "报告.nianbao")
	if err := u.saveTo(path); err != nil {
		t.Fatal(err)
	}
	u.win.Resize(fyne.NewSize(1100, 650))
	u.onClose()
	if !u.closed {
		t.Fatal("the window did not close")
	}
	w := test.NewWindow(nil)
	defer w.Close()
	u2 := newUI(u.app, w, t.TempDir())
	settle(t, u2, func() { u2.Start(nil) })
	if u2.path != path || u2.rep.Meta.Agency != "测试局" {
		t.Errorf("restart opened %q (%q), want the last draft %q", u2.path, u2.rep.Meta.Agency, path)
	}
	if !strings.Contains(u2.status.text(), "上次的文件") {
		t.Errorf("status %q does not say the last file was opened", u2.status.text())
	}
	if size, _ := StartSize(u.app.Preferences(), fyne.NewSize(1920, 1040)); size != fyne.NewSize(1100, 650) {
		t.Errorf("remembered size %v, want 1100×650", size)
	}
	// A moved file is not an error at start, only a note.
	os.Remove(path)
	w3 := test.NewWindow(nil)
	defer w3.Close()
	u3 := newUI(u.app, w3, t.TempDir())
	settle(t, u3, func() { u3.Start(nil) })
	if u3.path != "" || u3.win.Canvas().Overlays().Top() != nil || !strings.Contains(u3.status.text(), "已不存在") {
		t.Errorf("a missing last file: path %q, status %q", u3.path, u3.status.text())
	}
}
