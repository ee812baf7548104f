package plots_test

import (
	"math"
	"math/rand/v2"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/plots"
)

// Synthetic but realistic inputs for the examples, computed from closed
// forms so that the golden images depend on no random stream. The shapes
// are judgements meant to look like a study's output, not results.

// riskTrials is the number of trial-years behind each synthetic estimate.
const riskTrials = 2000

// exampleRisk returns risk curves for a firm and an interruptible
// carve-out at 0, 250, ..., 4000 MW, as a sweep with riskTrials trials per
// size would report them.
func exampleRisk() []plots.RiskSeries {
	policies := []struct {
		label string
		scale float64 // size (MW) at which P = 1 − 1/e
		lole  float64 // ΔLOLE at 2,000 MW, h/yr
		eue   float64 // ΔEUE at 2,000 MW, MWh/yr
	}{
		{"firm", 1900, 55, 46000},
		{"interruptible (2 h notice, 80% compliance)", 3300, 14, 9000},
	}
	var out []plots.RiskSeries
	for _, pol := range policies {
		s := plots.RiskSeries{Label: pol.label}
		for mw := 0.0; mw <= 4000; mw += 250 {
			p := 1 - math.Exp(-math.Pow(mw/pol.scale, 1.6))
			k := int64(math.Round(p * riskTrials))
			prop := montecarlo.Proportion{N: riskTrials, K: k}
			s.SizesMW = append(s.SizesMW, mw)
			s.P = append(s.P, prop.Estimate())

			lole := pol.lole * math.Pow(mw/2000, 1.7)
			se := 0.06*lole + 0.02*math.Sqrt(lole) // judgement: ~6% relative error
			s.DeltaLOLE = append(s.DeltaLOLE, montecarlo.Estimate{
				Mean: lole, SE: se, Lo: lole - 1.96*se, Hi: lole + 1.96*se,
			})

			// ΔEUE grows faster than ΔLOLE: a larger carve-out deepens
			// the shortfalls as well as adding hours (a judgement).
			eue := pol.eue * math.Pow(mw/2000, 2.4)
			se = 0.08*eue + 0.5*math.Sqrt(eue)
			s.DeltaEUE = append(s.DeltaEUE, montecarlo.Estimate{
				Mean: eue, SE: se, Lo: eue - 1.96*se, Hi: eue + 1.96*se,
			})
		}
		out = append(out, s)
	}
	return out
}

// exampleHeat returns the probability that each month × hour has shedding
// caused by the carve-out: highest on summer evenings (peak demand, after
// solar output falls), with a smaller winter-evening shoulder when hydro
// is low, and near zero at night and midday (judgements shaped on
// Pakistan's summer peak and winter hydro low: monthly_peaks.csv and
// monthly_energy.csv in scenarios/pakistan2025).
func exampleHeat() [12][24]float64 {
	var p [12][24]float64
	for m := range p {
		summer := math.Exp(-math.Pow((float64(m)-6.2)/1.7, 2))
		winter := 0.25 * math.Exp(-math.Pow(math.Min(float64(m), 12-float64(m))/1.2, 2))
		for h := range p[m] {
			evening := math.Exp(-math.Pow((float64(h)-20.5)/2.0, 2))
			afternoon := 0.35 * math.Exp(-math.Pow((float64(h)-15)/2.5, 2))
			p[m][h] = 0.12*summer*(evening+afternoon) + 0.06*winter*evening
		}
	}
	return p
}

// exampleEUE returns histograms of log10(1 + EUE/MWh) over 5,000
// simulated years without and with the carve-out: some years without any
// shortfall, the rest log-normal (judgements; drawn from a fixed PCG
// stream so the picture never changes).
func exampleEUE() (baseline, carveout *montecarlo.Histogram) {
	r := rand.New(rand.NewPCG(2025, 2000))
	draw := func(pZero, median, sigma float64) *montecarlo.Histogram {
		h, err := montecarlo.NewHistogram(0, 6, 48)
		if err != nil {
			panic(err)
		}
		for range 5000 {
			eue := 0.0
			if r.Float64() >= pZero {
				eue = median * math.Exp(sigma*r.NormFloat64())
			}
			h.Add(math.Log10(1 + eue))
		}
		return h
	}
	return draw(0.18, 2500, 1.1), draw(0.04, 30000, 0.9)
}

// exampleFan returns weekly fans of the BTC price and hashprice over a
// year and the fleet's mean utilisation, from closed forms: the price is a
// driftless geometric Brownian motion from $68,000 with 50% annual
// volatility; hashprice starts at $30/PH/day (both on 19 February 2026:
// btc.price_usd and btc.hashprice_usd_per_ph_day in
// scenarios/pakistan2025/parameters.csv, with their sources) and follows
// the price while difficulty grows 25% a year; half the fleet breaks even
// at $25/PH/day and half at $36/PH/day, and runs when hashprice covers it.
// The break-evens are round numbers around that file's $27.6–35.8/PH/day
// for 13.5–17.5 J/TH machines at the scenario's tariff; they, the
// volatility, the growth and the split are judgements.
func exampleFan() (weeks []float64, price, hashprice montecarlo.Quantiles, util []montecarlo.Estimate) {
	const (
		s0, hp0, sigma, growth = 68000.0, 30.0, 0.5, 0.25
		trials                 = 500 // trial-years behind the utilisation estimate
	)
	z := map[float64]float64{0.05: -1.6448536, 0.25: -0.6744898, 0.5: 0, 0.75: 0.6744898, 0.95: 1.6448536}
	add := func(q *montecarlo.Quantiles, f func(z float64) float64) {
		q.P5 = append(q.P5, f(z[0.05]))
		q.P25 = append(q.P25, f(z[0.25]))
		q.P50 = append(q.P50, f(z[0.5]))
		q.P75 = append(q.P75, f(z[0.75]))
		q.P95 = append(q.P95, f(z[0.95]))
	}
	normCDF := func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
	for w := 0; w <= 52; w++ {
		t := float64(w) / 52
		sd := sigma * math.Sqrt(t)
		logRatio := func(z float64) float64 { return -sigma*sigma*t/2 + z*sd }
		weeks = append(weeks, float64(w))
		add(&price, func(z float64) float64 { return s0 * math.Exp(logRatio(z)) })
		add(&hashprice, func(z float64) float64 { return hp0 * math.Exp(logRatio(z)-growth*t) })
		// P(hashprice > breakeven) for each half of the fleet.
		run := func(breakeven float64) float64 {
			m := math.Log(hp0/breakeven) - growth*t - sigma*sigma*t/2
			if sd == 0 {
				if m > 0 {
					return 1
				}
				return 0
			}
			return normCDF(m / sd)
		}
		u := 0.5*run(25) + 0.5*run(36)
		se := math.Sqrt(u * (1 - u) / trials)
		util = append(util, montecarlo.Estimate{Mean: u, SE: se, Lo: u - 1.96*se, Hi: u + 1.96*se})
	}
	return weeks, price, hashprice, util
}

// exampleConvergence runs a stand-in for the study's headline proportion
// (a year has carve-out-caused shedding with probability 0.42, a
// judgement) through montecarlo.Proportion, recording the estimate at
// checkpoints from 50 to 20,000 trials.
func exampleConvergence() (trials []int64, est []montecarlo.Estimate) {
	r := rand.New(rand.NewPCG(7, 42))
	trials = []int64{50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000}
	var acc montecarlo.Proportion
	for _, n := range trials {
		for acc.N < n {
			acc.Add(r.Float64() < 0.42)
		}
		est = append(est, acc.Estimate())
	}
	return trials, est
}
