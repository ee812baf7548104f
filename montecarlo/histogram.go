package montecarlo

import (
	"fmt"
	"math"
	"slices"
)

// Histogram counts values in fixed, equal-width bins over [Lo, Hi), with
// separate underflow and overflow counts. Counts are integers, so merging is
// exact. It gives distributions and quantiles without keeping samples.
type Histogram struct {
	// Lo is the lower end of the binned range, included.
	Lo float64 `json:"lo"`
	// Hi is the upper end of the binned range, excluded.
	Hi float64 `json:"hi"`
	// Counts[i] counts the values in the i-th of len(Counts) equal bins
	// over [Lo, Hi).
	Counts []int64 `json:"counts"`
	// Under counts the values below Lo.
	Under int64 `json:"under"`
	// Over counts the values at or above Hi.
	Over int64 `json:"over"`
	// NaN counts the NaN values.
	NaN int64 `json:"nan,omitempty"`
}

// NewHistogram returns an empty histogram of bins equal bins over [lo, hi).
func NewHistogram(lo, hi float64, bins int) (*Histogram, error) {
	switch {
	case math.IsNaN(lo) || math.IsInf(lo, 0):
		return nil, fmt.Errorf("montecarlo: histogram lo = %v, want finite", lo)
	case math.IsNaN(hi) || math.IsInf(hi, 0) || hi <= lo:
		return nil, fmt.Errorf("montecarlo: histogram hi = %v, want finite and > lo = %v", hi, lo)
	case math.IsInf(hi-lo, 0):
		return nil, fmt.Errorf("montecarlo: histogram range [%v, %v) is wider than the largest float64", lo, hi)
	case bins < 1 || bins > 1<<24:
		return nil, fmt.Errorf("montecarlo: histogram bins = %d, want in [1, 16777216]", bins)
	}
	return &Histogram{Lo: lo, Hi: hi, Counts: make([]int64, bins)}, nil
}

// Add counts x. It does not allocate. Adding to a histogram without bins
// (not made by [NewHistogram] or decoded) is a programming error: Add
// panics.
func (h *Histogram) Add(x float64) {
	if len(h.Counts) == 0 {
		panic("montecarlo: Histogram.Add on a histogram with no bins")
	}
	switch {
	case math.IsNaN(x):
		h.NaN++
	case x < h.Lo:
		h.Under++
	case x >= h.Hi:
		h.Over++
	default:
		i := int((x - h.Lo) / (h.Hi - h.Lo) * float64(len(h.Counts)))
		if i >= len(h.Counts) || i < 0 { // rounding at the edges
			i = min(max(i, 0), len(h.Counts)-1)
		}
		h.Counts[i]++
	}
}

// Merge adds the counts of o, which must have the same bins. A nil o, a
// negative count or a total beyond int64 is an error, and leaves h as it
// was.
func (h *Histogram) Merge(o *Histogram) error {
	if o == nil {
		return fmt.Errorf("montecarlo: histogram merge: nil histogram")
	}
	if h.Lo != o.Lo || h.Hi != o.Hi || len(h.Counts) != len(o.Counts) {
		return fmt.Errorf("montecarlo: histogram merge: bins [%v,%v)×%d and [%v,%v)×%d differ",
			h.Lo, h.Hi, len(h.Counts), o.Lo, o.Hi, len(o.Counts))
	}
	if o.N() < 0 || o.Under < 0 || o.Over < 0 || o.NaN < 0 || slices.ContainsFunc(o.Counts, func(c int64) bool { return c < 0 }) {
		return fmt.Errorf("montecarlo: histogram merge: negative count")
	}
	if n, m := h.N(), o.N(); n < 0 || n > math.MaxInt64-m {
		return fmt.Errorf("montecarlo: histogram merge: %d + %d values overflow int64", n, m)
	}
	for i, c := range o.Counts {
		h.Counts[i] += c
	}
	h.Under += o.Under
	h.Over += o.Over
	h.NaN += o.NaN
	return nil
}

// N returns the number of values counted, NaNs included.
func (h *Histogram) N() int64 {
	n := h.Under + h.Over + h.NaN
	for _, c := range h.Counts {
		n += c
	}
	return n
}

// BinWidth returns the width of one bin (NaN for a histogram without
// bins).
func (h *Histogram) BinWidth() float64 { return (h.Hi - h.Lo) / float64(len(h.Counts)) }

// Quantile returns the q-quantile (0 <= q <= 1) of the non-NaN values,
// interpolating linearly within a bin. Values below Lo count as Lo and
// values at or above Hi as Hi, so a quantile falling in the under- or
// overflow returns that edge. It returns NaN for an empty histogram or q
// outside [0, 1].
func (h *Histogram) Quantile(q float64) float64 {
	n := h.N() - h.NaN
	if n == 0 || !(q >= 0 && q <= 1) {
		return math.NaN()
	}
	target := q * float64(n)
	cum := float64(h.Under)
	if target <= cum && h.Under > 0 {
		return h.Lo
	}
	w := h.BinWidth()
	for i, c := range h.Counts {
		if c == 0 {
			continue
		}
		if target <= cum+float64(c) {
			return h.Lo + w*(float64(i)+(target-cum)/float64(c))
		}
		cum += float64(c)
	}
	return h.Hi
}
