// Package xlsxtest generates hostile workbooks and archives for tests: sparse-row column
// bombs, zip bombs, archives of many parts. They are built in memory by the tests that use
// them, so that none is committed.
package xlsxtest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strings"
)

// MetaSheet is the name of the hidden sheet of the workbooks package xlsx writes.
const MetaSheet = "_nianbao"

// Sheet is one worksheet: its name and the content of its <sheetData> element.
type Sheet struct {
	Name, Rows string
}

// Workbook is a minimal valid .xlsx holding the sheets, in order.
func Workbook(sheets ...Sheet) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name, content string) {
		w, _ := zw.Create(name)
		io.WriteString(w, content)
	}
	var ct, wb, rels strings.Builder
	for i, s := range sheets {
		n := i + 1
		fmt.Fprintf(&ct, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, n)
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, s.Name, n, n)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, n, n)
		put(fmt.Sprintf("xl/worksheets/sheet%d.xml", n), `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+s.Rows+`</sheetData></worksheet>`)
	}
	put("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+ct.String()+`</Types>`)
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	put("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`+wb.String()+`</sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels.String()+`</Relationships>`)
	zw.Close()
	return buf.Bytes()
}

// SparseRows is n rows whose cells sit in column A and in column XFD, the last: with a
// value (a string), or empty (a cell a whole-sheet parse still expands). One such row costs
// 60 bytes and made excelize build 16,384 cells (issue 14: a 28 KB workbook took 956 MB).
func SparseRows(n int, value bool) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		far := fmt.Sprintf(`<c r="XFD%d"/>`, i)
		if value {
			far = fmt.Sprintf(`<c r="XFD%d" t="inlineStr"><is><t>x</t></is></c>`, i)
		}
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>draft</t></is></c>%s</row>`, i, i, far)
	}
	return b.String()
}

// ColumnBombs are the sparse-row bombs by name: in the metadata sheet and in a sheet searched
// for the tables, with and without values.
func ColumnBombs() map[string][]byte {
	return map[string][]byte{
		"meta sheet, 1,000 rows":         Workbook(Sheet{MetaSheet, SparseRows(1000, true)}),
		"meta sheet, 20,000 rows":        Workbook(Sheet{MetaSheet, SparseRows(20000, true)}),
		"meta sheet and empty far cells": Workbook(Sheet{"Sheet1", SparseRows(999, false)}, Sheet{MetaSheet, SparseRows(999, false)}),
		"table sheet, empty far cells":   Workbook(Sheet{"Sheet1", SparseRows(999, false)}),
		"table sheet, far values":        Workbook(Sheet{"Sheet1", SparseRows(999, true)}),
	}
}

// ZeroBomb is an archive whose part inflates to size zero bytes from about size/1000
// compressed bytes (one compressed block of 1 MB of zeros, repeated), its size declared
// honestly or (lie) as 1,000 bytes.
func ZeroBomb(part string, size int64, lie bool) []byte {
	var blk bytes.Buffer
	fw, _ := flate.NewWriter(&blk, flate.BestCompression)
	fw.Write(make([]byte, 1<<20))
	fw.Flush() // ends the block on a byte boundary: copies of it form a valid stream
	block := bytes.Clone(blk.Bytes())
	blk.Reset()
	fw.Reset(&blk)
	fw.Close() // an empty final block
	var comp bytes.Buffer
	for n := int64(0); n < size; n += 1 << 20 {
		comp.Write(block)
	}
	comp.Write(blk.Bytes())
	declared := uint64(size)
	if lie {
		declared = 1000
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: part, Method: zip.Deflate, CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared})
	w.Write(comp.Bytes())
	for _, p := range []string{"[Content_Types].xml", "_rels/.rels"} {
		w, _ := zw.Create(p)
		io.WriteString(w, "<x/>")
	}
	zw.Close()
	return buf.Bytes()
}

// ManyParts is an archive of n tiny parts.
func ManyParts(n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range n {
		w, _ := zw.Create(fmt.Sprintf("xl/media/p%d.xml", i))
		io.WriteString(w, "<x/>")
	}
	zw.Close()
	return buf.Bytes()
}

// LongText is about n bytes of narrative in sentences that differ (so that a workbook's
// shared strings cannot fold them into one): a ~2 MB one makes a workbook the reader refuses
// (「工作表过大」).
func LongText(n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "第%d项：本年度政府信息公开工作仍存在一些不足。", i)
	}
	return b.String()
}
