package charts

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"gonum.org/v1/plot/vg"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/plots"
	"github.com/carveout/carveout/study"
)

// Draw returns the charts of a study report, keyed by file stem: "risk"
// (the risk curve and ΔLOLE against carve-out size, when the report has a
// sweep), "heatmap" (the probability of incremental shedding by month and
// hour), "extrahours" (ΔLOLE by month and hour, whose cells add up to
// ΔLOLE), "distributions" (when some simulated year had
// shedding), "market" (when the report has market data) and "convergence"
// (when it has a convergence record). Each chart can be adjusted before
// saving, or built on its own from the report's fields with [plots].
// A nil report, or one that rests on no trials (Done < 1), is an error:
// its charts would show zeros that no simulation gave.
func Draw(r *study.Report) (map[string]plots.Chart, error) {
	if r == nil {
		return nil, fmt.Errorf("charts: report is nil")
	}
	if r.Done < 1 {
		return nil, fmt.Errorf("charts: report done = %d trials, want >= 1", r.Done)
	}
	charts := map[string]plots.Chart{}
	if series := SweepSeries(r.Sweep); len(series) > 0 {
		f, err := plots.RiskFigure(series)
		if err != nil {
			return nil, err
		}
		charts["risk"] = f
	}
	hm, err := plots.Heatmap(r.IncrementalShedding, fmt.Sprintf("Incremental shedding probability, %.0f MW %s carve-out", r.CarveoutMW, r.Policy.Kind))
	if err != nil {
		return nil, err
	}
	charts["heatmap"] = hm
	dl := r.DeltaLOLEByMonthHour.Means()
	eh, err := plots.DeltaHeatmap(dl, fmt.Sprintf("Where ΔLOLE falls: %s extra short hours a year, %.0f MW %s carve-out",
		strconv.FormatFloat(r.Risk.DeltaLOLEHours.Mean, 'g', 3, 64), r.CarveoutMW, r.Policy.Kind), "extra hours of shortfall a year")
	if err != nil {
		return nil, err
	}
	charts["extrahours"] = eh
	if base, carve, ok := shedYears(&r.Distributions.Baseline, &r.Distributions.Carveout); ok {
		d, err := plots.Distributions(base, carve, "annual unserved energy of other customers in years with shedding (MWh, log scale)")
		if err != nil {
			return nil, err
		}
		d.X.Tick.Marker = plots.Log1pTicks{}
		d.Title.Text = "Distribution across simulated years (years without shedding not drawn)"
		charts["distributions"] = d
	}
	if m := r.Market; m != nil && len(m.Weeks) > 0 {
		f, err := plots.FanChart(m.Weeks, m.PriceUSD, m.Hashprice, m.Utilisation)
		if err != nil {
			return nil, err
		}
		charts["market"] = f
	}
	if len(r.Convergence) > 0 {
		trials := make([]int64, len(r.Convergence))
		est := make([]montecarlo.Estimate, len(r.Convergence))
		for i, c := range r.Convergence {
			trials[i], est[i] = c.Trials, c.PCausesShedding
		}
		c, err := plots.Convergence(trials, est, "P(carve-out causes shedding)")
		if err != nil {
			return nil, err
		}
		charts["convergence"] = c
	}
	return charts, nil
}

// SweepSeries groups a report's sweep points into one risk series per
// policy, and per site when a zonal sweep scores several (labelled
// "policy at site"), in order of first appearance, sizes ascending (a
// size that appears twice in a series' points is drawn once, from the
// first), for [plots.RiskCurve], [plots.DeltaLOLECurve] and
// [plots.RiskFigure]: the chart of risk by site and size.
func SweepSeries(points []study.SweepPoint) []plots.RiskSeries {
	var series []plots.RiskSeries
	idx := map[string]int{}
	sites := map[string]bool{}
	for _, p := range points {
		sites[p.Site] = true
	}
	for _, p := range points {
		label := p.Policy
		if len(sites) > 1 {
			label = p.Policy + " at " + p.Site
		}
		i, ok := idx[label]
		if !ok {
			i = len(series)
			idx[label] = i
			series = append(series, plots.RiskSeries{Label: label})
		}
		s := &series[i]
		s.SizesMW = append(s.SizesMW, p.MW)
		s.P = append(s.P, p.PCausesShedding)
		s.DeltaLOLE = append(s.DeltaLOLE, p.DeltaLOLEHours)
	}
	for i := range series {
		s := &series[i]
		order := make([]int, len(s.SizesMW))
		for k := range order {
			order[k] = k
		}
		slices.SortStableFunc(order, func(a, b int) int {
			switch {
			case s.SizesMW[a] < s.SizesMW[b]:
				return -1
			case s.SizesMW[a] > s.SizesMW[b]:
				return 1
			}
			return 0
		})
		sz, p, dl := slices.Clone(s.SizesMW), slices.Clone(s.P), slices.Clone(s.DeltaLOLE)
		s.SizesMW, s.P, s.DeltaLOLE = s.SizesMW[:0], s.P[:0], s.DeltaLOLE[:0]
		for _, o := range order {
			// A size given twice is one point of the curve (the first).
			if n := len(s.SizesMW); n > 0 && s.SizesMW[n-1] == sz[o] {
				continue
			}
			s.SizesMW, s.P, s.DeltaLOLE = append(s.SizesMW, sz[o]), append(s.P, p[o]), append(s.DeltaLOLE, dl[o])
		}
	}
	return series
}

// heights are the heights of the charts with more than one panel; the
// others are [plots.Height] high. All are [plots.Width] wide.
var heights = map[string]vg.Length{"risk": plots.TwoPanels, "market": plots.ThreePanels}

// Write draws every chart of the report (see [Draw]) into dir, created if
// needed ("" means the current directory), as PNG and SVG, in order of
// name, and returns the files written.
func Write(r *study.Report, dir string) ([]string, error) {
	charts, err := Draw(r)
	if err != nil {
		return nil, err
	}
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("charts: %w", err)
	}
	var files []string
	for _, name := range slices.Sorted(maps.Keys(charts)) {
		h, ok := heights[name]
		if !ok {
			h = plots.Height
		}
		for _, ext := range []string{".png", ".svg"} {
			p := filepath.Join(dir, name+ext)
			if err := plots.Save(charts[name], plots.Width, h, p); err != nil {
				return files, err
			}
			files = append(files, p)
		}
	}
	return files, nil
}

// shedYears trims two log10(1+MWh) histograms of annual unserved energy to
// the bins between the first and last year with shedding, so the chart
// shows the shape of the bad years rather than a spike at zero: the zero
// bin becomes underflow (its share is stated in the legend). It reports
// false when no year had shedding.
func shedYears(a, b *montecarlo.Histogram) (*montecarlo.Histogram, *montecarlo.Histogram, bool) {
	if len(a.Counts) != len(b.Counts) || a.Lo != b.Lo || a.Hi != b.Hi {
		return a, b, true
	}
	first, last := -1, -1
	for i := 1; i < len(a.Counts); i++ {
		if a.Counts[i] > 0 || b.Counts[i] > 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return nil, nil, false
	}
	w := a.BinWidth()
	// A margin of a few bins each side, within the histogram.
	first, last = max(1, first-4), min(len(a.Counts)-1, last+4)
	trim := func(h *montecarlo.Histogram) *montecarlo.Histogram {
		t := &montecarlo.Histogram{
			Lo:     h.Lo + w*float64(first),
			Hi:     h.Lo + w*float64(last+1),
			Counts: slices.Clone(h.Counts[first : last+1]),
			Under:  h.Under,
			Over:   h.Over,
		}
		for _, c := range h.Counts[:first] {
			t.Under += c
		}
		for _, c := range h.Counts[last+1:] {
			t.Over += c
		}
		return t
	}
	return trim(a), trim(b), true
}
