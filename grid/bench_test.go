package grid

import (
	"context"
	"syscall"
	"testing"
	"time"

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

// BenchmarkDispatchYear is one paired trial-year of economic dispatch on
// the synthetic three-zone radial system (synthZonal: 200 units in 14
// tiers, hydro, wind and solar classes, heat waves, a failing
// corridor), as a study would run it: the trial's outages sampled with
// the dispatch recorder on, the worker prepared, then every hour
// dispatched for a baseline and for a carve-out case of 2,000 MW (half
// north, half south), hour by hour, the two cases interleaved as a
// study runs them. It reports the nanoseconds per
// hour dispatched (the dispatch calls alone, wall time), the
// microseconds of Sample and Prepare per trial, trial-years per second
// of the whole, and the process's CPU time per trial (on a shared
// machine, steadier than the wall clock).
func BenchmarkDispatchYear(b *testing.B) {
	sys := synthZonal(b, 14000, true)
	hours := len(sys.Zones[0].Load)
	thermal, spans := synthHeat(hours)
	nz := len(sys.Zones)
	series := make([][]float64, nz)
	withSeries := make([][]float64, nz)
	for z := range series {
		series[z] = sys.Zones[z].Load
		withSeries[z] = append([]float64(nil), series[z]...)
		if z < 2 {
			for h := range withSeries[z] {
				withSeries[z][h] += 1000
			}
		}
	}
	_, av, w := newDispatchWorker(b, sys)
	base, with := w.d.NewTotals(), w.d.NewTotals()
	load, withLoad := make([]float64, nz), make([]float64, nz)
	var i int64
	var hourNS, prepNS time.Duration
	cpu0 := cpuTime()
	b.ReportAllocs()
	for b.Loop() {
		t0 := time.Now()
		av.Sample(montecarlo.Trial{Seed: 1, Index: i}, thermal, spans)
		if err := w.Prepare(); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		base.Reset()
		with.Reset()
		for h := range hours {
			for z := range load {
				load[z], withLoad[z] = series[z][h], withSeries[z][h]
			}
			if err := w.Hour(h, load, 1, base); err != nil {
				b.Fatal(err)
			}
			if err := w.Hour(h, withLoad, 1, with); err != nil {
				b.Fatal(err)
			}
		}
		hourNS += time.Since(t1)
		prepNS += t1.Sub(t0)
		i++
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(hourNS.Nanoseconds())/float64(i*int64(2*hours)), "ns/hour")
	b.ReportMetric(float64(prepNS.Microseconds())/float64(i), "µs-sample/trial")
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "trial-years/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(i), "cpu-µs/trial")
}

// cpuTime returns the process's user and system CPU time: on a shared
// machine a steadier measure of work than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSampleZonal is the sampling of BenchmarkDispatchYear's system
// without the dispatch recorder, for comparison.
func BenchmarkSampleZonal(b *testing.B) {
	sys := synthZonal(b, 14000, true)
	thermal, spans := synthHeat(len(sys.Zones[0].Load))
	n, err := NetworkOf(sys)
	if err != nil {
		b.Fatal(err)
	}
	av, err := n.NewAvailability()
	if err != nil {
		b.Fatal(err)
	}
	var i int64
	b.ReportAllocs()
	for b.Loop() {
		av.Sample(montecarlo.Trial{Seed: 1, Index: i}, thermal, spans)
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "trial-years/s")
}
