package variate

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// TestPCGMatchesRandPCG checks that PCG gives, output for output, the
// sequence of math/rand/v2's PCG from the same seed words: the first
// 10,000 outputs of 200 trial streams, whose seeds are hashed words that
// exercise every bit of the 128-bit state, plus the extreme seeds.
func TestPCGMatchesRandPCG(t *testing.T) {
	check := func(hi, lo uint64) {
		t.Helper()
		want := rand.NewPCG(hi, lo)
		got := NewPCG(hi, lo)
		for i := range 10_000 {
			if g, w := got.Uint64(), want.Uint64(); g != w {
				t.Fatalf("seed (%#x, %#x), output %d: %#x, want %#x", hi, lo, i, g, w)
			}
		}
	}
	check(0, 0)
	check(^uint64(0), ^uint64(0))
	key := montecarlo.Key("outage/test")
	for i := range int64(200) {
		check(key.Seed(7, i))
	}
}

// TestUniform checks Uniform's range and mean, and that it is the high 53
// bits of an output.
func TestUniform(t *testing.T) {
	p := NewPCG(3, 4)
	q := p
	if got, want := p.Uniform(), float64(q.Uint64()>>11)/(1<<53); got != want {
		t.Fatalf("Uniform = %v, want the high 53 bits %v", got, want)
	}
	const n = 1_000_000
	var s float64
	for range n {
		u := p.Uniform()
		if u < 0 || u >= 1 {
			t.Fatalf("uniform %v", u)
		}
		s += u
	}
	if se := math.Sqrt(1.0 / 12 / n); math.Abs(s/n-0.5) > 4*se {
		t.Errorf("mean %v, want 0.5 within 4 SE", s/n)
	}
}
