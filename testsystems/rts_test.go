package testsystems

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"
)

// TestRTSFiles checks the embedded files against the facts stated in the
// README: 32 units totalling 3405 MW, 8736 hours peaking at exactly
// 2850 MW, and LOLD = LOLE/LOLF to the constants' rounding.
func TestRTSFiles(t *testing.T) {
	units, err := csv.NewReader(bytes.NewReader(RTSUnitsCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(units[0]); got != 5 || units[0][0] != "name" || units[0][4] != "mttr_h" {
		t.Errorf("units header %q, want name,count,capacity_mw,mttf_h,mttr_h", units[0])
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
	if len(units)-1 != 9 || n != RTSUnits || mw != RTSInstalledMW {
		t.Errorf("units: %d rows, %d units, %v MW; want 9, %d, %v", len(units)-1, n, mw, RTSUnits, RTSInstalledMW)
	}
	load, err := csv.NewReader(bytes.NewReader(RTSLoadCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	peak := 0.0
	for i, row := range load[1:] {
		if row[0] != strconv.Itoa(i+1) {
			t.Fatalf("load row %d: hour %q, want %d", i+1, row[0], i+1)
		}
		x, err := strconv.ParseFloat(row[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		peak = max(peak, x)
	}
	if len(load)-1 != RTSHours || peak != RTSPeakMW {
		t.Errorf("load: %d hours, peak %v; want %d, %v", len(load)-1, peak, RTSHours, RTSPeakMW)
	}
	// RTSLOLD is given to 5 decimals and derived from the unrounded LOLE
	// and LOLF; the rounding of RTSLOLE (5e-8) and RTSLOLF (5e-7) moves the
	// ratio by under 2e-6, so 1e-5 covers both.
	if d := RTSLOLE/RTSLOLF - RTSLOLD; d > 1e-5 || d < -1e-5 {
		t.Errorf("LOLE/LOLF = %v, RTSLOLD = %v", RTSLOLE/RTSLOLF, RTSLOLD)
	}
	if len(RTSREADME) == 0 {
		t.Error("README not embedded")
	}
}

// TestRTSShape checks that rts/load.csv is rbts/load.csv scaled from the
// 185 MW RBTS peak to the 2850 MW RTS peak, hour by hour, to the rounding
// the README states: the 6-decimal RBTS values (±5e-7 MW) times 2850/185,
// plus the 6-decimal rounding of the result (±5e-7 MW), is at most
// 8.2e-6 MW.
func TestRTSShape(t *testing.T) {
	rts, err := csv.NewReader(bytes.NewReader(RTSLoadCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rbts, err := csv.NewReader(bytes.NewReader(RBTSLoadCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rts) != len(rbts) {
		t.Fatalf("%d RTS rows, %d RBTS rows", len(rts), len(rbts))
	}
	const k = RTSPeakMW / RBTSPeakMW
	const tol = 5e-7*k + 5e-7
	worst := 0.0
	for i := 1; i < len(rts); i++ {
		a, err := strconv.ParseFloat(rts[i][1], 64)
		if err != nil {
			t.Fatal(err)
		}
		b, err := strconv.ParseFloat(rbts[i][1], 64)
		if err != nil {
			t.Fatal(err)
		}
		d := a - b*k
		if d < 0 {
			d = -d
		}
		worst = max(worst, d)
	}
	if worst > tol {
		t.Errorf("largest |rts − rbts×%v| = %v MW, want ≤ %v", k, worst, tol)
	}
}
