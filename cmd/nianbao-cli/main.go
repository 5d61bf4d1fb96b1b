// Command nianbao-cli is the report engine without a screen: create, fill, check, import,
// export and merge reports from scripts. It builds with CGO_ENABLED=0.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// command is one subcommand. Each lives in its own file and registers itself in init.
type command struct {
	name    string
	usage   string // one line: arguments
	summary string // one line, Chinese
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// Exit codes shared by the subcommands.
const (
	exitOK       = 0
	exitProblems = 1 // the report has 错误, or a value was rejected
	exitFile     = 2 // a file could not be read or written, or bad usage
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the command line; everything printed passes through a termWriter, so that text
// from files (agency names, cell texts, file names) cannot drive the terminal.
func run(args []string, stdout, stderr io.Writer) int {
	out, errw := newTermWriter(stdout), newTermWriter(stderr)
	defer out.Flush()
	defer errw.Flush()
	return runSafe(args, out, errw)
}

func runSafe(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				return c.run([]string{"--help"}, stdout, stderr)
			}
		}
		usage(stdout)
		if len(args) == 0 {
			return exitFile
		}
		return exitOK
	}
	if args[0] == "--version" || args[0] == "version" {
		fmt.Fprintln(stdout, "nianbao-cli (年报助手) "+version)
		return exitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "未知命令「%s」。运行 nianbao-cli --help 查看可用命令。\n", args[0])
		return exitFile
	}
	return c.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "年报助手命令行工具 nianbao-cli —— 政府信息公开工作年度报告的填写、检查与导出")
	fmt.Fprintln(w, "用法 usage: nianbao-cli <命令> [参数]")
	fmt.Fprintln(w)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %-8s %s\n           %s\n", n, c.summary, "nianbao-cli "+n+" "+c.usage)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "每个命令加 --help 查看详细说明。nianbao-cli --version 显示版本。")
}

// newFlags makes a flag set whose --help prints Chinese usage to stdout.
func newFlags(c *command, stdout, stderr io.Writer, detail string) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stdout, "%s\n用法 usage: nianbao-cli %s %s\n", c.summary, c.name, c.usage)
		if detail != "" {
			fmt.Fprintln(stdout, strings.TrimRight(detail, "\n"))
		}
		var has bool
		fs.VisitAll(func(*flag.Flag) { has = true })
		if has {
			fmt.Fprintln(stdout, "选项 options:")
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			fs.SetOutput(stderr)
		}
	}
	return fs
}

// parseFlags parses args allowing flags after positional arguments; it returns the
// positional arguments, or ok=false with the exit code to return.
func parseFlags(fs *flag.FlagSet, args []string) (pos []string, code int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, exitOK, false
			}
			return nil, exitFile, false
		}
		rest := fs.Args()
		i := 0
		for i < len(rest) && !strings.HasPrefix(rest[i], "-") {
			i++
		}
		pos = append(pos, rest[:i]...)
		if i == len(rest) {
			return pos, 0, true
		}
		args = rest[i:]
	}
}
