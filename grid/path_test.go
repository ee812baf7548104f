package grid

import (
	"math"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// checkPath checks a path's invariants: it starts at instant 0, its steps
// are strictly increasing in time and change capacity, and the capacity
// stays within [0, installed].
func checkPath(t *testing.T, p *Path, hours int, installed float64) {
	t.Helper()
	if p.Hours != hours || len(p.Steps) == 0 || p.Steps[0].Hour != 0 {
		t.Fatalf("path of %d hours starting %+v", p.Hours, p.Steps[:min(1, len(p.Steps))])
	}
	for i, s := range p.Steps {
		if s.AvailableMW < 0 || s.AvailableMW > installed {
			t.Fatalf("step %d: %v MW outside [0, %v]", i, s.AvailableMW, installed)
		}
		if i > 0 && (s.Hour <= p.Steps[i-1].Hour || s.Hour >= hours || s.AvailableMW == p.Steps[i-1].AvailableMW) {
			t.Fatalf("steps %d, %d: %+v, %+v", i-1, i, p.Steps[i-1], s)
		}
	}
}

// TestPathStationary checks that a unit is down with probability
// MTTR/(MTTF+MTTR) at the first instant (the stationary start) and at
// later instants, and that the mean number of observed outages over the
// year is that of the continuous-time Markov chain observed hourly, each
// within 4 standard errors.
func TestPathStationary(t *testing.T) {
	u := Unit{Name: "u", CapacityMW: 1, MTTFHours: 90, MTTRHours: 10}
	const hours, trials = 1000, 20000
	sim, err := NewSimulator([]Unit{u}, hours)
	if err != nil {
		t.Fatal(err)
	}
	var p Path
	var down0, downMid montecarlo.Proportion
	var drops montecarlo.Mean
	for i := range int64(trials) {
		sim.Path(montecarlo.Trial{Seed: 11, Index: i}, &p)
		checkPath(t, &p, hours, 1)
		down0.Add(p.Available(0) == 0)
		downMid.Add(p.Available(hours/2) == 0)
		n := 0
		for k := 1; k < len(p.Steps); k++ {
			if p.Steps[k].AvailableMW == 0 {
				n++
			}
		}
		drops.Add(float64(n))
	}
	q := u.FOR()
	for _, c := range []struct {
		name string
		e    montecarlo.Estimate
	}{{"instant 0", down0.Estimate()}, {"instant 500", downMid.Estimate()}} {
		se := math.Sqrt(q * (1 - q) / trials)
		if z := (c.e.Mean - q) / se; math.Abs(z) > 4 {
			t.Errorf("P(down at %s) = %v, want %v within 4 SE (z = %.1f)", c.name, c.e.Mean, q, z)
		}
	}
	// The unit is a two-state Markov chain in continuous time; observed at
	// unit spacing, P(down at h+1 | up at h) = q(1 − e^{−(λ+μ)}) with q the FOR, so the expected number of
	// up-to-down changes between consecutive instants is
	// (hours−1)·q(1−q)(1 − e^{−(λ+μ)}), λ = 1/MTTF, μ = 1/MTTR.
	rate := 1/u.MTTFHours + 1/u.MTTRHours
	want := float64(hours-1) * q * (1 - q) * (1 - math.Exp(-rate))
	e := drops.Estimate()
	if z := (e.Mean - want) / e.SE; math.Abs(z) > 4 {
		t.Errorf("observed outages per year %v ± %v, want %v (z = %.1f)", e.Mean, e.SE, want, z)
	}
}

// TestPathDecimalCapacity checks that capacities with decimals are
// tracked exactly: after any sequence of outages the available capacity
// equals the correctly rounded decimal sum, so a load of exactly that
// value is never short.
func TestPathDecimalCapacity(t *testing.T) {
	units := []Unit{
		{Name: "a", CapacityMW: 0.1, MTTFHours: 5, MTTRHours: 5, Count: 3},
		{Name: "b", CapacityMW: 0.2, MTTFHours: 5, MTTRHours: 5, Count: 2},
		{Name: "c", CapacityMW: 12.345, MTTFHours: 5, MTTRHours: 5},
	}
	sim, err := NewSimulator(units, 2000)
	if err != nil {
		t.Fatal(err)
	}
	// The exact sums, in thousandths of a MW, of every subset.
	valid := map[float64]bool{}
	for mask := range 1 << 6 {
		k := 0
		for i, c := range []int{100, 100, 100, 200, 200, 12345} {
			if mask&(1<<i) != 0 {
				k += c
			}
		}
		valid[float64(k)/1000] = true
	}
	var p Path
	for i := range int64(20) {
		sim.Path(montecarlo.Trial{Seed: 1, Index: i}, &p)
		checkPath(t, &p, 2000, 13.045)
		for _, s := range p.Steps {
			if !valid[s.AvailableMW] {
				t.Fatalf("capacity %v is not an exact subset sum", s.AvailableMW)
			}
		}
	}
}

// TestPathStreams checks common random numbers: adding a unit leaves the
// other units' outage paths unchanged, because each draws from its own
// named stream.
func TestPathStreams(t *testing.T) {
	a := Unit{Name: "a", CapacityMW: 1, MTTFHours: 50, MTTRHours: 10}
	b := Unit{Name: "b", CapacityMW: 1000, MTTFHours: 50, MTTRHours: 10}
	one, err := NewSimulator([]Unit{a}, 500)
	if err != nil {
		t.Fatal(err)
	}
	two, err := NewSimulator([]Unit{b, a}, 500)
	if err != nil {
		t.Fatal(err)
	}
	var p, q Path
	for i := range int64(20) {
		tr := montecarlo.Trial{Seed: 3, Index: i}
		one.Path(tr, &p)
		two.Path(tr, &q)
		for h := range 500 {
			if p.Available(h) != math.Mod(q.Available(h), 1000) {
				t.Fatalf("trial %d hour %d: unit a alone %v, with b %v", i, h, p.Available(h), q.Available(h))
			}
		}
	}
}

// TestCalendar checks that the sweep visits instants with changes in
// increasing order (across bitmap words), sums changes at the same
// instant, includes instants whose changes cancel, and leaves the calendar
// empty.
func TestCalendar(t *testing.T) {
	c := newCalendar(200)
	c.file(130, -5)
	c.file(3, -7)
	c.file(64, 2)
	c.file(3, 4)
	c.file(64, -2)
	c.file(199, 6)
	type visit struct {
		h     int
		avail int64
	}
	var got []visit
	sweep := func() {
		got = got[:0]
		c.sweep(10, func(h int, a int64) { got = append(got, visit{h, a}) })
	}
	sweep()
	want := []visit{{3, 7}, {64, 7}, {130, 2}, {199, 8}}
	if len(got) != len(want) {
		t.Fatalf("sweep %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("sweep %v, want %v", got, want)
		}
	}
	if sweep(); len(got) != 0 {
		t.Errorf("second sweep %v, want nothing", got)
	}
}
