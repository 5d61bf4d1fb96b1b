package ui

import (
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// newTestWindowUI is a second window of the same program over the same storage.
func newTestWindowUI(t *testing.T, u *UI) *UI {
	w := test.NewWindow(nil)
	u2 := newUI(u.app, w, u.auto.dir)
	t.Cleanup(func() {
		if !u2.closed {
			w.Close()
		}
	})
	return u2
}

// Two windows keep separate autosaves: the second neither offers the first one's autosave
// nor deletes it, not even when it closes; after the first one's program has gone, its
// autosave is offered.
func TestTwoWindowsKeepSeparateAutosaves(t *testing.T) {
	a := newTestUI(t)
	typeInto(a, a.table(t, 2).cell(t, "active.rules.issued"), "3")
	a.autosave()
	b := newTestWindowUI(t, a)
	b.newReport(a.rep.Format, 2025, "乙局")
	typeInto(b, b.table(t, 2).cell(t, "active.rules.issued"), "8")
	b.autosave()
	if a.auto.path() == b.auto.path() {
		t.Fatalf("both windows autosave to %s", a.auto.path())
	}
	for _, u := range []*UI{a, b} {
		if _, err := os.Stat(u.auto.path()); err != nil {
			t.Fatalf("no autosave: %v", err)
		}
	}
	// A third window of the same (running) program is offered nothing.
	c := newTestWindowUI(t, a)
	c.offerRecovery()
	if top := c.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("a window offers another open window's autosave: %q", strings.Join(texts(top), "|"))
	}
	// Closing the second window (without saving) removes its own autosave only.
	b.onClose()
	tapButton(t, b, "不保存")
	if _, err := os.Stat(a.auto.path()); err != nil {
		t.Errorf("closing the second window deleted the first one's autosave: %v", err)
	}
	if _, err := os.Stat(b.auto.path()); err == nil {
		t.Error("the second window's autosave stays after a clean close")
	}
	// The first window's program dies: its autosave is a leftover now, offered once.
	d := newTestWindowUI(t, a)
	d.auto.alive = func(pid int) bool { return false }
	d.offerRecovery()
	top := d.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(strings.Join(texts(top), "|"), "恢复") {
		t.Fatal("the crashed window's autosave is not offered")
	}
	e := newTestWindowUI(t, a)
	if ls := e.auto.leftovers(); len(ls) != 0 {
		t.Errorf("a leftover being offered by one window is offered by another too")
	}
	// 放弃 deletes it.
	tapButton(t, d, "放弃")
	if _, err := os.Stat(a.auto.path()); err == nil {
		t.Error("放弃 left the autosave")
	}
	// The real process check: this test's own process runs, a finished one does not.
	if !processAlive(os.Getpid()) || processAlive(0) {
		t.Error("processAlive is wrong about this process")
	}
}

// A failing autosave (full disk, a folder that cannot be written) shows in the status line
// once, with the reason, until autosaving works again.
func TestAutosaveFailureShown(t *testing.T) {
	u := newTestUI(t)
	writes := 0
	full := &os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}
	u.auto.write = func(string, []byte) error { writes++; return full }
	typeInto(u, u.table(t, 2).cell(t, "active.rules.issued"), "3")
	u.autosave()
	msg := u.status.text()
	if !strings.Contains(msg, "自动保存失败") || !strings.Contains(msg, "磁盘已满") || u.status.label.Importance != widget.DangerImportance {
		t.Fatalf("status after a full disk: %q (importance %v)", msg, u.status.label.Importance)
	}
	typeInto(u, u.table(t, 2).cell(t, "active.rules.issued"), "4")
	u.status.note("已保存")
	u.autosave()
	if u.status.text() != msg {
		t.Errorf("the failure did not stay shown once: %q", u.status.text())
	}
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("an autosave failure pops up a dialog")
	}
	// It works again.
	u.auto.write = func(p string, b []byte) error { return os.WriteFile(p, b, 0o644) }
	u.autosave()
	if !strings.Contains(u.status.text(), "已恢复") {
		t.Errorf("status after autosaving again: %q", u.status.text())
	}
	// A storage folder that is not a folder (root can write anywhere, so a read-only folder
	// cannot be made here).
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	u.auto.dir = filepath.Join(blocker, "nianbao")
	typeInto(u, u.table(t, 2).cell(t, "active.rules.issued"), "5")
	u.autosave()
	if s := u.status.text(); !strings.Contains(s, "自动保存失败") || !strings.Contains(s, "不是文件夹") {
		t.Errorf("status with a blocked folder: %q", s)
	}
	if writes == 0 {
		t.Error("the failing writer was not used")
	}
}

// tapButton taps the button with the text in the top dialog.
func tapButton(t *testing.T, u *UI, text string) {
	t.Helper()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog with %q", text)
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q in %q", text, strings.Join(texts(top), "|"))
}

// At start-up the temporary files that saves killed before their rename left in the app's
// folder are removed; a save still running (a young temporary file) and the autosaves stay.
func TestStartRemovesStaleTemps(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	stale := filepath.Join(dir, ".autosave-1.nianbao.123456.tmp")
	young := filepath.Join(dir, ".autosave-2.nianbao.654321.tmp")
	keep := filepath.Join(dir, "autosave-3.nianbao")
	for _, p := range []string{stale, young, keep} {
		if err := os.WriteFile(p, []byte("{"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	newUI(u.app, w, dir)
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the stale temporary file stayed (%v)", err)
	}
	for _, p := range []string{young, keep} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
}

// Closing the window while a background autosave writes waits for it (bounded), then
// removes what it wrote: an exit mid-write leaves no lock and draft behind, which the next
// start would offer as a crash's.
func TestCloseWaitsForBackgroundAutosave(t *testing.T) {
	u := newTestUI(t)
	typeInto(u, u.table(t, 2).cell(t, "active.rules.issued"), "3")
	u.do = func(func()) {} // the write's report back is not needed here
	u.auto.background = true
	release := make(chan struct{})
	var inWrite atomic.Bool
	write := u.auto.write
	u.auto.write = func(path string, data []byte) error {
		if strings.HasSuffix(path, autosaveExt) {
			inWrite.Store(true)
			<-release
			defer inWrite.Store(false)
		}
		return write(path, data)
	}
	u.autosave()
	for !inWrite.Load() {
		time.Sleep(time.Millisecond)
	}
	go func() {
		time.Sleep(100 * time.Millisecond)
		close(release)
	}()
	u.auto.close()
	if inWrite.Load() {
		t.Error("close returned while the autosave was still writing")
	}
	for _, ext := range []string{lockExt, autosaveExt, infoExt} {
		if _, err := os.Stat(u.auto.file(u.auto.id, ext)); err == nil {
			t.Errorf("close left %s behind", filepath.Base(u.auto.file(u.auto.id, ext)))
		}
	}
}
