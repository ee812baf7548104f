package plots_test

import (
	"fmt"
	"log"

	"github.com/carveout/carveout/plots"
)

// ExampleConvergence shows the headline estimate settling as trials
// accumulate.
func ExampleConvergence() {
	trials, est := exampleConvergence() // the estimate at the runner's checkpoints
	p, err := plots.Convergence(trials, est, "P(carve-out causes shedding)")
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(p, plots.Width, plots.Height, "testdata/convergence.png"); err != nil {
		log.Fatal(err)
	}
	n, last := trials[len(trials)-1], est[len(est)-1]
	fmt.Printf("%d trials: %.3f [%.3f, %.3f]\n", n, last.Mean, last.Lo, last.Hi)
	// Output:
	// 20000 trials: 0.416 [0.409, 0.423]
}

// ExampleConvergenceFigure shows an estimate settling and, below it, its
// relative standard error falling as 1/√trials towards a precision
// target of 2%.
func ExampleConvergenceFigure() {
	trials, est := exampleConvergence()
	f, err := plots.ConvergenceFigure(trials, est, "P(carve-out causes shedding)", 0.02)
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(f, plots.Width, plots.TwoPanels, "testdata/convergencefigure.png"); err != nil {
		log.Fatal(err)
	}
	last := est[len(est)-1]
	fmt.Printf("%d panels; relative SE after %d trials: %.2f%%\n", len(f.Panels()), trials[len(trials)-1], 100*last.SE/last.Mean)
	// Output:
	// 2 panels; relative SE after 20000 trials: 0.84%
}
