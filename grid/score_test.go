package grid

import (
	"math/rand/v2"
	"testing"
)

// TestLoadProfileMax compares the range maximum with a scan for every
// range of a random series spanning several blocks.
func TestLoadProfileMax(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 31, 32, 33, 200} {
		load := make([]float64, n)
		for h := range load {
			load[h] = r.Float64() * 100
		}
		lp, err := NewLoadProfile(load)
		if err != nil {
			t.Fatal(err)
		}
		for a := range n {
			m := 0.0
			for b := a + 1; b <= n; b++ {
				m = max(m, load[b-1])
				if got := lp.Max(a, b); got != m {
					t.Fatalf("n=%d: Max(%d, %d) = %v, want %v", n, a, b, got, m)
				}
			}
		}
	}
}

// bruteScore scores hour by hour, with the available capacity of each
// hour from Path.Available.
func bruteScore(p *Path, load []float64) Outcome {
	var o Outcome
	lastDay := -1
	for h, l := range load {
		c := p.Available(h)
		if !(c < l) {
			continue
		}
		o.ShortfallHours++
		o.UnservedMWh += l - c
		if h == 0 || !(p.Available(h-1) < load[h-1]) {
			o.Events++
		}
		if h/24 != lastDay {
			o.ShortfallDays++
			lastDay = h / 24
		}
		o.ShortHours = append(o.ShortHours, h)
	}
	return o
}

// TestScore compares Score, which skips stretches, with an hour-by-hour
// sweep on random paths whose capacity often equals the load (strict
// inequality) and whose shortfalls run across steps.
func TestScore(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const hours = 500
	load := make([]float64, hours)
	for h := range load {
		load[h] = float64(50 + r.IntN(20)) // whole MW so capacity often ties
	}
	lp, err := NewLoadProfile(load)
	if err != nil {
		t.Fatal(err)
	}
	var o Outcome
	for trial := range 300 {
		p := Path{Hours: hours, Steps: []Step{{0, float64(40 + r.IntN(40))}}}
		for h := 1 + r.IntN(60); h < hours; h += 1 + r.IntN(60) {
			p.Steps = append(p.Steps, Step{h, float64(40 + r.IntN(40))})
		}
		if err := Score(&p, lp, &o); err != nil {
			t.Fatal(err)
		}
		want := bruteScore(&p, load)
		if o.ShortfallHours != want.ShortfallHours || o.ShortfallDays != want.ShortfallDays ||
			o.Events != want.Events || o.UnservedMWh != want.UnservedMWh || len(o.ShortHours) != len(want.ShortHours) {
			t.Fatalf("trial %d: got %+v, want %+v", trial, o, want)
		}
		for i := range o.ShortHours {
			if o.ShortHours[i] != want.ShortHours[i] {
				t.Fatalf("trial %d: shortfall hours %v, want %v", trial, o.ShortHours, want.ShortHours)
			}
		}
		if o.LoadMWh != lp.EnergyMWh() {
			t.Fatalf("load energy %v, want %v", o.LoadMWh, lp.EnergyMWh())
		}
	}
	if err := Score(&Path{Hours: 3, Steps: []Step{{0, 1}}}, lp, &o); err == nil {
		t.Error("scoring a path of another length succeeded")
	}
}

// TestScoreStrict checks that capacity equal to the load is no shortfall
// and that capacity a hair below is.
func TestScoreStrict(t *testing.T) {
	lp, err := NewLoadProfile([]float64{10, 10.1, 10.1, 10})
	if err != nil {
		t.Fatal(err)
	}
	var o Outcome
	p := Path{Hours: 4, Steps: []Step{{0, 10.1}}}
	if Score(&p, lp, &o); o.ShortfallHours != 0 {
		t.Errorf("capacity = load: %d shortfall hours, want 0", o.ShortfallHours)
	}
	p.Steps[0].AvailableMW = 10.099999999999
	if Score(&p, lp, &o); o.ShortfallHours != 2 || o.Events != 1 || o.ShortfallDays != 1 {
		t.Errorf("capacity below load: %+v, want 2 hours, 1 event, 1 day", o)
	}
}
