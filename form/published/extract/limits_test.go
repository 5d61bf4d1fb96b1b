package extract

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nianbao/nianbao/form/fileio"
)

// Bounds every hostile input must be refused or read within. The time bound catches hangs
// and quadratic blow-ups (it is generous: tests run under -race on 2 shared cores); speed
// itself is measured by the benchmarks.
const (
	limitTime = 10 * time.Second * raceSlowdown
	limitHeap = 300 << 20
)

// measure runs f and returns how long it took and the peak of the heap it added, sampled
// every millisecond through runtime.MemStats.
func measure(f func()) (time.Duration, uint64) {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	base := m.HeapAlloc
	var peak atomic.Uint64
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var s runtime.MemStats
		for {
			runtime.ReadMemStats(&s)
			if s.HeapAlloc > base && s.HeapAlloc-base > peak.Load() {
				peak.Store(s.HeapAlloc - base)
			}
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	start := time.Now()
	f()
	d := time.Since(start)
	close(done)
	<-sampled
	return d, peak.Load()
}

// corpus holds the real published reports (and the files derived from them) that the tests
// read; they are shared with package published's end-to-end tests. See its SOURCES.md.
const corpus = "../testdata/corpus/"

// TestLimitsAreTheProjects: the readers' limits are the project's one set (package fileio),
// not numbers of their own that drift apart from it.
func TestLimitsAreTheProjects(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want int64
	}{
		{"MaxDOCXEntries", MaxDOCXEntries, fileio.MaxParts},
		{"MaxDOCXPart", MaxDOCXPart, fileio.MaxDocumentPart},
		{"MaxXMLTokens", MaxXMLTokens, fileio.MaxTokens},
		{"MaxXMLDepth", MaxXMLDepth, fileio.MaxDocumentDepth},
		{"MaxHTML", MaxHTML, fileio.MaxWebPage},
		{"MaxHTMLElements", MaxHTMLElements, fileio.MaxElements},
		{"MaxPDFPages", MaxPDFPages, fileio.MaxPages},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, want the fileio limit %d", c.name, c.got, c.want)
		}
	}
	// A PDF beyond fileio.MaxDocument is refused before it is read.
	if _, err := PDF(bytes.NewReader(nil), fileio.MaxDocument+1); !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), sizeText(fileio.MaxDocument)) {
		t.Errorf("PDF of MaxDocument+1 bytes: %v", err)
	}
}

// failing is a file whose reads fail with an English system error.
type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, errors.New("read /mnt/x: input/output error") }
func (failing) ReadAt([]byte, int64) (int, error) {
	return 0, errors.New("read /mnt/x: input/output error")
}

// TestReadErrorsInChinese: a file that cannot be read is refused with a Chinese message
// only, without the system's English error.
func TestReadErrorsInChinese(t *testing.T) {
	_, herr := HTML(failing{})
	_, perr := PDF(failing{}, 100)
	for _, err := range []error{herr, perr} {
		if err == nil || strings.Contains(err.Error(), "input/output") || !strings.Contains(err.Error(), "读取时出错") {
			t.Errorf("error %v; want a Chinese message only", err)
		}
	}
}
