package mining

import "math"

// THPerPH is the number of TH/s in one PH/s: a hashprice in $/TH/day
// times THPerPH is in $/PH/day, the unit of reports and of the network's
// cost parameters.
const THPerPH = 1000

// Hashprice returns the expected revenue, in US dollars per TH/s per day, of
// mining at the given difficulty, BTC price (USD) and reward per block (BTC,
// subsidy plus fees):
//
//	BTC per TH/s per day = 86,400 · 10¹² / (D · 2³²) × reward per block
//	hashprice            = that × price.
//
// One TH/s finds 10¹²/(D·2³²) blocks per second in expectation, whatever the
// network hashrate; pools paying full-pay-per-share pay this expectation.
// Multiply by [THPerPH] for the $/PH/day figure that Luxor and the press
// quote.
// Example: 19 Feb 2026, D = 144.4T, $68,000, 3.125 BTC subsidy →
// $0.0296/TH/day ≈ $29.6/PH/day.
//
// It is NaN for a difficulty that is not positive, or a negative price or
// reward.
func Hashprice(difficulty, priceUSD, btcPerBlock float64) float64 {
	if !(difficulty > 0) || priceUSD < 0 || btcPerBlock < 0 {
		return math.NaN()
	}
	return secondsPerDay * 1e12 / (difficulty * two32) * btcPerBlock * priceUSD
}

// RevenuePerMWh returns the mining revenue, in US dollars per MWh drawn from
// the grid, of machines with efficiency jPerTH (J/TH, i.e. W per TH/s) in a
// facility with power usage effectiveness pue, at the given hashprice
// ($/TH/day). One grid MW carries 10⁶/(J/TH·PUE) TH/s, so
//
//	revenue per MWh = hashprice × 10⁶ / (J/TH · PUE) / 24.
//
// Equivalently the breakeven electricity price in $/kWh is
// hashprice($/PH/day) / (24 · J/TH · PUE).
//
// It is NaN for an efficiency that is not positive or a PUE below 1.
func RevenuePerMWh(hashprice, jPerTH, pue float64) float64 {
	if !(jPerTH > 0) || !(pue >= 1) {
		return math.NaN()
	}
	return hashprice * 1e6 / (jPerTH * pue) / 24
}
