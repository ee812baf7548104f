package demand

import (
	"math"
	"math/rand/v2"
	"testing"
)

// meanVar returns the sample mean and unbiased sample variance.
func meanVar(xs []float64) (mean, variance float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		variance += (x - mean) * (x - mean)
	}
	return mean, variance / float64(len(xs)-1)
}

// TestLFUScale checks that the whole-horizon scale 1 + σZ and the monthly
// scales 1 + σ_m·Z_m have mean 1 and variance σ² (σ_m²) within 4 SE, that
// the load carries them, and that annual and monthly draws are
// uncorrelated. For normal draws the SE of the mean is σ/√n and of the
// sample variance σ²·√(2/(n−1)).
func TestLFUScale(t *testing.T) {
	const sigma, sigmaM, n = 0.05, 0.03, 20000
	base := make([]float64, HoursPerYear)
	for i := range base {
		base[i] = 1000
	}
	g, err := New(Model{Base: Base{HourlyMW: base}, LFU: LFU{Sigma: sigma, MonthlySigma: sigmaM}}, HoursPerYear)
	if err != nil {
		t.Fatal(err)
	}
	annual := make([]float64, n)
	monthly := make([]float64, 0, 12*n)
	var cross float64
	s := Streams{LFU: rand.New(rand.NewPCG(5, 6))}
	for i := range annual {
		smp, err := g.Sample(s)
		if err != nil {
			t.Fatal(err)
		}
		annual[i] = smp.LFUScale
		monthly = append(monthly, smp.MonthScale[:]...)
		cross += (smp.LFUScale - 1) * (smp.MonthScale[6] - 1)
		// Hour 4400 is in July (month 6).
		if want := 1000 * (smp.LFUScale * smp.MonthScale[6]); smp.Load[4400] != want {
			t.Fatalf("trial %d: July load %v, want %v", i, smp.Load[4400], want)
		}
	}
	check := func(name string, xs []float64, sd float64) {
		t.Helper()
		m, v := meanVar(xs)
		N := float64(len(xs))
		if se := sd / math.Sqrt(N); math.Abs(m-1) > 4*se {
			t.Errorf("%s: mean %.5g, want 1 ± %.3g (4 SE)", name, m, 4*se)
		}
		if se := sd * sd * math.Sqrt(2/(N-1)); math.Abs(v-sd*sd) > 4*se {
			t.Errorf("%s: variance %.5g, want %.5g ± %.3g (4 SE)", name, v, sd*sd, 4*se)
		}
	}
	check("annual scale", annual, sigma)
	check("monthly scales", monthly, sigmaM)
	// Corr of independent normals: the sample correlation has SE 1/√n.
	if corr := cross / n / (sigma * sigmaM); math.Abs(corr) > 4/math.Sqrt(n) {
		t.Errorf("correlation of annual and July scales %.4f, want 0 ± %.4f (4 SE)", corr, 4/math.Sqrt(n))
	}
}

// TestLFUMonthlyLeavesAnnualDraw checks that turning monthly scaling on
// does not change the whole-horizon draw (it comes first on the stream).
func TestLFUMonthlyLeavesAnnualDraw(t *testing.T) {
	base := []float64{1, 2, 3}
	a, _ := New(Model{Base: Base{HourlyMW: base}, LFU: LFU{Sigma: 0.05}}, 3)
	b, _ := New(Model{Base: Base{HourlyMW: base}, LFU: LFU{Sigma: 0.05, MonthlySigma: 0.02}}, 3)
	sa, _ := a.Sample(Streams{LFU: rand.New(rand.NewPCG(8, 9))})
	sb, _ := b.Sample(Streams{LFU: rand.New(rand.NewPCG(8, 9))})
	if sa.LFUScale != sb.LFUScale {
		t.Errorf("annual scale %v with monthly scaling, %v without", sb.LFUScale, sa.LFUScale)
	}
	if sa.MonthScale[0] != 1 || sb.MonthScale[0] == 1 {
		t.Errorf("January scale %v without monthly scaling, %v with", sa.MonthScale[0], sb.MonthScale[0])
	}
}

// TestLoadClippedAtZero uses an LFU σ so large (just under MaxSigma) that the scale is often
// negative, and checks that the load is then 0, never negative.
func TestLoadClippedAtZero(t *testing.T) {
	m := allOnModel()
	m.LFU = LFU{Sigma: 0.95} // P(1+σZ < 0) = P(Z < −1.05) ≈ 0.15
	g, err := New(m, HoursPerYear)
	if err != nil {
		t.Fatal(err)
	}
	s := Streams{LFU: rand.New(rand.NewPCG(1, 2)), Weather: rand.New(rand.NewPCG(1, 3)), HeatWave: rand.New(rand.NewPCG(1, 4))}
	negatives := 0
	for range 200 {
		smp, err := g.Sample(s)
		if err != nil {
			t.Fatal(err)
		}
		for h, v := range smp.Load {
			if !(v >= 0) {
				t.Fatalf("hour %d: load %v", h, v)
			}
			if smp.LFUScale < 0 && v != 0 {
				t.Fatalf("scale %v: hour %d load %v, want 0", smp.LFUScale, h, v)
			}
		}
		if smp.LFUScale < 0 {
			negatives++
		}
	}
	// P(1 + 3Z < 0) = Φ(−1/3) ≈ 0.37, so 200 trials without one would
	// mean the clipping was never exercised.
	if negatives == 0 {
		t.Error("no negative scale drawn; the test exercised nothing")
	}
}
