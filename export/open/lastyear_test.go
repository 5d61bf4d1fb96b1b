package open

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// A draft saved with 手动填写合计 and totals that agree with their items opens with the
// totals still typed: Prepare keeps the draft's mode instead of guessing it, so an edit
// later does not recompute (and overwrite) them.
func TestReadKeepsTypedTotalsOfADraft(t *testing.T) {
	dir := t.TempDir()
	for _, typed := range []bool{false, true} {
		r := form.Sample(form.Latest)
		r.TypedTotals = typed
		path := filepath.Join(dir, "typed.nianbao")
		if err := form.SaveDraft(path, r); err != nil {
			t.Fatal(err)
		}
		o, err := Read(path)
		if err != nil {
			t.Fatal(err)
		}
		if o.Report.TypedTotals != typed || o.Prepared.TypedTotals != typed {
			t.Errorf("typed=%v: opened with TypedTotals %v (Prepared %v)", typed, o.Report.TypedTotals, o.Prepared.TypedTotals)
		}
	}
}

// A draft whose lastYear link is a network path opens with the link dropped and a note
// saying so; LastYearOf then has nothing to read.
func TestReadDropsANetworkLink(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.nianbao")
	data := `{"schema":"nianbao.draft","version":1,"format":"2021","meta":{"agency":"某局","year":2025},"cells":{},"lastYear":"\\\\host\\share\\x.xlsx"}`
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	o, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if o.Report.LastYear != "" {
		t.Errorf("link kept: %q", o.Report.LastYear)
	}
	if notes := strings.Join(o.Notes(), "\n"); !strings.Contains(notes, `「\\host\share\x.xlsx」是网络路径或网址`) {
		t.Errorf("notes %q", notes)
	}
	if last, notes, err := LastYearOf(o.Report, path); last != nil || notes != nil || err != nil {
		t.Errorf("LastYearOf: %v %q %v", last, notes, err)
	}
}

// LastYearOf reads the report a draft links to (relative to the draft), says which file it
// used, and explains a file that is gone or of the wrong year.
func TestLastYearOf(t *testing.T) {
	dir := t.TempDir()
	last := form.Sample(form.Latest)
	last.Meta.Year--
	if err := form.SaveDraft(filepath.Join(dir, "last.nianbao"), last); err != nil {
		t.Fatal(err)
	}
	wrong := form.Sample(form.Latest)
	wrong.Meta.Year -= 3
	if err := form.SaveDraft(filepath.Join(dir, "wrong.nianbao"), wrong); err != nil {
		t.Fatal(err)
	}
	this := filepath.Join(dir, "this.nianbao")
	for _, tc := range []struct{ link, note, err string }{
		{"last.nianbao", "使用草稿中记录的上年报告：" + filepath.Join(dir, "last.nianbao"), ""},
		{"gone.nianbao", "", "上年报告「gone.nianbao」找不到，跨年度检查暂停"},
		{"wrong.nianbao", "", "上年报告「wrong.nianbao」无法使用，跨年度检查暂停：所选上年报告是"},
	} {
		r := form.Sample(form.Latest)
		r.LastYear = tc.link
		got, notes, err := LastYearOf(r, this)
		if tc.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tc.err) || got != nil {
				t.Errorf("%s: %v, want %q", tc.link, err, tc.err)
			}
			continue
		}
		if err != nil || got == nil || got.Meta.Year != last.Meta.Year {
			t.Fatalf("%s: %v %v", tc.link, got, err)
		}
		if len(notes) == 0 || notes[0] != tc.note {
			t.Errorf("%s: notes %q, want %q first", tc.link, notes, tc.note)
		}
	}
}
