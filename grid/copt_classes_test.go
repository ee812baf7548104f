package grid

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/carveout/carveout/internal/stattest"
	"github.com/carveout/carveout/montecarlo"
)

// TestClassCOPTFactorOne: classes whose factors are all 1 give the plain
// table's indices to the bit.
func TestClassCOPTFactorOne(t *testing.T) {
	sys := rbts(t)
	ones := []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	for i := range sys.Units {
		sys.Units[i].Class = "c"
	}
	c, err := NewClassCOPT(sys.Units, []Class{{Name: "c", Monthly: ones}}, len(sys.Load))
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Indices(sys.Load)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := NewCOPT(sys.Units)
	if err != nil {
		t.Fatal(err)
	}
	want, err := plain.Indices(sys.Load)
	if err != nil {
		t.Fatal(err)
	}
	gotDaily, err1 := c.LOLEDailyPeak(sys.Load)
	wantDaily, err2 := plain.LOLEDailyPeak(sys.Load)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || gotDaily != wantDaily || c.Tables() != 1 {
		t.Fatalf("classes of factor 1: %+v, daily %v (%d tables); plain COPT %+v, daily %v", got, gotDaily, c.Tables(), want, wantDaily)
	}
}

// TestClassCOPTMatchesMonteCarlo checks the exact indices of RBTS with a
// monthly hydro class and an hourly solar-like profile class against the
// Monte Carlo of the same system (Adequacy, through Fleet), within 4
// standard errors.
func TestClassCOPTMatchesMonteCarlo(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 40,000 trial-years")
	}
	sys := rbts(t)
	profile := make([][]float64, 12)
	for m := range profile {
		profile[m] = make([]float64, 24)
		for h := range profile[m] {
			if h >= 7 && h < 18 {
				profile[m][h] = 0.5
			}
		}
	}
	sys.Classes = []Class{
		{Name: "hydro", Monthly: []float64{0.8, 0.8, 0.9, 0.9, 1, 1, 1, 1, 0.9, 0.9, 0.8, 0.8}},
		{Name: "solar", Profile: profile},
	}
	for i := range sys.Units {
		switch {
		case sys.Units[i].CapacityMW == 20:
			sys.Units[i].Class = "hydro"
		case sys.Units[i].CapacityMW == 5:
			sys.Units[i].Class = "solar"
		}
	}
	c, err := NewClassCOPT(sys.Units, sys.Classes, len(sys.Load))
	if err != nil {
		t.Fatal(err)
	}
	if c.Tables() != 6 { // 3 distinct hydro factors × solar on or off
		t.Errorf("%d tables, want 6", c.Tables())
	}
	exact, err := c.Indices(sys.Load)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Adequacy(context.Background(), sys, montecarlo.WithTrials(40000), montecarlo.WithSeed(9))
	if err != nil {
		t.Fatal(err)
	}
	stattest.CheckEstimate(t, "LOLE", rep.Indices.LOLEHours, exact.LOLEHours.Mean, 0.03)
	stattest.CheckEstimate(t, "EUE", rep.Indices.EUEMWh, exact.EUEMWh.Mean, 0.04)
	if exact.LOLEHours.Mean <= 1.09156 {
		t.Errorf("LOLE %v with derated hydro and solar, want more than plain RBTS's 1.09156", exact.LOLEHours.Mean)
	}
}

// TestAdequacyCOPTWithClasses: AdequacyCOPT of a system with classes gives
// ClassCOPT's indices, and refuses classes with load forecast uncertainty.
func TestAdequacyCOPTWithClasses(t *testing.T) {
	sys := rbts(t)
	sys.Classes = []Class{{Name: "hydro", Monthly: []float64{0.8, 0.8, 0.9, 0.9, 1, 1, 1, 1, 0.9, 0.9, 0.8, 0.8}}}
	for i := range sys.Units {
		if sys.Units[i].CapacityMW == 20 {
			sys.Units[i].Class = "hydro"
		}
	}
	r, err := AdequacyCOPT(sys)
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewClassCOPT(sys.Units, sys.Classes, len(sys.Load))
	if err != nil {
		t.Fatal(err)
	}
	want, err := c.Indices(sys.Load)
	if err != nil {
		t.Fatal(err)
	}
	if r.Indices.LOLEHours != want.LOLEHours || r.Indices.EUEMWh != want.EUEMWh || r.COPTTables != 3 {
		t.Fatalf("AdequacyCOPT: LOLE %v EUE %v (%d tables), ClassCOPT: %v %v", r.Indices.LOLEHours.Mean, r.Indices.EUEMWh.Mean, r.COPTTables, want.LOLEHours.Mean, want.EUEMWh.Mean)
	}
	sys.LFUSigma = 0.05
	if _, err := AdequacyCOPT(sys); err == nil || !strings.Contains(err.Error(), "no exact method") {
		t.Fatalf("classes with LFU: err = %v", err)
	}
}
