package study

import (
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// TestInvariantZoneCausesNotRounding: a zone's P(causes shedding) counts
// the trials in which the zone's other customers lose more energy with
// the carve-out than without. A trial in which the carve-out changes a
// zone's unserved energy by no more than the rounding of its sums
// (1e-9 MWh, against a carve-out of 20 MW and baseline EUEs of MWh) has
// not caused shedding there, and a firm carve-out, which only adds load,
// must not lower it by more than that either.
func TestInvariantZoneCausesNotRounding(t *testing.T) {
	sc := threeZoneScenario(t)
	st, w := studyWorker(t, sc)
	const trials, tiny = 300, 1e-9
	spurious, below, caused := make([]int, len(sc.Zones)), make([]int, len(sc.Zones)), make([]int, len(sc.Zones))
	for i := range int64(trials) {
		acc := st.newState()
		if err := w.trial(montecarlo.Trial{Seed: sc.Seed, Index: i}, acc); err != nil {
			t.Fatal(err)
		}
		for z := range acc.Zones {
			za := &acc.Zones[z]
			d := za.DeltaEUE.Sum.Float64()
			if za.Causes.K > 0 {
				caused[z]++
				if d <= tiny {
					spurious[z]++
					if spurious[z] == 1 {
						t.Errorf("trial %d, zone %s: counted as caused with ΔEUE %g MWh, ΔLOLE %v (baseline EUE %v MWh)",
							i, sc.Zones[z].Name, d, za.DeltaLOLE.Sum.Float64(), za.Baseline.EUE.Sum.Float64())
					}
				}
			}
			if d < 0 {
				below[z]++
				if d < -tiny {
					t.Errorf("trial %d, zone %s: firm ΔEUE %g MWh", i, sc.Zones[z].Name, d)
				}
			}
		}
	}
	t.Logf("of %d trials, by zone %v: caused %v, of which by ΔEUE <= %g MWh %v; ΔEUE < 0 (all within rounding) %v",
		trials, []string{sc.Zones[0].Name, sc.Zones[1].Name, sc.Zones[2].Name}, caused, tiny, spurious, below)
}
