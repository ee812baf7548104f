package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"

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
}

// riskField selects the estimates a risk chart draws.
type riskField int

const (
	fieldP riskField = iota
	fieldDeltaLOLE
)

func (f riskField) name() string {
	if f == fieldP {
		return "P"
	}
	return "DeltaLOLE"
}

func (f riskField) of(s *RiskSeries) []montecarlo.Estimate {
	if f == fieldP {
		return s.P
	}
	return s.DeltaLOLE
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
	sizeXLabel  = "carve-out size (MW)"
)

// RiskCurve returns the headline chart: the probability that the carve-out
// causes load-shedding of other customers in a year (in percent) against
// carve-out size, one line per policy, each with its 95% interval shaded.
// It draws the P field of each series; DeltaLOLE is not needed.
//
// It returns an error naming the series and point if there are no series,
// a label is empty or repeated, sizes are not finite, non-negative and
// strictly increasing, lengths differ, a mean is NaN or ±Inf, a bound is
// ±Inf, or a value lies outside [0, 1]. A NaN bound (SE undefined for fewer
// than two trials) leaves that point without a band.
func RiskCurve(series []RiskSeries) (*plot.Plot, error) {
	if err := checkRisk(series, fieldP); err != nil {
		return nil, err
	}
	return riskPlot(series, fieldP, riskTitle, sizeXLabel)
}

// DeltaLOLECurve returns the companion of [RiskCurve]: the extra
// loss-of-load expectation of other customers caused by the carve-out, in
// hours per year, against carve-out size, one line per policy with its 95%
// interval shaded. It draws the DeltaLOLE field of each series and
// validates it as RiskCurve validates P (without the [0, 1] bound).
func DeltaLOLECurve(series []RiskSeries) (*plot.Plot, error) {
	if err := checkRisk(series, fieldDeltaLOLE); err != nil {
		return nil, err
	}
	return riskPlot(series, fieldDeltaLOLE, deltaTitle, sizeXLabel)
}

// RiskFigure returns [RiskCurve] and [DeltaLOLECurve] as one two-panel
// figure, the probability above ΔLOLE on a shared carve-out-size axis. It
// validates both fields.
func RiskFigure(series []RiskSeries) (*Figure, error) {
	return RiskFigureAgainst(series, sizeXLabel, "Carve-out risk by size and curtailment policy")
}

// RiskFigureAgainst is [RiskFigure] against another quantity than the
// carve-out's size — a transfer limit, say — held in the series' SizesMW
// (validated the same way), with the x-axis label xlabel and the figure
// title title.
func RiskFigureAgainst(series []RiskSeries, xlabel, title string) (*Figure, error) {
	if err := checkRisk(series, fieldP, fieldDeltaLOLE); err != nil {
		return nil, err
	}
	top, err := riskPlot(series, fieldP, "", xlabel)
	if err != nil {
		return nil, err
	}
	top.X.Label.Text = "" // the bottom panel's axis is labelled
	bottom, err := riskPlot(series, fieldDeltaLOLE, "", xlabel)
	if err != nil {
		return nil, err
	}
	bottom.Legend = plot.NewLegend() // one legend, in the top panel
	// Share the x range so that the panels line up.
	lo, hi := min(top.X.Min, bottom.X.Min), max(top.X.Max, bottom.X.Max)
	top.X.Min, top.X.Max, bottom.X.Min, bottom.X.Max = lo, hi, lo, hi
	return newFigure(title, [][]*plot.Plot{{top}, {bottom}}), nil
}

// riskPlot draws one field of validated series.
func riskPlot(series []RiskSeries, f riskField, title, xlabel string) (*plot.Plot, error) {
	ylabel, scale := deltaYLabel, 1.0
	if f == fieldP {
		ylabel, scale = riskYLabel, 100
	}
	p := newPlot(title, xlabel, ylabel)
	p.X.Tick.Marker = CommaTicks{}
	p.Y.Tick.Marker = CommaTicks{}
	p.Y.Min = 0 // risks start from zero
	if xlabel == sizeXLabel || xlabel == "" {
		p.X.Min = 0 // and so do sizes
	}
	for i := range series {
		s := &series[i]
		if err := addEstimates(p, i, s.Label, s.SizesMW, f.of(s), scale, true); err != nil {
			return nil, err
		}
	}
	limit := math.Inf(1)
	if f == fieldP {
		limit = 100
	}
	roundAxis(&p.Y, p.Y.Min, limit)
	addIntervalKey(p)
	p.Legend.Top, p.Legend.Left = true, true
	p.Legend.XOffs, p.Legend.YOffs = 6, -4
	return p, nil
}
