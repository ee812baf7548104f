package mining

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/carveout/carveout/internal/misuse"
)

// TestAPIMisuse calls the package's exported functions and methods with
// bad values: each must return an error (or a NaN), never panic, unless
// its doc comment says the call is a programming error.
func TestAPIMisuse(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	sim := func(f func(*Model), hours int) func() error {
		return func() error {
			m := Defaults()
			m.Fleet.MW = 10
			f(&m)
			_, err := NewSimulator(m, hours)
			return err
		}
	}
	s, err := NewSimulator(Defaults(), 48)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	R, A := misuse.Refuse, misuse.Accept
	cases := []misuse.Case{
		R("NewSimulator(Model{}, 48)", func() error { _, err := NewSimulator(Model{}, 48); return err }),
		R("NewSimulator(m, 0)", sim(func(*Model) {}, 0)),
		R("NewSimulator(m, -1)", sim(func(*Model) {}, -1)),
		R("NewSimulator(m, 87601)", sim(func(*Model) {}, 87_601)),
		R("NewSimulator(price NaN)", sim(func(m *Model) { m.Price.InitialUSD = nan }, 48)),
		R("NewSimulator(price -1)", sim(func(m *Model) { m.Price.InitialUSD = -1 }, 48)),
		R("NewSimulator(volatility Inf)", sim(func(m *Model) { m.Price.Volatility = inf }, 48)),
		R("NewSimulator(price kind bogus)", sim(func(m *Model) { m.Price.Kind = "bogus" }, 48)),
		R("NewSimulator(fees kind bogus)", sim(func(m *Model) { m.Fees.Kind = "bogus" }, 48)),
		R("NewSimulator(fleet MW -1)", sim(func(m *Model) { m.Fleet.MW = -1 }, 48)),
		R("NewSimulator(fleet J/TH 0)", sim(func(m *Model) { m.Fleet.JPerTH = 0 }, 48)),
		R("NewSimulator(fleet PUE 0.5)", sim(func(m *Model) { m.Fleet.PUE = 0.5 }, 48)),
		R("NewSimulator(tariff by hour of 23)", sim(func(m *Model) { m.Fleet.TariffByHour = make([]float64, 23) }, 48)),
		R("NewSimulator(tariff NaN)", sim(func(m *Model) { m.Fleet.TariffUSDPerMWh = nan }, 48)),
		R("Model{}.Validate()", func() error { return Model{}.Validate() }),
		R("DecodeModel(nil)", func() error { _, err := DecodeModel(nil); return err }),
		R("DecodeModel(empty)", func() error { _, err := DecodeModel(strings.NewReader("")); return err }),
		R("DecodeModel(unknown field)", func() error { _, err := DecodeModel(strings.NewReader(`{"bogus":1}`)); return err }),
		R("Simulator.Run(Streams{})", func() error { _, err := s.Run(Streams{}); return err }),
		R("Simulator.Run(no block stream)", func() error { _, err := s.Run(Streams{Price: r, Jumps: r, Fees: r}); return err }),
		A("Simulator.Run(streams)", func() error { _, err := s.Run(Streams{Price: r, Jumps: r, Fees: r, Blocks: r}); return err }),
		A("Path{}.FleetUtilisationTotal()", func() error { return misuse.NaN((&Path{}).FleetUtilisationTotal()) }),
		R("BlockRate(NaN, 1)", func() error { return misuse.NaN(BlockRate(nan, 1)) }),
		R("BlockRate(1, 0)", func() error { return misuse.NaN(BlockRate(1, 0)) }),
		R("BlockRate(1, -1)", func() error { return misuse.NaN(BlockRate(1, -1)) }),
		R("BlockRate(-1, 1)", func() error { return misuse.NaN(BlockRate(-1, 1)) }),
		R("Hashprice(0, 1, 1)", func() error { return misuse.NaN(Hashprice(0, 1, 1)) }),
		R("Hashprice(-1, 1, 1)", func() error { return misuse.NaN(Hashprice(-1, 1, 1)) }),
		R("Hashprice(1, NaN, 1)", func() error { return misuse.NaN(Hashprice(1, nan, 1)) }),
		R("Hashprice(1, -1, 1)", func() error { return misuse.NaN(Hashprice(1, -1, 1)) }),
		R("NetworkHashrate(-1)", func() error { return misuse.NaN(NetworkHashrate(-1)) }),
		R("NetworkHashrate(NaN)", func() error { return misuse.NaN(NetworkHashrate(nan)) }),
		R("Retarget(1, NaN)", func() error { return misuse.NaN(Retarget(1, nan)) }),
		R("Retarget(-1, 600)", func() error { return misuse.NaN(Retarget(-1, 600)) }),
		R("ClampTimespan(NaN)", func() error { return misuse.NaN(ClampTimespan(nan)) }),
		A("ClampTimespan(-1)", func() error { return misuse.NaN(ClampTimespan(-1)) }),
		R("RevenuePerMWh(1, 0, 1)", func() error { return misuse.NaN(RevenuePerMWh(1, 0, 1)) }),
		R("RevenuePerMWh(1, 17.5, 0.5)", func() error { return misuse.NaN(RevenuePerMWh(1, 17.5, 0.5)) }),
		R("RevenuePerMWh(1, -1, 1)", func() error { return misuse.NaN(RevenuePerMWh(1, -1, 1)) }),
		A("Subsidy(-1)", func() error { _ = Subsidy(-1); return nil }),
		A("Subsidy(MaxInt64)", func() error { _ = Subsidy(math.MaxInt64); return nil }),
		A("SubsidyBTC(-1)", func() error { _ = SubsidyBTC(-1); return nil }),
		A("HalvingHeight(-1)", func() error { _ = HalvingHeight(-1); return nil }),
		A("HalvingHeight(MaxInt)", func() error { _ = HalvingHeight(math.MaxInt); return nil }),
		R("Fleet{}.HashrateTHs()", func() error { return misuse.NaN(Fleet{MW: 1}.HashrateTHs()) }),
		R("Fleet{PUE: -1}.HashrateTHs()", func() error { return misuse.NaN(Fleet{MW: 1, JPerTH: 17.5, PUE: -1}.HashrateTHs()) }),
	}
	misuse.Check(t, cases)
}
