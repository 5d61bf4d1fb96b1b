package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/nianbao/nianbao/form"
)

// 发布日期 accepts the date as the PDF prints it and stores YYYY-MM-DD; leaving the field
// shows the stored form.
func TestDateAsPrinted(t *testing.T) {
	u := newTestUI(t)
	u.showStep(0)
	v := u.views[0].(*metaView)
	v.date.SetText("")
	u.win.Canvas().Focus(v.dateBox)
	test.Type(v.date, "2026年1月20日")
	if u.rep.Meta.Date != "2026-01-20" {
		t.Errorf("stored date %q, want 2026-01-20", u.rep.Meta.Date)
	}
	if hasRule(form.CheckMeta(u.rep), "M3") {
		t.Error("a date typed as 2026年1月20日 is reported as badly formed")
	}
	u.win.Canvas().Focus(v.agency)
	if v.date.Text != "2026-01-20" {
		t.Errorf("after leaving the field it shows %q", v.date.Text)
	}
	v.date.SetText("2026/2/30")
	if !hasRule(form.CheckMeta(u.rep), "M3") {
		t.Error("a date that does not exist is accepted")
	}
}

// Tab and Shift+Tab leave a text box instead of typing a tab; Ctrl+Tab types nothing; a
// pasted text loses its tabs.
func TestTabLeavesTextBox(t *testing.T) {
	u := newTestUI(t)
	u.showStep(5)
	v := u.views[5].(*textView)
	if v.entry.AcceptsTab() {
		t.Fatal("the text box keeps Tab, so Tab types a tab character")
	}
	test.Type(v.entry, "本年度")
	v.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab}) // how Ctrl+Tab reaches the entry
	clip := test.NewClipboard()
	clip.SetContent("一是\t加强培训；\tsee\tabove")
	v.entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if strings.ContainsRune(u.rep.Text.Problems, '\t') {
		t.Errorf("report text holds a tab: %q", u.rep.Text.Problems)
	}
	if !strings.Contains(u.rep.Text.Problems, "本年度一是加强培训；see above") {
		t.Errorf("text %q", u.rep.Text.Problems)
	}
}

// The wheel over a text box scrolls the page, and the character count stays in view.
func TestWheelOverTextScrollsPage(t *testing.T) {
	u := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	u.showStep(1)
	v := u.views[1].(*overviewView)
	for _, e := range v.parts {
		e.SetText(strings.Repeat("本机关认真贯彻落实政府信息公开条例。", 30))
	}
	u.win.Content().Refresh()
	d := u.app.Driver()
	// The object the wheel reaches over the middle of the first part's text box.
	box := v.parts[0]
	pos := d.AbsolutePositionForObject(box).Add(fyne.NewPos(box.Size().Width/2, min(box.Size().Height/2, 100)))
	var scroll *wheelRelay
	for _, o := range test.LaidOutObjects(u.win.Content()) {
		if r, ok := o.(*wheelRelay); ok {
			p, s := d.AbsolutePositionForObject(r), r.Size()
			if pos.X >= p.X && pos.Y >= p.Y && pos.X < p.X+s.Width && pos.Y < p.Y+s.Height {
				scroll = r
			}
		}
	}
	if scroll == nil {
		t.Fatal("no wheel relay over the text box")
	}
	before := scroll.to.Offset.Y
	scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -120)})
	if scroll.to.Offset.Y <= before {
		t.Errorf("the wheel over the text box did not scroll the page (%.0f → %.0f)", before, scroll.to.Offset.Y)
	}
	// The count is in the window, below the scrolled text.
	cp := d.AbsolutePositionForObject(v.count)
	if cp.Y < 0 || cp.Y+v.count.Size().Height > 700 || !v.count.Visible() || !strings.Contains(v.count.Text, "字") {
		t.Errorf("the count at y=%.0f (%q) is not in view", cp.Y, v.count.Text)
	}
}

// Loading last year's report lists the cells it replaced with their old values.
func TestCarryOverListsReplaced(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	typeInto(u, tv.cell(t, "apply.2.natural"), "5")
	typeInto(u, tv.cell(t, "apply.2.legal"), "2")
	last := form.New(form.Latest, 2024, "测试局")
	_ = last.Set("apply.4.natural", "7")
	_ = last.Set("apply.4.legal", "2")
	_ = last.Set("apply.4.commercial", "1")
	path := filepath.Join(t.TempDir(), "2024.nianbao")
	if err := form.SaveDraft(path, last); err != nil {
		t.Fatal(err)
	}
	notes, err := u.loadLastYear(path)
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(notes, "\n")
	natural, _ := u.rep.Format.Cell("apply.2.natural")
	legal, _ := u.rep.Format.Cell("apply.2.legal")
	if !strings.Contains(all, natural.Label()+"由 5 改为 7") || !strings.Contains(all, "1 个单元格原已填写了不同的数字") {
		t.Errorf("notes do not name the replaced cell:\n%s", all)
	}
	if strings.Contains(all, legal.Label()+"由") {
		t.Errorf("a cell that already had last year's value is listed:\n%s", all)
	}
	if !strings.Contains(all, "填入 3 个单元格") {
		t.Errorf("notes do not count the filled cells:\n%s", all)
	}
}
