// Package gridtest holds what the tests and benchmarks of several packages
// need of the embedded test systems: the systems as [grid.System] values.
package gridtest

import (
	"bytes"
	"testing"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/testsystems"
)

// System reads a system from embedded units and load CSVs.
func System(tb testing.TB, name string, unitsCSV, loadCSV []byte) *grid.System {
	tb.Helper()
	units, err := grid.ReadUnits(bytes.NewReader(unitsCSV), name+"/units.csv")
	if err != nil {
		tb.Fatal(err)
	}
	load, err := grid.ReadLoad(bytes.NewReader(loadCSV), name+"/load.csv")
	if err != nil {
		tb.Fatal(err)
	}
	return &grid.System{Name: name, Units: units, Load: load}
}

// RBTS returns the Roy Billinton Test System (testsystems/rbts).
func RBTS(tb testing.TB) *grid.System {
	tb.Helper()
	return System(tb, "rbts", testsystems.RBTSUnitsCSV, testsystems.RBTSLoadCSV)
}

// RTS returns the IEEE Reliability Test System 1979, generation only
// (testsystems/rts).
func RTS(tb testing.TB) *grid.System {
	tb.Helper()
	return System(tb, "rts", testsystems.RTSUnitsCSV, testsystems.RTSLoadCSV)
}

// Fleet300 returns the synthetic 300-unit, 40 GW benchmark system of
// [testsystems.Fleet300Classes] with its 8760-hour load: the RBTS shape,
// its first day repeated, scaled to [testsystems.Fleet300PeakMW].
func Fleet300(tb testing.TB) *grid.System {
	tb.Helper()
	var units []grid.Unit
	for _, c := range testsystems.Fleet300Classes {
		q := c.ForcedOutageRate
		units = append(units, grid.Unit{Name: c.Name, Count: c.Count, CapacityMW: c.MW,
			MTTRHours: c.MTTRHours, MTTFHours: c.MTTRHours * (1 - q) / q})
	}
	shape := RBTS(tb).Load
	shape = append(shape, shape[:24]...)
	load := make([]float64, len(shape))
	for h, x := range shape {
		load[h] = x / testsystems.RBTSPeakMW * testsystems.Fleet300PeakMW
	}
	return &grid.System{Name: "fleet300", Units: units, Load: load}
}
