package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/nianbao/nianbao/export/pdf"
	"github.com/nianbao/nianbao/export/xlsx"
	"github.com/nianbao/nianbao/form"
)

func init() {
	register(&command{name: "export", usage: "FILE --xlsx OUT.xlsx [--pdf OUT.pdf]",
		summary: "导出 Excel 统计表或 PDF 报告 export a report", run: runExport})
}

func runExport(args []string, stdout, stderr io.Writer) int {
	c := commands["export"]
	fs := newFlags(c, stdout, stderr, `导出报告：--xlsx 导出报送上级用的 Excel 工作簿（统计表、正文，可被年报助手重新读入）；
--pdf 导出向社会公开用的 PDF（字体等选项见 nianbao-cli pdf）。两者至少指定一个；报告有错误时仍会导出，但会提示错误数量。`)
	xlsxOut := fs.String("xlsx", "", "Excel 输出文件 output workbook (.xlsx)")
	pdfOut := fs.String("pdf", "", "PDF 输出文件 output PDF")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 || (*xlsxOut == "" && *pdfOut == "") {
		fmt.Fprintln(stderr, "用法：nianbao-cli export FILE --xlsx OUT.xlsx [--pdf OUT.pdf]")
		return exitFile
	}
	r, warnings, err := openReport(pos[0])
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFile
	}
	for _, w := range warnings {
		fmt.Fprintln(stderr, "注意：", w)
	}
	if n := form.Errors(form.Check(r, nil)); n > 0 {
		fmt.Fprintf(stderr, "注意：报告有 %d 处错误（运行 nianbao-cli check 查看），仍照原样导出。\n", n)
	}
	if *xlsxOut != "" {
		var buf bytes.Buffer
		if err := xlsx.Write(&buf, r); err != nil {
			fmt.Fprintln(stderr, err)
			return exitFile
		}
		if err := form.WriteFileAtomic(*xlsxOut, buf.Bytes()); err != nil {
			fmt.Fprintln(stderr, err)
			return exitFile
		}
		fmt.Fprintf(stdout, "已导出 Excel：%s\n", *xlsxOut)
	}
	if *pdfOut != "" {
		if code := exportPDF(r, *pdfOut, stdout, stderr); code != exitOK {
			return code
		}
	}
	return exitOK
}

// exportPDF writes the public PDF of r to path with the default fonts (the pdf command
// offers the font options).
func exportPDF(r *form.Report, path string, stdout, stderr io.Writer) int {
	var buf bytes.Buffer
	st, err := pdf.WriteStats(&buf, r, pdf.Options{})
	if err != nil {
		fmt.Fprintln(stderr, "导出 PDF 失败：", err)
		return exitFile
	}
	if err := form.WriteFileAtomic(path, buf.Bytes()); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFile
	}
	if st.Replaced > 0 {
		fmt.Fprintf(stderr, "注意：有 %d 个字符字体中没有，已显示为“□”（字体等选项见 nianbao-cli pdf --help）\n", st.Replaced)
	}
	fmt.Fprintf(stdout, "已导出 PDF：%s\n", path)
	return exitOK
}
