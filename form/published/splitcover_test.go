package published

import (
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// A cut of run-together digits that is the only one the identities accept is still no
// surer than a lone cut where it puts digits in a cell no identity constrains: there the
// identities say nothing, and a cell left empty in the original vanishes from the digits
// too. Such a run is left blank with a note, not read.
func TestOnlyIdentityCutCoversEveryCell(t *testing.T) {
	f := form.Latest
	codes := []string{"review.admin.upheld", "review.admin.corrected", "review.admin.other", "review.admin.pending", "review.admin.total", "active.rules.issued"}
	var slots []int
	for _, c := range codes {
		i := f.Index(c)
		if i < 0 {
			t.Fatalf("no cell %s", c)
		}
		slots = append(slots, i)
	}
	for _, tc := range []struct {
		name   string
		slots  []int
		digits string
		read   bool
	}{
		// 1 + 2 + 3 + 4 = 10 is the only cut the 复议 identity accepts, and it covers every cell.
		{"covered", slots[:5], "123410", true},
		// The same, and 57 for 规章 本年制发, which no identity checks: 5 / 7 or 57 and an empty cell.
		{"uncovered", slots, "12341057", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := form.New(f, 2025, "某局")
			a := &anchor{label: "行政复议", table: f.Cells[tc.slots[0]].Table, slots: tc.slots, format: f}
			s := &runState{segs: []segment{{a: a, slots: tc.slots}}, slots: tc.slots}
			res := &tableResult{}
			res.splitRun(r, s, []token{{kind: tCell, text: tc.digits, value: true, soft: true}})
			if tc.read {
				if s.st == failed || len(s.cands) != 1 || res.chosen != 1 {
					t.Fatalf("not read: st %v, cands %v, warnings %q", s.st, s.cands, res.warnings)
				}
				return
			}
			if s.st != failed || res.chosen != 0 {
				t.Fatalf("read %v (chosen %d), want blank with a note", s.cands, res.chosen)
			}
			if all := strings.Join(res.warnings, "\n"); !strings.Contains(all, "不在可核对的勾稽关系中") || !strings.Contains(all, "12341057") {
				t.Errorf("warnings %q", all)
			}
		})
	}
}
