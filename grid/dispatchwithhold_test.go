package grid

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// TestDispatchWithholdOracle checks Withhold against the minimum-cost
// flow oracle on random radial networks: in each hour some of one fuel's
// capacity in each zone is withheld (taken from the zone's adequacy
// capacity too, as a fuel budget's schedule is), and the oracle takes it
// off the fuel's dearest tiers in the zone before solving. Cost agrees to
// 1e-9 relative, unserved energy to 1e-6, on the quick paths (base-block
// tiers included) and the full solve alike.
func TestDispatchWithholdOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const hours = 24 * 70
	checked, fast, held := 0, 0, 0
	for sysIdx := range 30 {
		sys := randomRadial(r, hours)
		_, av, w := newDispatchWorker(t, sys)
		d := w.d
		av.Sample(montecarlo.Trial{Seed: 5, Index: int64(sysIdx)}, nil, nil)
		if err := w.Prepare(); err != nil {
			t.Fatal(err)
		}
		fuel := d.fuels[r.IntN(len(d.fuels))]
		f := slices.Index(d.fuels, fuel)
		units := make([][]int64, len(d.n.zones))
		for z := range units {
			units[z] = make([]int64, hours)
		}
		if err := w.Withhold(fuel, units); err != nil {
			t.Fatal(err)
		}
		o := newOracleRun(w)
		load := make([]float64, len(sys.Zones))
		for z := range load {
			load[z] = float64(r.IntN(100))
		}
		for h := range hours {
			for z := range load {
				load[z] = max(0, 0.9*load[z]+0.1*70+float64(r.IntN(21)-10))
			}
			// This hour's withholding, from the fuel's capacity in each
			// zone (the oracle's cursor follows the trial's hours).
			o.ref.cur.advance(o.ref, w, h)
			w.tierCaps(h, o.ref.cur.u)
			for z := range units {
				var fc int64
				for _, k := range d.zoneTiers[z] {
					if d.tiers[k].fuel == f {
						fc += w.capU[k]
					}
				}
				units[z][h] = 0
				if fc > 0 && r.IntN(3) > 0 {
					units[z][h] = int64(r.Float64() * float64(fc))
					av.capacity[z][h] -= units[z][h]
					held++
				}
			}
			short, ran, err := o.hourWithheld(h, load, units, f)
			if err != nil {
				t.Fatalf("system %d (fuel %q): %v", sysIdx, fuel, err)
			}
			if ran {
				fast++
			}
			if !short {
				checked++
			}
		}
	}
	t.Logf("%d hours checked for cost (%d by the quick paths), %d zone-hours with capacity withheld", checked, fast, held)
	if fast < checked/4 || held < checked/2 {
		t.Errorf("quick paths in %d of %d hours, %d zone-hours withheld: the test should exercise both", fast, checked, held)
	}
}

// hourWithheld is hour for a worker withholding units[z][h] of fuel f's
// capacity in each zone: the oracle's tiers lose it, dearest first.
func (o *oracleRun) hourWithheld(h int, load []float64, units [][]int64, f int) (short, fast bool, err error) {
	o.withhold = func(capU []int64) {
		d := o.w.d
		for z, u := range units {
			left := u[h]
			for _, k := range slices.Backward(d.zoneTiers[z]) {
				if d.tiers[k].fuel == f && left > 0 {
					t := min(left, capU[k])
					capU[k] -= t
					left -= t
				}
			}
		}
	}
	defer func() { o.withhold = nil }()
	return o.hour(h, load, 1)
}
