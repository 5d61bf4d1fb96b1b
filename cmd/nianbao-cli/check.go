package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/nianbao/nianbao/form"
)

func init() {
	register(&command{name: "check", usage: "[--json] [--last LASTYEAR] FILE",
		summary: "检查报告的勾稽关系与常见错误 check a report", run: runCheck})
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	c := commands["check"]
	fs := newFlags(c, stdout, stderr, `检查表格勾稽关系（H1-H5）、与上年报告的衔接（X1-X3，需 --last）和正文常见问题（W1-W6）。
退出码 exit code：0 没有错误（可能有提醒）；1 有错误；2 文件无法读取。`)
	asJSON := fs.Bool("json", false, "以 JSON 数组输出问题 print problems as a JSON array")
	lastPath := fs.String("last", "", "上年报告文件，用于跨年度检查 last year's report")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "用法：nianbao-cli check [--json] [--last LASTYEAR] FILE")
		return exitFile
	}
	r, warnings, err := openReport(pos[0])
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFile
	}
	var last *form.Report
	if *lastPath != "" {
		if last, _, err = openReport(*lastPath); err != nil {
			fmt.Fprintln(stderr, "上年报告：", err)
			return exitFile
		}
		if err := form.CheckLastYear(r, last); err != nil {
			fmt.Fprintln(stderr, err)
			return exitFile
		}
	}
	ps := form.Check(r, last)
	if *asJSON {
		for _, w := range warnings {
			fmt.Fprintln(stderr, "[导入] "+w)
		}
		if ps == nil {
			ps = []form.Problem{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(ps); err != nil {
			fmt.Fprintln(stderr, err)
			return exitFile
		}
	} else {
		for _, w := range warnings {
			fmt.Fprintln(stdout, "[导入] "+w)
		}
		for _, p := range ps {
			fmt.Fprintf(stdout, "[%s %s] %s\n", p.Severity, p.Rule, p.Message)
		}
		n := form.Errors(ps)
		if len(ps) == 0 {
			fmt.Fprintln(stdout, "检查通过：没有发现问题。")
		} else {
			fmt.Fprintf(stdout, "共 %d 处错误、%d 处提醒。\n", n, len(ps)-n)
		}
	}
	if form.Errors(ps) > 0 {
		return exitProblems
	}
	return exitOK
}
