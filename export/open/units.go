package open

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nianbao/nianbao/form"
)

// UnitFiles expands the files and folders given for an aggregate (汇总) into the units' report
// files: a folder contributes its workbooks and drafts, sorted by name (Excel lock files and
// hidden files aside); out, the aggregate being written, is left out.
func UnitFiles(args []string, out string) ([]string, error) {
	outAbs, _ := filepath.Abs(out)
	var paths []string
	add := func(p string) {
		if abs, _ := filepath.Abs(p); abs != outAbs {
			paths = append(paths, p)
		}
	}
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil || !st.IsDir() {
			add(a) // unreadable files are reported as left out
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			reason := "文件夹无法读取"
			if errors.Is(err, fs.ErrPermission) {
				reason = "没有读取这个文件夹的权限"
			}
			return nil, fmt.Errorf("无法读取文件夹「%s」：%s", a, reason)
		}
		var names []string
		for _, e := range entries {
			ext := strings.ToLower(filepath.Ext(e.Name()))
			if !e.IsDir() && (ext == ".xlsx" || ext == form.DraftExt) && !strings.HasPrefix(e.Name(), "~$") && !strings.HasPrefix(e.Name(), ".") {
				names = append(names, e.Name())
			}
		}
		sort.Strings(names)
		for _, n := range names {
			add(filepath.Join(a, n))
		}
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("没有找到要汇总的单位文件（.xlsx 或 %s）", form.DraftExt)
	}
	return paths, nil
}
