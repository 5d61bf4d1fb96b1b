package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/form"
)

// No official label is clipped at either window size: every label gets the height its
// wrapped text needs at the width it is given, and spans do not overlap.
func TestGridLabelsNotClipped(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 1024, Height: 700}} {
		for _, f := range form.Formats {
			u := newTestUI(t)
			u.win.Resize(size)
			u.newReport(f, f.FirstYear, "")
			for _, sec := range []int{2, 3, 4} {
				tv := u.table(t, sec)
				u.win.Content().Refresh()
				d := u.app.Driver()
				for i, o := range tv.sheet.objs {
					l, ok := o.(*spanLabel)
					if !ok {
						continue
					}
					if need := l.heightFor(l.Size().Width); need > l.Size().Height+0.5 {
						t.Errorf("%v %s %s: label %q needs %.0f px, has %.0f", size, f.ID, tv.table.ID, l.text, need, l.Size().Height)
					}
					for j, p := range tv.sheet.objs[:i] {
						if overlap(d, o, p) {
							t.Errorf("%v %s %s: span %d overlaps span %d", size, f.ID, tv.table.ID, i, j)
						}
					}
				}
			}
		}
	}
}

// overlap reports whether two objects overlap on the canvas (they may sit in different panes).
func overlap(d fyne.Driver, a, b fyne.CanvasObject) bool {
	ap, as, bp, bs := d.AbsolutePositionForObject(a), a.Size(), d.AbsolutePositionForObject(b), b.Size()
	const e = 0.5
	return ap.X+e < bp.X+bs.Width && bp.X+e < ap.X+as.Width && ap.Y+e < bp.Y+bs.Height && bp.Y+e < ap.Y+as.Height
}

func TestGridStretchesValueColumns(t *testing.T) {
	l := &sheet{colW: []float32{100, 58, 58}, valueFrom: 1}
	got := l.stretch(500)
	if got[0] != 100 || got[1] != 130 || got[2] != 130 {
		t.Errorf("stretch(500) = %v, want label column kept and value columns capped at 130", got)
	}
	// Narrower than asked: the value columns give up the difference, not below minValueW
	// (the numbers then scroll sideways); the label column keeps its width.
	if got := l.stretch(208); got[0] != 100 || got[1] != 54 || got[2] != 54 {
		t.Errorf("stretch(208) = %v, want the value columns 4 px narrower", got)
	}
	if got := l.stretch(150); got[0] != 100 || got[1] != minValueW || got[2] != minValueW {
		t.Errorf("stretch(150) = %v, want the value columns at their least", got)
	}
	if got := l.stretch(236); got[1] != 68 || got[2] != 68 {
		t.Errorf("stretch(236) = %v, want the 20 px shared", got)
	}
}

func TestLabelLinesBalanced(t *testing.T) {
	newTestUI(t) // the theme's font measures the text
	l := newSpanLabel("结果维持", true, nil)
	w := fyne.MeasureText("结果维", l.size, fyne.TextStyle{}).Width + 2*labelPad + 1
	got := l.lines(w)
	if len(got) != 2 || got[0] != "结果" || got[1] != "维持" {
		t.Errorf("lines = %q, want [结果 维持]", got)
	}
	wide := l.lines(500)
	if len(wide) != 1 || wide[0] != "结果维持" {
		t.Errorf("a label that fits is one line: %q", wide)
	}
}

// Number cells are compact (lower than a form entry, so more of the 三 table shows) but
// every entry still gets at least the height its text needs.
func TestCellsCompactButNotClipped(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	u.win.Content().Refresh()
	plain := widget.NewEntry()
	plainH := test.WidgetRenderer(plain).MinSize().Height
	for _, cv := range tv.cells {
		h := cv.entry.Size().Height
		if need := cv.entry.MinSize().Height; need > h+0.5 {
			t.Errorf("%s: entry needs %.0f px, has %.0f", cv.code, need, h)
		}
		if cv.span.RowSpan == 1 && h >= plainH && cv.code == "apply.3.3.1.natural" {
			t.Errorf("%s: cell is %.0f px high, not lower than a form entry (%.0f)", cv.code, h, plainH)
		}
	}
}

// A wrapped label never starts a line with 、，。 or a closing bracket.
func TestLabelLinesKeepPunctuation(t *testing.T) {
	newTestUI(t)
	l := newSpanLabel("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", false, nil)
	for _, w := range []float32{120, 160, 206, 260, 300, 412} {
		for _, line := range l.lines(w) {
			if r := []rune(line); len(r) > 0 && strings.ContainsRune("、，。；）」”", r[0]) {
				t.Errorf("width %v: line %q starts with %q", w, line, string(r[0]))
			}
		}
	}
}

// At 1024×700 every cell of 四 lies inside the part of the table in view, the last column
// (复议后起诉 · 总计) included: nothing is cut at the right edge — nor a little narrower (a
// wider step list, a system font with wider glyphs), where the columns narrow to fit.
func TestTable4FitsAt1024(t *testing.T) {
	for _, w := range []float32{1024, 1000, 960} {
		t.Run(fmt.Sprint(w), func(t *testing.T) { table4Fits(t, w) })
	}
}

func table4Fits(t *testing.T, width float32) {
	u := newTestUI(t)
	u.win.Resize(fyne.NewSize(width, 700))
	tv := u.table(t, 4)
	u.win.Content().Refresh()
	d := u.app.Driver()
	view := d.AbsolutePositionForObject(tv.scroll)
	size := tv.scroll.Size()
	right := view.X + size.Width
	if tv.scroll.Content.MinSize().Height > size.Height {
		right -= theme.ScrollBarSize() // a vertical scroll bar covers the right edge
	}
	for _, cv := range tv.cells {
		p := d.AbsolutePositionForObject(cv.box)
		if p.X < view.X || p.X+cv.box.Size().Width > right+0.5 {
			t.Errorf("%s spans x %.0f–%.0f, the view %.0f–%.0f", cv.code, p.X, p.X+cv.box.Size().Width, view.X, right)
		}
	}
	if win := u.win.Canvas().Size(); right > win.Width {
		t.Errorf("the view ends at %.0f, beyond the window's %.0f", right, win.Width)
	}
}
