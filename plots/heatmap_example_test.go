package plots_test

import (
	"fmt"
	"log"

	"github.com/carveout/carveout/plots"
)

// ExampleHeatmap draws when in the year and the day the carve-out causes
// shedding.
func ExampleHeatmap() {
	prob := exampleHeat() // [12][24]float64: month × hour probabilities
	f, err := plots.Heatmap(prob, "When the carve-out causes shedding: share of hours with incremental shedding")
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(f, plots.Width, plots.Height, "testdata/heatmap.png"); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("July 20:00: %.1f%%\n", 100*prob[6][20])
	// Output:
	// July 20:00: 11.2%
}
