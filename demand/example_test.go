package demand_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/carveout/carveout/demand"
)

// Example builds a Pakistan-like year from monthly average loads and
// typical-day shapes, then draws one trial with every noise on.
func Example() {
	// Typical-day shapes (fraction of the daily peak, hours 0–23 local
	// time): indicative synthetic shapes for summer (May–Sep) and winter
	// (Dec–Feb) from the project's research notes on Pakistan's grid
	// (confidence low: evening peak after sunset, midday rooftop-PV
	// trough; NTDC/NPCC reports in Business Recorder, 2025-07-29 and
	// 2025-09-22). Shoulder months use their average (a judgement).
	summer := []float64{.93, .91, .89, .87, .85, .83, .80, .77, .75, .74, .73, .72,
		.72, .72, .73, .75, .79, .85, .91, .96, .99, 1.00, .99, .96}
	winter := []float64{.70, .66, .63, .62, .62, .65, .72, .80, .82, .78, .72, .68,
		.66, .66, .67, .70, .78, .92, 1.00, .99, .95, .89, .82, .76}
	shoulder := make([]float64, 24)
	for j := range shoulder {
		shoulder[j] = (summer[j] + winter[j]) / 2
	}
	shapes := [][]float64{winter, winter, shoulder, shoulder, summer, summer,
		summer, summer, summer, shoulder, shoulder, winter}
	// Average load by month (MW), CPPA-G system, FY25 (Jul 2024 – Jun
	// 2025; monthly generation from AHL/Topline analyses of NEPRA data,
	// January first). A month's peak is its average over the shape's
	// mean.
	avg := []float64{10957, 10335, 11302, 14601, 17144, 19089, 20000, 17714, 17343, 13793, 11156, 10484}
	peaks := make([]float64, 12)
	for m, row := range shapes {
		mean := 0.0
		for _, v := range row {
			mean += v / 24
		}
		peaks[m] = avg[m] / mean
	}
	model := demand.Model{
		Base: demand.Base{Parametric: &demand.Parametric{
			MonthlyPeakMW: peaks,
			WeekdayShape:  shapes,
			WeekendFactor: 0.95,                        // a judgement
			WeekendDays:   []time.Weekday{time.Sunday}, // the main rest day
			StartWeekday:  time.Wednesday,              // 1 January 2025
		}},
		LFU:     demand.LFU{Sigma: 0.04},                // judgement
		Weather: demand.Weather{Sigma: 0.04, Phi: 0.97}, // facts: σ ≈ 3–5%
		HeatWave: demand.HeatWave{ // all judgements
			RatePerMonth:  []float64{0, 0, 0, 0, 0.5, 1, 0.5, 0, 0, 0, 0, 0},
			MeanDays:      4,
			LoadRise:      0.08,
			ThermalDerate: 0.05,
		},
	}
	g, err := demand.New(model, demand.HoursPerYear)
	if err != nil {
		fmt.Println(err)
		return
	}
	base := g.Base()
	fmt.Printf("base: peak %.0f MW, energy %.1f TWh\n", slices.Max(base), sum(base)/1e6)

	// In a Monte Carlo run each trial's streams come from (seed, trial,
	// component name); here, plain PCG seeds.
	for trial := range uint64(3) {
		s, err := g.Sample(demand.Streams{
			LFU:      rand.New(rand.NewPCG(trial, 1)),
			Weather:  rand.New(rand.NewPCG(trial, 2)),
			HeatWave: rand.New(rand.NewPCG(trial, 3)),
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("trial %d: LFU scale %.3f, energy %.1f TWh, peak %.1f GW, %d heat waves (%d h)\n",
			trial, s.LFUScale, sum(s.Load)/1e6, slices.Max(s.Load)/1e3, len(s.HeatWaves), s.HeatWaveHours)
	}
	// Output:
	// base: peak 23810 MW, energy 127.2 TWh
	// trial 0: LFU scale 0.980, energy 125.0 TWh, peak 25.3 GW, 2 heat waves (249 h)
	// trial 1: LFU scale 1.036, energy 133.2 TWh, peak 28.5 GW, 5 heat waves (398 h)
	// trial 2: LFU scale 0.957, energy 122.0 TWh, peak 24.8 GW, 2 heat waves (59 h)
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// ExampleMarginal computes, without sampling, the chance that one hour's
// load exceeds a level and the expected excess, and the expected number
// of hours in a year above 110% of the base load.
func ExampleMarginal() {
	m := demand.Model{
		Base:    demand.Base{Parametric: &demand.Parametric{MonthlyPeakMW: []float64{10, 10, 11, 12, 14, 15, 15, 14, 13, 12, 11, 10}, WeekdayShape: [][]float64{slices.Repeat([]float64{1}, 24)}}},
		LFU:     demand.LFU{Sigma: 0.02, MonthlySigma: 0.03},
		Weather: demand.Weather{Sigma: 0.04, Phi: 0.98},
	}
	g, err := demand.New(m, 8760)
	if err != nil {
		fmt.Println(err)
		return
	}
	mg := g.Marginal()
	p, e := mg.Tail(4000, 16.5) // an hour of June, base 15 MW
	fmt.Printf("P(load > 16.5 MW) = %.4f, E[excess] = %.5f MW\n", p, e)
	base := g.Base()
	hours := 0.0
	for h, b := range base {
		p, _ := mg.Tail(h, 1.1*b)
		hours += p
	}
	fmt.Printf("hours a year above 110%% of base: %.1f\n", hours)
	// Output:
	// P(load > 16.5 MW) = 0.0357, E[excess] = 0.01267 MW
	// hours a year above 110% of base: 312.6
}
