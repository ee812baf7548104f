package plots_test

import (
	"fmt"
	"log"

	"github.com/carveout/carveout/plots"
)

// The firm capacity equivalent of a 2,000 MW carve-out at two sites, in
// perfectly reliable capacity and in units that fail, each with its
// interval, against the carve-out's own size.
func ExampleFCEChart() {
	p, err := plots.FCEChart([]plots.HostingBar{
		{Group: "south", Series: "perfectly reliable", EstimateMW: 1830, LoMW: 1712, HiMW: 1905},
		{Group: "south", Series: "units, FOR 0.1", EstimateMW: 2150, LoMW: 2010, HiMW: 2290},
		{Group: "north", Series: "perfectly reliable", EstimateMW: 1910, LoMW: 1850, HiMW: 1990},
		{Group: "north", Series: "units, FOR 0.1", EstimateMW: 2240, LoMW: 2120, HiMW: 2360},
	}, 2000, "Firm capacity equivalent, LOLE restored")
	if err != nil {
		log.Fatal(err)
	}
	if err := plots.Save(p, plots.Width, plots.Height, "testdata/fce.png"); err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Title.Text)
	// Output: Firm capacity equivalent, LOLE restored
}
