package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/form"
)

// Copies of real published reports from form/published/testdata/corpus: a saved web page, a
// Word file and a PDF, and a text cut short.
const (
	pubHTML    = "01_pingtan_shenpiju_2023.html"
	pubDOCX    = "D3_pingtan_ziranziyuanju_2024_DERIVED_libreoffice.docx"
	pubPDF     = "D2_pingtan_ziranziyuanju_2024_DERIVED_libreoffice.pdf"
	pubPartial = "10_jiashan_dayunzhen_2024_partial.txt"
)

func TestOpenPublishedText(t *testing.T) {
	u := newTestUI(t)
	if _, err := u.open(filepath.Join("testdata", "published2021.txt")); err != nil {
		t.Fatal(err)
	}
	if u.rep.Meta.Agency != "示例县市场监督管理局" || u.rep.Meta.Year != 2025 {
		t.Errorf("meta %+v", u.rep.Meta)
	}
	tv := u.table(t, 2)
	if got := tv.cell(t, "active.license.decisions").entry.Text; got != "1260" {
		t.Errorf("行政许可 shows %q, want 1260 from the text", got)
	}
	if u.path != "" || !u.dirty || !strings.Contains(u.win.Title(), "*") {
		t.Errorf("an imported text must be saved as a new draft (path %q, title %q)", u.path, u.win.Title())
	}
}

// 打开 reads a saved web page, a Word file and a PDF as the command line's import does, and
// shows the import summary: the form read, the agency, year and cells read.
func TestOpenPublishedDocuments(t *testing.T) {
	for _, c := range []struct{ file, form string }{{pubHTML, "网页"}, {pubDOCX, "Word 文档"}, {pubPDF, "PDF"}} {
		t.Run(c.form, func(t *testing.T) {
			u := newTestUI(t)
			path := filepath.Join("testdata", c.file)
			want, err := open.ReadPublished(path)
			if err != nil {
				t.Fatal(err)
			}
			openNow(t, u, path)
			top := u.win.Canvas().Overlays().Top()
			if top == nil {
				t.Fatal("no import summary shown")
			}
			all := strings.ReplaceAll(strings.Join(texts(top), "|"), "\n", "")
			for _, s := range []string{"已导入「" + c.file + "」", "来源：" + c.form, "机关名称：" + want.Report.Meta.Agency, "导入 200 / 200 个单元格", "文件 › 保存"} {
				if !strings.Contains(all, s) {
					t.Errorf("the summary lacks %q: %q", s, all)
				}
			}
			for _, d := range u.rep.Format.Cells {
				w, _ := want.Report.Cell(d.Code)
				if got, _ := u.rep.Cell(d.Code); got.Text != w.Text {
					t.Errorf("%s = %q, the import read %q", d.Code, got.Text, w.Text)
				}
			}
			if u.path != "" || !u.dirty {
				t.Errorf("a published report must be saved as a new draft (path %q)", u.path)
			}
			if !strings.Contains(u.win.Title(), want.Report.Meta.Agency) {
				t.Errorf("title %q", u.win.Title())
			}
		})
	}
}

// The rows an import left blank are listed with their reason, their cells marked 未填 (the
// quiet frame, not red), and a focused one says why it is blank.
func TestImportBlanksMarked(t *testing.T) {
	u := newTestUI(t)
	path := filepath.Join("testdata", pubPartial)
	res, err := open.ReadPublished(path)
	if err != nil || len(res.Blanks) == 0 {
		t.Fatalf("the partial text gives no blank rows (%v)", err)
	}
	openNow(t, u, path)
	all := strings.ReplaceAll(strings.Join(texts(u.win.Canvas().Overlays().Top()), "|"), "\n", "")
	for _, s := range []string{"留空的行", "文本不完整", "已标为「未填」"} {
		if !strings.Contains(all, s) {
			t.Errorf("the summary lacks %q: %q", s, all)
		}
	}
	u.closeDialogs()
	for _, b := range res.Blanks {
		tv := u.table(t, b.Section)
		for _, code := range b.Codes {
			got := tv.cell(t, code).frame.StrokeColor
			if d, _ := u.rep.Format.Cell(code); d.Derived && !u.manualTotals {
				// A computed total waiting for its blank items is not framed: its items are.
				if got == colorUnfilled {
					t.Errorf("computed total %s framed 未填", code)
				}
				continue
			}
			if got != colorUnfilled {
				t.Errorf("%s (blank: %s) framed %v, want the 未填 colour", code, b.Reason, got)
			}
		}
	}
	b := res.Blanks[0]
	tv := u.table(t, b.Section)
	var cv *cellView
	for _, code := range b.Codes {
		if c := tv.cell(t, code); !c.def.Derived {
			cv = c
			break
		}
	}
	u.win.Canvas().Focus(cv.entry)
	if !strings.Contains(tv.msg.Text, "导入时留空："+b.Reason) || !strings.Contains(tv.msg.Text, "未填 B1") {
		t.Errorf("focused blank cell: %q", tv.msg.Text)
	}
	if form.Errors(u.problems) != 0 {
		t.Errorf("an import's blanks raised errors while drafting: %v", u.problems)
	}
}

// 载入上年报告 takes last year's PDF: 上年结转 comes from its 结转下年度, and the notes say
// what was read.
func TestLastYearFromPDF(t *testing.T) {
	u := newTestUI(t)
	u.newReport(form.Latest, 2025, "平潭综合实验区自然资源与生态环境局")
	path := filepath.Join("testdata", pubPDF)
	last, err := open.ReadPublished(path)
	if err != nil {
		t.Fatal(err)
	}
	notes, err := u.loadLastYear(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(notes, "\n")
	for _, s := range []string{"上年报告的导入情况", "来源：PDF", "已按上年报告填入"} {
		if !strings.Contains(text, s) {
			t.Errorf("notes lack %q: %s", s, text)
		}
	}
	for _, col := range u.rep.Format.ApplicantCols {
		w, _ := last.Report.Cell("apply.4." + col)
		if got, _ := u.rep.Cell("apply.2." + col); got.Text != w.Text {
			t.Errorf("上年结转 %s = %q, last year's PDF says %q", col, got.Text, w.Text)
		}
	}
}
