package testsystems

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"testing"
)

// embedded is one embedded test system with the facts its README and the
// doc comments of its files state.
type embedded struct {
	name                string
	unitsCSV, loadCSV   []byte
	readme              string
	rows, units         int // rows of units.csv, units after expanding counts
	installedMW, peakMW float64
	hours               int
}

// checkFiles checks the embedded files of s: the units.csv header, its
// rows, unit count and installed MW; load.csv numbering its hours 1, 2, …,
// its length and peak; and that the README is embedded.
func checkFiles(t *testing.T, s embedded) {
	t.Helper()
	units, err := csv.NewReader(bytes.NewReader(s.unitsCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(units[0]); got != 5 || units[0][0] != "name" || units[0][4] != "mttr_h" {
		t.Errorf("%s units header %q, want name,count,capacity_mw,mttf_h,mttr_h", s.name, units[0])
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
	if len(units)-1 != s.rows || n != s.units || mw != s.installedMW {
		t.Errorf("%s units: %d rows, %d units, %v MW; want %d, %d, %v", s.name, len(units)-1, n, mw, s.rows, s.units, s.installedMW)
	}
	load, err := csv.NewReader(bytes.NewReader(s.loadCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	peak := 0.0
	for i, row := range load[1:] {
		if row[0] != strconv.Itoa(i+1) {
			t.Fatalf("%s load row %d: hour %q, want %d", s.name, i+1, row[0], i+1)
		}
		x, err := strconv.ParseFloat(row[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		peak = max(peak, x)
	}
	if len(load)-1 != s.hours || peak != s.peakMW {
		t.Errorf("%s load: %d hours, peak %v; want %d, %v", s.name, len(load)-1, peak, s.hours, s.peakMW)
	}
	if len(s.readme) == 0 {
		t.Errorf("%s README not embedded", s.name)
	}
}
