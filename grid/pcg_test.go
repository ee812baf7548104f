package grid

import (
	"math/rand/v2"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// TestPCGMatchesRandPCG checks that pcg gives, output for output, the
// sequence of math/rand/v2's PCG from the same seed words: the first
// 10,000 outputs of 200 trial streams, whose seeds are hashed words that
// exercise every bit of the 128-bit state, plus the extreme seeds.
func TestPCGMatchesRandPCG(t *testing.T) {
	check := func(hi, lo uint64) {
		t.Helper()
		want := rand.NewPCG(hi, lo)
		got := pcg{hi, lo}
		for i := range 10_000 {
			if g, w := got.next(), want.Uint64(); g != w {
				t.Fatalf("seed (%#x, %#x), output %d: %#x, want %#x", hi, lo, i, g, w)
			}
		}
	}
	check(0, 0)
	check(^uint64(0), ^uint64(0))
	key := montecarlo.Key("outage/test")
	for i := range int64(200) {
		var p pcg
		p.reseed(montecarlo.Trial{Seed: 7, Index: i}, key)
		hi, lo := key.Seed(7, i)
		if p.hi != hi || p.lo != lo {
			t.Fatalf("reseed of trial %d: (%#x, %#x), want (%#x, %#x)", i, p.hi, p.lo, hi, lo)
		}
		check(hi, lo)
	}
}
