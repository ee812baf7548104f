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
