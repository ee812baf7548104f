package mining

import "testing"

// BenchmarkRunYear measures one trial-year (8,760 hours) of Run: the
// default model (GBM, always-on fleet) and the full model (Merton jumps,
// economic fleet with a time-of-use tariff, trend).
func BenchmarkRunYear(b *testing.B) {
	for _, c := range []struct {
		name string
		m    Model
	}{{"default", testModel()}, {"full", fullModel()}} {
		b.Run(c.name, func(b *testing.B) {
			s, err := NewSimulator(c.m, 8760)
			if err != nil {
				b.Fatal(err)
			}
			st := newStreams(1)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Run(st); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "trial-years/s")
		})
	}
}
