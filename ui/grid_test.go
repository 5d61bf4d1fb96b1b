package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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
	if got := l.stretch(150); got[1] != 58 {
		t.Errorf("a narrow window must not shrink columns: %v", got)
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
