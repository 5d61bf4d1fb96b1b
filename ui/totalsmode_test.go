package ui

import (
	"path/filepath"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// A draft saved with 手动填写合计 whose totals agree with their items reopens with the
// totals still typed (the mode open.Prepare gives the report): an edit of an item then
// leaves the typed total as it is instead of recomputing it.
func TestReopenedTypedTotalsStayTyped(t *testing.T) {
	r := form.Sample(form.Latest)
	r.TypedTotals = true
	path := filepath.Join(t.TempDir(), "typed.nianbao")
	if err := form.SaveDraft(path, r); err != nil {
		t.Fatal(err)
	}
	total, _ := r.Cell("apply.1.total")
	u := newTestUI(t)
	if _, err := u.open(path); err != nil {
		t.Fatal(err)
	}
	if !u.manualTotals {
		t.Fatal("reopened with the totals computed")
	}
	u.applyEdits([]cellEdit{{code: "apply.1.natural", text: "999"}})
	if got, _ := u.rep.Cell("apply.1.total"); got.Text != total.Text {
		t.Errorf("typed total overwritten: %q, was %q", got.Text, total.Text)
	}
	// A report saved without the mode still has its totals computed after an edit.
	r.TypedTotals = false
	if err := form.SaveDraft(path, r); err != nil {
		t.Fatal(err)
	}
	if _, err := u.open(path); err != nil {
		t.Fatal(err)
	}
	u.applyEdits([]cellEdit{{code: "apply.1.natural", text: "999"}})
	if u.manualTotals {
		t.Error("computed totals opened as typed")
	}
	if got, _ := u.rep.Cell("apply.1.total"); got.Text == total.Text {
		t.Errorf("total not recomputed: %q", got.Text)
	}
}
