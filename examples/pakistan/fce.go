package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/plots"
	"github.com/carveout/carveout/study"
)

// fceRow is one site's firm capacity equivalent, or why the search found
// none with the trials given.
type fceRow struct {
	site string
	res  *study.FCEResult
	err  error
}

// fce finds the firm capacity equivalent of base's carve-out at each
// candidate site under the firm policy: the perfectly reliable capacity
// that, added in the carve-out's zone, brings other customers' LOLE back
// to its baseline, with trials trial-years a round on base's seed. It
// prints the table and writes fce.csv and the chart into out.
func fce(ctx context.Context, stdout, stderr io.Writer, base *study.Scenario, trials int64, opts []montecarlo.Option, out string) ([]string, error) {
	sc := *base
	sc.Trials = trials
	// Seven offsets a round, three rounds, from [0, twice the carve-out]
	// down to about 1/40 of it, as the hosting searches.
	spec := study.FCESpec{Measure: study.MeasureDeltaLOLE, Policy: study.Policy{Kind: study.Firm}, Points: 7, MaxRounds: 3}
	var rows []fceRow
	for _, site := range base.Sweep.Sites {
		s := spec
		s.Site = site
		fmt.Fprintf(stderr, "firm capacity equivalent at %s:\n", site)
		res, err := study.FCE(ctx, &sc, s, opts...)
		if ctx.Err() != nil {
			return nil, err
		}
		rows = append(rows, fceRow{site: site, res: res, err: err})
	}
	fmt.Fprintf(stdout, "\nFirm capacity equivalent of the %.0f MW carve-out (firm policy): the perfectly reliable capacity in its zone\n", sc.Carveout.MW)
	fmt.Fprintf(stdout, "that brings other customers' LOLE back to its baseline (%d trial-years a round, 95%% confidence at each end):\n", trials)
	fmt.Fprintf(stdout, "%-6s %10s  %-22s %s\n", "site", "MW", "bracket MW", "status")
	for _, r := range rows {
		if r.err != nil {
			fmt.Fprintf(stdout, "%-6s %10s  %-22s %v\n", r.site, "-", "-", r.err)
			continue
		}
		fmt.Fprintf(stdout, "%-6s %10.0f  [%6.0f, %6.0f]        %s\n", r.site, r.res.EstimateMW, r.res.LoMW, r.res.HiMW, r.res.Status)
	}
	return writeFCE(rows, sc.Carveout.MW, out)
}

// writeFCE writes fce.csv and fce.png/svg into out.
func writeFCE(rows []fceRow, carveoutMW float64, out string) ([]string, error) {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	recs := [][]string{{"site", "policy", "index", "carveout_mw", "fce_mw", "lo_mw", "hi_mw", "status", "rounds", "trials"}}
	var bars []plots.HostingBar
	num := func(x float64) string { return strconv.FormatFloat(x, 'g', 8, 64) }
	for _, r := range rows {
		if r.err != nil {
			recs = append(recs, []string{r.site, "firm", "lole", num(carveoutMW), "", "", "", "error: " + r.err.Error(), "0", "0"})
			continue
		}
		recs = append(recs, []string{r.site, "firm", "lole", num(carveoutMW), num(r.res.EstimateMW), num(r.res.LoMW), num(r.res.HiMW), r.res.Status,
			strconv.Itoa(len(r.res.Rounds)), strconv.FormatInt(r.res.Trials, 10)})
		bars = append(bars, plots.HostingBar{Group: r.site, Series: "perfectly reliable", EstimateMW: r.res.EstimateMW, LoMW: r.res.LoMW, HiMW: r.res.HiMW})
	}
	if err := cw.WriteAll(recs); err != nil {
		return nil, err
	}
	files := []string{filepath.Join(out, "fce.csv")}
	if err := os.WriteFile(files[0], b.Bytes(), 0o644); err != nil {
		return nil, err
	}
	if len(bars) == 0 || carveoutMW <= 0 {
		return files, nil // no search found an answer: no chart
	}
	p, err := plots.FCEChart(bars, carveoutMW, "Firm capacity equivalent of the carve-out, LOLE restored (firm policy)")
	if err != nil {
		return nil, err
	}
	saved, err := saveChart(p, out, "fce")
	return append(files, saved...), err
}
