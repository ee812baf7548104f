//go:build race

package main

// raceEnabled reports that the tests run under the race detector, which
// slows the instrumented test process several times against the command
// it builds.
const raceEnabled = true
