package testsystems

import "testing"

// TestRBTSFiles checks the embedded files against the facts stated in the
// README and RBTSUnitsCSV: 11 units in 6 rows totalling 240 MW, 8736 hours
// peaking at 185 MW.
func TestRBTSFiles(t *testing.T) {
	checkFiles(t, embedded{name: "RBTS", unitsCSV: RBTSUnitsCSV, loadCSV: RBTSLoadCSV, readme: RBTSREADME,
		rows: 6, units: RBTSUnits, installedMW: RBTSInstalledMW, hours: RBTSHours, peakMW: RBTSPeakMW})
}
