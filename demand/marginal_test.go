package demand

import (
	"math"
	"testing"
)

// TestMarginalMonteCarlo checks Tail and HeatProb against sampled loads:
// every noise on, hours inside and outside the heat-wave season, levels
// exceeded with probability from about 0.5% to 40%, within 4 standard
// errors; and the yearly count of hours above 1.1 times the base against
// the sum of Tail's probabilities.
func TestMarginalMonteCarlo(t *testing.T) {
	g, err := New(allOnModel(), 8760)
	if err != nil {
		t.Fatal(err)
	}
	mg := g.Marginal()
	base := g.Base()
	hours := []int{20, 3000, 4000, 4020, 4500, 5200, 8000}
	levels := []float64{1.02, 1.08, 1.15}
	n := 12000
	if testing.Short() {
		n = 4000
	}
	type acc struct{ k, e, e2 float64 }
	got := make([][]acc, len(hours))
	for i := range got {
		got[i] = make([]acc, len(levels))
	}
	heat := make([]float64, len(hours))
	var cnt, cnt2 float64
	want := 0.0
	for h := range base {
		p, _ := mg.Tail(h, 1.1*base[h])
		want += p
	}
	s := g.NewSample()
	for i := range n {
		if err := g.SampleInto(streams(uint64(i)), s); err != nil {
			t.Fatal(err)
		}
		for j, h := range hours {
			if s.HeatWave[h] {
				heat[j]++
			}
			for k, c := range levels {
				x := max(s.Load[h]-c*base[h], 0)
				a := &got[j][k]
				if x > 0 {
					a.k++
				}
				a.e += x
				a.e2 += x * x
			}
		}
		c := 0.0
		for h, l := range s.Load {
			if l > 1.1*base[h] {
				c++
			}
		}
		cnt += c
		cnt2 += c * c
	}
	fn := float64(n)
	for j, h := range hours {
		p := mg.HeatProb(h)
		f := heat[j] / fn
		if se := math.Sqrt(max(p*(1-p), 1/fn) / fn); math.Abs(f-p) > 4*se {
			t.Errorf("hour %d: heat-wave frequency %.4f, HeatProb %.4f (SE %.4f)", h, f, p, se)
		}
		for k, c := range levels {
			p, e := mg.Tail(h, c*base[h])
			a := got[j][k]
			f := a.k / fn
			if se := math.Sqrt(max(p*(1-p), 1/fn) / fn); math.Abs(f-p) > 4*se {
				t.Errorf("hour %d level %.2f: frequency %.5f, Tail %.5f (SE %.5f)", h, c, f, p, se)
			}
			m := a.e / fn
			se := math.Sqrt(max(a.e2/fn-m*m, 0) / fn)
			if math.Abs(m-e) > 4*se+1e-12 {
				t.Errorf("hour %d level %.2f: mean excess %.4f, Tail %.4f (SE %.4f)", h, c, m, e, se)
			}
		}
	}
	m := cnt / fn
	se := math.Sqrt((cnt2/fn - m*m) / fn)
	if math.Abs(m-want) > 4*se {
		t.Errorf("hours above 1.1 × base: %.2f a year sampled, %.2f from Tail (SE %.2f)", m, want, se)
	}
}

// TestMarginalNodes checks the quadrature: twice the nodes move no tail
// probability or expected excess by more than 1e-10 relative, down to
// probabilities of 1e-9, with each factor the widest in turn.
func TestMarginalNodes(t *testing.T) {
	for _, c := range []struct {
		name string
		lfu  LFU
		w    Weather
	}{
		{"weather widest", LFU{Sigma: 0.02, MonthlySigma: 0.03}, Weather{Sigma: 0.04, Phi: 0.98}},
		{"annual widest", LFU{Sigma: 0.1, MonthlySigma: 0.03}, Weather{Sigma: 0.04}},
		{"monthly widest", LFU{Sigma: 0.01, MonthlySigma: 0.06}, Weather{Sigma: 0.02}},
		{"no weather", LFU{Sigma: 0.05, MonthlySigma: 0.04}, Weather{}},
	} {
		m := allOnModel()
		m.LFU, m.Weather = c.lfu, c.w
		g, err := New(m, 8760)
		if err != nil {
			t.Fatal(err)
		}
		lo, hi := g.marginal(MarginalNodes), g.marginal(2*MarginalNodes)
		for _, h := range []int{10, 4100} {
			b := g.base[h]
			for y := 0.9; ; y += 0.02 {
				p1, e1 := lo.Tail(h, y*b)
				p2, e2 := hi.Tail(h, y*b)
				if math.Abs(p1-p2) > 1e-10*p2 || math.Abs(e1-e2) > 1e-10*e2 {
					t.Errorf("%s, hour %d, level %.2f: %.12g %.12g with %d nodes, %.12g %.12g with %d",
						c.name, h, y, p1, e1, MarginalNodes, p2, e2, 2*MarginalNodes)
				}
				if p2 < 1e-9 {
					break
				}
			}
		}
	}
}

// TestMarginalClosedForms checks Tail where the law is elementary: no
// noise (a step), LFU alone (a normal), weather alone (a log-normal), and
// HeatProb with exponential durations and a constant rate from hour 0,
// where μ_h = λ·(1 + θ·(1 − e^{−h/θ})).
func TestMarginalClosedForms(t *testing.T) {
	m := allOnModel()
	m.HeatWave = HeatWave{}
	m.LFU, m.Weather = LFU{}, Weather{}
	g, err := New(m, 8760)
	if err != nil {
		t.Fatal(err)
	}
	b := g.base[100]
	p, e := g.Marginal().Tail(100, 0.9*b)
	if p != 1 || math.Abs(e-0.1*b) > 1e-9*b {
		t.Errorf("no noise, 0.9 × base: %g %g, want 1 %g", p, e, 0.1*b)
	}
	if p, e = g.Marginal().Tail(100, 1.1*b); p != 0 || e != 0 {
		t.Errorf("no noise, 1.1 × base: %g %g, want 0 0", p, e)
	}
	m.LFU = LFU{Sigma: 0.05}
	if g, err = New(m, 8760); err != nil {
		t.Fatal(err)
	}
	p, e = g.Marginal().Tail(100, 1.08*b)
	u := 0.08 / 0.05
	if wp, we := normalSurvival(u), b*0.05*normalHinge(u); math.Abs(p-wp) > 1e-14 || math.Abs(e-we) > 1e-12*we {
		t.Errorf("LFU alone: %g %g, want %g %g", p, e, wp, we)
	}
	m.LFU, m.Weather = LFU{}, Weather{Sigma: 0.07, Phi: 0.5}
	if g, err = New(m, 8760); err != nil {
		t.Fatal(err)
	}
	p, _ = g.Marginal().Tail(100, 1.1*b)
	s := 0.07
	if wp := normalSurvival((math.Log(1.1) + s*s/2) / s); math.Abs(p-wp) > 1e-14 {
		t.Errorf("weather alone: %g, want %g", p, wp)
	}
	// The mean load, by quadrature over two factors and closed form in
	// the third: E[L] = B·E[max(A,0)]·E[max(M,0)], at levels 0 and −5.
	m.LFU, m.Weather = LFU{Sigma: 0.12, MonthlySigma: 0.08}, Weather{Sigma: 0.1, Phi: 0.9}
	if g, err = New(m, 8760); err != nil {
		t.Fatal(err)
	}
	mean := b * clippedMean(0.12) * clippedMean(0.08)
	for _, y := range []float64{0, -5} {
		if _, e := g.Marginal().Tail(100, y); math.Abs(e-(mean-y)) > 1e-12*mean {
			t.Errorf("expected excess over %g = %.15g, want E[L] − %g = %.15g", y, e, y, mean-y)
		}
	}
	m.LFU = LFU{}
	m.Weather = Weather{}
	rate := 2.0
	m.HeatWave = HeatWave{RatePerMonth: []float64{rate, rate, rate, rate, rate, rate, rate, rate, rate, rate, rate, rate},
		MeanDays: 2, LoadRise: 0.1}
	if g, err = New(m, 8760); err != nil {
		t.Fatal(err)
	}
	lam, theta := rate/(24*31), 48.0 // January's rate per hour
	for _, h := range []int{0, 5, 100, 700} {
		want := -math.Expm1(-lam * (1 + theta*(1-math.Exp(-float64(h)/theta))))
		if got := g.Marginal().HeatProb(h); math.Abs(got-want) > 1e-13 {
			t.Errorf("HeatProb(%d) = %.15g, want %.15g", h, got, want)
		}
	}
}
