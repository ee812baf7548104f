package montecarlo

import (
	"fmt"
	"math"

	"github.com/carveout/carveout/input"
)

// The checks of decoded accumulators. A shard file holds accumulators'
// exact states; these checks refuse a state that Add and Merge could not
// have produced, so that an edited or damaged file is an error rather than
// a wrong estimate. They cannot see an edit that leaves a possible state
// (a changed sum, say): the shard's checksum ([Shard.Checksum]) guards
// against those. Errors are [*input.FieldError]s whose paths are the JSON
// names of the accumulator's fields.

// IsFinite reports whether the sum is finite: no NaN or infinite value
// was added, and the exact sum rounds to a finite float64.
func (s *ExactSum) IsFinite() bool {
	if _, ok := s.special(); ok {
		return false
	}
	return !math.IsInf(s.Float64(), 0)
}

// isZero reports whether nothing but zeros was added.
func (s *ExactSum) isZero() bool {
	if s.nan || s.posInf || s.negInf {
		return false
	}
	for _, d := range s.d {
		if d != 0 {
			return false
		}
	}
	return true
}

// negative reports whether the sum is below zero (or -Inf).
func (s *ExactSum) negative() bool {
	if v, ok := s.special(); ok {
		return v < 0
	}
	return s.scaled().Sign() < 0
}

// namedSum is an accumulator's sum with its JSON name, and whether it is
// a sum of squares.
type namedSum struct {
	name   string
	s      *ExactSum
	square bool
}

// checkSums checks the sums of an accumulator that has seen n values: all
// zero when n is 0, and sums of squares not negative.
func checkSums(n int64, sums ...namedSum) error {
	if n < 0 {
		return input.Field("n", n, ">= 0")
	}
	for _, s := range sums {
		switch {
		case s.square && s.s.negative():
			return input.Field(s.name, s.s.Float64(), ">= 0, a sum of squares")
		case n == 0 && !s.s.isZero():
			return input.Field(s.name, s.s.Float64(), "0, as n = 0")
		}
	}
	return nil
}

// Check returns an error if m is not a state that Add and Merge can
// produce: a negative count, a negative sum of squares, or non-zero sums
// of no values.
func (m *Mean) Check() error {
	return checkSums(m.Count, namedSum{"sum", &m.Sum, false}, namedSum{"sum_sq", &m.SumSq, true})
}

// IsFinite reports whether both sums are finite (see [ExactSum.IsFinite]).
func (m *Mean) IsFinite() bool { return m.Sum.IsFinite() && m.SumSq.IsFinite() }

// N returns the number of pairs recorded.
func (r *Ratio) N() int64 { return r.Count }

// Check returns an error if r is not a state that Add and Merge can
// produce: a negative count, a negative sum of squares, or non-zero sums
// of no pairs.
func (r *Ratio) Check() error {
	return checkSums(r.Count, namedSum{"sum_x", &r.SX, false}, namedSum{"sum_y", &r.SY, false},
		namedSum{"sum_xx", &r.SXX, true}, namedSum{"sum_yy", &r.SYY, true}, namedSum{"sum_xy", &r.SXY, false})
}

// IsFinite reports whether every sum is finite (see [ExactSum.IsFinite]).
func (r *Ratio) IsFinite() bool {
	return r.SX.IsFinite() && r.SY.IsFinite() && r.SXX.IsFinite() && r.SYY.IsFinite() && r.SXY.IsFinite()
}

// Check returns an error unless 0 <= K <= N.
func (p *Proportion) Check() error {
	switch {
	case p.N < 0:
		return input.Field("n", p.N, ">= 0")
	case p.K < 0 || p.K > p.N:
		return input.Field("k", p.K, fmt.Sprintf("in [0, %d], n", p.N))
	}
	return nil
}

// Check returns an error if h is not a histogram that [NewHistogram], Add
// and Merge can produce: bins as NewHistogram requires them, a negative
// count, or counts whose total overflows int64.
func (h *Histogram) Check() error {
	if _, err := NewHistogram(h.Lo, h.Hi, len(h.Counts)); err != nil {
		return input.Field("", fmt.Sprintf("%d bins over [%v, %v)", len(h.Counts), h.Lo, h.Hi), "finite lo < hi and 1 to 16777216 bins")
	}
	var n int64
	add := func(name string, c int64) error {
		if c < 0 {
			return input.Field(name, c, ">= 0")
		}
		if n > math.MaxInt64-c {
			return input.Field(name, c, "a count whose total with the others fits in int64")
		}
		n += c
		return nil
	}
	for i, c := range h.Counts {
		if err := add(fmt.Sprintf("counts[%d]", i), c); err != nil {
			return err
		}
	}
	for _, c := range []struct {
		name string
		n    int64
	}{{"under", h.Under}, {"over", h.Over}, {"nan", h.NaN}} {
		if err := add(c.name, c.n); err != nil {
			return err
		}
	}
	return nil
}
