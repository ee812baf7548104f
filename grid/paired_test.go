package grid

import (
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// TestPairedMatchesCOPT checks the paired measurement against exact
// values. With deterministic demand and a firm carve-out of K MW of
// always-running miners, a shortfall of the grid serving L + K is shed pro
// rata, so in hour h the other customers lose load exactly when the
// available capacity A is below L_h + K, and then lose
// (L_h + K − A)·L_h/(L_h + K). Hence
//
//	ΔLOLE = Σ_h LOLP(L_h + K) − LOLP(L_h)
//	ΔEUE  = Σ_h EENS(L_h + K)·L_h/(L_h + K) − EENS(L_h)
//
// from the capacity outage probability table. The study's estimates (and
// its baseline LOLE and EUE) must lie within 4 standard errors of them,
// with standard errors small enough to mean something.
func TestPairedMatchesCOPT(t *testing.T) {
	const k = 10.0
	sc := rbtsScenario(t, k, Policy{Kind: Firm})
	st, res := runStudy(t, sc, montecarlo.WithTrials(40000), montecarlo.WithSeed(31))
	r := st.ResultReport(res)
	units := make([]Unit, len(sc.Fleet))
	for i, u := range sc.Fleet {
		units[i] = u.Unit
	}
	c, err := NewCOPT(units)
	if err != nil {
		t.Fatal(err)
	}
	var lole, eue, dlole, deue float64
	for _, l := range sc.Demand.Base.HourlyMW {
		lole += c.LOLP(l)
		eue += c.ExpectedUnserved(l)
		dlole += c.LOLP(l+k) - c.LOLP(l)
		deue += c.ExpectedUnserved(l+k)*l/(l+k) - c.ExpectedUnserved(l)
	}
	checkEstimate(t, "baseline LOLE", r.Baseline.LOLEHours, lole, 0.03)
	checkEstimate(t, "baseline EUE", r.Baseline.EUEMWh, eue, 0.03)
	checkEstimate(t, "ΔLOLE", r.Risk.DeltaLOLEHours, dlole, 0.03)
	checkEstimate(t, "ΔEUE", r.Risk.DeltaEUEMWh, deue, 0.03)
}
