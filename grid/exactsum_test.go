package grid

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// exactTerms draws n terms of a sum whose exact value needs far more
// than 53 bits: magnitudes over 2^±60, both signs, some exact negatives
// of earlier terms and some of their halves, so that sums cancel and
// fall half-way between two float64 values.
func exactTerms(r *rand.Rand, n int) []float64 {
	out := make([]float64, 0, n)
	for range n {
		var v float64
		switch k := r.IntN(6); {
		case k == 0 && len(out) > 0:
			v = -out[r.IntN(len(out))]
		case k == 1 && len(out) > 0:
			v = math.Ldexp(out[r.IntN(len(out))], -53)
		default:
			v = math.Ldexp(r.Float64()+0.5, r.IntN(121)-60)
			if r.IntN(2) == 0 {
				v = -v
			}
		}
		out = append(out, v)
	}
	return out
}

// ratOf returns the exact sum of terms.
func ratOf(terms []float64) *big.Rat {
	s := new(big.Rat)
	for _, v := range terms {
		s.Add(s, new(big.Rat).SetFloat64(v))
	}
	return s
}

// The expansion holds a sum of float64 values exactly: its sign is the
// exact sum's, round is the exact sum correctly rounded (as math/big
// rounds it), and quo the exact quotient by a power of ten correctly
// rounded, on sums built to cancel and to fall on ties.
func TestExpansionExact(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	var x, tmp expansion
	ties := 0
	for i := range 5000 {
		terms := exactTerms(r, 1+r.IntN(12))
		if i%4 == 0 {
			// An exact half-way case: a float64, half its last place, and
			// a tail of the same sign or none.
			v := math.Ldexp(r.Float64()+1, r.IntN(40)-20)
			terms = []float64{v, math.Ldexp(math.Nextafter(v, math.Inf(1))-v, -1)}
			if r.IntN(2) == 0 {
				terms = append(terms, math.Ldexp(terms[1], -60))
			}
		}
		x.reset()
		for _, v := range terms {
			x.add(v)
		}
		want := ratOf(terms)
		if got := x.sign(); got != want.Sign() {
			t.Fatalf("%v: sign %d, want %d", terms, got, want.Sign())
		}
		w, _ := want.Float64()
		if got := x.round(); got != w {
			t.Fatalf("%v: round %.17g, want %.17g", terms, got, w)
		}
		for _, u := range []float64{1, 10, 1000, 1e6} {
			q := new(big.Rat).Quo(want, new(big.Rat).SetFloat64(u))
			w, exact := q.Float64()
			if got := x.quo(u, &tmp); got != w {
				t.Fatalf("%v / %g: %.17g, want %.17g", terms, u, got, w)
			}
			if !exact {
				// A quotient half-way between two float64 values is
				// rounded to even: count them, to show that ties are tried.
				lo, hi := math.Nextafter(w, math.Inf(-1)), math.Nextafter(w, math.Inf(1))
				for _, nb := range []float64{lo, hi} {
					mid := new(big.Rat).Add(new(big.Rat).SetFloat64(w), new(big.Rat).SetFloat64(nb))
					mid.Quo(mid, big.NewRat(2, 1))
					if mid.Cmp(q) == 0 {
						ties++
					}
				}
			}
		}
	}
	if ties == 0 {
		t.Error("no quotient fell on a tie: the rounding to even is untested")
	}
	t.Logf("%d quotients exactly half-way", ties)
}

// twoProd splits a product exactly, and addInt holds integers beyond
// 2^53 exactly.
func TestTwoProdAndAddInt(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	var x expansion
	for range 10000 {
		a, b := math.Ldexp(r.Float64()+0.5, r.IntN(80)-40), float64(r.IntN(1e6)+1)
		p, e := twoProd(a, b)
		want := new(big.Rat).Mul(new(big.Rat).SetFloat64(a), new(big.Rat).SetFloat64(b))
		if got := ratOf([]float64{p, e}); got.Cmp(want) != 0 {
			t.Fatalf("twoProd(%v, %v) = %v + %v, not exact", a, b, p, e)
		}
		v := r.Int64N(1<<62) - 1<<61
		x.reset()
		x.addInt(v)
		if got := ratOf(x.parts); got.Cmp(new(big.Rat).SetInt64(v)) != 0 {
			t.Fatalf("addInt(%d) holds %v", v, x.parts)
		}
	}
}

// nearest, the shortcut of a settlement's exact share, is hi + lo +
// dk/U correctly rounded whenever it answers, on grids of 1, 10^2 and
// 10^6 units to the MW, with the loads of one zone or two (lo the
// rounding error of their sum, hi), shares both large and small against
// the load (dk/U near −hi), and sums placed on ties (dk/U a large
// integer K, hi an odd number of half-ulps of K); it answers all but a
// few, leaving the rest to the expansion.
func TestNearest(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 19))
	for _, u := range []float64{1, 100, 1e6} {
		n := &Network{scale: u}
		b := int(math.Ceil(math.Log2(u))) // K < 2^(53-b) keeps dk = K·U within 2^53
		answered, tried, ties := 0, 0, 0
		for i := range 30000 {
			l := math.Round((1+r.Float64()*5000)*1000) / 1000 * (1 + float64(r.IntN(3))*1e-9)
			var dk int64
			tie := false
			switch i % 3 {
			case 0: // a share of any size
				dk = -r.Int64N(int64(l * u * 2))
			case 1: // a small share: capacity near the load
				dk = -int64(math.Round(l*u)) + r.Int64N(1000) - 500
			default: // on a tie
				k := int64(1)<<(52-b) + r.Int64N(int64(1)<<(52-b))
				dk = k * int64(u)
				l = float64(2*r.IntN(5)+1) * ulp(float64(k)) / 2
				if r.IntN(2) == 0 {
					dk, l = -dk, -l
				}
				tie = true
			}
			// Half the time the load is two loads, as two float64
			// values that hold their sum exactly.
			hi, lo := l, 0.0
			if !tie && i%2 == 0 {
				hi, lo = twoSum(l, math.Round(r.Float64()*1e6)/1000)
			}
			want := new(big.Rat).Add(ratOf([]float64{hi, lo}), new(big.Rat).SetFrac(big.NewInt(dk), big.NewInt(int64(u))))
			w, _ := want.Float64()
			got, ok := n.nearest(hi, lo, dk)
			if ok && got != w {
				t.Fatalf("U %g: %.17g + %.17g + %d/U = %.17g, want %.17g", u, hi, lo, dk, got, w)
			}
			tried++
			if ok {
				answered++
			}
			if tie {
				ties++
				continue
			}
			// The remainder of the rounded quotient is exact.
			q := float64(dk) / u
			rem := new(big.Rat).Sub(new(big.Rat).SetInt64(dk), new(big.Rat).Mul(new(big.Rat).SetFloat64(q), new(big.Rat).SetFloat64(u)))
			if got := math.FMA(-q, u, float64(dk)); new(big.Rat).SetFloat64(got).Cmp(rem) != 0 {
				t.Fatalf("U %g: remainder of %d/U = %v, want %v", u, dk, got, rem)
			}
		}
		if answered < tried*99/100 {
			t.Errorf("U %g: nearest answered %d of %d sums", u, answered, tried)
		}
		t.Logf("U %g: answered %d of %d sums, %d of them ties", u, answered, tried, ties)
	}
}
