package grid

import (
	"bytes"
	"testing"

	"github.com/carveout/carveout/testsystems"
)

// benchClass is a class of generating units of the synthetic benchmark
// fleet: count × capacity, with a forced outage rate and mean time to
// repair. MTTF follows as MTTR·(1−FOR)/FOR.
type benchClass struct {
	name             string
	count            int
	mw               float64
	forcedOutageRate float64
	mttrH            float64
}

// fleet300Classes is a synthetic fleet of 300 units and 40,000 MW whose
// outage parameters are class defaults from US sources, as tabulated in
// the project's Pakistan grid facts (§2.3): NREL ReEDS-2.0
// (inputs/plant_characteristics/outage_forced_static.csv and mttr.csv),
// GridMod/RTS-GMLC (RTS_Data/SourceData/gen.csv) and RTS-79. The mix and
// unit sizes are a judgement, loosely a national fleet: a few large
// nuclear and coal units, many combined cycles, hydro, and many small
// combustion turbines, oil and biomass units.
var fleet300Classes = []benchClass{
	{"nuclear", 4, 1100, 0.03, 298},      // ReEDS nuclear
	{"coal-new", 10, 660, 0.06, 55},      // ReEDS coal, new
	{"coal-350", 6, 350, 0.08, 100},      // RTS-GMLC coal 350 MW
	{"coal-155", 10, 155, 0.04, 40},      // RTS-GMLC coal 155 MW
	{"gas-cc-355", 28, 355, 0.033, 33},   // RTS-GMLC gas CC 355 MW
	{"gas-cc-400", 10, 400, 0.05, 48},    // ReEDS gas CC
	{"hydro-150", 30, 150, 0.07, 24},     // ReEDS hydro
	{"hydro-50", 20, 50, 0.01, 20},       // RTS-79 hydro 50 MW
	{"oil-steam-100", 10, 100, 0.05, 48}, // ReEDS o-g-s
	{"oil-steam-12", 30, 12, 0.02, 60},   // RTS-GMLC oil steam 12 MW
	{"gas-ct-55", 60, 55, 0.031, 31},     // RTS-GMLC gas CT 55 MW
	{"oil-ct-20", 43, 20, 0.10, 50},      // RTS-GMLC oil CT 20 MW
	{"bio-10", 39, 10, 0.09, 38},         // ReEDS biopower
}

// fleet300PeakMW is the annual peak load of the synthetic fleet's load
// series, chosen (a judgement) so that there is some but little shortfall:
// its exact LOLE, from the COPT, is 1.02 h/yr, close to RBTS's 1.09 (see TestFleet300).
const fleet300PeakMW = 37500

// fleet300 returns the synthetic 300-unit, 40 GW system with an 8760-hour
// load: the RBTS (IEEE RTS-79) shape, its first day repeated to make 8760
// hours, scaled to fleet300PeakMW.
func fleet300(tb testing.TB) *System {
	tb.Helper()
	var units []Unit
	for _, c := range fleet300Classes {
		q := c.forcedOutageRate
		units = append(units, Unit{Name: c.name, Count: c.count, CapacityMW: c.mw,
			MTTRh: c.mttrH, MTTFh: c.mttrH * (1 - q) / q})
	}
	shape, err := ReadLoad(bytes.NewReader(testsystems.RBTSLoadCSV), "rbts/load.csv")
	if err != nil {
		tb.Fatal(err)
	}
	shape = append(shape, shape[:24]...)
	load := make([]float64, len(shape))
	for h, x := range shape {
		load[h] = x / testsystems.RBTSPeakMW * fleet300PeakMW
	}
	return &System{Name: "fleet300", Units: units, Load: load}
}

func TestFleet300(t *testing.T) {
	sys := fleet300(t)
	ex, err := sys.Expand()
	if err != nil {
		t.Fatal(err)
	}
	total := 0.0
	for _, u := range ex {
		total += u.CapacityMW
	}
	if len(ex) != 300 || total != 40000 || len(sys.Load) != 8760 {
		t.Fatalf("fleet: %d units, %v MW, %d hours; want 300, 40000, 8760", len(ex), total, len(sys.Load))
	}
	c, err := NewCOPT(sys.Units)
	if err != nil {
		t.Fatal(err)
	}
	r, err := c.Indices(sys.Load)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("exact: %+v", r)
}
