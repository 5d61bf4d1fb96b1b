//go:build race

package extract

// The race detector slows the readers several times over: time bounds are scaled by this.
const raceSlowdown = 5
