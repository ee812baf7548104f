package study

import (
	"bytes"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/carveout/carveout/montecarlo"
)

// The report's tables: CSV views of parts of a [Report] for pandas, R or
// a spreadsheet, one row per month or zone, each estimate in four
// columns — name, name_se, name_lo, name_hi: the mean, its standard
// error and the 95% interval, as in the report — with numbers in their
// shortest round-trip form (a value that does not exist, such as the
// interval of an estimate from one trial, is an empty field).

// estimateColumns appends, for each name, its four columns.
func estimateColumns(header []string, names ...string) []string {
	for _, n := range names {
		header = append(header, n, n+"_se", n+"_lo", n+"_hi")
	}
	return header
}

// appendEstimates appends each estimate's four fields.
func appendEstimates(row []string, es ...montecarlo.Estimate) []string {
	for _, e := range es {
		row = append(row, formatNumber(e.Mean), formatNumber(e.SE), formatNumber(e.Lo), formatNumber(e.Hi))
	}
	return row
}

// formatNumber formats x as the samples' CSV does.
func formatNumber(x float64) string {
	b := appendFloat(nil, x)
	return string(b[1:])
}

// monthColumns are the estimate columns of a month's row.
var monthColumns = []string{"baseline_lole_h", "baseline_eue_mwh", "with_lole_h", "with_eue_mwh", "delta_lole_h", "delta_eue_mwh"}

func appendMonth(row []string, m *MonthIndices) []string {
	return appendEstimates(append(row, strconv.Itoa(m.Month)),
		m.BaselineLOLEHours, m.BaselineEUEMWh, m.WithLOLEHours, m.WithEUEMWh, m.DeltaLOLEHours, m.DeltaEUEMWh)
}

// WriteMonthsCSV writes [Report.Months] as CSV: a row per month
// (column month, 1 = January), with the other customers' LOLE (h) and
// EUE (MWh) in the month without the carve-out (baseline_…) and with it
// (with_…), and the paired changes (delta_…).
func (r *Report) WriteMonthsCSV(w io.Writer) error {
	rows := [][]string{estimateColumns([]string{"month"}, monthColumns...)}
	for i := range r.Months {
		rows = append(rows, appendMonth(nil, &r.Months[i]))
	}
	return writeCSV(w, rows)
}

// WriteZoneMonthsCSV writes each zone's [ZoneResult.Months] as CSV, the
// columns of [Report.WriteMonthsCSV] after a zone column: a row per zone
// and month, zones in their priority order. A report without zones has
// only the header.
func (r *Report) WriteZoneMonthsCSV(w io.Writer) error {
	rows := [][]string{estimateColumns([]string{"zone", "month"}, monthColumns...)}
	for _, z := range r.Zones {
		for i := range z.Months {
			rows = append(rows, appendMonth([]string{z.Name}, &z.Months[i]))
		}
	}
	return writeCSV(w, rows)
}

// WriteZonesCSV writes [Report.Zones] as CSV: a row per zone, in
// priority order, with the main carve-out's share in it
// (carveout_share), the zone's LOLE (h), LOLF (events) and EUE (MWh) and
// P(any shortfall) without the carve-out (baseline_…) and with it
// (with_…), and the paired measures: p_causes_shedding, delta_lole_h,
// delta_lolf and delta_eue_mwh. A report without zones has only the
// header.
func (r *Report) WriteZonesCSV(w io.Writer) error {
	rows := [][]string{estimateColumns([]string{"zone", "carveout_share"},
		"baseline_lole_h", "baseline_lolf", "baseline_eue_mwh", "baseline_p_any_shortfall",
		"with_lole_h", "with_lolf", "with_eue_mwh", "with_p_any_shortfall",
		"p_causes_shedding", "delta_lole_h", "delta_lolf", "delta_eue_mwh")}
	for _, z := range r.Zones {
		b, c := &z.Baseline, &z.Carveout
		rows = append(rows, appendEstimates([]string{z.Name, formatNumber(z.CarveoutShare)},
			b.LOLEHours, b.LOLF, b.EUEMWh, b.PAnyShortfall,
			c.LOLEHours, c.LOLF, c.EUEMWh, c.PAnyShortfall,
			z.PCausesShedding, z.DeltaLOLEHours, z.DeltaLOLF, z.DeltaEUEMWh))
	}
	return writeCSV(w, rows)
}

func writeCSV(w io.Writer, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// WriteControlVariatesCSV writes the headline indices with control
// variates ([ControlVariateResult]) as CSV, one row per index: its name,
// the crude and the adjusted estimate (mean, se, lo, hi each), the
// variance reduction and the effective trials. A report without control
// variates has only the header.
func (r *Report) WriteControlVariatesCSV(w io.Writer) error {
	head := estimateColumns([]string{"index"}, "crude", "adjusted")
	rows := [][]string{append(head, "variance_reduction", "effective_trials")}
	if cv := r.ControlVariates; cv != nil {
		for _, ix := range cv.Indices {
			row := appendEstimates([]string{ix.Name}, ix.Crude, ix.Adjusted)
			rows = append(rows, append(row, formatNumber(ix.VarianceReduction), formatNumber(ix.EffectiveTrials)))
		}
	}
	return writeCSV(w, rows)
}

// WriteTables writes the report's tables into the folder dir:
// months.csv ([Report.WriteMonthsCSV]); for a zonal study, zones.csv
// and zone_months.csv; with control variates, control_variates.csv; and for a report with [Report.Cost], cost.csv,
// cost_fuels.csv, cost_months.csv and duration_curve.csv
// ([Report.WriteCostCSV] and the rest). It returns the files written.
func WriteTables(r *Report, dir string) ([]string, error) {
	type table struct {
		name  string
		write func(io.Writer) error
	}
	tables := []table{{"months.csv", r.WriteMonthsCSV}}
	if len(r.Zones) > 0 {
		tables = append(tables, table{"zones.csv", r.WriteZonesCSV}, table{"zone_months.csv", r.WriteZoneMonthsCSV})
	}
	if r.ControlVariates != nil {
		tables = append(tables, table{"control_variates.csv", r.WriteControlVariatesCSV})
	}
	if r.Cost != nil {
		tables = append(tables, table{"cost.csv", r.WriteCostCSV}, table{"cost_fuels.csv", r.WriteCostFuelsCSV},
			table{"cost_months.csv", r.WriteCostMonthsCSV}, table{"duration_curve.csv", r.WriteDurationCurveCSV})
	}
	var files []string
	for _, t := range tables {
		var b bytes.Buffer
		if err := t.write(&b); err != nil {
			return files, err
		}
		p := filepath.Join(dir, t.name)
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			return files, err
		}
		files = append(files, p)
	}
	return files, nil
}
