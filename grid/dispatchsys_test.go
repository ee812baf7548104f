package grid

import (
	"fmt"
	"math"
	"testing"
)

// synthZonal is a synthetic Pakistan-like zonal system for the dispatch
// tests and benchmark: three zones in a radial chain (north, south,
// ke), 200 units in 14 tiers, a monthly hydro class, wind and solar
// profiles (solar heat-derated), heat-derated gas classes, a corridor
// with failing poles and a link that never fails. peak scales the
// loads; costs false sets every cost and CO₂ intensity to 0.
func synthZonal(tb testing.TB, peak float64, costs bool) *System {
	tb.Helper()
	solar := make([][]float64, 12)
	wind := make([][]float64, 12)
	for m := range 12 {
		solar[m] = make([]float64, 24)
		wind[m] = make([]float64, 24)
		for h := range 24 {
			if h >= 6 && h <= 18 {
				solar[m][h] = math.Round(1000*(0.8+0.1*math.Cos(float64(m)/2))*math.Sin(math.Pi*float64(h-6)/12)) / 1000
			}
			wind[m][h] = math.Round(1000*(0.3+0.15*math.Sin(float64(m+h)/5))) / 1000
		}
	}
	classes := []Class{
		{Name: "hydro", Monthly: []float64{0.2, 0.3, 0.4, 0.6, 0.8, 0.9, 0.95, 0.9, 0.7, 0.5, 0.3, 0.25}},
		{Name: "solar", Profile: solar, HeatDerate: true},
		{Name: "wind", Profile: wind},
		{Name: "gas", Monthly: []float64{0.9, 0.9, 0.85, 0.85, 0.8, 0.8, 0.8, 0.8, 0.85, 0.9, 0.9, 0.9}, HeatDerate: true},
		{Name: "ocgt", HeatDerate: true},
	}
	type row struct {
		zone, name, class, fuel string
		n                       int
		mw, mttf, mttr          float64
		cost, co2               float64
	}
	rows := []row{
		{"north", "hydro-n", "hydro", "hydro", 30, 150, 2000, 40, 0, 0},
		{"north", "wind-n", "wind", "wind", 10, 50, 1500, 30, 0, 0},
		{"north", "solar-n", "solar", "solar", 10, 60, 3000, 20, 0, 0},
		{"north", "nuke-n", "", "nuclear", 3, 300, 1800, 100, 5, 0},
		{"north", "coal-n", "", "coal", 15, 200, 900, 60, 30, 0.9},
		{"north", "gas-n", "gas", "gas", 25, 120, 700, 30, 55, 0.4},
		{"north", "ocgt-n", "ocgt", "gas", 20, 60, 400, 20, 90, 0.6},
		{"north", "oil-n", "", "oil", 10, 80, 500, 40, 120, 0.8},
		{"south", "solar-s", "solar", "solar", 10, 50, 3000, 20, 0, 0},
		{"south", "nuke-s", "", "nuclear", 4, 250, 1800, 100, 5, 0},
		{"south", "thar-s", "", "coal", 20, 150, 900, 60, 20, 1.0},
		{"south", "gas-s", "gas", "gas", 15, 100, 700, 30, 50, 0.4},
		{"ke", "gas-k", "gas", "gas", 20, 100, 700, 30, 60, 0.45},
		{"ke", "oil-k", "", "oil", 13, 60, 500, 40, 130, 0.8},
	}
	var units []Unit
	for _, r := range rows {
		u := Unit{Name: r.name, Count: r.n, CapacityMW: r.mw, MTTFHours: r.mttf, MTTRHours: r.mttr, Class: r.class, Zone: r.zone, Fuel: r.fuel}
		if costs {
			u.CostPerMWh, u.CO2TPerMWh = r.cost, r.co2
		}
		units = append(units, u)
	}
	hours := HoursPerYear
	share := map[string]float64{"north": 0.64, "south": 0.2, "ke": 0.16}
	var zones []Zone
	for _, z := range []string{"north", "south", "ke"} {
		load := make([]float64, hours)
		for h := range load {
			day := 0.8 + 0.2*math.Sin(2*math.Pi*float64(h%24-8)/24)
			season := 0.8 + 0.2*math.Sin(2*math.Pi*float64(h-2000)/8760)
			load[h] = math.Round(10*peak*share[z]*day*season) / 10
		}
		zones = append(zones, Zone{Name: z, Load: load})
	}
	ifaces := []Interface{
		{From: "south", To: "north", Elements: []Element{{Name: "pole", Count: 2, ForwardMW: 1200, BackwardMW: 800, MTTFHours: 2000, MTTRHours: 48}, {Name: "ac", ForwardMW: 400, BackwardMW: 400}}},
		{From: "south", To: "ke", Elements: []Element{{Name: "ke-link", ForwardMW: 1200, BackwardMW: 300}}},
	}
	return &System{Name: fmt.Sprintf("synth3-%v", peak), Units: units, Classes: classes, Zones: zones, Interfaces: ifaces, Currency: "USD"}
}

// synthHeat returns heat-wave thermal factors and spans for the
// synthetic system: three waves in summer, θ between 0.85 and 0.97.
func synthHeat(hours int) ([]float64, [][2]int) {
	thermal := make([]float64, hours)
	for h := range thermal {
		thermal[h] = 1
	}
	spans := [][2]int{{3600, 3700}, {4100, 4300}, {5000, 5072}}
	for _, sp := range spans {
		for h := sp[0]; h < sp[1]; h++ {
			thermal[h] = 0.91 + 0.06*math.Sin(float64(h)/7)
		}
	}
	return thermal, spans
}
