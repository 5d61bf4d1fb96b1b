package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/form"
)

func init() {
	register(&command{name: "import", usage: "[-o FILE] [--force] REPORTFILE",
		summary: "导入已发布的报告 import a published report (text, web page, Word, PDF) as a draft", run: runImport})
}

func runImport(args []string, stdout, stderr io.Writer) int {
	c := commands["import"]
	fs := newFlags(c, stdout, stderr, `读取已发布的年度报告：从网页复制的文字（.txt，UTF-8 或 GBK 编码）、保存的网页（.html、.htm）、
Word 文件（.docx）或带文字的 PDF，生成草稿（也可读入 Excel 工作簿 .xlsx）：
识别机关名称、年度、表格格式（2021 或 2019）、正文各部分和表格各单元格。
位置不能确定的数值留空，并逐条说明；各项都已导入而合计空白时，按各项计算合计（与桌面程序相同）；
2019 年以前的旧格式报告只导入正文。
默认输出到与报告文件同名的 `+form.DraftExt+` 文件。`)
	out := fs.String("o", "", "草稿文件路径 output draft file")
	force := fs.Bool("force", false, "覆盖已存在的文件 overwrite an existing file")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "用法：nianbao-cli import [-o FILE] [--force] REPORTFILE")
		return exitFile
	}
	o, err := open.Read(pos[0])
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFile
	}
	if o.Format.ID == "draft" {
		fmt.Fprintf(stderr, "「%s」已是年报助手草稿，无需导入：可直接用 check、set、export 处理它\n", pos[0])
		return exitFile
	}
	path := *out
	if path == "" {
		path = strings.TrimSuffix(pos[0], filepath.Ext(pos[0])) + form.DraftExt
	}
	if _, err := os.Stat(path); err == nil && !*force {
		fmt.Fprintf(stderr, "文件「%s」已存在；如要覆盖请加 --force，或用 -o 指定其他文件\n", path)
		return exitFile
	}
	if err := form.SaveDraft(path, o.Report); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFile
	}
	printImport(stdout, o)
	fmt.Fprintf(stdout, "已保存草稿：%s\n", path)
	return exitOK
}

// printImport says what was imported, as the desktop app's import dialog does: the summary
// (the form read, meta, format and cells, every blank row with its reason, the narrative
// sections; open.Opened.Summary), then every note of the reader and of open.Prepare once, on
// one line each.
func printImport(w io.Writer, o *open.Opened) {
	for _, l := range o.Summary() {
		fmt.Fprintln(w, l)
	}
	for _, n := range o.Notes() {
		fmt.Fprintln(w, "注意："+n)
	}
}
