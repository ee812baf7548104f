package plots_test

import (
	"fmt"
	"log"
	"math"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/plots"
)

// estSE is an estimate of mean ± 1.96 se.
func estSE(mean, se float64) montecarlo.Estimate {
	return montecarlo.Estimate{Mean: mean, SE: se, Lo: mean - 1.96*se, Hi: mean + 1.96*se}
}

// Who pays for a carve-out, in billions of rupees a year: what it costs
// and pays, its subsidy against three benchmarks, and who gains or
// loses. Made-up numbers of a plausible size.
func ExampleEstimateBars() {
	p, err := plots.EstimateBars([]plots.EstimateBar{
		{Label: "short-run cost", Group: "cost and revenue", Estimate: estSE(290, 4)},
		{Label: "revenue", Group: "cost and revenue", Estimate: estSE(345, 3)},
		{Label: "margin", Group: "cost and revenue", Estimate: estSE(55, 3)},
		{Label: "subsidy vs marginal cost", Group: "subsidy", Estimate: estSE(-55, 3)},
		{Label: "subsidy vs purchase price", Group: "subsidy", Estimate: estSE(45, 0.5)},
		{Label: "subsidy vs consumer tariff", Group: "subsidy", Estimate: estSE(165, 1.5)},
		{Label: "VOLL cost", Group: "subsidy", Estimate: estSE(12, 5)},
		{Label: "miners", Group: "who gains (+) or pays (−)", Estimate: estSE(80, 20)},
		{Label: "other consumers", Group: "who gains (+) or pays (−)", Estimate: estSE(43, 6)},
		{Label: "circular debt", Group: "who gains (+) or pays (−)", Estimate: estSE(0, 0)},
	}, "What a 2,000 MW carve-out costs, and who pays", "billion PKR a year")
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(p, plots.Width, plots.Height, "testdata/bars.png"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Title.Text)
	// Output: What a 2,000 MW carve-out costs, and who pays
}

// Marginal-cost duration curves of a system without and with a
// carve-out: the extra load puts dearer units on the margin for more
// hours.
func ExampleDurationChart() {
	prices := []float64{0, 9000, 15000, 22000, 30000, 48000}
	p, err := plots.DurationChart(prices, []plots.DurationSeries{
		{Label: "without the carve-out", Hours: []float64{800, 2500, 3100, 1700, 560, 100}},
		{Label: "with the carve-out", Hours: []float64{150, 1900, 3300, 2300, 880, 230}},
	}, "Marginal-cost duration curve", "hours a year at this price or dearer", "marginal price (PKR/MWh)")
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(p, plots.Width, plots.Height, "testdata/duration.png"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Title.Text)
	// Output: Marginal-cost duration curve
}

// The extra CO₂ of a carve-out by size at two sites, with 95% intervals.
func ExampleEstimateCurves() {
	var north, south plots.CurveSeries
	north.Label, south.Label = "firm at north", "firm at south"
	for mw := 0.0; mw <= 4000; mw += 500 {
		e := 8760 * mw * 0.55 * (1 + mw/20000) // t/yr at 0.55 t/MWh, rising as dearer units run
		north.X, north.Y = append(north.X, mw), append(north.Y, estSE(e, 0.01*e+math.Sqrt(mw)*40))
		south.X, south.Y = append(south.X, mw), append(south.Y, estSE(0.8*e, 0.01*e+math.Sqrt(mw)*40))
	}
	p, err := plots.EstimateCurves([]plots.CurveSeries{north, south}, "Extra CO2 by carve-out size", "carve-out (MW)", "extra CO2 (t/yr)")
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(p, plots.Width, plots.Height, "testdata/curves.png"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Title.Text)
	// Output: Extra CO2 by carve-out size
}
