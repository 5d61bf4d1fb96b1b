package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/form/fileio"
)

// crashedAutosave leaves, in u's storage, the autosave of a window that belonged to file
// path and "crashed" at saved.
func crashedAutosave(t *testing.T, u *UI, path string, saved time.Time) {
	t.Helper()
	typeInto(u, u.table(t, 2).cell(t, "active.rules.issued"), "3")
	u.path = path
	u.now = func() time.Time { return saved }
	u.auto.id = "crashed-window" // the window that crashes
	u.autosave()
}

// Recovery says when the autosave is older than the file it belongs to (the file was saved
// after it), and recommends 放弃; a newer autosave is offered without the note.
func TestRecoveryOlderThanFileSaysSo(t *testing.T) {
	for _, c := range []struct {
		name      string
		fileAfter time.Duration // the file's time after the autosave's
		note      bool
	}{
		{"file saved later", time.Hour, true},
		{"autosave newer", -time.Hour, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			u := newTestUI(t)
			path := filepath.Join(t.TempDir(), "报告.nianbao")
			if err := os.WriteFile(path, []byte("{}"), 0o644); err != nil {
				t.Fatal(err)
			}
			saved := time.Now().Add(-2 * time.Hour).Truncate(time.Second)
			mtime := saved.Add(c.fileAfter)
			if err := os.Chtimes(path, mtime, mtime); err != nil {
				t.Fatal(err)
			}
			crashedAutosave(t, u, path, saved)
			v := newTestWindowUI(t, u)
			v.auto.alive = func(int) bool { return false }
			v.offerRecovery()
			got := overlayText(v)
			if !strings.Contains(got, "恢复未保存的内容") {
				t.Fatalf("not offered: %q", got)
			}
			if has := strings.Contains(got, "自动保存的副本比文件旧") && strings.Contains(got, "建议放弃"); has != c.note {
				t.Errorf("note shown %v, want %v: %q", has, c.note, got)
			}
		})
	}
}

// A lock names its process by id and start: a live process that got the id later does not
// hold it (the autosave is offered), the process that wrote it does.
func TestLockWithReusedPidIsStale(t *testing.T) {
	u := newTestUI(t)
	crashedAutosave(t, u, "", time.Now())
	lock := u.auto.file("crashed-window", lockExt)
	b, err := os.ReadFile(lock)
	if err != nil {
		t.Fatal(err)
	}
	if want := strconv.Itoa(os.Getpid()) + "\n" + processStart(os.Getpid()) + "\n"; string(b) != want {
		t.Errorf("lock %q, want %q", b, want)
	}
	v := newTestWindowUI(t, u)
	v.auto.alive = func(int) bool { return true } // the id is in use
	v.auto.started = func(int) string { return "111" }
	for _, c := range []struct {
		start   string
		running bool
	}{{"111", true}, {"222", false}, {"", true}} {
		if err := os.WriteFile(lock, []byte("4242\n"+c.start+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := v.auto.running("crashed-window"); got != c.running {
			t.Errorf("lock started %q, process started 111: running %v, want %v", c.start, got, c.running)
		}
	}
	if err := os.WriteFile(lock, []byte("4242\n222\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if ls := v.auto.leftovers(); len(ls) != 1 {
		t.Errorf("a lock of a reused process id: %d leftovers, want 1", len(ls))
	}
}

// An autosave's failure is told from the error's value, never its English text, and always
// in Chinese.
func TestAutosaveErrorInChinese(t *testing.T) {
	pe := func(err error) error { return &os.PathError{Op: "open", Path: "/x/autosave", Err: err} }
	for _, c := range []struct {
		err  error
		want string
	}{
		{pe(syscall.ENOSPC), "磁盘已满"},
		{pe(syscall.EROFS), "磁盘为只读"},
		{pe(syscall.ENOTDIR), "保存位置不是文件夹"},
		{pe(syscall.EACCES), "没有写入权限"},
		{pe(syscall.ENOENT), "文件夹不存在"},
		{pe(syscall.EIO), "磁盘读写出错"},
		{&fileio.WriteError{Path: "x", Reason: "文件正被其他程序占用", Err: pe(syscall.EBUSY)}, "文件正被其他程序占用"},
		{errors.New("something odd"), "无法写入"},
	} {
		msg := autosaveError("/x", c.err).Error()
		if !strings.Contains(msg, c.want) {
			t.Errorf("%v: %q, want %q", c.err, msg, c.want)
		}
		for _, r := range msg {
			if r >= 'a' && r <= 'z' && !strings.Contains("/x", string(r)) {
				t.Errorf("%v: English in %q", c.err, msg)
				break
			}
		}
	}
}

// The app's autosave writes off the UI thread from a snapshot taken on it; a save meanwhile
// (which clears the autosave) is not undone by the write still running.
func TestAutosaveWritesInBackground(t *testing.T) {
	u := newTestUI(t)
	l := newEventLoop(u)
	u.auto.background = true
	gate := make(chan struct{})
	writing := make(chan struct{}, 10)
	u.auto.write = func(p string, b []byte) error {
		writing <- struct{}{}
		<-gate
		return os.WriteFile(p, b, 0o644)
	}
	// release lets an autosave's three files be written.
	release := func() {
		go func() {
			for range 3 {
				gate <- struct{}{}
			}
		}()
	}
	typeInto(u, u.table(t, 2).cell(t, "active.rules.issued"), "3")
	returned := make(chan struct{})
	go func() { <-writing; close(returned) }()
	u.autosave() // returns while the write waits
	select {
	case <-returned:
	case <-time.After(10 * time.Second):
		t.Fatal("the autosave did not start writing")
	}
	typeInto(u, u.table(t, 2).cell(t, "active.rules.issued"), "4") // edits go on meanwhile
	release()
	l.until(t, "the autosave", func() bool { return !u.auto.writing })
	if _, err := os.Stat(u.auto.path()); err != nil {
		t.Fatalf("no autosave: %v", err)
	}
	if !u.auto.pending() {
		t.Error("the edit typed during the write counts as autosaved")
	}

	// A write begun before a save writes nothing after it.
	for len(writing) > 0 {
		<-writing
	}
	u.autosave()
	<-writing
	if err := u.saveTo(filepath.Join(t.TempDir(), "a.nianbao")); err != nil {
		t.Fatal(err)
	}
	release()
	l.until(t, "the autosave", func() bool { return !u.auto.writing })
	for _, ext := range []string{autosaveExt, infoExt, lockExt} {
		if _, err := os.Stat(u.auto.file(u.auto.id, ext)); err == nil {
			t.Errorf("the autosave's %s came back after the save", ext)
		}
	}
}

// Start offers the autosaves left by a crash however opening the file given ends: read,
// dropped (the document changed while it was read), or the question about the edits made
// meanwhile cancelled.
func TestStartOffersRecoveryOnEveryPath(t *testing.T) {
	for _, c := range []struct {
		name   string
		during func(v *UI) // runs while the file is read
		after  func(t *testing.T, v *UI)
	}{
		{"read", func(*UI) {}, nil},
		{"dropped", func(v *UI) { v.doc.gen++ }, nil},
		{"question cancelled", func(v *UI) { v.dirty = true; v.auto.changed() }, func(t *testing.T, v *UI) {
			if got := overlayText(v); !strings.Contains(got, "未保存的修改") {
				t.Fatalf("no question about the edits: %q", got)
			}
			tapButton(t, v, "取消")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			u := newTestUI(t)
			path := filepath.Join(t.TempDir(), "报告.nianbao")
			if err := u.saveTo(path); err != nil {
				t.Fatal(err)
			}
			crashedAutosave(t, u, "", time.Now())
			v := newTestWindowUI(t, u)
			v.auto.alive = func(int) bool { return false }
			settle(t, v, func() {
				v.Start([]string{path})
				c.during(v)
			})
			if c.after != nil {
				c.after(t, v)
			}
			if got := overlayText(v); !strings.Contains(got, "恢复未保存的内容") {
				t.Errorf("recovery not offered: %q", got)
			}
		})
	}
}
