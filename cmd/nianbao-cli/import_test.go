package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/form"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const seedDir = "../../form/published/testdata/"

// TestImportRoundTrip imports seed 000 into a draft (agency and year guessed from the
// footer and the publication date, with warnings), then `cells` prints the seed's numbers.
func TestImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	draft := filepath.Join(dir, "000"+form.DraftExt)
	var out, errb bytes.Buffer
	if code := run([]string{"import", "-o", draft, seedDir + "seed000.txt"}, &out, &errb); code != exitOK {
		t.Fatalf("import exit %d: %s", code, errb.String())
	}
	for _, w := range []string{"国办公开办函〔2019〕60号", "导入 69 / 198 个单元格", "机关名称：厦门市城市管理行政执法局", "报告年度：2019", "推测", "已保存草稿"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("import output lacks %q:\n%s", w, out.String())
		}
	}
	out.Reset()
	if code := run([]string{"cells", draft}, &out, &errb); code != exitOK {
		t.Fatalf("cells exit %d: %s", code, errb.String())
	}
	got := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		k, v, _ := strings.Cut(l, "\t")
		got[k] = v
	}
	f, _ := form.FormatByID("2019")
	want := seedCells(t, seedDir+"seed000.cells")
	for _, d := range f.Cells {
		w, ok := want[d.Code]
		if !ok {
			if got[d.Code] != "" {
				t.Errorf("%s = %q, want blank", d.Code, got[d.Code])
			}
			continue
		}
		v, _, err := form.Parse(w, d.Kind)
		if err != nil {
			t.Fatal(err)
		}
		if got[d.Code] != v.Format(d.Kind) {
			t.Errorf("%s = %q, want %q", d.Code, got[d.Code], v.Format(d.Kind))
		}
	}
	// A second import does not overwrite the draft without --force.
	if code := run([]string{"import", "-o", draft, seedDir + "seed000.txt"}, &out, &errb); code != exitFile {
		t.Errorf("re-import exit %d, want %d", code, exitFile)
	}
}

func seedCells(t *testing.T, path string) map[string]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok && !strings.HasPrefix(k, "#") {
			m[k] = v
		}
	}
	return m
}

// TestCheckText: check reads a .txt directly, in UTF-8 or GBK, and reports 003's errors.
func TestCheckText(t *testing.T) {
	data, err := os.ReadFile(seedDir + "seed003.txt")
	if err != nil {
		t.Fatal(err)
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(data)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, b := range map[string][]byte{"utf8.txt": data, "gbk.txt": gbk, "bom.txt": append([]byte{0xEF, 0xBB, 0xBF}, data...)} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		var out, errb bytes.Buffer
		code := run([]string{"check", path}, &out, &errb)
		if code != exitProblems {
			t.Errorf("%s: exit %d, want %d: %s", name, code, exitProblems, errb.String())
		}
		if n := strings.Count(out.String(), "[错误 "); n != 4 {
			t.Errorf("%s: %d errors, want 4:\n%s", name, n, out.String())
		}
		if !strings.Contains(out.String(), "[导入] 未找到报告标题") {
			t.Errorf("%s: import warnings not shown", name)
		}
	}
	var out, errb bytes.Buffer
	bin := filepath.Join(dir, "bin.txt")
	_ = os.WriteFile(bin, []byte("PK\x03\x04\x00\x00"), 0o644)
	if code := run([]string{"check", bin}, &out, &errb); code != exitFile || !strings.Contains(errb.String(), "不是文本文件") {
		t.Errorf("binary .txt: exit %d, stderr %q", code, errb.String())
	}
}
