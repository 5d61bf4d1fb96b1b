package pdf

import (
	"bytes"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/form"
)

// TestConcurrentWrites builds documents in parallel; they share the parsed
// font cache and the embedded font bytes (run with -race).
func TestConcurrentWrites(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b bytes.Buffer
			if err := Write(&b, form.Sample(form.Latest), testOptions()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}
