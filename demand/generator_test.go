package demand

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

// streams returns fresh named streams for trial i, as a caller would
// derive them (here simply from distinct PCG seeds).
func streams(i uint64) Streams {
	return Streams{
		LFU:      rand.New(rand.NewPCG(i, 1)),
		Weather:  rand.New(rand.NewPCG(i, 2)),
		HeatWave: rand.New(rand.NewPCG(i, 3)),
	}
}

func sameSample(a, b *Sample) bool {
	return slices.Equal(a.Load, b.Load) && slices.Equal(a.HeatWave, b.HeatWave) &&
		slices.Equal(a.ThermalFactor, b.ThermalFactor) && slices.Equal(a.Weather, b.Weather) &&
		a.LFUScale == b.LFUScale && a.MonthScale == b.MonthScale &&
		slices.Equal(a.HeatWaves, b.HeatWaves) && a.HeatWaveHours == b.HeatWaveHours
}

func TestSameStreamsSameSample(t *testing.T) {
	g1, err := New(allOnModel(), HoursPerYear)
	if err != nil {
		t.Fatal(err)
	}
	g2, _ := New(allOnModel(), HoursPerYear)
	// g1 samples trials 0..19 in order on one buffer; g2 samples them in
	// reverse into fresh buffers. Results depend only on the streams.
	got := make([]*Sample, 20)
	for i := range got {
		got[i] = g2.NewSample()
	}
	for i := len(got) - 1; i >= 0; i-- {
		if err := g2.SampleInto(streams(uint64(i)), got[i]); err != nil {
			t.Fatal(err)
		}
	}
	waves := 0
	for i := range got {
		s, err := g1.Sample(streams(uint64(i)))
		if err != nil {
			t.Fatal(err)
		}
		if !sameSample(s, got[i]) {
			t.Fatalf("trial %d: samples from the same streams differ", i)
		}
		waves += len(s.HeatWaves)
	}
	if waves == 0 {
		t.Error("no heat waves drawn")
	}
}

// TestCommonRandomNumbers checks that each component's draws depend only
// on its own stream and parameters: changing heat-wave parameters leaves
// the weather path and LFU scales bit-identical (and the load identical
// outside heat waves); changing weather parameters leaves heat waves and
// LFU scales identical; changing LFU leaves weather and heat waves
// identical.
func TestCommonRandomNumbers(t *testing.T) {
	ref := allOnModel()
	heat := allOnModel()
	heat.HeatWave = HeatWave{
		RatePerMonth:  []float64{0, 0, 1, 2, 3, 3, 2, 1, 1, 0, 0, 0},
		MeanDays:      7,
		Shape:         0.7,
		LoadRise:      0.2,
		ThermalDerate: 0.3,
	}
	weather := allOnModel()
	weather.Weather = Weather{Sigma: 0.09, Phi: 0.5}
	lfu := allOnModel()
	lfu.LFU = LFU{Sigma: 0.2}
	gen := func(m Model) *Generator {
		g, err := New(m, HoursPerYear)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	gRef, gHeat, gWeather, gLFU := gen(ref), gen(heat), gen(weather), gen(lfu)
	for i := range uint64(10) {
		a, _ := gRef.Sample(streams(i))
		b, _ := gHeat.Sample(streams(i))
		c, _ := gWeather.Sample(streams(i))
		d, _ := gLFU.Sample(streams(i))
		if !slices.Equal(a.Weather, b.Weather) || a.LFUScale != b.LFUScale || a.MonthScale != b.MonthScale {
			t.Fatalf("trial %d: heat-wave parameters changed the weather or LFU draws", i)
		}
		for h := range a.Load {
			if !a.HeatWave[h] && !b.HeatWave[h] && a.Load[h] != b.Load[h] {
				t.Fatalf("trial %d hour %d: load outside heat waves changed: %v vs %v", i, h, a.Load[h], b.Load[h])
			}
		}
		if !slices.Equal(a.HeatWaves, c.HeatWaves) || !slices.Equal(a.HeatWave, c.HeatWave) || a.LFUScale != c.LFUScale {
			t.Fatalf("trial %d: weather parameters changed the heat-wave or LFU draws", i)
		}
		if !slices.Equal(a.Weather, d.Weather) || !slices.Equal(a.HeatWaves, d.HeatWaves) {
			t.Fatalf("trial %d: LFU parameters changed the weather or heat-wave draws", i)
		}
		if slices.Equal(a.Load, b.Load) || slices.Equal(a.Load, c.Load) || slices.Equal(a.Load, d.Load) {
			t.Fatalf("trial %d: a parameter change left the load unchanged; the test compares nothing", i)
		}
	}
}

// TestHeatWaveDurationCRN checks that changing only the mean duration
// leaves the arrival times unchanged (arrivals are drawn before
// durations) and scales every duration by the same factor.
func TestHeatWaveDurationCRN(t *testing.T) {
	a := allOnModel()
	b := allOnModel()
	b.HeatWave.MeanDays = 2 * a.HeatWave.MeanDays
	ga, _ := New(a, HoursPerYear)
	gb, _ := New(b, HoursPerYear)
	for i := range uint64(20) {
		sa, _ := ga.Sample(streams(i))
		sb, _ := gb.Sample(streams(i))
		if len(sa.HeatWaves) != len(sb.HeatWaves) {
			t.Fatalf("trial %d: %d vs %d waves", i, len(sa.HeatWaves), len(sb.HeatWaves))
		}
		for j := range sa.HeatWaves {
			ea, eb := sa.HeatWaves[j], sb.HeatWaves[j]
			if ea.Start != eb.Start || eb.Days != 2*ea.Days {
				t.Fatalf("trial %d wave %d: %+v vs %+v", i, j, ea, eb)
			}
		}
	}
}

func TestSampleZeroAllocs(t *testing.T) {
	g, err := New(allOnModel(), HoursPerYear)
	if err != nil {
		t.Fatal(err)
	}
	s := streams(1)
	dst := g.NewSample()
	if allocs := testing.AllocsPerRun(100, func() {
		if _, err := g.Sample(s); err != nil {
			t.Fatal(err)
		}
		if err := g.SampleInto(s, dst); err != nil {
			t.Fatal(err)
		}
	}); allocs != 0 {
		t.Errorf("Sample and SampleInto: %v allocations per run, want 0", allocs)
	}
}

// TestSampleIntoConcurrent runs SampleInto on one Generator from several
// goroutines (run with -race) and compares with sequential results.
func TestSampleIntoConcurrent(t *testing.T) {
	g, err := New(allOnModel(), HoursPerYear)
	if err != nil {
		t.Fatal(err)
	}
	const n = 8
	par := make([]*Sample, n)
	var wg sync.WaitGroup
	for i := range par {
		par[i] = g.NewSample()
		wg.Go(func() {
			if err := g.SampleInto(streams(uint64(i)), par[i]); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i := range par {
		s, _ := g.Sample(streams(uint64(i)))
		if !sameSample(s, par[i]) {
			t.Errorf("trial %d: concurrent sample differs from sequential", i)
		}
	}
}

func TestBaseAndHours(t *testing.T) {
	g, err := New(allOnModel(), 100)
	if err != nil {
		t.Fatal(err)
	}
	b := g.Base()
	if g.Hours() != 100 || len(b) != 100 {
		t.Fatalf("Hours = %d, len(Base) = %d, want 100", g.Hours(), len(b))
	}
	b[0] = -1
	if g.Base()[0] == -1 {
		t.Error("Base returned the generator's own slice")
	}
}
