package main

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/carveout/carveout/testsystems"
)

// TestAdequacyPRASTwoNode runs PRAS's two-region test system (TestData.test1
// in PRASCore.jl) through `carveout adequacy -units -load -interfaces`, as a
// user would, and holds the system's and each region's LOLE and EUE to
// PRAS's published values within 4 standard errors.
func TestAdequacyPRASTwoNode(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{"units.csv": testsystems.PRASTwoNodeUnitsCSV, "load.csv": testsystems.PRASTwoNodeLoadCSV, "interfaces.csv": testsystems.PRASTwoNodeInterfacesCSV}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runCLI("adequacy", "-units", filepath.Join(dir, "units.csv"), "-load", filepath.Join(dir, "load.csv"),
		"-interfaces", filepath.Join(dir, "interfaces.csv"), "-trials", "100000", "-seed", "7")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	type est struct{ Mean, SE float64 }
	var r struct {
		LOLE  est `json:"lole_h"`
		EUE   est `json:"eue_mwh"`
		Zones map[string]struct {
			LOLE est `json:"lole_h"`
			EUE  est `json:"eue_mwh"`
		} `json:"zones"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	check := func(what string, e est, want float64) {
		t.Helper()
		// PRAS publishes 3 decimals: allow their rounding too.
		if z := (e.Mean - want) / e.SE; !(math.Abs(e.Mean-want) <= 4*e.SE+5e-4) {
			t.Errorf("%s = %.5f ± %.5f, PRAS %v (z = %.2f)", what, e.Mean, e.SE, want, z)
		}
	}
	check("LOLE", r.LOLE, testsystems.PRASTwoNodeLOLE)
	check("EUE", r.EUE, testsystems.PRASTwoNodeEUE)
	if len(r.Zones) != len(testsystems.PRASTwoNodeZones) {
		t.Fatalf("zones %v, want %v", r.Zones, testsystems.PRASTwoNodeZones)
	}
	for i, name := range testsystems.PRASTwoNodeZones {
		z := r.Zones[name]
		check(name+" LOLE", z.LOLE, testsystems.PRASTwoNodeZoneLOLE[i])
		check(name+" EUE", z.EUE, testsystems.PRASTwoNodeZoneEUE[i])
	}
}
