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
	w := a.NewWindow(ui.AppName) // starts the window system: the screen can be asked now
	size, maximise := ui.StartSize(a.Preferences(), workArea(a))
	w.Resize(size)
	w.SetMaster()
	u := ui.New(a, w)
	u.Start(os.Args[1:]) // a file given on the command line or by double-click, else the last one
	w.Show()
	if maximise {
		maximiseWindow(w)
	}
	// Closing the window saves its size and the open file to the preferences (ui.onClose).
	// Fyne writes the last of several quick changes in its own stop hook; Run returns only
	// once that hook has run (Fyne 2.8's driver waits for the lifecycle events before it
	// returns), so nothing is left to wait for here.
	a.Run()
}
