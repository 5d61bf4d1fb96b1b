package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A long narrative makes its entry grow: the entry is at least as high as Fyne's own
// wrapping of the text at the entry's width needs, so no line is cut at the bottom edge.
func TestLongNarrativeEntryGrows(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 1024, Height: 700}} {
		u := newTestUI(t)
		u.win.Resize(size)
		u.showStep(1)
		v := u.views[1].(*overviewView)
		base := v.parts[0].Size().Height
		long := strings.Repeat("本机关认真贯彻落实政府信息公开条例，", 70) + "\n" + strings.Repeat("Open data portal update. ", 30)
		u.win.Canvas().Focus(v.parts[0])
		v.parts[0].SetText(long)
		u.win.Content().Refresh()
		e := v.parts[0]
		rt := widget.NewRichTextWithText(long)
		rt.Wrapping = fyne.TextWrapWord
		rt.Resize(fyne.NewSize(e.Size().Width-2*theme.InputBorderSize(), 1))
		need := rt.MinSize().Height + 2*theme.InputBorderSize()
		if e.Size().Height < need {
			t.Errorf("%v: entry is %.0f px high, its %d characters need %.0f px", size, e.Size().Height, len([]rune(long)), need)
		}
		if e.Size().Height <= base {
			t.Errorf("%v: entry did not grow (%.0f px, base %.0f)", size, e.Size().Height, base)
		}
		if u.rep.Text.Parts[0] != long {
			t.Error("the text did not reach the model")
		}
		// Emptying it shrinks it back to its base rows.
		e.SetText("")
		u.win.Content().Refresh()
		if e.Size().Height != base {
			t.Errorf("%v: emptied entry is %.0f px, want base %.0f", size, e.Size().Height, base)
		}
	}
}
