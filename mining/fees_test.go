package mining

import (
	"math"
	"testing"
)

// TestFeeShareMean checks the stationary mean of the daily fee share,
// base + p·m/(1 − decay) (spike level L has stationary mean p·m/(1 − decay)
// for daily arrival probability p, mean size m and daily decay), within
// 4 SE over independent chains. The spike size is small enough that the
// 0.9 cap binds with negligible probability.
func TestFeeShareMean(t *testing.T) {
	const chains, burn = 40_000, 60
	model := testModel()
	model.Fees = Fees{Kind: FeesStochastic, BaseShare: 0.015, Volatility: 0.3, SpikesPerYear: 20, SpikeMeanShare: 0.05, SpikeHalfLifeDays: 2}
	if err := model.Validate(); err != nil {
		t.Fatal(err)
	}
	f := model.Fees
	s := newFeeStep(f)
	r := newRand(9, 9)
	var m moments
	for range chains {
		spike := 0.0
		var x float64
		for range burn {
			x = s.step(&spike, r)
		}
		m.add(x)
	}
	p := 1 - math.Exp(-20.0/daysPerYear)
	want := 0.015 + p*0.05/(1-math.Exp2(-0.5))
	mean, v, _ := m.meanVar()
	if se := math.Sqrt(v / m.n()); math.Abs(mean-want) > 4*se {
		t.Errorf("stationary fee share = %.5f, want %.5f ± 4×%.2g", mean, want, se)
	}
}

// Without spikes the share is base × lognormal noise: mean base and
// variance base²(e^{σ²} − 1).
func TestFeeShareBaseNoise(t *testing.T) {
	s := newFeeStep(Fees{BaseShare: 0.02, Volatility: 0.3, SpikesPerYear: 1e-12, SpikeMeanShare: 0.1, SpikeHalfLifeDays: 2})
	r := newRand(10, 10)
	var m moments
	spike := 0.0
	for range 100_000 {
		m.add(s.step(&spike, r))
	}
	checkMeanVar(t, "base fee share", &m, 0.02, 0.02*0.02*math.Expm1(0.09))
}

func TestFeeShareConstantAndCap(t *testing.T) {
	s := newFeeStep(Fees{Kind: FeesConstant, BaseShare: 0.03})
	spike := 0.0
	if got := s.step(&spike, nil); got != 0.03 {
		t.Errorf("constant fee share = %v, want 0.03", got)
	}
	s = newFeeStep(Fees{BaseShare: 0.5, Volatility: 1, SpikesPerYear: 365, SpikeMeanShare: 0.9, SpikeHalfLifeDays: 100})
	r := newRand(11, 11)
	for range 10_000 {
		if x := s.step(&spike, r); !(x >= 0 && x <= maxFeeShare) {
			t.Fatalf("fee share %v outside [0, %v]", x, maxFeeShare)
		}
	}
}
