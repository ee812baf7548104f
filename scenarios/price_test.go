package scenarios

import (
	"testing"
)

// TestPakistanFleetPriced checks that every unit of the Pakistan scenario
// carries its technology's marginal cost, CO₂ intensity and fuel group,
// that the merit order they make is the one NEPRA describes (hydro, wind
// and solar; nuclear; Thar; imported coal and local gas; RLNG; furnace
// oil), and that the scenario's economics are the parameters' rupee
// prices per MWh.
func TestPakistanFleetPriced(t *testing.T) {
	sc, err := Pakistan2025()
	if err != nil {
		t.Fatal(err)
	}
	econ := loadEcon(t)
	worst := map[string]float64{} // each fuel group's dearest unit
	cheapest := map[string]float64{}
	for _, u := range sc.Fleet {
		c, ok := econ.cost(u.Technology, u.Name)
		if !ok {
			t.Fatalf("unit %q (%s) has no economics row", u.Name, u.Technology)
		}
		if u.Fuel != c.FuelGroup || u.CO2TPerMWh != c.CO2TPerMWh {
			t.Errorf("unit %q: fuel %q, CO2 %v; economics.csv says %q, %v", u.Name, u.Fuel, u.CO2TPerMWh, c.FuelGroup, c.CO2TPerMWh)
		}
		if d := u.CostPerMWh - c.MarginalRsPerKWh*1000; d > 5e-4 || d < -5e-4 {
			t.Errorf("unit %q: cost %v Rs/MWh, economics.csv %v Rs/kWh", u.Name, u.CostPerMWh, c.MarginalRsPerKWh)
		}
		if w, ok := worst[u.Fuel]; !ok || u.CostPerMWh > w {
			worst[u.Fuel] = u.CostPerMWh
		}
		if w, ok := cheapest[u.Fuel]; !ok || u.CostPerMWh < w {
			cheapest[u.Fuel] = u.CostPerMWh
		}
	}
	order := []string{"hydro", "nuclear", "coal_thar", "coal_imported", "rlng", "furnace_oil"}
	for i := 1; i < len(order); i++ {
		a, b := order[i-1], order[i]
		if _, ok := worst[a]; !ok {
			t.Fatalf("no unit burns %s", a)
		}
		if worst[a] > cheapest[b] {
			t.Errorf("merit order: %s's dearest unit (%v Rs/MWh) above %s's cheapest (%v)", a, worst[a], b, cheapest[b])
		}
	}
	e := sc.Economics
	if e == nil || e.Currency != "PKR" || e.TariffPerMWh != 22980 || e.PurchasePricePerMWh != 25980 || e.ConsumerTariffPerMWh != 34010 || e.PerUSD != 283 {
		t.Errorf("economics %+v, want PKR, tariff 22,980, purchase price 25,980, consumer tariff 34,010 Rs/MWh, 283 Rs/USD", e)
	}
}
