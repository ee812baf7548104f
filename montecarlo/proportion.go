package montecarlo

import (
	"fmt"
	"math"
)

// Proportion counts successes among trials and estimates the probability
// with a Wilson score interval, which stays inside [0, 1] and behaves well
// for rare events (k = 0 gives [0, hi], not a degenerate point).
type Proportion struct {
	// N is the number of trials recorded.
	N int64 `json:"n"`
	// K is the number of successes among them.
	K int64 `json:"k"`
}

// Add records one trial.
func (p *Proportion) Add(success bool) {
	p.N++
	if success {
		p.K++
	}
}

// Merge adds the trials recorded in o. A nil o, negative counts, more
// successes than trials or a total beyond int64 is an error, and leaves p
// as it was.
func (p *Proportion) Merge(o *Proportion) error {
	if err := mergeCount("proportion", p.N, o == nil, func() int64 { return o.N }); err != nil {
		return err
	}
	if o.K < 0 || o.K > o.N {
		return fmt.Errorf("montecarlo: proportion merge: %d successes in %d trials", o.K, o.N)
	}
	p.N += o.N
	p.K += o.K
	return nil
}

// Estimate returns k/n, the binomial standard error √(p(1−p)/n) and the
// 95% Wilson score interval (Wilson, JASA 22, 1927). Everything is NaN
// when there are no trials, or the counts are impossible (negative, or
// more successes than trials).
func (p *Proportion) Estimate() Estimate {
	if p.N <= 0 || p.K < 0 || p.K > p.N {
		nan := math.NaN()
		return Estimate{Mean: nan, SE: nan, Lo: nan, Hi: nan}
	}
	n := float64(p.N)
	ph := float64(p.K) / n
	z2 := z95 * z95
	den := 1 + z2/n
	centre := (ph + z2/(2*n)) / den
	half := z95 / den * math.Sqrt(ph*(1-ph)/n+z2/(4*n*n))
	lo, hi := math.Max(0, centre-half), math.Min(1, centre+half)
	if p.K == 0 {
		lo = 0
	}
	if p.K == p.N {
		hi = 1
	}
	return Estimate{Mean: ph, SE: math.Sqrt(ph * (1 - ph) / n), Lo: lo, Hi: hi}
}

// RelativeSE returns the relative standard error of the proportion, for
// [WithTargetRSE].
func (p *Proportion) RelativeSE() float64 { return p.Estimate().RelativeSE() }
