package grid

import "math"

// Exponential draws by the ziggurat method of G. Marsaglia and W. W. Tsang,
// "The ziggurat method for generating random variables", Journal of
// Statistical Software 5(8), 2000, with 256 layers. The tables are built
// at start-up from the paper's constants; a draw costs one 64-bit output
// of the source in about 99% of cases (the low 32 bits place the point in
// its layer, the next 8 choose the layer).
//
// The sampler works on the concrete pcg (pcg.go) so that the source call
// inlines: through a *rand.Rand every draw would pay an interface call, a
// measurable share of a 300-unit trial-year. (A gonum distuv.Exponential
// with Src set would be slower still: it calls rand.New(Src), which
// allocates, on every draw.)

const (
	zigR = 7.697117470131487    // right edge of the base layer (Marsaglia and Tsang, Table 1)
	zigV = 3.949659822581572e-3 // area of each layer
	zigM = 4294967296.0         // 2^32: the scale of the 32-bit position
)

var zigK [256]uint32  // acceptance bound of each layer, in units of 2^-32 of its width
var zigW [256]float64 // layer width per unit of the 32-bit position
var zigF [256]float64 // exp(−x) at each layer's right edge
var zigX [256]float64 // each layer's right edge x; zigX[0] = 0, the top's left end, where exp = 1

func init() {
	d, t := zigR, zigR
	q := zigV / math.Exp(-d)
	zigK[0] = uint32(d / q * zigM)
	zigK[1] = 0
	zigW[0] = q / zigM
	zigW[255] = d / zigM
	zigF[0] = 1
	zigF[255] = math.Exp(-d)
	zigX[255] = d
	for i := 254; i >= 1; i-- {
		d = -math.Log(zigV/d + math.Exp(-d))
		zigK[i+1] = uint32(d / t * zigM)
		t = d
		zigF[i] = math.Exp(-d)
		zigW[i] = d / zigM
		zigX[i] = d
	}
}

// squeezeTol is the relative margin by which a squeeze bound must clear
// the point before it decides a wedge test. The bounds and math.Exp are
// each within a few units in the last place (~1e-15) of the true values,
// so a point that clears a bound by this margin gets the decision the
// test with math.Exp would give: the squeeze changes no draw.
const squeezeTol = 1e-12

// wedgeExp reports whether y < math.Exp(−x), for a point of layer i ≥ 1
// (x below zigX[i], y between zigF[i] and zigF[i−1]), calling math.Exp
// only when cheap bounds cannot decide. With t = x − zigX[i−1] and
// s = zigX[i] − x, exp(−x) lies above the tangent bounds
// max(zigF[i−1]·(1 − t), zigF[i]·(1 + s)), for any sign of t and s, and
// below the Taylor bound zigF[i−1]·(1 − t + t²/2) for t ≥ 0. (The
// truncated acceptance table lets x fall a hair below zigX[i−1]; then
// t < 0 and the Taylor bound exceeds zigF[i−1] ≥ y, so it rejects
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
	fa := zigF[i-1]
	t, s := x-zigX[i-1], zigX[i]-x
	if lo := max(fa*(1-t), zigF[i]*(1+s)); y < lo*(1-squeezeTol) {
		return true, true
	}
	if hi := fa * (1 - t + t*t/2); y >= hi*(1+squeezeTol) {
		return false, true
	}
	return false, false
}

// expFloat64 returns a standard exponential draw from p. The common case
// (a point inside its layer's rectangle) is small enough to inline into
// the caller's loop; the rest is in expSlow.
func expFloat64(p *pcg) float64 {
	u := p.next()
	j := uint32(u)
	i := uint8(u >> 32)
	if j < zigK[i] {
		return float64(j) * zigW[i] // inside the layer's rectangle: accept
	}
	var x float64
	x, *p = expSlow(*p, j, i)
	return x
}

// expSlow finishes a draw whose point fell outside its layer's rectangle:
// the tail beyond zigR for the base layer, else the wedge test, drawing
// afresh on rejection.
func expSlow(p pcg, j uint32, i uint8) (float64, pcg) {
	// p is passed and returned by value so that a caller's generator need
	// not have its address taken, which would keep it out of registers.
	for {
		x := float64(j) * zigW[i]
		if j < zigK[i] {
			return x, p
		}
		if i == 0 {
			return zigR - math.Log(1-p.uniform()), p // the tail beyond zigR
		}
		// The wedge between rectangle and curve.
		if wedgeExp(i, x, zigF[i]+p.uniform()*(zigF[i-1]-zigF[i])) {
			return x, p
		}
		u := p.next()
		j, i = uint32(u), uint8(u>>32)
	}
}
