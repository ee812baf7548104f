package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/carveout/carveout/montecarlo"
)

// RiskSeries is the risk curve of one curtailment policy: estimates at a
// range of carve-out sizes.
type RiskSeries struct {
	// Label names the policy in the legend, e.g. "firm" or
	// "interruptible".
	Label string

	// SizesMW are the carve-out sizes in MW, finite, non-negative and
	// strictly increasing (for [RiskFigureAgainst], the values of the
	// quantity on the x axis).
	SizesMW []float64

	// P[i] is the estimated probability, in [0, 1], that a year at size
	// SizesMW[i] has shedding of other customers caused by the carve-out.
	P []montecarlo.Estimate

	// DeltaLOLE[i] is the estimated extra loss-of-load expectation of
	// other customers at size SizesMW[i], in hours per year.
	DeltaLOLE []montecarlo.Estimate

	// DeltaEUE[i] is the estimated extra unserved energy of other
	// customers at size SizesMW[i], in MWh per year: the measure in which
	// an interruptible policy differs most from a firm one, since it cuts
	// the depth of shedding more than its frequency. [RiskFigure] draws
	// it as a third panel when every series has it; leave it nil in every
	// series for the two-panel figure.
	DeltaEUE []montecarlo.Estimate
}

// riskField selects the estimates a risk chart draws.
type riskField int

const (
	fieldP riskField = iota
	fieldDeltaLOLE
	fieldDeltaEUE
)

func (f riskField) name() string {
	return [...]string{"P", "DeltaLOLE", "DeltaEUE"}[f]
}

func (f riskField) of(s *RiskSeries) []montecarlo.Estimate {
	switch f {
	case fieldP:
		return s.P
	case fieldDeltaLOLE:
		return s.DeltaLOLE
	}
	return s.DeltaEUE
}

// ylabel returns the y-axis label of the field's chart.
func (f riskField) ylabel() string {
	return [...]string{riskYLabel, deltaYLabel, eueYLabel}[f]
}

// shortYLabel returns the y-axis label of the field's panel in a figure,
// short enough for a third of its height; the figure's title says whose
// risk it is.
func (f riskField) shortYLabel() string {
	return [...]string{"P(causes shedding) (%)", "ΔLOLE (h/yr)", "ΔEUE (MWh/yr)"}[f]
}

// checkRisk validates the fields of series that a chart draws.
func checkRisk(series []RiskSeries, fields ...riskField) error {
	if len(series) == 0 {
		return fmt.Errorf("plots: risk: no series")
	}
	seen := make(map[string]int, len(series))
	for i := range series {
		s := &series[i]
		name := fmt.Sprintf("plots: risk series %d (%q)", i, s.Label)
		if s.Label == "" {
			return fmt.Errorf("plots: risk series %d: Label is empty, want the policy name", i)
		}
		if j, ok := seen[s.Label]; ok {
			return fmt.Errorf("%s: Label duplicates series %d", name, j)
		}
		seen[s.Label] = i
		if len(s.SizesMW) == 0 {
			return fmt.Errorf("%s: SizesMW is empty", name)
		}
		if err := checkIncreasing(name, "SizesMW", s.SizesMW); err != nil {
			return err
		}
		if s.SizesMW[0] < 0 {
			return fmt.Errorf("%s: SizesMW[0] = %v, want >= 0", name, s.SizesMW[0])
		}
		for _, f := range fields {
			es := f.of(s)
			if len(es) != len(s.SizesMW) {
				return fmt.Errorf("%s: len(%s) = %d, want len(SizesMW) = %d", name, f.name(), len(es), len(s.SizesMW))
			}
			for k, e := range es {
				what := fmt.Sprintf("%s: %s[%d] (at %v MW)", name, f.name(), k, s.SizesMW[k])
				if err := checkEstimate(what, e); err != nil {
					return err
				}
				if f == fieldP && !(inUnit(e.Mean) && inUnitOrNaN(e.Lo) && inUnitOrNaN(e.Hi)) {
					return fmt.Errorf("%s: {mean %v, lo %v, hi %v}, want probabilities in [0, 1]", what, e.Mean, e.Lo, e.Hi)
				}
			}
		}
	}
	return nil
}

func inUnit(x float64) bool { return x >= 0 && x <= 1 }

func inUnitOrNaN(x float64) bool { return x != x || inUnit(x) }

// Titles and axis labels of the risk charts.
const (
	riskTitle   = "Chance that the carve-out causes load-shedding"
	riskYLabel  = "years with carve-out-caused shedding (%)"
	deltaTitle  = "Extra hours of load-shedding caused by the carve-out"
	deltaYLabel = "ΔLOLE, other customers (h/yr)"
	eueTitle    = "Extra energy shed because of the carve-out"
	eueYLabel   = "ΔEUE, other customers (MWh/yr)"
	sizeXLabel  = "carve-out size (MW)"
)

// RiskOption adjusts the risk charts ([RiskCurve], [DeltaLOLECurve],
// [DeltaEUECurve], [RiskFigure], [RiskFigureAgainst]).
type RiskOption interface {
	applyRisk(*riskConfig)
}

// riskConfig holds the risk charts' options.
type riskConfig struct {
	logY      bool
	marked    bool
	markX     float64
	markLabel string
}

type riskOptionFunc func(*riskConfig)

func (f riskOptionFunc) applyRisk(c *riskConfig) { f(c) }

// LogY draws the y axis of every risk panel on a logarithmic scale, from
// the power of ten at or below the smallest positive estimate to the one
// at or above the largest upper bound (at most 100% for probabilities),
// so that risks across orders of magnitude — the small risk of a small
// carve-out, which a linear axis flattens to zero, and the large risk of
// a large one — all show, and a steady growth rate shows as a straight
// line. Zero estimates and bounds lie below the axis: lines run off its
// bottom towards them. A panel with no positive estimate keeps its linear
// axis. The axis holds log10 of the values (Min = −1 is 0.1), labelled
// with the values; change its range in those units.
func LogY() RiskOption {
	return riskOptionFunc(func(c *riskConfig) { c.logY = true })
}

// MarkSize marks x on the x axis — the size the study is about, or on
// [RiskFigureAgainst] the value of its quantity that the scenario holds —
// with a dotted vertical line across every panel and a legend entry
// label; an empty label reads "studied: x MW". x must be finite.
func MarkSize(x float64, label string) RiskOption {
	return riskOptionFunc(func(c *riskConfig) { c.marked, c.markX, c.markLabel = true, x, label })
}

// riskOptions applies opts and validates the result.
func riskOptions(opts []RiskOption) (riskConfig, error) {
	var c riskConfig
	for _, o := range opts {
		if o != nil {
			o.applyRisk(&c)
		}
	}
	if c.marked && !finite(c.markX) {
		return c, fmt.Errorf("plots: risk: MarkSize(%v), want finite", c.markX)
	}
	if c.marked && c.markLabel == "" {
		c.markLabel = "studied: " + commaLabel(c.markX, fmt.Sprintf("%g", c.markX)) + " MW"
	}
	return c, nil
}

// RiskCurve returns the headline chart: the probability that the carve-out
// causes load-shedding of other customers in a year (in percent) against
// carve-out size, one line per policy, each with its 95% interval shaded.
// It draws the P field of each series; DeltaLOLE and DeltaEUE are not
// needed.
//
// It returns an error naming the series and point if there are no series,
// a label is empty or repeated, sizes are not finite, non-negative and
// strictly increasing, lengths differ, a mean is NaN or ±Inf, a bound is
// ±Inf, or a value lies outside [0, 1], or if an option is invalid. A NaN
// bound (SE undefined for fewer than two trials) leaves that point without
// a band.
func RiskCurve(series []RiskSeries, opts ...RiskOption) (*plot.Plot, error) {
	return riskCurve(series, fieldP, riskTitle, opts)
}

// DeltaLOLECurve returns the companion of [RiskCurve]: the extra
// loss-of-load expectation of other customers caused by the carve-out, in
// hours per year, against carve-out size, one line per policy with its 95%
// interval shaded. It draws the DeltaLOLE field of each series and
// validates it as RiskCurve validates P (without the [0, 1] bound).
func DeltaLOLECurve(series []RiskSeries, opts ...RiskOption) (*plot.Plot, error) {
	return riskCurve(series, fieldDeltaLOLE, deltaTitle, opts)
}

// DeltaEUECurve returns the extra unserved energy of other customers
// caused by the carve-out, in MWh per year, against carve-out size, one
// line per policy with its 95% interval shaded. It draws the DeltaEUE
// field of each series and validates it as [DeltaLOLECurve] validates
// DeltaLOLE.
func DeltaEUECurve(series []RiskSeries, opts ...RiskOption) (*plot.Plot, error) {
	return riskCurve(series, fieldDeltaEUE, eueTitle, opts)
}

// riskCurve draws one field as a single-panel chart.
func riskCurve(series []RiskSeries, f riskField, title string, opts []RiskOption) (*plot.Plot, error) {
	cfg, err := riskOptions(opts)
	if err != nil {
		return nil, err
	}
	if err := checkRisk(series, f); err != nil {
		return nil, err
	}
	p, ss, err := riskPanel(series, f, title, sizeXLabel, true, &cfg)
	if err != nil {
		return nil, err
	}
	riskLegend(p, [][]*estimateSeries{ss}, []*plot.Plot{p}, &cfg)
	return p, nil
}

// RiskFigure returns [RiskCurve], [DeltaLOLECurve] and, when every series
// has DeltaEUE, [DeltaEUECurve] as one figure of stacked panels on a
// shared carve-out-size axis: how often the carve-out causes shedding, how
// many hours it adds and how much energy. It validates every field it
// draws; DeltaEUE in some series but not in all is an error.
func RiskFigure(series []RiskSeries, opts ...RiskOption) (*Figure, error) {
	return RiskFigureAgainst(series, sizeXLabel, "Risk to other customers by carve-out size and curtailment policy", opts...)
}

// RiskFigureAgainst is [RiskFigure] against another quantity than the
// carve-out's size — a transfer limit, say — held in the series' SizesMW
// (validated the same way), with the x-axis label xlabel and the figure
// title title.
func RiskFigureAgainst(series []RiskSeries, xlabel, title string, opts ...RiskOption) (*Figure, error) {
	cfg, err := riskOptions(opts)
	if err != nil {
		return nil, err
	}
	fields := []riskField{fieldP, fieldDeltaLOLE}
	withEUE := 0
	for i := range series {
		if series[i].DeltaEUE != nil {
			withEUE++
		}
	}
	switch {
	case withEUE == len(series) && withEUE > 0:
		fields = append(fields, fieldDeltaEUE)
	case withEUE > 0:
		for i := range series {
			if series[i].DeltaEUE == nil {
				return nil, fmt.Errorf("plots: risk series %d (%q): DeltaEUE is nil while other series have it, want it in every series or none", i, series[i].Label)
			}
		}
	}
	if err := checkRisk(series, fields...); err != nil {
		return nil, err
	}
	sizeAxis := xlabel == sizeXLabel
	var (
		panels [][]*plot.Plot
		ps     []*plot.Plot
		ss     [][]*estimateSeries
	)
	for k, f := range fields {
		p, s, err := riskPanel(series, f, "", xlabel, sizeAxis, &cfg)
		if err != nil {
			return nil, err
		}
		p.Y.Label.Text = f.shortYLabel()
		if k < len(fields)-1 {
			p.X.Label.Text = "" // the bottom panel's axis is labelled
		}
		panels = append(panels, []*plot.Plot{p})
		ps, ss = append(ps, p), append(ss, s)
	}
	// Share the x range so that the panels line up.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range ps {
		lo, hi = min(lo, p.X.Min), max(hi, p.X.Max)
	}
	for _, p := range ps {
		p.X.Min, p.X.Max = lo, hi
	}
	riskLegend(ps[0], ss, ps, &cfg) // one legend, in the top panel
	return newFigure(title, panels), nil
}

// riskPanel draws one field of validated series on a new plot, without a
// legend. zeroX starts the x axis at 0, as sizes do.
func riskPanel(series []RiskSeries, f riskField, title, xlabel string, zeroX bool, cfg *riskConfig) (*plot.Plot, []*estimateSeries, error) {
	scale := 1.0
	if f == fieldP {
		scale = 100
	}
	p := newPlot(title, xlabel, f.ylabel())
	p.X.Tick.Marker = CommaTicks{}
	p.Y.Tick.Marker = CommaTicks{}
	p.Y.Min = 0 // risks start from zero
	if zeroX {
		p.X.Min = 0 // and so do sizes
	}
	limit := math.Inf(1)
	if f == fieldP {
		limit = 100
	}
	lo, hi, logY := 0.0, 0.0, false
	if cfg.logY {
		lo, hi, logY = logRange(series, f, scale, limit)
	}
	ss := make([]*estimateSeries, len(series))
	for i := range series {
		s := &series[i]
		es, sc := f.of(s), scale
		if logY {
			es, sc = logEstimates(es, scale, lo), 1
		}
		var err error
		if ss[i], err = newEstimateSeries(estimateLine(i), s.Label, s.SizesMW, es, sc, true); err != nil {
			return nil, nil, err
		}
		if logY {
			if err := dropNonPositive(ss[i], f.of(s)); err != nil {
				return nil, nil, err
			}
		}
	}
	addSeries(p, ss)
	if cfg.marked {
		p.Add(&vLine{X: cfg.markX})
	}
	if logY {
		setLogAxis(&p.Y, lo, hi)
	} else {
		roundAxis(&p.Y, p.Y.Min, limit)
	}
	return p, ss, nil
}

// dropNonPositive readies a series drawn on a logarithmic axis from the
// estimates es: a point whose estimate is not positive, which the axis
// cannot place, loses its dot and its band (whose shading towards a zero
// would be meaningless on a log scale); its line still runs off the
// bottom of the axis towards it.
func dropNonPositive(s *estimateSeries, es []montecarlo.Estimate) error {
	var keep plotter.XYs
	for k, xy := range s.line.XYs {
		if es[k].Mean > 0 {
			keep = append(keep, xy)
			continue
		}
		s.band.Lo[k], s.band.Hi[k] = math.NaN(), math.NaN()
	}
	if s.dots == nil {
		return nil
	}
	if len(keep) == 0 {
		s.dots = nil
		return nil
	}
	dots, err := plotter.NewScatter(keep)
	if err != nil {
		return err
	}
	dots.GlyphStyle = s.dots.GlyphStyle
	s.dots = dots
	return nil
}

// logRange returns the range of a logarithmic y axis for the positive
// estimates of f in series (scaled): from the power of ten at or below
// the smallest positive mean to the one at or above the largest mean or
// upper bound, at most limit unless the data exceed it. It reports false
// when no estimate is positive.
func logRange(series []RiskSeries, f riskField, scale, limit float64) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for i := range series {
		for _, e := range f.of(&series[i]) {
			if m := e.Mean * scale; m > 0 {
				lo, hi = min(lo, m), max(hi, m)
			}
			if h := e.Hi * scale; h > 0 {
				hi = max(hi, h)
			}
		}
	}
	if !(lo > 0) || math.IsInf(lo, 1) {
		return 0, 0, false
	}
	top := hi
	lo = math.Pow(10, math.Floor(math.Log10(lo)))
	hi = math.Min(math.Pow(10, math.Ceil(math.Log10(hi))), max(limit, top))
	if !(hi > lo) {
		hi = 10 * lo
	}
	return lo, hi, true
}

// riskLegend adds the legend of a risk chart to p, the top panel of ps
// (ss[i] drawn on ps[i]): the series, the key to the shading, and the
// marked size.
func riskLegend(p *plot.Plot, ss [][]*estimateSeries, ps []*plot.Plot, cfg *riskConfig) {
	addSeriesLegend(p, ss[0], anyBandVisible(ps, ss))
	if cfg.marked {
		p.Legend.Add(cfg.markLabel, &vLine{X: cfg.markX})
	}
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = 6, -4
	if left, right := cornerHeight(p, ss[0], false), cornerHeight(p, ss[0], true); right < left {
		// Risk usually grows to the right, leaving the top left empty;
		// against a transfer limit it falls, and the top right is empty.
		p.Legend.Left, p.Legend.XOffs = false, -6
	}
}

// cornerHeight returns how high (0 at the bottom of the y axis, 1 at its
// top) the series of ss reach, means and upper bounds, in the left or
// right 40% of p's x axis: where a legend in that top corner would cover
// the data.
func cornerHeight(p *plot.Plot, ss []*estimateSeries, right bool) float64 {
	h := 0.0
	for _, s := range ss {
		for k, xy := range s.line.XYs {
			x := p.X.Norm(xy.X)
			if (right && x < 0.6) || (!right && x > 0.4) {
				continue
			}
			for _, y := range []float64{xy.Y, s.band.Hi[k]} {
				if v := p.Y.Norm(y); v == v { // not NaN
					h = max(h, min(v, 1))
				}
			}
		}
	}
	return h
}
