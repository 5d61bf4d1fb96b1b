package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/export/xlsx"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/form/fileio"
)

func init() {
	register(&command{name: "merge", usage: "-o TOTAL.xlsx [--agency 汇总单位] [--include-own] UNIT...",
		summary: "汇总多个单位的报告 aggregate units into one workbook", run: runMerge})
}

func runMerge(args []string, stdout, stderr io.Writer) int {
	c := commands["merge"]
	fs := newFlags(c, stdout, stderr, `把各单位报送的 Excel 表格（.xlsx）或草稿（.nianbao）逐格相加，生成汇总工作簿：
「统计表」为合计，「汇总明细」列出每个单位的主要数字、错误和提醒，以及未汇总的单位和原因。
UNIT 可以是文件，也可以是文件夹（汇总其中所有 .xlsx 和 .nianbao 文件，不含输出文件本身）。
年度或格式与多数单位不同、无法读取、重复提交、含有非数字单元格的单位不计入合计，并在明细中说明。
空白不是 0：某格在任一单位留空，合计中该格也留空（不会只加其他单位的数字），并列出留空的单位。
退出码 exit code：0 全部汇总、无错误、无留空；1 有单位未汇总、有错误或有留空的格子；2 无法汇总或无法写出文件。`)
	out := fs.String("o", "", "汇总工作簿输出路径 output workbook (必填 required)")
	agency := fs.String("agency", "", "汇总单位名称 name of the aggregating agency")
	own := fs.Bool("include-own", false, "计入与汇总单位同名的本单位报告（与程序中「包含本单位报告」相同） include the aggregating agency's own report")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if *out == "" || len(pos) == 0 {
		fmt.Fprintln(stderr, "用法：nianbao-cli merge -o TOTAL.xlsx [--agency 汇总单位] [--include-own] UNIT...")
		return exitFile
	}
	paths, err := open.UnitFiles(pos, *out)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFile
	}
	units := form.LoadUnits(paths, openReport)
	s, err := form.AggregateWith(units, form.AggregateOptions{Agency: *agency, IncludeOwn: *own})
	if s != nil {
		for _, l := range s.Left {
			fmt.Fprintf(stdout, "未汇总：%s：%s\n", filepath.Base(l.Source), l.Reason)
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFile
	}
	if err := fileio.Write(*out, func(w io.Writer) error { return xlsx.WriteSummary(w, s) }); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFile
	}
	withErrors := 0
	for i := range s.Units {
		u := &s.Units[i]
		who := fmt.Sprintf("%s（%s）", strings.TrimSpace(u.Report.Meta.Agency), filepath.Base(u.Source))
		if u.Errors > 0 {
			withErrors++
			fmt.Fprintf(stdout, "有错误：%s：%d 处错误\n", who, u.Errors)
		}
		if note := u.BlankNote(); note != "" {
			fmt.Fprintf(stdout, "有留空：%s：%s\n", who, note)
		}
	}
	if note := s.BlankNote(); note != "" {
		fmt.Fprintln(stdout, "注意："+note)
	}
	fmt.Fprintf(stdout, "已汇总 %d 个单位（%d 年度，%s 格式），%d 个单位有错误，%d 个单位有留空，%d 个未汇总：%s\n",
		len(s.Units), s.Total.Meta.Year, s.Total.Format.ID, withErrors, s.BlankUnits(), len(s.Left), *out)
	if withErrors > 0 || len(s.Left) > 0 || s.BlankUnits() > 0 {
		return exitProblems
	}
	return exitOK
}
