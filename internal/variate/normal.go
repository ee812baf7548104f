package variate

import (
	"math"
	"math/rand/v2"
)

// Standard normal draws by the ziggurat of G. Marsaglia and W. W. Tsang,
// "The ziggurat method for generating random variables", Journal of
// Statistical Software 5(8), 2000, with their 128 strips (the same as
// math/rand/v2's NormFloat64), applied to a word of 32 or 21 bits rather
// than a whole 64-bit output, so that one output gives up to three
// normals. (Demand's hourly weather noise needs one normal per hour;
// r.NormFloat64 spends a whole 64-bit draw, through the rand.Source
// interface, on each, and was the largest cost of a demand sample, as
// BenchmarkSample in package demand shows.)
//
// [Normal32] works on a 32-bit word: 7 bits pick the strip and the other
// 25 bits, as a signed integer, the position in it, so index and position
// never share bits (the flaw of the paper's RNOR macro noted by
// J. A. Doornik, "An improved ziggurat method to generate normal random
// samples", 2005). The output is exact in distribution up to the 2⁻²⁴
// resolution of the position within a strip.
//
// [Normal21] works on a 21-bit word, three per 64-bit output: 7 bits pick
// the strip and 14 bits, signed, the position, so a normal is resolved to
// 2⁻¹³ of its strip's width. The widest strip is the base strip,
// q = v/f(r) ≈ 3.713, so every fast-path normal lies on a grid of spacing
// at most δ = 3.713·2⁻¹³ ≈ 4.5·10⁻⁴ and differs from a continuous draw in
// the same place by at most δ/2 (RMS δ/√12 ≈ 1.3·10⁻⁴); wedge and tail
// candidates keep that grid's x, and a rejected candidate restarts with a
// full 32-bit Normal32. The truncated inner-rectangle bounds
// (normZigK21) only send a fraction ≤ 2⁻¹³ of each strip to the exact
// wedge test. (On the log of load, demand's weather term is σ·√(1−φ²)·z
// per hour with stationary sd σ, so the quantisation moves it by
// σ·δ/√12 ≈ 1.3·10⁻⁴·σ RMS — 6.6·10⁻⁶ for σ = 0.05, a relative change in
// load of the same size, far below anything the model resolves.) Moments
// and tail frequencies of both are tested at 4 SE (TestNormal32Draws,
// TestNormal21Draws).

const (
	normStrips = 128
	// normZigR is the start of the tail, r in the paper (x_127 for 128
	// strips); normZigV is the common area of each strip. Both from the
	// paper's zigset for RNOR.
	normZigR = 3.442619855899
	normZigV = 9.91256303526217e-3
	// normZigScale32 is 2^24: the 25-bit signed position ranges over
	// [−2^24, 2^24).
	normZigScale32 = 1 << 24
)

// normZigK32, normZigW32 and normZigF are the ziggurat tables of the
// paper's zigset with m1 = normZigScale32: a position |j| < normZigK32[i]
// lies inside strip i's inner rectangle, x = j·normZigW32[i] is the
// candidate, and normZigF[i] = exp(−x_i²/2) the density at strip i's edge.
var normZigK32, normZigW32, normZigF = normZigTables(normZigScale32)

// normZigScale21 is 2^13: the 14-bit signed position of Normal21 ranges
// over [−2^13, 2^13). normZigK21 and normZigW21 are normZigK32 and
// normZigW32 for it (normZigF does not depend on the scale).
const normZigScale21 = 1 << 13

var normZigK21, normZigW21, _ = normZigTables(normZigScale21)

// normZigTables builds the tables for positions scaled by m1, following
// zigset in Marsaglia and Tsang (2000).
func normZigTables(m1 float64) (k [normStrips]uint32, w, f [normStrips]float64) {
	dn, tn := normZigR, normZigR
	q := normZigV / math.Exp(-0.5*dn*dn)
	k[0] = uint32(dn / q * m1)
	k[1] = 0
	w[0] = q / m1
	w[normStrips-1] = dn / m1
	f[0] = 1
	f[normStrips-1] = math.Exp(-0.5 * dn * dn)
	for i := normStrips - 2; i >= 1; i-- {
		dn = math.Sqrt(-2 * math.Log(normZigV/dn+math.Exp(-0.5*dn*dn)))
		k[i+1] = uint32(dn / tn * m1)
		tn = dn
		f[i] = math.Exp(-0.5 * dn * dn)
		w[i] = dn / m1
	}
	return k, w, f
}

// Normal32 returns a standard normal from the 32-bit word u, drawing more
// from r only in the case (2.8% of words) that u falls outside the
// strips' inner rectangles.
func Normal32(u uint32, r *rand.Rand) float64 {
	for {
		i := u & (normStrips - 1)
		j := int32(u) >> 7
		x := float64(j) * normZigW32[i]
		if absInt32(j) < normZigK32[i] {
			return x
		}
		if x, ok := normEdge(i, j, x, r); ok {
			return x
		}
		u = uint32(r.Uint64())
	}
}

// Normal21 returns a standard normal from the 21-bit word u (bits above
// 20 are ignored), drawing more from r only in the case (2.8% of words)
// that u falls outside the strips' inner rectangles. A rejected
// candidate restarts with Normal32, which is exact in distribution too.
func Normal21(u uint32, r *rand.Rand) float64 {
	i := u & (normStrips - 1)
	j := int32(u<<11) >> 18
	x := float64(j) * normZigW21[i]
	if absInt32(j) < normZigK21[i] {
		return x
	}
	if x, ok := normEdge(i, j, x, r); ok {
		return x
	}
	return Normal32(uint32(r.Uint64()), r)
}

// Normal21Rect is the common case of [Normal21], small enough to inline:
// the candidate normal for the low 21 bits of u, and whether it is
// accepted without further draws (true for 97.2% of words, TestNormal21Rect). When it
// is not, Normal21(u, r) finishes the draw.
func Normal21Rect(u uint32) (float64, bool) {
	i := u & (normStrips - 1)
	j := int32(u<<11) >> 18
	return float64(j) * normZigW21[i], absInt32(j) < normZigK21[i]
}

// normEdge handles a candidate outside the inner rectangle of strip i: the
// tail beyond normZigR for the base strip, or the wedge test otherwise. It
// reports false when the candidate is rejected.
func normEdge(i uint32, j int32, x float64, r *rand.Rand) (float64, bool) {
	if i == 0 {
		// Marsaglia's (1964) tail method, as in the paper.
		for {
			x = -math.Log(r.Float64()) / normZigR
			y := -math.Log(r.Float64())
			if y+y >= x*x {
				break
			}
		}
		if j > 0 {
			return normZigR + x, true
		}
		return -normZigR - x, true
	}
	if wedgeNormal(i, x, normZigF[i]+r.Float64()*(normZigF[i-1]-normZigF[i])) {
		return x, true
	}
	return 0, false
}

// normZigX[i] is the outer edge x_i of strip i (0 for i = 0, where the
// density is 1): normZigW32[i] scaled back by the power of two
// normZigScale32, so exact.
var normZigX = func() (x [normStrips]float64) {
	for i := 1; i < normStrips; i++ {
		x[i] = normZigW32[i] * normZigScale32
	}
	return x
}()

// wedgeNormal reports whether y < math.Exp(−x²/2), for a point of strip
// i ≥ 1 (|x| below normZigX[i], y between normZigF[i] and normZigF[i−1]),
// calling math.Exp only when cheap bounds cannot decide. With
// t = (x² − normZigX[i−1]²)/2 and s = (normZigX[i]² − x²)/2 (computed as
// products of a difference and a sum, without cancellation), the density
// lies above the tangent bounds max(normZigF[i−1]·(1 − t),
// normZigF[i]·(1 + s)), for any sign of t and s, and below the Taylor
// bound normZigF[i−1]·(1 − t + t²/2) for t ≥ 0. (The truncated acceptance
// tables let |x| fall slightly below normZigX[i−1], down to
// t ≈ −8·10⁻⁴ for Normal21; then the Taylor bound exceeds
// normZigF[i−1] ≥ y, so it rejects nothing, and the decision is left to
// the other bound or math.Exp.) On 2,000,000 random wedge points the
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
	a, b := normZigX[i-1], normZigX[i]
	t, s := (ax-a)*(ax+a)/2, (b-ax)*(b+ax)/2
	fa := normZigF[i-1]
	if lo := max(fa*(1-t), normZigF[i]*(1+s)); y < lo*(1-squeezeTol) {
		return true, true
	}
	if hi := fa * (1 - t + t*t/2); y >= hi*(1+squeezeTol) {
		return false, true
	}
	return false, false
}

// absInt32 returns |i| as an unsigned integer (exact for every int32).
func absInt32(i int32) uint32 {
	if i < 0 {
		return uint32(-i)
	}
	return uint32(i)
}
