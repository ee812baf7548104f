package plots_test

import (
	"fmt"
	"log"

	"github.com/carveout/carveout/plots"
)

// ExampleFanChart draws the simulated Bitcoin price and hashprice fans
// above the mining fleet's utilisation.
func ExampleFanChart() {
	weeks, price, hashprice, util := exampleFan()
	f, err := plots.FanChart(weeks, price, hashprice, util)
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(f, plots.Width, plots.ThreePanels, "testdata/fanchart.png"); err != nil {
		log.Fatal(err)
	}
	last := len(weeks) - 1
	fmt.Printf("week %v: BTC median $%.1fk, 90%% of paths $%.1fk–$%.1fk; fleet utilisation %.0f%%\n",
		weeks[last], price.P50[last]/1e3, price.P5[last]/1e3, price.P95[last]/1e3, 100*util[last].Mean)
	// Output:
	// week 52: BTC median $60.0k, 90% of paths $26.4k–$136.6k; fleet utilisation 24%
}
