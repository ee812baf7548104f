package mining

// Default fleet parameters.
const (
	// DefaultCarveOutMW is the size of the carve-out announced on
	// 2025-05-25 for Bitcoin mining and AI data centres
	// (arabnews.pk/node/2602076). [Defaults] gives all of it to the fleet;
	// no split was published.
	DefaultCarveOutMW = 2000.0

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

	// DefaultTariffUSDPerMWh is the electricity tariff: the Roshan
	// Maeeshat incremental rate of Rs22.98/kWh (Nov 2025–Oct 2028,
	// newztodays.com) at ~Rs283/USD (derived from the industrial tariff of
	// Rs44.7/kWh = 15.8¢, Oct 2025): 22.98/283 × 1000 ≈ $81.2/MWh. Whether
	// miners qualify for it is unclear; the Power Division had floated
	// Rs22–23/kWh for them (cwpakistan.com, Nov 2024).
	DefaultTariffUSDPerMWh = 22.98 / 283 * 1000
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
// ambient; hackernoon S21 review) is not modelled: it would need hourly temperatures, which this
// package does not have.
type Fleet struct {
	// MW is the grid draw when running. Zero means no fleet (there is no
	// default; [Defaults] sets DefaultCarveOutMW).
	MW float64 `json:"mw,omitempty"`
	// JPerTH is the machines' efficiency in J/TH (W per TH/s). Zero means
	// DefaultJPerTH (17.5, S21).
	JPerTH float64 `json:"j_per_th,omitempty"`
	// PUE is the facility's power usage effectiveness, ≥ 1. Zero means
	// DefaultFleetPUE (1.05).
	PUE float64 `json:"pue,omitempty"`
	// TariffUSDPerMWh is the electricity tariff. Zero means
	// DefaultTariffUSDPerMWh (≈ $81.2/MWh, Rs22.98/kWh).
	TariffUSDPerMWh float64 `json:"tariff_usd_per_mwh,omitempty"`
	// TariffByHour, if set, gives the tariff for each hour of the day
	// (24 values, $/MWh, hour 0 = midnight) and overrides TariffUSDPerMWh,
	// e.g. for peak-hour pricing.
	TariffByHour []float64 `json:"tariff_by_hour,omitempty"`
	// OtherUSDPerMWh is any other variable cost per MWh that running must
	// cover (hosting, maintenance). Zero, the default, counts electricity
	// only (judgement).
	OtherUSDPerMWh float64 `json:"other_usd_per_mwh,omitempty"`
	// Economic makes the fleet run only in hours when revenue covers cost.
	// False, the default, means it always runs.
	Economic bool `json:"economic,omitempty"`
}

func (f Fleet) withDefaults() Fleet {
	if f.JPerTH == 0 {
		f.JPerTH = DefaultJPerTH
	}
	if f.PUE == 0 {
		f.PUE = DefaultFleetPUE
	}
	if f.TariffUSDPerMWh == 0 {
		f.TariffUSDPerMWh = DefaultTariffUSDPerMWh
	}
	return f
}

// HashrateTHs returns the fleet's hashrate when running, in TH/s:
// MW·10⁶/(J/TH·PUE). Defaults are not applied; call it on a model returned
// by [Model.WithDefaults].
func (f Fleet) HashrateTHs() float64 {
	return f.MW * 1e6 / (f.JPerTH * f.PUE)
}

// costPerMWh returns the cost the fleet must cover in hour-of-day h.
func (f Fleet) costPerMWh(h int) float64 {
	if len(f.TariffByHour) == 24 {
		return f.TariffByHour[h] + f.OtherUSDPerMWh
	}
	return f.TariffUSDPerMWh + f.OtherUSDPerMWh
}
