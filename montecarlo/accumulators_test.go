package montecarlo

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
)

func TestMeanMatchesTwoPass(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	xs := make([]float64, 5000)
	var m Mean
	for i := range xs {
		xs[i] = 1e6 + r.NormFloat64() // large offset: naive Σx² − (Σx)²/n would cancel
		m.Add(xs[i])
	}
	var sum float64
	for _, x := range xs {
		sum += x
	}
	mean := sum / float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	se := math.Sqrt(ss / float64(len(xs)-1) / float64(len(xs)))
	e := m.Estimate()
	if math.Abs(e.Mean-mean) > 1e-9 || math.Abs(e.SE-se)/se > 1e-6 {
		t.Fatalf("Estimate = %+v, want mean %v se %v", e, mean, se)
	}
	if math.Abs(e.Hi-e.Mean-1.959963984540054*e.SE) > 1e-9 {
		t.Errorf("interval %+v is not mean ± 1.96 se", e)
	}
}

func TestMeanCoverage(t *testing.T) {
	// The 95% interval of the mean of 200 exponential draws covers the true
	// mean in about 95% of 2000 repetitions; the count is binomial, so allow
	// 4 binomial standard errors.
	r := rand.New(rand.NewPCG(7, 8))
	const reps, n = 2000, 200
	cover := 0
	for k := 0; k < reps; k++ {
		var m Mean
		for i := 0; i < n; i++ {
			m.Add(r.ExpFloat64())
		}
		if m.Estimate().Contains(1) {
			cover++
		}
	}
	p := float64(cover) / reps
	if sd := math.Sqrt(0.95 * 0.05 / reps); math.Abs(p-0.95) > 4*sd+0.01 { // +0.01: CLT skew at n=200
		t.Errorf("coverage %.3f, want 0.95 ± %.3f", p, 4*sd+0.01)
	}
}

func TestRatio(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	var ra Ratio
	const n = 20000
	for i := 0; i < n; i++ {
		y := 1 + r.Float64()       // E[Y] = 1.5
		x := 3*y + r.NormFloat64() // E[X] = 4.5, ratio 3
		ra.Add(x, y)
	}
	e := ra.Estimate()
	if math.Abs(e.Mean-3) > 4*e.SE {
		t.Errorf("ratio %v ± %v, want 3 within 4 SE", e.Mean, e.SE)
	}
	// Delta method: Var(X − 3Y) = 1, so SE ≈ 1/(√n · 1.5).
	if want := 1 / (math.Sqrt(n) * 1.5); math.Abs(e.SE-want)/want > 0.05 {
		t.Errorf("ratio SE %v, want ≈ %v", e.SE, want)
	}
	var empty Ratio
	empty.Add(1, 0)
	if !math.IsNaN(empty.Estimate().Mean) {
		t.Errorf("ratio with Σy = 0 should be NaN")
	}
}

func TestWilson(t *testing.T) {
	// Reference: Wilson interval for 10 successes in 100 trials is
	// [0.05523, 0.17437] (Newcombe, Stat. Med. 17, 1998, Table I, method 3).
	p := Proportion{N: 100, K: 10}
	e := p.Estimate()
	if math.Abs(e.Lo-0.05523) > 5e-5 || math.Abs(e.Hi-0.17437) > 5e-5 {
		t.Errorf("Wilson(10/100) = [%v, %v], want [0.05523, 0.17437]", e.Lo, e.Hi)
	}
	z := Proportion{N: 50, K: 0}
	if e := z.Estimate(); e.Lo != 0 || e.Hi <= 0 || e.Hi > 0.08 {
		t.Errorf("Wilson(0/50) = [%v, %v], want [0, ~0.071]", e.Lo, e.Hi)
	}
}

func TestHistogramQuantile(t *testing.T) {
	h, err := NewHistogram(0, 10, 100)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 1000; i++ {
		h.Add((float64(i) + 0.5) / 100) // uniform on [0,10)
	}
	for _, q := range []float64{0.1, 0.5, 0.9} {
		if got := h.Quantile(q); math.Abs(got-10*q) > h.BinWidth() {
			t.Errorf("Quantile(%v) = %v, want %v within a bin", q, got, 10*q)
		}
	}
	h.Add(-1)
	h.Add(11)
	h.Add(math.NaN())
	if h.Under != 1 || h.Over != 1 || h.NaN != 1 || h.N() != 1003 {
		t.Errorf("under/over/nan/n = %d/%d/%d/%d", h.Under, h.Over, h.NaN, h.N())
	}
	g, _ := NewHistogram(0, 10, 50)
	if err := h.Merge(g); err == nil {
		t.Error("merging different bins: no error")
	}
	for _, c := range []struct {
		lo, hi float64
		bins   int
	}{{0, 0, 1}, {math.NaN(), 1, 1}, {0, math.Inf(1), 1}, {0, 1, 0}} {
		if _, err := NewHistogram(c.lo, c.hi, c.bins); err == nil {
			t.Errorf("NewHistogram(%v,%v,%d): no error", c.lo, c.hi, c.bins)
		}
	}
}

func TestEstimateJSONNull(t *testing.T) {
	var m Mean
	m.Add(3) // one value: undefined error
	b, err := json.Marshal(m.Estimate())
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"mean":3,"se":null,"lo":null,"hi":null}` {
		t.Fatalf("got %s", b)
	}
	var e Estimate
	if err := json.Unmarshal(b, &e); err != nil || e.Mean != 3 || !math.IsNaN(e.SE) {
		t.Fatalf("round trip: %+v, %v", e, err)
	}
}

func TestHistogramHugeRange(t *testing.T) {
	if _, err := NewHistogram(-1e308, 1e308, 10); err == nil {
		t.Fatal("a range wider than the largest float64: no error")
	}
	h, err := NewHistogram(-1e307, 1e307, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []float64{-1e307, 0, 9.99e306, math.Nextafter(1e307, 0)} {
		h.Add(x) // must not panic
	}
	if h.N() != 4 || h.Under+h.Over != 0 {
		t.Fatalf("counts %v under %d over %d", h.Counts, h.Under, h.Over)
	}
}
