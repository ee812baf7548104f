package variate

import "math/bits"

// PCG is a PCG-DXSM generator that computes exactly what math/rand/v2's
// PCG computes — a 128-bit linear congruential step, state·m + c mod 2¹²⁸,
// followed by the DXSM ("double xorshift multiply") output function, as
// defined for M. E. O'Neill's PCG family (pcg-random.org; m and c are the
// 128-bit defaults of the reference implementation, DXSM the output used
// by NumPy's PCG64DXSM) — so that seeded with the same two words it gives
// the same sequence as a rand.PCG (TestPCGMatchesRandPCG).
//
// It exists for loops that draw once per event, like the grid's outage
// loop: a PCG held in a local variable, whose methods inline, keeps its two
// words in registers, whereas a *rand.PCG's state goes through memory on
// every call. Pass it by value to helpers that are not inlined (as
// [ExponentialSlow] does) so that the caller's copy need not have its
// address taken.
type PCG struct{ hi, lo uint64 }

// NewPCG returns a PCG seeded with the two words hi and lo, the state a
// rand.PCG has after Seed(hi, lo).
func NewPCG(hi, lo uint64) PCG { return PCG{hi, lo} }

// Uint64 returns the next 64-bit output.
func (p *PCG) Uint64() uint64 {
	const (
		mulHi = 0x2360ed051fc65da4
		mulLo = 0x4385df649fccf645
		incHi = 0x5851f42d4c957f2d
		incLo = 0x14057b7ef767814f
		dxsm  = 0xda942042e4dd58b5
	)
	h, l := bits.Mul64(p.lo, mulLo)
	h += p.hi*mulLo + p.lo*mulHi
	l, c := bits.Add64(l, incLo, 0)
	h, _ = bits.Add64(h, incHi, c)
	p.hi, p.lo = h, l
	o := h ^ h>>32
	o *= dxsm
	o ^= o >> 48
	return o * (l | 1)
}

// Uniform returns a uniform draw in [0, 1) from the high 53 bits of the
// next output. (It is not rand.Rand.Float64, which takes the low 53 bits:
// the two give different numbers from the same output.)
func (p *PCG) Uniform() float64 {
	return float64(p.Uint64()>>11) / (1 << 53)
}
