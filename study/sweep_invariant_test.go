package study

import (
	"fmt"
	"testing"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/montecarlo"
)

// checkSweepInvariants scores trials trial-years of sc, whose sweep is
// sizes (the first 0 MW) × policies (the first firm) × sites, and checks
// trial by trial, on the common random numbers every case shares:
//
//   - a 0 MW carve-out changes nothing: zero ΔLOLE and ΔEUE, no trial in
//     which it causes shedding or a new shortfall, and the other
//     customers' hours those of the baseline;
//   - under every policy ΔLOLE and ΔEUE are >= 0 (the carve-out only adds
//     load, and what it is not curtailed is served or shed with the rest);
//   - under the firm policy ΔLOLE, ΔEUE and the trials in which the
//     carve-out causes shedding do not fall as the size grows;
//   - the main case's measures are those of the sweep's case of the same
//     size, policy and site, to the bit.
//
// main is the index in the sweep of the main case's twin.
func checkSweepInvariants(t *testing.T, sc *Scenario, trials int64, main int) {
	t.Helper()
	sizes, pols := sc.Sweep.SizesMW, max(1, len(sc.Sweep.Policies))
	sites := max(1, len(sc.Sweep.Sites))
	st, w := studyWorker(t, sc)
	if len(st.sweepCases()) != len(sizes)*pols*sites {
		t.Fatalf("%d cases, want %d", len(st.sweepCases()), len(sizes)*pols*sites)
	}
	var short, caused int64
	for i := range trials {
		acc := st.newState()
		if err := w.trial(montecarlo.Trial{Seed: sc.Seed, Index: i}, acc); err != nil {
			t.Fatal(err)
		}
		baseHours := acc.Baseline.LOLE.Sum.Float64()
		if baseHours > 0 {
			short++
		}
		for s := range sites {
			for p := range pols {
				off := (s*pols + p) * len(sizes)
				for k, mw := range sizes {
					c := &acc.Sweep[off+k]
					dl, de := c.DeltaLOLE.Sum.Float64(), c.DeltaEUE.Sum.Float64()
					where := fmt.Sprintf("trial %d, site %d, policy %d, %v MW", i, s, p, mw)
					if dl < 0 || de < 0 {
						t.Fatalf("%s: ΔLOLE %v, ΔEUE %v, want >= 0", where, dl, de)
					}
					if mw == 0 && (dl != 0 || de != 0 || c.Causes.K != 0 || c.NewShortfall.K != 0 || c.LOLEHours.Sum.Float64() != baseHours) {
						t.Fatalf("%s: ΔLOLE %v ΔEUE %v causes %d new %d, other customers' hours %v against the baseline's %v",
							where, dl, de, c.Causes.K, c.NewShortfall.K, c.LOLEHours.Sum.Float64(), baseHours)
					}
					if c.Causes.K > 0 {
						caused++
					}
					if p != 0 || k == 0 {
						continue
					}
					b := &acc.Sweep[off+k-1]
					if dl < b.DeltaLOLE.Sum.Float64() || de < b.DeltaEUE.Sum.Float64() || c.Causes.K < b.Causes.K {
						t.Fatalf("%s: firm ΔLOLE %v ΔEUE %v causes %d, below %v %v %d at %v MW", where, dl, de, c.Causes.K,
							b.DeltaLOLE.Sum.Float64(), b.DeltaEUE.Sum.Float64(), b.Causes.K, sizes[k-1])
					}
				}
			}
		}
		m, tw := &acc.Main, &acc.Sweep[main]
		if m.DeltaLOLE != tw.DeltaLOLE || m.DeltaEUE != tw.DeltaEUE || m.Causes != tw.Causes || m.NewShortfall != tw.NewShortfall {
			t.Fatalf("trial %d: main case ΔLOLE %v ΔEUE %v, its sweep twin %v %v", i,
				m.DeltaLOLE.Sum.Float64(), m.DeltaEUE.Sum.Float64(), tw.DeltaLOLE.Sum.Float64(), tw.DeltaEUE.Sum.Float64())
		}
	}
	if short == 0 || caused == 0 {
		t.Fatalf("%d of %d trials short, %d case-trials caused shedding: the test checks nothing", short, trials, caused)
	}
	t.Logf("%d of %d trials short in the baseline; %d case-trials caused shedding", short, trials, caused)
}

// TestInvariantSweepCopperPlate: RBTS with economic miners and AI load,
// firm and interruptible with frictions, under load forecast
// uncertainty.
func TestInvariantSweepCopperPlate(t *testing.T) {
	sc := rbtsScenario(t, 20, Policy{Kind: Firm})
	sc.Carveout.MiningShare = 0.6
	sc.Carveout.Mining.Fleet.Economic = true
	sc.Demand.LFU.Sigma = 0.04
	sc.Sweep = Sweep{SizesMW: []float64{0, 2.5, 10, 20, 35}, Policies: []Policy{
		{Kind: Firm},
		{Kind: Interruptible, NoticeHours: 3, Compliance: 0.7, MaxCurtailedHours: 12},
	}}
	checkSweepInvariants(t, sc, 2000, 3)
}

// TestInvariantSweepZonal: RBTS in two zones joined by a failing
// corridor, the carve-out at each site in turn.
func TestInvariantSweepZonal(t *testing.T) {
	sc := zonedScenario(t, 20, Policy{Kind: Firm}, 0.6, corridor(25), "south")
	sc.Carveout.MiningShare = 0.6
	sc.Demand.LFU.Sigma = 0.04
	sc.Sweep = Sweep{SizesMW: []float64{0, 2.5, 10, 20, 35}, Sites: []string{"north", "south"}, Policies: []Policy{
		{Kind: Firm},
		{Kind: Interruptible, NoticeHours: 3, Compliance: 0.7, MaxCurtailedHours: 12},
	}}
	checkSweepInvariants(t, sc, 2000, 2*5+3)
}

// TestInvariantSweepThreeZones: RBTS in three zones on a path through a
// hub with generation of its own (threeZoneScenario), the carve-out in
// the middle-priority zone, then at each zone in turn.
func TestInvariantSweepThreeZones(t *testing.T) {
	sc := threeZoneScenario(t)
	sc.Sweep = Sweep{SizesMW: []float64{0, 2.5, 10, 20, 35}, Sites: []string{"west", "east", "hub"}, Policies: []Policy{
		{Kind: Firm},
		{Kind: Interruptible, NoticeHours: 3, Compliance: 0.7, MaxCurtailedHours: 12},
	}}
	checkSweepInvariants(t, sc, 250, 2*5+3)
}

// threeZoneScenario is RBTS in three zones, west, east and hub in that
// order of priority, on a path west–hub–east whose links fail, with a
// firm carve-out of 20 MW in east and load forecast uncertainty.
func threeZoneScenario(t testing.TB) *Scenario {
	sc := rbtsScenario(t, 20, Policy{Kind: Firm})
	for i := range sc.Fleet {
		sc.Fleet[i].Zone = []string{"east", "hub", "west"}[i%3]
	}
	sc.Zones = []ZoneSpec{{Name: "west", LoadShare: []float64{0.4}}, {Name: "east", LoadShare: []float64{0.35}}, {Name: "hub", LoadShare: []float64{0.25}}}
	sc.Interfaces = []grid.Interface{
		{From: "hub", To: "west", Elements: []grid.Element{{Name: "hw", Count: 2, ForwardMW: 15, BackwardMW: 10, FOR: 0.03, MTTRHours: 30}}},
		{From: "east", To: "hub", Elements: []grid.Element{{Name: "eh", ForwardMW: 20, BackwardMW: 20, FOR: 0.05, MTTRHours: 20}}},
	}
	sc.Carveout.Site = "east"
	sc.Demand.LFU.Sigma = 0.04
	return sc
}
