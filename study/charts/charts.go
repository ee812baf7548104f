package charts

import (
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot/vg"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/plots"
	"github.com/carveout/carveout/study"
)

// Draw returns the charts of a study report, keyed by file stem: "risk"
// (the risk curve, ΔLOLE and ΔEUE against carve-out size, when the report
// has a sweep, with the main case's size marked) and "risk-log" (the same
// on logarithmic axes, when some risk is above zero), "heatmap" (the
// probability of incremental shedding by month and hour), "extrahours"
// (ΔLOLE by month and hour, whose cells add up to ΔLOLE),
// "distributions" (when some simulated year had shedding), "market" (when
// the report has market data, with notes on reading it) and
// "convergence" (ΔEUE, the measure a precision target stops on, and its
// relative standard error, when the report has a convergence record);
// with the report's cost, "whopays" (the money measures per trial-year
// with their intervals: cost, revenue, margin, the three subsidies, the
// VOLL cost and who gains or pays, in billions of the currency, with
// the dollar rate in the notes) and "duration" (the marginal-cost
// duration curves without and with the carve-out); and "emissions"
// (the extra CO₂ by size, one line per policy and site) when sweep
// points have costs. Every chart carries the report's provenance ([Provenance]) as a footer,
// marked PARTIAL in red for a partial report. Each chart can be adjusted
// before saving, or built on its own from the report's fields with
// [plots]. A nil report, or one that rests on no trials (Done < 1), is an
// error: its charts would show zeros that no simulation gave.
func Draw(r *study.Report, opts ...Option) (map[string]plots.Chart, error) {
	if r == nil {
		return nil, fmt.Errorf("charts: report is nil")
	}
	if r.Done < 1 {
		return nil, fmt.Errorf("charts: report done = %d trials, want >= 1", r.Done)
	}
	cfg, err := options(opts)
	if err != nil {
		return nil, err
	}
	prov := Provenance(r)
	charts := map[string]plots.Chart{}
	add := func(name string, c plots.Chart, notes ...string) {
		charts[name] = plots.Annotate(c, &prov, notes...)
	}
	if series := SweepSeries(r.Sweep); len(series) > 0 {
		mark := plots.MarkSize(r.CarveoutMW, "this study: "+mw(r.CarveoutMW))
		f, err := plots.RiskFigure(series, mark)
		if err != nil {
			return nil, err
		}
		add("risk", f)
		if anyPositive(series) {
			f, err := plots.RiskFigure(series, mark, plots.LogY())
			if err != nil {
				return nil, err
			}
			f.SetTitle(f.Title() + " (log scale)")
			add("risk-log", f)
		}
	}
	hm, err := plots.Heatmap(r.IncrementalShedding, fmt.Sprintf("Incremental shedding probability, %.0f MW %s carve-out", r.CarveoutMW, r.Policy.Kind))
	if err != nil {
		return nil, err
	}
	add("heatmap", hm)
	dl := r.DeltaLOLEByMonthHour.Means()
	eh, err := plots.DeltaHeatmap(dl, fmt.Sprintf("Where ΔLOLE falls: %s extra short hours a year, %.0f MW %s carve-out",
		strconv.FormatFloat(r.Risk.DeltaLOLEHours.Mean, 'g', 3, 64), r.CarveoutMW, r.Policy.Kind), "extra hours of shortfall a year")
	if err != nil {
		return nil, err
	}
	add("extrahours", eh)
	if base, carve, ok := shedYears(&r.Distributions.Baseline, &r.Distributions.Carveout); ok {
		notes := plots.BelowAxisNotes(belowNote(base, &r.Distributions.Baseline, r.Baseline.PAnyShortfall),
			belowNote(carve, &r.Distributions.Carveout, r.Carveout.PAnyShortfall))
		d, err := plots.Distributions(base, carve, "annual unserved energy of other customers in years with shedding (MWh, log scale)", notes)
		if err != nil {
			return nil, err
		}
		d.X.Tick.Marker = plots.Log1pTicks{}
		d.Title.Text = "Distribution across simulated years (years without shedding not drawn)"
		add("distributions", d)
	}
	if m := r.Market; m != nil && len(m.Weeks) > 0 {
		f, err := plots.FanChart(m.Weeks, m.PriceUSD, m.Hashprice, m.Utilisation)
		if err != nil {
			return nil, err
		}
		add("market", f, marketNotes(m)...)
	}
	if len(r.Convergence) > 0 {
		trials := make([]int64, len(r.Convergence))
		est := make([]montecarlo.Estimate, len(r.Convergence))
		for i, c := range r.Convergence {
			trials[i], est[i] = c.Trials, c.DeltaEUEMWh
		}
		c, err := plots.ConvergenceFigure(trials, est, "ΔEUE, other customers (MWh/yr)", cfg.targetRSE)
		if err != nil {
			return nil, err
		}
		c.SetTitle("Convergence of ΔEUE, the estimate a precision target stops on")
		add("convergence", c)
	}
	if err := costCharts(r, add); err != nil {
		return nil, err
	}
	return charts, nil
}

// Provenance returns what identifies the report's result — library
// version, scenario name and hash, seed, trials done and asked for, and
// whether the run was partial or met its precision target — for chart
// footers and report headers.
func Provenance(r *study.Report) plots.Provenance {
	return plots.Provenance{
		Version: r.Version, Scenario: r.Scenario.Name, Hash: r.Scenario.Hash,
		Seed: r.Seed, Trials: r.Trials, Done: r.Done,
		Partial: r.Partial, Converged: r.Converged,
	}
}

// Option adjusts the charts of [Draw] and [Write].
type Option interface {
	apply(*config)
}

// config holds the options of Draw and Write.
type config struct {
	targetRSE float64
	formats   []string
}

type optionFunc func(*config)

func (f optionFunc) apply(c *config) { f(c) }

// TargetRSE draws the precision target the run stopped on (or would
// have), a relative standard error in (0, 1), on the convergence chart.
func TargetRSE(r float64) Option {
	return optionFunc(func(c *config) { c.targetRSE = r })
}

// Formats sets the formats [Write] writes each chart in, of "png", "svg"
// and "pdf" (all three by default).
func Formats(formats ...string) Option {
	return optionFunc(func(c *config) { c.formats = formats })
}

// options applies opts and validates them.
func options(opts []Option) (config, error) {
	c := config{formats: []string{"png", "svg", "pdf"}}
	for _, o := range opts {
		if o != nil {
			o.apply(&c)
		}
	}
	if c.targetRSE != 0 && !(c.targetRSE > 0 && c.targetRSE < 1) {
		return c, fmt.Errorf("charts: target rse = %v, want in (0, 1)", c.targetRSE)
	}
	if len(c.formats) == 0 {
		return c, fmt.Errorf("charts: no formats, want some of png, svg and pdf")
	}
	for _, f := range c.formats {
		if f != "png" && f != "svg" && f != "pdf" {
			return c, fmt.Errorf("charts: format %q, want png, svg or pdf", f)
		}
	}
	return c, nil
}

// mw formats a size in MW with thousands separators.
func mw(x float64) string { return comma(x) + " MW" }

// comma formats x shortly, whole numbers of 1,000 and more with thousands
// separators.
func comma(x float64) string {
	if x != math.Trunc(x) || math.Abs(x) < 1000 || math.Abs(x) >= 1e15 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	s := strconv.FormatFloat(math.Abs(x), 'f', 0, 64)
	var b strings.Builder
	if x < 0 {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// anyPositive reports whether some series has a positive P estimate, so
// that a logarithmic axis has something to show.
func anyPositive(series []plots.RiskSeries) bool {
	for _, s := range series {
		for _, e := range s.P {
			if e.Mean > 0 {
				return true
			}
		}
	}
	return false
}

// belowNote says what the years below the axis of a trimmed histogram of
// log10(1 + MWh) are: the years without shedding when their count is the
// count of the probability pAny's complement in full (the histogram's
// first bin, which also holds years with a little shedding, holds none),
// else the years without shedding or under the first bin's top.
func belowNote(trimmed, full *montecarlo.Histogram, pAny montecarlo.Estimate) string {
	n := trimmed.N()
	if n == 0 || trimmed.Under == 0 {
		return ""
	}
	share := float64(trimmed.Under) / float64(n)
	none := math.Round((1 - pAny.Mean) * float64(n))
	pct := strconv.FormatFloat(100*share, 'f', 1, 64)
	if 100*share < 0.1 {
		pct = strconv.FormatFloat(100*share, 'g', 2, 64)
	}
	if float64(trimmed.Under) == none {
		return pct + "% of years without shedding (not drawn)"
	}
	top := math.Pow(10, full.Lo+full.BinWidth()) - 1
	return fmt.Sprintf("%s%% of years without shedding or with under %.2g MWh (not drawn)", pct, top)
}

// marketNotes explains the market chart's two features most often
// misread: a median price that falls while the expected price does not,
// and the two-week zig-zag of the hashprice bands.
func marketNotes(m *study.Market) []string {
	var notes []string
	n := len(m.Weeks)
	if p := m.PriceUSD.P50; n > 1 && p[n-1] < p[0] {
		notes = append(notes, fmt.Sprintf("The median price falls (from $%.1fk to $%.1fk) although the expected price need not: "+
			"the price is lognormal, so its median lies below its mean, and with zero drift (the default: no view on direction) "+
			"the median falls as exp(−σ²t/2) while the mean stays at today's price. It is not a bearish assumption. "+
			"Bands are percentiles of the simulated paths week by week, not paths.", p[0]/1e3, p[n-1]/1e3))
	}
	if n >= 4 {
		notes = append(notes, "Hashprice is read on the first day of each week. Difficulty retargets every 2,016 blocks, "+
			"about every two weeks, and the paths' retargets fall on nearly the same days, so every other weekly reading "+
			"comes just after a retarget: the hashprice bands' two-week zig-zag is the protocol's, not noise.")
	}
	return notes
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
		s.DeltaEUE = append(s.DeltaEUE, p.DeltaEUEMWh)
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
		sz, p, dl, de := slices.Clone(s.SizesMW), slices.Clone(s.P), slices.Clone(s.DeltaLOLE), slices.Clone(s.DeltaEUE)
		s.SizesMW, s.P, s.DeltaLOLE, s.DeltaEUE = s.SizesMW[:0], s.P[:0], s.DeltaLOLE[:0], s.DeltaEUE[:0]
		for _, o := range order {
			// A size given twice is one point of the curve (the first).
			if n := len(s.SizesMW); n > 0 && s.SizesMW[n-1] == sz[o] {
				continue
			}
			s.SizesMW, s.P = append(s.SizesMW, sz[o]), append(s.P, p[o])
			s.DeltaLOLE, s.DeltaEUE = append(s.DeltaLOLE, dl[o]), append(s.DeltaEUE, de[o])
		}
	}
	return series
}

// Height returns the height at which [Write] saves a chart of [Draw]:
// [plots.Height] for one row of panels, [plots.TwoPanels] for two and
// [plots.ThreePanels] for three or more. All are [plots.Width] wide.
func Height(c plots.Chart) vg.Length {
	if a, ok := c.(*plots.Annotated); ok && a != nil {
		c = a.Chart
	}
	f, ok := c.(*plots.Figure)
	if !ok || f == nil {
		return plots.Height
	}
	switch n := len(f.Panels()); {
	case n >= 3:
		return plots.ThreePanels
	case n == 2:
		return plots.TwoPanels
	}
	return plots.Height
}

// Write draws every chart of the report (see [Draw]) into dir, created if
// needed ("" means the current directory), as PNG, SVG and PDF (or the
// [Formats] given), in order of name, and returns the files written.
func Write(r *study.Report, dir string, opts ...Option) ([]string, error) {
	cfg, err := options(opts)
	if err != nil {
		return nil, err
	}
	charts, err := Draw(r, opts...)
	if err != nil {
		return nil, err
	}
	return saveAll(charts, dir, cfg.formats)
}

// saveAll saves the charts into dir in the formats, in order of name.
func saveAll(charts map[string]plots.Chart, dir string, formats []string) ([]string, error) {
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("charts: %w", err)
	}
	var files []string
	for _, name := range slices.Sorted(maps.Keys(charts)) {
		c := charts[name]
		for _, ext := range formats {
			p := filepath.Join(dir, name+"."+ext)
			if err := plots.Save(c, plots.Width, Height(c), p); err != nil {
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
