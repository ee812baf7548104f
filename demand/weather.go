package demand

import (
	"math"
	"math/rand/v2"

	"github.com/carveout/carveout/internal/variate"
)

// weather is a compiled [Weather].
type weather struct {
	on    bool
	sigma float64
	phi   float64
	// innov is the innovation standard deviation σ·√(1−φ²), which keeps
	// the process at its stationary variance σ².
	innov float64
	// corr is exp(−σ²/2), which makes E[exp(x_h)·corr] = 1.
	corr float64
}

func compileWeather(w Weather) weather {
	return weather{
		on:    w.on(),
		sigma: w.Sigma,
		phi:   w.Phi,
		innov: w.Sigma * math.Sqrt(1-w.Phi*w.Phi),
		corr:  math.Exp(-w.Sigma * w.Sigma / 2),
	}
}

// fill writes the AR(1) path x_0 … x_{n−1} into xs from r. The process
// starts from x_{−1} = σ·Z (r.NormFloat64), so every x_h, x_0 included,
// has the stationary distribution N(0, σ²). Hours are taken six at a time
// from two 64-bit draws, one normal per 21-bit third (see
// variate.Normal21), and each of the six is computed from the last x of
// the previous block:
//
//	x_{h+i} = φ^i·x_h + Σ_{j=1..i} φ^{i−j}·e_{h+j},  i = 1 … 6,
//
// with e = σ√(1−φ²)·z. In exact arithmetic this is the one-step
// recursion; in floating point it rounds differently, but it is fixed
// and deterministic. The loop-carried dependency is one multiply-add per
// six hours instead of per hour, and the two source calls per block
// (after which Go's calling convention reloads every live value) are
// amortised over six hours. Up to five last hours take one 21-bit third
// of a draw each.
func (w *weather) fill(r *rand.Rand, xs []float64) {
	x := w.sigma * r.NormFloat64()
	phi, c := w.phi, w.innov
	var p [7]float64 // p[i] = φ^i
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = p[i-1] * phi
	}
	n := len(xs) - len(xs)%6
	for h := 0; h < n; h += 6 {
		u, v := r.Uint64(), r.Uint64()
		z1, ok1 := variate.Normal21Rect(uint32(u))
		z2, ok2 := variate.Normal21Rect(uint32(u >> 21))
		z3, ok3 := variate.Normal21Rect(uint32(u >> 42))
		z4, ok4 := variate.Normal21Rect(uint32(v))
		z5, ok5 := variate.Normal21Rect(uint32(v >> 21))
		z6, ok6 := variate.Normal21Rect(uint32(v >> 42))
		if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) {
			// About 16% of blocks (1 − 0.972⁶): at least one third
			// needs the wedge or tail test of variate.Normal21, which
			// draws more, in the order of the thirds.
			z1, z2, z3, z4, z5, z6 = slow6(u, v, r)
		}
		e1, e2, e3, e4, e5, e6 := c*z1, c*z2, c*z3, c*z4, c*z5, c*z6
		s2 := phi*e1 + e2
		s3 := phi*s2 + e3
		s4 := phi*s3 + e4
		s5 := phi*s4 + e5
		s6 := phi*s5 + e6
		b := xs[h : h+6 : h+6]
		b[0] = phi*x + e1
		b[1] = p[2]*x + s2
		b[2] = p[3]*x + s3
		b[3] = p[4]*x + s4
		b[4] = p[5]*x + s5
		x = p[6]*x + s6
		b[5] = x
	}
	for h := n; h < len(xs); h++ {
		x = phi*x + c*variate.Normal21(uint32(r.Uint64()), r)
		xs[h] = x
	}
}

// slow6 returns the six normals of the words u and v, thirds in order,
// each from variate.Normal21 (which may draw more from r). fill calls it
// only when some third fails the fast path; recomputing the accepted thirds
// here costs less than branching on each in fill's loop (measured with
// callgrind: about 3% fewer instructions in fill, calls included, as its
// loop then keeps its values in registers).
func slow6(u, v uint64, r *rand.Rand) (z1, z2, z3, z4, z5, z6 float64) {
	z1 = variate.Normal21(uint32(u), r)
	z2 = variate.Normal21(uint32(u>>21), r)
	z3 = variate.Normal21(uint32(u>>42), r)
	z4 = variate.Normal21(uint32(v), r)
	z5 = variate.Normal21(uint32(v>>21), r)
	z6 = variate.Normal21(uint32(v>>42), r)
	return
}

// fillLoad writes dst.Load, and dst.Weather when weather is on, for every
// hour: base × clipped LFU scales × weather multiplier exp(x_h − σ²/2).
func (g *Generator) fillLoad(r *rand.Rand, dst *Sample) {
	a := max(dst.LFUScale, 0)
	w := &g.weather
	if !w.on {
		for _, ms := range g.months {
			k := a * max(dst.MonthScale[ms.Month], 0)
			b := g.base[ms.Start:ms.End]
			ld := dst.Load[ms.Start:ms.End]
			ld = ld[:len(b)]
			for i, v := range b {
				ld[i] = v * k
			}
		}
		return
	}
	w.fill(r, dst.Weather)
	// The loop makes no calls, so Go keeps its values in registers
	// (measured with callgrind: about 4 fewer instructions per hour than
	// calling math.Exp in the loop's rare branch); hours outside
	// variate.FastExp's domain (|x| ≳ 1, only for a large σ) are redone with
	// math.Exp afterwards.
	inside := true
	for _, ms := range g.months {
		k := a * max(dst.MonthScale[ms.Month], 0) * w.corr
		b := g.base[ms.Start:ms.End]
		ld := dst.Load[ms.Start:ms.End]
		ld = ld[:len(b)]
		xs := dst.Weather[ms.Start:ms.End]
		xs = xs[:len(b)]
		for i, v := range b {
			e, ok := variate.FastExp(xs[i])
			if !ok {
				inside = false
			}
			ld[i] = v * k * e
		}
	}
	if inside {
		return
	}
	for _, ms := range g.months {
		k := a * max(dst.MonthScale[ms.Month], 0) * w.corr
		for h := ms.Start; h < ms.End; h++ {
			if _, ok := variate.FastExp(dst.Weather[h]); !ok {
				dst.Load[h] = g.base[h] * k * math.Exp(dst.Weather[h])
			}
		}
	}
}
