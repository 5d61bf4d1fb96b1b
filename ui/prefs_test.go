package ui

import (
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// The tests share one Fyne test app: every new test app clears Fyne's font cache, and the
// bundled Chinese font is parsed again for the next measurement (tens of MB each time, kept
// by the text shaper's cache), which made a race run of this package need many GB. Each
// test gets fresh preferences of its own instead.
var (
	sharedOnce sync.Once
	sharedBase fyne.App
)

// prefsApp is the shared app with preferences of its own.
type prefsApp struct {
	fyne.App
	prefs *memPrefs
}

func (a *prefsApp) Preferences() fyne.Preferences { return a.prefs }

// newSharedApp returns the shared test app (made current) with empty preferences.
func newSharedApp(t testing.TB) fyne.App {
	t.Helper()
	sharedOnce.Do(func() {
		sharedBase = test.NewApp()
		sharedBase.Settings().SetTheme(newTheme())
	})
	fyne.SetCurrentApp(sharedBase)
	return &prefsApp{App: sharedBase, prefs: newMemPrefs()}
}

// memPrefs is an in-memory fyne.Preferences.
type memPrefs struct {
	mu        sync.Mutex
	values    map[string]any
	listeners []func()
}

func newMemPrefs() *memPrefs { return &memPrefs{values: map[string]any{}} }

func get[T any](p *memPrefs, key string, fallback T) T {
	p.mu.Lock()
	defer p.mu.Unlock()
	if v, ok := p.values[key].(T); ok {
		return v
	}
	return fallback
}

func set[T any](p *memPrefs, key string, v T) {
	p.mu.Lock()
	p.values[key] = v
	ls := append([]func(){}, p.listeners...)
	p.mu.Unlock()
	for _, l := range ls {
		l()
	}
}

func (p *memPrefs) Bool(k string) bool                     { return get(p, k, false) }
func (p *memPrefs) BoolWithFallback(k string, f bool) bool { return get(p, k, f) }
func (p *memPrefs) SetBool(k string, v bool)               { set(p, k, v) }
func (p *memPrefs) BoolList(k string) []bool               { return get[[]bool](p, k, nil) }
func (p *memPrefs) BoolListWithFallback(k string, f []bool) []bool {
	return get(p, k, f)
}
func (p *memPrefs) SetBoolList(k string, v []bool) { set(p, k, v) }
func (p *memPrefs) Float(k string) float64         { return get(p, k, 0.0) }
func (p *memPrefs) FloatWithFallback(k string, f float64) float64 {
	return get(p, k, f)
}
func (p *memPrefs) SetFloat(k string, v float64) { set(p, k, v) }
func (p *memPrefs) FloatList(k string) []float64 { return get[[]float64](p, k, nil) }
func (p *memPrefs) FloatListWithFallback(k string, f []float64) []float64 {
	return get(p, k, f)
}
func (p *memPrefs) SetFloatList(k string, v []float64)  { set(p, k, v) }
func (p *memPrefs) Int(k string) int                    { return get(p, k, 0) }
func (p *memPrefs) IntWithFallback(k string, f int) int { return get(p, k, f) }
func (p *memPrefs) SetInt(k string, v int)              { set(p, k, v) }
func (p *memPrefs) IntList(k string) []int              { return get[[]int](p, k, nil) }
func (p *memPrefs) IntListWithFallback(k string, f []int) []int {
	return get(p, k, f)
}
func (p *memPrefs) SetIntList(k string, v []int)          { set(p, k, v) }
func (p *memPrefs) String(k string) string                { return get(p, k, "") }
func (p *memPrefs) StringWithFallback(k, f string) string { return get(p, k, f) }
func (p *memPrefs) SetString(k string, v string)          { set(p, k, v) }
func (p *memPrefs) StringList(k string) []string          { return get[[]string](p, k, nil) }
func (p *memPrefs) StringListWithFallback(k string, f []string) []string {
	return get(p, k, f)
}
func (p *memPrefs) SetStringList(k string, v []string) { set(p, k, v) }
func (p *memPrefs) RemoveValue(k string) {
	p.mu.Lock()
	delete(p.values, k)
	p.mu.Unlock()
}
func (p *memPrefs) AddChangeListener(f func()) {
	p.mu.Lock()
	p.listeners = append(p.listeners, f)
	p.mu.Unlock()
}
func (p *memPrefs) ChangeListeners() []func() {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]func(){}, p.listeners...)
}

var _ fyne.Preferences = (*memPrefs)(nil)
