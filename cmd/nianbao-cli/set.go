package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/form"
)

func init() {
	register(&command{name: "set", usage: "FILE CODE=VALUE...",
		summary: "填写单元格 set cells of a draft", run: runSet})
}

func runSet(args []string, stdout, stderr io.Writer) int {
	c := commands["set"]
	fs := newFlags(c, stdout, stderr, `按单元格编号填写数值，如 apply.1.natural=17 active.fees.amount=1.25。
数值可用全角数字、千位分隔符；2019 格式的“本年增/减”可写 -7、+1、增1、减3；值为空表示清空。
有任何一个值不合格时不保存文件（退出码 1），并说明哪个单元格、错在哪里。
填写后按各项重新计算合计（只在各项都是数字时计算，空白不当作 0），与桌面程序相同；
文件中的合计与各项不一致（手动填写的合计），或本次填写了合计格时，合计按文件和填写的保存，不重新计算。
cell codes: see "nianbao-cli cells FILE".`)
	pos, code, ok := parseFlags(fs, args)
	if !ok {
		return code
	}
	if len(pos) < 2 {
		fmt.Fprintln(stderr, "用法：nianbao-cli set FILE CODE=VALUE...")
		return exitFile
	}
	path := pos[0]
	r, err := form.LoadDraft(path)
	if ro, ok := form.AsReadOnly(err); ok {
		what := fmt.Sprintf("文件版本 %d，本程序支持到 %d", ro.Version, form.DraftVersion)
		if ro.Version <= form.DraftVersion {
			what = "含有本程序不认识的内容：" + strings.Join(ro.Unknown, "、")
		}
		fmt.Fprintf(stderr, "无法填写「%s」：此文件由更新版本的年报助手保存（%s），改写它会丢失这些内容，文件未修改。请升级年报助手后再填写。\n", filepath.Base(path), what)
		return exitFile
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitFile
	}
	prep := open.Prepare(r) // as every front end prepares a report it reads
	bad, typedTotal := 0, false
	for _, kv := range pos[1:] {
		code, value, found := strings.Cut(kv, "=")
		if !found {
			fmt.Fprintf(stderr, "「%s」应写成 编号=数值，如 apply.1.natural=17\n", kv)
			bad++
			continue
		}
		code = strings.TrimSpace(code)
		if d, ok := r.Format.Cell(code); ok && d.Derived {
			typedTotal = true
		}
		if err := r.Set(code, value); err != nil {
			if d, ok := r.Format.Cell(code); ok {
				fmt.Fprintf(stderr, "%s（%s）：%v\n", code, d.Label(), err)
			} else {
				fmt.Fprintln(stderr, err)
			}
			bad++
		}
	}
	if bad > 0 {
		fmt.Fprintf(stderr, "有 %d 处填写不合格，文件未修改。\n", bad)
		return exitProblems
	}
	switch {
	case prep.TypedTotals:
		fmt.Fprintln(stderr, "注意："+prep.Notes[0])
	case typedTotal:
		fmt.Fprintln(stderr, "注意：本次填写了合计格，合计按填写的保存，未按各项重新计算；检查时会标出与各项不一致之处")
	default:
		if changed := union(prep.Filled, r.FillDerived()); len(changed) > 0 {
			fmt.Fprintln(stdout, open.TotalsNote(changed))
		}
	}
	if err := form.SaveDraft(path, r); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFile
	}
	return exitOK
}

// union is a then the codes of b not in a.
func union(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, c := range b {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}
