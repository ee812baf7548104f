package grid

import (
	"fmt"
	"math"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/hourcal"
	"github.com/carveout/carveout/montecarlo"
)

// WeightedTally is the mergeable state of an importance-sampled adequacy
// run ([AdequacyIS]): each trial's indices times its likelihood ratio w,
// kept in exact sums, so that Merge is exact and any split of the trials
// into workers or shards gives the same state to the bit, as for a
// [Tally].
//
// The estimate of an index X is the mean of w·X over the trials, and its
// standard error comes from the spread of the per-trial values w·X, as
// for any mean of independent draws; LOLD and NEUE are ratios of such
// means (LOLD of w·hours to w·events, NEUE of w·unserved energy to the
// load energy, which the tilt does not touch and so is not weighted). The
// weights themselves are accumulated too: their mean is 1 in expectation
// (a check of the run), and they give the effective sample size.
type WeightedTally struct {
	// Hours is the length of the trial-year, in hours.
	Hours int `json:"hours"`
	// Weight accumulates each trial's likelihood ratio w.
	Weight montecarlo.Mean `json:"weight"`
	// LOLE, Days, Events, EUE and Any accumulate w times the trial's
	// shortfall hours, days, events, unserved energy (MWh) and whether it
	// had any shortfall (1 or 0).
	LOLE   montecarlo.Mean `json:"lole_h"`
	Days   montecarlo.Mean `json:"lole_days"`
	Events montecarlo.Mean `json:"lolf"`
	EUE    montecarlo.Mean `json:"eue_mwh"`
	Any    montecarlo.Mean `json:"any"`
	// Sq accumulates w·X² for LOLE, EUE, LOLF and Any, in that order:
	// with the means it estimates the variance a crude run would have had,
	// for [WeightedTally.Reduction].
	Sq [4]montecarlo.ExactSum `json:"sq"`
	// LOLD accumulates the pairs (w·hours, w·events).
	LOLD montecarlo.Ratio `json:"lold"`
	// NEUE accumulates the pairs (w·unserved energy, load energy).
	NEUE montecarlo.Ratio `json:"neue"`
	// MonthHour[m][k] sums w over the shortfall hours in month m at hour
	// of day k, over all trials.
	MonthHour [12][24]montecarlo.ExactSum `json:"month_hour"`
}

// NewWeightedTally returns an empty weighted tally for trial-years of
// hours hours.
func NewWeightedTally(hours int) *WeightedTally { return &WeightedTally{Hours: hours} }

// Add records one trial's outcome with its likelihood ratio w (finite, >=
// 0). It does not allocate. A nil o is a programming error: Add panics.
func (t *WeightedTally) Add(o *Outcome, w float64) {
	t.Weight.Add(w)
	h, e, u := float64(o.ShortfallHours), float64(o.Events), o.UnservedMWh
	anyShort := 0.0
	if o.ShortfallHours > 0 {
		anyShort = 1
	}
	t.LOLE.Add(w * h)
	t.Days.Add(w * float64(o.ShortfallDays))
	t.Events.Add(w * e)
	t.EUE.Add(w * u)
	t.Any.Add(w * anyShort)
	t.Sq[0].Add(w * h * h)
	t.Sq[1].Add(w * u * u)
	t.Sq[2].Add(w * e * e)
	t.Sq[3].Add(w * anyShort)
	t.LOLD.Add(w*h, w*e)
	t.NEUE.Add(w*u, o.LoadMWh)
	for _, hr := range o.ShortHours {
		m, k := MonthHour(hr)
		t.MonthHour[m][k].Add(w)
	}
}

// Merge adds the trials recorded in o exactly. Tallies of different year
// lengths do not merge; an error leaves t as it was.
func (t *WeightedTally) Merge(o *WeightedTally) error {
	if o == nil {
		return errorf("weighted tally: merge of a nil tally")
	}
	if t.Hours != o.Hours {
		return errorf("weighted tally: hours = %d, want %d to merge", o.Hours, t.Hours)
	}
	c := *t
	for _, err := range []error{
		c.Weight.Merge(&o.Weight), c.LOLE.Merge(&o.LOLE), c.Days.Merge(&o.Days), c.Events.Merge(&o.Events),
		c.EUE.Merge(&o.EUE), c.Any.Merge(&o.Any), c.LOLD.Merge(&o.LOLD), c.NEUE.Merge(&o.NEUE),
	} {
		if err != nil {
			return errorf("weighted tally: %w", err)
		}
	}
	for i := range c.Sq {
		c.Sq[i].Merge(&o.Sq[i])
	}
	for m := range c.MonthHour {
		for k := range c.MonthHour[m] {
			c.MonthHour[m][k].Merge(&o.MonthHour[m][k])
		}
	}
	*t = c
	return nil
}

// Trials returns the number of trials recorded.
func (t *WeightedTally) Trials() int64 { return t.Weight.Count }

// RelativeSE returns the relative standard error of the LOLE estimate,
// the quantity [montecarlo.WithTargetRSE] targets in an importance-sampled
// run (the index the tilt is chosen for); +Inf until some trial has a
// shortfall.
func (t *WeightedTally) RelativeSE() float64 { return t.LOLE.Estimate().PrecisionRSE() }

// Indices returns the weighted estimates. P(any shortfall) is a weighted
// mean with a normal interval clipped to [0, 1] (a Wilson interval needs
// unweighted counts).
func (t *WeightedTally) Indices() Indices {
	pAny := clipAtZero(t.Any.Estimate())
	pAny.Hi = min(pAny.Hi, 1)
	return t.sums().indices(t.Hours, pAny)
}

// sums returns t's parts that a crude run keeps too, each of a weight-1
// trial's values there.
func (t *WeightedTally) sums() indexSums {
	return indexSums{&t.LOLE, &t.Days, &t.Events, &t.EUE, &t.LOLD, &t.NEUE}
}

// MonthHourProbability returns the weighted estimate of the probability
// that an hour of each month × hour-of-day cell has shortfall; cells the
// series does not reach are NaN.
func (t *WeightedTally) MonthHourProbability() [12][24]float64 {
	hours := hourcal.CellHours(t.Hours)
	var p [12][24]float64
	n := float64(t.Trials())
	for m := range p {
		for k := range p[m] {
			p[m][k] = t.MonthHour[m][k].Float64() / (n * float64(hours[m][k]))
		}
	}
	return p
}

// ESS returns the effective sample size of the weights, (Σw)²/Σw² (Kish):
// the number of crude trials whose weights would be as even. It is NaN
// before any trial or when every weight is 0.
func (t *WeightedTally) ESS() float64 {
	s, s2 := t.Weight.Sum.Float64(), t.Weight.SumSq.Float64()
	if !(s2 > 0) {
		return math.NaN()
	}
	return s * s / s2
}

// Reduction is the variance-reduction factor of one index: the variance
// of a crude trial's value over that of an importance-sampled trial's
// weighted value, so that a crude run needs Factor times as many trials
// for the same standard error. The crude variance E[X²] − E[X]² is itself
// estimated from the weighted draws (E[X²] as the mean of w·X²), so the
// factor is a measurement with its own noise; it is NaN until the index
// has a non-zero variance.
type Reduction struct {
	// Index names the index ("lole_h", "eue_mwh", "lolf",
	// "p_any_shortfall").
	Index string `json:"index"`
	// CrudeVariance is the estimated variance of X per crude trial.
	CrudeVariance float64 `json:"crude_variance"`
	// WeightedVariance is the variance of w·X per importance-sampled
	// trial.
	WeightedVariance float64 `json:"weighted_variance"`
	// Factor is CrudeVariance/WeightedVariance.
	Factor float64 `json:"factor"`
}

// Reductions returns the variance-reduction factors of LOLE, EUE, LOLF
// and P(any shortfall), in that order.
func (t *WeightedTally) Reductions() []Reduction {
	var out []Reduction
	for i, x := range []struct {
		name string
		m    *montecarlo.Mean
	}{{"lole_h", &t.LOLE}, {"eue_mwh", &t.EUE}, {"lolf", &t.Events}, {"p_any_shortfall", &t.Any}} {
		e := x.m.Estimate()
		n := float64(x.m.Count)
		wv := e.SE * e.SE * n
		cv := (t.Sq[i].Float64()/n - e.Mean*e.Mean) * n / (n - 1) // as the SE's n − 1
		f := math.NaN()
		if wv > 0 && cv >= 0 {
			f = cv / wv
		}
		out = append(out, Reduction{Index: x.name, CrudeVariance: cv, WeightedVariance: wv, Factor: f})
	}
	return out
}

// Check returns an error unless t is a state that done trials of Add can
// produce, as far as it shows: hours in [1, MaxHours], every part having
// seen done trials, finite sums that are not negative. Errors are
// [*input.FieldError]s with JSON paths. It guards against edited or
// damaged shard files.
func (t *WeightedTally) Check(done int64) error {
	if t.Hours < 1 || t.Hours > MaxHours {
		return input.Field("hours", t.Hours, fmt.Sprintf("in [1, %d] (MaxHours)", MaxHours))
	}
	parts := append([]checkedPart{meanPart("weight", &t.Weight)}, t.sums().parts(meanPart("any", &t.Any))...)
	if err := checkParts(done, parts...); err != nil {
		return err
	}
	for i := range t.Sq {
		if v := t.Sq[i].Float64(); !(v >= 0) || math.IsInf(v, 0) {
			return input.Field(fmt.Sprintf("sq[%d]", i), v, "a finite sum >= 0")
		}
	}
	for m := range t.MonthHour {
		for k := range t.MonthHour[m] {
			if v := t.MonthHour[m][k].Float64(); !(v >= 0) || math.IsInf(v, 0) {
				return input.Field(fmt.Sprintf("month_hour[%d][%d]", m, k), v, "a finite sum >= 0")
			}
		}
	}
	return nil
}
