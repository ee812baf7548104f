package charts

import (
	"fmt"
	"math"
	"strconv"

	"github.com/carveout/carveout/plots"
	"github.com/carveout/carveout/study"
)

// Sensitivity is a study run again at several values of one input that
// the data cannot settle — a transfer limit, say — every run on the same
// seed (so on common random numbers) and scoring the same carve-out at
// the same sites, so that the risk can be read against the input.
type Sensitivity struct {
	// Input names the varied input with its unit, the chart's x-axis
	// label, e.g. "south→north transfer limit, all elements up (MW)".
	Input string
	// Trials is the number of trial-years of each run.
	Trials int64
	// Values are the input's values, strictly increasing.
	Values []float64
	// Points[i] is the sweep of the run at Values[i]: the carve-out at
	// each site and policy, as in [study.Report.Sweep].
	Points [][]study.SweepPoint
	// Scenario is the scenario's own value of the input, marked on the
	// chart; NaN marks none.
	Scenario float64
}

// Series returns the sensitivity as risk series against the input, one
// per site, policy and size of the runs' points (in order of first
// appearance), for [plots.RiskFigureAgainst]. It returns an error if
// s is nil, or Values and Points differ in length or Values is empty.
func (s *Sensitivity) Series() ([]plots.RiskSeries, error) {
	if s == nil {
		return nil, fmt.Errorf("charts: sensitivity is nil")
	}
	if len(s.Values) == 0 || len(s.Points) != len(s.Values) {
		return nil, fmt.Errorf("charts: sensitivity: %d values and %d runs, want as many and at least one", len(s.Values), len(s.Points))
	}
	var series []plots.RiskSeries
	idx := map[string]int{}
	for i, pts := range s.Points {
		for _, p := range pts {
			label := fmt.Sprintf("%s, %s %s", mw(p.MW), p.Policy, "at "+p.Site)
			if p.Site == "" {
				label = fmt.Sprintf("%s, %s", mw(p.MW), p.Policy)
			}
			k, ok := idx[label]
			if !ok {
				k = len(series)
				idx[label] = k
				series = append(series, plots.RiskSeries{Label: label})
			}
			r := &series[k]
			r.SizesMW = append(r.SizesMW, s.Values[i])
			r.P = append(r.P, p.PCausesShedding)
			r.DeltaLOLE = append(r.DeltaLOLE, p.DeltaLOLEHours)
			r.DeltaEUE = append(r.DeltaEUE, p.DeltaEUEMWh)
		}
	}
	return series, nil
}

// SensitivityProvenance returns the provenance of a sensitivity's runs:
// the base report's version, scenario name and seed, the runs' trials,
// and a note that the scenario was varied (each run has its own hash).
func SensitivityProvenance(base *study.Report, s *Sensitivity) plots.Provenance {
	return plots.Provenance{
		Version: base.Version, Scenario: base.Scenario.Name, Seed: base.Seed,
		Trials: s.Trials, Done: s.Trials,
		Note: strconv.Itoa(len(s.Values)) + " runs, one per value of the input",
	}
}

// DrawSensitivity returns the chart of the risk against the input: the
// probability that the carve-out causes shedding, ΔLOLE and ΔEUE, one
// line per site and policy, with the scenario's own value marked and the
// provenance prov as footer.
func DrawSensitivity(s *Sensitivity, title string, prov plots.Provenance) (plots.Chart, error) {
	series, err := s.Series()
	if err != nil {
		return nil, err
	}
	var opts []plots.RiskOption
	if !math.IsNaN(s.Scenario) {
		opts = append(opts, plots.MarkSize(s.Scenario, "the scenario's value: "+comma(s.Scenario)))
	}
	f, err := plots.RiskFigureAgainst(series, s.Input, title, opts...)
	if err != nil {
		return nil, err
	}
	return plots.Annotate(f, &prov), nil
}
