package study

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

// TestWriteCostTables checks that a report with costs writes the four
// cost tables after months.csv, that every number reads back to the
// report's bits (the dollar columns to the report's estimates converted
// at its rate), that the duration curve's cumulative hours fall from the
// dearest price down to every hour of the year (the load never stops),
// and that a report without costs writes none of them.
func TestWriteCostTables(t *testing.T) {
	const hours = 240
	r := runCost(t, costScenario(100, hours, 30, 200))
	c := r.Cost
	dir := t.TempDir()
	files, err := WriteTables(r, dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	if want := []string{"months.csv", "cost.csv", "cost_fuels.csv", "cost_months.csv", "duration_curve.csv"}; !slices.Equal(names, want) {
		t.Fatalf("wrote %v, want %v", names, want)
	}

	head, rows := readTable(t, filepath.Join(dir, "cost.csv"))
	if !slices.Equal(head, []string{"measure", "unit", "estimate", "estimate_se", "estimate_lo", "estimate_hi", "usd", "usd_se", "usd_lo", "usd_hi"}) {
		t.Fatalf("cost.csv header %v", head)
	}
	ms := c.Measures()
	if len(rows) != len(ms) || len(ms) != 18 {
		t.Fatalf("cost.csv: %d rows, %d measures, want 18", len(rows), len(ms))
	}
	money := 0
	for i, m := range ms {
		row := rows[i]
		if row[0] != m.Name || row[1] != m.Unit {
			t.Errorf("cost.csv row %d: %v, want %s in %s", i, row[:2], m.Name, m.Unit)
		}
		sameFields(t, "cost.csv "+m.Name, row, 2, m.Estimate)
		if m.Money {
			money++
			sameFields(t, "cost.csv "+m.Name+" (USD)", row, 6, c.USD(m.Estimate))
			if got, _ := strconv.ParseFloat(row[6], 64); m.Estimate.Mean != 0 && math.Abs(got*c.PerUSD/m.Estimate.Mean-1) > 1e-12 {
				t.Errorf("cost.csv %s: %v USD at %v per USD, report %v %s", m.Name, got, c.PerUSD, m.Estimate.Mean, c.Currency)
			}
		} else if !slices.Equal(row[6:], []string{"", "", "", ""}) {
			t.Errorf("cost.csv %s, not money: USD columns %v, want empty", m.Name, row[6:])
		}
	}
	if money != 14 {
		t.Errorf("%d money measures, want 14 (all but the two energies, the CO2 and the emission rate)", money)
	}
	// The rows are the report's fields: spot the ones named differently.
	for name, e := range map[string]float64{"short_run_cost": c.ShortRunCost.Mean, "subsidy.vs_purchase_price": c.Subsidy.VsPurchasePrice.Mean,
		"payers.circular_debt": c.Payers.CircularDebt.Mean, "delta_co2_t": c.DeltaCO2T.Mean} {
		i := slices.IndexFunc(rows, func(r []string) bool { return r[0] == name })
		if got, err := strconv.ParseFloat(rows[i][2], 64); err != nil || got != e {
			t.Errorf("cost.csv %s = %q, report %v", name, rows[i][2], e)
		}
	}

	head, rows = readTable(t, filepath.Join(dir, "cost_fuels.csv"))
	if head[0] != "fuel" || head[1] != "delta_mwh" || head[5] != "delta_co2_t" || len(rows) != len(c.Fuels) || len(rows) == 0 {
		t.Fatalf("cost_fuels.csv: header %v, %d rows, %d fuels", head, len(rows), len(c.Fuels))
	}
	for i, f := range c.Fuels {
		if rows[i][0] != f.Fuel {
			t.Errorf("cost_fuels.csv row %d is %s, want %s", i, rows[i][0], f.Fuel)
		}
		sameFields(t, "cost_fuels.csv "+f.Fuel, rows[i], 1, f.DeltaMWh, f.DeltaCO2T)
	}

	head, rows = readTable(t, filepath.Join(dir, "cost_months.csv"))
	if len(head) != 1+4*4 || len(rows) != 12 {
		t.Fatalf("cost_months.csv: header %v, %d rows", head, len(rows))
	}
	for i, m := range c.Months {
		if rows[i][0] != strconv.Itoa(m.Month) {
			t.Errorf("cost_months.csv row %d is month %s", i, rows[i][0])
		}
		sameFields(t, "cost_months.csv", rows[i], 1, m.DeltaCost, c.USD(m.DeltaCost), m.DeltaMWh, m.MarginalCostPerMWh)
	}

	head, rows = readTable(t, filepath.Join(dir, "duration_curve.csv"))
	d := c.DurationCurve
	if len(head) != 5 || len(rows) != len(d.PricesPerMWh) || len(rows) < 2 {
		t.Fatalf("duration_curve.csv: header %v, %d rows, %d prices", head, len(rows), len(d.PricesPerMWh))
	}
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("duration_curve.csv: %q: %v", s, err)
		}
		return v
	}
	for i, row := range rows {
		if num(row[0]) != d.PricesPerMWh[i] || num(row[1]) != d.HoursBaseline[i] || num(row[2]) != d.HoursWith[i] {
			t.Errorf("duration_curve.csv row %d: %v, report price %v, hours %v and %v", i, row, d.PricesPerMWh[i], d.HoursBaseline[i], d.HoursWith[i])
		}
		if i > 0 {
			if num(row[0]) <= num(rows[i-1][0]) {
				t.Errorf("duration_curve.csv: prices not ascending at row %d", i)
			}
			for k := 3; k <= 4; k++ {
				if num(row[k]) > num(rows[i-1][k]) {
					t.Errorf("duration_curve.csv row %d: %s = %v above the cheaper price's %v", i, head[k], num(row[k]), num(rows[i-1][k]))
				}
			}
		}
	}
	// The load never stops: every hour has a marginal price.
	for k := 3; k <= 4; k++ {
		if got := num(rows[0][k]); math.Abs(got-hours) > 1e-9*hours {
			t.Errorf("duration_curve.csv: %s at the cheapest price = %v, want every hour, %d", head[k], got, hours)
		}
	}

	// Without economics: no cost, no cost tables.
	plain := costScenario(100, hours, 30, 20)
	plain.Economics = nil
	st, err := NewStudy(plain)
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.Run(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	files, err = WriteTables(res.Report(), dir)
	if err != nil || len(files) != 1 {
		t.Fatalf("no economics: %v, wrote %v; want months.csv alone", err, files)
	}
	for _, name := range []string{"cost.csv", "duration_curve.csv"} {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("no economics: %s exists (%v)", name, err)
		}
	}
}
