package plots_test

import (
	"fmt"
	"log"

	"github.com/carveout/carveout/plots"
)

// ExampleConvergence shows the headline estimate settling as trials
// accumulate.
func ExampleConvergence() {
	points := exampleConvergence() // []plots.ConvergencePoint from the runner's checkpoints
	p, err := plots.Convergence(points, "P(carve-out causes shedding)")
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(p, plots.Width, plots.Height, "testdata/convergence.png"); err != nil {
		log.Fatal(err)
	}
	last := points[len(points)-1]
	fmt.Printf("%d trials: %.3f [%.3f, %.3f]\n", last.Trials, last.Est.Mean, last.Est.Lo, last.Est.Hi)
	// Output:
	// 20000 trials: 0.416 [0.409, 0.423]
}
