package mining_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/carveout/carveout/mining"
)

func ExampleSubsidy() {
	for _, h := range []int64{0, 840_000, 937_440, 1_050_000, mining.HalvingHeight(33)} {
		fmt.Printf("height %9d: %.8f BTC\n", h, mining.SubsidyBTC(h))
	}
	// Output:
	// height         0: 50.00000000 BTC
	// height    840000: 3.12500000 BTC
	// height    937440: 3.12500000 BTC
	// height   1050000: 1.56250000 BTC
	// height   6930000: 0.00000000 BTC
}

func ExampleHashprice() {
	// 19 Feb 2026: difficulty 144.4T, BTC at $68,000, 3.125 BTC subsidy and
	// a 1.5% fee share of rewards.
	perBlock := mining.SubsidyBTC(937_440) / (1 - 0.015)
	hp := mining.Hashprice(144.4e12, 68_000, perBlock) // $/TH/s/day
	fmt.Printf("hashprice: $%.2f/PH/day\n", hp*1000)
	// An S21 fleet (17.5 J/TH) at PUE 1.05 against Rs22.98/kWh ≈ $81.2/MWh.
	fmt.Printf("revenue: $%.2f/MWh\n", mining.RevenuePerMWh(hp, 17.5, 1.05))
	const tariff = 22.98 / 283 * 1000 // $/MWh
	fmt.Printf("breakeven BTC price: $%.1fk\n", 68*tariff/mining.RevenuePerMWh(hp, 17.5, 1.05))
	// Output:
	// hashprice: $30.05/PH/day
	// revenue: $68.15/MWh
	// breakeven BTC price: $81.0k
}

func ExampleRetarget() {
	// The 19–20 Feb 2026 retarget: blocks came about 12.2 days into the
	// epoch instead of 14, so difficulty rose from 125.86T by 14.7%.
	actual := mining.TargetTimespan * 125.86 / 144.4
	fmt.Printf("%.1fT\n", mining.Retarget(125.86e12, actual)/1e12)
	// A collapse of hashrate is clamped to a ÷4 move.
	fmt.Printf("%.2fT\n", mining.Retarget(144.4e12, 10*mining.TargetTimespan)/1e12)
	// Output:
	// 144.4T
	// 36.10T
}

func ExampleSimulator_Run() {
	m := mining.Defaults()
	m.Fleet.MW = 2000
	m.Fleet.TariffUSDPerMWh = 22.98 / 283 * 1000 // Rs22.98/kWh at Rs283/USD
	m.Fleet.Economic = true                      // run only when revenue covers the tariff
	sim, err := mining.NewSimulator(m, 8760)
	if err != nil {
		fmt.Println(err)
		return
	}
	// In a study each stream comes from (seed, trial, component name).
	streams := mining.Streams{
		Price:  rand.New(rand.NewPCG(1, 1)),
		Fees:   rand.New(rand.NewPCG(1, 2)),
		Blocks: rand.New(rand.NewPCG(1, 3)),
	}
	p, err := sim.Run(streams)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d hours, %d days, %d retargets\n", len(p.FleetMW), len(p.PriceUSD), p.Retargets)
	fmt.Printf("day 0: $%.0f, %.1f $/PH/day, %.1fT, %.0f EH/s\n",
		p.PriceUSD[0], p.Hashprice[0]*1000, p.Difficulty[0]/1e12, p.HashrateEHs[0])
	fmt.Printf("fleet ran %.0f%% of hours\n", 100*p.FleetUtilisationTotal())
	// Output:
	// 8760 hours, 365 days, 25 retargets
	// day 0: $68000, 30.1 $/PH/day, 144.4T, 1050 EH/s
	// fleet ran 1% of hours
}
