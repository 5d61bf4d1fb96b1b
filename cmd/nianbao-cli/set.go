package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

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
	bad := 0
	for _, kv := range pos[1:] {
		code, value, found := strings.Cut(kv, "=")
		if !found {
			fmt.Fprintf(stderr, "「%s」应写成 编号=数值，如 apply.1.natural=17\n", kv)
			bad++
			continue
		}
		code = strings.TrimSpace(code)
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
	if err := form.SaveDraft(path, r); err != nil {
		fmt.Fprintln(stderr, err)
		return exitFile
	}
	return exitOK
}
