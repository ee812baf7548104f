package study

import (
	"testing"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/internal/stattest"
)

// TestPairedMatchesCOPT checks the paired measurement against exact
// values. With deterministic demand and a firm carve-out drawing K_h MW in
// hour h (always-running miners, and AI data centres drawing their
// allocation times the hour's utilisation), a shortfall of the grid
// serving L_h + K_h is shed pro rata, so the other customers lose load
// exactly when the available capacity A is below L_h + K_h, and then lose
// (L_h + K_h − A)·L_h/(L_h + K_h). Hence
//
//	ΔLOLE = Σ_h LOLP(L_h + K_h) − LOLP(L_h)
//	ΔEUE  = Σ_h EENS(L_h + K_h)·L_h/(L_h + K_h) − EENS(L_h)
//
// from the capacity outage probability table. The study's estimates (and
// its baseline LOLE and EUE) must lie within 4 standard errors of them,
// with standard errors small enough to mean something. The second case
// fixes the AI's draw: its share of the carve-out times the utilisation
// (an AI sized to peak at its share instead fails it).
func TestPairedMatchesCOPT(t *testing.T) {
	util := make([]float64, 24)
	for h := range util {
		util[h] = 0.5 + 0.02*float64(h) // 0.50 … 0.96
	}
	for _, c := range []struct {
		name  string
		mw    float64
		share float64 // mining share; the rest is AI
		ai    AI
		seed  uint64
	}{
		{"miners only", 10, 1, AI{}, 31},
		{"miners and AI", 20, 0.25, AI{Utilisation: util, PUE: 1.3}, 32},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := rbtsScenario(t, c.mw, Policy{Kind: Firm})
			sc.Carveout.MiningShare = c.share
			sc.Carveout.AI = c.ai
			sc.Trials, sc.Seed = 40000, c.seed
			_, res := runStudy(t, sc)
			r := res.Report()
			units := make([]grid.Unit, len(sc.Fleet))
			for i, u := range sc.Fleet {
				units[i] = u.Unit
			}
			cp, err := grid.NewCOPT(units)
			if err != nil {
				t.Fatal(err)
			}
			var lole, eue, dlole, deue float64
			for h, l := range sc.Demand.Base.HourlyMW {
				k := c.mw * c.share
				if c.share < 1 {
					k += c.mw * (1 - c.share) * c.ai.Utilisation[h%24]
				}
				lole += cp.LOLP(l)
				eue += cp.ExpectedUnserved(l)
				dlole += cp.LOLP(l+k) - cp.LOLP(l)
				deue += cp.ExpectedUnserved(l+k)*l/(l+k) - cp.ExpectedUnserved(l)
			}
			stattest.CheckEstimate(t, "baseline LOLE", r.Baseline.LOLEHours, lole, 0.03)
			stattest.CheckEstimate(t, "baseline EUE", r.Baseline.EUEMWh, eue, 0.03)
			stattest.CheckEstimate(t, "ΔLOLE", r.Risk.DeltaLOLEHours, dlole, 0.03)
			stattest.CheckEstimate(t, "ΔEUE", r.Risk.DeltaEUEMWh, deue, 0.03)
		})
	}
}
