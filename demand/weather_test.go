package demand

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/carveout/carveout/internal/variate"
)

// TestWeatherAR1 checks the weather term x_h against a stationary AR(1)
// with marginal sd σ and lag-1 autocorrelation φ, over many independent
// trials so that the standard errors come from the spread of per-trial
// statistics across trials (no autocorrelation correction needed):
//
//   - E[x_h·x_{h−1}] = φσ² and E[x_h²] = σ², separately for even and odd
//     h (the generator advances two hours at a time);
//   - E[x_0²] = σ² (stationary start), SE σ²·√(2/N);
//   - lag-1 autocorrelation Σ cov / Σ var = φ, SE by the delta method;
//   - E[L_h/B_h] = E[exp(x_h − σ²/2)] = 1, the multiplier's mean, and
//     L_h = B_h·exp(−σ²/2)·exp(x_h) hour by hour.
//
// Each per-trial mean is unbiased for its target, so the tests have no
// O(1/hours) bias.
func TestWeatherAR1(t *testing.T) {
	cases := []struct {
		sigma, phi float64
		hours, n   int
	}{
		{0.04, 0.97, HoursPerYear, 800},
		{0.10, 0.5, 1001, 4000},
		{0.03, 0, 500, 4000},
		{0.05, 0.999, HoursPerYear, 800},
	}
	for ci, c := range cases {
		base := make([]float64, c.hours)
		for i := range base {
			base[i] = 100
		}
		g, err := New(Model{Base: Base{HourlyMW: base}, Weather: Weather{Sigma: c.sigma, Phi: c.phi}}, c.hours)
		if err != nil {
			t.Fatal(err)
		}
		s := Streams{Weather: rand.New(rand.NewPCG(7, uint64(ci)))}
		var covE, covO, varE, varO, x0sq, mult, ratioTerm []float64
		v2 := c.sigma * c.sigma
		// The mean correction, computed here independently of the generator.
		k := math.Exp(-c.sigma * c.sigma / 2)
		for range c.n {
			smp, err := g.Sample(s)
			if err != nil {
				t.Fatal(err)
			}
			xs := smp.Weather
			var ce, co, ve, vo, m, lagged float64
			var ne, no float64
			for h := 1; h < len(xs); h++ {
				p := xs[h] * xs[h-1]
				if h%2 == 0 {
					ce += p
					ve += xs[h] * xs[h]
					ne++
				} else {
					co += p
					vo += xs[h] * xs[h]
					no++
				}
				lagged += xs[h-1] * xs[h-1]
			}
			for h, x := range xs {
				m += smp.Load[h] / base[h]
				// The load is the base times the inlined exp.
				if want := base[h] * k * expSmall(x); smp.Load[h] != want {
					t.Fatalf("case %d hour %d: load %v, want %v", ci, h, smp.Load[h], want)
				}
			}
			covE, covO = append(covE, ce/ne), append(covO, co/no)
			varE, varO = append(varE, ve/ne), append(varO, vo/no)
			x0sq = append(x0sq, xs[0]*xs[0])
			mult = append(mult, m/float64(len(xs)))
			ratioTerm = append(ratioTerm, (ce+co)/(ne+no), lagged/(ne+no))
		}
		N := float64(c.n)
		check := func(name string, xs []float64, want float64) {
			t.Helper()
			m, v := meanVar(xs)
			if se := math.Sqrt(v / N); math.Abs(m-want) > 4*se {
				t.Errorf("σ=%v φ=%v: %s = %.6g, want %.6g ± %.3g (4 SE)", c.sigma, c.phi, name, m, want, 4*se)
			}
		}
		check("E[x_h x_{h-1}], h even", covE, c.phi*v2)
		check("E[x_h x_{h-1}], h odd", covO, c.phi*v2)
		check("E[x_h^2], h even", varE, v2)
		check("E[x_h^2], h odd", varO, v2)
		check("E[load/base]", mult, 1)
		if m, se := mean(x0sq), v2*math.Sqrt(2/N); math.Abs(m-v2) > 4*se {
			t.Errorf("σ=%v φ=%v: E[x_0^2] = %.6g, want %.6g ± %.3g (4 SE)", c.sigma, c.phi, m, v2, 4*se)
		}
		// Ratio of means ρ̂ = Σa/Σb; delta method: Var ρ̂ ≈ Var(a − ρ̂b)/(N·b̄²).
		var sa, sb float64
		for i := 0; i < len(ratioTerm); i += 2 {
			sa += ratioTerm[i]
			sb += ratioTerm[i+1]
		}
		rho := sa / sb
		resid := make([]float64, 0, c.n)
		for i := 0; i < len(ratioTerm); i += 2 {
			resid = append(resid, ratioTerm[i]-rho*ratioTerm[i+1])
		}
		_, rv := meanVar(resid)
		if se := math.Sqrt(rv/N) / (sb / N); math.Abs(rho-c.phi) > 4*se {
			t.Errorf("σ=%v φ=%v: lag-1 autocorrelation %.6g, want %v ± %.3g (4 SE)", c.sigma, c.phi, rho, c.phi, 4*se)
		} else {
			t.Logf("σ=%v φ=%v: lag-1 autocorrelation %.5f ± %.5f (1 SE)", c.sigma, c.phi, rho, se)
		}
	}
}

// TestFillNormals checks that weather.fill, with φ = 0 and σ = 1 (so
// that x_h = z_h exactly), gives the normals of the plain one-hour-at-a-
// time reading of its documented draw order: x_{−1} from r.NormFloat64,
// then per block of six hours two words u, v and variate.Normal21 of each
// 21-bit third in order (drawing more only when a third fails the fast
// path), then one word per remaining hour. Enough hours run that the
// wedge and tail paths occur thousands of times, and the odd length runs
// the last-hours loop; the normals' law is tested in internal/variate.
func TestFillNormals(t *testing.T) {
	w := compileWeather(Weather{Sigma: 1, Phi: 0})
	const n = 600_005
	got := make([]float64, n)
	w.fill(rand.New(rand.NewPCG(11, 12)), got)
	r := rand.New(rand.NewPCG(11, 12))
	r.NormFloat64()
	want := make([]float64, 0, n)
	for len(want) < n-n%6 {
		u, v := r.Uint64(), r.Uint64()
		for _, x := range [6]uint32{uint32(u), uint32(u >> 21), uint32(u >> 42), uint32(v), uint32(v >> 21), uint32(v >> 42)} {
			want = append(want, variate.Normal21(x, r))
		}
	}
	for len(want) < n {
		want = append(want, variate.Normal21(uint32(r.Uint64()), r))
	}
	for h := range got {
		if got[h] != want[h] {
			t.Fatalf("hour %d: %v, want %v", h, got[h], want[h])
		}
	}
}

// expSmall is exp as fillLoad computes it: variate.FastExp, and math.Exp
// outside its domain.
func expSmall(x float64) float64 {
	if e, ok := variate.FastExp(x); ok {
		return e
	}
	return math.Exp(x)
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}
