package study

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// readTable reads a CSV table and returns its header and rows.
func readTable(t *testing.T, path string) ([]string, [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs[0], recs[1:]
}

// sameFields checks that fields, from column col on, are the estimates'
// means, SEs and bounds to the bit (an empty field for NaN).
func sameFields(t *testing.T, where string, fields []string, col int, es ...montecarlo.Estimate) {
	t.Helper()
	for i, e := range es {
		for j, want := range []float64{e.Mean, e.SE, e.Lo, e.Hi} {
			s := fields[col+4*i+j]
			if math.IsNaN(want) {
				if s != "" {
					t.Errorf("%s, column %d: %q, want an empty field for NaN", where, col+4*i+j, s)
				}
				continue
			}
			got, err := strconv.ParseFloat(s, 64)
			if err != nil || math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("%s, column %d: %q, want %v", where, col+4*i+j, s, want)
			}
		}
	}
}

// TestWriteTables checks that the tables hold the report's months and
// zones, every number reading back to the report's bits, and that a
// copper plate's report writes months.csv alone.
func TestWriteTables(t *testing.T) {
	sc := zonedScenario(t, 20, Policy{Kind: Interruptible, NoticeHours: 1, Compliance: 0.95}, 0.7, corridor(25), "north")
	sc.Trials = 400
	_, res := runStudy(t, sc)
	r := res.Report()
	dir := t.TempDir()
	files, err := WriteTables(r, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"months.csv", "zones.csv", "zone_months.csv"}
	for i, f := range files {
		if filepath.Base(f) != want[i] {
			t.Fatalf("wrote %v, want %v", files, want)
		}
	}
	head, rows := readTable(t, filepath.Join(dir, "months.csv"))
	if head[0] != "month" || head[1] != "baseline_lole_h" || head[2] != "baseline_lole_h_se" || len(head) != 1+6*4 || len(rows) != 12 {
		t.Fatalf("months.csv: header %v, %d rows", head, len(rows))
	}
	for i, m := range r.Months {
		if rows[i][0] != strconv.Itoa(m.Month) {
			t.Fatalf("months.csv row %d is month %s", i, rows[i][0])
		}
		sameFields(t, "months.csv", rows[i], 1, m.BaselineLOLEHours, m.BaselineEUEMWh, m.WithLOLEHours, m.WithEUEMWh, m.DeltaLOLEHours, m.DeltaEUEMWh)
	}
	head, rows = readTable(t, filepath.Join(dir, "zones.csv"))
	if !slices.Equal(head[:3], []string{"zone", "carveout_share", "baseline_lole_h"}) || len(rows) != 2 {
		t.Fatalf("zones.csv: header %v, %d rows", head, len(rows))
	}
	for i, z := range r.Zones {
		if rows[i][0] != z.Name || rows[i][1] != strconv.FormatFloat(z.CarveoutShare, 'f', -1, 64) {
			t.Fatalf("zones.csv row %d: %v", i, rows[i][:2])
		}
		sameFields(t, "zones.csv "+z.Name, rows[i], 2, z.Baseline.LOLEHours, z.Baseline.LOLF, z.Baseline.EUEMWh, z.Baseline.PAnyShortfall,
			z.Carveout.LOLEHours, z.Carveout.LOLF, z.Carveout.EUEMWh, z.Carveout.PAnyShortfall,
			z.PCausesShedding, z.DeltaLOLEHours, z.DeltaLOLF, z.DeltaEUEMWh)
	}
	head, rows = readTable(t, filepath.Join(dir, "zone_months.csv"))
	if !slices.Equal(head[:2], []string{"zone", "month"}) || len(rows) != 24 {
		t.Fatalf("zone_months.csv: header %v, %d rows", head, len(rows))
	}
	for k, z := range r.Zones {
		for i, m := range z.Months {
			row := rows[12*k+i]
			if row[0] != z.Name || row[1] != strconv.Itoa(m.Month) {
				t.Fatalf("zone_months.csv row %d: %v", 12*k+i, row[:2])
			}
			sameFields(t, "zone_months.csv", row, 2, m.BaselineLOLEHours, m.BaselineEUEMWh, m.WithLOLEHours, m.WithEUEMWh, m.DeltaLOLEHours, m.DeltaEUEMWh)
		}
	}
	// One trial: standard errors and intervals are NaN, written empty.
	one := rbtsScenario(t, 10, Policy{Kind: Firm})
	one.Trials = 1
	_, res = runStudy(t, one)
	dir = t.TempDir()
	files, err = WriteTables(res.Report(), dir)
	if err != nil || len(files) != 1 {
		t.Fatalf("copper plate: %v, wrote %v; want months.csv alone", err, files)
	}
	_, rows = readTable(t, files[0])
	m := res.Report().Months[0]
	sameFields(t, "one trial", rows[0], 1, m.BaselineLOLEHours)
}
