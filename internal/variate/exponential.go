package variate

import "math"

// Standard exponential draws by the ziggurat method of G. Marsaglia and
// W. W. Tsang, "The ziggurat method for generating random variables",
// Journal of Statistical Software 5(8), 2000, with 256 layers. The tables
// are built at start-up from the paper's constants; a draw costs one
// 64-bit output of a [PCG] in 97.8% of cases, when the point lies inside
// its layer's rectangle (the low 32 bits place the point in its layer, the
// next 8 choose the layer); the others go to the wedge test or the tail.
//
// The sampler works on the concrete PCG so that the source call inlines:
// through a *rand.Rand every draw would pay an interface call, a
// measurable share of a 300-unit trial-year. (A gonum distuv.Exponential
// with Src set would be slower still: it calls rand.New(Src), which
// allocates, on every draw.)

const (
	expZigR     = 7.697117470131487    // right edge of the base layer (Marsaglia and Tsang, Table 1)
	expZigV     = 3.949659822581572e-3 // area of each layer
	expZigScale = 4294967296.0         // 2^32: the scale of the 32-bit position
)

var expZigK [256]uint32  // acceptance bound of each layer, in units of 2^-32 of its width
var expZigW [256]float64 // layer width per unit of the 32-bit position
var expZigF [256]float64 // exp(−x) at each layer's right edge
var expZigX [256]float64 // each layer's right edge x; expZigX[0] = 0, the top's left end, where exp = 1

func init() {
	d, t := expZigR, expZigR
	q := expZigV / math.Exp(-d)
	expZigK[0] = uint32(d / q * expZigScale)
	expZigK[1] = 0
	expZigW[0] = q / expZigScale
	expZigW[255] = d / expZigScale
	expZigF[0] = 1
	expZigF[255] = math.Exp(-d)
	expZigX[255] = d
	for i := 254; i >= 1; i-- {
		d = -math.Log(expZigV/d + math.Exp(-d))
		expZigK[i+1] = uint32(d / t * expZigScale)
		t = d
		expZigF[i] = math.Exp(-d)
		expZigW[i] = d / expZigScale
		expZigX[i] = d
	}
}

// squeezeTol is the relative margin by which a squeeze bound must clear
// the point before it decides a wedge test, in both ziggurats (this and
// the normal's). The bounds and math.Exp are each within a few units in
// the last place (~1e-15) of the true values, so a point that clears a
// bound by this margin gets the decision the test with math.Exp would
// give: the squeeze changes no draw.
const squeezeTol = 1e-12

// wedgeExp reports whether y < math.Exp(−x), for a point of layer i ≥ 1
// (x below expZigX[i], y between expZigF[i] and expZigF[i−1]), calling
// math.Exp only when cheap bounds cannot decide. With t = x − expZigX[i−1]
// and s = expZigX[i] − x, exp(−x) lies above the tangent bounds
// max(expZigF[i−1]·(1 − t), expZigF[i]·(1 + s)), for any sign of t and s,
// and below the Taylor bound expZigF[i−1]·(1 − t + t²/2) for t ≥ 0. (The
// truncated acceptance table lets x fall a hair below expZigX[i−1]; then
// t < 0 and the Taylor bound exceeds expZigF[i−1] ≥ y, so it rejects
// nothing, and the decision is left to the other bound or math.Exp.) The
// bounds decide 99.9% of random wedge points and leave the rest to
// math.Exp (TestWedgeExpMatchesExp).
func wedgeExp(i uint8, x, y float64) bool {
	if under, ok := squeezeExp(i, x, y); ok {
		return under
	}
	return y < math.Exp(-x)
}

// squeezeExp is wedgeExp's test by the bounds alone: whether the point is
// under the curve, and whether the bounds decide it.
func squeezeExp(i uint8, x, y float64) (under, ok bool) {
	fa := expZigF[i-1]
	t, s := x-expZigX[i-1], expZigX[i]-x
	if lo := max(fa*(1-t), expZigF[i]*(1+s)); y < lo*(1-squeezeTol) {
		return true, true
	}
	if hi := fa * (1 - t + t*t/2); y >= hi*(1+squeezeTol) {
		return false, true
	}
	return false, false
}

// Exponential returns a standard exponential draw from p. It does not
// inline (the generator step alone costs most of the compiler's budget);
// a loop that draws once per event should write out the common case with
// [ExponentialRect] and [ExponentialSlow], which give the same draws:
//
//	w := p.Uint64()
//	x, ok := variate.ExponentialRect(w)
//	if !ok {
//		x, p = variate.ExponentialSlow(p, uint32(w), uint8(w>>32))
//	}
//
// (ExponentialSlow takes the output split rather than whole because that
// allocates registers better in the grid's class-target loop, which is
// short of them: passing w whole cost it 2–3 instructions per outage
// event, measured with callgrind.)
func Exponential(p *PCG) float64 {
	w := p.Uint64()
	if x, ok := ExponentialRect(w); ok {
		return x
	}
	var x float64
	x, *p = ExponentialSlow(*p, uint32(w), uint8(w>>32))
	return x
}

// ExponentialRect is the common case of a draw from the 64-bit output w
// (its low 32 bits place the point in a layer, the next 8 choose the
// layer): the candidate x and whether it is accepted, which it is when
// the point lies inside its layer's rectangle (97.8% of outputs). It
// inlines.
func ExponentialRect(w uint64) (x float64, ok bool) {
	j, i := uint32(w), uint8(w>>32)
	return float64(j) * expZigW[i], j < expZigK[i]
}

// ExponentialSlow finishes a draw whose output w was not accepted by
// [ExponentialRect], given as j = uint32(w) and i = uint8(w>>32): the tail
// beyond the base layer's edge, else the wedge test, drawing afresh from p
// on rejection. It returns the draw and the generator's new state. (p is
// passed and returned by value so that a caller's generator need not have
// its address taken, which would keep it out of registers.)
func ExponentialSlow(p PCG, j uint32, i uint8) (float64, PCG) {
	for {
		x := float64(j) * expZigW[i]
		if j < expZigK[i] {
			return x, p
		}
		if i == 0 {
			return expZigR - math.Log(1-p.Uniform()), p // the tail beyond expZigR
		}
		// The wedge between rectangle and curve.
		if wedgeExp(i, x, expZigF[i]+p.Uniform()*(expZigF[i-1]-expZigF[i])) {
			return x, p
		}
		u := p.Uint64()
		j, i = uint32(u), uint8(u>>32)
	}
}
