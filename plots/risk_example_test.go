package plots_test

import (
	"fmt"
	"log"
	"math"

	"github.com/carveout/carveout/plots"
)

// ExampleRiskCurve draws the headline chart: the chance that a carve-out
// causes load-shedding against its size, for two curtailment policies.
func ExampleRiskCurve() {
	series := exampleRisk() // []plots.RiskSeries from a carve-out size sweep
	p, err := plots.RiskCurve(series)
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(p, plots.Width, plots.Height, "testdata/riskcurve.png"); err != nil {
		log.Fatal(err)
	}
	at2000 := series[0].P[8]
	fmt.Printf("firm, %v MW: P = %.2f [%.2f, %.2f]\n", series[0].SizesMW[8], at2000.Mean, at2000.Lo, at2000.Hi)
	// Output:
	// firm, 2000 MW: P = 0.66 [0.64, 0.68]
}

// ExampleDeltaLOLECurve draws the extra hours of shedding of other
// customers against carve-out size.
func ExampleDeltaLOLECurve() {
	p, err := plots.DeltaLOLECurve(exampleRisk())
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(p, plots.Width, plots.Height, "testdata/deltalole.png"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Y.Label.Text)
	// Output:
	// ΔLOLE, other customers (h/yr)
}

// ExampleRiskFigure draws the three risk measures as one figure: how
// often the carve-out causes shedding, how many hours and how much energy
// it adds.
func ExampleRiskFigure() {
	f, err := plots.RiskFigure(exampleRisk())
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(f, plots.Width, plots.ThreePanels, "testdata/riskfigure.png"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(f.Panels()), "panels")
	// Output:
	// 3 panels
}

// ExampleRiskFigure_logY draws the risk figure on logarithmic axes, where
// the small risks of small carve-outs show and a steady growth with size
// is a straight line, with the size under study marked.
func ExampleRiskFigure_logY() {
	f, err := plots.RiskFigure(exampleRisk(), plots.LogY(), plots.MarkSize(2000, ""))
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(f, plots.Width, plots.ThreePanels, "testdata/riskfigure_log.png"); err != nil {
		log.Fatal(err)
	}
	y := f.Panels()[0][0].Y // log10 of the values
	fmt.Printf("P axis: %g%% to %g%%\n", math.Pow(10, y.Min), math.Pow(10, y.Max))
	// Output:
	// P axis: 1% to 100%
}

// Hosting capacity by zone and policy, each with its interval.
func ExampleHostingChart() {
	p, err := plots.HostingChart([]plots.HostingBar{
		{Group: "north", Series: "firm", EstimateMW: 1960, LoMW: 1797, HiMW: 2125},
		{Group: "north", Series: "interruptible", EstimateMW: 2300, LoMW: 2100, HiMW: 2500},
		{Group: "south", Series: "firm", EstimateMW: 2113, LoMW: 1969, HiMW: 2250},
		{Group: "south", Series: "interruptible", EstimateMW: 2600, LoMW: 2400, HiMW: 2800},
	}, "Hosting capacity, ΔLOLE ≤ 0.24 h/yr", "hosting capacity (MW)")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Title.Text)
	// Output: Hosting capacity, ΔLOLE ≤ 0.24 h/yr
}
