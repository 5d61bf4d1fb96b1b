package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/form"
)

// AutosaveInterval is how often unsaved changes are written to the app's storage.
const AutosaveInterval = 30 * time.Second

// Each window autosaves to files of its own, named after an id unique to the window:
// autosave-<id>.nianbao (the report), autosave-<id>.json (the file it belongs to, when) and
// autosave-<id>.lock (the process id of the window's program). At start a window offers only
// autosaves whose lock names no running program — the leftovers of a crash — so a second
// copy of the app never offers, nor deletes, the autosave of a window that is still open.
const (
	autosavePrefix = "autosave-"
	autosaveExt    = form.DraftExt
	infoExt        = ".json"
	lockExt        = ".lock"
	// legacyName is the single autosave of versions before per-window autosaves.
	legacyName = "autosave"
)

// windowSeq numbers the windows of this process, for their autosave ids.
var windowSeq atomic.Int64

// autosaveInfo is written next to the autosave so that recovery knows the original file.
type autosaveInfo struct {
	Path  string `json:"path,omitempty"`
	Saved string `json:"saved"`
	PID   int    `json:"pid,omitempty"`
}

// autosaver writes one window's unsaved changes to the app's storage, never to the user's
// file, and finds the autosaves other windows left behind.
type autosaver struct {
	dir string
	id  string
	pid int
	// alive reports whether a process runs (replaced in tests to simulate a crash).
	alive func(pid int) bool
	// write writes a file atomically (replaced in tests to simulate a full disk).
	write func(path string, data []byte) error

	gen, savedGen int // edits since start; edits written
	stop          chan struct{}
	// claimed are other windows' leftovers this window has offered and not yet settled.
	claimed map[string]bool
}

func newAutosaver(dir string) *autosaver {
	pid := os.Getpid()
	return &autosaver{
		dir:     dir,
		id:      fmt.Sprintf("%d-%d", pid, windowSeq.Add(1)),
		pid:     pid,
		alive:   processAlive,
		write:   form.WriteFileAtomic,
		claimed: map[string]bool{},
	}
}

func (a *autosaver) file(id, ext string) string {
	if id == legacyName {
		return filepath.Join(a.dir, legacyName+ext)
	}
	return filepath.Join(a.dir, autosavePrefix+id+ext)
}

// path is this window's autosave.
func (a *autosaver) path() string { return a.file(a.id, autosaveExt) }

// changed counts an edit.
func (a *autosaver) changed() { a.gen++ }

// pending reports whether there are edits not yet autosaved.
func (a *autosaver) pending() bool { return a.gen != a.savedGen }

// save writes the report (belonging to file path, "" when unsaved) unless nothing changed
// since the last autosave. The error says why it failed in words a clerk understands.
func (a *autosaver) save(r *form.Report, path string, now time.Time) error {
	if !a.pending() || a.dir == "" {
		return nil
	}
	if err := os.MkdirAll(a.dir, 0o755); err != nil {
		return autosaveError(a.dir, err)
	}
	data, err := form.MarshalDraft(r, now)
	if err != nil {
		return err
	}
	lock := []byte(strconv.Itoa(a.pid) + "\n")
	if err := a.write(a.file(a.id, lockExt), lock); err != nil {
		return autosaveError(a.dir, err)
	}
	if err := a.write(a.path(), data); err != nil {
		return autosaveError(a.dir, err)
	}
	info, _ := json.Marshal(autosaveInfo{Path: path, Saved: now.Format(time.RFC3339), PID: a.pid})
	if err := a.write(a.file(a.id, infoExt), info); err != nil {
		return autosaveError(a.dir, err)
	}
	a.savedGen = a.gen
	return nil
}

// autosaveError explains a failed autosave: a full disk, a folder that cannot be written.
func autosaveError(dir string, err error) error {
	reason := err.Error()
	var pe *os.PathError
	if errors.As(err, &pe) {
		reason = pe.Err.Error()
	}
	switch {
	case isDiskFull(err):
		reason = "磁盘已满"
	case isReadOnly(err):
		reason = "磁盘为只读"
	case errors.Is(err, os.ErrPermission):
		reason = "没有写入权限（文件夹可能只读）"
	case errors.Is(err, os.ErrNotExist):
		reason = "文件夹不存在"
	case strings.Contains(reason, "not a directory"):
		reason = "保存位置不是文件夹"
	}
	return fmt.Errorf("自动保存失败：%s（%s）", reason, dir)
}

// clear removes this window's autosave (after a save, a new report or a clean exit).
func (a *autosaver) clear() {
	a.savedGen = a.gen
	if a.dir == "" {
		return
	}
	a.remove(a.id)
}

func (a *autosaver) remove(id string) {
	for _, ext := range []string{autosaveExt, infoExt, lockExt} {
		os.Remove(a.file(id, ext))
	}
}

// start saves every interval (through the UI thread) until stopped.
func (a *autosaver) start(every time.Duration, tick func()) {
	a.stop = make(chan struct{})
	stop := a.stop
	go func() {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(tick)
			}
		}
	}()
}

// close stops the timer and removes this window's autosave and its claims on leftovers
// not yet settled (they are offered again next time).
func (a *autosaver) close() {
	if a.stop != nil {
		close(a.stop)
		a.stop = nil
	}
	a.clear()
	for id := range a.claimed {
		os.Remove(a.file(id, lockExt))
	}
	a.claimed = map[string]bool{}
}

// leftover is an autosave of a window that did not end cleanly.
type leftover struct {
	id     string
	report *form.Report
	info   autosaveInfo
}

// leftovers finds the autosaves whose window's program no longer runs, newest first, and
// claims them for this window (a window started meanwhile does not offer them too).
func (a *autosaver) leftovers() []leftover {
	if a.dir == "" {
		return nil
	}
	entries, err := os.ReadDir(a.dir)
	if err != nil {
		return nil
	}
	var out []leftover
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, autosaveExt) {
			continue
		}
		id := strings.TrimSuffix(name, autosaveExt)
		if id != legacyName {
			if !strings.HasPrefix(id, autosavePrefix) {
				continue
			}
			id = strings.TrimPrefix(id, autosavePrefix)
		}
		if id == a.id || a.running(id) {
			continue
		}
		r, _, err := open.Open(a.file(id, autosaveExt)) // read as a draft, through fileio's limits
		if ro, ok := form.AsReadOnly(err); ok {
			r, err = ro.Report, nil // a newer version's autosave: recovered as a new, unsaved report
		}
		if err != nil {
			continue
		}
		l := leftover{id: id, report: r}
		if b, err := os.ReadFile(a.file(id, infoExt)); err == nil {
			_ = json.Unmarshal(b, &l.info)
		}
		out = append(out, l)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].info.Saved > out[j].info.Saved })
	for _, l := range out {
		if a.write(a.file(l.id, lockExt), []byte(strconv.Itoa(a.pid)+"\n")) == nil {
			a.claimed[l.id] = true
		}
	}
	return out
}

// running reports whether the autosave id belongs to a program that still runs: its lock
// names a live process. An autosave without a lock (older versions) belongs to nobody.
func (a *autosaver) running(id string) bool {
	b, err := os.ReadFile(a.file(id, lockExt))
	if err != nil {
		return false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	return err == nil && a.alive(pid)
}

// settle removes a leftover once the user recovered or discarded it.
func (a *autosaver) settle(id string) {
	delete(a.claimed, id)
	a.remove(id)
}

// autosave writes the unsaved changes of this window now (at a step change and every
// AutosaveInterval). A failure is shown once in the status line with its reason, until an
// autosave works again; the clerk must not believe a recovery copy exists when it does not.
func (u *UI) autosave() {
	if !u.dirty {
		return
	}
	if err := u.auto.save(u.rep, u.path, u.now()); err != nil {
		u.status.fail(err.Error() + "。请用「文件 › 保存」保存到其他位置。")
		return
	}
	u.status.recovered("自动保存已恢复正常。")
}

// offerRecovery asks, one at a time, whether to restore each autosave that a window which did
// not end cleanly left behind. Autosaves of windows still open are never offered.
func (u *UI) offerRecovery() {
	u.offerNext(u.auto.leftovers())
}

func (u *UI) offerNext(ls []leftover) {
	if len(ls) == 0 {
		return
	}
	l := ls[0]
	when := ""
	if t, err := time.Parse(time.RFC3339, l.info.Saved); err == nil {
		when = t.Local().Format("2006-01-02 15:04")
	}
	name := l.report.Title()
	if l.info.Path != "" {
		name = filepath.Base(l.info.Path)
	}
	// One fact a line: the time must not break across lines ("2\n026-11-22").
	msg := widget.NewLabel(fmt.Sprintf("上次意外退出时有未保存的修改。\n文件：%s\n自动保存于：%s\n是否恢复这些内容？", name, when))
	msg.Wrapping = fyne.TextWrapBreak
	d := dialog.NewCustomConfirm("恢复未保存的内容", "恢复", "放弃", container.NewPadded(msg), func(yes bool) {
		if yes {
			// Settled only once recovered: cancelling the save question keeps it for later.
			u.confirmDiscard(func() { u.recover(l); u.auto.settle(l.id) })
		} else {
			u.auto.settle(l.id)
		}
		u.offerNext(ls[1:])
	}, u.win)
	d.Resize(fitWindow(fyne.NewSize(480, 220), u.win))
	d.Show()
}

// recover makes an autosaved report current; it stays unsaved until the user saves, and is
// autosaved again at once as this window's own.
func (u *UI) recover(l leftover) {
	u.switchTo(l.report, l.info.Path)
	u.dirty = true
	u.auto.changed()
	u.updateTitle()
	u.autosave()
}
