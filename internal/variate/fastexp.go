package variate

import "math"

// FastExp computes exp for small arguments (demand's weather multiplier,
// one call per hour, where math.Exp was the other large cost of a demand
// sample; BenchmarkSample in package demand measures it). The weather
// term is small (|x| is a few σ, σ a few per cent), so exp(x) = T·(1 + q), with
// T = exp(t/512) from a table at the node t/512 nearest to x and
// q = exp(r) − 1 from a degree-4 Taylor polynomial on the remainder
// r = x − t/512, |r| ≤ 2⁻¹⁰, evaluated as T + T·q. The truncation error is
// below r⁵/120 ≤ 7.4·10⁻¹⁸ (relative), so the result is within about
// 1.5 ulp of exp(x) (table entry and final rounding); TestFastExp finds
// at most 2 ulp between it and math.Exp and fails above 3. Outside the
// table the caller calls math.Exp.

const (
	// fastExpSteps is the number of table nodes per unit of x.
	fastExpSteps = 512
	// fastExpRange is the half-width of the table's domain; |x| < 1 covers
	// more than 10σ for any weather σ up to 0.1 (a judgement on the
	// useful range; larger σ only costs calls to math.Exp).
	fastExpRange = 1
	fastExpOff   = fastExpRange * fastExpSteps
)

// fastExpTable[t] = exp((t − fastExpOff)/fastExpSteps).
var fastExpTable = func() (t [2*fastExpOff + 1]float64) {
	for i := range t {
		t[i] = math.Exp(float64(i-fastExpOff) / fastExpSteps)
	}
	return t
}()

// fastExpC holds FastExp's constants. Reading them from a variable rather
// than writing them as literals lets the compiler use them as memory
// operands of the arithmetic instead of loading each into a register
// first (about 8 fewer instructions per call, measured with callgrind on
// demand's Generator.fillLoad).
var fastExpC = struct{ steps, off, inv, c1, c2, c3, c4 float64 }{
	fastExpSteps, fastExpOff + 0.5, 1.0 / fastExpSteps, 1, 1.0 / 2, 1.0 / 6, 1.0 / 24,
}

// FastExp returns exp(x), within 2 ulp of math.Exp, and true when x lies
// in the table's domain (roughly −1 < x < 1), and false otherwise (NaN
// included), leaving the call to math.Exp to the caller so that FastExp
// inlines.
func FastExp(x float64) (float64, bool) {
	// v = 512x + 512.5. Where v ≥ 1 the conversion, which truncates,
	// gives t = ⌊v⌋, the nearest node; where v < 1 it may truncate
	// towards zero instead, so t = 0 (and anything below, or the
	// arbitrary result for NaN or huge x) is rejected by the unsigned
	// test, as is t > 1024. Then r is exact (Sterbenz) and |r| ≤ 2⁻¹⁰.
	t := int(x*fastExpC.steps + fastExpC.off)
	if uint(t-1) >= 2*fastExpOff {
		return 0, false
	}
	r := x - float64(t-fastExpOff)*fastExpC.inv
	e := fastExpTable[t]
	return e + e*(r*(fastExpC.c1+r*(fastExpC.c2+r*(fastExpC.c3+r*fastExpC.c4)))), true
}
