package testsystems

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"
)

// TestRTSFiles checks the embedded files against the facts stated in the
// README and RTSUnitsCSV: 32 units in 9 rows totalling 3405 MW, 8736 hours
// peaking at exactly 2850 MW, and LOLD = LOLE/LOLF to the constants'
// rounding.
func TestRTSFiles(t *testing.T) {
	checkFiles(t, embedded{name: "RTS", unitsCSV: RTSUnitsCSV, loadCSV: RTSLoadCSV, readme: RTSREADME,
		rows: 9, units: RTSUnits, installedMW: RTSInstalledMW, hours: RTSHours, peakMW: RTSPeakMW})
	// RTSLOLD is given to 5 decimals and derived from the unrounded LOLE
	// and LOLF; the rounding of RTSLOLE (5e-8) and RTSLOLF (5e-7) moves the
	// ratio by under 2e-6, so 1e-5 covers both.
	if d := RTSLOLE/RTSLOLF - RTSLOLD; d > 1e-5 || d < -1e-5 {
		t.Errorf("LOLE/LOLF = %v, RTSLOLD = %v", RTSLOLE/RTSLOLF, RTSLOLD)
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
