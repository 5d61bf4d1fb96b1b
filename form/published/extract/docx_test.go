package extract

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"os"
	"strconv"
	"strings"
	"testing"
)

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// makeDOCX zips parts into a .docx; "word/document.xml" is given its body only.
func makeDOCX(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range parts {
		if name == "word/document.xml" {
			content = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wNS + `><w:body>` + content + `</w:body></w:document>`
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func p(runs ...string) string { return "<w:p>" + strings.Join(runs, "") + "</w:p>" }
func r(text string) string    { return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>` }
func tc(props, body string) string {
	return "<w:tc><w:tcPr>" + props + "</w:tcPr>" + body + "</w:tc>"
}

func readDOCX(t *testing.T, data []byte) string {
	t.Helper()
	text, err := DOCX(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("DOCX: %v", err)
	}
	return text
}

func TestDOCXBody(t *testing.T) {
	numbering := `<w:numbering ` + wNS + `>
	<w:abstractNum w:abstractNumId="0">
	  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
	  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
	  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
	</w:abstractNum>
	<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
	<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
	<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
	<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
	</w:numbering>`
	styles := `<w:styles ` + wNS + `><w:style w:type="paragraph" w:styleId="H1"><w:pPr><w:numPr><w:numId w:val="1"/><w:ilvl w:val="0"/></w:numPr></w:pPr></w:style>
	<w:style w:type="paragraph" w:styleId="H1b"><w:basedOn w:val="H1"/></w:style></w:styles>`
	num := func(id, lvl string) string {
		return `<w:pPr><w:numPr><w:ilvl w:val="` + lvl + `"/><w:numId w:val="` + id + `"/></w:numPr><w:rPr><w:vanish/></w:rPr></w:pPr>`
	}
	body := p(r("平潭综合实验区某局"), r("2024年政府信息公开工作年度报告")) +
		p(`<w:pPr><w:pStyle w:val="H1"/></w:pPr>`, r("总体情况")) +
		p(num("1", "1"), r("主动公开情况")) +
		p(num("1", "2"), r("第一点"), `<w:r><w:tab/></w:r>`, r("续")) +
		p(num("1", "2"), r("第二点")) +
		p(num("1", "1"), r("依申请公开情况")) +
		p(num("1", "2"), r("重新编号")) +
		p(`<w:pPr><w:pStyle w:val="H1b"/></w:pPr>`, r("主动公开政府信息情况")) +
		p(num("2", "0"), r("要点")) +
		p(num("3", "0"), r("覆盖起始值")) +
		p(r("可见"), `<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>`, `<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>`, `<w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom>`,
			`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`, r("域结果"), `<w:r><w:fldChar w:fldCharType="end"/></w:r>`) +
		p(r("第一行"), `<w:r><w:br/></w:r>`, r("第二行")) +
		p(`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>`+p(r("文本框"))+`</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>`+p(r("文本框"))+`</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>`) +
		`<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>` + p(r("内容控件")) + `</w:sdtContent></w:sdt>`
	got := readDOCX(t, makeDOCX(t, map[string]string{"word/document.xml": body, "word/numbering.xml": numbering, "word/styles.xml": styles}))
	want := strings.Join([]string{
		"平潭综合实验区某局2024年政府信息公开工作年度报告",
		"一、总体情况",
		"（一）主动公开情况",
		"1.第一点 续",
		"2.第二点",
		"（二）依申请公开情况",
		"1.重新编号",
		"二、主动公开政府信息情况",
		"要点",
		"五、覆盖起始值",
		"可见域结果",
		"第一行",
		"第二行",
		"文本框",
		"内容控件",
	}, "\n") + "\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestDOCXTables(t *testing.T) {
	span := `<w:gridSpan w:val="2"/>`
	restart, cont := `<w:vMerge w:val="restart"/>`, `<w:vMerge/>`
	tbl := `<w:tbl><w:tblPr><w:tblW w:w="0"/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
		`<w:tr>` + tc(span, p(r("申请人情况"))) + tc("", p(r("总计"))) + `</w:tr>` +
		`<w:tr>` + tc(restart, p(r("三、本年度办理结果"))) + tc("", p(r("（一）予以公开"))) + tc("", p(r("5"))) + `</w:tr>` +
		`<w:tr>` + tc(cont, p()) + tc("", p(r("（二）部分公开（区分处理的，只计这一情"))+p(r("形，不计其他情形）"))) + tc("", p(r(" 1 "))) + `</w:tr>` +
		`<w:tr>` + tc("", p(r("a|b"))) + tc("", `<w:tbl><w:tr>`+tc("", p(r("内")))+tc("", p(r("表")))+`</w:tr></w:tbl>`+p()) + tc("", p()) + `</w:tr>` +
		`<w:tr>` + tc("", p()) + tc("", p()) + tc("", p()) + `</w:tr>` +
		`</w:tbl>`
	got := readDOCX(t, makeDOCX(t, map[string]string{"word/document.xml": p(r("表前")) + tbl + p(r("表后"))}))
	want := "表前\n申请人情况|总计\n三、本年度办理结果|（一）予以公开|5\n（二）部分公开（区分处理的，只计这一情形，不计其他情形）|1\na｜b|内 表|\n\n表后\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// TestDOCXStrict: a Strict OOXML file (other namespace) and a main part found through the
// package relationships.
func TestDOCXStrict(t *testing.T) {
	doc := `<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body><w:p><w:r><w:t>严格格式</w:t></w:r></w:p></w:body></w:document>`
	rels := `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="word/main.xml"/></Relationships>`
	got := readDOCX(t, makeDOCX(t, map[string]string{"word/main.xml": doc, "_rels/.rels": rels}))
	if got != "严格格式\n" {
		t.Errorf("got %q", got)
	}
}

// TestDOCXCorpus: the LibreOffice .docx of corpus D3 reads, cell for cell, as the saved page
// it was made from (02).
func TestDOCXCorpus(t *testing.T) {
	data, err := os.ReadFile(corpus + "D3_pingtan_ziranziyuanju_2024_DERIVED_libreoffice.docx")
	if err != nil {
		t.Fatal(err)
	}
	got := readDOCX(t, data)
	f, err := os.Open(corpus + "02_pingtan_ziranziyuanju_2024.html")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	page, err := HTML(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := sameCells(pieces(got), pieces(page)); err != nil {
		t.Error(err)
	}
	for _, row := range []string{"一、本年新收政府信息公开申请数量|69|0|0|0|0|0|69", "（七）总计|69|0|0|0|0|0|69", "1|0|0|1|2|0|0|0|0|0|0|0|0|0|0"} {
		if !strings.Contains(got, "\n"+row+"\n") {
			t.Errorf("row %q not found", row)
		}
	}
}

// TestDOCXRefused: old Word, RTF, encrypted, not a zip, no document part: each a Chinese message.
func TestDOCXRefused(t *testing.T) {
	ole := append(append([]byte{}, oleMagic...), make([]byte, 512)...)
	var enc []byte
	enc = append(enc, ole...)
	for _, c := range "EncryptedPackage" {
		enc = append(enc, byte(c), 0)
	}
	for _, tc := range []struct {
		name string
		data []byte
		err  error
		msg  string
	}{
		{"doc", ole, ErrOldWord, "另存为 .docx"},
		{"encrypted", enc, ErrEncrypted, "密码"},
		{"rtf", []byte(`{\rtf1\ansi 年报}`), ErrOldWord, "RTF"},
		{"text", []byte("一、总体情况"), ErrFormat, "不是 Word"},
		{"broken zip", []byte("PK\x03\x04broken"), ErrFormat, "已损坏"},
		{"no document", makeDOCX(t, map[string]string{"a.txt": "x"}), ErrFormat, "没有正文"},
		{"bad xml", makeDOCX(t, map[string]string{"word/document.xml": "<w:p><w:r><w:t>x</w:r>"}), ErrFormat, "不是有效的 XML"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DOCX(bytes.NewReader(tc.data), int64(len(tc.data)))
			if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("DOCX = %v; want %v with %q", err, tc.err, tc.msg)
			}
		})
	}
}

// rawEntry adds an entry whose header claims size bytes, whatever data holds.
func rawEntry(t testing.TB, zw *zip.Writer, name string, plain []byte, claim uint64) {
	if claim == 0 {
		claim = uint64(len(plain))
	}
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestSpeed)
	fw.Write(plain)
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(plain),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: claim})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
}

// TestDOCXHostile: zip bombs (honest and lying headers), too many entries, XML nested too deep
// or with too many tokens — refused within bounded time and memory, none of them committed
// as a file (each is made here, a few MB at most).
func TestDOCXHostile(t *testing.T) {
	bomb := func(claim uint64) []byte {
		plain := append([]byte(`<w:document `+wNS+`><w:body><w:p><w:r><w:t>`), bytes.Repeat([]byte("年"), (MaxDOCXPart+(8<<20))/3)...)
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		rawEntry(t, zw, "word/document.xml", plain, claim)
		zw.Close()
		return buf.Bytes()
	}
	many := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for i := 0; i < MaxDOCXEntries+1; i++ {
			zw.CreateHeader(&zip.FileHeader{Name: "media/" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "/" + strconv.Itoa(i), Method: zip.Store})
		}
		zw.Close()
		return buf.Bytes()
	}
	deep := makeDOCX(t, map[string]string{"word/document.xml": strings.Repeat("<w:sdt><w:sdtContent>", 200) + strings.Repeat("</w:sdtContent></w:sdt>", 200)})
	tables := makeDOCX(t, map[string]string{"word/document.xml": strings.Repeat("<w:tbl><w:tr><w:tc>", 40) + strings.Repeat("</w:tc></w:tr></w:tbl>", 40)})
	var tokens bytes.Buffer
	zw := zip.NewWriter(&tokens)
	rawEntry(t, zw, "word/document.xml", append([]byte(`<w:document `+wNS+`><w:body>`), bytes.Repeat([]byte("<w:p/>"), MaxXMLTokens/2+10)...), 0)
	zw.Close()
	for _, tc := range []struct {
		name string
		data []byte
		msg  string
	}{
		{"bomb, honest header", bomb(MaxDOCXPart + 8<<20), "正文过大"},
		{"bomb, lying header", bomb(1000), "Word 文件"},
		{"too many entries", many(), "部件过多"},
		{"deep xml", deep, "嵌套层次过深"},
		{"deep tables", tables, "嵌套层次过深"},
		{"too many tokens", tokens.Bytes(), "过于复杂"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.data) > 4<<20 {
				t.Fatalf("hostile file of %d bytes: keep test inputs small", len(tc.data))
			}
			var err error
			d, peak := measure(func() { _, err = DOCX(bytes.NewReader(tc.data), int64(len(tc.data))) })
			var e *Error
			if !errors.As(err, &e) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("DOCX = %v; want a Chinese refusal with %q", err, tc.msg)
			}
			t.Logf("%s: %v, peak heap %d MB", tc.name, d, peak>>20)
			if d > limitTime || peak > limitHeap {
				t.Errorf("took %v and %d MB; want ≤ %v and ≤ %d MB", d, peak>>20, limitTime, limitHeap>>20)
			}
		})
	}
}
