//go:build race

package published

// raceEnabled: the race detector changes what allocates, so memory bounds are not checked.
const raceEnabled = true
