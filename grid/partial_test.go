package grid

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/carveout/carveout/internal/stattest"
	"github.com/carveout/carveout/montecarlo"
)

// TestPartialValidate checks that partial-outage fields are all or
// nothing, that the derate lies strictly inside (0, capacity), and that
// each error names the field.
func TestPartialValidate(t *testing.T) {
	ok := Unit{Name: "g", CapacityMW: 100, MTTFHours: 900, MTTRHours: 100, DeratedMW: 40, PartialMTTFHours: 300, PartialMTTRHours: 30}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid unit refused: %v", err)
	}
	if q := ok.PFOR(); math.Abs(q-30.0/330) > 1e-15 {
		t.Errorf("PFOR = %v, want %v", q, 30.0/330)
	}
	for _, c := range []struct {
		field string
		edit  func(*Unit)
	}{
		{"derated_mw", func(u *Unit) { u.DeratedMW = 0 }},
		{"derated_mw", func(u *Unit) { u.DeratedMW = 100 }},
		{"derated_mw", func(u *Unit) { u.DeratedMW = -1 }},
		{"derated_mw", func(u *Unit) { u.DeratedMW = math.NaN() }},
		{"derated_mw = 1e-07, want at most 6 decimal places", func(u *Unit) { u.DeratedMW = 0.0000001 }},
		{"partial_mttf_h", func(u *Unit) { u.PartialMTTFHours = 0 }},
		{"partial_mttr_h", func(u *Unit) { u.PartialMTTRHours = math.Inf(1) }},
		{"partial_mttr_h", func(u *Unit) { u.PartialMTTRHours = 2e12 }},
	} {
		u := ok
		c.edit(&u)
		err := u.Validate()
		if err == nil || !strings.Contains(err.Error(), c.field) || !strings.Contains(err.Error(), `"g"`) {
			t.Errorf("%+v: error %v, want one naming unit \"g\" and %s", u, err, c.field)
		}
	}
}

// TestReadUnitsPartial reads the optional partial-outage columns: empty
// cells mean no partial outages, and a bad row is refused with its line.
func TestReadUnitsPartial(t *testing.T) {
	in := "name,capacity_mw,mttf_h,mttr_h,derated_mw,partial_mttf_h,partial_mttr_h\n" +
		"a,100,900,100,40,300,30\n" +
		"b,50,900,100,,,\n"
	units, err := ReadUnits(strings.NewReader(in), "u.csv")
	if err != nil {
		t.Fatal(err)
	}
	if u := units[0]; u.DeratedMW != 40 || u.PartialMTTFHours != 300 || u.PartialMTTRHours != 30 {
		t.Errorf("unit a: %+v", u)
	}
	if u := units[1]; u.DeratedMW != 0 || u.PartialMTTFHours != 0 || u.PartialMTTRHours != 0 {
		t.Errorf("unit b: %+v", u)
	}
	for _, bad := range []string{
		"a,100,900,100,40,300,\n",    // derate without a repair time
		"a,100,900,100,100,300,30\n", // derate = capacity
		"a,100,900,100,x,300,30\n",   // not a number
	} {
		_, err := ReadUnits(strings.NewReader(in[:strings.Index(in, "\n")+1]+bad), "u.csv")
		if err == nil || !strings.Contains(err.Error(), "u.csv line 2") {
			t.Errorf("%q: error %v, want one at u.csv line 2", bad, err)
		}
	}
}

// partialFleet is a small fleet mixing units with and without partial
// outages, with decimal capacities and derates.
func partialFleet() []Unit {
	return []Unit{
		{Name: "a", CapacityMW: 12.5, MTTFHours: 900, MTTRHours: 100, DeratedMW: 5, PartialMTTFHours: 200, PartialMTTRHours: 50},
		{Name: "b", CapacityMW: 7.25, MTTFHours: 300, MTTRHours: 20},
		{Name: "c", CapacityMW: 30, MTTFHours: 1000, MTTRHours: 80, DeratedMW: 12.5, PartialMTTFHours: 400, PartialMTTRHours: 100, Count: 2},
	}
}

// TestCOPTPartialBruteForce compares the table with enumeration of every
// unit's three states (up, derated, down) for partialFleet.
func TestCOPTPartialBruteForce(t *testing.T) {
	// Step: the gcd of 12.5, 5, 7.25, 30 and 12.5 MW.
	checkCOPTEnumerated(t, partialFleet(), []float64{0, 10, 30, 42.5, 50, 55.25, 60, 79.75, 80}, 0.25)
}

// TestPartialPathStationary checks a unit with partial outages: at the
// first instant (the stationary start) and mid-year it is up and not
// derated, derated, and down with the stationary probabilities
// (1−FOR)(1−PFOR), (1−FOR)·PFOR and FOR, each within 4 standard errors,
// and its path only takes those three levels.
func TestPartialPathStationary(t *testing.T) {
	u := Unit{Name: "u", CapacityMW: 10, MTTFHours: 90, MTTRHours: 10, DeratedMW: 4, PartialMTTFHours: 30, PartialMTTRHours: 20}
	const hours, trials = 1000, 20000
	sim, err := NewSimulator([]Unit{u}, hours)
	if err != nil {
		t.Fatal(err)
	}
	q, pq := u.FOR(), u.PFOR()
	want := map[float64]float64{10: (1 - q) * (1 - pq), 6: (1 - q) * pq, 0: q}
	var p Path
	counts := map[int]map[float64]int{0: {}, hours / 2: {}}
	for i := range int64(trials) {
		sim.Path(montecarlo.Trial{Seed: 12, Index: i}, &p)
		checkPath(t, &p, hours, 10)
		for _, s := range p.Steps {
			if _, ok := want[s.AvailableMW]; !ok {
				t.Fatalf("trial %d: capacity %v MW, want 0, 6 or 10", i, s.AvailableMW)
			}
		}
		for h := range counts {
			counts[h][p.Available(h)]++
		}
	}
	for h, c := range counts {
		for level, pr := range want {
			got := float64(c[level]) / trials
			se := math.Sqrt(pr * (1 - pr) / trials)
			if z := (got - pr) / se; math.Abs(z) > 4 {
				t.Errorf("P(%v MW at instant %d) = %v, want %v within 4 SE (z = %.1f)", level, h, got, pr, z)
			}
		}
	}
}

// TestAdequacyPartialMatchesCOPT checks the chronological Monte Carlo
// against the exact table for RBTS with partial outages added to its
// thermal units: LOLE and EUE within 4 standard errors.
func TestAdequacyPartialMatchesCOPT(t *testing.T) {
	sys := rbts(t)
	for i := range sys.Units {
		if u := &sys.Units[i]; u.CapacityMW >= 20 {
			u.DeratedMW, u.PartialMTTFHours, u.PartialMTTRHours = u.CapacityMW/4, 500, 60
		}
	}
	_, exact := exactIndices(t, sys)
	if _, b := exactIndices(t, rbts(t)); !(exact.LOLEHours > 1.2*b.LOLEHours) {
		t.Fatalf("partial outages raised exact LOLE only from %v to %v: the test would not see them", b.LOLEHours, exact.LOLEHours)
	}
	rep, err := Adequacy(context.Background(), sys, montecarlo.WithTrials(40000), montecarlo.WithSeed(77))
	if err != nil {
		t.Fatal(err)
	}
	stattest.CheckEstimate(t, "LOLE", rep.Indices.LOLEHours, exact.LOLEHours, 0.03)
	stattest.CheckEstimate(t, "EUE", rep.Indices.EUEMWh, exact.EUEMWh, 0.03)
}

// TestReadUnitsFOR reads units given by forced outage rate and MTTR, as
// in data that publish FOR: MTTF = MTTR·(1−FOR)/FOR. Giving both mttf_h
// and for, neither, or a rate outside (0, 1) is an error.
func TestReadUnitsFOR(t *testing.T) {
	units, err := ReadUnits(strings.NewReader("name,capacity_mw,for,mttr_h\na,400,0.12,150\nb,12,0.02,60\n"), "u.csv")
	if err != nil {
		t.Fatal(err)
	}
	// RTS-79's 400 MW and 12 MW units: MTTF 1100 h and 2940 h.
	for i, want := range []float64{1100, 2940} {
		if got := units[i].MTTFHours; math.Abs(got-want) > 1e-9*want {
			t.Errorf("unit %d: mttf_h = %v, want %v", i, got, want)
		}
	}
	if q := units[0].FOR(); math.Abs(q-0.12) > 1e-15 {
		t.Errorf("FOR = %v, want 0.12", q)
	}
	for _, bad := range []string{
		"name,capacity_mw,for,mttf_h,mttr_h\na,1,0.1,9,1\n", // both
		"name,capacity_mw,mttr_h\na,1,1\n",                  // neither
		"name,capacity_mw,for,mttr_h\na,1,0,1\n",            // rate 0
		"name,capacity_mw,for,mttr_h\na,1,1,1\n",            // rate 1
		"name,capacity_mw,for,mttr_h\na,1,0.9999,1\n",       // MTTF below MinDurationHours
	} {
		if _, err := ReadUnits(strings.NewReader(bad), "u.csv"); err == nil || !strings.Contains(err.Error(), "for") {
			t.Errorf("%q: error %v, want one about for", bad, err)
		}
	}
}
