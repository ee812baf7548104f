package study

import (
	"context"
	"math"
	"testing"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/internal/gridtest"
	"github.com/carveout/carveout/montecarlo"
)

// baselineAndAdequacy runs sys as a study without carve-out and as a plain
// adequacy run, with the same seed and trials, and returns both indices.
func baselineAndAdequacy(t *testing.T, sys *grid.System, trials int64, seed uint64) (study, adequacy grid.Indices) {
	t.Helper()
	sc := FromSystem(sys)
	sc.Trials, sc.Seed = trials, seed
	st, res := runStudy(t, sc)
	rep, err := grid.Adequacy(context.Background(), sys, montecarlo.WithTrials(trials), montecarlo.WithSeed(seed))
	if err != nil {
		t.Fatal(err)
	}
	return res.Acc.Baseline.Indices(st.hours), rep.Indices
}

// sameIndices fails unless a and b are equal to the bit (NaN equal to
// NaN).
func sameIndices(t *testing.T, name string, a, b grid.Indices) {
	t.Helper()
	ea := []montecarlo.Estimate{a.LOLEHours, a.LOLEDays, a.LOLF, a.LOLDHours, a.EUEMWh, a.NEUEPPM, a.LOLP, a.PAnyShortfall}
	eb := []montecarlo.Estimate{b.LOLEHours, b.LOLEDays, b.LOLF, b.LOLDHours, b.EUEMWh, b.NEUEPPM, b.LOLP, b.PAnyShortfall}
	for i := range ea {
		for j, pair := range [][2]float64{{ea[i].Mean, eb[i].Mean}, {ea[i].SE, eb[i].SE}, {ea[i].Lo, eb[i].Lo}, {ea[i].Hi, eb[i].Hi}} {
			if math.Float64bits(pair[0]) != math.Float64bits(pair[1]) {
				t.Fatalf("%s: index %d field %d: study baseline %v, adequacy %v", name, i, j, pair[0], pair[1])
			}
		}
	}
}

// TestTieSystem: ten units of 0.7 MW (MTTF = MTTR = 5 h) against a
// constant 2.1 MW. There is a shortfall only when fewer than 3 of the 10
// units are up: P = (1 + 10 + 45)/1024, so LOLE = 8760 × 56/1024 =
// 479.0625 h/yr exactly. Capacity equal to the load is enough: summed as
// floats, three units of 0.7 MW give 2.0999999999999996 < 2.1 and the
// study's baseline used to report about 1,191 h/yr.
func TestTieSystem(t *testing.T) {
	load := make([]float64, grid.HoursPerYear)
	for h := range load {
		load[h] = 2.1
	}
	sys := &grid.System{Name: "tie", Units: []grid.Unit{{Name: "g", CapacityMW: 0.7, MTTFHours: 5, MTTRHours: 5, Count: 10}}, Load: load}
	const exact = 479.0625
	c, err := grid.NewCOPT(sys.Units)
	if err != nil {
		t.Fatal(err)
	}
	ci, err := c.Indices(load)
	if err != nil {
		t.Fatal(err)
	}
	if got := ci.LOLEHours.Mean; math.Abs(got-exact) > 1e-9 {
		t.Fatalf("COPT LOLE = %v, want %v", got, exact)
	}
	study, adequacy := baselineAndAdequacy(t, sys, 3000, 11)
	sameIndices(t, "tie", study, adequacy)
	e := study.LOLEHours
	z := (e.Mean - exact) / e.SE
	t.Logf("tie system: study baseline LOLE %.2f ± %.2f h/yr (adequacy identical), exact %v, z = %+.2f", e.Mean, e.SE, exact, z)
	if math.Abs(z) > 4 || e.SE > 0.01*exact {
		t.Fatalf("study baseline LOLE = %v ± %v, exact %v (z = %.2f)", e.Mean, e.SE, exact, z)
	}
}

// TestStudyBaselineIsAdequacy checks that a study's baseline is the plain
// adequacy of the same system, seed and trials, bit for bit: on RTS-79
// with derated units and load forecast uncertainty, and on RBTS with a
// monthly class.
func TestStudyBaselineIsAdequacy(t *testing.T) {
	rtsSys := gridtest.RTS(t)
	for i := range rtsSys.Units {
		if u := &rtsSys.Units[i]; i%3 == 0 {
			u.DeratedMW, u.PartialMTTFHours, u.PartialMTTRHours = math.Round(u.CapacityMW*3)/10, 500, 30
		}
	}
	rtsSys.LFUSigma = 0.05
	study, adequacy := baselineAndAdequacy(t, rtsSys, 400, 3)
	if study.LOLEHours.Mean == 0 {
		t.Fatal("RTS-79 drew no shortfall: the comparison says nothing")
	}
	sameIndices(t, "RTS-79 with derates and LFU", study, adequacy)

	classed := gridtest.RBTS(t)
	classed.Classes = []grid.Class{{Name: "hydro", Monthly: []float64{0.7, 0.7, 0.75, 0.8, 0.9, 1, 1, 1, 0.95, 0.85, 0.8, 0.7}}}
	for i := range classed.Units {
		if i%2 == 0 {
			classed.Units[i].Class = "hydro"
		}
	}
	study, adequacy = baselineAndAdequacy(t, classed, 400, 5)
	if study.LOLEHours.Mean == 0 {
		t.Fatal("classed RBTS drew no shortfall: the comparison says nothing")
	}
	sameIndices(t, "RBTS with a monthly class", study, adequacy)
}
