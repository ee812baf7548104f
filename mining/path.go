package mining

// Path is the output of one simulated trial. Hourly slices have one value
// per simulated hour; daily slices one per day (the last day may be
// partial). Hour h of the path is hour h mod 24 of day h/24; the caller
// aligns hour 0 with its own calendar. A Path returned by
// [Simulator.Run] is owned by the simulator and overwritten by the next
// Run; copy what must be kept, and do not modify it: Run rewrites only the
// hours of FleetMW that change.
type Path struct {
	// FleetMW is the fleet's grid draw in each hour if not curtailed by the
	// grid: Fleet.MW when it runs, 0 when economics say off.
	FleetMW []float64

	// PriceUSD is the BTC price on each day.
	PriceUSD []float64
	// Hashprice is the hashprice in USD per TH/s per day at the start of
	// each day (× [THPerPH] for $/PH/day).
	Hashprice []float64
	// Difficulty is the difficulty at the start of each day.
	Difficulty []float64
	// HashrateEHs is the network's running hashrate on each day, the fleet
	// included, in EH/s.
	HashrateEHs []float64
	// FeeShare is the fee share of block rewards on each day.
	FeeShare []float64
	// Blocks is the number of blocks found on each day.
	Blocks []int
	// FleetUtilisation is the share of each day's hours in which the fleet
	// ran (0 with no fleet).
	FleetUtilisation []float64

	// FleetRevenueUSD is the fleet's mining revenue over the path
	// (hashprice × hashrate × running time).
	FleetRevenueUSD float64
	// FleetCostUSD is what the fleet paid for electricity and other
	// variable costs.
	FleetCostUSD float64
	// FleetEnergyMWh is the fleet's energy drawn from the grid.
	FleetEnergyMWh float64
	// FleetBTC is the bitcoin the fleet earned in expectation.
	FleetBTC float64
	// Retargets is the number of difficulty retargets on the path.
	Retargets int
	// FinalHeight is the height of the next block at the end of the path.
	FinalHeight int64
}

// newPath allocates a Path for the given number of hours.
func newPath(hours int) Path {
	days := (hours + 23) / 24
	return Path{
		FleetMW:          make([]float64, hours),
		PriceUSD:         make([]float64, days),
		Hashprice:        make([]float64, days),
		Difficulty:       make([]float64, days),
		HashrateEHs:      make([]float64, days),
		FeeShare:         make([]float64, days),
		Blocks:           make([]int, days),
		FleetUtilisation: make([]float64, days),
	}
}

// FleetUtilisationTotal returns the share of the path's hours in which the
// fleet ran (0 with no fleet).
func (p *Path) FleetUtilisationTotal() float64 {
	if len(p.FleetMW) == 0 {
		return 0
	}
	var run int
	for _, mw := range p.FleetMW {
		if mw > 0 {
			run++
		}
	}
	return float64(run) / float64(len(p.FleetMW))
}
