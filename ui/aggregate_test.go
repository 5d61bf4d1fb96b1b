package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/form"
)

// eventLoop stands in for Fyne's event loop in tests: background work hands its UI updates
// to u.do, and the test goroutine runs them, as the main thread would.
type eventLoop struct{ q chan func() }

func newEventLoop(u *UI) *eventLoop {
	l := &eventLoop{q: make(chan func(), 100000)}
	u.do = func(f func()) { l.q <- f }
	return l
}

// until runs queued UI updates until cond holds.
func (l *eventLoop) until(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		select {
		case f := <-l.q:
			f()
		case <-time.After(5 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// unitsFolder writes n units' drafts (one of them wrong) into a new folder.
func unitsFolder(t *testing.T, n int) string {
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		r := form.Sample(form.Latest)
		r.Meta.Agency = fmt.Sprintf("第%03d镇人民政府", i)
		if i == 1 {
			_ = r.Set("apply.1.total", "99") // a unit with an error is summed and named
		}
		if i == 0 {
			_ = r.Set("review.after.pending", "") // a blank is not a zero: the total's stays blank
			r.FillDerived()
		}
		if err := form.SaveDraft(filepath.Join(dir, fmt.Sprintf("单位%03d%s", i, form.DraftExt)), r); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func rowsText(a *aggregator) string {
	var b strings.Builder
	for _, r := range a.rows {
		fmt.Fprintf(&b, "%s|%s|%s|%s|%s\n", r.file, r.unit, r.year, r.format, r.status)
	}
	return b.String()
}

// The dialog lists every file with its unit, year and format and whether it is summed, the
// own unit's report included on request; the summary workbook opens as the current report.
func TestAggregateDialog(t *testing.T) {
	dir := unitsFolder(t, 2)
	own := form.Sample(form.Latest)
	own.Meta.Agency = "示例县人民政府办公室"
	if err := form.SaveDraft(filepath.Join(dir, "本单位.nianbao"), own); err != nil {
		t.Fatal(err)
	}
	_ = os.WriteFile(filepath.Join(dir, "丙局.xlsx"), []byte("not a workbook"), 0o644)

	u := newTestUI(t)
	loop := newEventLoop(u)
	u.rep.Meta.Agency = "示例县人民政府办公室"
	a := u.openAggregate(open.Report)
	if a.agency.Text != "示例县人民政府办公室" || !a.own.Checked {
		t.Fatalf("汇总单位 %q, 包含本单位报告 %v: want the open report's agency, included", a.agency.Text, a.own.Checked)
	}
	a.folder.SetText(dir)
	a.onFolder(dir)
	loop.until(t, "the folder's units", func() bool { return a.result != nil || a.err != nil })
	rows := rowsText(a)
	for _, want := range []string{"单位000.nianbao|第000镇人民政府|2025年度|" + form.Latest.Name + "|计入（1格未填（如表四「复议后起诉·尚未审结」列），汇总表中相应的格子留空）",
		"单位001.nianbao|第001镇人民政府|2025年度|" + form.Latest.Name + "|计入（该单位报告有",
		"本单位.nianbao|示例县人民政府办公室|2025年度|" + form.Latest.Name + "|计入", "丙局.xlsx|—|—|—|未计入："} {
		if !strings.Contains(rows, want) {
			t.Errorf("file list lacks %q:\n%s", want, rows)
		}
	}
	if !a.rows[1].warn || a.rows[1].file != "单位000.nianbao" || a.rows[2].warn {
		t.Errorf("the unit with blank cells is not listed right after the files left out:\n%s", rows)
	}
	if len(a.result.Units) != 3 || !strings.Contains(a.phase.Text, "将汇总3个单位") ||
		!strings.Contains(a.phase.Text, "1个单位有未填的格子，汇总表中2格因此留空") || a.phase.Importance != widget.WarningImportance {
		t.Errorf("summed %d units (%q), want 3 with the own unit", len(a.result.Units), a.phase.Text)
	}
	// Without the option the own unit is left out, and the list says why.
	a.own.SetChecked(false)
	loop.until(t, "the sum without the own unit", func() bool { return !a.busy })
	if len(a.result.Units) != 2 || !strings.Contains(rowsText(a), "本单位.nianbao|示例县人民政府办公室|2025年度|"+form.Latest.Name+"|未计入：单位名称与汇总单位相同") {
		t.Errorf("without 包含本单位报告: %d units\n%s", len(a.result.Units), rowsText(a))
	}
	a.own.SetChecked(true)
	loop.until(t, "the sum with the own unit", func() bool { return !a.busy && a.result != nil && len(a.result.Units) == 3 })
	if a.run.Disabled() {
		t.Fatal("汇总并保存 is disabled after a good preview")
	}
	out := filepath.Join(t.TempDir(), "汇总.xlsx")
	var opened string
	a.written = func(p string) { opened = p }
	a.write(out)
	loop.until(t, "the workbook written and opened", func() bool { return opened != "" })
	if c, _ := u.rep.Cell("apply.3.7.total"); c.Text != "126" {
		t.Errorf("the opened summary's （七）总计 = %q, want 126 (3 × 42)", c.Text)
	}
	if c, _ := u.rep.Cell("review.after.pending"); !c.Blank {
		t.Errorf("the opened summary's 尚未审结 = %q, want blank (one unit left it blank)", c.Text)
	}
	if u.rep.Meta.Agency != "示例县人民政府办公室" || u.source != out {
		t.Errorf("the current report is %q from %q, want the summary", u.rep.Meta.Agency, u.source)
	}
	s := a.result
	msg := aggregateReport(out, s)
	for _, want := range []string{"已汇总3个单位", "有错误：第001镇人民政府", "未汇总：丙局.xlsx", "汇总明细",
		"有留空：第000镇人民政府（单位000.nianbao）：1格未填（如表四「复议后起诉·尚未审结」列），汇总表中相应的格子留空",
		"注意：1个单位有未填的格子，汇总表中2格因此留空"} {
		if !strings.Contains(msg, want) {
			t.Errorf("report lacks %q:\n%s", want, msg)
		}
	}
}

// Without a file of its own in the folder, the open report counts as the own unit's.
func TestAggregateIncludesOpenReport(t *testing.T) {
	dir := unitsFolder(t, 2)
	u := newTestUI(t)
	loop := newEventLoop(u)
	u.setReport(form.Sample(form.Latest), "")
	u.rep.Meta.Agency = "示例县人民政府办公室"
	a := u.openAggregate(open.Report)
	a.onFolder(dir)
	loop.until(t, "the sum", func() bool { return a.result != nil && !a.busy })
	if len(a.result.Units) != 3 || !strings.Contains(rowsText(a), ownSource+"|示例县人民政府办公室|2025年度") {
		t.Errorf("open report not summed as the own unit: %d units\n%s", len(a.result.Units), rowsText(a))
	}
}

// A 500-unit 汇总 runs off the UI thread: while the files are read, the event loop keeps
// handling the user's input and the progress bar moves; the own unit is included.
func TestAggregate500StaysResponsive(t *testing.T) {
	const n = 500
	dir := unitsFolder(t, n)
	own := form.Sample(form.Latest)
	own.Meta.Agency = "示例县人民政府办公室"
	if err := form.SaveDraft(filepath.Join(dir, "县政府办.nianbao"), own); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t)
	loop := newEventLoop(u)
	u.rep.Meta.Agency = "示例县人民政府办公室"
	gate := make(chan struct{})
	var reads atomic.Int64
	read := func(p string) (*form.Report, []string, error) {
		if reads.Add(1) == n/2 {
			<-gate // half way: wait until the test has handled a user event
		}
		return open.Report(p)
	}
	a := u.openAggregate(read)
	a.onFolder(dir)
	loop.until(t, "progress half way", func() bool { return a.progress.Value >= 0.4 })
	if a.result != nil || !a.busy {
		t.Fatal("the merge finished before the test could act")
	}
	// A user event during the merge: typing into the report is handled at once.
	tv := u.table(t, 2)
	typeInto(u, tv.cell(t, "active.license.decisions"), "17")
	if v, ok := u.rep.Value("active.license.decisions"); !ok || v != form.N(17) {
		t.Fatalf("typing during the merge was not handled: %v %v", v, ok)
	}
	mid := a.progress.Value
	close(gate)
	loop.until(t, "the merge", func() bool { return a.result != nil && !a.busy })
	if mid <= 0 || mid >= 1 {
		t.Errorf("progress during the merge = %v", mid)
	}
	if len(a.result.Units) != n+1 {
		t.Errorf("summed %d units, want %d with the own unit", len(a.result.Units), n+1)
	}
	found := false
	for _, un := range a.result.Units {
		found = found || un.Report.Meta.Agency == "示例县人民政府办公室"
	}
	if !found {
		t.Error("the own unit is not in the sum")
	}
	a.wg.Wait()
}

// Stopping a running 汇总 cancels it: no result, and the dialog says so.
func TestAggregateStop(t *testing.T) {
	dir := unitsFolder(t, 40)
	u := newTestUI(t)
	loop := newEventLoop(u)
	gate := make(chan struct{})
	var reads atomic.Int64
	read := func(p string) (*form.Report, []string, error) {
		// From the fifth read on every reader waits for 停止 (only the fifth waiting let the
		// other workers read all 40 files before the stop on a fast machine).
		if reads.Add(1) >= 5 {
			<-gate
		}
		return open.Report(p)
	}
	a := u.openAggregate(read)
	a.onFolder(dir)
	loop.until(t, "the first reads", func() bool { return reads.Load() >= 5 })
	a.onStop()
	close(gate)
	a.wg.Wait()
	loop.until(t, "the queue", func() bool { return len(loop.q) == 0 })
	if a.result != nil || a.busy || !strings.Contains(a.phase.Text, "已停止") {
		t.Errorf("after 停止: result %v, busy %v, phase %q", a.result != nil, a.busy, a.phase.Text)
	}
	if reads.Load() >= 40 {
		t.Errorf("all %d files were read after 停止", reads.Load())
	}
}

// renderedLines are the lines a label draws, in order.
func renderedLines(o fyne.CanvasObject) []string {
	var out []string
	for _, x := range test.LaidOutObjects(o) {
		if t, ok := x.(*canvas.Text); ok && t.Visible() && t.Text != "" {
			out = append(out, t.Text)
		}
	}
	return out
}

// badBreaks lists where lines break against Chinese usage: a line starting with ，。、）」, or
// a number parted from its unit or split.
func badBreaks(lines []string) []string {
	var bad []string
	for i, l := range lines {
		if first, _ := utf8.DecodeRuneInString(strings.TrimLeft(l, " ")); strings.ContainsRune("，。、）」；：", first) {
			bad = append(bad, fmt.Sprintf("line %d starts with %c: %q", i+1, first, l))
		}
		if i == 0 {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(lines[i-1], " "))
		first, _ := utf8.DecodeRuneInString(strings.TrimLeft(l, " "))
		if unicode.IsDigit(last) && (unicode.IsDigit(first) || unicode.Is(unicode.Han, first)) {
			bad = append(bad, fmt.Sprintf("number parted at line %d: %q / %q", i+1, lines[i-1], l))
		}
	}
	return bad
}

// The preview under the list and the 汇总完成 dialog break their lines as Chinese is written,
// at every window width: 「2025年度」「163格」 stay whole and no line starts with 「，」.
func TestAggregateTextsBreakAsChinese(t *testing.T) {
	dir := unitsFolder(t, 2)
	for _, width := range []float32{1366, 1024, 900, 800, 700} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			u := newTestUI(t)
			u.win.Resize(fyne.NewSize(width, 700))
			loop := newEventLoop(u)
			a := u.openAggregate(open.Report)
			a.folder.SetText(dir)
			a.onFolder(dir)
			loop.until(t, "the folder's units", func() bool { return a.result != nil && !a.busy })
			lines := renderedLines(a.phase)
			if !strings.Contains(strings.Join(lines, ""), "空白不是0，不能相加") {
				t.Fatalf("preview lacks the blank note: %q", lines)
			}
			for _, b := range badBreaks(lines) {
				t.Errorf("preview: %s", b)
			}
			a.onClose()
			u.showAggregate(filepath.Join(dir, "汇总.xlsx"), a.result)
			var report *widget.Label
			for _, o := range test.LaidOutObjects(u.win.Canvas().Overlays().Top()) {
				if l, ok := o.(*widget.Label); ok && strings.Contains(l.Text, "已汇总") {
					report = l
				}
			}
			if report == nil {
				t.Fatal("no 汇总完成 text")
			}
			lines = renderedLines(report)
			if !strings.Contains(strings.Join(lines, ""), fmt.Sprintf("已汇总%d个单位（2025年度）", len(a.result.Units))) || strings.Contains(strings.Join(lines, ""), "（（") {
				t.Fatalf("汇总完成 lacks its first sentence: %q", lines)
			}
			for _, b := range badBreaks(lines) {
				t.Errorf("汇总完成: %s", b)
			}
		})
	}
}
