package demand

import "math/rand/v2"

// DrawScale draws the whole-horizon scale A = 1 + σZ, Z standard normal,
// from r: the first draw of a trial's LFU stream. The load is scaled by
// max(A, 0). Every caller that applies load forecast uncertainty to a
// whole series (package grid's adequacy among them) draws it here, so
// that the same stream gives the same scale everywhere. A nil r is a
// programming error: DrawScale panics.
func (l LFU) DrawScale(r *rand.Rand) float64 { return 1 + l.Sigma*r.NormFloat64() }

// drawLFU draws the whole-horizon scale and, when monthly scaling is on,
// the 12 monthly scales into dst, from r. The whole-horizon Z is drawn
// first, so turning monthly scaling on or off leaves it unchanged.
// With LFU off it sets the scales to 1 and draws nothing.
func drawLFU(l LFU, r *rand.Rand, dst *Sample) {
	dst.LFUScale = 1
	for m := range dst.MonthScale {
		dst.MonthScale[m] = 1
	}
	if !l.on() {
		return
	}
	dst.LFUScale = l.DrawScale(r)
	if l.MonthlySigma > 0 {
		for m := range dst.MonthScale {
			dst.MonthScale[m] = 1 + l.MonthlySigma*r.NormFloat64()
		}
	}
}
