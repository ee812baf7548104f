package study

import (
	"math"
	"strings"
	"testing"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/montecarlo"
)

// zonedScenario is rbtsScenario split into two zones: "north" with the
// share north of the load and the units of odd index, "south" with the
// rest, joined by the given interfaces; the carve-out sits in site.
func zonedScenario(t testing.TB, mw float64, p Policy, north float64, ifaces []grid.Interface, site string) *Scenario {
	t.Helper()
	sc := rbtsScenario(t, mw, p)
	for i := range sc.Fleet {
		sc.Fleet[i].Zone = []string{"south", "north"}[i%2]
	}
	sc.Zones = []ZoneSpec{{Name: "north", LoadShare: []float64{north}}, {Name: "south", LoadShare: []float64{1 - north}}}
	sc.Interfaces = ifaces
	sc.Carveout.Site = site
	return sc
}

// corridor is a south→north interface of two failing poles of mw MW each.
func corridor(mw float64) []grid.Interface {
	return []grid.Interface{{From: "south", To: "north", Elements: []grid.Element{
		{Name: "pole", Count: 2, ForwardMW: mw, BackwardMW: mw, FOR: 0.02, MTTRHours: 48},
	}}}
}

// With one zone and no interfaces the zonal study is the copper plate:
// the same baseline to the bit and the same paired risk.
func TestZonalStudyOneZoneIsCopperPlate(t *testing.T) {
	p := Policy{Kind: Interruptible, NoticeHours: 2, Compliance: 0.9}
	cp := rbtsScenario(t, 15, p)
	z := rbtsScenario(t, 15, p)
	for i := range z.Fleet {
		z.Fleet[i].Zone = "all"
	}
	z.Zones = []ZoneSpec{{Name: "all", LoadShare: []float64{1}}}
	_, rc := runStudy(t, cp)
	_, rz := runStudy(t, z)
	c, zr := rc.Report(), rz.Report()
	sameIndices(t, "baseline", zr.Baseline, c.Baseline)
	if zr.Risk.PCausesShedding.Mean != c.Risk.PCausesShedding.Mean || zr.Risk.DeltaLOLEHours.Mean != c.Risk.DeltaLOLEHours.Mean {
		t.Errorf("risk: zonal P %v ΔLOLE %v, copper plate %v %v", zr.Risk.PCausesShedding.Mean, zr.Risk.DeltaLOLEHours.Mean, c.Risk.PCausesShedding.Mean, c.Risk.DeltaLOLEHours.Mean)
	}
	if zr.Risk.PNewShortfall != c.Risk.PNewShortfall || zr.DeltaLOLEByMonthHour != c.DeltaLOLEByMonthHour || c.Risk.PNewShortfall.Mean == 0 {
		t.Errorf("P(new shortfall): zonal %v, copper plate %v; or their ΔLOLE maps differ", zr.Risk.PNewShortfall, c.Risk.PNewShortfall)
	}
	if z := zr.Zones[0]; z.PNewShortfall != c.Risk.PNewShortfall || z.DeltaLOLEByMonthHour != c.DeltaLOLEByMonthHour {
		t.Errorf("the one zone's P(new shortfall) %v or ΔLOLE map differs from the copper plate's", z.PNewShortfall)
	}
	if d, e := zr.Risk.DeltaEUEMWh.Mean, c.Risk.DeltaEUEMWh.Mean; math.Abs(d-e) > 1e-9*math.Abs(e) || e == 0 {
		t.Errorf("ΔEUE: zonal %v, copper plate %v", d, e)
	}
	if d, e := zr.Load.CurtailedMWh.Mean, c.Load.CurtailedMWh.Mean; math.Abs(d-e) > 1e-9*math.Abs(e) || e == 0 {
		t.Errorf("curtailed: zonal %v, copper plate %v", d, e)
	}
	// The zone's load energy adds day by day (its share of each day's
	// national energy), so its NEUE may differ in the last bits; every
	// other index is the copper plate's to the bit.
	zb := zr.Zones[0].Baseline
	if d, e := zb.NEUEPPM.Mean, c.Baseline.NEUEPPM.Mean; math.Abs(d-e) > 1e-12*e {
		t.Errorf("zone NEUE %v, copper plate %v", d, e)
	}
	zb.NEUEPPM = c.Baseline.NEUEPPM
	sameIndices(t, "zone all baseline", zb, c.Baseline)
	t.Logf("P(causes) %v, ΔEUE %v MWh (zonal %v), curtailed %v MWh", c.Risk.PCausesShedding.Mean, c.Risk.DeltaEUEMWh.Mean, zr.Risk.DeltaEUEMWh.Mean, c.Load.CurtailedMWh.Mean)
}

// With an interface that never binds, the zonal study's system baseline
// is the copper plate's.
func TestZonalStudyUnboundBaselineIsCopperPlate(t *testing.T) {
	cp := rbtsScenario(t, 10, Policy{})
	z := zonedScenario(t, 10, Policy{}, 0.75, []grid.Interface{{From: "south", To: "north", Elements: []grid.Element{{Name: "big", ForwardMW: 1000, BackwardMW: 1000}}}}, "north")
	_, rc := runStudy(t, cp)
	_, rz := runStudy(t, z)
	c, zr := rc.Report(), rz.Report()
	if zr.Baseline.LOLEHours != c.Baseline.LOLEHours || zr.Baseline.LOLF != c.Baseline.LOLF || zr.Baseline.LOLEDays != c.Baseline.LOLEDays {
		t.Errorf("baseline: zonal LOLE %v LOLF %v, copper plate %v %v", zr.Baseline.LOLEHours, zr.Baseline.LOLF, c.Baseline.LOLEHours, c.Baseline.LOLF)
	}
	if d, e := zr.Baseline.EUEMWh.Mean, c.Baseline.EUEMWh.Mean; math.Abs(d-e) > 1e-12*e || e == 0 {
		t.Errorf("baseline EUE: zonal %v, copper plate %v", d, e)
	}
}

// A carve-out where the corridor strands generation does less harm than
// the same carve-out where the load is; the paired comparison says so
// with an interval that excludes zero, far narrower than the points'.
// Per-zone changes add up to the system's.
func TestZonalStudySiting(t *testing.T) {
	sc := zonedScenario(t, 20, Policy{}, 0.85, corridor(40), "south")
	sc.Sweep = Sweep{SizesMW: []float64{10, 20}, Sites: []string{"north", "south"}}
	sc.Trials = 3000
	_, res := runStudy(t, sc)
	r := res.Report()
	if len(r.Sweep) != 4 || r.Sweep[0].Site != "north" || r.Sweep[2].Site != "south" || r.Sweep[0].VsFirstSite != nil {
		t.Fatalf("sweep shape: %+v", r.Sweep)
	}
	for _, pt := range r.Sweep[2:] {
		v := pt.VsFirstSite
		if v == nil || v.Site != "north" {
			t.Fatalf("%v MW at %s: no comparison with north", pt.MW, pt.Site)
		}
		d := v.DiffDeltaEUEMWh
		var n montecarlo.Estimate
		for _, q := range r.Sweep {
			if q.Site == "north" && q.MW == pt.MW {
				n = q.DeltaEUEMWh
			}
		}
		t.Logf("%v MW: ΔEUE north %.2f [%.2f, %.2f], south %.2f [%.2f, %.2f]; south − north %.2f [%.2f, %.2f]",
			pt.MW, n.Mean, n.Lo, n.Hi,
			pt.DeltaEUEMWh.Mean, pt.DeltaEUEMWh.Lo, pt.DeltaEUEMWh.Hi, d.Mean, d.Lo, d.Hi)
		if !(d.Hi < 0) {
			t.Errorf("%v MW: south − north ΔEUE %v [%v, %v], want below 0", pt.MW, d.Mean, d.Lo, d.Hi)
		}
	}
	// The main case (20 MW in the south) is the sweep's 20 MW south
	// point, on the same draws.
	if r.Sweep[3].DeltaEUEMWh != r.Risk.DeltaEUEMWh || r.Site != "south" {
		t.Errorf("main case %v, sweep point %v", r.Risk.DeltaEUEMWh, r.Sweep[3].DeltaEUEMWh)
	}
	sum := 0.0
	for _, z := range r.Zones {
		sum += z.DeltaEUEMWh.Mean
	}
	if math.Abs(sum-r.Risk.DeltaEUEMWh.Mean) > 1e-9*(1+math.Abs(sum)) {
		t.Errorf("zones' ΔEUE sum to %v, system %v", sum, r.Risk.DeltaEUEMWh.Mean)
	}
}

// A zonal study is bit-identical for any worker count and shard split,
// and a zero carve-out changes nothing anywhere.
func TestZonalStudyReproducible(t *testing.T) {
	sc := zonedScenario(t, 15, Policy{Kind: Interruptible, NoticeHours: 2, Compliance: 0.9}, 0.8, corridor(35), "north")
	sc.Carveout.Mining.Fleet.Economic = true
	sc.Sweep = Sweep{SizesMW: []float64{0, 25}, Sites: []string{"north", "south"}}
	sc.Trials = 500
	_, r1 := checkReproducible(t, sc)
	rep := r1.Report()
	for _, pt := range rep.Sweep {
		if pt.MW == 0 && (pt.DeltaEUEMWh.Mean != 0 || pt.DeltaLOLEHours.Mean != 0 || pt.PCausesShedding.Mean != 0) {
			t.Errorf("0 MW at %s: %+v", pt.Site, pt)
		}
	}
}

// Bad zonal input is refused with the field named.
func TestZonalScenarioErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*Scenario)
		want string
	}{
		{"unit without zone", func(s *Scenario) { s.Fleet[3].Zone = "" }, `fleet[3].zone = "", want a zone`},
		{"unit in unknown zone", func(s *Scenario) { s.Fleet[2].Zone = "east" }, `fleet[2].zone = "east", want the name of a zone`},
		{"interface to unknown zone", func(s *Scenario) { s.Interfaces[0].To = "east" }, `interfaces[0].to = "east", want the name of a zone`},
		{"interface to itself", func(s *Scenario) { s.Interfaces[0].To = "south" }, `interfaces[0].to = "south", want a zone other than from`},
		{"negative capacity", func(s *Scenario) { s.Interfaces[0].Elements[0].ForwardMW = -1 }, `interfaces[0].elements[0].capacity_forward_mw = -1, want finite >= 0`},
		{"NaN capacity", func(s *Scenario) { s.Interfaces[0].Elements[0].BackwardMW = math.NaN() }, `interfaces[0].elements[0].capacity_backward_mw = NaN`},
		{"infinite capacity", func(s *Scenario) { s.Interfaces[0].Elements[0].ForwardMW = math.Inf(1) }, `capacity_forward_mw = +Inf`},
		{"zone without load", func(s *Scenario) { s.Zones[1].LoadShare = nil }, `zones[1].load_share = 0 values, want 1 value, or 12`},
		{"shares not summing to 1", func(s *Scenario) { s.Zones[1].LoadShare = []float64{0.3} }, `zones[*].load_share[0] = 1.1`},
		{"unknown site", func(s *Scenario) { s.Carveout.Site = "east" }, `carveout.site = "east", want the name of a zone`},
		{"unknown sweep site", func(s *Scenario) { s.Sweep.Sites = []string{"north", "west"} }, `sweep.sites[1] = "west"`},
		{"duplicate zone", func(s *Scenario) { s.Zones[1].Name = "north" }, `zones[1].name = "north", want a name unique among zones`},
		{"zone in a copper plate", func(s *Scenario) { s.Zones = nil }, `fleet[0].zone = "south", want "" (the scenario declares no zones)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			sc := zonedScenario(t, 10, Policy{}, 0.8, corridor(30), "south")
			c.edit(sc)
			_, err := NewStudy(sc)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to contain %q", err, c.want)
			}
			if !strings.HasPrefix(err.Error(), "study: scenario: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

// A zonal trial allocates nothing once its buffers have grown.
func TestZonalStudyTrialAllocFree(t *testing.T) {
	sc := zonedScenario(t, 20, Policy{Kind: Interruptible, NoticeHours: 2, Compliance: 0.9, MaxCurtailedHours: 30}, 0.8, corridor(30), "north")
	sc.Sweep = Sweep{SizesMW: []float64{10, 30}, Sites: []string{"north", "south"}}
	st, w := studyWorker(t, sc)
	acc := st.newState()
	i := int64(0)
	trial := func() {
		if err := w.trial(montecarlo.Trial{Seed: 2, Index: i % 50}, acc); err != nil {
			t.Fatal(err)
		}
		i++
	}
	for range 50 {
		trial()
	}
	if a := testing.AllocsPerRun(100, trial); a != 0 {
		t.Errorf("%v allocations per trial-year, want 0", a)
	}
}

// A carve-out split across zones, interruptible, behind a tight
// interface: the load it keeps running after a curtailment is settled
// as it is (the shortcut of a one-zone site, where what the flexible
// load adds to the shortfall is all the curtailment must cover, does not
// hold when the slopes are fractional). Adding load cannot then lower
// other customers' expected unserved energy.
func TestZonalSplitSiteInterruptible(t *testing.T) {
	sc := zonedScenario(t, 30, Policy{Kind: Interruptible}, 0.5,
		[]grid.Interface{{From: "south", To: "north", Elements: []grid.Element{{Name: "tie", ForwardMW: 5, BackwardMW: 5}}}}, "")
	sc.Carveout.Site = ""
	sc.Carveout.Sites = []SiteShare{{Zone: "north", Share: 0.5}, {Zone: "south", Share: 0.5}}
	sc.Trials = 200
	_, res := runStudy(t, sc)
	r := res.Report()
	if !(r.Risk.DeltaEUEMWh.Mean > 0) || !(r.Risk.PCausesShedding.Mean > 0) {
		t.Errorf("ΔEUE %v MWh, P(causes) %v: adding a load lowered or left other customers' unserved energy", r.Risk.DeltaEUEMWh.Mean, r.Risk.PCausesShedding.Mean)
	}
	t.Logf("ΔEUE %v MWh, P(causes) %v", r.Risk.DeltaEUEMWh.Mean, r.Risk.PCausesShedding.Mean)
}
