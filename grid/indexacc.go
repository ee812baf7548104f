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
	lole := clipAtZero(a.LOLE.Estimate())
	return Indices{
		LOLEHours:     lole,
		LOLEDays:      clipAtZero(a.Days.Estimate()),
		LOLF:          clipAtZero(a.Events.Estimate()),
		LOLDHours:     clipAtZero(a.LOLD.Estimate()),
		EUEMWh:        clipAtZero(a.EUE.Estimate()),
		NEUEPPM:       clipAtZero(a.NEUE.Estimate().Scale(1e6)),
		LOLP:          lole.Scale(lolpScale(hours)),
		PAnyShortfall: a.Any.Estimate(),
	}
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
	type part struct {
		name string
		acc  interface {
			N() int64
			Check() error
			IsFinite() bool
		}
		sums []*montecarlo.ExactSum
	}
	for _, p := range []part{
		{"lole_h", &a.LOLE, []*montecarlo.ExactSum{&a.LOLE.Sum}},
		{"lole_days", &a.Days, []*montecarlo.ExactSum{&a.Days.Sum}},
		{"lolf", &a.Events, []*montecarlo.ExactSum{&a.Events.Sum}},
		{"eue_mwh", &a.EUE, []*montecarlo.ExactSum{&a.EUE.Sum}},
		{"lold", &a.LOLD, []*montecarlo.ExactSum{&a.LOLD.SX, &a.LOLD.SY, &a.LOLD.SXY}},
		{"neue", &a.NEUE, []*montecarlo.ExactSum{&a.NEUE.SX, &a.NEUE.SY, &a.NEUE.SXY}},
	} {
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
