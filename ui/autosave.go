package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/nianbao/nianbao/export/open"
	"github.com/nianbao/nianbao/form"
	"github.com/nianbao/nianbao/form/fileio"
)

// AutosaveInterval is how often unsaved changes are written to the app's storage.
const AutosaveInterval = 30 * time.Second

// Each window autosaves to files of its own, named after an id unique to the window:
// autosave-<id>.nianbao (the report), autosave-<id>.json (the file it belongs to, when) and
// autosave-<id>.lock (the process id of the window's program and when that process started,
// so that a later process given the same id does not count as the owner). At start a window
// offers only autosaves whose lock names no running program — the leftovers of a crash — so
// a second copy of the app never offers, nor deletes, the autosave of a window that is still
// open.
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
	// startedAt is when this process started (processStart), "" when the system cannot tell.
	startedAt string
	// alive reports whether a process runs (replaced in tests to simulate a crash).
	alive func(pid int) bool
	// started is processStart (replaced in tests to simulate a process id used again).
	started func(pid int) string
	// write writes a file atomically (replaced in tests to simulate a full disk).
	write func(path string, data []byte) error
	// background writes autosaves off the UI thread (the app; tests write at once).
	background bool
	// writing is set while a background autosave writes.
	writing bool
	// writes counts the background writes (autosaveJob.run) not yet finished: close waits
	// for them (at most closeWait), so that an exit mid-write leaves no lock and draft behind.
	writes    sync.WaitGroup
	closeWait time.Duration

	gen, savedGen int // edits since start; edits written
	// epoch counts the clears (under mu), so that a background write begun before a clear
	// leaves nothing behind it.
	mu    sync.Mutex
	epoch int
	stop  chan struct{}
	// claimed are other windows' leftovers this window has offered and not yet settled.
	claimed map[string]bool
}

func newAutosaver(dir string) *autosaver {
	pid := os.Getpid()
	return &autosaver{
		dir:       dir,
		id:        fmt.Sprintf("%d-%d", pid, windowSeq.Add(1)),
		pid:       pid,
		startedAt: processStart(pid),
		alive:     processAlive,
		started:   processStart,
		write:     form.WriteFileAtomic,
		claimed:   map[string]bool{},
		closeWait: 2 * time.Second,
	}
}

// lock is the content of this process's locks: its id and start.
func (a *autosaver) lock() []byte {
	return []byte(strconv.Itoa(a.pid) + "\n" + a.startedAt + "\n")
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

// autosaveJob is one autosave: the files' contents, taken on the UI thread, to be written
// (possibly in the background) by run.
type autosaveJob struct {
	a           *autosaver
	draft, info []byte
	gen, epoch  int
}

// snapshot takes what an autosave of the report (belonging to file path, "" when unsaved)
// writes; nil when nothing changed since the last autosave.
func (a *autosaver) snapshot(r *form.Report, path string, now time.Time) (*autosaveJob, error) {
	if !a.pending() || a.dir == "" {
		return nil, nil
	}
	data, err := form.MarshalDraft(r, now)
	if err != nil {
		return nil, err
	}
	info, _ := json.Marshal(autosaveInfo{Path: path, Saved: now.Format(time.RFC3339), PID: a.pid})
	a.mu.Lock()
	epoch := a.epoch
	a.mu.Unlock()
	return &autosaveJob{a: a, draft: data, info: info, gen: a.gen, epoch: epoch}, nil
}

// run writes the job's files, unless this window's autosave was cleared since the snapshot
// (the report was saved or replaced meanwhile); a clear during the writing removes them
// again at its end. The error says why it failed in words a clerk understands. It touches
// no state of the UI and may run on any goroutine (one job at a time: autosaver.writing).
func (j *autosaveJob) run() error {
	a := j.a
	if !j.current() {
		return nil
	}
	if err := os.MkdirAll(a.dir, 0o755); err != nil {
		return autosaveError(a.dir, err)
	}
	for _, f := range []struct {
		ext  string
		data []byte
	}{{lockExt, a.lock()}, {autosaveExt, j.draft}, {infoExt, j.info}} {
		if err := a.write(a.file(a.id, f.ext), f.data); err != nil {
			return autosaveError(a.dir, err)
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.epoch != j.epoch {
		a.remove(a.id) // cleared while writing: what was written is out of date
	}
	return nil
}

// current reports whether the autosave was not cleared since the job's snapshot.
func (j *autosaveJob) current() bool {
	j.a.mu.Lock()
	defer j.a.mu.Unlock()
	return j.a.epoch == j.epoch
}

// done records a job written without error (on the UI thread).
func (a *autosaver) done(j *autosaveJob) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.epoch == j.epoch {
		a.savedGen = j.gen
	}
}

// save writes the report (belonging to file path, "" when unsaved) at once unless nothing
// changed since the last autosave.
func (a *autosaver) save(r *form.Report, path string, now time.Time) error {
	j, err := a.snapshot(r, path, now)
	if j == nil || err != nil {
		return err
	}
	if err := j.run(); err != nil {
		return err
	}
	a.done(j)
	return nil
}

// autosaveReasons say what a failure of the system means for an autosave, first match wins;
// errors are told apart by their values (errors.Is), never by their English text.
var autosaveReasons = []struct {
	match  func(error) bool
	reason string
}{
	{isDiskFull, "磁盘已满"},
	{isReadOnly, "磁盘为只读"},
	{isNotDir, "保存位置不是文件夹"},
	{func(err error) bool { return errors.Is(err, fs.ErrPermission) }, "没有写入权限（文件夹可能只读）"},
	{func(err error) bool { return errors.Is(err, fs.ErrNotExist) }, "文件夹不存在"},
	{func(err error) bool { return errors.Is(err, syscall.ENAMETOOLONG) }, "路径过长"},
	{func(err error) bool { return errors.Is(err, syscall.EIO) }, "磁盘读写出错"},
}

// autosaveError explains a failed autosave: a full disk, a folder that cannot be written.
func autosaveError(dir string, err error) error {
	reason := "无法写入"
	var we *fileio.WriteError
	if errors.As(err, &we) && we.Reason != "" {
		reason = we.Reason // already Chinese
	}
	for _, r := range autosaveReasons {
		if r.match(err) {
			reason = r.reason
			break
		}
	}
	return fmt.Errorf("自动保存失败：%s（%s）", reason, dir)
}

// clear removes this window's autosave (after a save, a new report or a clean exit).
func (a *autosaver) clear() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.epoch++
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

// start autosaves every interval (the snapshot on the UI thread, the writing in the
// background) until stopped.
func (a *autosaver) start(every time.Duration, tick func()) {
	a.background = true // the app's autosaves write off the UI thread
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
	a.wait()
	a.clear()
	for id := range a.claimed {
		os.Remove(a.file(id, lockExt))
	}
	a.claimed = map[string]bool{}
}

// wait waits until the background writes have finished, at most closeWait (a write hung on
// a dead network drive does not keep the window from closing).
func (a *autosaver) wait() {
	ended := make(chan struct{})
	go func() {
		a.writes.Wait()
		close(ended)
	}()
	select {
	case <-ended:
	case <-time.After(a.closeWait):
	}
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
		if a.write(a.file(l.id, lockExt), a.lock()) == nil {
			a.claimed[l.id] = true
		}
	}
	return out
}

// running reports whether the autosave id belongs to a program that still runs: its lock
// names a live process that started when the lock says (a process given the id later, or
// an ended one not yet reaped, does not count). An autosave without a lock (older versions)
// belongs to nobody; a lock without a start (older versions, or a system that cannot tell)
// is checked by the id alone.
func (a *autosaver) running(id string) bool {
	b, err := os.ReadFile(a.file(id, lockExt))
	if err != nil {
		return false
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(lines[0]))
	if err != nil || !a.alive(pid) {
		return false
	}
	if len(lines) < 2 || strings.TrimSpace(lines[1]) == "" {
		return true
	}
	now := a.started(pid)
	return now == "" || now == strings.TrimSpace(lines[1])
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
	j, err := u.auto.snapshot(u.rep, u.path, u.now())
	switch {
	case err != nil:
		u.autosaved(nil, err)
		return
	case j == nil:
		return
	case !u.auto.background:
		u.autosaved(j, j.run())
		return
	case u.auto.writing:
		return // the next autosave writes these edits
	}
	u.auto.writing = true
	u.auto.writes.Add(1)
	go func() {
		err := j.run()
		u.auto.writes.Done() // before handing back: close waits on the UI thread
		u.do(func() {
			u.auto.writing = false
			u.autosaved(j, err)
		})
	}()
}

// autosaved reports an autosave's end in the status line (on the UI thread).
func (u *UI) autosaved(j *autosaveJob, err error) {
	if err != nil {
		u.status.fail(err.Error() + "。请用「文件 › 保存」保存到其他位置。")
		return
	}
	u.auto.done(j)
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
	text := fmt.Sprintf("上次意外退出时有未保存的修改。\n文件：%s\n自动保存于：%s\n", name, when)
	if older, saved := l.olderThanFile(); older {
		text += fmt.Sprintf("自动保存的副本比文件旧（文件保存于 %s），建议放弃。\n", saved.Local().Format("2006-01-02 15:04"))
	}
	msg := widget.NewLabel(text + "是否恢复这些内容？")
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

// olderThanFile reports whether the file the leftover belongs to was saved after the
// autosave was written (then recovering would put older contents in its stead), and when.
func (l leftover) olderThanFile() (bool, time.Time) {
	if l.info.Path == "" {
		return false, time.Time{}
	}
	saved, err := time.Parse(time.RFC3339, l.info.Saved)
	if err != nil {
		return false, time.Time{}
	}
	st, err := os.Stat(l.info.Path)
	if err != nil {
		return false, time.Time{}
	}
	// The autosave's time has whole seconds: the file counts as newer a second after it.
	return st.ModTime().After(saved.Add(time.Second)), st.ModTime()
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
