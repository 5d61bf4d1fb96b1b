package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/nianbao/nianbao/form"
)

func init() {
	register(&command{name: "new", usage: "-o FILE [--year 2025] [--format 2021] [--agency 机关名称]",
		summary: "新建空白报告草稿 create an empty draft", run: runNew})
}

func runNew(args []string, stdout, stderr io.Writer) int {
	c := commands["new"]
	fs := newFlags(c, stdout, stderr, "新建一份空白草稿。年度默认为上一年；格式默认按年度选择（2021年起为 2021 格式，2019、2020 年为 2019 试行格式）。")
	out := fs.String("o", "", "草稿文件路径 output draft file (必填 required)")
	year := fs.Int("year", time.Now().Year()-1, "报告年度 report year")
	format := fs.String("format", "", "报告格式 2021 或 2019 (默认按年度 default by year)")
	agency := fs.String("agency", "", "机关名称 agency name")
	force := fs.Bool("force", false, "覆盖已存在的文件 overwrite an existing file")
	sample := fs.Bool("sample", false, "填入一份完整的示例报告（虚构单位）fill in a complete fictional sample")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if *out == "" || len(pos) > 0 {
		fmt.Fprintln(stderr, "用法：nianbao-cli new -o FILE [--year 2025] [--format 2021] [--agency 机关名称]")
		return exitFile
	}
	if *year < form.FirstFormatYear() || *year > form.MaxYear {
		fmt.Fprintf(stderr, "报告年度 %d 不合理\n", *year)
		return exitFile
	}
	f := form.FormatForYear(*year)
	if *format != "" {
		var found bool
		if f, found = form.FormatByID(*format); !found {
			fmt.Fprintf(stderr, "未知的报告格式「%s」，可选 2021 或 2019\n", *format)
			return exitFile
		}
	}
	if _, err := os.Stat(*out); err == nil && !*force {
		fmt.Fprintf(stderr, "文件「%s」已存在；如要覆盖请加 --force\n", *out)
		return exitFile
	}
	r := form.New(f, *year, *agency)
	if *sample {
		r = form.Sample(f)
		r.Meta.Year = *year
		if *agency != "" {
			r.Meta.Agency = *agency
		}
	}
	if err := form.SaveDraft(*out, r); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFile
	}
	fmt.Fprintf(stdout, "已新建 %d 年度报告草稿（%s 格式）：%s\n", *year, f.ID, *out)
	return exitOK
}
