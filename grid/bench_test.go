package grid

import (
	"context"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// benchTrialYear measures one trial-year on one goroutine: drawing the
// availability path, scoring the load and adding the outcome to a tally.
// It reports trial-years per second (of wall time: on a loaded machine,
// less than per second of CPU) and the mean number of steps (change
// points) per path.
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

// BenchmarkTrialYear is one trial-year of RBTS (11 units, 8736 hours) and
// of the synthetic 300-unit, 40 GW fleet with an 8760-hour load
// (fleet_test.go), on one goroutine whatever -cpu says.
func BenchmarkTrialYear(b *testing.B) {
	b.Run("RBTS", func(b *testing.B) { benchTrialYear(b, rbts(b)) })
	b.Run("Fleet300", func(b *testing.B) { benchTrialYear(b, fleet300(b)) })
}

// BenchmarkAdequacy runs whole Adequacy calls through the montecarlo
// runner with GOMAXPROCS workers (set by -cpu), to show the scaling across
// cores. Each op is a run of the stated number of trial-years; allocations
// are per run (setup: validation, load index, a simulator per worker), not
// per trial.
func BenchmarkAdequacy(b *testing.B) {
	for _, c := range []struct {
		sys    *System
		trials int64
	}{{rbts(b), 50000}, {fleet300(b), 1000}} {
		b.Run(c.sys.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Adequacy(context.Background(), c.sys, montecarlo.WithTrials(c.trials)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(c.trials)*float64(b.N)/b.Elapsed().Seconds(), "trial-years/s")
		})
	}
}

// BenchmarkZonalExact measures the exact zonal method on RBTS in two
// zones (rbtsTwoZones): one year of hours, every state in which a zone
// is short settled. It reports the settlements per second, the unit of
// its cost (see MaxExactStates).
func BenchmarkZonalExact(b *testing.B) {
	e, err := NewZonalExact(rbtsTwoZones(b))
	if err != nil {
		b.Fatal(err)
	}
	var n int64
	b.ReportAllocs()
	for b.Loop() {
		_, _, k, err := e.indices()
		if err != nil {
			b.Fatal(err)
		}
		n += k
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "settlements/s")
}
