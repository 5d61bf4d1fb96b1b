package ui

import "fyne.io/fyne/v2"

// WindowFrame is the room the title bar and borders of the window manager take around the
// window's content (Windows 10/11 and the UOS/麒麟 desktops take about this much).
var WindowFrame = fyne.NewSize(16, 40)

// SmallScreen is the work area below which the window starts maximised.
var SmallScreen = fyne.NewSize(1366, 768)

// fallbackSize is the window's size when the screen is not known.
var fallbackSize = fyne.NewSize(1280, 800)

const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

// StartSize is the size of the window's content at start on a screen whose work area (the
// screen less the taskbar) is work, in Fyne units. The first time it is the whole work area
// less the window frame; later it is the size the window had when it was closed, made to fit
// the work area (the screen may have changed). maximise says the window should be
// maximised: the work area is smaller than SmallScreen and the window would fill it anyway.
// A zero work area (the screen is unknown) gives the remembered size or 1280×800.
func StartSize(p fyne.Preferences, work fyne.Size) (size fyne.Size, maximise bool) {
	w, h := float32(p.Float(prefWidth)), float32(p.Float(prefHeight))
	remembered := w >= 200 && h >= 200
	if work.Width <= 0 || work.Height <= 0 {
		if remembered {
			return fyne.NewSize(w, h), false
		}
		return fallbackSize, false
	}
	fit := work.Subtract(WindowFrame)
	small := work.Width < SmallScreen.Width || work.Height < SmallScreen.Height
	if !remembered {
		return fit, small
	}
	size = fyne.NewSize(min(w, fit.Width), min(h, fit.Height))
	full := size.Width >= fit.Width-8 && size.Height >= fit.Height-8
	return size, small && full
}

// SaveWindowSize remembers the window's size for the next start.
func SaveWindowSize(p fyne.Preferences, s fyne.Size) {
	if s.Width < 200 || s.Height < 200 {
		return
	}
	p.SetFloat(prefWidth, float64(s.Width))
	p.SetFloat(prefHeight, float64(s.Height))
}
