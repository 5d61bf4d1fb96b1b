package ui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/storage/repository"
)

// Fyne's save dialog hands its callback storage.Writer(location), and Fyne's own "file"
// repository makes that writer with os.Create: the chosen file is emptied the moment the
// user confirms, before nianbao writes a byte. A failing or cancelled save or export then
// leaves an empty file, the .bak of the old draft is lost (SaveDraft keeps no empty file)
// and the guard against saving over a newer version's draft sees an empty file and lets the
// save through. So the "file" scheme is served by lazyFiles: Fyne's repository for
// everything, but a writer that opens (and so creates or truncates) the file only when the
// first byte is written. The dialogs' writers are closed unwritten; every write of a user's
// file goes through fileio.Write.

// lazyFiles wraps the "file" repository the driver registered; its writers open the file
// only on the first Write.
type lazyFiles struct {
	inner repository.Repository
}

// guardMu serialises guardFileScheme (Fyne's repository table has no lock of its own).
var guardMu sync.Mutex

// guardFileScheme registers lazyFiles for the "file" scheme over the repository the driver
// registered (again after a driver, or a test app, registers its own).
func guardFileScheme() {
	guardMu.Lock()
	defer guardMu.Unlock()
	inner, err := repository.ForURI(storage.NewFileURI("/"))
	if err != nil {
		return
	}
	if _, ours := inner.(*lazyFiles); ours {
		return
	}
	repository.Register("file", &lazyFiles{inner: inner})
}

// Declared conformance: the file dialog needs listing, children and parents; the rest keeps
// storage's other functions working as with Fyne's own repository.
var (
	_ repository.WritableRepository     = (*lazyFiles)(nil)
	_ repository.AppendableRepository   = (*lazyFiles)(nil)
	_ repository.ListableRepository     = (*lazyFiles)(nil)
	_ repository.HierarchicalRepository = (*lazyFiles)(nil)
	_ repository.MovableRepository      = (*lazyFiles)(nil)
	_ repository.CopyableRepository     = (*lazyFiles)(nil)
	_ repository.DeleteAllRepository    = (*lazyFiles)(nil)
)

func (r *lazyFiles) Exists(u fyne.URI) (bool, error)               { return r.inner.Exists(u) }
func (r *lazyFiles) Reader(u fyne.URI) (fyne.URIReadCloser, error) { return r.inner.Reader(u) }
func (r *lazyFiles) CanRead(u fyne.URI) (bool, error)              { return r.inner.CanRead(u) }

// Destroy passes the un-registration on (Fyne's file repository does nothing).
func (r *lazyFiles) Destroy(scheme string) { r.inner.Destroy(scheme) }

// Writer returns a writer that creates or truncates the file only when written to.
func (r *lazyFiles) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	w, ok := r.inner.(repository.WritableRepository)
	if !ok {
		return nil, repository.ErrOperationNotSupported
	}
	return &lazyWriter{uri: u, open: func() (fyne.URIWriteCloser, error) { return w.Writer(u) }}, nil
}

func (r *lazyFiles) CanWrite(u fyne.URI) (bool, error) {
	if w, ok := r.inner.(repository.WritableRepository); ok {
		return w.CanWrite(u)
	}
	return false, repository.ErrOperationNotSupported
}

func (r *lazyFiles) Delete(u fyne.URI) error {
	if w, ok := r.inner.(repository.WritableRepository); ok {
		return w.Delete(u)
	}
	return repository.ErrOperationNotSupported
}

func (r *lazyFiles) DeleteAll(u fyne.URI) error {
	if w, ok := r.inner.(repository.DeleteAllRepository); ok {
		return w.DeleteAll(u)
	}
	return repository.ErrOperationNotSupported
}

// Appender is the inner repository's: appending never truncates.
func (r *lazyFiles) Appender(u fyne.URI) (fyne.URIWriteCloser, error) {
	if w, ok := r.inner.(repository.AppendableRepository); ok {
		return w.Appender(u)
	}
	return nil, repository.ErrOperationNotSupported
}

func (r *lazyFiles) CanList(u fyne.URI) (bool, error) {
	if l, ok := r.inner.(repository.ListableRepository); ok {
		return l.CanList(u)
	}
	return false, repository.ErrOperationNotSupported
}

func (r *lazyFiles) List(u fyne.URI) ([]fyne.URI, error) {
	if l, ok := r.inner.(repository.ListableRepository); ok {
		return l.List(u)
	}
	return nil, repository.ErrOperationNotSupported
}

func (r *lazyFiles) CreateListable(u fyne.URI) error {
	if l, ok := r.inner.(repository.ListableRepository); ok {
		return l.CreateListable(u)
	}
	return repository.ErrOperationNotSupported
}

func (r *lazyFiles) Parent(u fyne.URI) (fyne.URI, error) {
	if h, ok := r.inner.(repository.HierarchicalRepository); ok {
		return h.Parent(u)
	}
	return repository.GenericParent(u)
}

func (r *lazyFiles) Child(u fyne.URI, name string) (fyne.URI, error) {
	if h, ok := r.inner.(repository.HierarchicalRepository); ok {
		return h.Child(u, name)
	}
	return repository.GenericChild(u, name)
}

func (r *lazyFiles) Move(src, dst fyne.URI) error {
	if m, ok := r.inner.(repository.MovableRepository); ok {
		return m.Move(src, dst)
	}
	return repository.ErrOperationNotSupported
}

func (r *lazyFiles) Copy(src, dst fyne.URI) error {
	if c, ok := r.inner.(repository.CopyableRepository); ok {
		return c.Copy(src, dst)
	}
	return repository.ErrOperationNotSupported
}

// lazyWriter opens its file on the first Write; closed unwritten, it has touched nothing.
type lazyWriter struct {
	uri  fyne.URI
	open func() (fyne.URIWriteCloser, error)
	w    fyne.URIWriteCloser
}

func (l *lazyWriter) URI() fyne.URI { return l.uri }

func (l *lazyWriter) Write(p []byte) (int, error) {
	if l.w == nil {
		w, err := l.open()
		if err != nil {
			return 0, err
		}
		l.w = w
	}
	return l.w.Write(p)
}

func (l *lazyWriter) Close() error {
	if l.w == nil {
		return nil
	}
	return l.w.Close()
}
