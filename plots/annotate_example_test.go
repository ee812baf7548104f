package plots_test

import (
	"fmt"
	"log"

	"github.com/carveout/carveout/plots"
)

// ExampleAnnotate puts a note and the provenance of a partial run under a
// chart, so that a copy of the chart says what it rests on.
func ExampleAnnotate() {
	trials, est := exampleConvergence()
	p, err := plots.Convergence(trials, est, "P(carve-out causes shedding)")
	if err != nil {
		log.Fatal(err)
	}
	prov := &plots.Provenance{
		Version: "0.9.0", Scenario: "pakistan-2025", Hash: "581f3180ab12cd34ef56",
		Seed: 20250525, Trials: 100000, Done: 20000, Partial: true,
	}
	a := plots.Annotate(p, prov, "The estimate settles inside its interval as trials accumulate; a run that is still drifting at its end needs more trials.")
	if err := plots.Save(a, plots.Width, plots.Height, "testdata/annotated.png"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(prov)
	// Output:
	// PARTIAL RESULT: 20,000 of 100,000 trial-years · carveout 0.9.0 · scenario pakistan-2025 (581f3180ab12) · seed 20250525
}
