package plots_test

import (
	"fmt"
	"log"

	"github.com/carveout/carveout/plots"
)

// exampleDelta returns extra hours of shortfall a year by month and hour,
// shaped like exampleHeat's probabilities times the month's days, scaled
// to add up to 0.1 h (about the Pakistan study's ΔLOLE at 2,000 MW).
func exampleDelta() [12][24]float64 {
	days := [12]float64{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	p := exampleHeat()
	var d [12][24]float64
	var sum float64
	for m := range p {
		for h := range p[m] {
			d[m][h] = days[m] * p[m][h]
			sum += d[m][h]
		}
	}
	for m := range d {
		for h := range d[m] {
			d[m][h] *= 0.1 / sum
		}
	}
	return d
}

// ExampleDeltaHeatmap draws where in the year and the day the carve-out's
// extra hours of shortfall fall: the cells add up to ΔLOLE.
func ExampleDeltaHeatmap() {
	d := exampleDelta()
	f, err := plots.DeltaHeatmap(d, "Where the extra hours of shortfall fall (cells add up to ΔLOLE = 0.1 h/yr)", "extra hours a year")
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(f, plots.Width, plots.Height, "testdata/deltaheatmap.png"); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("July 20:00: %.4f h a year\n", d[6][20])
	// Output:
	// July 20:00: 0.0059 h a year
}

// ExampleDeltaHeatmap_negative draws a map with cells below zero, as a
// zone of a zonal study can have when the carve-out moves the network's
// shortfall away from it in some hours: the scale becomes diverging, blue
// for fewer hours and red for more.
func ExampleDeltaHeatmap_negative() {
	d := exampleDelta()
	for h := 12; h < 17; h++ {
		d[5][h] = -0.4 * d[6][20] * float64(h-11) / 5 // June middays: fewer hours
	}
	f, err := plots.DeltaHeatmap(d, "A zone's extra hours of shortfall, some fewer", "extra hours a year")
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(f, plots.Width, plots.Height, "testdata/deltaheatmap_negative.png"); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("June 16:00: %.4f h a year\n", d[5][16])
	// Output:
	// June 16:00: -0.0023 h a year
}
