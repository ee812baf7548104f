package study

import (
	"testing"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/internal/gridtest"
	"github.com/carveout/carveout/mining"
	"github.com/carveout/carveout/montecarlo"
)

// benchStudy measures one paired trial-year of a study on one goroutine:
// outages, demand and the mining path drawn once, the baseline and every
// carve-out case scored on them, the outcome added to the accumulator.
func benchStudy(b *testing.B, sc *Scenario) {
	st, w := studyWorker(b, sc)
	acc := st.NewAccumulator()
	var i int64
	b.ReportAllocs()
	for b.Loop() {
		if err := w.trial(montecarlo.Trial{Seed: 1, Index: i}, acc); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "trial-years/s")
}

// BenchmarkStudyTrial is one paired trial-year of the synthetic 300-unit,
// 40 GW fleet with stochastic demand (load forecast uncertainty, AR(1)
// weather, heat waves derating thermal units) and a 2,000 MW carve-out of
// economic miners and AI load, firm: the target is 5,000
// trial-years/s on one core with no allocation per trial.
func BenchmarkStudyTrial(b *testing.B) {
	sys := gridtest.Fleet300(b)
	sc := &Scenario{
		Name:    "fleet300-study",
		Hours:   len(sys.Load),
		Classes: []grid.Class{{Name: "thermal", HeatDerate: true}},
		Demand: demand.Model{
			Base:    demand.Base{HourlyMW: sys.Load},
			LFU:     demand.LFU{Sigma: 0.02},
			Weather: demand.Weather{Sigma: 0.03, Phi: 0.95},
			HeatWave: demand.HeatWave{
				RatePerMonth: []float64{0, 0, 0, 0.2, 0.8, 0.8, 0.3, 0.1, 0.1, 0, 0, 0},
				MeanDays:     5, Shape: 2, LoadRise: 0.06, ThermalDerate: 0.05,
			},
		},
		Carveout: Carveout{MW: 2000, MiningShare: 0.5, Mining: mining.Defaults()},
	}
	// Economic miners at Pakistan's Roshan Maeeshat tariff (Rs22.98/kWh at
	// Rs283/USD), near breakeven, so that they switch on and off.
	sc.Carveout.Mining.Fleet.Economic = true
	const kWhPerMWh = 1000
	sc.Carveout.Mining.Fleet.TariffUSDPerMWh = 22.98 / 283 * kWhPerMWh // Rs/kWh ÷ Rs/USD
	for k, u := range sys.Units {
		fu := FleetUnit{Unit: u}
		if k%2 == 0 {
			fu.Class = "thermal"
		}
		sc.Fleet = append(sc.Fleet, fu)
	}
	b.Run("Fleet300", func(b *testing.B) { benchStudy(b, sc) })
	sweep := *sc
	sweep.Sweep = Sweep{SizesMW: []float64{0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000},
		Policies: []Policy{{Kind: Firm}, {Kind: Interruptible, NoticeHours: 1, Compliance: 0.9, MaxCurtailedHours: 500}}}
	b.Run("Fleet300Sweep18", func(b *testing.B) { benchStudy(b, &sweep) })
}
