package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
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
		{"导出 with errors", func() { u.exportDialog(exporterFor(".pdf")) }, "仍要导出"},
		{"恢复", func() {
			u.autosave()
			u.auto.id, u.auto.alive = "another-window", func(int) bool { return false } // as if it crashed
			u.offerRecovery()
		}, "恢复"},
		{"最近打开", func() { u.addRecent("/tmp/a.nianbao"); u.recentDialog() }, "/tmp/a.nianbao"},
		{"汇总", u.aggregateDialog, "汇总并保存"},
		{"填报说明", u.helpDialog, "关闭"},
		{"打开不存在的文件", func() { u.Open("/nonexistent/报告.nianbao") }, "文件不存在"},
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
