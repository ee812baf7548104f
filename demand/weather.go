package demand

import (
	"math"
	"math/rand/v2"
)

// weather is a compiled [Weather].
type weather struct {
	on    bool
	sigma float64
	phi   float64
	// phi2 is φ², the two-hour persistence.
	phi2 float64
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
		phi2:  w.Phi * w.Phi,
		innov: w.Sigma * math.Sqrt(1-w.Phi*w.Phi),
		corr:  math.Exp(-w.Sigma * w.Sigma / 2),
	}
}

// fill writes the AR(1) path x_0 … x_{n−1} into xs from r. The process
// starts from x_{−1} = σ·Z (r.NormFloat64), so every x_h, x_0 included,
// has the stationary distribution N(0, σ²). Hours are taken four at a
// time from two 64-bit draws, one normal per 32-bit half (see normal32),
// and each of the four is computed from the last x of the previous block:
//
//	x_{h+i} = φ^i·x_h + Σ_{j=1..i} φ^{i−j}·e_{h+j},  i = 1 … 4,
//
// with e = σ√(1−φ²)·z. In exact arithmetic this is the one-step
// recursion; in floating point it rounds differently, but it is fixed
// and deterministic. The loop-carried dependency is one multiply-add per
// four hours instead of per hour, and the two source calls per block
// (after which Go's calling convention reloads every live value) are
// amortised over four hours. Up to three last hours take a pair or a
// single half as needed.
func (w *weather) fill(r *rand.Rand, xs []float64) {
	x := w.sigma * r.NormFloat64()
	phi, c := w.phi, w.innov
	phi2 := w.phi2
	phi3 := phi2 * phi
	phi4 := phi2 * phi2
	n := len(xs) &^ 3
	for h := 0; h < n; h += 4 {
		u, v := r.Uint64(), r.Uint64()
		z1, ok1 := zigFast(uint32(u))
		z2, ok2 := zigFast(uint32(u >> 32))
		z3, ok3 := zigFast(uint32(v))
		z4, ok4 := zigFast(uint32(v >> 32))
		if !(ok1 && ok2 && ok3 && ok4) {
			// About 4.8% of blocks: at least one half needs the
			// wedge or tail test of normal32, which draws more,
			// in the order of the halves.
			if !ok1 {
				z1 = normal32(uint32(u), r)
			}
			if !ok2 {
				z2 = normal32(uint32(u>>32), r)
			}
			if !ok3 {
				z3 = normal32(uint32(v), r)
			}
			if !ok4 {
				z4 = normal32(uint32(v>>32), r)
			}
		}
		e1, e2, e3, e4 := c*z1, c*z2, c*z3, c*z4
		s2 := phi*e1 + e2
		s3 := phi*s2 + e3
		s4 := phi*s3 + e4
		b := xs[h : h+4 : h+4]
		b[0] = phi*x + e1
		b[1] = phi2*x + s2
		b[2] = phi3*x + s3
		x = phi4*x + s4
		b[3] = x
	}
	for h := n; h < len(xs); h++ {
		x = phi*x + c*normal32(uint32(r.Uint64()), r)
		xs[h] = x
	}
}

// zigFast is the fast path of normal32, small enough to inline: the
// candidate normal for the 32-bit word u, and whether it is accepted
// without further draws (true for about 98.8% of words).
func zigFast(u uint32) (float64, bool) {
	i := u & (zigStrips - 1)
	j := int32(u) >> 7
	return float64(j) * zigW[i], absInt32(j) < zigK[i]
}

// fillLoad writes dst.Load, and dst.Weather when weather is on, for every
// hour: base × clipped LFU scales × weather multiplier exp(x_h − σ²/2).
func (g *Generator) fillLoad(r *rand.Rand, dst *Sample) {
	a := max(dst.LFUScale, 0)
	w := &g.weather
	if !w.on {
		for _, ms := range g.months {
			k := a * max(dst.MonthScale[ms.month], 0)
			b := g.base[ms.start:ms.end]
			ld := dst.Load[ms.start:ms.end]
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
	// expFast's domain (|x| ≳ 1, only for a large σ) are redone with
	// math.Exp afterwards.
	inside := true
	for _, ms := range g.months {
		k := a * max(dst.MonthScale[ms.month], 0) * w.corr
		b := g.base[ms.start:ms.end]
		ld := dst.Load[ms.start:ms.end]
		ld = ld[:len(b)]
		xs := dst.Weather[ms.start:ms.end]
		xs = xs[:len(b)]
		for i, v := range b {
			e, ok := expFast(xs[i])
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
		k := a * max(dst.MonthScale[ms.month], 0) * w.corr
		for h := ms.start; h < ms.end; h++ {
			if _, ok := expFast(dst.Weather[h]); !ok {
				dst.Load[h] = g.base[h] * k * math.Exp(dst.Weather[h])
			}
		}
	}
}
