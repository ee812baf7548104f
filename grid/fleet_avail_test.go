package grid

import (
	"math"
	"strings"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// classedRBTS returns the RBTS units spread over three classes (a monthly
// hydro class, a heat-derated thermal class with monthly maintenance, a
// heat-derated wind class with an hourly profile) and one unclassed
// group, with partial outages on two of every three units (halving a
// capacity also brings in a decimal place).
func classedRBTS(tb testing.TB) ([]Unit, []Class) {
	tb.Helper()
	units := append([]Unit(nil), rbts(tb).Units...)
	profile := make([][]float64, 12)
	for m := range profile {
		profile[m] = make([]float64, 24)
		for h := range profile[m] {
			profile[m][h] = float64((m+h)%9) / 8 * 0.875 // up to 0.875, 3 places (0.109375 has 6)
		}
	}
	classes := []Class{
		{Name: "hydro", Monthly: []float64{0.2, 0.3, 0.3, 0.4, 0.8, 0.9, 0.9, 0.9, 0.8, 0.6, 0.5, 0.3}},
		{Name: "thermal", Monthly: []float64{0.8, 0.8, 0.9, 1, 1, 1, 1, 1, 1, 1, 0.85, 0.8}, HeatDerate: true},
		{Name: "wind", Monthly: []float64{1, 1, 1, 1, 0.9, 0.9, 0.9, 1, 1, 1, 1, 1}, Profile: profile, HeatDerate: true},
	}
	for i := range units {
		u := &units[i]
		u.Class = []string{"hydro", "thermal", "wind", ""}[i%4]
		if i%3 != 2 {
			u.DeratedMW, u.PartialMTTFHours, u.PartialMTTRHours = u.CapacityMW/2, 300, 40
		}
	}
	return units, classes
}

// TestAvailabilityMatchesDirectSum checks Availability.Sample, which sums
// changes month by month, against the definition computed directly: for
// each hour, the sum over classes of the up capacity of the class's units
// (drawn again by a simulator of its own) times the class factor of the
// hour, with θ·H rounded half to even for the heat-derated classes in heat
// waves, exactly in integers.
func TestAvailabilityMatchesDirectSum(t *testing.T) {
	for _, years := range []int{1, 2} {
		units, classes := classedRBTS(t)
		hours := years * HoursPerYear
		f, err := NewFleet(units, classes, hours)
		if err != nil {
			t.Fatal(err)
		}
		a, err := f.NewAvailability()
		if err != nil {
			t.Fatal(err)
		}
		// Factor places: wind's monthly 1 + profile 6 (thermal's 2 are
		// fewer).
		const one = 1e7
		if got, want := f.UnitsPerMW(), 10*one; got != want {
			t.Fatalf("units per MW = %v, want %v (1 capacity place, 7 factor places)", got, want)
		}
		byClass := map[string][]Unit{}
		var order []string
		for _, u := range units {
			if _, ok := byClass[u.Class]; !ok {
				order = append(order, u.Class)
			}
			byClass[u.Class] = append(byClass[u.Class], u)
		}
		classOf := map[string]Class{}
		for _, c := range classes {
			classOf[c.Name] = c
		}
		sims := map[string]*Simulator{}
		for _, name := range order {
			if sims[name], err = NewSimulator(byClass[name], hours); err != nil {
				t.Fatal(err)
			}
		}
		thermal := make([]float64, hours)
		spans := [][2]int{{100, 130}, {3000, 3400}, {hours - 50, hours}}
		for h := range thermal {
			thermal[h] = 1
		}
		for _, sp := range spans {
			for h := sp[0]; h < sp[1]; h++ {
				thermal[h] = 0.9 - 0.0001*float64(h%17)
			}
		}
		var path Path
		for i := int64(0); i < 40; i++ {
			tr := montecarlo.Trial{Seed: 5, Index: i}
			got := a.Sample(tr, thermal, spans)
			want := make([]int64, hours)
			heat := make([]int64, hours)
			for _, name := range order {
				sims[name].Path(tr, &path)
				c := classOf[name]
				for h := range hours {
					m := MonthOfHour(h)
					fac := 1.0
					if len(c.Monthly) == 12 {
						fac = c.Monthly[m]
					}
					if len(c.Profile) == 12 {
						fac *= c.Profile[m][h%24]
					}
					up := int64(math.Round(path.Available(h) * 10)) // RBTS halves: 1 place
					v := up * int64(math.Round(fac*one))
					want[h] += v
					if c.HeatDerate {
						heat[h] += v
					}
				}
			}
			for _, sp := range spans {
				for h := sp[0]; h < sp[1]; h++ {
					want[h] += int64(math.RoundToEven(thermal[h]*float64(heat[h]))) - heat[h]
				}
			}
			for h := range hours {
				if got[h] != want[h] {
					t.Fatalf("%d years, trial %d hour %d: available %d units, want %d", years, i, h, got[h], want[h])
				}
			}
		}
	}
}

// TestFleetTieIsEnough is the tie system: ten units of 0.7 MW against a
// constant load of 2.1 MW. Summed as floats, three units up give
// 2.0999999999999996 < 2.1; in capacity units they give exactly 2.1, which
// is enough, with or without a class of factor 1.
func TestFleetTieIsEnough(t *testing.T) {
	for _, classes := range [][]Class{nil, {{Name: "c", Monthly: []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}}}} {
		u := Unit{Name: "g", CapacityMW: 0.7, MTTFHours: 5, MTTRHours: 5, Count: 10}
		if classes != nil {
			u.Class = "c"
		}
		f, err := NewFleet([]Unit{u}, classes, 24)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.MW(3 * 7 * int64(f.UnitsPerMW()) / 10); got != 2.1 {
			t.Errorf("three units up: %v MW, want 2.1", got)
		}
	}
}

func TestNewFleetErrors(t *testing.T) {
	u := Unit{Name: "g", CapacityMW: 10, MTTFHours: 100, MTTRHours: 10, Class: "hydro"}
	cases := []struct {
		name    string
		units   []Unit
		classes []Class
		hours   int
		want    string
	}{
		{"unknown class", []Unit{u}, nil, 24, `units[0].class = "hydro", want the name of an entry of classes`},
		{"too many places", []Unit{u}, []Class{{Name: "hydro", Monthly: []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.0 / 3}}}, 24, "classes[0].monthly[11] = 0.3333333333333333, want at most 6 decimal places"},
		{"out of range", []Unit{u}, []Class{{Name: "hydro", Monthly: []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.5, 1}}}, 24, "classes[0].monthly[10] = 1.5, want in [0, 1]"},
		{"duplicate class", []Unit{u}, []Class{{Name: "hydro"}, {Name: "hydro"}}, 24, `classes[1].name = "hydro", want unique`},
		{"hours", []Unit{u}, []Class{{Name: "hydro"}}, 0, "hours = 0, want in [1, 87600]"},
	}
	for _, c := range cases {
		_, err := NewFleet(c.units, c.classes, c.hours)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want one containing %q", c.name, err, c.want)
		}
	}
}
