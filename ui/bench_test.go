package ui

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// BenchmarkCellEditToProblems measures one keystroke in a number cell until the model is
// updated, totals recomputed, form.Check run and every mark, list and message refreshed.
// Target: ≤ 16 ms (one frame).
func BenchmarkCellEditToProblems(b *testing.B) {
	u := newTestUI(b)
	tv := u.table(b, 3)
	for _, code := range []string{"apply.1.natural", "apply.1.commercial", "apply.3.1.natural", "apply.3.3.2.legal"} {
		typeInto(u, tv.cell(b, code), "3")
	}
	u.table(b, 2)
	u.table(b, 4)
	u.showStep(7)
	u.showStep(3)
	cv := tv.cell(b, "apply.3.1.natural")
	u.win.Canvas().Focus(cv.entry)
	i := 0
	for b.Loop() {
		i++
		cv.entry.set(strconv.Itoa(i%50), 1) // as typing does: OnChanged runs
	}
}

// BenchmarkStartToFirstFrame measures building the whole wizard for a new report and
// rendering its first frame with the software painter (slower than the GL driver); the
// fonts are parsed once before (the first start also parses them: about 0.2 s more).
// Target: ≤ 1 s.
func BenchmarkStartToFirstFrame(b *testing.B) {
	dir := b.TempDir()
	for b.Loop() {
		a := newSharedApp(b)
		w := test.NewWindow(nil)
		w.Resize(fyne.NewSize(1280, 800))
		newUI(a, w, dir)
		if img := w.Canvas().Capture(); img.Bounds().Dx() == 0 {
			b.Fatal("empty frame")
		}
		w.Close()
	}
}
