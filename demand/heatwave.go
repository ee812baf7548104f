package demand

import (
	"math"
	"math/rand/v2"

	"github.com/carveout/carveout/internal/hourcal"
	"github.com/carveout/carveout/internal/variate"
)

// heatWaves is a compiled [HeatWave] for one horizon.
type heatWaves struct {
	on bool
	// spans are the runs of hours with a positive arrival rate, in
	// order, with their rate per hour and the integrated rate before
	// each run.
	spans []rateSpan
	// total is the expected number of arrivals over the horizon.
	total float64
	// Durations are Gamma(shape, 1) draws scaled by theta hours: with
	// shape 1 (exponential durations, the default) one r.ExpFloat64 each,
	// else from durations.
	expDurations bool
	durations    variate.Gamma
	theta        float64
	shape        float64 // k
	rise         float64
	factor       float64 // 1 − ThermalDerate
	hours        int
}

// rateSpan is a run of hours [start, end) with arrival rate perHour and
// integrated rate cum before start.
type rateSpan struct {
	start, end   float64
	perHour, cum float64
}

func compileHeatWaves(hw HeatWave, hours int) heatWaves {
	c := heatWaves{on: hw.on(), hours: hours, rise: hw.LoadRise, factor: 1 - hw.ThermalDerate}
	if !c.on {
		return c
	}
	for _, ms := range hourcal.MonthSpans(hours) {
		rate := hw.RatePerMonth[ms.Month]
		if rate == 0 {
			continue
		}
		per := rate / float64(24*hourcal.DaysInMonth(ms.Month))
		c.spans = append(c.spans, rateSpan{start: float64(ms.Start), end: float64(ms.End), perHour: per, cum: c.total})
		c.total += per * float64(ms.End-ms.Start)
	}
	k := hw.shape()
	c.expDurations = k == 1
	c.durations = variate.NewGamma(k)
	c.theta = 24 * hw.MeanDays / k
	c.shape = k
	return c
}

// draw fills dst.HeatWaves from r: first the arrival times, as the jumps
// of a unit-rate Poisson process mapped through the inverse of the
// integrated rate (one exponential per arrival plus one past the horizon),
// then one duration per arrival. Drawing all arrivals before any duration
// keeps arrival times unchanged when only duration parameters change.
func (c *heatWaves) draw(r *rand.Rand, dst *Sample) {
	dst.HeatWaves = dst.HeatWaves[:0]
	target := r.ExpFloat64()
	for i := 0; i < len(c.spans) && target < c.total; {
		sp := &c.spans[i]
		if target >= sp.cum+sp.perHour*(sp.end-sp.start) {
			i++
			continue
		}
		t := min(sp.start+(target-sp.cum)/sp.perHour, math.Nextafter(sp.end, sp.start))
		dst.HeatWaves = append(dst.HeatWaves, HeatWaveEvent{Start: t})
		target += r.ExpFloat64()
	}
	for i := range dst.HeatWaves {
		ev := &dst.HeatWaves[i]
		var g float64
		if c.expDurations {
			g = r.ExpFloat64()
		} else {
			g = c.durations.Draw(r)
		}
		d := c.theta * g
		ev.Days = d / 24
		ev.FirstHour = int(ev.Start)
		ev.EndHour = min(max(int(math.Ceil(ev.Start+d)), ev.FirstHour+1), c.hours)
	}
}

// apply undoes the previous trial's heat-wave hours in dst, then marks
// this trial's, multiplying Load by 1 + rise and setting ThermalFactor.
// Arrivals are in time order, so the union of their hours is built in
// one pass.
func (c *heatWaves) apply(dst *Sample) {
	for _, s := range dst.spans {
		clear(dst.HeatWave[s[0]:s[1]])
		tf := dst.ThermalFactor[s[0]:s[1]]
		for i := range tf {
			tf[i] = 1
		}
	}
	dst.spans = dst.spans[:0]
	dst.HeatWaveHours = 0
	for _, ev := range dst.HeatWaves {
		if n := len(dst.spans); n > 0 && ev.FirstHour <= dst.spans[n-1][1] {
			dst.spans[n-1][1] = max(dst.spans[n-1][1], ev.EndHour)
			continue
		}
		dst.spans = append(dst.spans, [2]int{ev.FirstHour, ev.EndHour})
	}
	mult := 1 + c.rise
	for _, s := range dst.spans {
		dst.HeatWaveHours += s[1] - s[0]
		hw := dst.HeatWave[s[0]:s[1]]
		tf := dst.ThermalFactor[s[0]:s[1]]
		ld := dst.Load[s[0]:s[1]]
		for i := range hw {
			hw[i] = true
			tf[i] = c.factor
			ld[i] *= mult
		}
	}
}
