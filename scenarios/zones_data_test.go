package scenarios

import (
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"
)

// The zonal tables of the Pakistan 2025 scenario (fleet.csv's zone column,
// zones.csv, interfaces.csv and the zones.* rows of parameters.csv) are
// checked here for internal consistency by reading the embedded files
// directly, independent of the code that loads them into a study.

// fleetZones are the zones a generating unit may be in; "ke" has no units.
var fleetZones = map[string]bool{"north": true, "south": true}

// csvTable is an embedded scenario table: its rows by column name.
type csvTable struct {
	file string
	rows []map[string]string
}

// readTable reads pakistan2025/<file> with encoding/csv, requiring the
// named columns.
func readTable(t *testing.T, file string, cols ...string) csvTable {
	t.Helper()
	b, err := pakistanFS.ReadFile("pakistan2025/" + file)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if len(recs) < 2 {
		t.Fatalf("%s: no data rows", file)
	}
	idx := map[string]int{}
	for i, c := range recs[0] {
		idx[c] = i
	}
	for _, c := range cols {
		if _, ok := idx[c]; !ok {
			t.Fatalf("%s: no column %q (header %v)", file, c, recs[0])
		}
	}
	tab := csvTable{file: file}
	for _, r := range recs[1:] {
		row := map[string]string{}
		for c, i := range idx {
			row[c] = r[i]
		}
		tab.rows = append(tab.rows, row)
	}
	return tab
}

// num parses a decimal cell; line is the row's line in the file.
func (tab csvTable) num(t *testing.T, line int, row map[string]string, col string) float64 {
	t.Helper()
	x, err := strconv.ParseFloat(row[col], 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		t.Fatalf("%s line %d: %s = %q, want a finite decimal", tab.file, line, col, row[col])
	}
	return x
}

// zoneTotal is a zone's installed capacity and unit count in fleet.csv.
type zoneTotal struct {
	mw    float64
	units int
}

// fleetZoneTotals sums fleet.csv's capacity_mw × count by zone.
func fleetZoneTotals(t *testing.T) map[string]zoneTotal {
	t.Helper()
	fleet := readTable(t, "fleet.csv", "name", "capacity_mw", "count", "zone", "zone_source")
	tot := map[string]zoneTotal{}
	for i, r := range fleet.rows {
		line := i + 2
		z := r["zone"]
		if !fleetZones[z] {
			t.Errorf("fleet.csv line %d (%s): zone %q, want north or south", line, r["name"], z)
		}
		if strings.TrimSpace(r["zone_source"]) == "" {
			t.Errorf("fleet.csv line %d (%s): empty zone_source", line, r["name"])
		}
		n, err := strconv.Atoi(r["count"])
		if err != nil || n < 1 {
			t.Fatalf("fleet.csv line %d: count %q", line, r["count"])
		}
		zt := tot[z]
		zt.mw += float64(n) * fleet.num(t, line, r, "capacity_mw")
		zt.units += n
		tot[z] = zt
	}
	return tot
}

func TestZonesFleetUnitsHaveZones(t *testing.T) {
	tot := fleetZoneTotals(t)
	// Zoning moves units, never adds or drops them: the totals are the
	// copper plate's 213 units and 36,614.59 MW (TestPakistan2025Loads).
	mw, units := tot["north"].mw+tot["south"].mw, tot["north"].units+tot["south"].units
	if units != 213 || math.Abs(mw-36614.59) > 1e-6 {
		t.Errorf("zones hold %d units, %.6f MW; want 213 and 36,614.59", units, mw)
	}
}
