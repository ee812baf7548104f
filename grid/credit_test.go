package grid_test

import (
	"context"
	"strings"
	"testing"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/testsystems/pras"
)

// The capacity credit tests of PRAS (github.com/NREL/PRAS, commit
// fbde94ec49112cf750354545eafcc25cfb6de701,
// PRASCapacityCredits.jl/test/runtests.jl) publish the brackets their
// EFC and ELCC bisections reach with 100,000 samples, EUE as the metric,
// a capacity_max of 10 MW and the defaults (gap 1 MW, p-value 0.05):
//
//   - a one-region system of four hourly periods, three 10 MW generators
//     (λ = 0.1, μ = 0.9) and variable generation of 5, 6, 7 and 8 MW
//     against loads of 25, 28, 27 and 24 MW, augmented with a fourth 10 MW
//     generator: EFC in [8, 9] MW, ELCC in [7, 8] MW;
//   - PRAS's threenode system with its first generator (region A) 5 MW
//     larger: EFC and ELCC in region A both in [3, 4] MW.
//
// The first is built here as PRAS states it, its variable generation (λ =
// 0: it never fails, and never exceeds the load) subtracted from the
// load, as package testsystems/pras does for threenode; each generator
// has FOR λ/(λ+μ) = 0.1 and MTTR 1/μ h. EUE depends only on each hour's
// marginal distribution of available capacity, which both models share.
var (
	prasCreditPublished = map[string][2]int{
		"one-region EFC": {8, 9}, "one-region ELCC": {7, 8},
		"threenode EFC": {3, 4}, "threenode ELCC": {3, 4},
	}
)

// prasOneRegion is PRAS's capacity credit test system with n 10 MW
// generators.
func prasOneRegion(n int) *grid.System {
	return &grid.System{
		Name:  "pras-capacity-credit",
		Units: []grid.Unit{{Name: "Gen", Count: n, CapacityMW: 10, MTTFHours: 9.999999, MTTRHours: 1.111111}},
		Load:  []float64{25 - 5, 28 - 6, 27 - 7, 24 - 8},
	}
}

// prasThreeNodes returns threenode and threenode with Gen1 5 MW larger.
func prasThreeNodes(t *testing.T) (base, aug *grid.System) {
	t.Helper()
	base, err := pras.ThreeNode()
	if err != nil {
		t.Fatal(err)
	}
	aug, err = pras.ThreeNode()
	if err != nil {
		t.Fatal(err)
	}
	for i := range aug.Units {
		if aug.Units[i].Name == "Gen1" {
			aug.Units[i].CapacityMW += 5
		}
	}
	return base, aug
}

// EFC and ELCC reproduce PRAS's published brackets.
func TestCapacityCreditPRAS(t *testing.T) {
	ctx := context.Background()
	opts := []montecarlo.Option{montecarlo.WithSeed(1), montecarlo.WithTrials(100_000), montecarlo.WithWorkers(2)}
	tb, ta := prasThreeNodes(t)
	for _, tc := range []struct {
		name      string
		base, aug *grid.System
		zone      string
		f         func(context.Context, *grid.System, *grid.System, grid.CreditSpec, ...montecarlo.Option) (*grid.CreditResult, error)
	}{
		{"one-region EFC", prasOneRegion(3), prasOneRegion(4), "", grid.EFC},
		{"one-region ELCC", prasOneRegion(3), prasOneRegion(4), "", grid.ELCC},
		{"threenode EFC", tb, ta, "region_a", grid.EFC},
		{"threenode ELCC", tb, ta, "region_a", grid.ELCC},
	} {
		r, err := tc.f(ctx, tc.base, tc.aug, grid.CreditSpec{Metric: grid.CreditEUE, MaxMW: 10, Zone: tc.zone}, opts...)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		want := prasCreditPublished[tc.name]
		t.Logf("%s: [%d, %d] MW (%s), target EUE %.4f ± %.4f; PRAS [%d, %d]", tc.name, r.LoMW, r.HiMW, r.Status, r.Target.Mean, r.Target.SE, want[0], want[1])
		if r.LoMW < want[0] || r.HiMW > want[1] {
			t.Errorf("%s: [%d, %d] MW, PRAS publishes [%d, %d]", tc.name, r.LoMW, r.HiMW, want[0], want[1])
		}
	}
}

// On the one-region system the exact tables agree: the EUE with 8 MW of
// firm capacity is above the augmented system's and with 9 MW below it;
// the EUE with 7 MW of extra load on the augmented system is below the
// base system's and with 8 MW above it.
func TestCapacityCreditPRASExact(t *testing.T) {
	eue := func(s *grid.System, add float64) float64 {
		t.Helper()
		c, err := grid.NewCOPT(s.Units)
		if err != nil {
			t.Fatal(err)
		}
		v := 0.0
		for _, l := range s.Load {
			v += c.ExpectedUnserved(max(0, l+add))
		}
		return v
	}
	b, a := prasOneRegion(3), prasOneRegion(4)
	if e := eue(a, 0); !(eue(b, -8) > e && eue(b, -9) < e) {
		t.Errorf("EFC: EUE %v at 8 MW, %v at 9 MW, target %v", eue(b, -8), eue(b, -9), e)
	}
	if e := eue(b, 0); !(eue(a, 7) < e && eue(a, 8) > e) {
		t.Errorf("ELCC: EUE %v at 7 MW, %v at 8 MW, target %v", eue(a, 7), eue(a, 8), e)
	}
}

// Bad input is an error naming the field.
func TestCapacityCreditErrors(t *testing.T) {
	ctx := context.Background()
	opts := []montecarlo.Option{montecarlo.WithSeed(1), montecarlo.WithTrials(2000)}
	b, a := prasOneRegion(3), prasOneRegion(4)
	tb, ta := prasThreeNodes(t)
	lfu := prasOneRegion(4)
	lfu.LFUSigma = 0.05
	for _, tc := range []struct {
		name      string
		base, aug *grid.System
		spec      grid.CreditSpec
		want      string
	}{
		{"metric", b, a, grid.CreditSpec{Metric: "lolp", MaxMW: 10}, "metric"},
		{"max", b, a, grid.CreditSpec{Metric: grid.CreditEUE}, "max_mw"},
		{"max too small", b, a, grid.CreditSpec{Metric: grid.CreditEUE, MaxMW: 3}, "max_mw = 3"},
		{"p-value", b, a, grid.CreditSpec{Metric: grid.CreditEUE, MaxMW: 10, PValue: 1.5}, "p_value"},
		{"zone on a copper plate", b, a, grid.CreditSpec{Metric: grid.CreditEUE, MaxMW: 10, Zone: "x"}, "zone"},
		{"unknown zone", tb, ta, grid.CreditSpec{Metric: grid.CreditEUE, MaxMW: 10, Zone: "region_d"}, "zone"},
		{"no credit", a, b, grid.CreditSpec{Metric: grid.CreditEUE, MaxMW: 10}, "no capacity credit"},
		{"lfu", b, lfu, grid.CreditSpec{Metric: grid.CreditEUE, MaxMW: 10}, "lfu_sigma"},
		{"zone surplus", tb, ta, grid.CreditSpec{Metric: grid.CreditEUE, MaxMW: 40, Zone: "region_a"}, "exceeds zone"},
	} {
		_, err := grid.EFC(ctx, tc.base, tc.aug, tc.spec, opts...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error naming %q", tc.name, err, tc.want)
		}
	}
}
