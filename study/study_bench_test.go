package study

import (
	"testing"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/internal/gridtest"
	"github.com/carveout/carveout/montecarlo"
)

// benchStudy measures one paired trial-year of a study on one goroutine:
// outages, demand and the mining path drawn once, the baseline and every
// carve-out case scored on them, the outcome added to the accumulator.
func benchStudy(b *testing.B, sc *Scenario) {
	st, w := studyWorker(b, sc)
	acc := st.newState()
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
	sc := FromSystem(sys)
	sc.Name = "fleet300-study"
	sc.Classes = []grid.Class{{Name: "thermal", HeatDerate: true}}
	for k := range sc.Fleet {
		if k%2 == 0 {
			sc.Fleet[k].Class = "thermal"
		}
	}
	sc.Demand.LFU = demand.LFU{Sigma: 0.02}
	sc.Demand.Weather = demand.Weather{Sigma: 0.03, Phi: 0.95}
	sc.Demand.HeatWave = demand.HeatWave{
		RatePerMonth: []float64{0, 0, 0, 0.2, 0.8, 0.8, 0.3, 0.1, 0.1, 0, 0, 0},
		MeanDays:     5, Shape: 2, LoadRise: 0.06, ThermalDerate: 0.05,
	}
	sc.Carveout.MW, sc.Carveout.MiningShare = 2000, 0.5
	// Economic miners at Pakistan's Roshan Maeeshat tariff (Rs22.98/kWh at
	// Rs283/USD), near breakeven, so that they switch on and off.
	sc.Carveout.Mining.Fleet.Economic = true
	const kWhPerMWh = 1000
	sc.Carveout.Mining.Fleet.TariffUSDPerMWh = 22.98 / 283 * kWhPerMWh // Rs/kWh ÷ Rs/USD
	b.Run("Fleet300", func(b *testing.B) { benchStudy(b, sc) })
	sweep := *sc
	sweep.Sweep = Sweep{SizesMW: []float64{0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000},
		Policies: []Policy{{Kind: Firm}, {Kind: Interruptible, NoticeHours: 1, Compliance: 0.9, MaxCurtailedHours: 500}}}
	b.Run("Fleet300Sweep18", func(b *testing.B) { benchStudy(b, &sweep) })
}
