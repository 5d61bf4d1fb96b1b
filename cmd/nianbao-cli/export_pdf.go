package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/assets"
	"github.com/nianbao/nianbao/export/pdf"
	"github.com/nianbao/nianbao/form"
)

func init() {
	register(&command{name: "pdf", usage: "[-o OUT.pdf] [--center-page-numbers] [--bundled-fonts] [--font-ROLE FONT.ttf] FILE",
		summary: "导出 PDF（GB/T 9704 公文格式）export the report as PDF", run: runPDF})
}

func runPDF(args []string, stdout, stderr io.Writer) int {
	c := commands["pdf"]
	fs := newFlags(c, stdout, stderr, `按 GB/T 9704-2012 版式导出 PDF：A4，标题二号小标宋、正文三号仿宋、一级标题黑体、二级标题楷体，每页 22 行、每行 28 字。
默认优先使用系统字体（Windows 的 simfang.ttf、simhei.ttf、simkai.ttf、方正小标宋），否则使用内置字体。只支持 .ttf 字体文件。`)
	out := fs.String("o", "", "输出 PDF 路径 output file (默认与报告同目录 default: next to FILE)")
	center := fs.Bool("center-page-numbers", false, "页码居中 centre page numbers")
	bundled := fs.Bool("bundled-fonts", false, "只用内置字体，不用系统字体 ignore system fonts")
	roles := []struct {
		role assets.Role
		flag string
		help string
	}{
		{assets.Title, "font-title", "标题字体 title font (.ttf)"},
		{assets.Body, "font-body", "正文字体 body font (.ttf)"},
		{assets.Heading, "font-heading", "一级标题字体 heading font (.ttf)"},
		{assets.Kai, "font-kai", "二级标题字体 level-2 heading font (.ttf)"},
	}
	paths := make([]*string, len(roles))
	for i, r := range roles {
		paths[i] = fs.String(r.flag, "", r.help)
	}
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "用法：nianbao-cli pdf "+c.usage)
		return exitFile
	}
	r, warnings, err := openReport(pos[0])
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFile
	}
	for _, w := range warnings {
		fmt.Fprintln(stderr, "[导入] "+w)
	}
	opt := pdf.Options{CenterPageNumbers: *center, BundledFontsOnly: *bundled, FontOverrides: map[assets.Role]string{}}
	for i, r := range roles {
		if *paths[i] != "" {
			opt.FontOverrides[r.role] = *paths[i]
		}
	}
	dest := *out
	if dest == "" {
		dest = filepath.Join(filepath.Dir(pos[0]), r.FileStem()+".pdf")
	}
	var buf bytes.Buffer
	st, err := pdf.WriteStats(&buf, r, opt)
	if err != nil {
		fmt.Fprintln(stderr, "导出 PDF 失败：", err)
		return exitFile
	}
	if err := form.WriteFileAtomic(dest, buf.Bytes()); err != nil {
		fmt.Fprintln(stderr, "写入 PDF 失败：", err)
		return exitFile
	}
	if st.Replaced > 0 {
		fmt.Fprintf(stderr, "注意：有 %d 个字符字体中没有，已显示为“□”：%s\n", st.Replaced, strings.TrimSpace(string(st.ReplacedRunes)))
	}
	fmt.Fprintf(stdout, "已导出 PDF：%s\n", dest)
	return exitOK
}
