package form

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	if fi, _ := os.Stat(path); fi.Mode().Perm()&0o044 == 0 && umask()&0o044 == 0 {
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
		testHookBeforeRename = func(tmp string) {
			if !strings.Contains(filepath.Base(tmp), ".bak.") {
				os.Exit(3) // the process dies between the draft's temp write and its rename
			}
		}
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
		{"truncated", string(good[:len(good)/2]), "损坏或不完整"},
		{"foreign json", `{"name":"x"}`, "不是年报助手的草稿文件"},
		{"foreign binary", "PK\x03\x04 zip", "不是年报助手的草稿文件"},
		{"newer", `{"schema":"nianbao.draft","version":99,"format":"2021"}`, "更新版本"},
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
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := UnmarshalDraft(data)
		if err != nil {
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
