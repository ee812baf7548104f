package variate

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestNormZigTablesMatchStdlib checks the table construction against entries
// of math/rand/v2's tables (built with m1 = 2^31; kn, wn and fn copied
// from $GOROOT/src/math/rand/v2/normal.go, Go 1.26).
func TestNormZigTablesMatchStdlib(t *testing.T) {
	k, w, f := normZigTables(1 << 31)
	wantK := map[int]uint32{0: 0x76ad2212, 1: 0x0, 2: 0x600f1b53, 3: 0x6ce447a6, 4: 0x725b46a2,
		124: 0x7c600f1a, 125: 0x7ba90bdc, 126: 0x7a722176, 127: 0x77d664e5}
	for i, want := range wantK {
		if k[i] != want {
			t.Errorf("kn[%d] = %#x, want %#x", i, k[i], want)
		}
	}
	wantW := map[int]float32{0: 1.7290405e-09, 1: 1.2680929e-10, 2: 1.6897518e-10, 127: 1.6030948e-09}
	for i, want := range wantW {
		if float32(w[i]) != want {
			t.Errorf("wn[%d] = %v, want %v", i, float32(w[i]), want)
		}
	}
	wantF := map[int]float32{0: 1, 1: 0.9635997, 2: 0.9362827, 126: 0.005548995, 127: 0.0026696292}
	for i, want := range wantF {
		if float32(f[i]) != want {
			t.Errorf("fn[%d] = %v, want %v", i, float32(f[i]), want)
		}
	}
}

// formatFloat formats a bin edge for a test message.
func formatFloat(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }

// checkStdNormal checks a sample against N(0, 1): mean, E z², E z⁴ and
// E z⁶, and the frequency of the bins between edges, each within 4 SE
// (Var z = 1, Var z² = 2, Var z⁴ = 105 − 9 = 96, Var z⁶ = 10395 − 225).
func checkStdNormal(t *testing.T, zs []float64, edges []float64) {
	t.Helper()
	counts := make([]int, len(edges)+1)
	var s1, s2, s4, s6 float64
	for _, z := range zs {
		z2 := z * z
		s1 += z
		s2 += z2
		s4 += z2 * z2
		s6 += z2 * z2 * z2
		b := 0
		for b < len(edges) && z >= edges[b] {
			b++
		}
		counts[b]++
	}
	N := float64(len(zs))
	check := func(name string, got, want, se float64) {
		t.Helper()
		if math.Abs(got-want) > 4*se {
			t.Errorf("%s = %.6g, want %.6g ± %.3g (4 SE)", name, got, want, 4*se)
		}
	}
	check("mean", s1/N, 0, math.Sqrt(1/N))
	check("E z²", s2/N, 1, math.Sqrt(2/N))
	check("E z⁴", s4/N, 3, math.Sqrt(96/N))
	check("E z⁶", s6/N, 15, math.Sqrt(10170/N))
	for b, c := range counts {
		lo, hi := math.Inf(-1), math.Inf(1)
		if b > 0 {
			lo = edges[b-1]
		}
		if b < len(edges) {
			hi = edges[b]
		}
		p := PhiExact(hi) - PhiExact(lo)
		check("P(z in ["+formatFloat(lo)+", "+formatFloat(hi)+"))", float64(c)/N, p, math.Sqrt(p*(1-p)/N))
	}
}

// TestNormal32Draws checks Normal32, one per 32-bit word, against
// N(0, 1) with checkStdNormal, its bins including the tail beyond the
// ziggurat's r.
func TestNormal32Draws(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	zs := make([]float64, 1_000_000)
	for i := range zs {
		zs[i] = Normal32(uint32(r.Uint64()), r)
	}
	checkStdNormal(t, zs, []float64{-normZigR, -3, -2, -1, -0.5, 0, 0.5, 1, 2, 3, normZigR})
}

// TestNormal21Rect checks that Normal21Rect accepts exactly the words
// that Normal21 turns into a normal without drawing more, with the same
// value, on every seventh of the 2²¹ words (7 is prime to the 128 strips,
// so every strip and both signs appear), and that it accepts 97.2% of
// them, the share of words that fall in the strips' inner rectangles.
func TestNormal21Rect(t *testing.T) {
	accepted, n := 0, 0
	for u := uint32(0); u < 1<<21; u += 7 {
		src := rand.NewPCG(uint64(u), 1)
		r := rand.New(src)
		before := *src
		want := Normal21(u, r)
		drew := *src != before
		got, ok := Normal21Rect(u)
		if ok == drew || (ok && got != want) {
			t.Fatalf("word %#x: Normal21Rect = (%v, %v), Normal21 = %v (drew more: %v)", u, got, ok, want, drew)
		}
		n++
		if ok {
			accepted++
		}
	}
	if f := float64(accepted) / float64(n); f < 0.970 || f > 0.975 {
		t.Errorf("Normal21Rect accepted %.4f of words, want about 0.972", f)
	}
}

// TestNormal21Draws checks Normal21, three per 64-bit word as fill uses
// it, against N(0, 1) with checkStdNormal, its bins reaching the tail
// beyond the ziggurat's r and beyond 4. Its 2⁻¹³ position resolution must
// not be visible at this sample size.
func TestNormal21Draws(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 13))
	const words = 1_000_000
	zs := make([]float64, 0, 3*words)
	for range words {
		u := r.Uint64()
		for _, w := range [3]uint32{uint32(u), uint32(u >> 21), uint32(u >> 42)} {
			zs = append(zs, Normal21(w, r))
		}
	}
	checkStdNormal(t, zs, []float64{-4, -normZigR, -3, -2, -1, -0.5, 0, 0.5, 1, 2, 3, normZigR, 4})
}

// TestWedgeNormalMatchesExp checks that the squeezed wedge test decides
// exactly as the plain test y < math.Exp(−x²/2) does: for random points
// of every strip, either sign, |x| reaching below the strip's inner edge
// as far as the truncated 21-bit acceptance table allows, and for points
// placed within a few units in the last place of the curve or on the
// wedge's top and bottom, where only math.Exp can decide. It also checks
// that the squeeze decides most random wedge points by itself.
func TestWedgeNormalMatchesExp(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	decided := 0
	const n = 2_000_000
	for range n {
		i := uint32(1 + r.IntN(normStrips-1))
		// Normal21's table lets |x| fall one position step below the
		// inner edge (t down to about −8e-4).
		lo := max(0, normZigX[i-1]-2*normZigW21[i])
		x := lo + r.Float64()*(normZigX[i]-lo)
		if r.IntN(2) == 0 {
			x = -x
		}
		y := normZigF[i] + r.Float64()*(normZigF[i-1]-normZigF[i])
		checkWedgePoint(t, int(i), x, y, math.Exp(-0.5*x*x), normZigF[i], normZigF[i-1], func(x, y float64) bool { return wedgeNormal(i, x, y) })
		if _, ok := squeezeNormal(i, x, y); ok {
			decided++
		}
	}
	if decided < n*9/10 {
		t.Errorf("squeeze decided %d of %d wedge points, want most", decided, n)
	}
	t.Logf("squeeze decided %.2f%% of wedge points", 100*float64(decided)/n)
}
