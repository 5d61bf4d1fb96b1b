package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/assets"
	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/export/pdf"
	"github.com/nianbao/nianbao/form"
)

func init() {
	register(&command{name: "export", usage: "FILE [--xlsx OUT.xlsx] [--pdf OUT.pdf] [--docx OUT.docx] [--html OUT.html] [-y] [--force] [--center-page-numbers] [--bundled-fonts] [--font-ROLE FONT.ttf]",
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
每个文件先完整生成再替换目标文件，导出失败时不会留下不完整的文件。输出文件已存在时不导出，加 -y 覆盖。
导出前按发布要求检查（与 nianbao-cli check --final 和桌面程序的导出相同）：空白的单元格、空白的第一、五、六部分
和基本信息都是错误。有错误时不导出，逐条列出错误及规则编号，以退出码 1 结束；加 --force 仍然导出（说明错误
和未填写的数量），退出码为 0。
Excel 工作簿如因正文过长而无法被年报助手重新读入或汇总，默认不写出并说明原因；加 --force 仍然写出。
导出 PDF 后输出 PDF 使用的字体（每种用途一行说明），与桌面程序相同。
PDF 按 GB/T 9704-2012 版式：A4，标题二号小标宋、正文三号仿宋、一级标题黑体、二级标题楷体，每页 22 行、每行 28 字。
默认优先使用系统字体（Windows 的 simfang.ttf、simhei.ttf、simkai.ttf、方正小标宋），否则使用内置字体。只支持 .ttf 字体文件。`)
	outs := make([]*string, len(exportFlags))
	for i, f := range exportFlags {
		outs[i] = fs.String(f.id, "", f.help)
	}
	force := fs.Bool("force", false, "报告按发布要求检查有错误时仍然导出（退出码 0），写出无法重新读入的工作簿，覆盖已存在的文件 export even if the report has errors")
	yes := fs.Bool("y", false, "覆盖已存在的输出文件 overwrite existing output files")
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
	for i, f := range exportFlags {
		if *outs[i] == "" {
			continue
		}
		if msg := outputProblem(open.ByID(f.id), *outs[i], *force || *yes); msg != "" {
			fmt.Fprintln(stderr, msg)
			return exitFile
		}
	}
	r := openNoted(pos[0], stderr)
	if r == nil {
		return exitFile
	}
	// The check before publication, as the desktop app's 导出: every blank is an error, and
	// last year's report the draft links to is compared with.
	ps := form.CheckFinal(r, linkedLastYear(r, pos[0], stderr))
	n := form.Totals(ps)
	if n.Errors > 0 {
		printErrors(stderr, ps)
		msg := fmt.Sprintf("按发布要求检查，报告还有 %d 个错误", n.Errors)
		if n.Blanks > 0 {
			msg += fmt.Sprintf("，其中 %d 处未填写（空白的单元格、部分或基本信息；没有发生的请填 0）", n.Blanks)
		}
		if !*force {
			fmt.Fprintln(stderr, msg+"。未导出：请改正后再导出，或加 --force 仍然导出。")
			return exitProblems
		}
		fmt.Fprintln(stderr, "注意："+msg+"；按 --force 仍然导出。")
	}
	failed := false
	for i, f := range exportFlags {
		path := *outs[i]
		if path == "" {
			continue
		}
		format := open.ByID(f.id)
		exp, err := open.ExportFile(context.Background(), format, path, r, opt)
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
		fmt.Fprintf(stdout, "已导出 %s：%s\n", format.Short, path)
		if len(exp.Fonts) > 0 {
			// Which font each role used, as the desktop app's check page shows it.
			fmt.Fprintln(stdout, open.FontNote)
			for _, f := range exp.Fonts {
				fmt.Fprintln(stdout, "  "+f.String())
			}
		}
		for _, n := range exp.OtherNotes() {
			fmt.Fprintln(stderr, "注意："+n)
		}
	}
	if failed {
		return exitFile
	}
	return exitOK
}

// printErrors lists the errors of a check, one line each with its rule id ("[错误 B1] …"),
// the cells of a blank item on the next line.
func printErrors(w io.Writer, ps []form.Problem) {
	for _, p := range ps {
		if p.Severity != form.Error {
			continue
		}
		fmt.Fprintf(w, "[%s %s] %s\n", p.Severity, p.Rule, p.Message)
		if p.Blank && len(p.Cells) > 1 {
			cells := strings.Join(p.Cells, " ")
			if len(p.Cells) > listedBlanks {
				cells = strings.Join(p.Cells[:listedBlanks], " ") + fmt.Sprintf(" …（共 %d 格，nianbao-cli check --final 列出全部）", len(p.Cells))
			}
			fmt.Fprintln(w, "    未填单元格："+cells)
		}
	}
}

// outputProblem says why path must not be written as format f, or "": an existing file
// (unless overwrite), or a name whose extension is another format's — an old .doc for a
// Word file above all, which Word would not open.
func outputProblem(f *open.Format, path string, overwrite bool) string {
	ext := strings.ToLower(filepath.Ext(path))
	if other := open.ForExt(ext); other != nil && ext != f.Ext {
		stem := strings.TrimSuffix(path, filepath.Ext(path))
		if other == f { // .doc, .htm
			if ext == ".doc" {
				return fmt.Sprintf("未导出：「%s」是旧版 Word（.doc）的文件名，而导出的 Word 文件是 .docx 格式，用 .doc 命名会打不开；请改用「%s」", filepath.Base(path), filepath.Base(stem+f.Ext))
			}
		} else {
			return fmt.Sprintf("未导出：「%s」是%s（%s）的文件名，而 --%s 导出的是%s；请改用「%s」", filepath.Base(path), other.Name, ext, f.ID, f.Name, filepath.Base(stem+f.Ext))
		}
	}
	if st, err := os.Lstat(path); err == nil && !overwrite {
		if st.IsDir() {
			return fmt.Sprintf("未导出：「%s」是一个文件夹，请指定文件名", path)
		}
		return fmt.Sprintf("未导出：文件「%s」已存在；如要覆盖请加 -y", path)
	}
	return ""
}
