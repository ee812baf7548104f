package mining

import (
	"math"
	"testing"
)

// The published hashprice figures are quoted to whole dollars per PH/day,
// so "within rounding" means within ±$0.5/PH/day of the quoted bounds.
const publishedRounding = 0.5

func TestHashpriceKnownDays(t *testing.T) {
	for _, c := range []struct {
		name       string
		difficulty float64
		price      float64
		height     int64
		feeShare   float64
		lo, hi     float64 // published $/PH/day
	}{
		// 7 Feb 2026: retarget to 125.86T at block 935,424, BTC ~$69.5k,
		// hashprice ~$32–35/PH/day, a record low (cryptodailycheck.com;
		// btc-newswire.com). Subsidy only:
		// 86400e12/(125.86e12·2³²) × 3.125 × 69,500 × 1000 = $34.71/PH/day.
		{"7 Feb 2026", 125.86e12, 69_500, 935_424, 0, 32, 35},
		// With the 2025 average fee share of 1.1% (hashlabs.io): $35.10.
		{"7 Feb 2026 with fees", 125.86e12, 69_500, 935_424, 0.011, 32, 35},
		// 19 Feb 2026: 144.4T, ~$68k (phemex.com; coinvamp.com), ~$30/PH/day
		// (derived from those; press: "falling below $30"): $29.60.
		{"19 Feb 2026", 144.4e12, 68_000, 937_440, 0, 30, 30},
	} {
		perBlock := SubsidyBTC(c.height) / (1 - c.feeShare)
		hp := Hashprice(c.difficulty, c.price, perBlock) * 1000
		// Independent route: the network's revenue per day divided by the
		// hashrate implied by the difficulty, in PH/s.
		revenue := blocksPerDay * perBlock * c.price
		ph := NetworkHashrate(c.difficulty) / 1e15
		if alt := revenue / ph; !closeRel(hp, alt) {
			t.Errorf("%s: Hashprice = %.6f, revenue/hashrate = %.6f $/PH/day", c.name, hp, alt)
		}
		if hp < c.lo-publishedRounding || hp > c.hi+publishedRounding {
			t.Errorf("%s: hashprice = %.2f $/PH/day, published %v–%v", c.name, hp, c.lo, c.hi)
		}
	}
	if got := Hashprice(125.86e12, 69_500, 3.125) * 1000; math.Abs(got-34.7137) > 5e-5 {
		t.Errorf("Hashprice(125.86T, $69.5k, 3.125) = %.5f $/PH/day, want 34.7137", got)
	}
}

// Breakeven electricity prices, ¢/kWh, at $35 and $45/PH/day, worked out
// by hand as hashprice / (24 × J/TH) and quoted to 0.1¢, for nameplate
// efficiencies (S19j Pro and S19 XP: miningstore.com; S21: hackernoon S21
// review; S21 XP: btcminermarketplace.com).
func TestRevenuePerMWhBreakevens(t *testing.T) {
	for _, c := range []struct {
		name       string
		jPerTH     float64
		at35, at45 float64 // ¢/kWh
	}{
		{"S19j Pro", 29.5, 4.9, 6.4},
		{"S19 XP", 21.5, 6.8, 8.7},
		{"S21", 17.5, 8.3, 10.7},
		{"S21 XP", 13.5, 10.8, 13.9},
	} {
		for _, hc := range []struct{ hp, want float64 }{{35, c.at35}, {45, c.at45}} {
			// $/MWh ÷ 10 = ¢/kWh.
			got := RevenuePerMWh(hc.hp/1000, c.jPerTH, 1) / 10
			if math.Abs(got-hc.want) > 0.05 {
				t.Errorf("%s at $%v/PH/day: breakeven %.3f ¢/kWh, published %.1f", c.name, hc.hp, got, hc.want)
			}
		}
	}
}

// A scale check worked out by hand: 2,000 MW at Rs22.98/kWh (Rs283/USD)
// and $32.5/PH/day costs about $3.90M/day in power and earns about
// $3.71M/day with S21s and $4.81M/day with S21 XPs (quoted to $0.01M).
func TestFleetEconomicsScaleCheck(t *testing.T) {
	const mwh = 2000 * 24
	const tariff = 22.98 / 283 * 1000 // $/MWh
	if got := mwh * tariff / 1e6; math.Abs(got-3.90) > 0.005 {
		t.Errorf("power cost = $%.4fM/day, want $3.90M", got)
	}
	for _, c := range []struct {
		jPerTH float64
		want   float64
	}{{17.5, 3.71}, {13.5, 4.81}} {
		if got := mwh * RevenuePerMWh(0.0325, c.jPerTH, 1) / 1e6; math.Abs(got-c.want) > 0.005 {
			t.Errorf("revenue at %v J/TH = $%.4fM/day, want $%.2fM", c.jPerTH, got, c.want)
		}
	}
	// By hand: 2,000 MW at PUE 1 carries 93 (S19 XP), 114 (S21) and 148
	// (S21 XP) EH/s.
	for _, c := range []struct{ jPerTH, ehs float64 }{{21.5, 93}, {17.5, 114}, {13.5, 148}} {
		f := Fleet{MW: 2000, JPerTH: c.jPerTH, PUE: 1}
		if got := f.HashrateTHs() / 1e6; math.Abs(got-c.ehs) > 0.5 {
			t.Errorf("2,000 MW at %v J/TH = %.2f EH/s, want %v", c.jPerTH, got, c.ehs)
		}
	}
}
