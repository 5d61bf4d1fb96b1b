package form

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/form/fileio"
)

func TestDraftRoundTrip(t *testing.T) {
	for _, f := range Formats {
		r := Sample(f)
		_ = r.Set("apply.3.2.legal", "12a") // a bad value the user is still fixing survives
		r.Text.Parts[2] = "含“引号”、<尖括号>&和\n换行的段落"
		dir := t.TempDir()
		path := filepath.Join(dir, "报告"+DraftExt)
		if err := SaveDraft(path, r); err != nil {
			t.Fatal(err)
		}
		back, err := LoadDraft(path)
		if err != nil {
			t.Fatal(err)
		}
		if back.Format != f || back.Meta != r.Meta || back.Text != r.Text {
			t.Errorf("%s: meta/text differ after round trip:\n%+v\n%+v", f.ID, back.Meta, r.Meta)
		}
		for i := range f.Cells {
			a, b := r.At(i), back.At(i)
			if a.Text != b.Text || a.Value != b.Value || a.Blank != b.Blank || (a.Err == nil) != (b.Err == nil) {
				t.Errorf("%s %s: %+v != %+v", f.ID, f.Cells[i].Code, b, a)
			}
		}
		data, _ := os.ReadFile(path)
		if !strings.Contains(string(data), `"apply.3.2.legal": "12a"`) || !strings.Contains(string(data), `<尖括号>&`) {
			t.Errorf("draft JSON is not readable as documented:\n%s", data[:300])
		}
	}
}

func TestSaveKeepsBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a"+DraftExt)
	r := Sample(Latest)
	if err := SaveDraft(path, r); err != nil {
		t.Fatal(err)
	}
	r.Meta.Agency = "第二版"
	if err := SaveDraft(path, r); err != nil {
		t.Fatal(err)
	}
	bak, err := LoadDraft(path + ".bak")
	if err != nil || bak.Meta.Agency != "示例县市场监督管理局" {
		t.Errorf(".bak = %v, %v; want the first version", bak, err)
	}
	cur, _ := LoadDraft(path)
	if cur.Meta.Agency != "第二版" {
		t.Errorf("current = %q", cur.Meta.Agency)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temp files left behind: %v", entries)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm()&0o044 == 0 && fileio.Umask()&0o044 == 0 {
		t.Errorf("a saved draft is private (%v); drafts and exports are meant to be shared", fi.Mode())
	}
	_ = os.Chmod(path, 0o600)
	_ = SaveDraft(path, r)
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("saving over a 0600 file made it %v; the mode must be kept", fi.Mode())
	}
}

// TestCrashBeforeRename kills a real process between the temp write and the rename and
// checks that the old file is intact.
// A save dialog creates the file empty before the first save: no empty .bak may come of it.
func TestNoEmptyBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a"+DraftExt)
	_ = os.WriteFile(path, nil, 0o644)
	if err := SaveDraft(path, Sample(Latest)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".bak"); !os.IsNotExist(err) {
		t.Errorf("an empty file was kept as .bak: %v", err)
	}
}

func TestCrashBeforeRename(t *testing.T) {
	if os.Getenv("NIANBAO_CRASH_PATH") != "" {
		fileio.SetTestHookBeforeRename(func(tmp string) {
			if !strings.Contains(filepath.Base(tmp), ".bak.") {
				os.Exit(3) // the process dies between the draft's temp write and its rename
			}
		})
		r := Sample(Latest)
		r.Meta.Agency = "新版本"
		_ = SaveDraft(os.Getenv("NIANBAO_CRASH_PATH"), r)
		t.Fatal("save went on after the crash point")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "a"+DraftExt)
	if err := SaveDraft(path, Sample(Latest)); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashBeforeRename$")
	cmd.Env = append(os.Environ(), "NIANBAO_CRASH_PATH="+path)
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 3 {
		t.Fatalf("crash helper: %v", err)
	}
	after, _ := os.ReadFile(path)
	if bak, _ := os.ReadFile(path + ".bak"); string(bak) != string(before) {
		t.Error("the crash came before the .bak was written: the test does not reach the draft's rename")
	}
	if string(after) != string(before) {
		t.Error("the old file changed although the save never reached its rename")
	}
	if r, err := LoadDraft(path); err != nil || r.Meta.Agency != "示例县市场监督管理局" {
		t.Errorf("old file unreadable after crash: %v", err)
	}
}

func TestLoadBrokenFiles(t *testing.T) {
	good, _ := MarshalDraft(Sample(Latest), time.Time{})
	for _, tc := range []struct {
		name string
		data string
		want string
	}{
		{"empty", "", "文件是空的"},
		{"truncated", string(good[:len(good)/2]), "不完整（可能是保存时被中断）"},
		{"corrupt", strings.Replace(string(good), `"meta"`, `"meta" x`, 1), "文件已损坏（第"},
		{"deep nesting", `{"schema":"nianbao.draft","version":1,"format":"2021","x":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `}`, "嵌套超过 64 层"},
		{"deep nesting, unclosed", strings.Repeat("{\"a\":", 20000), "嵌套超过"},
		{"600,000 cells", `{"schema":"nianbao.draft","version":1,"format":"2021","cells":{` + strings.Repeat(`"apply.1.natural":"1",`, 600_000) + `"apply.1.natural":"1"}}`, "单元格过多"},
		{"cells not strings", `{"schema":"nianbao.draft","version":1,"format":"2021","cells":{"apply.1.natural":1}}`, "字段「cells」的类型不对"},
		{"foreign json", `{"name":"x"}`, "不是年报助手的草稿文件"},
		{"foreign binary", "PK\x03\x04 zip", "不是年报助手的草稿文件"},
		{"newer, unreadable", `{"schema":"nianbao.draft","version":99,"format":"2021","meta":{"year":"2025"}}`, "更新版本的年报助手保存（文件版本 99，本程序支持到 1），请升级"},
		{"newer, unknown format", `{"schema":"nianbao.draft","version":2,"format":"2030"}`, "请升级"},
		{"bad format", `{"schema":"nianbao.draft","version":1,"format":"2030","meta":{"year":2025}}`, "未知的报告格式"},
		{"bad year", `{"schema":"nianbao.draft","version":1,"format":"2021","meta":{"year":99999}}`, "不合理"},
		{"wrong type", `{"schema":"nianbao.draft","version":1,"format":"2021","meta":{"year":"2025"}}`, "类型不对"},
		{"unknown cell", `{"schema":"nianbao.draft","version":1,"format":"2021","meta":{"year":2025},"cells":{"apply.3.6.total":"1"}}`, "不存在的单元格：apply.3.6.total"},
	} {
		path := filepath.Join(t.TempDir(), "x"+DraftExt)
		_ = os.WriteFile(path, []byte(tc.data), 0o644)
		_, err := LoadDraft(path)
		var de *DraftError
		if !errors.As(err, &de) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "x"+DraftExt) {
			t.Errorf("%s: error = %v, want a DraftError naming the file and saying %q", tc.name, err, tc.want)
		}
		if newer := strings.HasPrefix(tc.name, "newer"); errors.Is(err, ErrNewerDraft) != newer {
			t.Errorf("%s: errors.Is(err, ErrNewerDraft) = %v, want %v", tc.name, !newer, newer)
		}
	}
	if _, err := LoadDraft(filepath.Join(t.TempDir(), "missing.nianbao")); err == nil || !strings.Contains(err.Error(), "不存在") {
		t.Errorf("missing file: %v", err)
	}
}

// FuzzUnmarshalDraft checks that no input panics the loader, and that whatever loads
// saves and loads again to the same cells.
func FuzzUnmarshalDraft(f *testing.F) {
	for _, r := range []*Report{Sample(Formats[0]), Sample(Formats[1]), New(Latest, 2025, "")} {
		data, _ := MarshalDraft(r, time.Time{})
		f.Add(data)
	}
	f.Add([]byte(`{"schema":"nianbao.draft","version":1,"format":"2019","cells":{"active.penalty.change":"增123"}}`))
	f.Add([]byte(`{"schema":"nianbao.draft","version":1}`))
	f.Add([]byte(`{"schema":"nianbao.draft","version":2,"format":"2021","new":{"a":[1]},"cells":{"x.y":"1"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := UnmarshalDraft(data)
		if ro, ok := AsReadOnly(err); ok {
			if r == nil || ro.Report != r || ro.Reason == "" {
				t.Fatalf("read-only draft without its report or reason: %v", err)
			}
		} else if err != nil {
			var de *DraftError
			if !errors.As(err, &de) {
				t.Fatalf("error is not a DraftError: %v", err)
			}
			return
		}
		again, err := MarshalDraft(r, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		back, err := UnmarshalDraft(again)
		if err != nil {
			t.Fatalf("re-load of a saved draft failed: %v", err)
		}
		for i := range r.Format.Cells {
			if r.At(i).Text != back.At(i).Text {
				t.Fatalf("cell %s changed on round trip", r.Format.Cells[i].Code)
			}
		}
	})
}

func BenchmarkSaveDraft(b *testing.B) {
	r := Sample(Latest)
	path := filepath.Join(b.TempDir(), "a"+DraftExt)
	for b.Loop() {
		if err := SaveDraft(path, r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadDraft(b *testing.B) {
	data, _ := MarshalDraft(Sample(Latest), time.Time{})
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := UnmarshalDraft(data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestNewerDraftReadOnly: a draft of a newer version (a higher version number, or fields this
// version does not know) comes back with its report and a *ReadOnlyError, and SaveDraft will
// not replace it (issue 14 item 7: load-then-save silently dropped the unknown fields).
func TestNewerDraftReadOnly(t *testing.T) {
	good, _ := MarshalDraft(Sample(Latest), time.Time{})
	withField := strings.Replace(string(good), `"meta": {`, `"region": "东部", "meta": {"district": "新区",`, 1)
	withField = strings.Replace(withField, `"contact": {`, `"contact": {"wechat": "x",`, 1)
	v2 := strings.Replace(string(good), `"version": 1`, `"version": 2`, 1)
	v2cell := strings.Replace(v2, `"cells": {`, `"cells": {"apply.9.natural": "5",`, 1)
	for _, tc := range []struct {
		name, data string
		unknown    []string
		want       string
	}{
		{"unknown fields", withField, []string{"meta.contact.wechat", "meta.district", "region"}, "含有本程序不认识的内容（meta.contact.wechat、meta.district、region）"},
		{"higher version", v2, nil, "由更新版本的年报助手保存（文件版本 2，本程序支持到 1）"},
		{"higher version, new cell", v2cell, []string{"cells.apply.9.natural"}, "文件版本 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "新版"+DraftExt)
			os.WriteFile(path, []byte(tc.data), 0o644)
			r, err := LoadDraft(path)
			ro, ok := AsReadOnly(err)
			if !ok || r == nil || ro.Report != r {
				t.Fatalf("LoadDraft = %v, %v; want the report and a *ReadOnlyError", r, err)
			}
			if r.Meta.Agency != "示例县市场监督管理局" || r.Text != Sample(Latest).Text {
				t.Errorf("the read-only report lost what this version knows: %+v", r.Meta)
			}
			if v, _ := r.Value("apply.1.natural"); v == 0 {
				t.Error("cells not read")
			}
			for _, w := range []string{"「新版" + DraftExt + "」", tc.want, "只读", "升级"} {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q lacks %q", err, w)
				}
			}
			if !slices.Equal(ro.Unknown, tc.unknown) {
				t.Errorf("Unknown = %q, want %q", ro.Unknown, tc.unknown)
			}
			// Saving over it is refused and the file is untouched.
			err = SaveDraft(path, r)
			var we *fileio.WriteError
			if !errors.As(err, &we) || !strings.Contains(err.Error(), "更新版本") {
				t.Errorf("SaveDraft over a newer draft: %v", err)
			}
			if b, _ := os.ReadFile(path); string(b) != tc.data {
				t.Error("the newer draft was rewritten")
			}
			// Saving elsewhere (另存为) works.
			if err := SaveDraft(filepath.Join(dir, "另存"+DraftExt), r); err != nil {
				t.Error(err)
			}
		})
	}
	// Field names match as encoding/json matches them: case does not make a field unknown.
	upper := strings.Replace(string(good), `"agency"`, `"Agency"`, 1)
	if _, err := UnmarshalDraft([]byte(upper)); err != nil {
		t.Errorf("a known field in other case made the draft read-only: %v", err)
	}
}

// TestLoadDraftNotRegular: a draft path that is /dev/zero or a FIFO is refused at once in
// Chinese (it used to be read until memory ran out, or to hang); so is saving onto one.
func TestLoadDraftNotRegular(t *testing.T) {
	dir := t.TempDir()
	zero := filepath.Join(dir, "zero"+DraftExt)
	os.Symlink("/dev/zero", zero)
	folder := filepath.Join(dir, "folder"+DraftExt)
	os.Mkdir(folder, 0o755)
	paths := []string{zero, folder}
	if fifo := mkfifo(t, dir); fifo != "" {
		paths = append(paths, fifo)
	}
	for _, p := range paths {
		done := make(chan error, 2)
		go func() {
			_, err := LoadDraft(p)
			done <- err
			done <- SaveDraft(p, Sample(Latest))
		}()
		for _, op := range []string{"LoadDraft", "SaveDraft"} {
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), "不是普通文件") && !strings.Contains(err.Error(), "文件夹") {
					t.Errorf("%s(%s) = %v; want a Chinese refusal", op, filepath.Base(p), err)
				}
				if strings.Contains(err.Error(), "is a directory") || strings.Contains(err.Error(), "permission") {
					t.Errorf("%s(%s): raw English in %q", op, filepath.Base(p), err)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("%s(%s) hangs", op, filepath.Base(p))
			}
		}
	}
}

// TestSaveDraftThroughSymlink: the link stays a link; its target gets the new text, and a
// stale temporary file of a killed save is gone after the next save.
func TestSaveDraftThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real"+DraftExt)
	if err := SaveDraft(real, Sample(Latest)); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link"+DraftExt)
	os.Symlink("real"+DraftExt, link)
	stale := filepath.Join(dir, ".real"+DraftExt+".42.tmp")
	os.WriteFile(stale, []byte("{"), 0o600)
	old := time.Now().Add(-time.Minute)
	os.Chtimes(stale, old, old)
	r := Sample(Latest)
	r.Meta.Agency = "经链接保存"
	if err := SaveDraft(link, r); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Error("the link became a plain file")
	}
	if back, err := LoadDraft(real); err != nil || back.Meta.Agency != "经链接保存" {
		t.Errorf("the real file keeps the old text: %v", err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("stale temporary file survived the next save")
	}
}
