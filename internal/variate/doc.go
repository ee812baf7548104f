// Package variate holds the random-variate kernels of the models, written
// once: a register-held PCG generator, ziggurat samplers for the
// exponential and the normal, a gamma (and beta) sampler, a Poisson
// sampler, the normal CDF Φ, and a table-driven exp for small arguments.
//
// It exists because the models' hot loops cannot afford gonum's distuv
// types (with Src set they call rand.New on every draw, which allocates)
// nor an interface call per draw, and so each model had grown its own
// copy of these kernels. It is internal because its API is shaped by
// those loops, not by users: samplers take the concrete generator a loop
// holds ([PCG] by value, or a *rand.Rand), fast paths are split from slow
// paths so that they inline into the caller, and the draw sequence of
// every kernel is part of the reproducibility contract of the packages
// that use it — a change here changes their numbers, which their golden
// tests catch.
//
// # Kernels
//
//   - [PCG]: PCG-DXSM, output for output the generator of math/rand/v2's
//     PCG (TestPCGMatchesRandPCG), held in two registers by a caller's
//     loop. [PCG.Uniform] takes the high 53 bits of an output. Used by the
//     grid's outage simulator.
//   - [Exponential], [ExponentialRect], [ExponentialSlow]: the standard
//     exponential from a PCG by Marsaglia and Tsang's ziggurat with 256
//     layers, exact in distribution up to the 2⁻³² resolution of the
//     position within a layer; one output per draw in 97.8% of draws.
//     A wedge test decided by cheap bounds before math.Exp, without
//     changing any decision (TestWedgeExpMatchesExp). Moments and tails
//     are tested at 4 SE (TestExponential). Used by the outage simulator.
//   - [Normal32], [Normal21], [Normal21Rect]: the standard normal by the
//     128-strip ziggurat (that of math/rand/v2's NormFloat64) from a
//     32-bit word, resolved to 2⁻²⁴ of a strip, or from a 21-bit word,
//     three per 64-bit output, resolved to 2⁻¹³ of a strip (at most
//     2.3·10⁻⁴ from a continuous draw); tested at 4 SE on moments and
//     tail frequencies (TestNormal32Draws, TestNormal21Draws). Used by
//     demand's weather noise.
//   - [Gamma], [Beta], [MinUniform]: Marsaglia and Tsang's gamma sampler
//     (with the boost below shape 1), the beta as a ratio of gammas, and
//     the minimum of n uniforms; means and variances tested at 4 SE
//     (TestGamma, TestBeta). Used by demand's heat-wave durations and
//     mining's block arrivals.
//   - [Poisson]: multiplication of uniforms below mean 10, Hörmann's PTRS
//     above; moments at 4 SE and a chi-square goodness of fit on both
//     sides of the switch (TestPoissonMoments, TestPoissonGoodnessOfFit).
//     Used by mining's price jumps and block arrivals.
//   - [Phi], [PhiExact]: Φ from a table of degree-7 Hermite interpolants,
//     within 2e-13 absolute and 1e-8 relative of math.Erfc's value
//     (TestPhi), and Φ from math.Erfc itself (TestPhiExact). Used by
//     mining's installed-capacity share and the grid's COPT tail.
//   - [FastExp]: exp(x) for |x| < 1 from a 512-per-unit table and a
//     degree-4 polynomial, within 3 ulp of math.Exp (TestFastExp; at most
//     2 found); outside its domain the caller calls math.Exp. Used by
//     demand's weather multiplier.
//
// Nothing here allocates, and no kernel keeps state between calls other
// than the caller's generator.
package variate
