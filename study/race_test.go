//go:build race

package study

// raceEnabled reports that the tests run under the race detector, which
// slows them several times: long statistical checks, which test no
// concurrency, run in the plain test phase only.
const raceEnabled = true
