// Command nianbao is 年报助手, the desktop wizard for drafting a 政府信息公开工作年度报告.
// It is the only package that needs cgo (Fyne's OpenGL driver); everything else is in ui.
package main

import (
	"os"
	"time"

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
	stopped := make(chan struct{})
	a.Lifecycle().SetOnStopped(func() { close(stopped) })
	a.Run()
	// Closing the window saves its size and the open file to the preferences (ui.onClose);
	// Fyne writes the last of several quick changes only in its stop hook, which it queues
	// after Run returns and runs right after ours. Wait for it, briefly, or they are lost and
	// the next start does not reopen the file.
	select {
	case <-stopped:
		time.Sleep(200 * time.Millisecond)
	case <-time.After(2 * time.Second):
	}
}
