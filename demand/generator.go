package demand

import (
	"fmt"
	"github.com/carveout/carveout/input"
	"math"
	"slices"

	"github.com/carveout/carveout/internal/hourcal"
)

// Generator is a compiled [Model] for a fixed horizon. It draws one
// trial's demand per call without allocating in steady state.
//
// A Generator is read-only after [New]: any number of goroutines may call
// [Generator.SampleInto] at once, each with its own [Sample] and streams.
// [Generator.Sample] writes into a buffer owned by the Generator and must
// not be called concurrently.
type Generator struct {
	hours    int
	base     []float64
	months   []hourcal.MonthSpan
	lfu      LFU
	weather  weather
	heat     heatWaves
	eventCap int
	buf      *Sample
}

// New validates m and compiles it for a horizon of hours hours (8760 for
// one non-leap year), building the parametric base if there is one.
func New(m Model, hours int) (*Generator, error) {
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("demand: %w", err)
	}
	if hours < 1 || hours > hourcal.MaxHours {
		return nil, fmt.Errorf("demand: hours = %d, want in [1, %d]", hours, hourcal.MaxHours)
	}
	var base []float64
	if p := m.Base.Parametric; p != nil {
		var err error
		if base, err = p.Build(hours); err != nil {
			return nil, err
		}
	} else {
		if n := len(m.Base.HourlyMW); n != hours {
			return nil, fmt.Errorf("demand: %w", input.Field("base.hourly_mw", fmt.Sprintf("%d values", n), fmt.Sprintf("%d (one per hour of the horizon)", hours)))
		}
		base = slices.Clone(m.Base.HourlyMW)
	}
	g := &Generator{
		hours:   hours,
		base:    base,
		months:  hourcal.MonthSpans(hours),
		lfu:     m.LFU,
		weather: compileWeather(m.Weather),
		heat:    compileHeatWaves(m.HeatWave, hours),
	}
	// Room for the expected number of arrivals plus ten standard
	// deviations (a judgement: the buffer then practically never grows;
	// if it does, it grows once and stays grown).
	if g.heat.on {
		mu := g.heat.total
		g.eventCap = int(mu+10*math.Sqrt(mu)) + 8
	}
	g.buf = g.NewSample()
	return g, nil
}

// Hours returns the length of the horizon in hours.
func (g *Generator) Hours() int { return g.hours }

// Base returns a copy of the deterministic base load (MW per hour).
func (g *Generator) Base() []float64 { return slices.Clone(g.base) }

// ExpectedHeatWaves returns the expected number of heat-wave arrivals over
// the horizon (the integrated Poisson rate), 0 when heat waves are off.
func (g *Generator) ExpectedHeatWaves() float64 { return g.heat.total }

// NewSample allocates a Sample sized for g, for use with
// [Generator.SampleInto].
func (g *Generator) NewSample() *Sample {
	s := &Sample{
		Load:          make([]float64, g.hours),
		HeatWave:      make([]bool, g.hours),
		ThermalFactor: make([]float64, g.hours),
		Weather:       make([]float64, g.hours),
		HeatWaves:     make([]HeatWaveEvent, 0, g.eventCap),
		spans:         make([][2]int, 0, g.eventCap),
	}
	for i := range s.ThermalFactor {
		s.ThermalFactor[i] = 1
	}
	return s
}

// Sample draws one trial's demand from s into a buffer owned by g and
// returns it; the next call overwrites it. It does not allocate in steady
// state. The only error is a nil stream for a component that is on.
func (g *Generator) Sample(s Streams) (*Sample, error) {
	if err := g.SampleInto(s, g.buf); err != nil {
		return nil, err
	}
	return g.buf, nil
}

// SampleInto draws one trial's demand from s into dst, which must come
// from g.NewSample. It does not allocate in steady state.
//
// Each component draws only from its own stream: s.LFU for the scales,
// s.Weather for the hourly noise, s.HeatWave for the events.
func (g *Generator) SampleInto(s Streams, dst *Sample) error {
	if dst == nil || len(dst.Load) != g.hours || len(dst.HeatWave) != g.hours ||
		len(dst.ThermalFactor) != g.hours || len(dst.Weather) != g.hours {
		return fmt.Errorf("demand: sample is not sized for %d hours, want one from Generator.NewSample", g.hours)
	}
	if g.lfu.on() && s.LFU == nil {
		return fmt.Errorf("demand: streams.LFU is nil, want a stream (lfu.sigma = %v, lfu.monthly_sigma = %v)", g.lfu.Sigma, g.lfu.MonthlySigma)
	}
	if g.weather.on && s.Weather == nil {
		return fmt.Errorf("demand: streams.Weather is nil, want a stream (weather.sigma = %v)", g.weather.sigma)
	}
	if g.heat.on && s.HeatWave == nil {
		return fmt.Errorf("demand: streams.HeatWave is nil, want a stream (heat_wave.rate_per_month has a positive rate)")
	}
	drawLFU(g.lfu, s.LFU, dst)
	if g.heat.on {
		g.heat.draw(s.HeatWave, dst)
	} else {
		dst.HeatWaves = dst.HeatWaves[:0]
	}
	g.fillLoad(s.Weather, dst)
	g.heat.apply(dst)
	return nil
}
