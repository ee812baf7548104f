package pras

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/internal/stattest"
	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/testsystems"
)

// source is a PRAS test system as PRAS defines it (TestData.jl of
// PRASCore.jl, github.com/NREL/PRAS at commit
// fbde94ec49112cf750354545eafcc25cfb6de701): regions with a demand per
// period, generators with a capacity per period and per-period transition
// probabilities λ (up to down) and μ (down to up), and interfaces with
// transfer limits and the lines that carry them.
type source struct {
	regions []string
	demand  [][]float64 // [region][period], MW
	gens    []sourceGen
	ifaces  []sourceIface
}

type sourceGen struct {
	name       string
	region     int
	mw         []float64 // [period]
	lambda, mu float64
}

type sourceIface struct {
	from, to           int
	limitFwd, limitBwd float64
	lines              []sourceLine
}

type sourceLine struct {
	name       string
	fwd, bwd   float64
	lambda, mu float64
}

// prasThreeNode is TestData.threenode: λ and μ are the same in every
// period.
var prasThreeNode = source{
	regions: []string{"Region A", "Region B", "Region C"},
	demand:  [][]float64{{19, 20, 21, 20}, {20, 21, 21, 22}, {22, 21, 23, 22}},
	gens: []sourceGen{
		{"Gen1", 0, []float64{10, 10, 10, 10}, 0.1, 0.9},
		{"VG A", 0, []float64{4, 3, 2, 3}, 0, 1},
		{"Gen 2", 1, []float64{10, 10, 10, 10}, 0.1, 0.9},
		{"Gen 3", 1, []float64{10, 10, 10, 10}, 0.1, 0.9},
		{"VG B", 1, []float64{6, 5, 3, 4}, 0, 1},
		{"Gen 4", 2, []float64{10, 10, 15, 10}, 0.1, 0.9},
		{"Gen 5", 2, []float64{20, 20, 25, 20}, 0.1, 0.9},
		{"VG C", 2, []float64{2, 1, 2, 1}, 0, 1},
	},
	ifaces: []sourceIface{
		{0, 1, 100, 100, []sourceLine{{"L1", 8, 8, 0, 1}}},
		{0, 2, 100, 100, []sourceLine{{"L2", 8, 8, 0, 1}}},
		{1, 2, 100, 100, []sourceLine{{"L3", 8, 8, 0, 1}}},
	},
}

// prasTest1 is TestData.test1.
var prasTest1 = source{
	regions: []string{"Region A", "Region B"},
	demand:  [][]float64{{8}, {9}},
	gens: []sourceGen{
		{"Gen 1", 0, []float64{15}, 0.1, 0.9},
		{"Gen 2", 1, []float64{15}, 0.1, 0.9},
	},
	ifaces: []sourceIface{{0, 1, 8, 8, []sourceLine{{"Line 1", 8, 8, 0.1, 0.9}}}},
}

// TestTranslation checks each system against its PRAS source, hour by
// hour: zones named after the regions in their order; each zone's load its
// region's demand less its generators that never fail (λ = 0, variable
// generation), which never exceed the demand; the units present in the
// hour, with their capacities and stationary unavailability MTTR/(MTTF+MTTR),
// exactly PRAS's failing generators with theirs in that period and
// λ/(λ+μ); MTTF and MTTR 1/λ and 1/μ to the files' 6 decimals; and each
// interface the lines of PRAS's, whose limit never binds.
func TestTranslation(t *testing.T) {
	for _, c := range []struct {
		src  source
		load func() (*grid.System, error)
	}{{prasThreeNode, ThreeNode}, {prasTest1, TwoNode}} {
		sys, err := c.load()
		if err != nil {
			t.Fatal(err)
		}
		if len(sys.Zones) != len(c.src.regions) {
			t.Fatalf("%s: %d zones, want %d", sys.Name, len(sys.Zones), len(c.src.regions))
		}
		for r, name := range c.src.regions {
			if want := strings.ReplaceAll(strings.ToLower(name), " ", "_"); sys.Zones[r].Name != want {
				t.Errorf("%s: zones[%d] = %q, want %q", sys.Name, r, sys.Zones[r].Name, want)
			}
		}
		type unit struct {
			zone       string
			mw, q      float64
			mttf, mttr float64
		}
		periods := len(c.src.demand[0])
		if got := len(sys.Zones[0].Load); got != periods {
			t.Fatalf("%s: %d hours, want %d", sys.Name, got, periods)
		}
		for h := range periods {
			for r := range c.src.regions {
				vg := 0.0
				for _, g := range c.src.gens {
					if g.region == r && g.lambda == 0 {
						vg += g.mw[h]
					}
				}
				if vg > c.src.demand[r][h] {
					t.Fatalf("%s: region %d, period %d: never-failing generation %v exceeds demand %v, so netting it out would drop exports", sys.Name, r, h+1, vg, c.src.demand[r][h])
				}
				if got, want := sys.Zones[r].Load[h], c.src.demand[r][h]-vg; got != want {
					t.Errorf("%s: zone %s, hour %d: load %v, want demand − variable generation = %v", sys.Name, sys.Zones[r].Name, h+1, got, want)
				}
			}
			var got, want []unit
			for _, u := range sys.Units {
				if mw := unitMW(sys, u, h); mw > 0 {
					for range max(u.Count, 1) {
						got = append(got, unit{u.Zone, mw, u.FOR(), u.MTTFHours, u.MTTRHours})
					}
				}
			}
			for _, g := range c.src.gens {
				if g.lambda > 0 && g.mw[h] > 0 {
					want = append(want, unit{sys.Zones[g.region].Name, g.mw[h], g.lambda / (g.lambda + g.mu), 1 / g.lambda, 1 / g.mu})
				}
			}
			less := func(a, b unit) int {
				return strings.Compare(a.zone+strconv.FormatFloat(a.mw, 'f', -1, 64), b.zone+strconv.FormatFloat(b.mw, 'f', -1, 64))
			}
			slices.SortFunc(got, less)
			slices.SortFunc(want, less)
			if len(got) != len(want) {
				t.Fatalf("%s, hour %d: %d units up to serve, want %d", sys.Name, h+1, len(got), len(want))
			}
			for i := range got {
				g, w := got[i], want[i]
				if g.zone != w.zone || g.mw != w.mw || math.Abs(g.q-w.q) > 1e-12 ||
					math.Abs(g.mttr-w.mttr) > 5e-7 || math.Abs(g.mttf-w.mttf) > 9*5e-7 {
					t.Errorf("%s, hour %d: unit %+v, want %+v", sys.Name, h+1, g, w)
				}
			}
		}
		if len(sys.Interfaces) != len(c.src.ifaces) {
			t.Fatalf("%s: %d interfaces, want %d", sys.Name, len(sys.Interfaces), len(c.src.ifaces))
		}
		for i, f := range c.src.ifaces {
			g := sys.Interfaces[i]
			if g.From != sys.Zones[f.from].Name || g.To != sys.Zones[f.to].Name || len(g.Elements) != len(f.lines) {
				t.Fatalf("%s: interfaces[%d] = %+v, want the lines %+v from zone %d to %d", sys.Name, i, g, f.lines, f.from, f.to)
			}
			var fwd, bwd float64
			for k, l := range f.lines {
				fwd += l.fwd
				bwd += l.bwd
				e := g.Elements[k]
				q := 0.0
				if l.lambda > 0 {
					q = l.lambda / (l.lambda + l.mu)
				}
				if e.ForwardMW != l.fwd || e.BackwardMW != l.bwd || e.Fails() != (l.lambda > 0) || math.Abs(e.FOR-q) > 1e-12 ||
					(e.Fails() && math.Abs(e.MTTRHours-1/l.mu) > 5e-7) {
					t.Errorf("%s: interfaces[%d].elements[%d] = %+v, want line %+v", sys.Name, i, k, e, l)
				}
			}
			if fwd > f.limitFwd || bwd > f.limitBwd {
				t.Errorf("%s: interfaces[%d]: lines carry %v/%v MW, over the interface limit %v/%v, which carveout does not model", sys.Name, i, fwd, bwd, f.limitFwd, f.limitBwd)
			}
		}
	}
}

// published checks that got rounds to the published value: it lies within
// half a unit of the value's last decimal.
func published(t *testing.T, name string, got, want float64) {
	t.Helper()
	s := strconv.FormatFloat(want, 'f', -1, 64)
	d := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		d = len(s) - i - 1
	}
	if tol := 0.5*math.Pow(10, -float64(d)) + 1e-12; math.Abs(got-want) > tol {
		t.Errorf("%s = %.9f, published %s: off by more than %g", name, got, s, tol)
	}
}

// zoneIndexOf returns the index of zone name in sys.
func zoneIndexOf(t *testing.T, sys *grid.System, name string) int {
	t.Helper()
	for i, z := range sys.Zones {
		if z.Name == name {
			return i
		}
	}
	t.Fatalf("%s has no zone %q", sys.Name, name)
	return -1
}

// TestOracleReproducesPRAS checks the exact enumeration of the translated
// systems against every value PRAS publishes for them, to the decimals
// published: each hour's LOLP and EUE and their sums (network and copper
// plate), and the per-region values, which must also be the same under
// every rule that shares a shortfall.
func TestOracleReproducesPRAS(t *testing.T) {
	sys, err := ThreeNode()
	if err != nil {
		t.Fatal(err)
	}
	ex := exactZonal(t, sys)
	var lole, eue float64
	for h, x := range ex {
		published(t, "threenode LOLP hour "+strconv.Itoa(h+1), x.LOLP, testsystems.PRASThreeNodeLOLP[h])
		published(t, "threenode EUE hour "+strconv.Itoa(h+1), x.EUE, testsystems.PRASThreeNodeEUEByHour[h])
		lole += x.LOLP
		eue += x.EUE
		t.Logf("hour %d: LOLP %.6f EUE %.6f; by zone (priority rule) LOLP %.6f EUE %.6f; rule-independent LOLP %v EUE %v",
			h+1, x.LOLP, x.EUE, x.ZoneLOLP, x.ZoneEUE, x.LOLPFixed, x.EUEFixed)
	}
	published(t, "threenode LOLE", lole, testsystems.PRASThreeNodeLOLE)
	published(t, "threenode EUE", eue, testsystems.PRASThreeNodeEUE)
	for _, v := range testsystems.PRASThreeNodeZoneLOLP {
		z := zoneIndexOf(t, sys, v.Zone)
		x := ex[v.Hour-1]
		published(t, "threenode "+v.Zone+" LOLP hour "+strconv.Itoa(v.Hour), x.ZoneLOLP[z], v.Value)
		if !x.LOLPFixed[z] {
			t.Errorf("threenode %s LOLP hour %d depends on the sharing rule", v.Zone, v.Hour)
		}
	}

	cp, err := ThreeNodeCopperPlate()
	if err != nil {
		t.Fatal(err)
	}
	lole, eue = 0, 0
	for h, x := range copperExact(t, cp) {
		published(t, "copper plate LOLP hour "+strconv.Itoa(h+1), x.LOLP, testsystems.PRASThreeNodeCopperPlateLOLP[h])
		published(t, "copper plate EUE hour "+strconv.Itoa(h+1), x.EUE, testsystems.PRASThreeNodeCopperPlateEUEByHour[h])
		lole += x.LOLP
		eue += x.EUE
	}
	published(t, "copper plate LOLE", lole, testsystems.PRASThreeNodeCopperPlateLOLE)
	published(t, "copper plate EUE", eue, testsystems.PRASThreeNodeCopperPlateEUE)

	two, err := TwoNode()
	if err != nil {
		t.Fatal(err)
	}
	x := exactZonal(t, two)[0]
	published(t, "test1 LOLE", x.LOLP, testsystems.PRASTwoNodeLOLE)
	published(t, "test1 EUE", x.EUE, testsystems.PRASTwoNodeEUE)
	for i, name := range testsystems.PRASTwoNodeZones {
		z := zoneIndexOf(t, two, name)
		published(t, "test1 "+name+" LOLE", x.ZoneLOLP[z], testsystems.PRASTwoNodeZoneLOLE[i])
		published(t, "test1 "+name+" EUE", x.ZoneEUE[z], testsystems.PRASTwoNodeZoneEUE[i])
		if !x.LOLPFixed[z] || !x.EUEFixed[z] {
			t.Errorf("test1 %s: LOLE or EUE depends on the sharing rule", name)
		}
	}
}

// run runs grid.Adequacy on sys.
func run(t *testing.T, sys *grid.System, trials int64) *grid.AdequacyResult {
	t.Helper()
	r, err := grid.Adequacy(context.Background(), sys, montecarlo.WithTrials(trials), montecarlo.WithSeed(1), montecarlo.WithWorkers(2))
	if err != nil {
		t.Fatal(err)
	}
	hours := len(sys.Load)
	if sys.Zoned() {
		hours = len(sys.Zones[0].Load)
	}
	if r.Hours != hours {
		t.Fatalf("%s: result over %d hours", sys.Name, r.Hours)
	}
	return r
}

// checkHourLOLP checks the Monte Carlo probability of shortfall in each
// hour, read from the month × hour map (each of the first 24 hours of a
// series is alone in its cell), against the exact lolp, within 4 binomial
// standard errors √(p(1−p)/trials).
func checkHourLOLP(t *testing.T, name string, r *grid.AdequacyResult, lolp []float64) {
	t.Helper()
	for h, p := range lolp {
		got := r.MonthHour[0][h]
		se := math.Sqrt(p * (1 - p) / float64(r.Trials))
		t.Logf("%s LOLP hour %d: %.5f, exact %.5f, z = %+.2f", name, h+1, got, p, (got-p)/se)
		if math.Abs(got-p) > 4*se {
			t.Errorf("%s LOLP hour %d = %v, exact %v: %.1f SE away, want within 4", name, h+1, got, p, (got-p)/se)
		}
	}
}

// TestThreeNodeMonteCarlo checks grid.Adequacy on the three-region
// system against the exact enumeration and PRAS's values, within 4
// standard errors: the system's LOLE and EUE and each hour's LOLP; and
// each zone's LOLE and EUE against the enumeration under carveout's
// priority rule (PRAS publishes none over the whole horizon, and none of
// them is the same under every sharing rule).
func TestThreeNodeMonteCarlo(t *testing.T) {
	sys, err := ThreeNode()
	if err != nil {
		t.Fatal(err)
	}
	ex := exactZonal(t, sys)
	r := run(t, sys, 400_000)
	var lole, eue float64
	lolp := make([]float64, len(ex))
	zLOLE := make([]float64, len(sys.Zones))
	zEUE := make([]float64, len(sys.Zones))
	for h, x := range ex {
		lole += x.LOLP
		eue += x.EUE
		lolp[h] = x.LOLP
		for z := range sys.Zones {
			zLOLE[z] += x.ZoneLOLP[z]
			zEUE[z] += x.ZoneEUE[z]
		}
	}
	const maxRSE = 0.01
	stattest.CheckEstimate(t, "LOLE vs exact", r.Indices.LOLEHours, lole, maxRSE)
	stattest.CheckEstimate(t, "LOLE vs PRAS", r.Indices.LOLEHours, testsystems.PRASThreeNodeLOLE, maxRSE)
	stattest.CheckEstimate(t, "EUE vs exact", r.Indices.EUEMWh, eue, maxRSE)
	stattest.CheckEstimate(t, "EUE vs PRAS", r.Indices.EUEMWh, testsystems.PRASThreeNodeEUE, maxRSE)
	checkHourLOLP(t, "threenode", r, lolp)
	checkHourLOLP(t, "threenode vs PRAS", r, testsystems.PRASThreeNodeLOLP)
	for z, zi := range r.Zones {
		stattest.CheckEstimate(t, zi.Name+" LOLE", zi.LOLEHours, zLOLE[z], 2*maxRSE)
		stattest.CheckEstimate(t, zi.Name+" EUE", zi.EUEMWh, zEUE[z], 2*maxRSE)
	}
}

// TestThreeNodeZoneMonteCarlo checks the per-region values PRAS
// publishes for the three-region system, region C short with probability
// 0.1 in hours 2 and 3, which hold whatever rule shares a shortfall:
// grid.Adequacy on the system of those two hours alone gives region C a
// LOLE of their sum within 4 standard errors, and every zone the LOLE and
// EUE of the enumeration.
func TestThreeNodeZoneMonteCarlo(t *testing.T) {
	var hours []int
	want := 0.0
	for _, v := range testsystems.PRASThreeNodeZoneLOLP {
		if v.Zone != "region_c" {
			t.Fatalf("reference for zone %q: this test covers region_c", v.Zone)
		}
		hours = append(hours, v.Hour)
		want += v.Value
	}
	sys, err := threeNode(hours)
	if err != nil {
		t.Fatal(err)
	}
	ex := exactZonal(t, sys)
	full, err := ThreeNode()
	if err != nil {
		t.Fatal(err)
	}
	exFull := exactZonal(t, full)
	c := zoneIndexOf(t, sys, "region_c")
	for k, h := range hours {
		if ex[k].LOLP != exFull[h-1].LOLP || ex[k].EUE != exFull[h-1].EUE || !ex[k].LOLPFixed[c] {
			t.Fatalf("hour %d alone: %+v, want %+v with region_c's LOLP rule-independent", h, ex[k], exFull[h-1])
		}
	}
	r := run(t, sys, 200_000)
	stattest.CheckEstimate(t, "region_c LOLE vs PRAS", r.Zones[c].LOLEHours, want, 0.01)
	for z, zi := range r.Zones {
		var lole, eue float64
		for _, x := range ex {
			lole += x.ZoneLOLP[z]
			eue += x.ZoneEUE[z]
		}
		stattest.CheckEstimate(t, zi.Name+" LOLE vs exact", zi.LOLEHours, lole, 0.02)
		stattest.CheckEstimate(t, zi.Name+" EUE vs exact", zi.EUEMWh, eue, 0.02)
	}
}

// TestThreeNodeCopperPlate checks the copper plate of the three-region
// system: grid.AdequacyCOPT (one capacity outage table per combination of
// class factors) gives PRAS's LOLE and EUE to the decimals published, and
// grid.Adequacy agrees within 4 standard errors, hour by hour too.
func TestThreeNodeCopperPlate(t *testing.T) {
	cp, err := ThreeNodeCopperPlate()
	if err != nil {
		t.Fatal(err)
	}
	exact, err := grid.AdequacyCOPT(cp)
	if err != nil {
		t.Fatal(err)
	}
	published(t, "COPT LOLE", exact.Indices.LOLEHours.Mean, testsystems.PRASThreeNodeCopperPlateLOLE)
	published(t, "COPT EUE", exact.Indices.EUEMWh.Mean, testsystems.PRASThreeNodeCopperPlateEUE)
	r := run(t, cp, 200_000)
	stattest.CheckEstimate(t, "LOLE vs PRAS", r.Indices.LOLEHours, testsystems.PRASThreeNodeCopperPlateLOLE, 0.01)
	stattest.CheckEstimate(t, "EUE vs PRAS", r.Indices.EUEMWh, testsystems.PRASThreeNodeCopperPlateEUE, 0.01)
	checkHourLOLP(t, "copper plate vs PRAS", r, testsystems.PRASThreeNodeCopperPlateLOLP)
}

// TestTwoNodeMonteCarlo checks grid.Adequacy on PRAS's Test System 1
// against every value PRAS publishes for it, system and per region,
// within 4 standard errors; the per-region values hold under any sharing
// rule (TestOracleReproducesPRAS).
func TestTwoNodeMonteCarlo(t *testing.T) {
	sys, err := TwoNode()
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, sys, 1_000_000)
	stattest.CheckEstimate(t, "LOLE vs PRAS", r.Indices.LOLEHours, testsystems.PRASTwoNodeLOLE, 0.01)
	stattest.CheckEstimate(t, "EUE vs PRAS", r.Indices.EUEMWh, testsystems.PRASTwoNodeEUE, 0.01)
	for i, name := range testsystems.PRASTwoNodeZones {
		z := zoneIndexOf(t, sys, name)
		stattest.CheckEstimate(t, name+" LOLE vs PRAS", r.Zones[z].LOLEHours, testsystems.PRASTwoNodeZoneLOLE[i], 0.01)
		stattest.CheckEstimate(t, name+" EUE vs PRAS", r.Zones[z].EUEMWh, testsystems.PRASTwoNodeZoneEUE[i], 0.01)
	}
}
