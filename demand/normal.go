package demand

import (
	"math"
	"math/rand/v2"
)

// This file draws standard normals three per 64-bit word for the hourly
// weather noise, which needs one normal per hour. r.NormFloat64 spends a
// whole 64-bit draw (through the rand.Source interface) on each normal and
// was the largest cost of a Sample (measured: ≈5.5 ns of the ≈15 ns per
// hour before this change); splitting each word in three divides the
// number of source calls by three.
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
//
// The weather path uses the same ziggurat on 21-bit words (normal21), three
// per 64-bit draw: 7 bits pick the strip and 14 bits, signed, the
// position, so a normal is resolved to 2⁻¹³ of its strip's width. The
// widest strip is the base strip, q = v/f(r) ≈ 3.713, so every fast-path
// normal lies on a grid of spacing at most δ = 3.713·2⁻¹³ ≈ 4.5·10⁻⁴ and
// differs from a continuous draw in the same place by at most δ/2 (RMS
// δ/√12 ≈ 1.3·10⁻⁴); wedge and tail candidates keep that grid's x, and a
// rejected candidate restarts with a full 32-bit normal32. The truncated
// inner-rectangle bounds (zigK21) only send a fraction ≤ 2⁻¹³ of each
// strip to the exact wedge test. On the log of load the weather term is
// σ·√(1−φ²)·z per hour with stationary sd σ, so the quantisation moves x_h
// by σ·δ/√12 ≈ 1.3·10⁻⁴·σ RMS — 6.6·10⁻⁶ for σ = 0.05, a relative change
// in load of the same size, far below anything the model resolves.
// Moments and tail frequencies of normal21 are tested at 4 SE
// (TestNormal21Draws).

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

// zigScale21 is 2^13: the 14-bit signed position of normal21 ranges over
// [−2^13, 2^13). zigK21 and zigW21 are zigK and zigW for it (zigF does not
// depend on the scale).
const zigScale21 = 1 << 13

var zigK21, zigW21, _ = zigTables(zigScale21)

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

// normal21 returns a standard normal from the 21-bit word u (bits above
// 20 are ignored), drawing more from r only in the rare case (about 1.2%
// of calls) that u falls outside the strips' inner rectangles. A rejected
// candidate restarts with normal32, which is exact in distribution too.
func normal21(u uint32, r *rand.Rand) float64 {
	i := u & (zigStrips - 1)
	j := int32(u<<11) >> 18
	x := float64(j) * zigW21[i]
	if absInt32(j) < zigK21[i] {
		return x
	}
	if x, ok := zigEdge(i, j, x, r); ok {
		return x
	}
	return normal32(uint32(r.Uint64()), r)
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
	if wedgeNormal(i, x, zigF[i]+r.Float64()*(zigF[i-1]-zigF[i])) {
		return x, true
	}
	return 0, false
}

// zigX[i] is the outer edge x_i of strip i (0 for i = 0, where the
// density is 1): zigW[i] scaled back by the power of two zigScale, so
// exact.
var zigX = func() (x [zigStrips]float64) {
	for i := 1; i < zigStrips; i++ {
		x[i] = zigW[i] * zigScale
	}
	return x
}()

// squeezeTol is the relative margin by which a squeeze bound must clear
// the point before it decides a wedge test. The bounds and math.Exp are
// each within a few units in the last place (~1e-15) of the true values,
// so a point that clears a bound by this margin gets the decision the
// test with math.Exp would give: the squeeze changes no draw.
const squeezeTol = 1e-12

// wedgeNormal reports whether y < math.Exp(−x²/2), for a point of strip
// i ≥ 1 (|x| below zigX[i], y between zigF[i] and zigF[i−1]), calling
// math.Exp only when cheap bounds cannot decide. With
// t = (x² − zigX[i−1]²)/2 and s = (zigX[i]² − x²)/2 (computed as products
// of a difference and a sum, without cancellation), the density lies above
// the tangent bounds max(zigF[i−1]·(1 − t), zigF[i]·(1 + s)), for any sign
// of t and s, and below the Taylor bound zigF[i−1]·(1 − t + t²/2) for
// t ≥ 0. (The truncated acceptance tables let |x| fall slightly below
// zigX[i−1], down to t ≈ −8·10⁻⁴ for normal21; then the Taylor bound
// exceeds zigF[i−1] ≥ y, so it rejects nothing, and the decision is left
// to the other bound or math.Exp.) On 2,000,000 random wedge points the
// bounds decide all but a few in a thousand (TestWedgeNormalMatchesExp).
func wedgeNormal(i uint32, x, y float64) bool {
	if under, ok := squeezeNormal(i, x, y); ok {
		return under
	}
	return y < math.Exp(-0.5*x*x)
}

// squeezeNormal is wedgeNormal's test by the bounds alone: whether the
// point is under the density, and whether the bounds decide it.
func squeezeNormal(i uint32, x, y float64) (under, ok bool) {
	ax := math.Abs(x)
	a, b := zigX[i-1], zigX[i]
	t, s := (ax-a)*(ax+a)/2, (b-ax)*(b+ax)/2
	fa := zigF[i-1]
	if lo := max(fa*(1-t), zigF[i]*(1+s)); y < lo*(1-squeezeTol) {
		return true, true
	}
	if hi := fa * (1 - t + t*t/2); y >= hi*(1+squeezeTol) {
		return false, true
	}
	return false, false
}

func absInt32(i int32) uint32 {
	if i < 0 {
		return uint32(-i)
	}
	return uint32(i)
}
