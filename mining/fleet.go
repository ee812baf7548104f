package mining

import "math"

// Default fleet parameters.
const (
	// DefaultJPerTH is the fleet's efficiency: the Antminer S21, 17.5 J/TH
	// nameplate (hackernoon S21 review). Judgement: the mainstream
	// air-cooled machine of 2024–26; the S21 XP (13.5,
	// btcminermarketplace.com) or S21 Pro (15, lmc-mining.vercel.app) are
	// alternatives. 1,000 MW of S21s at PUE 1.05 hash at about 54 EH/s,
	// 5% of a 1,050 EH/s network ([Fleet.HashrateTHs]).
	DefaultJPerTH = 17.5

	// DefaultFleetPUE is the facility overhead of the mining fleet.
	// Judgement: air-cooled containers, whose fans are already in the
	// machines' J/TH, need little beyond that.
	DefaultFleetPUE = 1.05

	// DefaultTariffUSDPerMWh is the electricity price of a typical miner,
	// not of any country: the industry-median power cost of $40/MWh
	// (K33 Research, 2022), the same figure behind
	// DefaultShutdownMedianUSDPerPHDay, so that the default fleet pays
	// what the median miner of the rest of the network pays. A tariff is
	// a country's policy; a scenario states its own (the Pakistan
	// scenario sets the Roshan Maeeshat rate of Rs22.98/kWh, about
	// $81.2/MWh).
	DefaultTariffUSDPerMWh = 40.0
)

// Fleet describes the carve-out's mining fleet: its grid draw, efficiency
// and costs, and whether it runs only when profitable.
//
// When running the fleet draws MW from the grid and hashes at
// MW·10⁶/(J/TH·PUE) TH/s. Its revenue per MWh at hashprice h ($/TH/day) is
// [RevenuePerMWh](h, JPerTH, PUE). If Economic, it runs in an hour iff that
// revenue covers the tariff plus other variable costs of the hour;
// otherwise it runs every hour. Decisions for a day use the difficulty and
// price in effect at the start of the day, and the fleet's average running
// hashrate over the day joins the network's.
//
// Heat throttling (the S21 throttles above 40 °C and stops above 47 °C
// ambient; hackernoon S21 review) is not modelled: it would need hourly
// temperatures, which this package does not have.
type Fleet struct {
	// MW is the grid draw when running. Default 0: no fleet (its size is
	// a scenario's choice; a study sets it from the carve-out).
	MW float64 `json:"mw"`
	// JPerTH is the machines' efficiency in J/TH (W per TH/s), at least 1.
	// Default DefaultJPerTH (17.5, S21).
	JPerTH float64 `json:"j_per_th"`
	// PUE is the facility's power usage effectiveness, ≥ 1. Default
	// DefaultFleetPUE (1.05).
	PUE float64 `json:"pue"`
	// TariffUSDPerMWh is the electricity tariff, ≥ 0. Default
	// DefaultTariffUSDPerMWh ($40/MWh, the industry median, not a
	// country's tariff).
	TariffUSDPerMWh float64 `json:"tariff_usd_per_mwh"`
	// TariffByHour, if set, gives the tariff for each hour of the day
	// (24 values, $/MWh, hour 0 = midnight) and overrides TariffUSDPerMWh,
	// e.g. for peak-hour pricing.
	TariffByHour []float64 `json:"tariff_by_hour,omitempty"`
	// OtherUSDPerMWh is any other variable cost per MWh that running must
	// cover (hosting, maintenance). Default 0, a judgement: electricity
	// only.
	OtherUSDPerMWh float64 `json:"other_usd_per_mwh"`
	// Economic makes the fleet run only in hours when revenue covers cost.
	// False, the default, means it always runs.
	Economic bool `json:"economic"`
}

// HashrateTHs returns the fleet's hashrate when running, in TH/s:
// MW·10⁶/(J/TH·PUE).
//
// It is NaN for an efficiency that is not positive or a PUE below 1.
func (f Fleet) HashrateTHs() float64 {
	if !(f.JPerTH > 0) || !(f.PUE >= 1) {
		return math.NaN()
	}
	return f.MW * 1e6 / (f.JPerTH * f.PUE)
}

// costPerMWh returns the cost the fleet must cover in hour-of-day h.
func (f Fleet) costPerMWh(h int) float64 {
	if len(f.TariffByHour) == 24 {
		return f.TariffByHour[h] + f.OtherUSDPerMWh
	}
	return f.TariffUSDPerMWh + f.OtherUSDPerMWh
}

// minJPerTH bounds Fleet.JPerTH from below: 1 J/TH, an order of magnitude
// more efficient than the best machines of 2025 (about 10–15 J/TH; a
// judgement). A fleet far more efficient than that would carry a hashrate
// that swamps the network's (1e-300 J/TH made the hashprice NaN at the end
// of a run).
const minJPerTH = 1
