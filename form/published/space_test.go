package published

import "testing"

// The importer trims with form.IsSpace: zero-width characters at a value's ends go.
func TestCleanSpace(t *testing.T) {
	for in, want := range map[string]string{
		"\u2060某某局\u200d":       "某某局",
		"\u180e\u3000 12\u200c": "12",
	} {
		if got := cleanSpace(in); got != want {
			t.Errorf("cleanSpace(%q) = %q, want %q", in, got, want)
		}
	}
}
