package mining

import (
	"math"
	"testing"
)

// touTariff is a tariff by hour with an evening peak (17:00–21:00) priced
// at twice the off-peak rate.
func touTariff(offPeak float64) []float64 {
	t := make([]float64, 24)
	for h := range t {
		t[h] = offPeak
		if h >= 17 && h < 22 {
			t[h] = 2 * offPeak
		}
	}
	return t
}

// TestFleetRunsIffRevenueCoversCost checks, for every hour of several
// stochastic years, that an economic fleet draws its MW iff the revenue
// per MWh at that day's hashprice covers the hour's tariff plus other
// costs, and that both states occur. The tariff is set near breakeven.
func TestFleetRunsIffRevenueCoversCost(t *testing.T) {
	m := testModel()
	m.Fleet.Economic = true
	m.Fleet.OtherUSDPerMWh = 4
	m.Fleet.TariffByHour = touTariff(40)
	s, err := NewSimulator(m, 8760)
	if err != nil {
		t.Fatal(err)
	}
	f := s.Model().Fleet
	var on, off int
	for seed := range uint64(20) {
		p, err := s.Run(newStreams(seed))
		if err != nil {
			t.Fatal(err)
		}
		for h, mw := range p.FleetMW {
			rev := RevenuePerMWh(p.Hashprice[h/24], f.JPerTH, f.PUE)
			cost := f.TariffByHour[h%24] + f.OtherUSDPerMWh
			want := 0.0
			if rev >= cost {
				want = f.MW
				on++
			} else {
				off++
			}
			if mw != want {
				t.Fatalf("seed %d hour %d: fleet draws %v MW, revenue %.3f $/MWh, cost %.3f: want %v", seed, h, mw, rev, cost, want)
			}
		}
	}
	if on == 0 || off == 0 {
		t.Errorf("fleet on %d hours, off %d: the test needs both", on, off)
	}
}

// A fleet that is not economic runs every hour, even at a loss.
func TestFleetAlwaysRuns(t *testing.T) {
	m := testModel()
	m.Fleet.TariffUSDPerMWh = 1e4 // far above any revenue
	s, err := NewSimulator(m, 100)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Run(newStreams(1))
	if err != nil {
		t.Fatal(err)
	}
	for h, mw := range p.FleetMW {
		if mw != testFleetMW {
			t.Fatalf("hour %d: %v MW, want %v", h, mw, testFleetMW)
		}
	}
	if u := p.FleetUtilisationTotal(); u != 1 {
		t.Errorf("utilisation %v, want 1", u)
	}
	if p.FleetRevenueUSD >= p.FleetCostUSD {
		t.Errorf("revenue %v ≥ cost %v at a tariff of $10,000/MWh", p.FleetRevenueUSD, p.FleetCostUSD)
	}
}

// TestFleetTotals checks the path's totals against sums over its hourly
// and daily series.
func TestFleetTotals(t *testing.T) {
	m := testModel()
	m.Fleet.Economic = true
	m.Fleet.TariffByHour = touTariff(35)
	const hours = 8760 + 7 // a partial last day
	s, err := NewSimulator(m, hours)
	if err != nil {
		t.Fatal(err)
	}
	f := s.Model().Fleet
	p, err := s.Run(newStreams(3))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.FleetMW) != hours || len(p.PriceUSD) != 366 {
		t.Fatalf("lengths: %d hourly, %d daily", len(p.FleetMW), len(p.PriceUSD))
	}
	var rev, cost, energy, btc float64
	for h, mw := range p.FleetMW {
		d := h / 24
		rev += mw * RevenuePerMWh(p.Hashprice[d], f.JPerTH, f.PUE)
		cost += mw * f.TariffByHour[h%24]
		energy += mw
		btc += mw * RevenuePerMWh(p.Hashprice[d]/p.PriceUSD[d], f.JPerTH, f.PUE)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"revenue", p.FleetRevenueUSD, rev},
		{"cost", p.FleetCostUSD, cost},
		{"energy", p.FleetEnergyMWh, energy},
		{"btc", p.FleetBTC, btc},
	} {
		if math.Abs(c.got-c.want) > 1e-9*math.Abs(c.want) {
			t.Errorf("%s = %v, sum of series = %v", c.name, c.got, c.want)
		}
	}
	if energy == 0 || energy == f.MW*hours {
		t.Errorf("fleet energy %v MWh: the test needs a fleet that runs some hours", energy)
	}
	for d, u := range p.FleetUtilisation {
		h0, h1 := d*24, min(d*24+24, hours)
		var run int
		for _, mw := range p.FleetMW[h0:h1] {
			if mw > 0 {
				run++
			}
		}
		if u != float64(run)/float64(h1-h0) {
			t.Fatalf("day %d: utilisation %v, ran %d of %d hours", d, u, run, h1-h0)
		}
	}
}
