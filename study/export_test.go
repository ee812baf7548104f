package study

import "testing"

// BenchStudy measures one paired trial-year of sc on one goroutine (see
// benchStudy), for the benchmarks of the external test package, which
// build their scenarios with package scenarios (itself importing study).
func BenchStudy(b *testing.B, sc *Scenario) { benchStudy(b, sc) }
