package published

import (
	"math/rand"
	"os"
	"testing"
	"time"
)

func TestHang(t *testing.T) {
	var seeds [][]byte
	for _, n := range []string{"seed000", "seed002", "seed003", "seed004", "r2021_tabs_contradiction", "r2021_lines_slash"} {
		b, _ := os.ReadFile("testdata/" + n + ".txt")
		seeds = append(seeds, b)
	}
	rng := rand.New(rand.NewSource(2))
	worst := time.Duration(0)
	for i := 0; i < 3000; i++ {
		b := append([]byte(nil), seeds[rng.Intn(len(seeds))]...)
		for k := 0; k < 1+rng.Intn(12); k++ {
			switch rng.Intn(4) {
			case 0:
				p := rng.Intn(len(b))
				b = append(b[:p], b[p+rng.Intn(min(500, len(b)-p)):]...)
			case 1:
				p := rng.Intn(len(b))
				b[p] = byte(rng.Intn(256))
			case 2, 3:
				p, q := rng.Intn(len(b)), rng.Intn(len(b))
				if p > q {
					p, q = q, p
				}
				if len(b)+(q-p) < 1<<16 {
					b = append(b[:p:p], append(append([]byte(nil), b[p:q]...), b[p:]...)...)
				}
			}
		}
		start := time.Now()
		done := make(chan bool)
		go func() { Read(b); close(done) }()
		select {
		case <-done:
			if d := time.Since(start); d > worst {
				worst = d
				os.WriteFile("/tmp/slow.txt", b, 0o644)
				t.Logf("%d: %v for %d bytes", i, d, len(b))
			}
		case <-time.After(5 * time.Second):
			os.WriteFile("/tmp/hang.txt", b, 0o644)
			t.Fatalf("hang at %d", i)
		}
	}
}
