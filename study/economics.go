package study

import (
	"fmt"
	"math"
	"strconv"

	"github.com/carveout/carveout/input"
)

// Economics holds the money side of a study: the prices against which
// the carve-out's energy is valued and its subsidy measured. The fleet's
// units carry their own marginal costs and CO₂ intensities
// ([grid.Unit.CostPerMWh], [grid.Unit.CO2TPerMWh]), in Currency per MWh.
// Every price is per MWh in Currency. Sources cite where each number
// comes from, by its JSON name; a number that is a judgement says so
// there.
type Economics struct {
	// Currency is the ISO 4217 code of every price and of the units'
	// costs ("PKR").
	Currency string `json:"currency"`
	// PerUSD is the exchange rate, Currency per US dollar, for reporting
	// in dollars and for the miners' revenue (earned in dollars).
	PerUSD float64 `json:"per_usd"`
	// TariffPerMWh is what the carve-out pays for its energy.
	TariffPerMWh float64 `json:"tariff_per_mwh"`
	// PurchasePricePerMWh is the average power purchase price, capacity
	// charges included: the cost of service the subsidy is measured
	// against in the second of its three measures.
	PurchasePricePerMWh float64 `json:"purchase_price_per_mwh"`
	// ConsumerTariffPerMWh is the full consumer tariff (distribution
	// margin and losses included): the third benchmark.
	ConsumerTariffPerMWh float64 `json:"consumer_tariff_per_mwh"`
	// VOLLPerMWh is the value of lost load, the cost to other customers
	// of each MWh they are shed.
	VOLLPerMWh float64 `json:"voll_per_mwh"`
	// Sweep, if set, dispatches every case of the sweep too, so that
	// each point reports its cost and emissions ([SweepPoint.Cost]) and
	// sites compare with paired intervals. Each case costs a pass of
	// dispatch over the horizon; without it only the main case is
	// dispatched.
	Sweep bool `json:"sweep,omitempty"`
	// Sources cite each number by its JSON name ("tariff_per_mwh").
	Sources map[string]string `json:"sources,omitempty"`
}

// validate checks every price: finite and >= 0, the exchange rate and
// tariff positive, and a three-letter currency.
func (e *Economics) validate() error {
	if !currencyCode(e.Currency) {
		return input.Field("currency", strconv.Quote(e.Currency), `an ISO 4217 code: three capital letters ("PKR")`)
	}
	for _, f := range []struct {
		name     string
		v        float64
		positive bool
	}{
		{"per_usd", e.PerUSD, true},
		{"tariff_per_mwh", e.TariffPerMWh, false},
		{"purchase_price_per_mwh", e.PurchasePricePerMWh, false},
		{"consumer_tariff_per_mwh", e.ConsumerTariffPerMWh, false},
		{"voll_per_mwh", e.VOLLPerMWh, false},
	} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) || f.v < 0 || (f.positive && f.v == 0) {
			want := "finite and >= 0"
			if f.positive {
				want = "finite and > 0"
			}
			return input.Field(f.name, f.v, want)
		}
	}
	known := map[string]bool{"currency": true, "per_usd": true, "tariff_per_mwh": true, "purchase_price_per_mwh": true,
		"consumer_tariff_per_mwh": true, "voll_per_mwh": true}
	for k := range e.Sources {
		if !known[k] {
			return input.Field("sources", strconv.Quote(k), fmt.Sprintf("keys naming fields of economics (%q is not one)", k))
		}
	}
	return nil
}

// currencyCode reports whether c is three capital ASCII letters.
func currencyCode(c string) bool {
	if len(c) != 3 {
		return false
	}
	for i := range 3 {
		if c[i] < 'A' || c[i] > 'Z' {
			return false
		}
	}
	return true
}
