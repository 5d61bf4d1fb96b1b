package fileio

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
)

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestWriteFollowsSymlinks: saving through a link writes its target atomically and the link
// stays a link (issue 14 item 4: the link used to be replaced by a plain file while the real
// file kept the old text).
func TestWriteFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real", "报告.nianbao")
	os.Mkdir(filepath.Dir(real), 0o755)
	if err := os.WriteFile(real, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, dest string }{
		{"absolute", real},
		{"relative", filepath.Join("real", "报告.nianbao")},
	} {
		link := filepath.Join(dir, tc.name+".nianbao")
		if err := os.Symlink(tc.dest, link); err != nil {
			t.Fatal(err)
		}
		// A link to a link is followed to the end.
		chain := filepath.Join(dir, tc.name+"-chain.nianbao")
		os.Symlink(filepath.Base(link), chain)
		for _, p := range []string{link, chain} {
			if err := WriteFile(p, []byte("new "+p)); err != nil {
				t.Fatal(err)
			}
			if st, err := os.Lstat(p); err != nil || st.Mode()&os.ModeSymlink == 0 {
				t.Errorf("%s: the link was replaced by a plain file", filepath.Base(p))
			}
			if got := readString(t, real); got != "new "+p {
				t.Errorf("%s: target holds %q", filepath.Base(p), got)
			}
			if st, _ := os.Stat(real); st.Mode().Perm() != 0o640 {
				t.Errorf("target mode %v, want 0640 kept", st.Mode().Perm())
			}
		}
	}
	// A dangling link creates its target.
	dangling := filepath.Join(dir, "dangling.nianbao")
	os.Symlink("created.nianbao", dangling)
	if err := WriteFile(dangling, []byte("x")); err != nil {
		t.Fatal(err)
	}
	if readString(t, filepath.Join(dir, "created.nianbao")) != "x" {
		t.Error("a dangling link's target was not created")
	}
	// A loop is refused in Chinese.
	loop := filepath.Join(dir, "loop.nianbao")
	os.Symlink("loop.nianbao", loop)
	var we *WriteError
	if err := WriteFile(loop, []byte("x")); !errors.As(err, &we) || !strings.Contains(err.Error(), "符号链接") {
		t.Errorf("link loop: %v", err)
	}
	assertNoTemps(t, dir)
	assertNoTemps(t, filepath.Dir(real))
}

func assertNoTemps(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left in %s: %s", dir, e.Name())
		}
	}
}

// TestWriteRemovesStaleTemps: the temporary files of earlier killed saves (issue 14 item 6:
// 99 after 1,100 kills) are removed by the next save of the same file; a fresh one (a save
// in progress elsewhere) and other files' temporaries are left alone.
func TestWriteRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.nianbao")
	old := time.Now().Add(-time.Hour)
	mk := func(name string, mtime time.Time) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, mtime, mtime)
		return p
	}
	var stale []string
	for _, n := range []string{"123", "4294967295", "7"} {
		stale = append(stale, mk(".a.nianbao."+n+".tmp", old))
	}
	fresh := mk(".a.nianbao.555.tmp", time.Now())
	other := mk(".b.nianbao.123.tmp", old)
	notOurs := mk(".a.nianbao.x1.tmp", old)
	if err := WriteFile(path, []byte("ok")); err != nil {
		t.Fatal(err)
	}
	for _, p := range stale {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("stale %s survived the next save", filepath.Base(p))
		}
	}
	for _, p := range []string{fresh, other, notOurs} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
	// Start-up clean-up of a whole folder: every stale temporary, of any file.
	if n := RemoveStaleTemps(dir); n != 1 {
		t.Errorf("RemoveStaleTemps removed %d, want 1 (.b.nianbao.123.tmp)", n)
	}
	for _, p := range []string{fresh, notOurs, path} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("RemoveStaleTemps removed %s", filepath.Base(p))
		}
	}
	if n := RemoveStaleTemps(filepath.Join(dir, "missing")); n != 0 {
		t.Errorf("missing folder: %d", n)
	}
}

// TestWriteRefusals: folders, devices and read-only files are not replaced; a failing
// render leaves the old file and no temporary; every message is Chinese.
func TestWriteRefusals(t *testing.T) {
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro.nianbao")
	os.WriteFile(ro, []byte("keep"), 0o444)
	existing := filepath.Join(dir, "e.nianbao")
	os.WriteFile(existing, []byte("keep"), 0o644)
	renderErr := errors.New("渲染失败")
	for _, tc := range []struct {
		name, path, want string
	}{
		{"folder", dir, "同名的文件夹"},
		{"read-only file", ro, "只读"},
		{"missing folder", filepath.Join(dir, "none", "a.nianbao"), "文件夹不存在"},
		{"device", "/dev/null", "不是普通文件"},
		{"path through a file", filepath.Join(existing, "a.nianbao"), "不是文件夹"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := WriteFile(tc.path, []byte("new"))
			var we *WriteError
			if !errors.As(err, &we) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v; want a *WriteError saying %q", err, tc.want)
			}
			for _, r := range err.Error() {
				if r < unicode.MaxASCII && unicode.IsLetter(r) && !strings.Contains(tc.path, string(r)) {
					t.Fatalf("message has Latin letters not from the file name: %q", err)
				}
			}
		})
	}
	if readString(t, ro) != "keep" {
		t.Error("read-only file overwritten")
	}
	err := Write(existing, func(w io.Writer) error {
		w.Write([]byte("half"))
		return renderErr
	})
	if err != renderErr || readString(t, existing) != "keep" {
		t.Errorf("failing render: %v, file %q", err, readString(t, existing))
	}
	assertNoTemps(t, dir)
}
