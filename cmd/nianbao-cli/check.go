package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/form"
)

func init() {
	register(&command{name: "check", usage: "[--final] [--json] [--last LASTYEAR] FILE",
		summary: "检查报告的勾稽关系与常见错误 check a report", run: runCheck})
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	c := commands["check"]
	fs := newFlags(c, stdout, stderr, `检查基本信息（M1-M3）、表格勾稽关系（H1-H5）、与上年报告的衔接（X1-X3：--last 指定的上年报告，
没有 --last 时用草稿中记录的上年报告）、
正文常见问题（W1-W6）、表格格式（F1）、引用（L1）和日期（D1），与桌面程序的检查相同。
填写过程中，没有填写的单元格和部分列为「未填」（B1、B2），不计为错误；--final 按发布前的要求检查：
每个空白单元格、空白的第一、五、六部分和基本信息都是错误，并逐一列出。规则说明见 docs/format.md。
退出码 exit code：0 没有错误（可能有提醒或未填）；1 有错误；2 文件无法读取。`)
	final := fs.Bool("final", false, "按发布前的要求检查：空白即错误 final check before publication: every blank is an error")
	asJSON := fs.Bool("json", false, "以 JSON 数组输出问题 print problems as a JSON array")
	lastPath := fs.String("last", "", "上年报告文件，用于跨年度检查 last year's report")
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "用法：nianbao-cli check [--final] [--json] [--last LASTYEAR] FILE")
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
			fmt.Fprintln(stderr, "上年报告："+err.Error())
			return exitFile
		}
		if err := form.CheckLastYear(r, last); err != nil {
			fmt.Fprintln(stderr, err)
			return exitFile
		}
	} else {
		last = linkedLastYear(r, pos[0], stderr)
	}
	mode := form.Drafting
	if *final {
		mode = form.Final
	}
	ps := form.CheckAll(r, last, mode)
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
		printProblems(stdout, ps, mode)
	}
	if form.Errors(ps) > 0 {
		return exitProblems
	}
	return exitOK
}

// listedBlanks is how many cell codes of a 未填 item the text output lists (--json and
// --final list them all).
const listedBlanks = 12

// printProblems prints one line per problem, "[错误 H2] …", the cells of a 未填 item on the
// next line, and a summary.
func printProblems(w io.Writer, ps []form.Problem, mode form.Mode) {
	for _, p := range ps {
		fmt.Fprintf(w, "[%s %s] %s\n", p.Severity, p.Rule, p.Message)
		if p.Severity == form.Unfilled && len(p.Cells) > 1 {
			cells := strings.Join(p.Cells, " ")
			if len(p.Cells) > listedBlanks {
				cells = strings.Join(p.Cells[:listedBlanks], " ") + fmt.Sprintf(" …（共 %d 格，--final 或 --json 列出全部）", len(p.Cells))
			}
			fmt.Fprintln(w, "    未填单元格："+cells)
		}
	}
	n := form.Totals(ps)
	errs, warns, blanks := n.Errors, n.Warnings, n.Blanks
	switch {
	case len(ps) == 0:
		fmt.Fprintln(w, "检查通过：没有发现问题。")
	case mode == form.Final && blanks > 0:
		fmt.Fprintf(w, "共 %d 处错误（其中 %d 处未填写）、%d 处提醒。\n", errs, blanks, warns)
	case blanks > 0:
		fmt.Fprintf(w, "共 %d 处错误、%d 处提醒，还有 %d 处未填。发布前请运行 nianbao-cli check --final。\n", errs, warns, blanks)
	default:
		fmt.Fprintf(w, "共 %d 处错误、%d 处提醒。\n", errs, warns)
	}
}

// linkedLastYear is last year's report the draft at path links to (open.LastYearOf, as the
// desktop app reads it on open), for the cross-year checks when --last is not given: which
// file is used, or why none can be, is said on stderr; nil when there is none.
func linkedLastYear(r *form.Report, path string, stderr io.Writer) *form.Report {
	last, notes, err := open.LastYearOf(r, path)
	if err != nil {
		fmt.Fprintln(stderr, "注意："+err.Error())
		return nil
	}
	for _, n := range notes {
		fmt.Fprintln(stderr, n)
	}
	return last
}
