package grid

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/carveout/carveout/internal/variate"
	"github.com/carveout/carveout/montecarlo"
)

// TestTiltedLogRatioOracle checks each window's log likelihood ratio
// log(g_k/f) of drawn paths against a direct sum over every unit's path:
// log(factor) for each change inside the window, −(tilted rate − rate)
// × the time in each state inside it, and the initial state's log ratio
// for a window opening at instant 0. RBTS with random factors in
// [1/4, 4] and random windows (one at 0, one to the end of the year,
// some overlapping); 200 trials, every mixture component.
func TestTiltedLogRatioOracle(t *testing.T) {
	sys := rbts(t)
	hours := len(sys.Load)
	rng := rand.New(rand.NewPCG(7, 11))
	n := len(sys.Units)
	tilt := &Tilt{Failure: make([]float64, n), Repair: make([]float64, n), Defensive: 0.2}
	for i := range n {
		tilt.Failure[i] = math.Exp((rng.Float64()*2 - 1) * math.Ln2 * 2)
		tilt.Repair[i] = math.Exp((rng.Float64()*2 - 1) * math.Ln2 * 2)
	}
	tilt.Windows = [][2]int{{0, 300}, {hours - 500, hours}}
	for range 8 {
		a := rng.IntN(hours - 1)
		tilt.Windows = append(tilt.Windows, [2]int{a, min(hours, a+1+rng.IntN(2000))})
	}
	slices.SortFunc(tilt.Windows, func(a, b [2]int) int { return a[0] - b[0] })
	sim, err := NewSimulator(sys.Units, hours)
	if err != nil {
		t.Fatal(err)
	}
	z, err := newTiltedSim(sim, sys.Units, tilt)
	if err != nil {
		t.Fatal(err)
	}
	type unitPath struct {
		up0     bool
		changes []float64
	}
	paths := make([]unitPath, len(sim.units))
	for i := range int64(200) {
		tr := montecarlo.Trial{Seed: 3, Index: i}
		z.choose(tr)
		clear(z.segLog)
		clear(z.rateDiff)
		z.zeroLog = 0
		for k := range sim.units {
			r := variate.NewPCG(sim.units[k].key.Seed(tr.Seed, tr.Index))
			up := z.unit(k, &r)
			paths[k] = unitPath{up, slices.Clone(sim.fullT)}
		}
		z.weight()
		for w, win := range tilt.Windows {
			lo, hi := float64(win[0]), min(float64(win[1]), sim.last)
			want, scale := 0.0, 0.0
			add := func(v float64) { want += v; scale += math.Abs(v) }
			for k, p := range paths {
				if win[0] == 0 {
					add(z.logZero[k][b2i(p.up0)])
				}
				up, from := p.up0, 0.0
				for _, c := range append(p.changes, sim.last) {
					x := b2i(up)
					if ov := min(c, hi) - max(from, lo); ov > 0 {
						add(-z.delta[k][x] * ov)
					}
					if c < sim.last && c >= lo && c < hi {
						add(z.logFactor[k][x])
					}
					up, from = !up, c
				}
			}
			if got := z.winLog[w]; math.Abs(got-want) > 1e-12*scale+1e-12 {
				t.Fatalf("trial %d, window %v: log ratio %.15g, the direct sum %.15g", i, win, got, want)
			}
		}
	}
}
