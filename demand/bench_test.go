package demand

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkSample draws one 8760-hour year per iteration with a
// parametric base, and reports trial-years per second and nanoseconds per
// simulated hour. "all" has every noise on (LFU with monthly scaling,
// weather AR(1), heat waves); "no-weather" shows how much of that is the
// hourly weather noise.
func BenchmarkSample(b *testing.B) {
	noWeather := allOnModel()
	noWeather.Weather = Weather{}
	for _, c := range []struct {
		name string
		m    Model
	}{{"all", allOnModel()}, {"no-weather", noWeather}} {
		b.Run(c.name, func(b *testing.B) {
			g, err := New(c.m, HoursPerYear)
			if err != nil {
				b.Fatal(err)
			}
			s := Streams{
				LFU:      rand.New(rand.NewPCG(1, 1)),
				Weather:  rand.New(rand.NewPCG(1, 2)),
				HeatWave: rand.New(rand.NewPCG(1, 3)),
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := g.Sample(s); err != nil {
					b.Fatal(err)
				}
			}
			sec := b.Elapsed().Seconds()
			b.ReportMetric(float64(b.N)/sec, "trial-years/s")
			b.ReportMetric(sec*1e9/float64(b.N)/HoursPerYear, "ns/hour")
		})
	}
}
