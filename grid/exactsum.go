package grid

import "math"

// Error-free arithmetic for the settlement of an hour (see
// [NetworkAvailability.settlePart]): the sum of a few float64 values and
// products, held without rounding as a floating-point expansion (J. R.
// Shewchuk, "Adaptive precision floating-point arithmetic and fast robust
// geometric predicates", Discrete & Computational Geometry 18(3), 1997):
// a list of non-overlapping float64 components, smallest first, whose
// exact sum is the value. Each addition of a term is a run of two-sums,
// each of which splits a+b into its rounded sum and the exact error of
// that rounding; each product is split likewise by a fused multiply-add.
// Nothing here depends on the order of evaluation beyond what is written:
// every value is exact until the one rounding at the end.

// twoSum returns a+b rounded and the error of that rounding: s+e = a+b
// exactly (Knuth's branch-free two-sum; no overflow assumed).
func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return s, e
}

// twoProd returns a·b rounded and the error of that rounding: p+e = a·b
// exactly, unless the product overflows or its error underflows (it
// cannot when b is an integer, as every multiple of the smallest unit
// of a is representable).
func twoProd(a, b float64) (p, e float64) {
	p = float64(a * b) // the conversion forbids fusing the product into what follows
	e = math.FMA(a, b, -p)
	return p, e
}

// expansion is an exact sum of float64 values in its scratch memory.
type expansion struct {
	parts []float64 // non-overlapping components, increasing magnitude, no zeros
}

// reset empties the sum.
func (x *expansion) reset() { x.parts = x.parts[:0] }

// add adds v exactly (Shewchuk's grow-expansion with zero elimination).
func (x *expansion) add(v float64) {
	if v == 0 {
		return
	}
	k := 0
	for _, p := range x.parts {
		s, e := twoSum(v, p)
		if e != 0 {
			x.parts[k] = e
			k++
		}
		v = s
	}
	x.parts = append(x.parts[:k], v)
	if v == 0 { // everything cancelled
		x.parts = x.parts[:k]
	}
}

// addProd adds a·b exactly (see [twoProd]).
func (x *expansion) addProd(a, b float64) {
	p, e := twoProd(a, b)
	x.add(e)
	x.add(p)
}

// addInt adds the integer v exactly, as two float64 values when it has
// more than 53 significant bits.
func (x *expansion) addInt(v int64) {
	hi := float64(v)
	x.add(float64(v - int64(hi))) // |v| < 2^62 on the capacity grid: no overflow
	x.add(hi)
}

// sign returns the sign of the exact sum: −1, 0 or +1. The largest
// component of a non-overlapping expansion outweighs all the others.
func (x *expansion) sign() int {
	if len(x.parts) == 0 {
		return 0
	}
	if x.parts[len(x.parts)-1] < 0 {
		return -1
	}
	return 1
}

// round returns the exact sum correctly rounded to the nearest float64
// (ties to even). The components are summed from the largest down until
// one addition is inexact; its error, and the sign of what lies below
// it, settle a sum that falls half-way between two float64 values (the
// technique of Python's math.fsum).
func (x *expansion) round() float64 {
	p := x.parts
	n := len(p)
	if n == 0 {
		return 0
	}
	hi, lo := p[n-1], 0.0
	n--
	for n > 0 {
		var e float64
		hi, e = twoSum(hi, p[n-1])
		n--
		if e != 0 {
			lo = e
			break
		}
	}
	// hi+lo is exact and lo is half an ulp of hi or less. If lo is
	// exactly half an ulp, hi was rounded to even; a remainder below it
	// of the same sign puts the exact sum beyond the half-way point.
	if n > 0 && (lo < 0 && p[n-1] < 0 || lo > 0 && p[n-1] > 0) {
		y := 2 * lo
		if s := hi + y; s-hi == y {
			hi = s
		}
	}
	return hi
}

// quo returns the exact sum divided by u (> 0), correctly rounded to the
// nearest float64 (ties to even); tmp is scratch. The quotient of the
// rounded sum is within an ulp and a half of the exact one, so at most
// two steps to a neighbour, each checked by the sign of an exact
// residual, reach the nearest float64.
func (x *expansion) quo(u float64, tmp *expansion) float64 {
	q := x.round()
	if u == 1 || q == 0 {
		return q
	}
	q /= u
	for range 4 {
		r := x.residual(q, u, tmp) // the sign of X − q·u
		if r == 0 {
			return q
		}
		q2 := math.Nextafter(q, float64(r)*math.Inf(1))
		r2 := x.residual(q2, u, tmp)
		switch {
		case r2 == r: // X/u lies beyond q2
			q = q2
			continue
		case r2 == 0:
			return q2
		}
		// X/u lies strictly between q and q2: the nearer is on the side
		// of the sign of 2X − (q+q2)·u.
		tmp.reset()
		for _, p := range x.parts {
			tmp.add(2 * p)
		}
		tmp.addProd(-q, u)
		tmp.addProd(-q2, u)
		switch m := tmp.sign(); {
		case m == r:
			return q2
		case m == 0 && math.Float64bits(q)&1 != 0:
			return q2
		}
		return q
	}
	return q // not reached: the first quotient is within two steps
}

// residual returns the sign of X − q·u, X being the exact sum.
func (x *expansion) residual(q, u float64, tmp *expansion) int {
	tmp.reset()
	tmp.parts = append(tmp.parts, x.parts...)
	tmp.addProd(-q, u)
	return tmp.sign()
}
