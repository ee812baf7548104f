package charts_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/carveout/carveout/study"
	"github.com/carveout/carveout/study/charts"
)

func TestSensitivity(t *testing.T) {
	pt := func(site string, p float64) study.SweepPoint {
		return study.SweepPoint{MW: 2000, Policy: "firm", Site: site, PCausesShedding: est(p), DeltaLOLEHours: est(10 * p), DeltaEUEMWh: est(100 * p)}
	}
	s := &charts.Sensitivity{
		Input: "south→north limit (MW)", Trials: 500, Values: []float64{3200, 5200, 7000}, Scenario: 5200,
		Points: [][]study.SweepPoint{
			{pt("south", 0.3), pt("north", 0.29)},
			{pt("south", 0.3), pt("north", 0.4)},
			{pt("south", 0.3), pt("north", 0.3)},
		},
	}
	series, err := s.Series()
	if err != nil {
		t.Fatal(err)
	}
	if len(series) != 2 || series[0].Label != "2,000 MW, firm at south" || series[1].Label != "2,000 MW, firm at north" {
		t.Fatalf("series %q, want one per site in order of appearance", []string{series[0].Label})
	}
	if !slices.Equal(series[1].SizesMW, s.Values) || series[1].P[1].Mean != 0.4 || series[1].DeltaEUE[1].Mean != 40 {
		t.Errorf("north series %+v, want the runs' points against the limits", series[1])
	}
	base := fullReport(t)
	c, err := charts.DrawSensitivity(s, "Risk against the limit", charts.SensitivityProvenance(base, s))
	if err != nil {
		t.Fatal(err)
	}
	svg := svgText(t, c)
	for _, want := range []string{"the scenario's value: 5,200", "carveout 0.9.0 · scenario test-grid · seed 42 · 500 trial-years · 3 runs, one per value of the input"} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	s.Scenario = math.NaN()
	if _, err := charts.DrawSensitivity(s, "", charts.SensitivityProvenance(base, s)); err != nil {
		t.Errorf("no marked value: %v", err)
	}
	s.Points = s.Points[:2]
	if _, err := s.Series(); err == nil {
		t.Error("3 values and 2 runs gave series, want an error")
	}
}
