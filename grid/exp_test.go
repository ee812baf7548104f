package grid

import (
	"math/rand/v2"
	"testing"
)

// TestExpFloat64 checks that expFloat64 and uniform draw exactly what
// math/rand/v2's ExpFloat64 and Float64 draw from the same source, over
// enough draws to pass through the ziggurat's rare slow paths many times
// (about 1% of draws).
func TestExpFloat64(t *testing.T) {
	var a, b rand.PCG
	a.Seed(1, 2)
	b.Seed(1, 2)
	r := rand.New(&b)
	for i := range 1_000_000 {
		if i%3 == 0 {
			if x, y := uniform(&a), r.Float64(); x != y {
				t.Fatalf("draw %d: uniform %v, Float64 %v", i, x, y)
			}
			continue
		}
		if x, y := expFloat64(&a), r.ExpFloat64(); x != y {
			t.Fatalf("draw %d: expFloat64 %v, ExpFloat64 %v", i, x, y)
		}
	}
}
