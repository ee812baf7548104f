package grid

import (
	"math"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// headroom is NetworkAvailability.Headroom for one site.
func headroom(a *NetworkAvailability, h int, back []int, load []float64, site []float64) float64 {
	var out [1]float64
	if site == nil {
		site = make([]float64, len(load))
	}
	s, err := a.n.Sites([][]float64{site})
	if err != nil {
		panic(err)
	}
	a.Headroom(h, back, load, 1, s, out[:])
	return out[0]
}

// headroomNetworks are small zoned RBTS networks for the headroom tests:
// a radial one (a path with parallel interfaces and a zone without
// units) and a meshed one (a triangle).
func headroomNetworks(t *testing.T) map[string]*Network {
	t.Helper()
	out := make(map[string]*Network)
	for name, ifaces := range map[string][]Interface{
		"radial": {
			{From: "a", To: "b", Elements: []Element{{Name: "ab", Count: 2, ForwardMW: 20, BackwardMW: 10, MTTFHours: 100, MTTRHours: 20}}},
			{From: "b", To: "a", Elements: []Element{{Name: "ba", ForwardMW: 5, BackwardMW: 15}}},
			{From: "b", To: "c", Elements: []Element{{Name: "bc", ForwardMW: 30, BackwardMW: 0, FOR: 0.1, MTTRHours: 10}}},
		},
		"meshed": {
			{From: "a", To: "b", Elements: []Element{{Name: "ab", ForwardMW: 20, BackwardMW: 10, MTTFHours: 100, MTTRHours: 20}}},
			{From: "b", To: "c", Elements: []Element{{Name: "bc", ForwardMW: 15, BackwardMW: 5}}},
			{From: "c", To: "a", Elements: []Element{{Name: "ca", ForwardMW: 10, BackwardMW: 25, FOR: 0.1, MTTRHours: 10}}},
		},
	} {
		sys := zonedRBTS(t, ifaces)
		if name == "radial" {
			// Zone c has no units: every hour it imports.
			for i := range sys.Units {
				if sys.Units[i].Zone == "c" {
					sys.Units[i].Zone = "a"
				}
			}
		}
		n, err := NewNetwork([]string{"a", "b", "c"}, sys.Units, sys.Classes, sys.Interfaces, sys.hours())
		if err != nil {
			t.Fatal(err)
		}
		if n.radial != (name == "radial") {
			t.Fatalf("%s: radial = %v", name, n.radial)
		}
		out[name] = n
	}
	return out
}

// Headroom is the min-cut bound: the loads plus t·site are served (Settle
// finds nothing unserved) just below it and not just above it; it is
// negative exactly when the loads alone are not served; the radial fold
// and the enumeration of cuts agree.
func TestHeadroomIsTheServedLimit(t *testing.T) {
	for name, n := range headroomNetworks(t) {
		t.Run(name, func(t *testing.T) {
			a, err := n.NewAvailability()
			if err != nil {
				t.Fatal(err)
			}
			load := make([]float64, 3)
			with := make([]float64, 3)
			unserved := make([]float64, 3)
			sites := [][]float64{nil, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0.5, 0, 0.5}}
			checked := 0
			for tr := range int64(20) {
				a.Sample(montecarlo.Trial{Seed: 9, Index: tr}, nil, nil)
				for h := 0; h < n.Hours(); h += 7 {
					// Loads near the zones' capacities, so that every
					// kind of hour occurs.
					for z := range load {
						load[z] = 0.6*n.MW(a.capacity[z][h]) + float64((h*(z+3))%40)
					}
					u := a.Settle(h, load, 1, unserved)
					for _, site := range sites {
						hr := headroom(a, h, nil, load, site)
						if n.radial && site != nil {
							// The enumeration, for comparison.
							n.radial = false
							e := headroom(a, h, nil, load, site)
							n.radial = true
							if (e < 0) != (hr < 0) || e >= 0 && math.Abs(e-hr) > 1e-9*(1+math.Abs(e)) && !(math.IsInf(e, 1) && math.IsInf(hr, 1)) {
								t.Fatalf("trial %d hour %d site %v: fold %v, cuts %v", tr, h, site, hr, e)
							}
						}
						if (hr < 0) != (u > 1e-9) {
							t.Fatalf("trial %d hour %d site %v: headroom %v with %v MWh unserved", tr, h, site, hr, u)
						}
						if hr < 0 || site == nil || math.IsInf(hr, 1) {
							continue
						}
						for _, d := range []float64{-1e-6, 1e-6} {
							for z := range with {
								with[z] = load[z] + (hr+d)*site[z]
							}
							if got := a.Settle(h, with, 1, unserved); (got > 0) != (d > 0) {
								t.Fatalf("trial %d hour %d site %v: headroom %v, %v MW more leaves %v unserved", tr, h, site, hr, d, got)
							}
						}
						checked++
					}
				}
			}
			if checked < 1000 {
				t.Fatalf("only %d hours with a finite headroom", checked)
			}
		})
	}
}

// Headroom over notice horizons uses the least capacity: it is at most
// each hour's own headroom.
func TestHeadroomOverHorizons(t *testing.T) {
	n := headroomNetworks(t)["radial"]
	a, err := n.NewAvailability()
	if err != nil {
		t.Fatal(err)
	}
	a.Sample(montecarlo.Trial{Seed: 3}, nil, nil)
	load := []float64{60, 40, 20}
	site := []float64{0, 1, 0}
	for h := range n.Hours() {
		both := headroom(a, h, []int{3}, load, site)
		now := headroom(a, h, nil, load, site)
		then := headroom(a, max(0, h-3), nil, load, site)
		if both > min(now, then)+1e-9 {
			t.Fatalf("hour %d: headroom over horizons %v, now %v, 3 h before %v", h, both, now, then)
		}
	}
}

// Sites refuses shares that are not one finite, non-negative number per
// zone.
func TestSitesErrors(t *testing.T) {
	n := headroomNetworks(t)["radial"]
	for _, bad := range [][]float64{{1, 0}, {1, 0, math.NaN()}, {-1, 0, 0}, {0, math.Inf(1), 0}} {
		if _, err := n.Sites([][]float64{bad}); err == nil {
			t.Errorf("shares %v accepted", bad)
		}
	}
	s, err := n.Sites([][]float64{{0, 1, 0}, {0.5, 0, 0.5}, {0, 0, 0}})
	if err != nil {
		t.Fatal(err)
	}
	if s.root[0] != 1 || s.root[1] != -1 || s.root[2] != -1 {
		t.Errorf("roots %v, want [1 -1 -1]", s.root)
	}
}

// The fold on hand-set capacities: an island short of its load makes
// every site's headroom negative, whichever part the site is in, and a
// tie met exactly leaves no slack.
func TestFoldIslandAndTies(t *testing.T) {
	units := []Unit{{Name: "ua", Zone: "a", CapacityMW: 10, MTTFHours: 100, MTTRHours: 10}, {Name: "uc", Zone: "c", CapacityMW: 10, MTTFHours: 100, MTTRHours: 10}}
	ifaces := []Interface{{From: "a", To: "b", Elements: []Element{{Name: "ab", ForwardMW: 5, BackwardMW: 5}}}}
	n, err := NewNetwork([]string{"a", "b", "c"}, units, nil, ifaces, 24)
	if err != nil {
		t.Fatal(err)
	}
	if !n.radial || len(n.parts) != 2 {
		t.Fatalf("radial %v, parts %v", n.radial, n.parts)
	}
	a, err := n.NewAvailability()
	if err != nil {
		t.Fatal(err)
	}
	sites, err := n.Sites([][]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 0}})
	if err != nil {
		t.Fatal(err)
	}
	unit := n.scale // capacity units per MW
	a.hcap[0], a.hcap[1], a.hcap[2] = int64(10*unit), 0, int64(10*unit)
	out := make([]float64, 4)
	// b draws 5 MW over a 5 MW link (a tie), the island c has 2 MW spare.
	a.headrooms([]float64{4, 5, 8}, 1, sites, out)
	if out[0] != 1 || out[1] != 0 || out[2] != 2 || out[3] != 0 {
		t.Errorf("headrooms %v, want [1 0 2 0]", out)
	}
	// The island short: every site's headroom is negative.
	a.headrooms([]float64{4, 5, 11}, 1, sites, out)
	for j, hr := range out {
		if hr >= 0 {
			t.Errorf("site %d: headroom %v with the island short", j, hr)
		}
	}
}

// A tie met only within the rounding of the zones' loads summed in
// floating point (24.6 + 2.3 against 26.9 MW) is served: no zone is
// short while the unit is up, exactly or by Monte Carlo.
func TestSettleDecimalTie(t *testing.T) {
	sys := &System{
		Units:      []Unit{{Name: "ua", Zone: "a", CapacityMW: 26.9, MTTFHours: 1000, MTTRHours: 1}},
		Zones:      []Zone{{Name: "a", Load: []float64{24.6}}, {Name: "b", Load: []float64{2.3}}},
		Interfaces: []Interface{{From: "a", To: "b", Elements: []Element{{Name: "ab", ForwardMW: 4.9, BackwardMW: 4.9}}}},
	}
	ex, err := NewZonalExact(sys)
	if err != nil {
		t.Fatal(err)
	}
	x, zs, err := ex.Indices()
	if err != nil {
		t.Fatal(err)
	}
	down := 1.0 / 1001 // the unit's unavailability
	if math.Abs(x.LOLP.Mean-down) > 1e-12 {
		t.Errorf("LOLP %v, want %v (short only with the unit down)", x.LOLP.Mean, down)
	}
	for _, z := range zs {
		if math.Abs(z.LOLEHours.Mean-down) > 1e-12 {
			t.Errorf("zone %s: LOLE %v h, want %v", z.Name, z.LOLEHours.Mean, down)
		}
	}
}
