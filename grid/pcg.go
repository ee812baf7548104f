package grid

import (
	"math/bits"

	"github.com/carveout/carveout/montecarlo"
)

// pcg is a PCG-DXSM generator that computes exactly what math/rand/v2's
// PCG computes — a 128-bit linear congruential step, state·m + c mod 2¹²⁸,
// followed by the DXSM ("double xorshift multiply") output function, as
// defined for M. E. O'Neill's PCG family (pcg-random.org; m and c are the
// 128-bit defaults of the reference implementation, DXSM the output used
// by NumPy's PCG64DXSM) — so that seeded with the same two words it gives
// the same sequence as a rand.PCG (TestPCGMatchesRandPCG).
//
// It exists for the outage loop, which runs once per outage event: a
// pcg held in a local variable, whose methods inline, keeps its two words
// in registers, whereas a *rand.PCG's state goes through memory on every
// call (measured on the paired study benchmark; see Simulator.Path).
type pcg struct{ hi, lo uint64 }

// reseed sets p to the start of trial t's stream for key, as
// [montecarlo.Trial.Reseed] does for a rand.PCG.
func (p *pcg) reseed(t montecarlo.Trial, key montecarlo.StreamKey) {
	p.hi, p.lo = key.Seed(t.Seed, t.Index)
}

// next returns the next 64-bit output.
func (p *pcg) next() uint64 {
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

// uniform returns a uniform draw in [0, 1) with 53 random bits.
func (p *pcg) uniform() float64 {
	return float64(p.next()>>11) / (1 << 53)
}
