package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/form"
)

// texts collects the texts of the buttons and labels under o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	switch w := o.(type) {
	case *widget.Button:
		out = append(out, w.Text)
	case *widget.Label:
		out = append(out, w.Text)
	case *fyne.Container:
		for _, c := range w.Objects {
			out = append(out, texts(c)...)
		}
	case fyne.Widget:
		r := cacheRenderer(w)
		if r != nil {
			for _, c := range r.Objects() {
				out = append(out, texts(c)...)
			}
		}
	}
	return out
}

// Every dialog opens without a panic (Fyne's FileDialog.Resize panics before Show) and
// shows Chinese buttons.
func TestDialogsOpenInChinese(t *testing.T) {
	u := newTestUI(t)
	typeInto(u, u.table(t, 3).cell(t, "apply.1.natural"), "x") // an error and unsaved changes
	for _, c := range []struct {
		name string
		open func()
		want string
	}{
		{"新建 with unsaved changes", u.newDialog, "不保存"},
		{"打开 with unsaved changes", u.openDialog, "不保存"},
		{"另存为", u.saveAsDialog, "保存"},
		{"载入上年报告", u.lastYearDialog, "载入"},
		{"导出 with errors", func() { u.exportDialog(open.ByID("pdf")) }, "仍要导出"},
		{"复制网页版 with errors", u.onCopyHTML, "仍要复制"},
		{"恢复", func() {
			u.autosave()
			u.auto.id, u.auto.alive = "another-window", func(int) bool { return false } // as if it crashed
			u.offerRecovery()
		}, "恢复"},
		{"最近打开", func() { u.addRecent("/tmp/a.nianbao"); u.recentDialog() }, "/tmp/a.nianbao"},
		{"汇总", u.aggregateDialog, "汇总并保存"},
		{"填报说明", u.helpDialog, "关闭"},
		{"打开不存在的文件", func() { settle(t, u, func() { u.Open("/nonexistent/报告.nianbao") }) }, "文件不存在"},
		{"关于", func() { old := Version; Version = "9.8.7"; u.aboutDialog(); Version = old }, "版本 9.8.7"},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.open()
			top := u.win.Canvas().Overlays().Top()
			if top == nil {
				t.Fatal("no dialog shown")
			}
			all := strings.Join(texts(top), "|")
			if !strings.Contains(all, c.want) {
				t.Errorf("dialog texts %q lack %q", all, c.want)
			}
			for _, en := range []string{"Cancel", "Save", "Open", "OK", "Yes", "No"} {
				for _, s := range texts(top) {
					if s == en {
						t.Errorf("English button %q in %q", en, all)
					}
				}
			}
			for u.win.Canvas().Overlays().Top() != nil {
				u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
			}
		})
	}
}

func cacheRenderer(w fyne.Widget) fyne.WidgetRenderer {
	return test.WidgetRenderer(w)
}

// The file dialog's parent-folder item is "(" + file.parent + ")" under an 80 px icon: it
// must fit on one line (a wrapped ")" on its own line looked broken).
func TestParentFolderLabelFits(t *testing.T) {
	newTestUI(t)
	name := "(" + lang.X("file.parent", "Parent") + ")"
	if name == "(Parent)" {
		t.Fatal("file.parent is not translated")
	}
	w := fyne.MeasureText(name, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	if w > 64*1.25 {
		t.Errorf("%q is %.0f px wide with padding, the grid cell is 80 px", name, w)
	}
}

// An error dialog is as high as its text needs, not the window's height.
func TestErrorDialogFitsText(t *testing.T) {
	u := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	msg := "保存失败：没有写入权限（文件可能只读或被其他程序占用）「/home/user/文档/某某县某某局2025年政府信息公开工作年度报告.nianbao」"
	u.showError(errors.New(msg))
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	var box fyne.CanvasObject
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok && strings.ReplaceAll(l.Text, "\n", "") == msg {
			box = l
		}
	}
	if box == nil {
		t.Fatalf("the message is not shown: %q", strings.Join(texts(top), "|"))
	}
	d := dialogBox(top)
	t.Logf("dialog %v", d.Size())
	if h := d.Size().Height; h > 320 {
		t.Errorf("the error dialog is %.0f px high for a two-line message", h)
	}
	if need := box.MinSize().Height; box.Size().Height+0.5 < need {
		t.Errorf("the message needs %.0f px, has %.0f", need, box.Size().Height)
	}
}

// dialogBox is the dialog's box inside its modal pop-up (the pop-up covers the window).
func dialogBox(top fyne.CanvasObject) fyne.CanvasObject {
	box := top
	walkPublic(top, func(o fyne.CanvasObject) {
		if p, ok := o.(*widget.PopUp); ok && box == top {
			box = p.Content
		}
	})
	return box
}

// File dialogs have a title of their own and name the places in Chinese.
func TestFileDialogInChinese(t *testing.T) {
	u := newTestUI(t)
	u.openDialog()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no file dialog")
	}
	var labels []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			labels = append(labels, l.Text)
		}
	}
	all := strings.Join(labels, "|")
	for _, en := range []string{"Home", "Computer", "Open File", "Folder"} {
		for _, l := range labels {
			if l == en {
				t.Errorf("English place or title %q in %q", en, all)
			}
		}
	}
	for _, zh := range []string{"打开报告", "主目录"} {
		if !strings.Contains(all, zh) {
			t.Errorf("file dialog lacks %q: %q", zh, all)
		}
	}
}

// 帮助 › 填报说明 has the rules, the keys (with the menus' shortcuts) and the 汇总 steps.
func TestHelpDialog(t *testing.T) {
	u := newTestUI(t)
	u.helpDialog()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no help dialog")
	}
	var tabs *container.AppTabs
	for _, o := range test.LaidOutObjects(top) {
		if a, ok := o.(*container.AppTabs); ok {
			tabs = a
		}
	}
	if tabs == nil || len(tabs.Items) != 3 {
		t.Fatal("the help has no three pages")
	}
	var all []string
	for _, it := range tabs.Items {
		for _, o := range test.LaidOutObjects(it.Content) {
			switch l := o.(type) {
			case *widget.Label:
				all = append(all, l.Text)
			case *canvas.Text:
				all = append(all, l.Text)
			}
		}
	}
	text := strings.Join(all, "|")
	for _, want := range []string{"【错误】第三部分每一列", "【提醒】“其他处理”超过", "Ctrl+S", "Ctrl+Shift+S", "双击或 F2", "Shift+回车", "包含本单位报告"} {
		if !strings.Contains(text, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

// The help's rules page is form.Rules, the table README §7 prints: every rule the checker has,
// with its level and text, and no other.
func TestHelpCoversRules(t *testing.T) {
	u := newTestUI(t)
	page := u.helpRulesPage()
	u.win.SetContent(page)
	have := map[string]string{}
	for _, o := range test.LaidOutObjects(page) {
		if f, ok := o.(*widget.Form); ok {
			for _, it := range f.Items {
				if l, ok := it.Widget.(*widget.Label); ok {
					have[it.Text] = l.Text
				}
			}
		}
	}
	for _, r := range form.Rules {
		if want := "【" + r.Level + "】" + r.Text; have[r.ID] != want {
			t.Errorf("帮助 › 填报说明 %s: %q, want %q", r.ID, have[r.ID], want)
		}
		delete(have, r.ID)
	}
	for id := range have {
		t.Errorf("帮助 › 填报说明 lists %s, which the checker does not have", id)
	}
}

// wrapText keeps every line within the width and never starts one with 。.
func TestWrapText(t *testing.T) {
	newTestUI(t)
	text := "本程序完全离线运行，不连接任何网络；报告内容只保存在您选择的文件中。\n字体：思源宋体。"
	for _, w := range []float32{120, 200, 300, 460} {
		got := wrapText(text, theme.TextSize(), w)
		if strings.ReplaceAll(got, "\n", "") != strings.ReplaceAll(text, "\n", "") {
			t.Fatalf("width %v: text changed: %q", w, got)
		}
		for _, line := range strings.Split(got, "\n") {
			if r := []rune(line); len(r) > 0 && strings.ContainsRune("。，；", r[0]) {
				t.Errorf("width %v: line %q starts with punctuation", w, line)
			}
			if lw := fyne.MeasureText(line, theme.TextSize(), fyne.TextStyle{}).Width; lw > w+theme.TextSize() {
				t.Errorf("width %v: line %q is %.0f wide", w, line, lw)
			}
		}
	}
}

// Saving over an existing file: Fyne's question, which it does not translate, is shown in
// Chinese, naming the file; 是 goes on with the chosen path.
func TestOverwriteQuestionInChinese(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	u.path = filepath.Join(dir, "报告.nianbao") // the dialog starts in the draft's folder
	existing := filepath.Join(dir, "已有.pdf")
	if err := os.WriteFile(existing, []byte("%PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	var chosen string
	u.saveFileDialog("导出 PDF", "已有", ".pdf", "导出", func(p string) { chosen = p })
	confirm := u.dialogButton("导出")
	if confirm == nil {
		t.Fatal("no 导出 button in the file dialog")
	}
	test.Tap(confirm)
	all := strings.Join(texts(u.win.Canvas().Overlays().Top()), "|")
	if strings.Contains(all, "Overwrite") || strings.Contains(all, "Are you sure") || !strings.Contains(all, "已有同名的文件「已有.pdf」") || !strings.Contains(all, "替换已有的文件？") {
		t.Fatalf("overwrite question %q", all)
	}
	walkPublic(u.win.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "已有同名的文件") {
			for _, line := range strings.Split(l.Text, "\n") {
				if w := fyne.MeasureText(line, theme.TextSize(), fyne.TextStyle{}).Width; w > l.Size().Width-2*theme.InnerPadding() {
					t.Errorf("line %q is %.0f wide in a label of %.0f: the label wraps it again", line, w, l.Size().Width)
				}
				if strings.HasPrefix(line, "」") {
					t.Errorf("a line starts with 」: %q", l.Text)
				}
			}
		}
	})
	yes := u.dialogButton("是")
	if yes == nil {
		t.Fatalf("no 是 in %q", all)
	}
	test.Tap(yes)
	if chosen != existing {
		t.Errorf("chose %q, want %q", chosen, existing)
	}
	u.closeDialogs()
}

// wrapText keeps a number whole and with its unit, and an opening bracket with what follows,
// at every width; tightNumbers drops the spaces Fyne would break at.
func TestWrapTextKeepsNumbersWithUnits(t *testing.T) {
	newTestUI(t)
	if got := tightNumbers("已汇总 2 个单位（2025 年度），163 格未填，空白不是 0，不能相加；Excel 文件"); got != "已汇总2个单位（2025年度），163格未填，空白不是0，不能相加；Excel 文件" {
		t.Errorf("tightNumbers: %q", got)
	}
	text := "注意：2个单位有未填的格子，汇总表中200格因此留空（空白不是0，不能相加），请这些单位补填（没有发生的填0）后重新汇总。"
	for w := float32(60); w <= 600; w += 7 {
		got := wrapText(text, theme.TextSize(), w)
		if strings.ReplaceAll(got, "\n", "") != text {
			t.Fatalf("width %v: text changed: %q", w, got)
		}
		lines := strings.Split(got, "\n")
		for i := 1; i < len(lines); i++ {
			prev, next := []rune(lines[i-1]), []rune(lines[i])
			last, first := prev[len(prev)-1], next[0]
			if unicode.IsDigit(last) || strings.ContainsRune("（「", last) || strings.ContainsRune("，。、）」", first) {
				t.Errorf("width %v: break %q / %q", w, lines[i-1], lines[i])
			}
		}
	}
}

// The 打开 and 载入上年报告 dialogs list only the files the registry reads (open.Readers: a
// draft's .json and .bak included), in any case; other files are not listed.
func TestOpenDialogFilterFromRegistry(t *testing.T) {
	f := fileFilter()
	for _, r := range open.Readers() {
		for _, e := range r.Exts() {
			for _, name := range []string{"报告" + e, "报告" + strings.ToUpper(e)} {
				if !f.Matches(storage.NewFileURI("/tmp/" + name)) {
					t.Errorf("%s (%s) is not listed", name, r.Name)
				}
			}
		}
	}
	for _, name := range []string{"数据.csv", "图.png", "包.zip", "说明.md", "无扩展名"} {
		if f.Matches(storage.NewFileURI("/tmp/" + name)) {
			t.Errorf("%s is listed, but no reader reads it", name)
		}
	}
}
