package study

import (
	"context"

	"github.com/carveout/carveout/montecarlo"
)

// The bracket search behind [Hosting] and [FCE]. Each looks for the point
// (a carve-out's size, a firm offset's capacity) at which a paired
// measure, monotone in that point trial by trial, crosses a limit. A
// round scores a grid of points across the current bracket as one study,
// on the scenario's seed and trials, so that every point of every round
// is scored on the same trial-years. The bracket then narrows to the last
// point of the leading run that is short of the limit with confidence and
// the first of the trailing run that is past it with confidence, until
// bracketStatus gives a verdict or the rounds run out.

// searchRound is a scored round of a bracket search, as the search sees
// it.
type searchRound interface {
	// short reports whether the measure at point i is short of the
	// limit with confidence: the side the bracket's low end stays on.
	short(i int) bool
	// past reports whether the measure at point i is past the limit
	// with confidence.
	past(i int) bool
	// crossing returns the point estimate of where the measure reaches
	// the limit.
	crossing() float64
}

// bracketSearch is a bracket search's settings: the first bracket [lo,
// hi], the points of each round (ends included), the most rounds, the
// bracket width that ends the search, and snap, which places each point
// between the ends (nil leaves them where they fall).
type bracketSearch struct {
	lo, hi, tol    float64
	points, rounds int
	snap           func(x float64) float64
}

// bracket is where a bracket search ended: the point estimate of the
// crossing, the bracket [lo, hi] around it, and the status
// (HostingConverged, HostingUnresolved or HostingRoundsUsed).
type bracket struct {
	estimate, lo, hi float64
	status           string
}

// searchBracket runs the rounds of s. score scores the points of a round
// (and keeps the round: the search does not); first checks the first
// round, given the index of the last point of its leading run short of
// the limit (-1 if none) and of the first of its trailing run past it
// (the number of points if none), and may end the search at once as
// converged on an empty bracket, or with an error.
func searchBracket[R searchRound](s bracketSearch, score func(xs []float64) (R, error), first func(r R, short, past int) (stop bool, err error)) (bracket, error) {
	lo, hi := s.lo, s.hi
	var b bracket
	for round := range s.rounds {
		xs := make([]float64, s.points)
		for i := 1; i < len(xs)-1; i++ {
			xs[i] = lo + (hi-lo)*float64(i)/float64(len(xs)-1)
			if s.snap != nil {
				xs[i] = s.snap(xs[i])
			}
		}
		xs[0], xs[len(xs)-1] = lo, hi
		r, err := score(xs)
		if err != nil {
			return bracket{}, err
		}
		short, past := -1, len(xs)
		for i := range xs {
			if !r.short(i) {
				break
			}
			short = i
		}
		for i := len(xs) - 1; i > short; i-- {
			if !r.past(i) {
				break
			}
			past = i
		}
		if round == 0 {
			if stop, err := first(r, short, past); err != nil || stop {
				return bracket{status: HostingConverged}, err
			}
		}
		b = bracket{estimate: r.crossing(), lo: xs[short], hi: xs[past]}
		if b.status = bracketStatus(b.lo, b.hi, s.tol, past-short-1, len(xs)); b.status != "" {
			return b, nil
		}
		lo, hi = b.lo, b.hi
	}
	b.status = HostingRoundsUsed
	return b, nil
}

// bracketStatus is a search round's verdict on its new bracket [lo, hi]
// with inside of its points scored strictly within it: converged when
// the bracket is within tol; unresolved when half the points or more lie
// inside with intervals straddling the limit — the band the trials
// cannot resolve is then at least half the bracket, and a finer grid on
// the same trials would narrow it by less than half; "" to go on.
func bracketStatus(lo, hi, tol float64, inside, points int) string {
	switch {
	case hi-lo <= tol:
		return HostingConverged
	case 2*inside >= points:
		return HostingUnresolved
	}
	return ""
}

// runRound runs the study of d, as shards merged when shards > 1, and
// returns its report.
func runRound(ctx context.Context, d *Scenario, shards int, opts []montecarlo.Option) (*Report, error) {
	st, err := NewStudy(d)
	if err != nil {
		return nil, err
	}
	if shards <= 1 {
		res, err := st.Run(ctx, opts...)
		if err != nil {
			return nil, err
		}
		return res.Report(), nil
	}
	parts := make([]*Shard, shards)
	for i := range parts {
		res, err := st.Run(ctx, append(opts[:len(opts):len(opts)], montecarlo.WithShard(i, shards))...)
		if err != nil {
			return nil, err
		}
		parts[i] = res.Shard()
	}
	res, err := MergeShards(parts)
	if err != nil {
		return nil, err
	}
	return res.Report(), nil
}
