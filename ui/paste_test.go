package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/nianbao/nianbao/form"
)

// pasteAt focuses the cell code of the page and pastes text into it as Ctrl+V does.
func pasteAt(t *testing.T, u *UI, tv *tableView, code, text string) *cellView {
	t.Helper()
	cv := tv.cell(t, code)
	u.win.Canvas().Focus(cv.entry)
	clip := test.NewClipboard()
	clip.SetContent(text)
	cv.entry.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	return cv
}

// wantCells asserts the model's text and the shown text of cells.
func wantCells(t *testing.T, u *UI, tv *tableView, want map[string]string) {
	t.Helper()
	for code, w := range want {
		if c, _ := u.rep.Cell(code); c.Text != w {
			t.Errorf("%s = %q, want %q", code, c.Text, w)
		}
		if got := tv.cell(t, code).entry.Text; got != w {
			t.Errorf("%s shows %q, want %q", code, got, w)
		}
	}
}

// A block copied with its row labels (and header row) puts the numbers under the right
// columns and says what it skipped.
func TestPasteSkipsLabels(t *testing.T) {
	for _, c := range []struct {
		name, at, text, note string
		want                 map[string]string
	}{
		{name: "label column", at: "apply.1.natural",
			text: "一、本年新收政府信息公开申请数量\t1\t2\t3\t0\t0\t0\t6\r\n二、上年结转政府信息公开申请数量\t4\t5\t6\t0\t0\t0\t15\r\n",
			note: "已跳过复制内容中的开头 1 列行名（如「一、本年新收政府信息公开申请数量」），只粘贴数字。",
			want: map[string]string{"apply.1.natural": "1", "apply.1.commercial": "2", "apply.1.other": "0", "apply.1.total": "6",
				"apply.2.natural": "4", "apply.2.research": "6", "apply.2.total": "15"}},
		{name: "header row and merged label columns of the official sheet", at: "apply.3.1.natural",
			text: "\t\t\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n" +
				"三、本年度办理结果\t（一）予以公开\t\t5\t1\t0\t0\t0\t0\t6\n" +
				"\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t\t2\t0\t0\t0\t0\t\t2\n",
			note: "已跳过复制内容中的开头 3 列行名（如「三、本年度办理结果」）和 1 行表头（如「自然人」），只粘贴数字。",
			want: map[string]string{"apply.3.1.natural": "5", "apply.3.1.commercial": "1", "apply.3.1.total": "6",
				"apply.3.2.natural": "2", "apply.3.2.legal": "0", "apply.3.2.other": "", "apply.3.2.total": ""}},
		{name: "label column of 四 typed by the clerk", at: "review.admin.upheld",
			text: "行政复议\t1\t0\t0\t0\t1",
			note: "开头 1 列行名（如「行政复议」）",
			want: map[string]string{"review.admin.upheld": "1", "review.admin.corrected": "0", "review.admin.total": "1"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			u := newTestUI(t)
			tv := u.table(t, 3)
			if c.at[:6] == "review" {
				tv = u.table(t, 4)
			}
			pasteAt(t, u, tv, c.at, c.text)
			wantCells(t, u, tv, c.want)
			if !strings.Contains(tv.msg.Text, c.note) {
				t.Errorf("paste message lacks %q:\n%s", c.note, tv.msg.Text)
			}
		})
	}
}

// stripLabels keeps values, bad values included: only labels go.
func TestStripLabels(t *testing.T) {
	official := officialLabels(form.Latest.Tables[1])
	for _, c := range []struct {
		in, want string
		cols     int
		rows     int
	}{
		{in: "1\t2\n3\t4", want: "1|2/3|4"},
		{in: "/\t2\n3\t4", want: "/|2/3|4"},            // 「/」 is a bad value, shown as one
		{in: "无\t2\n无\t4", want: "无|2/无|4"},            // so is 「无」
		{in: "\t2\n\t4", want: "|2/|4"},                // blanks are values
		{in: "合计\t2\n其他\t4", want: "2/4", cols: 1},     // two-letter labels
		{in: "自然人\t总计\n1\t1", want: "1|1", rows: 1},    // a header row
		{in: "一、本年新收\t\n二、上年结转\t", want: "/", cols: 1}, // a row of blanks stays a row
	} {
		block, s := stripLabels(splitBlock(c.in), official, 2)
		var lines []string
		for _, l := range block {
			lines = append(lines, strings.Join(l, "|"))
		}
		if got := strings.Join(lines, "/"); got != c.want || s.cols != c.cols || s.rows != c.rows {
			t.Errorf("%q gives %q (%d label columns, %d header rows), want %q (%d, %d)", c.in, got, s.cols, s.rows, c.want, c.cols, c.rows)
		}
	}
}

// The paste message counts what the paste did: cells filled that were blank, cells whose
// value it replaced, cells it left as they were, and the totals it computed.
func TestPasteCountsWhatChanged(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	for code, v := range map[string]string{"apply.1.natural": "1", "apply.1.commercial": "9"} {
		_ = u.rep.Set(code, v)
	}
	tv.reload()
	pasteAt(t, u, tv, "apply.1.natural", "1\t2\t3\t0\t0\t0\n")
	for _, want := range []string{"已粘贴 6 个单元格：新填 4 格（原为空白），替换 1 格（原有不同的数字），1 格与原来相同",
		"合计由程序按分项重新计算：新算出 1 处，数字变化 0 处"} {
		if !strings.Contains(tv.msg.Text, want) {
			t.Errorf("paste message lacks %q:\n%s", want, tv.msg.Text)
		}
	}
	if strings.Contains(tv.msg.Text, "改动") {
		t.Errorf("paste message still says 改动:\n%s", tv.msg.Text)
	}
	pasteAt(t, u, tv, "apply.1.natural", "1\t2\t3\t0\t0\t1\n")
	for _, want := range []string{"新填 0 格（原为空白），替换 1 格（原有不同的数字），5 格与原来相同", "新算出 0 处，数字变化 1 处"} {
		if !strings.Contains(tv.msg.Text, want) {
			t.Errorf("second paste message lacks %q:\n%s", want, tv.msg.Text)
		}
	}
}

// Ctrl+Z right after a paste gives every cell the paste touched its text back, the totals
// too; Ctrl+Z after typing into a cell undoes the typing.
func TestUndoPaste(t *testing.T) {
	u := newTestUI(t)
	tv := u.table(t, 3)
	_ = u.rep.Set("apply.1.commercial", "9")
	tv.reload()
	cv := pasteAt(t, u, tv, "apply.1.natural", "1\t2\t3\t0\t0\t0\t6\n4\t5\t6\t0\t0\t0\t15\n")
	if c, _ := u.rep.Cell("apply.2.total"); c.Text != "15" {
		t.Fatalf("the paste gave 二·总计 %q", c.Text)
	}
	if !strings.Contains(tv.msg.Text, "按 Ctrl+Z 可撤销本次粘贴") {
		t.Errorf("paste message does not say how to undo:\n%s", tv.msg.Text)
	}
	cv.entry.TypedShortcut(&fyne.ShortcutUndo{})
	wantCells(t, u, tv, map[string]string{"apply.1.natural": "", "apply.1.commercial": "9", "apply.1.research": "",
		"apply.1.total": "", "apply.2.natural": "", "apply.2.other": "", "apply.2.total": ""})
	if !strings.Contains(tv.msg.Text, "已撤销粘贴") || !strings.Contains(tv.msg.Text, "14 个单元格恢复为粘贴前的内容") {
		t.Errorf("undo message %q", tv.msg.Text)
	}
	// One level: a second Ctrl+Z has nothing to undo and changes nothing.
	cv.entry.TypedShortcut(&fyne.ShortcutUndo{})
	if !strings.Contains(tv.msg.Text, "没有可以撤销") {
		t.Errorf("second undo message %q", tv.msg.Text)
	}
	wantCells(t, u, tv, map[string]string{"apply.1.commercial": "9"})

	// Typing into a cell, then Ctrl+Z: the cell and its total come back.
	zeros(u)
	typeInto(u, cv, "37")
	if c, _ := u.rep.Cell("apply.1.total"); c.Text != "37" {
		t.Fatalf("typing gave 总计 %q", c.Text)
	}
	cv.entry.TypedShortcut(&fyne.ShortcutUndo{})
	wantCells(t, u, tv, map[string]string{"apply.1.natural": "0", "apply.1.total": "0"})
	if d, _ := u.rep.Format.Cell("apply.1.natural"); tv.msg.Text != "已撤销对「"+d.Label()+"」的修改。" {
		t.Errorf("cell undo message %q", tv.msg.Text)
	}

	// A report opened since is not undone.
	pasteAt(t, u, tv, "apply.1.natural", "5\t5\n")
	u.newReport(form.Latest, 2025, "另一局")
	tv = u.table(t, 3)
	tv.cell(t, "apply.1.natural").entry.TypedShortcut(&fyne.ShortcutUndo{})
	if c, _ := u.rep.Cell("apply.1.natural"); c.Text != "" || !strings.Contains(tv.msg.Text, "没有可以撤销") {
		t.Errorf("undo in another report gave %q, message %q", c.Text, tv.msg.Text)
	}
}

// Step 一 is not ✓ while some of its parts are written and others empty (B3).
func TestOverviewPartsStep(t *testing.T) {
	u := newTestUI(t)
	u.rep.Text.Parts = [5]string{"主动公开……", "依申请公开……", "", "平台建设……", ""}
	u.recheck()
	if got := countsText(u.stepCounts(1)); got != "未填 1" {
		t.Errorf("step 一 with two empty parts shows %q, want 未填 1", got)
	}
	u.rep.Text.Parts = [5]string{"a", "b", "c", "d", "e"}
	u.recheck()
	if got := countsText(u.stepCounts(1)); got != "无问题" {
		t.Errorf("step 一 with every part shows %q", got)
	}
}
