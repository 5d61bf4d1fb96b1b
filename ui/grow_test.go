package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
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

// pageScroll is the first scroll of a page.
func pageScroll(t *testing.T, page fyne.CanvasObject) *container.Scroll {
	t.Helper()
	for _, o := range test.LaidOutObjects(page) {
		if s, ok := o.(*container.Scroll); ok {
			return s
		}
	}
	t.Fatal("the page has no scroll")
	return nil
}

// Tab into a field below the visible part of a page scrolls it into view, and Shift+Tab back
// up scrolls up again (一 总体情况 at 1024×700 has six text boxes; 基本信息 in a low window).
func TestFocusScrollsFieldIntoView(t *testing.T) {
	u := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	u.showStep(1)
	v := u.views[1].(*overviewView)
	u.win.Content().Refresh()
	scroll := pageScroll(t, u.pages[1])
	d := u.app.Driver()
	inView := func(e fyne.CanvasObject) (bool, float32, float32) {
		top := d.AbsolutePositionForObject(e).Y - d.AbsolutePositionForObject(scroll.Content).Y
		bottom := top + e.Size().Height
		return top >= scroll.Offset.Y-0.5 && bottom <= scroll.Offset.Y+scroll.Size().Height+0.5, top, bottom
	}
	last := v.parts[len(v.parts)-1]
	if ok, _, _ := inView(last); ok {
		t.Fatal("the last text box is in view without scrolling: the test shows nothing")
	}
	u.win.Canvas().Focus(v.overview)
	for _, e := range v.parts {
		u.win.Canvas().FocusNext()
		if u.win.Canvas().Focused() != e {
			t.Fatalf("Tab focused %T, want the next text box", u.win.Canvas().Focused())
		}
		if ok, top, bottom := inView(e); !ok {
			t.Errorf("focused text box at %.0f–%.0f, page shows %.0f–%.0f", top, bottom, scroll.Offset.Y, scroll.Offset.Y+scroll.Size().Height)
		}
	}
	if scroll.Offset.Y <= 0 {
		t.Error("the page did not scroll down")
	}
	for i := len(v.parts) - 2; i >= 0; i-- {
		u.win.Canvas().FocusPrevious()
	}
	u.win.Canvas().FocusPrevious()
	if u.win.Canvas().Focused() != v.overview {
		t.Fatalf("Shift+Tab focused %T, want the first text box", u.win.Canvas().Focused())
	}
	if ok, top, _ := inView(v.overview); !ok {
		t.Errorf("first text box at %.0f, page offset %.0f", top, scroll.Offset.Y)
	}

	// 基本信息 in a low window: the e-mail field is reached by Tab and shown.
	u.win.Resize(fyne.NewSize(1024, 520))
	u.showStep(0)
	mv := u.views[0].(*metaView)
	u.win.Content().Refresh()
	scroll = pageScroll(t, u.pages[0])
	scroll.ScrollToTop()
	if ok, _, _ := inView(mv.email); ok {
		t.Fatal("e-mail in view at 1024×520 before Tab: the test shows nothing")
	}
	u.win.Canvas().Focus(mv.phone)
	u.win.Canvas().FocusNext()
	if u.win.Canvas().Focused() != mv.email {
		t.Fatalf("Tab focused %T, want 电子邮箱", u.win.Canvas().Focused())
	}
	if ok, top, bottom := inView(mv.email); !ok {
		t.Errorf("电子邮箱 at %.0f–%.0f, page shows %.0f–%.0f", top, bottom, scroll.Offset.Y, scroll.Offset.Y+scroll.Size().Height)
	}
}

// The mouse wheel over a single-line field scrolls the page, as over the text boxes.
func TestWheelOverFieldScrollsPage(t *testing.T) {
	u := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 520))
	u.showStep(0)
	mv := u.views[0].(*metaView)
	u.win.Content().Refresh()
	scroll := pageScroll(t, u.pages[0])
	scroll.ScrollToTop()
	d := u.app.Driver()
	for name, e := range map[string]fyne.CanvasObject{"机关名称": mv.agency, "发布日期": mv.dateBox, "开头段落": mv.open} {
		scroll.ScrollToTop()
		at := d.AbsolutePositionForObject(e).Add(fyne.NewPos(20, 5))
		if at.Y > scroll.Size().Height {
			continue // below the page; the others show it
		}
		test.Scroll(u.win.Canvas(), at, 0, -40)
		if scroll.Offset.Y <= 0 {
			t.Errorf("the wheel over %s did not scroll the page", name)
		}
	}
}
