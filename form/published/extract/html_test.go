package extract

import (
	"bytes"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func mustHTML(t *testing.T, page string) string {
	t.Helper()
	text, err := HTML(strings.NewReader(page))
	if err != nil {
		t.Fatalf("HTML: %v", err)
	}
	return text
}

// TestHTMLTables: rows and cells as a browser's copy gives them, in the contract's form.
func TestHTMLTables(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"spans",
			`<table><tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>5</td></tr>
			<tr><td>（二）部分公开</td><td></td><td>1</td></tr></table><p>后文</p>`,
			"三、本年度办理结果|（一）予以公开|5\n（二）部分公开||1\n\n后文\n"},
		{"breaks and nbsp in cells",
			`<table><tr><td><p>（二）部分公开（区分处理的，只计这一情</p><p>形，不计其他情形）</p></td><td>&nbsp;1&nbsp;</td></tr>
			<tr><td>法人或其他组织<br/>商业企业</td><td>0 <br> 2</td></tr></table>`,
			"（二）部分公开（区分处理的，只计这一情形，不计其他情形）|1\n法人或其他组织商业企业|0 2\n\n"},
		{"pipe in a cell", `<table><tr><td>a|b</td><td>1</td></tr></table>`, "a｜b|1\n\n"},
		{"empty rows left out", `<table><tr><td> </td><td></td></tr><tr><td>x</td><td></td></tr></table>`, "x|\n\n"},
		{"thead tbody tfoot th", `<table><thead><tr><th>信息内容</th><th>本年处理决定数量</th></tr></thead><tbody><tr><td>行政许可</td><td>3</td></tr></tbody></table>`,
			"信息内容|本年处理决定数量\n行政许可|3\n\n"},
		{"layout table is blocks",
			`<table><tr><td><p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr></table><p>二、主动公开</p></td></tr></table>`,
			"一、总体情况\n规章|0\n\n二、主动公开\n"},
		{"paragraphs, breaks, inline",
			`<div><p>（一）<b>主动</b>公开情况。<span>全年</span>公开
			38条。</p>第二行<br>第三行<h3>二、主动公开政府信息情况</h3></div>`,
			"（一）主动公开情况。全年公开 38条。\n第二行\n第三行\n二、主动公开政府信息情况\n"},
		{"hidden and scripts skipped",
			`<p>正文</p><script>var a="不是正文";</script><style>p{}</style><div style="display: none">隐藏</div><p hidden>也隐藏</p><noscript>无脚本</noscript><p>续</p>`,
			"正文\n续\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mustHTML(t, "<html><body>"+tc.body+"</body></html>")
			if got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

// TestHTMLArticle: the article is found inside the site's chrome (menus, link lists, a
// footer with text), and the title, outside it, is put first.
func TestHTMLArticle(t *testing.T) {
	var nav, links strings.Builder
	for i := 0; i < 200; i++ {
		nav.WriteString(`<li><a href="#">政务公开栏目` + strings.Repeat("名", i%7) + `</a></li>`)
		links.WriteString(`<p><a href="#">相关文章：某某局关于印发某某办法的通知</a></p>`)
	}
	page := `<html><head><title>某某局2024年政府信息公开工作年度报告_年报_某某网</title></head><body>
	<div class="header"><ul>` + nav.String() + `</ul><div>当前位置：首页 &gt; 政务公开</div></div>
	<div class="main"><div class="article_title">某某局2024年政府信息公开工作年度报告</div>
	<div class="info">来源：某某局 时间：2025-01-20</div>
	<div class="content"><p>` + strings.Repeat("本报告根据条例编制。", 40) + `</p><p>一、总体情况</p>
	<table><tr><td>规章</td><td>0</td></tr></table><p>` + strings.Repeat("全年主动公开信息。", 40) + `</p></div>
	<div class="related">` + links.String() + `</div></div>
	<div class="footer"><p>主办单位：某某市人民政府办公室 地址：某某路1号 电话：0000-0000000</p><p>网站标识码 0000000000</p></div>
	</body></html>`
	got := mustHTML(t, page)
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if lines[0] != "某某局2024年政府信息公开工作年度报告" {
		t.Errorf("first line %q, want the title", lines[0])
	}
	for _, chrome := range []string{"政务公开栏目", "当前位置", "相关文章", "主办单位", "网站标识码"} {
		if strings.Contains(got, chrome) {
			t.Errorf("chrome %q in the article:\n%s", chrome, got)
		}
	}
	for _, want := range []string{"一、总体情况\n规章|0\n\n", "全年主动公开信息。"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

// TestHTMLLayoutTable: an older site lays the page out in a table; the article is the cell
// holding most of the text, and its data table is read as a table.
func TestHTMLLayoutTable(t *testing.T) {
	var menu strings.Builder
	for i := 0; i < 60; i++ {
		menu.WriteString(`<tr><td><a href="#">栏目` + strings.Repeat("甲", i%5) + `</a></td></tr>`)
	}
	page := `<html><body><table width="1000"><tr><td colspan="2"><img src="banner.jpg">某某县人民政府门户网站</td></tr>
	<tr><td width="200"><table>` + menu.String() + `</table></td>
	<td width="800"><h1>某某县某某局2023年政府信息公开工作年度报告</h1><p>` + strings.Repeat("依据条例编制本报告。", 30) + `</p>
	<p>二、主动公开政府信息情况</p><table border="1"><tr><td>规章</td><td>0</td><td>0</td><td>2</td></tr></table>
	<p>` + strings.Repeat("全年依法答复申请。", 30) + `</p></td></tr>
	<tr><td colspan="2">版权所有：某某县人民政府 备案号：某ICP备00000000号</td></tr></table></body></html>`
	got := mustHTML(t, page)
	want := "某某县某某局2023年政府信息公开工作年度报告\n" + strings.Repeat("依据条例编制本报告。", 30) + "\n二、主动公开政府信息情况\n规章|0|0|2\n\n" + strings.Repeat("全年依法答复申请。", 30) + "\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestHTMLCharset: declared GBK/GB2312/GB18030 (meta charset or http-equiv), undeclared GBK,
// byte order marks.
func TestHTMLCharset(t *testing.T) {
	body := "<p>平潭综合实验区行政审批局2023年政府信息公开工作年度报告</p><p>一、总体情况 ·—“”</p>"
	want := "平潭综合实验区行政审批局2023年政府信息公开工作年度报告\n一、总体情况 ·—“”\n"
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("<html><body>" + body))
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"utf-8", []byte(`<html><head><meta charset="utf-8"></head><body>` + body)},
		{"meta charset gb2312", gbk(`<html><head><meta charset="gb2312"></head><body>` + body)},
		{"http-equiv gbk", gbk(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=GBK"></head><body>` + body)},
		{"gb18030 after a long script", gbk(`<html><head><script>` + strings.Repeat("var x=1;", 300) + `</script><meta charset=GB18030></head><body>` + body)},
		{"undeclared gbk", gbk(`<html><body>` + body)},
		{"saved as utf-8, gb2312 still declared", []byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>` + body)},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, `<html><body>`+body...)},
		{"utf-16 bom", utf16},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := HTML(bytes.NewReader(tc.data))
			if err != nil || got != want {
				t.Errorf("HTML = %q, %v; want %q", got, err, want)
			}
		})
	}
}

// TestHTMLCorpus: the text read from the real saved pages 01 and 02 is, cell for cell, what
// a browser's copy of the same pages gives (corpus 09: innerText; 08: a selection), except
// that a cell's line breaks are joined (the browser gives "结果" and "纠正" where the cell
// reads 结果纠正).
func TestHTMLCorpus(t *testing.T) {
	for _, tc := range []struct{ page, copy string }{
		{corpus + "01_pingtan_shenpiju_2023.html", corpus + "09_pingtan_shenpiju_2023_webcopy_tabs.txt"},
		{corpus + "02_pingtan_ziranziyuanju_2024.html", corpus + "08_pingtan_ziranziyuanju_2024_webcopy.txt"},
	} {
		t.Run(tc.page, func(t *testing.T) {
			f, err := os.Open(tc.page)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			text, err := HTML(f)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(tc.copy)
			if err != nil {
				t.Fatal(err)
			}
			if err := sameCells(pieces(text), pieces(string(want))); err != nil {
				t.Error(err)
			}
			if !strings.Contains(text, "\n一、本年新收政府信息公开申请数量|7|0|0|0|0|0|7\n") && tc.page == corpus+"01_pingtan_shenpiju_2023.html" {
				t.Errorf("row 一 not one line of cells:\n%s", text)
			}
		})
	}
}

var splitRe = regexp.MustCompile(`[\n\t|]`)

// pieces splits text into its cells and paragraphs, spaces collapsed, empty ones dropped.
func pieces(s string) []string {
	var out []string
	for _, p := range splitRe.Split(s, -1) {
		if p = collapse(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// sameCells checks that got and want hold the same pieces in the same order, where one piece
// of got may be several consecutive pieces of want joined.
func sameCells(got, want []string) error {
	j := 0
	for i, g := range got {
		if j >= len(want) {
			return errors.New("extra text: " + strings.Join(got[i:], " / "))
		}
		acc := ""
		k := j
		for k < len(want) && len(acc) < len(g) {
			acc = joinParts([]string{acc, want[k]})
			k++
			if acc == g {
				break
			}
		}
		if acc != g {
			return errors.New("piece " + g + " ≠ the browser's " + strings.Join(want[j:min(j+4, len(want))], " / "))
		}
		j = k
	}
	if j < len(want) {
		return errors.New("text missing: " + strings.Join(want[j:], " / "))
	}
	return nil
}

// TestHTMLHostile: a page nested 1,000 tables deep, a page too large, a page of too many
// elements are refused at once with a Chinese message; a page just under the element limit
// and a page of 30 MB (an inlined image) are read within bounded time and memory.
func TestHTMLHostile(t *testing.T) {
	rep := "<p>全年主动公开<b>政府</b>信息386条。</p><table><tr><td>规章</td><td>0</td></tr></table>" // 6 elements
	image := "<p>一、总体情况</p><img src=\"data:image/png;base64," + strings.Repeat("QUJD", 30<<20/4) + "\"><p>二、主动公开政府信息情况</p>"
	for _, tc := range []struct {
		name string
		page string
		msg  string // "" when the page is read
	}{
		{"1000 tables deep", "<html><body>" + strings.Repeat("<table><tr><td>x", 1000) + strings.Repeat("</td></tr></table>", 1000), "嵌套层次过深"},
		{"too large", strings.Repeat("x", MaxHTML+1), "网页文件过大"},
		{"too many elements", strings.Repeat(rep, MaxHTMLElements/6+10), "网页过于复杂"},
		{"just under the element limit", strings.Repeat(rep, MaxHTMLElements/6-10), ""},
		{"30 MB inlined image", image, ""},
		{"100,000 cells", "<table>" + strings.Repeat("<tr>"+strings.Repeat("<td>1</td>", 10)+"</tr>", 10000) + "</table>", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			var text string
			d, peak := measure(func() { text, err = HTML(strings.NewReader(tc.page)) })
			t.Logf("%v, peak heap %d MB", d, peak>>20)
			if tc.msg == "" && (err != nil || text == "") {
				t.Errorf("HTML = %d bytes, %v; want the page read", len(text), err)
			}
			if tc.msg != "" && (!errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), tc.msg)) {
				t.Errorf("HTML = %v; want ErrLimit with %q", err, tc.msg)
			}
			if d > limitTime || peak > limitHeap {
				t.Errorf("took %v and %d MB; want ≤ %v and ≤ %d MB", d, peak>>20, limitTime, limitHeap>>20)
			}
		})
	}
}

// TestDropDataURIs: the payload of a data: URI in an attribute or a CSS url() is dropped;
// text that merely contains "data:" is kept.
func TestDropDataURIs(t *testing.T) {
	for in, want := range map[string]string{
		`<img src="data:image/png;base64,QUJD">x`:                  `<img src="data:">x`,
		`<img src='DATA:image/png;base64,QUJD' alt=a>`:             `<img src='DATA:' alt=a>`,
		`<a href=data:text/plain,abc>链接</a>`:                       `<a href=data:>链接</a>`,
		`<div style="background:url(data:image/gif;base64,R0lG)">`: `<div style="background:url(data:)">`,
		`<style>p{background:url( "data:x;base64,AAAA" )}</style>`: `<style>p{background:url( "data:" )}</style>`,
		`<p>metadata: 说明 data: 数据</p>`:                             `<p>metadata: 说明 data: 数据</p>`,
		`data:`:                                                    `data:`,
	} {
		if got := string(dropDataURIs([]byte(in))); got != want {
			t.Errorf("dropDataURIs(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestHTMLDataURIMemory: a saved page of 28 MB, nearly all an image inlined as a data: URI,
// is read in bounded memory (its payload is not copied into the decoded page or the tree).
func TestHTMLDataURIMemory(t *testing.T) {
	page := []byte("<html><head><meta charset=\"utf-8\"></head><body><p>一、总体情况</p><img src=\"data:image/png;base64," +
		strings.Repeat("QUJD", 7<<20) + "\"><a href=\"data:text/html," + strings.Repeat("x", 1<<10) + "\">二、主动公开</a></body></html>")
	var text string
	var err error
	d, peak := measure(func() { text, err = HTML(bytes.NewReader(page)) })
	t.Logf("%d MB page: %v, peak heap %d MB", len(page)>>20, d, peak>>20)
	if err != nil || text != "一、总体情况\n二、主动公开\n" {
		t.Errorf("HTML = %q, %v", text, err)
	}
	if peak > 64<<20 {
		t.Errorf("peak heap %d MB for a %d MB page; want ≤ 64 MB", peak>>20, len(page)>>20)
	}
}
