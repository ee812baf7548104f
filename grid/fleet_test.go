package grid

import (
	"bytes"
	"testing"

	"github.com/carveout/carveout/testsystems"
)

// fleet300 returns the synthetic 300-unit, 40 GW system with an 8760-hour
// load: the RBTS (IEEE RTS-79) shape, its first day repeated to make 8760
// hours, scaled to testsystems.Fleet300PeakMW.
func fleet300(tb testing.TB) *System {
	tb.Helper()
	var units []Unit
	for _, c := range testsystems.Fleet300Classes {
		q := c.ForcedOutageRate
		units = append(units, Unit{Name: c.Name, Count: c.Count, CapacityMW: c.MW,
			MTTRHours: c.MTTRHours, MTTFHours: c.MTTRHours * (1 - q) / q})
	}
	shape, err := ReadLoad(bytes.NewReader(testsystems.RBTSLoadCSV), "rbts/load.csv")
	if err != nil {
		tb.Fatal(err)
	}
	shape = append(shape, shape[:24]...)
	load := make([]float64, len(shape))
	for h, x := range shape {
		load[h] = x / testsystems.RBTSPeakMW * testsystems.Fleet300PeakMW
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
