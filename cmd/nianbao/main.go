// Command nianbao is 年报助手, the desktop wizard for drafting a 政府信息公开工作年度报告.
// It is the only package that needs cgo (Fyne's OpenGL driver); everything else is in ui.
package main

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/nianbao/nianbao/assets"
	"github.com/nianbao/nianbao/ui"
)

func main() {
	a := app.NewWithID("cn.nianbao.app")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow(ui.AppName)
	p := a.Preferences()
	w.Resize(fyne.NewSize(float32(p.FloatWithFallback("window.width", 1280)), float32(p.FloatWithFallback("window.height", 800))))
	w.SetMaster()
	u := ui.New(a, w)
	if len(os.Args) > 1 {
		u.Open(os.Args[1]) // a file given on the command line or by double-click
	}
	w.SetOnClosed(func() {
		s := w.Canvas().Size()
		p.SetFloat("window.width", float64(s.Width))
		p.SetFloat("window.height", float64(s.Height))
	})
	w.ShowAndRun()
}
