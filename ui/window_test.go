package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/nianbao/nianbao/form"
)

// The first start fills the work area of a 1366×768 screen (less its 40 px taskbar) without
// going past it; below 1366×768 the window is maximised; a remembered size is made to fit a
// smaller screen.
func TestStartSizeFitsWorkArea(t *testing.T) {
	for _, c := range []struct {
		work     fyne.Size
		maximise bool
	}{
		{fyne.NewSize(1366, 728), true}, // 1366×768 with the taskbar: below 768 high
		{fyne.NewSize(1366, 768), false},
		{fyne.NewSize(1024, 728), true},
		{fyne.NewSize(1920, 1040), false},
	} {
		size, max := StartSize(newMemPrefs(), c.work)
		if size.Width+WindowFrame.Width > c.work.Width || size.Height+WindowFrame.Height > c.work.Height {
			t.Errorf("work area %v: window %v plus frame %v does not fit", c.work, size, WindowFrame)
		}
		if size.Width < c.work.Width-WindowFrame.Width-1 || size.Height < c.work.Height-WindowFrame.Height-1 {
			t.Errorf("work area %v: first window %v does not fill it", c.work, size)
		}
		if max != c.maximise {
			t.Errorf("work area %v: maximise = %v, want %v", c.work, max, c.maximise)
		}
	}
	p := newMemPrefs()
	SaveWindowSize(p, fyne.NewSize(1900, 1000)) // last run on a large monitor
	if size, _ := StartSize(p, fyne.NewSize(1366, 728)); size.Width > 1350 || size.Height > 688 {
		t.Errorf("remembered 1900×1000 on a 1366×728 work area gives %v", size)
	}
	SaveWindowSize(p, fyne.NewSize(1100, 650))
	if size, max := StartSize(p, fyne.NewSize(1920, 1040)); size != fyne.NewSize(1100, 650) || max {
		t.Errorf("remembered 1100×650 gives %v (maximise %v)", size, max)
	}
	if size, _ := StartSize(newMemPrefs(), fyne.Size{}); size != fallbackSize {
		t.Errorf("unknown screen gives %v", size)
	}
}

// sizes are the window sizes every step must work at: a 1024×700 window, the first window
// on a 1366×768 screen with a taskbar, and a full HD screen.
var sizes = []fyne.Size{{Width: 1024, Height: 700}, {Width: 1350, Height: 688}, {Width: 1920, Height: 1040}}

// Every step fits: the window's content needs no more than the window (Fyne would make the
// window larger than the screen), and 上一步/下一步 are inside it.
func TestEveryStepFits(t *testing.T) {
	for _, size := range sizes {
		for _, f := range form.Formats {
			u := newTestUI(t)
			u.newReport(f, f.FirstYear, "测试局")
			u.win.Resize(size)
			for i := range steps {
				name := fmt.Sprintf("%v %s step %s", size, f.ID, steps[i].Title)
				u.showStep(i)
				u.win.Content().Refresh()
				if m := u.win.Content().MinSize(); m.Width > size.Width || m.Height > size.Height {
					t.Errorf("%s: content needs %v", name, m)
				}
				d := u.app.Driver()
				for _, b := range []fyne.CanvasObject{u.page.prev, u.page.next} {
					p := d.AbsolutePositionForObject(b)
					if p.X < 0 || p.Y < 0 || p.X+b.Size().Width > size.Width+0.5 || p.Y+b.Size().Height > size.Height+0.5 || b.Size().Width < 40 {
						t.Errorf("%s: button at %v size %v is not inside the window", name, p, b.Size())
					}
				}
				if h := u.pages[i].Size().Height; h < 200 {
					t.Errorf("%s: the page has only %.0f px", name, h)
				}
			}
		}
	}
}

// visibleRows counts the grid rows of the numbers whose cells are wholly in view.
func visibleRows(tv *tableView) int {
	top, h := tv.scroll.Offset.Y, tv.scroll.Size().Height
	rows := map[int]bool{}
	for _, cv := range tv.cells {
		if cv.span.RowSpan != 1 {
			continue
		}
		y := cv.box.Position().Y
		if y >= top-0.5 && y+cv.box.Size().Height <= top+h+0.5 {
			rows[cv.span.Row] = true
		}
	}
	return len(rows)
}

// On a 1366×768 screen at least 15 rows of 三 are in view with the problems list folded.
func TestFifteenRowsOfTableThree(t *testing.T) {
	u := newTestUI(t)
	u.win.Resize(fyne.NewSize(1350, 688))
	tv := u.table(t, 3)
	typeInto(u, tv.cell(t, "apply.1.natural"), "x") // a problem, so that the panel has a list
	test.Tap(u.probs.toggle)
	u.win.Content().Refresh()
	if u.probs.expanded() {
		t.Fatal("the problems list is not folded")
	}
	if n := visibleRows(tv); n < 15 {
		t.Errorf("%d rows of 三 in view at 1350×688, want ≥ 15 (numbers %.0f px high)", n, tv.scroll.Size().Height)
	}
	test.Tap(u.probs.toggle)
	u.win.Content().Refresh()
	if n := visibleRows(tv); n < 8 {
		t.Errorf("%d rows of 三 in view with the problems open, want ≥ 8", n)
	}
}
