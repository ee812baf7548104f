package study

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/carveout/carveout/montecarlo"
)

// allocated returns the bytes f allocates.
func allocated(f func()) int64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return int64(b.TotalAlloc - a.TotalAlloc)
}

// TestMemoryBytesMatchesAllocation checks the memory model against what
// a worker and its states allocate, within a factor of 2 either way (it errs high
// on simple scenarios: ×1.6 on one year of RBTS),
// on RBTS (whose demand and fleet differ from the Pakistan scenario the
// coefficients were measured on) at one and ten years and with a sweep of
// 200 sizes of economic miners.
func TestMemoryBytesMatchesAllocation(t *testing.T) {
	const factor = 2
	for _, c := range []struct{ hours, sizes int }{{8736, 0}, {8736, 200}, {87360, 0}} {
		sc := rbtsScenario(t, 20, Policy{Kind: Firm})
		sc.Carveout.Mining.Fleet.Economic = true
		year := sc.Demand.Base.HourlyMW
		sc.Demand.Base.HourlyMW = nil
		for len(sc.Demand.Base.HourlyMW) < c.hours {
			sc.Demand.Base.HourlyMW = append(sc.Demand.Base.HourlyMW, year...)
		}
		sc.Hours = c.hours
		for i := range c.sizes {
			sc.Sweep.SizesMW = append(sc.Sweep.SizesMW, float64(i))
		}
		st, err := NewStudy(sc)
		if err != nil {
			t.Fatal(err)
		}
		got := allocated(func() {
			if _, err := st.newWorker(); err != nil {
				t.Fatal(err)
			}
			st.newState()
			st.newState()
		})
		// MemoryBytes counts each worker's scratch and two states, twice
		// for the collector's headroom.
		model := (st.MemoryBytes(1) - st.MemoryBytes(0)) / 2
		ratio := float64(model) / float64(got)
		t.Logf("%d hours, %d cases: a worker and two states allocate %d bytes, the model says %d (×%.2f)", c.hours, len(st.cases), got, model, ratio)
		if ratio > factor || ratio < 1/factor {
			t.Errorf("%d hours, %d cases: model %d bytes, allocated %d: off by more than ×%v", c.hours, len(st.cases), model, got, factor)
		}
	}
}

// TestMemoryLimitRefusesBeforeWork checks that a sweep of 10⁵ sizes is
// refused by NewStudy at once, not after exhausting memory compiling it,
// and that a worker count over the limit is refused by Run before any
// trial, both with a message saying what to change.
func TestMemoryLimitRefusesBeforeWork(t *testing.T) {
	sc := rbtsScenario(t, 20, Policy{Kind: Firm})
	sc.Carveout.Mining.Fleet.Economic = true
	for i := range 100_000 {
		sc.Sweep.SizesMW = append(sc.Sweep.SizesMW, float64(i)/100)
	}
	began := time.Now()
	_, err := NewStudy(sc)
	if err == nil || !strings.Contains(err.Error(), "MaxMemoryBytes") || !strings.Contains(err.Error(), "fewer sweep sizes") {
		t.Fatalf("NewStudy of 10^5 sizes: %v; want the memory limit named", err)
	}
	if d := time.Since(began); d > 5*time.Second {
		t.Errorf("NewStudy took %v to refuse", d)
	}
	sc.Sweep.SizesMW = sc.Sweep.SizesMW[:200]
	sc.Trials = 200 // more than the workers, which Run never exceeds
	st, err := NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	need := st.MemoryBytes(1)
	workers := 1
	for st.MemoryBytes(workers) <= MaxMemoryBytes {
		workers++
	}
	res, err := st.Run(context.Background(), montecarlo.WithWorkers(workers))
	if err == nil || res != nil || !strings.Contains(err.Error(), "MaxMemoryBytes") || !strings.Contains(err.Error(), "fewer workers") {
		t.Fatalf("Run with %d workers (%d bytes each): %v; want the memory limit named", workers, need, err)
	}
	t.Log(err)
	if _, err := montecarlo.Run(context.Background(), montecarlo.Experiment[*State]{}, montecarlo.WithWorkers(montecarlo.MaxWorkers+1)); err == nil {
		t.Error("montecarlo accepted more than MaxWorkers workers")
	}
}
