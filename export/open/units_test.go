package open

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnitFiles(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.xlsx", "a.nianbao", "~$b.xlsx", ".hidden.xlsx", "notes.txt", "汇总.xlsx"} {
		_ = os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	_ = os.Mkdir(filepath.Join(dir, "sub.xlsx"), 0o755)
	extra := filepath.Join(t.TempDir(), "c.xlsx")
	got, err := UnitFiles([]string{dir, extra}, filepath.Join(dir, "汇总.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range got {
		names = append(names, filepath.Base(p))
	}
	if strings.Join(names, " ") != "a.nianbao b.xlsx c.xlsx" {
		t.Errorf("UnitFiles = %v", names)
	}
	if _, err := UnitFiles([]string{t.TempDir()}, "out.xlsx"); err == nil || !strings.Contains(err.Error(), "没有找到要汇总的单位文件") {
		t.Errorf("empty folder: %v", err)
	}
}
