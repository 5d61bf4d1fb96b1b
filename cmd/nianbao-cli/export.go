package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/nianbao/nianbao/assets"
	"github.com/nianbao/nianbao/export/pdf"
	"github.com/nianbao/nianbao/export/xlsx"
	"github.com/nianbao/nianbao/form"
)

func init() {
	register(&command{name: "export", usage: "FILE [--xlsx OUT.xlsx] [--pdf OUT.pdf] [--force] [--center-page-numbers] [--bundled-fonts] [--font-ROLE FONT.ttf]",
		summary: "导出 Excel 统计表或 PDF 报告 export a report", run: runExport})
}

// fontFlags are the PDF font options, one per role of the GB/T 9704 layout.
var fontFlags = []struct {
	role assets.Role
	flag string
	help string
}{
	{assets.Title, "font-title", "PDF 标题字体 title font (.ttf)"},
	{assets.Body, "font-body", "PDF 正文字体 body font (.ttf)"},
	{assets.Heading, "font-heading", "PDF 一级标题字体 heading font (.ttf)"},
	{assets.Kai, "font-kai", "PDF 二级标题字体 level-2 heading font (.ttf)"},
}

func runExport(args []string, stdout, stderr io.Writer) int {
	c := commands["export"]
	fs := newFlags(c, stdout, stderr, `导出报告：--xlsx 导出报送上级用的 Excel 工作簿（统计表、正文，可被年报助手重新读入）；
--pdf 导出向社会公开用的 PDF。两者至少指定一个。
报告有错误时仍会写出文件，但会提示错误数量，并以退出码 1 结束（可在脚本中发现）；加 --force 则退出码为 0。
PDF 按 GB/T 9704-2012 版式：A4，标题二号小标宋、正文三号仿宋、一级标题黑体、二级标题楷体，每页 22 行、每行 28 字。
默认优先使用系统字体（Windows 的 simfang.ttf、simhei.ttf、simkai.ttf、方正小标宋），否则使用内置字体。只支持 .ttf 字体文件。`)
	xlsxOut := fs.String("xlsx", "", "Excel 输出文件 output workbook (.xlsx)")
	pdfOut := fs.String("pdf", "", "PDF 输出文件 output PDF")
	force := fs.Bool("force", false, "报告有错误时仍以退出码 0 结束 exit 0 even if the report has errors")
	center := fs.Bool("center-page-numbers", false, "PDF 页码居中 centre page numbers")
	bundled := fs.Bool("bundled-fonts", false, "PDF 只用内置字体，不用系统字体 ignore system fonts")
	fonts := make([]*string, len(fontFlags))
	for i, f := range fontFlags {
		fonts[i] = fs.String(f.flag, "", f.help)
	}
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 || (*xlsxOut == "" && *pdfOut == "") {
		fmt.Fprintln(stderr, "用法：nianbao-cli export "+c.usage)
		return exitFile
	}
	opt := pdf.Options{CenterPageNumbers: *center, BundledFontsOnly: *bundled, FontOverrides: map[assets.Role]string{}}
	for i, f := range fontFlags {
		if *fonts[i] != "" {
			opt.FontOverrides[f.role] = *fonts[i]
		}
	}
	if *pdfOut == "" && (*center || *bundled || len(opt.FontOverrides) > 0) {
		fmt.Fprintln(stderr, "页码和字体选项只用于 PDF，请同时指定 --pdf OUT.pdf")
		return exitFile
	}
	r := openNoted(pos[0], stderr)
	if r == nil {
		return exitFile
	}
	errs := form.Errors(form.Check(r, nil))
	if errs > 0 {
		fmt.Fprintf(stderr, "注意：报告还有 %d 处错误（运行 nianbao-cli check 查看）\n", errs)
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
		var buf bytes.Buffer
		st, err := pdf.WriteStats(&buf, r, opt)
		if err != nil {
			fmt.Fprintln(stderr, "导出 PDF 失败：", err)
			return exitFile
		}
		if err := form.WriteFileAtomic(*pdfOut, buf.Bytes()); err != nil {
			fmt.Fprintln(stderr, "写入 PDF 失败：", err)
			return exitFile
		}
		if st.Replaced > 0 {
			fmt.Fprintf(stderr, "注意：有 %d 个字符字体中没有，已显示为“□”：%s（可用 --font-ROLE 指定字体）\n", st.Replaced, strings.TrimSpace(string(st.ReplacedRunes)))
		}
		fmt.Fprintf(stdout, "已导出 PDF：%s\n", *pdfOut)
	}
	if errs > 0 && !*force {
		return exitProblems
	}
	return exitOK
}
