package main

import (
	"fmt"
	"io"
	"strings"
)

func init() {
	register(&command{name: "cells", usage: "FILE",
		summary: "按官方顺序列出全部单元格 print every cell as CODE<TAB>VALUE", run: runCells})
}

func runCells(args []string, stdout, stderr io.Writer) int {
	c := commands["cells"]
	fs := newFlags(c, stdout, stderr, "每行输出 编号<TAB>数值，按官方表格顺序；空白单元格输出空值，不合格的值原样输出。")
	labels := fs.Bool("labels", false, "第三列输出单元格名称 add the cell's label as a third column")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "用法：nianbao-cli cells FILE")
		return exitFile
	}
	r := openNoted(pos[0], stderr)
	if r == nil {
		return exitFile
	}
	for i, d := range r.Format.Cells {
		cell := r.At(i)
		v := cell.Text
		if cell.OK() {
			v = cell.Value.Format(d.Kind)
		}
		v = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(v) // one line, three columns
		if *labels {
			fmt.Fprintf(stdout, "%s\t%s\t%s\n", d.Code, v, d.Label())
		} else {
			fmt.Fprintf(stdout, "%s\t%s\n", d.Code, v)
		}
	}
	return exitOK
}
