package testsystems

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"
)

// TestRBTSFiles checks the embedded files against the facts stated in the
// README: 11 units totalling 240 MW, 8736 hours peaking at 185 MW.
func TestRBTSFiles(t *testing.T) {
	units, err := csv.NewReader(bytes.NewReader(RBTSUnitsCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	n, mw := 0, 0.0
	for _, row := range units[1:] {
		c, err := strconv.Atoi(row[1])
		if err != nil {
			t.Fatal(err)
		}
		p, err := strconv.ParseFloat(row[2], 64)
		if err != nil {
			t.Fatal(err)
		}
		n += c
		mw += float64(c) * p
	}
	if n != RBTSUnits || mw != RBTSInstalledMW {
		t.Errorf("units: %d units, %v MW; want %d, %v", n, mw, RBTSUnits, RBTSInstalledMW)
	}
	load, err := csv.NewReader(bytes.NewReader(RBTSLoadCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	peak := 0.0
	for _, row := range load[1:] {
		x, err := strconv.ParseFloat(row[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		peak = max(peak, x)
	}
	if len(load)-1 != RBTSHours || peak != RBTSPeakMW {
		t.Errorf("load: %d hours, peak %v; want %d, %v", len(load)-1, peak, RBTSHours, RBTSPeakMW)
	}
	if len(RBTSREADME) == 0 {
		t.Error("README not embedded")
	}
}
