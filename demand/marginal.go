package demand

import (
	"math"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/mathext"
)

// Marginal is the distribution of a single hour's load under a
// [Generator]'s model, computed rather than sampled: the probability that
// the load exceeds a level and the expected excess over it ([Marginal.Tail]),
// and the probability that the hour lies in a heat wave
// ([Marginal.HeatProb]). Expectations of functions of single hours —
// the hours in a year that some load exceeds a limit, the energy above
// it — are sums of these, so a Monte Carlo estimate of such a function
// can serve as a control variate whose mean is known (package study
// uses them so).
//
// # Method
//
// Hour h's load is B_h·H_h·Q with Q = max(A,0)·max(M,0)·exp(x − σ_W²/2)
// (see the package documentation), and Q has the same law in every hour:
// A = 1 + σ_A·Z_A, M = 1 + σ_M·Z_M and x = σ_W·Z_W are independent (the
// weather's AR(1) is stationary, so x_h ~ N(0, σ_W²) in every hour). Of
// the three factors, the one with the largest standard deviation is
// integrated in closed form given the other two (a normal's or a
// log-normal's tail and partial expectation), and the others by
// Gauss–Hermite quadrature of [MarginalNodes] nodes each, so that the
// integrand varies no faster than the normal weight. The heat-wave
// indicator is independent of Q: P(hour h in a wave) = 1 − exp(−μ_h),
// with μ_h = ∫ λ(t)·P(D > h − t) dt over arrival times t < h+1 the
// expected number of waves overlapping the hour (D the duration; the
// integral of the Gamma survival function is closed-form in the
// regularised incomplete gamma function).
//
// # Accuracy
//
// A level that Q exceeds only if some factor lies beyond 8.5 standard
// deviations counts as never exceeded (the neglected probability is below
// 3e-17 an hour). The closed forms are exact; the quadrature's error is
// below 1e-10
// relative for the parameters of the package's tests (σ up to 0.12,
// exceedance probabilities down to 1e-9), which TestMarginalNodes checks
// against twice the nodes (24 against 48) and TestMarginalClosedForms against the exact
// mean load. The clip of A and M at 0 is a kink the quadrature resolves
// poorly once it lies within a few σ of 1: with σ_A = 0.3 the mean load
// is off by 2e-10 relative and tail probabilities by about 5e-5 relative
// (σ_A = 0.3, σ_M = 0.25), 2e-4 at σ_A = 0.5, σ_M = 0.4, and up to 2%
// at σ near 0.9 — load forecast uncertainties far beyond any grid's, but
// inside what validation accepts. The sampler draws the weather's innovations
// from 21-bit normals (about 1.3·10⁻⁴·σ RMS off a true normal, see the
// package documentation) and evaluates exp within 2 ulp, so a sampled
// frequency agrees with Tail to within its Monte Carlo error, not to the
// last bit; TestMarginalMonteCarlo checks it within 4 standard errors.
//
// A Marginal caches the values of Q's tail it has computed; it is not
// safe for concurrent use.
type Marginal struct {
	g     *Generator
	sig   [3]float64 // σ_A, σ_M, σ_W
	inner int        // the factor integrated in closed form: 0 A, 1 M, 2 W
	// outer are the quadrature points over the other factors: the
	// product of their weights and of their values (positive: points
	// where a factor is clipped to 0 add nothing to a tail above 0).
	outer []outerPoint
	// qmax is a level Q exceeds with probability below 1e-16 (see q).
	qmax  float64
	cache map[float64][2]float64
}

// outerPoint is a quadrature point over the outer factors.
type outerPoint struct{ w, p float64 }

// MarginalNodes is the number of Gauss–Hermite nodes [Marginal] uses for
// each factor of the load it integrates numerically.
const MarginalNodes = 24

// Marginal returns the distribution of single hours' loads under g's
// model.
func (g *Generator) Marginal() *Marginal { return g.marginal(MarginalNodes) }

func (g *Generator) marginal(nodes int) *Marginal {
	m := &Marginal{g: g, cache: map[float64][2]float64{}}
	m.sig = [3]float64{g.lfu.Sigma, g.lfu.MonthlySigma, 0}
	if g.weather.on {
		m.sig[2] = g.weather.sigma
	}
	for i, s := range m.sig {
		if s > m.sig[m.inner] {
			m.inner = i
		}
	}
	x, w := make([]float64, nodes), make([]float64, nodes)
	quad.Hermite{}.FixedLocations(x, w, math.Inf(-1), math.Inf(1))
	for i := range x {
		// ∫ f(x)·e^{−x²} dx with x = z/√2 is √π·E[f(Z)].
		x[i] *= math.Sqrt2
		w[i] /= math.Sqrt(math.Pi)
	}
	m.outer = []outerPoint{{1, 1}}
	m.qmax = 1
	for i, s := range m.sig {
		if s == 0 {
			continue
		}
		m.qmax *= factor(i, s, tailZ)
		if i == m.inner {
			continue
		}
		var next []outerPoint
		for _, o := range m.outer {
			for j, z := range x {
				if f := factor(i, s, z); f > 0 {
					next = append(next, outerPoint{o.w * w[j], o.p * f})
				}
			}
		}
		m.outer = next
	}
	return m
}

// tailZ is the number of standard deviations beyond which Marginal counts
// a factor's normal as never reaching: P(Z > 8.5) ≈ 9.5e-18.
const tailZ = 8.5

// HeatProb returns the probability that hour h lies in a heat wave (0
// when heat waves are off or h is outside the horizon).
func (m *Marginal) HeatProb(h int) float64 {
	if m == nil || m.g == nil {
		return 0
	}
	c := &m.g.heat
	if !c.on || h < 0 || h >= m.g.hours {
		return 0
	}
	// A wave arriving at t covers hour h when t < h+1 and t + D > h, so
	// the covering waves are a thinned Poisson process with mean
	// Σ over rate spans of perHour·∫ P(D > h − t) dt.
	mu := 0.0
	hi := float64(h + 1)
	for _, sp := range c.spans {
		if sp.start >= hi {
			break
		}
		b := math.Min(sp.end, hi)
		mu += sp.perHour * (m.survivalIntegral(float64(h)-sp.start) - m.survivalIntegral(float64(h)-b))
	}
	return -math.Expm1(-mu)
}

// survivalIntegral returns ∫_0^u P(D > v) dv for the wave duration D in
// hours (Gamma with shape k and scale θ): E[min(D, u)] for u ≥ 0, and u
// for u < 0, where P(D > v) = 1.
func (m *Marginal) survivalIntegral(u float64) float64 {
	if u <= 0 {
		return u
	}
	c := &m.g.heat
	k := c.shape
	x := u / c.theta
	return u*(1-mathext.GammaIncReg(k, x)) + c.theta*k*mathext.GammaIncReg(k+1, x)
}

// Tail returns the probability that hour h's load exceeds t MW and the
// expected excess E[max(L_h − t, 0)] in MW. An hour outside the horizon
// (or a Marginal not made by [Generator.Marginal]) returns zeros, a NaN
// level NaNs.
func (m *Marginal) Tail(h int, t float64) (prob, excess float64) {
	if m == nil || m.g == nil || h < 0 || h >= m.g.hours {
		return 0, 0
	}
	if math.IsNaN(t) {
		return math.NaN(), math.NaN()
	}
	g := m.g
	b := g.base[h]
	p := m.HeatProb(h)
	for k, mult := range [2]float64{1, 1 + g.heat.rise} {
		wt := 1 - p
		if k == 1 {
			if p == 0 {
				break
			}
			wt = p
		}
		s := b * mult
		if s == 0 {
			if t < 0 {
				prob += wt
				excess -= wt * t
			}
			continue
		}
		q := m.q(t / s)
		prob += wt * q[0]
		excess += wt * s * q[1]
	}
	return prob, excess
}

// q returns P(Q > y) and E[max(Q − y, 0)].
func (m *Marginal) q(y float64) [2]float64 {
	if v, ok := m.cache[y]; ok {
		return v
	}
	var v [2]float64
	switch {
	case y < 0:
		// Q ≥ 0 > y.
		v = [2]float64{1, m.meanQ() - y}
	case y >= m.qmax:
		// Q > y needs some factor beyond tailZ standard deviations: a
		// probability below 3·P(Z > 8.5) ≈ 3e-17, and an expected
		// excess below E[Q; some factor beyond] ≈ 1e-16 — counted as 0.
	default:
		v = m.integrate(y)
	}
	m.cache[y] = v
	return v
}

// meanQ returns E[Q] = E[max(A,0)]·E[max(M,0)].
func (m *Marginal) meanQ() float64 {
	return clippedMean(m.sig[0]) * clippedMean(m.sig[1])
}

// clippedMean returns E[max(1 + σZ, 0)].
func clippedMean(s float64) float64 {
	if s == 0 {
		return 1
	}
	return s * normalHinge(-1/s)
}

// integrate returns P(Q > y) and E[max(Q − y, 0)] for y ≥ 0 by
// quadrature over the two outer factors.
func (m *Marginal) integrate(y float64) [2]float64 {
	var sum [2]float64
	for _, o := range m.outer {
		p, e := m.innerTail(o.p, y)
		sum[0] += o.w * p
		sum[1] += o.w * e
	}
	return sum
}

// factor returns factor i's value at standard normal z.
func factor(i int, s, z float64) float64 {
	if i == 2 {
		return math.Exp(s*z - s*s/2)
	}
	return max(1+s*z, 0)
}

// innerTail returns P(P·F > y) and E[max(P·F − y, 0)] for the inner
// factor F, given the product P > 0 of the others and y ≥ 0.
func (m *Marginal) innerTail(p, y float64) (prob, excess float64) {
	s := m.sig[m.inner]
	if s == 0 {
		// No noise at all: Q = 1.
		if p > y {
			return 1, p - y
		}
		return 0, 0
	}
	if m.inner == 2 {
		// Log-normal: ln F ~ N(−σ²/2, σ²).
		if y == 0 {
			return 1, p
		}
		d2 := (math.Log(p/y) - s*s/2) / s
		d1 := d2 + s
		return normalSurvival(-d2), p*normalSurvival(-d1) - y*normalSurvival(-d2)
	}
	// Clipped normal F = max(1 + σZ, 0); y/p ≥ 0, so the clip does not
	// matter above it (and at y = 0, P(F > 0) is the normal's).
	u := (y/p - 1) / s
	return normalSurvival(u), p * s * normalHinge(u)
}

// normalSurvival returns P(Z > u) for a standard normal Z.
func normalSurvival(u float64) float64 { return math.Erfc(u/math.Sqrt2) / 2 }

// normalHinge returns E[max(Z − u, 0)] = φ(u) − u·P(Z > u) for a
// standard normal Z.
func normalHinge(u float64) float64 {
	phi := math.Exp(-u*u/2) / math.Sqrt(2*math.Pi)
	return phi - u*normalSurvival(u)
}
