package grid

import (
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// benchTrialYear measures one trial-year on one goroutine: drawing the
// availability path, scoring the load and adding the outcome to a tally.
func benchTrialYear(b *testing.B, sys *System) {
	sim, err := NewSimulator(sys.Units, len(sys.Load))
	if err != nil {
		b.Fatal(err)
	}
	lp, err := NewLoadProfile(sys.Load)
	if err != nil {
		b.Fatal(err)
	}
	acc := NewTally(len(sys.Load))
	var p Path
	var o Outcome
	var i int64
	steps := 0
	b.ReportAllocs()
	for b.Loop() {
		sim.Path(montecarlo.Trial{Seed: 1, Index: i}, &p)
		if err := Score(&p, lp, &o); err != nil {
			b.Fatal(err)
		}
		acc.Add(&o)
		steps += len(p.Steps)
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "trial-years/s")
	b.ReportMetric(float64(steps)/float64(i), "steps/trial")
}

func BenchmarkTrialYear(b *testing.B) {
	b.Run("RBTS", func(b *testing.B) { benchTrialYear(b, rbts(b)) })
	b.Run("Fleet300", func(b *testing.B) { benchTrialYear(b, fleet300(b)) })
}
