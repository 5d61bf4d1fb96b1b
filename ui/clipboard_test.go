package ui

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/export/html"
	"github.com/nianbao/nianbao/form"
)

// cfHTML's header gives the byte offsets of the document and of the fragment exactly, for
// ASCII and for Chinese (multi-byte UTF-8) text, as Windows' "HTML Format" requires.
func TestCFHTMLOffsets(t *testing.T) {
	frag, _, err := html.Fragment(form.Sample(form.Latest))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"<b>x</b>", "<table border=\"1\"><tr><td>年报</td></tr></table>", frag} {
		data := string(cfHTML(f))
		offset := func(name string) int {
			m := regexp.MustCompile(`(?m)^` + name + `:(\d{10})\r$`).FindStringSubmatch(data)
			if m == nil {
				t.Fatalf("no %s in %q", name, data[:min(len(data), 200)])
			}
			n, _ := strconv.Atoi(m[1])
			return n
		}
		sh, eh, sf, ef := offset("StartHTML"), offset("EndHTML"), offset("StartFragment"), offset("EndFragment")
		if !strings.HasPrefix(data, "Version:0.9\r\n") {
			t.Errorf("header starts %q", data[:20])
		}
		if eh != len(data) || !strings.HasPrefix(data[sh:], "<html>") || !strings.HasSuffix(data[:eh], "</html>") {
			t.Errorf("document offsets %d..%d of %d", sh, eh, len(data))
		}
		if data[sf:ef] != f {
			t.Errorf("fragment offsets %d..%d give %q", sf, ef, data[sf:min(ef, sf+40)])
		}
		if !strings.HasSuffix(data[:sf], "<!--StartFragment-->") || !strings.HasPrefix(data[ef:], "<!--EndFragment-->") {
			t.Error("the fragment is not between the StartFragment and EndFragment comments")
		}
		if !strings.Contains(data[sh:sf], `charset="utf-8"`) {
			t.Error("the document does not declare UTF-8")
		}
	}
}

// 复制网页版 puts html.Fragment's HTML on the clipboard where the platform can, and says so;
// where it cannot, it copies the text through Fyne's clipboard and says how to get tables.
func TestCopyHTML(t *testing.T) {
	saved := copyHTMLFunc
	t.Cleanup(func() { copyHTMLFunc = saved })
	u := newTestUI(t)
	u.setReport(form.Sample(form.Latest), "")
	wantHTML, wantText, _ := html.Fragment(u.rep)
	var gotHTML, gotText string
	copyHTMLFunc = func(h, text string) error { gotHTML, gotText = h, text; return nil }
	u.app.Clipboard().SetContent("")
	u.onCopyHTML()
	cv := u.view(len(steps) - 1).(*checkView)
	if gotHTML != wantHTML || gotText != wantText || !strings.Contains(gotHTML, "<table") || !strings.Contains(gotHTML, `border="1"`) {
		t.Errorf("copied HTML %.80q…", gotHTML)
	}
	if !strings.Contains(cv.done.Text, copiedHTML) || !cv.done.Visible() {
		t.Errorf("after copying HTML the page says %q", cv.done.Text)
	}
	copyHTMLFunc = func(string, string) error {
		return errors.New("本机不支持复制网页格式（本机未安装 xclip）")
	}
	u.onCopyHTML()
	if got := u.app.Clipboard().Content(); got != wantText {
		t.Errorf("fallback clipboard %.60q, want the text", got)
	}
	if !strings.Contains(cv.done.Text, "已复制为纯文本") || !strings.Contains(cv.done.Text, "未安装 xclip") || !strings.Contains(cv.done.Text, "导出 网页") {
		t.Errorf("after the text fallback the page says %q", cv.done.Text)
	}
}
