package study

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/carveout/carveout/input"
)

// TestEconomicsValidation checks that each bad price of the economics
// section is refused naming its path in the scenario document.
func TestEconomicsValidation(t *testing.T) {
	good := Economics{Currency: "PKR", PerUSD: 283, TariffPerMWh: 22980, PurchasePricePerMWh: 25980,
		ConsumerTariffPerMWh: 34010, VOLLPerMWh: 100000, Sources: map[string]string{"tariff_per_mwh": "a source"}}
	for _, c := range []struct {
		edit func(*Economics)
		path string
	}{
		{func(e *Economics) { e.Currency = "Rs" }, "economics.currency"},
		{func(e *Economics) { e.PerUSD = 0 }, "economics.per_usd"},
		{func(e *Economics) { e.TariffPerMWh = -1 }, "economics.tariff_per_mwh"},
		{func(e *Economics) { e.PurchasePricePerMWh = math.NaN() }, "economics.purchase_price_per_mwh"},
		{func(e *Economics) { e.ConsumerTariffPerMWh = math.Inf(1) }, "economics.consumer_tariff_per_mwh"},
		{func(e *Economics) { e.VOLLPerMWh = -5 }, "economics.voll_per_mwh"},
		{func(e *Economics) { e.Sources = map[string]string{"tarif_per_mwh": "x"} }, "economics.sources"},
	} {
		sc := smallScenario(make([]float64, 24), 0)
		e := good
		c.edit(&e)
		sc.Economics = &e
		err := sc.Validate()
		var fe *input.FieldError
		if !errors.As(err, &fe) || fe.Path != c.path {
			t.Errorf("%s: got %v, want a FieldError at %s", c.path, err, c.path)
		}
	}
	sc := smallScenario(make([]float64, 24), 0)
	sc.Economics = &good
	if err := sc.Validate(); err != nil {
		t.Errorf("good economics refused: %v", err)
	}
	if _, err := DecodeScenario(strings.NewReader(`{"fleet":[{"name":"g","capacity_mw":10,"mttf_h":100,"mttr_h":10}],
		"demand":{"base":{"hourly_mw":[5]}},"hours":1,"economics":{"currency":"PKR","per_usd":283,"tarif_per_mwh":1}}`)); err == nil ||
		!strings.Contains(err.Error(), "economics.tarif_per_mwh") {
		t.Errorf("misspelt field: got %v, want an error naming economics.tarif_per_mwh", err)
	}
}
