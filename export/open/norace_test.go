//go:build !race

package open

// raceEnabled is set when the race detector is on: it multiplies time and memory.
const raceEnabled = false
