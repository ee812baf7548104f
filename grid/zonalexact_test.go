package grid

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/carveout/carveout/internal/stattest"
	"github.com/carveout/carveout/montecarlo"
)

// rbtsZones splits RBTS into zones: each unit entry goes to the zone
// zoneOf names for it (by entry name), each zone's load is its share of
// the RBTS load, and the zones are joined by ifaces.
func rbtsZones(tb testing.TB, zoneOf map[string]string, names []string, shares []float64, ifaces []Interface) *System {
	tb.Helper()
	sys := rbts(tb)
	z := &System{Name: "RBTS in zones", Interfaces: ifaces}
	for _, u := range sys.Units {
		var ok bool
		if u.Zone, ok = zoneOf[u.Name]; !ok {
			tb.Fatalf("unit %q has no zone", u.Name)
		}
		z.Units = append(z.Units, u)
	}
	for k, n := range names {
		zone := Zone{Name: n, Load: make([]float64, len(sys.Load))}
		for h, x := range sys.Load {
			zone.Load[h] = shares[k] * x
		}
		z.Zones = append(z.Zones, zone)
	}
	return z
}

// exactZonal returns the exact indices of sys, checking that they are
// exact (zero errors, point intervals) and leave out what needs
// chronology.
func exactZonal(t *testing.T, sys *System) (Indices, []ZoneIndices, *ZonalExact) {
	t.Helper()
	began := time.Now()
	e, err := NewZonalExact(sys)
	if err != nil {
		t.Fatal(err)
	}
	x, zs, settled, err := e.indices()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("exact: %d states, %d groups of hours, %d settlements, %v", e.States(), len(e.groups), settled, time.Since(began).Round(time.Millisecond))
	all := []Indices{x}
	for _, z := range zs {
		all = append(all, z.Indices)
	}
	for _, x := range all {
		for _, v := range []montecarlo.Estimate{x.LOLEHours, x.EUEMWh, x.LOLP, x.NEUEPPM} {
			if v.SE != 0 || v.Lo != v.Mean || v.Hi != v.Mean || math.IsNaN(v.Mean) {
				t.Errorf("exact index %+v is not exact", v)
			}
		}
		if !math.IsNaN(x.LOLF.Mean) || !math.IsNaN(x.LOLEDays.Mean) || !math.IsNaN(x.PAnyShortfall.Mean) {
			t.Errorf("exact indices give chronological ones: %+v", x)
		}
	}
	return x, zs, e
}

// checkZonalMC runs the Monte Carlo of sys and checks that the system's
// and every zone's LOLE and EUE lie within 4 SE of the exact values, the
// SE being at most maxRSE of the mean.
func checkZonalMC(t *testing.T, sys *System, trials int64, maxRSE float64) {
	t.Helper()
	x, zs, _ := exactZonal(t, sys)
	began := time.Now()
	r := runAdequacy(t, sys, trials)
	t.Logf("Monte Carlo: %d trials, %v", trials, time.Since(began).Round(time.Millisecond))
	stattest.CheckEstimate(t, "system LOLE", r.Indices.LOLEHours, x.LOLEHours.Mean, maxRSE)
	stattest.CheckEstimate(t, "system EUE", r.Indices.EUEMWh, x.EUEMWh.Mean, maxRSE)
	for k, z := range zs {
		stattest.CheckEstimate(t, "zone "+z.Name+" LOLE", r.Zones[k].LOLEHours, z.LOLEHours.Mean, maxRSE)
		stattest.CheckEstimate(t, "zone "+z.Name+" EUE", r.Zones[k].EUEMWh, z.EUEMWh.Mean, maxRSE)
	}
}

// handTwoZone is a system small enough to settle by hand: zone a has
// one 100 MW unit (FOR 100/1000 = 0.1), zone b one 60 MW unit (FOR
// 100/500 = 0.2), and one line carries 40 MW a→b and 30 MW b→a, up with
// probability 1 − FOR = 0.75. Hours 0 and 1 have loads a 70, b 50 MW;
// hour 2 has a 20, b 90 MW.
func handTwoZone() *System {
	return &System{
		Units: []Unit{
			{Name: "A", CapacityMW: 100, MTTFHours: 900, MTTRHours: 100, Zone: "a"},
			{Name: "B", CapacityMW: 60, MTTFHours: 400, MTTRHours: 100, Zone: "b"},
		},
		Zones: []Zone{
			{Name: "a", Load: []float64{70, 70, 20}},
			{Name: "b", Load: []float64{50, 50, 90}},
		},
		Interfaces: []Interface{{From: "a", To: "b", Elements: []Element{
			{Name: "line", ForwardMW: 40, BackwardMW: 30, FOR: 0.25, MTTRHours: 50},
		}}},
	}
}

// TestZonalExactHandWorked checks the exact method against the eight
// states of handTwoZone settled by hand. Probabilities: A up 0.9, B up
// 0.8, line up 0.75.
//
// Hours 0 and 1 (a 70, b 50):
//
//	A up, B up (0.72): nobody short.
//	A up, B down (0.18): b short 50, a spares 30; line up (0.135): b
//	  imports 30, unserved b 20; line down (0.045): b 50.
//	A down, B up (0.08): a short 70, b spares 10; line up (0.06): a
//	  imports 10 over the 30 MW back, unserved a 60; line down (0.02):
//	  a 70.
//	A down, B down (0.02): a 70 and b 50, nothing to share.
//
// System LOLP 0.28, EUE 0.135·20 + 0.045·50 + 0.06·60 + 0.02·70 +
// 0.02·120 = 12.35; zone a LOLP 0.10, EUE 3.6 + 1.4 + 1.4 = 6.4; zone b
// LOLP 0.20, EUE 2.7 + 2.25 + 1.0 = 5.95.
//
// Hour 2 (a 20, b 90):
//
//	A up, B up (0.72): b short 30, a spares 80; line up: b imports 30;
//	  line down (0.18): b 30.
//	A up, B down (0.18): b short 90; line up (0.135): imports 40,
//	  unserved 50; line down (0.045): 90.
//	A down, B up (0.08): a short 20 and b short 30.
//	A down, B down (0.02): a 20 and b 90.
//
// System LOLP 0.18 + 0.18 + 0.08 + 0.02 = 0.46, EUE 5.4 + 6.75 + 4.05 +
// 4.0 + 2.2 = 22.4; zone a LOLP 0.10, EUE 1.6 + 0.4 = 2.0; zone b LOLP
// 0.46, EUE 5.4 + 6.75 + 4.05 + 2.4 + 1.8 = 20.4.
//
// Over the three hours: system LOLE 2·0.28 + 0.46 = 1.02 h, EUE
// 2·12.35 + 22.4 = 47.1 MWh, NEUE 47.1/350 MWh·10⁶; zone a LOLE 0.3 h,
// EUE 14.8 MWh of 160; zone b LOLE 0.86 h, EUE 32.3 MWh of 190.
func TestZonalExactHandWorked(t *testing.T) {
	x, zs, e := exactZonal(t, handTwoZone())
	if e.States() != 8 {
		t.Errorf("%d states, want 2 × 2 × 2 = 8", e.States())
	}
	if len(e.groups) != 2 {
		t.Errorf("%d groups of hours, want 2 (hours 0 and 1 alike)", len(e.groups))
	}
	for _, c := range []struct {
		name                  string
		x                     Indices
		lole, eue, lolp, neue float64
	}{
		{"system", x, 1.02, 47.1, 1.02 / 3, 47.1 / 350 * 1e6},
		{"zone a", zs[0].Indices, 0.3, 14.8, 0.1, 14.8 / 160 * 1e6},
		{"zone b", zs[1].Indices, 0.86, 32.3, 0.86 / 3, 32.3 / 190 * 1e6},
	} {
		for _, v := range []struct {
			index     string
			got, want float64
		}{{"LOLE", c.x.LOLEHours.Mean, c.lole}, {"EUE", c.x.EUEMWh.Mean, c.eue}, {"LOLP", c.x.LOLP.Mean, c.lolp}, {"NEUE", c.x.NEUEPPM.Mean, c.neue}} {
			if !relClose(v.got, v.want, 1e-12) {
				t.Errorf("%s %s = %.15g, want %.15g (by hand)", c.name, v.index, v.got, v.want)
			}
		}
	}
	if zs[0].Name != "a" || zs[1].Name != "b" {
		t.Errorf("zones %q, %q, want a, b", zs[0].Name, zs[1].Name)
	}
}

// TestZonalExactPriority checks the shares of a shortage by priority,
// and that capacity equal to load is enough, by hand: zones x and y have
// no units and draw over two 30 MW lines that never fail on zone g's one
// 40 MW unit, up with probability 0.9.
//
// Hour 0 (x 30, y 20): with g up, the zone declared first is served in
// full and the other gets the other 10 MW short; with g down, x is 30
// short and y 20. Hour 1 (x 25, y 15): g up serves both exactly; g down
// leaves x 25 and y 15 short (0.1).
//
// System: LOLE 1 + 0.1 = 1.1 h, EUE 0.9·10 + 0.1·50 + 0.1·40 = 18 MWh,
// whatever the order. With x first: x LOLE 0.1 + 0.1 = 0.2 h, EUE 3 +
// 2.5 = 5.5 MWh; y LOLE 1.1 h, EUE 9 + 2 + 1.5 = 12.5 MWh. With y
// first: x LOLE 1.1 h, EUE 9 + 3 + 2.5 = 14.5 MWh; y LOLE 0.2 h, EUE
// 2 + 1.5 = 3.5 MWh.
func TestZonalExactPriority(t *testing.T) {
	for _, c := range []struct {
		order                    []string
		xLOLE, xEUE, yLOLE, yEUE float64
	}{
		{[]string{"x", "y", "g"}, 0.2, 5.5, 1.1, 12.5},
		{[]string{"y", "g", "x"}, 1.1, 14.5, 0.2, 3.5},
	} {
		loads := map[string][]float64{"x": {30, 25}, "y": {20, 15}, "g": {0, 0}}
		sys := &System{
			Units: []Unit{{Name: "G", CapacityMW: 40, MTTFHours: 900, MTTRHours: 100, Zone: "g"}},
			Interfaces: []Interface{
				{From: "g", To: "x", Elements: []Element{{Name: "gx", ForwardMW: 30, BackwardMW: 30}}},
				{From: "y", To: "g", Elements: []Element{{Name: "gy", ForwardMW: 0, BackwardMW: 30}}},
			},
		}
		for _, z := range c.order {
			sys.Zones = append(sys.Zones, Zone{Name: z, Load: loads[z]})
		}
		x, zs, _ := exactZonal(t, sys)
		by := map[string]Indices{}
		for _, z := range zs {
			by[z.Name] = z.Indices
		}
		for _, v := range []struct {
			name      string
			got, want float64
		}{
			{"system LOLE", x.LOLEHours.Mean, 1.1}, {"system EUE", x.EUEMWh.Mean, 18},
			{"x LOLE", by["x"].LOLEHours.Mean, c.xLOLE}, {"x EUE", by["x"].EUEMWh.Mean, c.xEUE},
			{"y LOLE", by["y"].LOLEHours.Mean, c.yLOLE}, {"y EUE", by["y"].EUEMWh.Mean, c.yEUE},
			{"g LOLE", by["g"].LOLEHours.Mean, 0},
		} {
			if math.Abs(v.got-v.want) > 1e-12*max(1, v.want) {
				t.Errorf("order %v: %s = %.15g, want %v (by hand)", c.order, v.name, v.got, v.want)
			}
		}
	}
}

// TestZonalExactConcurrent: a ZonalExact is read-only, so Indices
// running in several goroutines at once give the same results.
func TestZonalExactConcurrent(t *testing.T) {
	e, err := NewZonalExact(twoZone())
	if err != nil {
		t.Fatal(err)
	}
	want, wantZ, err := e.Indices()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan string)
	for range 4 {
		go func() {
			x, zs, err := e.Indices()
			done <- fmt.Sprint(x, zs, err)
		}()
	}
	for range 4 {
		if got := <-done; got != fmt.Sprint(want, wantZ, nil) {
			t.Errorf("concurrent Indices: %s, want %v %v", got, want, wantZ)
		}
	}
}

// rbtsTwoZones splits RBTS at its two generation buses: zone n has the
// thermal units (110 MW) and half of the load, zone s the hydro units
// (130 MW) and 58% of it, joined by two 20 MW lines and a 15/10 MW
// cable that fail.
func rbtsTwoZones(tb testing.TB) *System {
	zoneOf := map[string]string{
		"thermal-10mw-bus1": "n", "thermal-20mw-bus1": "n", "thermal-40mw-bus1": "n",
		"hydro-5mw-bus2": "s", "hydro-20mw-bus2": "s", "hydro-40mw-bus2": "s",
	}
	return rbtsZones(tb, zoneOf, []string{"n", "s"}, []float64{0.5, 0.58}, []Interface{{From: "s", To: "n", Elements: []Element{
		{Name: "line", Count: 2, ForwardMW: 20, BackwardMW: 20, FOR: 0.02, MTTRHours: 10},
		{Name: "cable", ForwardMW: 15, BackwardMW: 10, FOR: 0.05, MTTRHours: 30},
	}}})
}

// TestZonalExactTwoZoneRBTS: the Monte Carlo of RBTS in two zones lies
// within 4 SE of the exact values, for the system and each zone.
func TestZonalExactTwoZoneRBTS(t *testing.T) {
	checkZonalMC(t, rbtsTwoZones(t), 12000, 0.08)
}

// TestZonalExactTriangle: the Monte Carlo of RBTS in three zones joined
// in a triangle (settled by enumerating cuts) lies within 4 SE of the
// exact values, for the system and each zone; zone a, declared last,
// bears the shortages the others can pass on.
func TestZonalExactTriangle(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 8,000 trial-years")
	}
	zoneOf := map[string]string{
		"hydro-20mw-bus2":   "a",
		"thermal-40mw-bus1": "b", "hydro-5mw-bus2": "b",
		"hydro-40mw-bus2": "c", "thermal-10mw-bus1": "c", "thermal-20mw-bus1": "c",
	}
	sys := rbtsZones(t, zoneOf, []string{"c", "b", "a"}, []float64{0.28, 0.36, 0.42}, []Interface{
		{From: "a", To: "b", Elements: []Element{{Name: "ab", Count: 2, ForwardMW: 15, BackwardMW: 15, FOR: 0.03, MTTRHours: 20}}},
		{From: "b", To: "c", Elements: []Element{{Name: "bc", ForwardMW: 20, BackwardMW: 15, FOR: 0.05, MTTRHours: 20}}},
		{From: "c", To: "a", Elements: []Element{{Name: "ca", ForwardMW: 10, BackwardMW: 10, MTTFHours: 500, MTTRHours: 25}, {Name: "ca-fixed", ForwardMW: 5, BackwardMW: 5}}},
	})
	checkZonalMC(t, sys, 8000, 0.1)
}

// TestZonalExactPath: the Monte Carlo of RBTS in three zones on a path
// through a zone without units (settled by folding the radial network),
// with hydro derated by month, over half a year, lies within 4 SE of the
// exact values, for the system and each zone.
func TestZonalExactPath(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 10,000 trial-half-years")
	}
	zoneOf := map[string]string{
		"thermal-10mw-bus1": "n", "thermal-20mw-bus1": "n", "thermal-40mw-bus1": "n",
		"hydro-5mw-bus2": "s", "hydro-20mw-bus2": "s", "hydro-40mw-bus2": "s",
	}
	sys := rbtsZones(t, zoneOf, []string{"hub", "n", "s"}, []float64{0.3, 0.35, 0.43}, []Interface{
		{From: "n", To: "hub", Elements: []Element{{Name: "nh", Count: 3, ForwardMW: 15, BackwardMW: 15, FOR: 0.04, MTTRHours: 20}}},
		{From: "hub", To: "s", Elements: []Element{{Name: "hs", Count: 2, ForwardMW: 25, BackwardMW: 25, FOR: 0.05, MTTRHours: 20}}},
	})
	for k := range sys.Zones {
		sys.Zones[k].Load = sys.Zones[k].Load[:4368]
	}
	sys.Classes = []Class{{Name: "hydro", Monthly: []float64{1, 1, 1, 0.9, 0.8, 0.8, 0.9, 1, 1, 1, 1, 1}}}
	for i := range sys.Units {
		if sys.Units[i].Name == "hydro-20mw-bus2" {
			sys.Units[i].Class = "hydro"
		}
	}
	checkZonalMC(t, sys, 10000, 0.1)
}

// nonBinding are interfaces of zonedRBTS that never bind: every set of
// zones can import at least 300 MW, more than the whole load, even with
// the failing elements down.
var nonBinding = []Interface{
	{From: "a", To: "b", Elements: []Element{{Name: "ab", Count: 2, ForwardMW: 1000, BackwardMW: 1000, MTTFHours: 500, MTTRHours: 20}, {Name: "ab-fixed", ForwardMW: 300, BackwardMW: 300}}},
	{From: "c", To: "b", Elements: []Element{{Name: "cb", ForwardMW: 300, BackwardMW: 300}, {Name: "cb-weak", ForwardMW: 0.25, BackwardMW: 0, FOR: 0.1, MTTRHours: 10}}},
	{From: "a", To: "c", Elements: []Element{{Name: "ac", ForwardMW: 300.5, BackwardMW: 300}}},
}

// TestZonalExactNonBindingEqualsCOPT: with interfaces that never bind,
// the exact zonal indices of the system are the copper plate's COPT
// indices (LOLE and LOLP to 1e-12, EUE and NEUE to 1e-9 relative), with
// and without availability classes.
func TestZonalExactNonBindingEqualsCOPT(t *testing.T) {
	for _, classes := range []bool{false, true} {
		t.Run(fmt.Sprintf("classes=%v", classes), func(t *testing.T) {
			z := zonedRBTS(t, nonBinding)
			if classes {
				z.Classes = []Class{
					{Name: "hydro", Monthly: []float64{0.8, 0.8, 0.9, 0.9, 1, 1, 1, 1, 0.9, 0.9, 0.8, 0.8}},
					{Name: "solar", Profile: halfDaytime()},
				}
				for i := range z.Units {
					switch z.Units[i].CapacityMW {
					case 20:
						z.Units[i].Class = "hydro"
					case 5:
						z.Units[i].Class = "solar"
					}
				}
			}
			x, zs, _ := exactZonal(t, z)
			cp, err := AdequacyCOPT(copperPlate(z))
			if err != nil {
				t.Fatal(err)
			}
			want := cp.Indices
			for _, c := range []struct {
				name      string
				got, want float64
				rel       float64
			}{
				{"LOLE", x.LOLEHours.Mean, want.LOLEHours.Mean, 1e-12},
				{"LOLP", x.LOLP.Mean, want.LOLP.Mean, 1e-12},
				{"EUE", x.EUEMWh.Mean, want.EUEMWh.Mean, 1e-9},
				{"NEUE", x.NEUEPPM.Mean, want.NEUEPPM.Mean, 1e-9},
			} {
				t.Logf("%s: zonal %.15g, copper plate %.15g", c.name, c.got, c.want)
				if !relClose(c.got, c.want, c.rel) || c.want == 0 {
					t.Errorf("%s: zonal %.15g, copper plate %.15g, want within %g relative", c.name, c.got, c.want, c.rel)
				}
			}
			// The zones' shares add up to the system's unserved energy.
			sum := 0.0
			for _, z := range zs {
				sum += z.EUEMWh.Mean
			}
			if !relClose(sum, x.EUEMWh.Mean, 1e-12) {
				t.Errorf("zones' EUE sum to %v, system %v", sum, x.EUEMWh.Mean)
			}
		})
	}
}

// halfDaytime is a profile of half capacity from 7:00 to 18:00, none at
// night.
func halfDaytime() [][]float64 {
	p := make([][]float64, 12)
	for m := range p {
		p[m] = make([]float64, 24)
		for h := 7; h < 18; h++ {
			p[m][h] = 0.5
		}
	}
	return p
}

// TestZonalExactNoInterfaces: zones without interfaces are systems of
// their own, each with its own COPT's indices.
func TestZonalExactNoInterfaces(t *testing.T) {
	z := zonedRBTS(t, nil)
	for k := range z.Zones {
		for h := range z.Zones[k].Load {
			z.Zones[k].Load[h] *= 0.42
		}
	}
	_, zs, e := exactZonal(t, z)
	if e.States() != len(e.zones[0].tables[0])*len(e.zones[1].tables[0])*len(e.zones[2].tables[0]) {
		t.Errorf("%d states, want the product of the zones' levels", e.States())
	}
	for k, zone := range z.Zones {
		var units []Unit
		for _, u := range z.Units {
			if u.Zone == zone.Name {
				u.Zone = ""
				units = append(units, u)
			}
		}
		c, err := NewCOPT(units)
		if err != nil {
			t.Fatal(err)
		}
		want, err := c.Indices(zone.Load)
		if err != nil {
			t.Fatal(err)
		}
		got := zs[k].Indices
		if !relClose(got.LOLEHours.Mean, want.LOLEHours.Mean, 1e-12) || !relClose(got.EUEMWh.Mean, want.EUEMWh.Mean, 1e-9) ||
			!relClose(got.NEUEPPM.Mean, want.NEUEPPM.Mean, 1e-9) {
			t.Errorf("zone %s: LOLE %v EUE %v NEUE %v; its COPT %v %v %v", zone.Name, got.LOLEHours.Mean, got.EUEMWh.Mean, got.NEUEPPM.Mean,
				want.LOLEHours.Mean, want.EUEMWh.Mean, want.NEUEPPM.Mean)
		}
	}
}

// TestZonalExactStateLimit: a system with more than MaxExactStates
// states is refused, with the count, its factors and the limit.
func TestZonalExactStateLimit(t *testing.T) {
	// Units of 1, 2, 4, … 2048 MW give every whole MW from 0 to 4095:
	// 4096 levels in each zone, 2^24 states in all.
	var units []Unit
	for _, zone := range []string{"a", "b"} {
		for k := range 12 {
			units = append(units, Unit{Name: fmt.Sprintf("%s%d", zone, k), CapacityMW: float64(int(1) << k), MTTFHours: 900, MTTRHours: 100, Zone: zone})
		}
	}
	sys := &System{Units: units, Zones: []Zone{{Name: "a", Load: []float64{1000}}, {Name: "b", Load: []float64{1000}}},
		Interfaces: []Interface{{From: "a", To: "b", Elements: []Element{{Name: "l", ForwardMW: 10, BackwardMW: 10}}}}}
	_, err := NewZonalExact(sys)
	checkErr(t, err, []string{"exact:", "16777216 states", "zone a 4096 × zone b 4096 × interface elements 1", "<= 1048576 (MaxExactStates)"})
	if _, err := AdequacyExact(sys); err == nil || !strings.Contains(err.Error(), "MaxExactStates") {
		t.Errorf("AdequacyExact: err = %v, want the state limit", err)
	}
	// Within the limit with failing elements: 4096 × 2 (one 10 MW unit)
	// × 3 × 2 (elements of counts 2 and 1).
	sys.Units = append(units[:12:12], Unit{Name: "b", CapacityMW: 10, MTTFHours: 900, MTTRHours: 100, Zone: "b"})
	sys.Interfaces[0].Elements = []Element{{Name: "l", Count: 2, ForwardMW: 10, BackwardMW: 10, FOR: 0.1, MTTRHours: 10}, {Name: "m", ForwardMW: 5, BackwardMW: 5, FOR: 0.1, MTTRHours: 10}}
	e, err := NewZonalExact(sys)
	if err != nil {
		t.Fatal(err)
	}
	if e.States() != 4096*2*3*2 {
		t.Errorf("%d states, want %d", e.States(), 4096*2*3*2)
	}
	// A zone whose own table is too large (capacities too fine for the
	// COPT) is refused as the COPT refuses it.
	sys.Units = []Unit{
		{Name: "big", CapacityMW: 50000, MTTFHours: 100, MTTRHours: 10, Zone: "a"},
		{Name: "tiny", CapacityMW: 0.001, MTTFHours: 100, MTTRHours: 10, Zone: "a"},
		{Name: "b", CapacityMW: 10, MTTFHours: 100, MTTRHours: 10, Zone: "b"},
	}
	_, err = NewZonalExact(sys)
	checkErr(t, err, []string{`grid: exact: zone "a": copt: 50000002 states`, "round the capacities"})
	if strings.Count(err.Error(), "grid:") != 1 {
		t.Errorf("error %q repeats the package prefix", err)
	}
}

// TestZonalExactRefuses: what the exact zonal method cannot assess is
// an error that says why, and the COPT refuses zones.
func TestZonalExactRefuses(t *testing.T) {
	lfu := handTwoZone()
	lfu.LFUSigma = 0.05
	_, err := NewZonalExact(lfu)
	checkErr(t, err, []string{"exact:", "lfu_sigma = 0.05", "Monte Carlo"})
	_, err = NewZonalExact(rbts(t))
	checkErr(t, err, []string{"exact:", "no zones", "COPT"})
	_, err = AdequacyCOPT(handTwoZone())
	checkErr(t, err, []string{"copt:", "2 zones", "AdequacyExact"})
	bad := handTwoZone()
	bad.Zones[1].Load[2] = -1
	_, err = NewZonalExact(bad)
	checkErr(t, err, []string{"zones[1].load_mw[2]"})
}

// TestAdequacyExact: the exact method of a zonal system prints the
// system's and each zone's exact indices and its state count; that of a
// copper plate is the COPT.
func TestAdequacyExact(t *testing.T) {
	r, err := AdequacyExact(handTwoZone())
	if err != nil {
		t.Fatal(err)
	}
	if r.Method != MethodExact || r.ExactStates != 8 || r.Hours != 3 || len(r.Zones) != 2 || r.Shard() != nil {
		t.Fatalf("result %+v", r)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"method", "hours", "version", "system_hash", "lole_h", "eue_mwh", "neue_ppm", "lolp", "zones", "exact_states"} {
		if _, ok := m[k]; !ok {
			t.Errorf("output lacks %q: %s", k, b)
		}
	}
	for _, k := range []string{"trials", "seed", "lolf", "lole_days", "lold_h", "p_any_shortfall", "copt_states", "lole_daily_peak_days"} {
		if _, ok := m[k]; ok {
			t.Errorf("output has %q: %s", k, b)
		}
	}
	if !strings.Contains(string(b), `"zones":{"a":{"lole_h":{"mean":0.3`) || !strings.Contains(string(b), `"exact_states":8`) {
		t.Errorf("output %s", b)
	}
	cp, err := AdequacyExact(rbts(t))
	if err != nil {
		t.Fatal(err)
	}
	want, err := AdequacyCOPT(rbts(t))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(cp)
	w, _ := json.Marshal(want)
	if string(got) != string(w) {
		t.Errorf("AdequacyExact of a copper plate:\n%s\nAdequacyCOPT:\n%s", got, w)
	}
}
