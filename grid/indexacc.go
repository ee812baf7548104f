package grid

import (
	"fmt"
	"math"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// Indices are the reliability indices of one group of customers over the
// trials of a run, each with its standard error and 95% interval. JSON
// names are those of the reports.
type Indices struct {
	// LOLEHours is the expected number of hours a year with unserved load.
	LOLEHours montecarlo.Estimate `json:"lole_h"`
	// LOLEDays is the expected number of days a year with any unserved
	// load.
	LOLEDays montecarlo.Estimate `json:"lole_days"`
	// LOLF is the expected number of loss-of-load events a year (maximal
	// runs of consecutive short hours).
	LOLF montecarlo.Estimate `json:"lolf"`
	// LOLDHours is the mean event duration, LOLE/LOLF (a ratio estimate).
	LOLDHours montecarlo.Estimate `json:"lold_h"`
	// EUEMWh is the expected unserved energy a year.
	EUEMWh montecarlo.Estimate `json:"eue_mwh"`
	// NEUEPPM is unserved energy per million of load energy.
	NEUEPPM montecarlo.Estimate `json:"neue_ppm"`
	// LOLP is the probability that an hour has unserved load, LOLE/hours.
	LOLP montecarlo.Estimate `json:"lolp"`
	// PAnyShortfall is the probability that a year has any unserved load
	// (Wilson interval).
	PAnyShortfall montecarlo.Estimate `json:"p_any_shortfall"`
}

// IndexAcc accumulates [Indices] trial by trial. Its merge is exact, so it
// can be combined across workers and shards in any order.
type IndexAcc struct {
	// LOLE accumulates each trial's hours with unserved load.
	LOLE montecarlo.Mean `json:"lole_h"`
	// Days accumulates each trial's days with any unserved load.
	Days montecarlo.Mean `json:"lole_days"`
	// Events accumulates each trial's number of loss-of-load events.
	Events montecarlo.Mean `json:"lolf"`
	// EUE accumulates each trial's unserved energy, MWh.
	EUE montecarlo.Mean `json:"eue_mwh"`
	// LOLD accumulates the pairs (hours, events) behind the mean event
	// duration.
	LOLD montecarlo.Ratio `json:"lold"`
	// NEUE accumulates the pairs (unserved energy, load energy), MWh.
	NEUE montecarlo.Ratio `json:"neue"`
	// Any counts the trials with any unserved load.
	Any montecarlo.Proportion `json:"any"`
}

// Add records one trial: hours, days and events with unserved load, the
// unserved energy and the load energy of the year.
func (a *IndexAcc) Add(hours, days, events int, unservedMWh, loadMWh float64) {
	a.LOLE.Add(float64(hours))
	a.Days.Add(float64(days))
	a.Events.Add(float64(events))
	a.EUE.Add(unservedMWh)
	a.LOLD.Add(float64(hours), float64(events))
	a.NEUE.Add(unservedMWh, loadMWh)
	a.Any.Add(hours > 0)
}

// AddShortfall records one trial's shortfall s, with the load energy of
// the year. A nil s is a programming error: AddShortfall panics.
func (a *IndexAcc) AddShortfall(s *Shortfall, loadMWh float64) {
	a.Add(s.Hours, s.Days, s.Events, s.UnservedMWh, loadMWh)
}

// Merge adds the trials of o. A nil o, or an accumulator that refuses to
// merge (a negative count, say), is an error, which leaves a as it was.
func (a *IndexAcc) Merge(o *IndexAcc) error {
	if o == nil {
		return errorf("index merge: nil accumulator")
	}
	c := *a
	for _, err := range []error{
		c.LOLE.Merge(&o.LOLE), c.Days.Merge(&o.Days), c.Events.Merge(&o.Events),
		c.EUE.Merge(&o.EUE), c.LOLD.Merge(&o.LOLD), c.NEUE.Merge(&o.NEUE), c.Any.Merge(&o.Any),
	} {
		if err != nil {
			return errorf("index merge: %w", err)
		}
	}
	*a = c
	return nil
}

// Indices returns the estimates, for years of the given number of hours
// (LOLP is NaN for hours < 1).
// The indices cannot be negative, so the lower ends of their normal
// intervals are clipped at 0 (the mean and standard error are untouched).
func (a *IndexAcc) Indices(hours int) Indices {
	return a.sums().indices(hours, a.Any.Estimate())
}

// sums returns a's parts that a weighted run keeps too.
func (a *IndexAcc) sums() indexSums {
	return indexSums{&a.LOLE, &a.Days, &a.Events, &a.EUE, &a.LOLD, &a.NEUE}
}

// indexSums are the accumulators behind [Indices] that a crude run
// ([IndexAcc]) and an importance-sampled one ([WeightedTally]) keep alike:
// means of each trial's hours, days and events with unserved load and of
// its unserved energy, and the ratios behind LOLD and NEUE. A crude trial
// is a weighted one of weight 1, so both finish and check these the same
// way; they differ only in P(any shortfall), a proportion of trials in a
// crude run and a weighted mean in an importance-sampled one.
type indexSums struct {
	lole, days, events, eue *montecarlo.Mean
	lold, neue              *montecarlo.Ratio
}

// indices returns the estimates, for years of the given number of hours,
// with pAny as P(any shortfall). The indices cannot be negative, so the
// lower ends of their normal intervals are clipped at 0 (the mean and
// standard error are untouched); LOLP is NaN for hours < 1.
func (s indexSums) indices(hours int, pAny montecarlo.Estimate) Indices {
	lole := clipAtZero(s.lole.Estimate())
	return Indices{
		LOLEHours:     lole,
		LOLEDays:      clipAtZero(s.days.Estimate()),
		LOLF:          clipAtZero(s.events.Estimate()),
		LOLDHours:     clipAtZero(s.lold.Estimate()),
		EUEMWh:        clipAtZero(s.eue.Estimate()),
		NEUEPPM:       clipAtZero(s.neue.Estimate().Scale(1e6)),
		LOLP:          lole.Scale(lolpScale(hours)),
		PAnyShortfall: pAny,
	}
}

// parts returns the parts for [checkParts] with their JSON names: the
// means, then between, then the ratios (the order their checks run in).
func (s indexSums) parts(between ...checkedPart) []checkedPart {
	out := []checkedPart{
		meanPart("lole_h", s.lole), meanPart("lole_days", s.days),
		meanPart("lolf", s.events), meanPart("eue_mwh", s.eue),
	}
	out = append(out, between...)
	return append(out, ratioPart("lold", s.lold), ratioPart("neue", s.neue))
}

// clipAtZero clips the interval of an estimate of a non-negative quantity
// at 0.
func clipAtZero(e montecarlo.Estimate) montecarlo.Estimate {
	if e.Lo < 0 {
		e.Lo = 0
	}
	return e
}

// Check returns an error unless a is a state that n trials of Add can
// produce, as far as its parts show: each part has seen n trials, is a
// state its own Add and Merge can produce, and has finite sums that are
// not negative (every value recorded is finite and >= 0). Errors are
// [*input.FieldError]s with the parts' JSON names ("lole_h.n"). It guards
// against edited or damaged shard files.
func (a *IndexAcc) Check(n int64) error {
	if err := a.Any.Check(); err != nil {
		return input.In(err, "any")
	}
	if a.Any.N != n {
		return input.Field("any.n", a.Any.N, fmt.Sprintf("%d, the trials done", n))
	}
	return checkParts(n, a.sums().parts()...)
}

// checkedPart is one accumulator of a tally as [checkParts] sees it: its
// JSON name, the accumulator, and its sums of recorded values.
type checkedPart struct {
	name string
	acc  interface {
		N() int64
		Check() error
		IsFinite() bool
	}
	sums []*montecarlo.ExactSum
}

// meanPart is the checked part of a mean of values.
func meanPart(name string, m *montecarlo.Mean) checkedPart {
	return checkedPart{name, m, []*montecarlo.ExactSum{&m.Sum}}
}

// ratioPart is the checked part of a ratio of pairs of values.
func ratioPart(name string, r *montecarlo.Ratio) checkedPart {
	return checkedPart{name, r, []*montecarlo.ExactSum{&r.SX, &r.SY, &r.SXY}}
}

// checkParts checks the parts in order, returning the first error: each
// part is a state its own Add and Merge can produce, has seen n trials,
// and has finite sums that are not negative (every value recorded is
// finite and >= 0). Errors are [*input.FieldError]s named by the parts.
func checkParts(n int64, parts ...checkedPart) error {
	for _, p := range parts {
		if err := p.acc.Check(); err != nil {
			return input.In(err, p.name)
		}
		if p.acc.N() != n {
			return input.Field(p.name+".n", p.acc.N(), fmt.Sprintf("%d, the trials done", n))
		}
		if !p.acc.IsFinite() {
			return input.Field(p.name, "a sum that is not finite", "finite sums")
		}
		for _, s := range p.sums {
			if v := s.Float64(); v < 0 {
				return input.Field(p.name, fmt.Sprintf("a sum of %v", v), "sums >= 0 (every value recorded is >= 0)")
			}
		}
	}
	return nil
}

// lolpScale is 1/hours, the factor from LOLE to LOLP, or NaN for hours < 1.
func lolpScale(hours int) float64 {
	if hours < 1 {
		return math.NaN()
	}
	return 1 / float64(hours)
}
