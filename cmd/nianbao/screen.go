//go:build !ci

package main

import (
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.4/glfw"
)

// workArea is the primary screen less its taskbar and panels, in Fyne units (the pixels
// divided by the scale Fyne will use), or a zero size when GLFW cannot tell. Fyne asks the
// monitor for its scale only once a window shows, so the scale is worked out here the way
// Fyne's GLFW driver does: the user's scale (FYNE_SCALE or the app setting) times the
// system's (the monitor's content scale on Windows, its DPI against 120 elsewhere).
func workArea(a fyne.App) fyne.Size {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}
	}
	_, _, w, h := m.GetWorkarea()
	if w <= 0 || h <= 0 {
		if mode := m.GetVideoMode(); mode != nil {
			w, h = mode.Width, mode.Height
		}
	}
	if w <= 0 || h <= 0 {
		return fyne.Size{}
	}
	s := userScale(a) * systemScale(m)
	s = float32(math.Round(float64(s*10)) / 10)
	if s <= 0 {
		s = 1
	}
	return fyne.NewSize(float32(w)/s, float32(h)/s)
}

func userScale(a fyne.App) float32 {
	env := os.Getenv("FYNE_SCALE")
	if env != "" && env != "auto" {
		if v, err := strconv.ParseFloat(env, 32); err == nil && v > 0 {
			return float32(v)
		}
	}
	if env != "auto" {
		if v := a.Settings().Scale(); v > 0 {
			return v
		}
	}
	return 1
}

func systemScale(m *glfw.Monitor) float32 {
	if v := strings.ToLower(os.Getenv("FYNE_DISABLE_DPI_DETECTION")); v == "1" || v == "true" || v == "t" {
		return 1
	}
	switch runtime.GOOS {
	case "darwin":
		return 1
	case "windows":
		x, _ := m.GetContentScale()
		if x > 0 {
			return x
		}
		return 1
	}
	mm, _ := m.GetPhysicalSize()
	mode := m.GetVideoMode()
	if mode == nil || mm <= 0 {
		return 1
	}
	dpi := float32(mode.Width) / (float32(mm) / 25.4)
	if dpi > 1000 || dpi < 10 {
		dpi = 120
	}
	return max(dpi/120, 1)
}
