package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/nianbao/nianbao/assets"
	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/export/pdf"
	"github.com/nianbao/nianbao/form"
)

func init() {
	register(&command{name: "export", usage: "FILE [--xlsx OUT.xlsx] [--pdf OUT.pdf] [--docx OUT.docx] [--html OUT.html] [--force] [--center-page-numbers] [--bundled-fonts] [--font-ROLE FONT.ttf]",
		summary: "导出 Excel、PDF、Word 或网页 export a report", run: runExport})
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

// exportFlags are the output options, one per writer of the registry but drafts (saved with
// new, set and import), in the registry's order.
var exportFlags = []struct{ id, help string }{
	{"xlsx", "Excel 输出文件 output workbook (.xlsx)"},
	{"pdf", "PDF 输出文件 output PDF"},
	{"docx", "Word 输出文件 output Word document (.docx)"},
	{"html", "网页输出文件 output web page (.html)"},
}

func runExport(args []string, stdout, stderr io.Writer) int {
	c := commands["export"]
	fs := newFlags(c, stdout, stderr, `导出报告：--xlsx 导出报送上级用的 Excel 工作簿（统计表、正文，可被年报助手重新读入和汇总）；
--pdf 导出向社会公开用的 PDF；--docx 导出送领导审签用的 Word 文档；--html 导出在网站发布用的网页。至少指定一个。
每个文件先完整生成再替换目标文件，导出失败时不会留下不完整的文件。
报告有错误时仍会写出文件，但会提示错误数量，并以退出码 1 结束（可在脚本中发现）；加 --force 则退出码为 0。
Excel 工作簿如因正文过长而无法被年报助手重新读入或汇总，默认不写出并说明原因；加 --force 仍然写出。
PDF 按 GB/T 9704-2012 版式：A4，标题二号小标宋、正文三号仿宋、一级标题黑体、二级标题楷体，每页 22 行、每行 28 字。
默认优先使用系统字体（Windows 的 simfang.ttf、simhei.ttf、simkai.ttf、方正小标宋），否则使用内置字体。只支持 .ttf 字体文件。`)
	outs := make([]*string, len(exportFlags))
	for i, f := range exportFlags {
		outs[i] = fs.String(f.id, "", f.help)
	}
	force := fs.Bool("force", false, "报告有错误时仍以退出码 0 结束，并写出无法重新读入的工作簿 exit 0 even if the report has errors")
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
	given := false
	for _, o := range outs {
		given = given || *o != ""
	}
	if len(pos) != 1 || !given {
		fmt.Fprintln(stderr, "用法：nianbao-cli export "+c.usage)
		return exitFile
	}
	opt := open.Options{AllowUnreadable: *force,
		PDF: pdf.Options{CenterPageNumbers: *center, BundledFontsOnly: *bundled, FontOverrides: map[assets.Role]string{}}}
	for i, f := range fontFlags {
		if *fonts[i] != "" {
			opt.PDF.FontOverrides[f.role] = *fonts[i]
		}
	}
	if *outs[1] == "" && (*center || *bundled || len(opt.PDF.FontOverrides) > 0) {
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
	failed := false
	for i, f := range exportFlags {
		path := *outs[i]
		if path == "" {
			continue
		}
		format := open.ByID(f.id)
		notes, err := open.ExportAs(context.Background(), format, path, r, opt)
		var ue *open.UnreadableError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "%v（加 --force 仍然导出）\n", err)
			failed = true
			continue
		}
		if err != nil {
			fmt.Fprintln(stderr, err)
			failed = true
			continue
		}
		for _, n := range notes {
			fmt.Fprintln(stderr, "注意：", n)
		}
		fmt.Fprintf(stdout, "已导出 %s：%s\n", format.Short, path)
	}
	switch {
	case failed:
		return exitFile
	case errs > 0 && !*force:
		return exitProblems
	}
	return exitOK
}
