package montecarlo

import (
	"encoding/json"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// exactReference sums xs with big.Float at a precision that cannot round.
func exactReference(xs []float64) float64 {
	s := new(big.Float).SetPrec(4200)
	for _, x := range xs {
		s.Add(s, new(big.Float).SetPrec(4200).SetFloat64(x))
	}
	f, _ := s.Float64()
	return f
}

func TestExactSumMatchesBigFloat(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 50; trial++ {
		xs := make([]float64, 200)
		for i := range xs {
			// Mix magnitudes from subnormal to huge, and signs.
			e := r.IntN(2000) - 1070
			xs[i] = math.Ldexp(r.Float64(), e)
			if r.IntN(2) == 0 {
				xs[i] = -xs[i]
			}
		}
		xs = append(xs, math.SmallestNonzeroFloat64, -math.MaxFloat64/4, 1e300, -1e300)
		var s ExactSum
		for _, x := range xs {
			s.Add(x)
		}
		if got, want := s.Float64(), exactReference(xs); got != want {
			t.Fatalf("trial %d: exact sum = %v, want %v", trial, got, want)
		}
	}
}

func TestExactSumOrderIndependent(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	xs := make([]float64, 1000)
	for i := range xs {
		xs[i] = r.NormFloat64() * math.Pow(10, float64(r.IntN(30)-15))
	}
	var fwd ExactSum
	for _, x := range xs {
		fwd.Add(x)
	}
	// Reverse order, merged from three uneven parts.
	var a, b, c ExactSum
	for i := len(xs) - 1; i >= 0; i-- {
		switch {
		case i < 100:
			a.Add(xs[i])
		case i < 777:
			b.Add(xs[i])
		default:
			c.Add(xs[i])
		}
	}
	c.Merge(&a)
	c.Merge(&b)
	if fwd.Float64() != c.Float64() {
		t.Fatalf("orders differ: %v vs %v", fwd.Float64(), c.Float64())
	}
	jf, _ := json.Marshal(fwd)
	jc, _ := json.Marshal(c)
	if string(jf) != string(jc) {
		t.Fatalf("states differ:\n%s\n%s", jf, jc)
	}
	// Cancellation that float addition gets wrong: 1e16 + 1 − 1e16.
	var s ExactSum
	s.Add(1e16)
	s.Add(1)
	s.Add(-1e16)
	if s.Float64() != 1 {
		t.Fatalf("1e16+1-1e16 = %v, want 1", s.Float64())
	}
}

func TestExactSumJSONRoundTrip(t *testing.T) {
	var s ExactSum
	for _, x := range []float64{-3.5, 1e-300, 7e200, -2.25e-310} {
		s.Add(x)
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var u ExactSum
	if err := json.Unmarshal(b, &u); err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(u)
	if string(b) != string(b2) || u.Float64() != s.Float64() {
		t.Fatalf("round trip changed state: %s vs %s", b, b2)
	}
	for _, bad := range []string{`{"scaled_2_pow_minus_1074":"x"}`, `{"scaled_2_pow_minus_1074":"1","special":"?"}`, `[]`} {
		if err := json.Unmarshal([]byte(bad), &u); err == nil {
			t.Errorf("Unmarshal(%s): no error", bad)
		}
	}
}

func TestExactSumSpecials(t *testing.T) {
	var s ExactSum
	s.Add(1)
	s.Add(math.Inf(1))
	if !math.IsInf(s.Float64(), 1) {
		t.Errorf("1+Inf = %v", s.Float64())
	}
	s.Add(math.Inf(-1))
	if !math.IsNaN(s.Float64()) {
		t.Errorf("Inf-Inf = %v", s.Float64())
	}
}

func TestExactSumAddAllocs(t *testing.T) {
	var s ExactSum
	if n := testing.AllocsPerRun(1000, func() { s.Add(1.25) }); n != 0 {
		t.Errorf("Add allocates %v times", n)
	}
}

func BenchmarkExactSumAdd(b *testing.B) {
	var s ExactSum
	x := 1.0
	b.ReportAllocs()
	for b.Loop() {
		s.Add(x)
		x += 0.5
	}
}
