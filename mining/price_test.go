package mining

import (
	"math"
	"testing"
)

// TestGBMLogReturns checks the daily log-returns of the GBM price against
// their exact mean (μ − σ²/2)Δ and variance σ²Δ within 4 SE.
func TestGBMLogReturns(t *testing.T) {
	const n = 200_000
	const dt = 1 / daysPerYear
	model := testModel()
	model.Price = Price{InitialUSD: DefaultPriceUSD, Kind: PriceGBM, Drift: 0.3, Volatility: 0.55}
	if err := model.Validate(); err != nil {
		t.Fatal(err)
	}
	p := model.Price
	s := newPriceStep(p)
	r := newRand(6, 6)
	var m moments
	logP := 0.0
	for range n {
		next := s.step(logP, r, nil)
		m.add(next - logP)
		logP = next
	}
	checkMeanVar(t, "GBM daily log-return", &m, (0.3-0.55*0.55/2)*dt, 0.55*0.55*dt)
}

// TestMertonLogReturns checks the jump-diffusion's daily log-returns
// against mean (μ − σ²/2 − λκ)Δ + λΔm and variance σ²Δ + λΔ(m² + s²), and
// that the compensation gives E[S(t+Δ)/S(t)] = e^{μΔ}, each within 4 SE.
func TestMertonLogReturns(t *testing.T) {
	const n = 400_000
	const dt = 1 / daysPerYear
	// Jumps far more frequent than the default so the jump terms are well
	// resolved.
	model := testModel()
	model.Price = Price{InitialUSD: DefaultPriceUSD, Kind: PriceMerton, Drift: 0.1, Volatility: 0.4, JumpsPerYear: 60, JumpMean: -0.05, JumpSigma: 0.1}
	if err := model.Validate(); err != nil {
		t.Fatal(err)
	}
	p := model.Price
	s := newPriceStep(p)
	diffusion, jumps := newRand(7, 7), newRand(7, 8)
	kappa := math.Exp(p.JumpMean+p.JumpSigma*p.JumpSigma/2) - 1
	wantMean := (p.Drift-p.Volatility*p.Volatility/2-p.JumpsPerYear*kappa)*dt + p.JumpsPerYear*dt*p.JumpMean
	wantVar := p.Volatility*p.Volatility*dt + p.JumpsPerYear*dt*(p.JumpMean*p.JumpMean+p.JumpSigma*p.JumpSigma)
	var m, gross moments
	for range n {
		x := s.step(0, diffusion, jumps)
		m.add(x)
		gross.add(math.Exp(x))
	}
	checkMeanVar(t, "Merton daily log-return", &m, wantMean, wantVar)
	g, gv, _ := gross.meanVar()
	if se := math.Sqrt(gv / gross.n()); math.Abs(g-math.Exp(p.Drift*dt)) > 4*se {
		t.Errorf("E[S(t+Δ)/S(t)] = %.7f, want e^{μΔ} = %.7f ± 4×%.2g", g, math.Exp(p.Drift*dt), se)
	}
}

// Switching the jumps on must not change the diffusion draws: with a jump
// intensity so small that no jump occurs, the Merton path equals the GBM
// path with the same diffusive volatility and compensated drift.
func TestMertonSharesDiffusionStream(t *testing.T) {
	gbm := newPriceStep(Price{Kind: PriceGBM, Volatility: 0.5, Drift: 0.1})
	mer := newPriceStep(Price{Kind: PriceMerton, Volatility: 0.5, Drift: 0.1, JumpsPerYear: 1e-12, JumpMean: -0.05, JumpSigma: 0.1})
	a, b := newRand(8, 1), newRand(8, 1)
	jumps := newRand(8, 2)
	x, y := 0.0, 0.0
	for range 1000 {
		x = gbm.step(x, a, nil)
		y = mer.step(y, b, jumps)
	}
	if math.Abs(x-y) > 1e-9 {
		t.Errorf("log-price after 1000 days: gbm %v, merton without jumps %v", x, y)
	}
}

func TestConstantPrice(t *testing.T) {
	s := newPriceStep(Price{Kind: PriceConstant})
	if got := s.step(1.5, nil, nil); got != 1.5 {
		t.Errorf("constant price stepped to %v, want 1.5", got)
	}
}
