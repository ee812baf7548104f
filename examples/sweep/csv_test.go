package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/study"
)

// writeCSV adds the six cost measures after the risk columns when some
// point has a cost, each point's numbers in its row (empty for a point
// without one), and leaves the columns of earlier versions as they were
// without costs.
func TestWriteCSVCosts(t *testing.T) {
	e := func(m float64) montecarlo.Estimate { return montecarlo.Estimate{Mean: m, SE: 1, Lo: m - 2, Hi: m + 2} }
	points := []study.SweepPoint{
		{MW: 1000, Policy: "firm", Cost: &study.PointCost{ShortRunCost: e(7.5e10), ShortRunCostPerMWh: e(15000), Margin: e(3e10),
			DeltaCO2T: e(3.6e6), MarginalEmissionTPerMWh: e(0.73), StrandedMWh: e(4e6)}},
		{MW: 2000, Policy: "firm"},
	}
	read := func(points []study.SweepPoint) [][]string {
		path := filepath.Join(t.TempDir(), "sweep.csv")
		if err := writeCSV(path, points); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	recs := read(points)
	if len(recs[0]) != 3+4*4+6*4 || recs[0][19] != "short_run_cost" || recs[0][31] != "delta_co2_t" {
		t.Fatalf("header %v: want the risk columns, then short_run_cost … stranded_mwh", recs[0])
	}
	c := points[0].Cost
	for k, want := range []float64{c.ShortRunCost.Mean, c.ShortRunCostPerMWh.Mean, c.Margin.Mean, c.DeltaCO2T.Mean,
		c.MarginalEmissionTPerMWh.Mean, c.StrandedMWh.Mean} {
		if got, err := strconv.ParseFloat(recs[1][19+4*k], 64); err != nil || got != want {
			t.Errorf("%s = %q, want %v", recs[0][19+4*k], recs[1][19+4*k], want)
		}
	}
	for _, f := range recs[2][19:] {
		if f != "" {
			t.Fatalf("a point without a cost: %v, want empty cost fields", recs[2][19:])
		}
	}
	points[0].Cost = nil
	if recs := read(points); len(recs[0]) != 3+4*4 {
		t.Errorf("without costs: %d columns, want the %d of earlier versions", len(recs[0]), 3+4*4)
	}
}
