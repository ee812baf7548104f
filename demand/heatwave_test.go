package demand

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/carveout/carveout/internal/hourcal"
)

// heatOnly returns a model with a flat base and only heat waves on.
func heatOnly(hours int, hw HeatWave) Model {
	base := make([]float64, hours)
	for i := range base {
		base[i] = 1000
	}
	return Model{Base: Base{HourlyMW: base}, HeatWave: hw}
}

// TestHeatWaveCounts checks that the number of heat waves per horizon is
// Poisson with mean Λ = Σ rates: its mean within 4 SE (√(Λ/N)) and its
// sample variance within 4 SE of Λ, using the Poisson central fourth
// moment μ₄ = Λ(1 + 3Λ): Var s² = μ₄/N − Λ²(N−3)/(N(N−1)). Each month's
// count has mean λ_m (within 4 SE), arrivals fall only in months with a
// positive rate, and durations have mean MeanDays (within 4 SE; Gamma sd
// is mean/√k).
func TestHeatWaveCounts(t *testing.T) {
	rates := []float64{0, 0, 0, 0.2, 1, 1.5, 1.2, 0.5, 0, 0, 0, 0}
	hw := HeatWave{RatePerMonth: rates, MeanDays: 3, Shape: 2, LoadRise: 0.1, ThermalDerate: 0.05}
	for _, years := range []int{1, 2} {
		hours := years * HoursPerYear
		g, err := New(heatOnly(hours, hw), hours)
		if err != nil {
			t.Fatal(err)
		}
		lambda := 0.0
		for _, r := range rates {
			lambda += r
		}
		lambda *= float64(years)
		if got := g.ExpectedHeatWaves(); math.Abs(got-lambda) > 1e-12*lambda {
			t.Errorf("%d years: ExpectedHeatWaves = %v, want %v", years, got, lambda)
		}
		const n = 20000
		s := Streams{HeatWave: rand.New(rand.NewPCG(31, uint64(years)))}
		counts := make([]float64, n)
		var perMonth [12]float64
		var days []float64
		for i := range counts {
			smp, err := g.Sample(s)
			if err != nil {
				t.Fatal(err)
			}
			counts[i] = float64(len(smp.HeatWaves))
			prev := -1.0
			for _, ev := range smp.HeatWaves {
				m := hourcal.MonthOfHour(ev.FirstHour)
				if rates[m] == 0 {
					t.Fatalf("heat wave starting at hour %v in month %d, which has rate 0", ev.Start, m)
				}
				if ev.Start < prev {
					t.Fatalf("arrivals out of order: %v after %v", ev.Start, prev)
				}
				prev = ev.Start
				perMonth[m]++
				days = append(days, ev.Days)
			}
		}
		N := float64(n)
		m, v := meanVar(counts)
		if se := math.Sqrt(lambda / N); math.Abs(m-lambda) > 4*se {
			t.Errorf("%d years: mean count %.4f, want %.4f ± %.4f (4 SE)", years, m, lambda, 4*se)
		}
		mu4 := lambda * (1 + 3*lambda)
		if se := math.Sqrt(mu4/N - lambda*lambda*(N-3)/(N*(N-1))); math.Abs(v-lambda) > 4*se {
			t.Errorf("%d years: count variance %.4f, want %.4f ± %.4f (4 SE)", years, v, lambda, 4*se)
		}
		for mo, c := range perMonth {
			want := rates[mo] * float64(years)
			if se := math.Sqrt(want / N); math.Abs(c/N-want) > 4*se {
				t.Errorf("%d years: month %d: mean count %.4f, want %.4f ± %.4f (4 SE)", years, mo, c/N, want, 4*se)
			}
		}
		dm := mean(days)
		if se := hw.MeanDays / math.Sqrt(hw.Shape) / math.Sqrt(float64(len(days))); math.Abs(dm-hw.MeanDays) > 4*se {
			t.Errorf("%d years: mean duration %.4f days, want %v ± %.4f (4 SE)", years, dm, hw.MeanDays, 4*se)
		}
	}
}

// TestHeatWaveEffects checks, over successive samples on one buffer,
// that the flagged hours are exactly the union of the events' hours, that
// flagged hours carry the load rise and the thermal derate and the others
// carry neither (so the previous sample's flags are cleared), and that
// HeatWaveHours counts the flags.
func TestHeatWaveEffects(t *testing.T) {
	hw := HeatWave{RatePerMonth: []float64{0.5, 0, 0, 0, 2, 3, 2, 0, 0, 0, 0, 1}, MeanDays: 2, LoadRise: 0.1, ThermalDerate: 0.07}
	hours := HoursPerYear - 100 // December waves are cut at the horizon
	g, err := New(heatOnly(hours, hw), hours)
	if err != nil {
		t.Fatal(err)
	}
	s := Streams{HeatWave: rand.New(rand.NewPCG(41, 42))}
	want := make([]bool, hours)
	overlaps := 0
	// Variables, not constants: Go evaluates constant expressions
	// exactly, the generator in float64.
	rise, derate := hw.LoadRise, hw.ThermalDerate
	for trial := range 300 {
		smp, err := g.Sample(s)
		if err != nil {
			t.Fatal(err)
		}
		clear(want)
		for _, ev := range smp.HeatWaves {
			end := ev.Start + 24*ev.Days
			if ev.FirstHour != int(math.Floor(ev.Start)) || ev.EndHour != min(max(int(math.Ceil(end)), ev.FirstHour+1), hours) {
				t.Fatalf("trial %d: event %+v: hours do not cover [start, start+24·days)", trial, ev)
			}
			for h := ev.FirstHour; h < ev.EndHour; h++ {
				if want[h] {
					overlaps++
				}
				want[h] = true
			}
		}
		count := 0
		for h := range hours {
			if smp.HeatWave[h] != want[h] {
				t.Fatalf("trial %d hour %d: flag %v, want %v", trial, h, smp.HeatWave[h], want[h])
			}
			load, tf := 1000.0, 1.0
			if want[h] {
				count++
				load, tf = 1000*(1+rise), 1-derate
			}
			if smp.Load[h] != load || smp.ThermalFactor[h] != tf {
				t.Fatalf("trial %d hour %d: load %v, factor %v; want %v, %v", trial, h, smp.Load[h], smp.ThermalFactor[h], load, tf)
			}
		}
		if smp.HeatWaveHours != count {
			t.Fatalf("trial %d: HeatWaveHours = %d, want %d", trial, smp.HeatWaveHours, count)
		}
		// HeatWaveSpans are the maximal runs of flagged hours, in order.
		var runs [][2]int
		for h := range hours {
			if !want[h] {
				continue
			}
			if n := len(runs); n > 0 && runs[n-1][1] == h {
				runs[n-1][1]++
			} else {
				runs = append(runs, [2]int{h, h + 1})
			}
		}
		if got := smp.HeatWaveSpans(); !slices.Equal(got, runs) {
			t.Fatalf("trial %d: HeatWaveSpans = %v, want %v", trial, got, runs)
		}
	}
	if overlaps == 0 {
		t.Error("no overlapping heat waves drawn; the union was not exercised")
	}
}

// TestHeatWavePartialHorizon checks the integrated rate of a horizon that
// ends mid-month: whole months count fully, the last one pro rata.
func TestHeatWavePartialHorizon(t *testing.T) {
	rates := []float64{1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
	hours := 24 * (31 + 7) // January and 7 days of February
	g, err := New(heatOnly(hours, HeatWave{RatePerMonth: rates, MeanDays: 1}), hours)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := g.ExpectedHeatWaves(), 1+2*7.0/28; math.Abs(got-want) > 1e-12 {
		t.Errorf("ExpectedHeatWaves = %v, want %v", got, want)
	}
}

// TestHeatWaveDurations checks the law of heat-wave durations for the
// default shape (0, meaning 1: exponential durations, drawn as one
// exponential each) and for shapes below and above 1 (the gamma sampler):
// Gamma(k, MeanDays/k) days, mean MeanDays and variance MeanDays²/k, each
// within 4 SE. The SE of the mean is σ/√N; that of the sample variance
// √((μ₄ − σ⁴)/N), with the gamma's central fourth moment
// μ₄ = 3k(k+2)·θ⁴.
func TestHeatWaveDurations(t *testing.T) {
	rates := []float64{3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3}
	for i, shape := range []float64{0, 0.7, 2} {
		hw := HeatWave{RatePerMonth: rates, MeanDays: 1.5, Shape: shape}
		g, err := New(heatOnly(HoursPerYear, hw), HoursPerYear)
		if err != nil {
			t.Fatal(err)
		}
		s := Streams{HeatWave: rand.New(rand.NewPCG(41, uint64(i)))}
		var days []float64
		for range 2000 {
			smp, err := g.Sample(s)
			if err != nil {
				t.Fatal(err)
			}
			for _, ev := range smp.HeatWaves {
				days = append(days, ev.Days)
			}
		}
		k := hw.shape()
		theta := hw.MeanDays / k
		N := float64(len(days))
		m, v := meanVar(days)
		wantVar := k * theta * theta
		if se := math.Sqrt(wantVar / N); math.Abs(m-hw.MeanDays) > 4*se {
			t.Errorf("shape %v: mean duration %.4f days, want %v ± %.4f (4 SE)", shape, m, hw.MeanDays, 4*se)
		}
		mu4 := 3 * k * (k + 2) * math.Pow(theta, 4)
		if se := math.Sqrt((mu4 - wantVar*wantVar) / N); math.Abs(v-wantVar) > 4*se {
			t.Errorf("shape %v: duration variance %.4f, want %.4f ± %.4f (4 SE)", shape, v, wantVar, 4*se)
		}
	}
}
