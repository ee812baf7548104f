package study

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// Measure names a paired measure of what the carve-out does to other
// customers, per trial-year, as a sweep point reports it
// ([SweepPoint]): the quantity a hosting [Criterion] bounds.
type Measure string

// The measures a hosting criterion may bound. Each is 0, exactly, for a
// carve-out of 0 MW.
const (
	// MeasurePCausesShedding is P(the carve-out causes shedding of other
	// customers in a year) ([Risk.PCausesShedding]).
	MeasurePCausesShedding Measure = "p_causes_shedding"
	// MeasurePNewShortfall is P(the carve-out turns a year without
	// shortfall of other customers into one with) ([Risk.PNewShortfall]).
	MeasurePNewShortfall Measure = "p_new_shortfall"
	// MeasureDeltaLOLE is the change in other customers' hours with
	// unserved load, h/yr ([Risk.DeltaLOLEHours]).
	MeasureDeltaLOLE Measure = "delta_lole_h"
	// MeasureDeltaEUE is the change in other customers' unserved energy,
	// MWh/yr ([Risk.DeltaEUEMWh]).
	MeasureDeltaEUE Measure = "delta_eue_mwh"
	// MeasureLOLE is other customers' LOLE with the carve-out, hours a
	// year: a reliability standard rather than a change.
	MeasureLOLE Measure = "lole_h"
	// MeasureLOLEDays is other customers' LOLE with the carve-out, days
	// a year with unserved load (the "one day in ten years" form).
	MeasureLOLEDays Measure = "lole_days"
	// MeasureLOLP is other customers' hourly loss-of-load probability with
	// the carve-out: LOLE hours over the hours of the horizon.
	MeasureLOLP Measure = "lolp"
)

// relative reports whether the measure is a change the carve-out makes,
// exactly 0 without one; the others are standards the baseline itself
// may already fail.
func (m Measure) relative() bool {
	switch m {
	case MeasureLOLE, MeasureLOLEDays, MeasureLOLP:
		return false
	}
	return true
}

// of returns the measure's estimate at a sweep point of a study of
// hours hours.
func (m Measure) of(p *SweepPoint, hours int) montecarlo.Estimate {
	switch m {
	case MeasureLOLE:
		return p.LOLEHours
	case MeasureLOLEDays:
		return p.LOLEDays
	case MeasureLOLP:
		return p.LOLEHours.Scale(1 / float64(hours))
	case MeasurePCausesShedding:
		return p.PCausesShedding
	case MeasurePNewShortfall:
		return p.PNewShortfall
	case MeasureDeltaLOLE:
		return p.DeltaLOLEHours
	default:
		return p.DeltaEUEMWh
	}
}

// Criterion is a standard the carve-out must meet: Measure ≤ Max.
type Criterion struct {
	// Measure is the measure bounded.
	Measure Measure `json:"measure"`
	// Max is its largest acceptable value, finite and >= 0 (a change is
	// 0 for no carve-out; a standard such as LOLE must hold for the
	// baseline too).
	Max float64 `json:"max"`
}

// HostingSpec describes a hosting-capacity search: the largest carve-out
// of the scenario's make (its mining share, miners and AI load) that,
// at a site and under a policy, meets every criterion.
type HostingSpec struct {
	// Criteria must all hold; each measure may appear once.
	Criteria []Criterion `json:"criteria"`
	// Site is the zone the carve-out sits in, for a zonal scenario; empty
	// keeps the scenario's own siting (and is the only choice without
	// zones).
	Site string `json:"site,omitempty"`
	// Policy is the curtailment policy; the zero Policy keeps the
	// scenario's main policy.
	Policy Policy `json:"policy"`
	// LoMW and HiMW bracket the search: 0 <= LoMW < HiMW. The criteria
	// must hold at LoMW and fail at HiMW, or the search says which end is
	// wrong.
	LoMW float64 `json:"lo_mw"`
	HiMW float64 `json:"hi_mw"`
	// Points is the number of sizes scored in each round, LoMW and HiMW of
	// the round included (0: 9; at least 3, at most 33).
	Points int `json:"points,omitempty"`
	// MaxRounds caps the rounds (0: 4; at most 20).
	MaxRounds int `json:"max_rounds,omitempty"`
	// ToleranceMW ends the search once the bracket is this narrow (0:
	// 1% of HiMW − LoMW).
	ToleranceMW float64 `json:"tolerance_mw,omitempty"`
	// Shards, if above 1, runs each round as that many shards of the
	// scenario's trials (montecarlo.WithShard), merged with
	// [MergeShards]: the answer is the same, bit for bit, as unsharded
	// (0 or 1: unsharded; at most the scenario's trials and 1000).
	Shards int `json:"shards,omitempty"`
}

// HostingRound is one round of a hosting search: the sizes scored, on the
// same draws, and each criterion's estimate at each size
// (Estimates[criterion][size]).
type HostingRound struct {
	SizesMW   []float64               `json:"sizes_mw"`
	Estimates [][]montecarlo.Estimate `json:"estimates"`
}

// Hosting statuses.
const (
	// HostingConverged: the bracket is narrower than the tolerance.
	HostingConverged = "converged"
	// HostingUnresolved: half or more of a round's sizes lie inside the
	// bracket with intervals that straddle a criterion's limit, so scoring
	// more sizes on the same trials cannot narrow it much; more trials
	// can.
	HostingUnresolved = "unresolved"
	// HostingRoundsUsed: MaxRounds rounds were run.
	HostingRoundsUsed = "rounds used"
)

// HostingResult is the outcome of [Hosting]: the hosting capacity with an
// interval, and how the search got there.
type HostingResult struct {
	Spec HostingSpec `json:"spec"`
	// EstimateMW is the point estimate: where the estimated measures
	// first reach a limit, interpolated linearly between the sizes scored.
	EstimateMW float64 `json:"estimate_mw"`
	// LoMW is the largest size scored at which every criterion holds with
	// the run's confidence (each upper interval bound within its limit),
	// and HiMW the smallest at which some criterion fails with it (its
	// lower bound beyond the limit): the hosting capacity lies between,
	// at the confidence of each end's interval (95%, two-sided, as every
	// interval of a report).
	LoMW float64 `json:"lo_mw"`
	HiMW float64 `json:"hi_mw"`
	// Status says why the search stopped (HostingConverged,
	// HostingUnresolved or HostingRoundsUsed).
	Status string `json:"status"`
	// Rounds are the rounds run, in order.
	Rounds []HostingRound `json:"rounds"`
	// Trials and Seed are the scenario's: every round scores its sizes on
	// the same trial-years (common random numbers).
	Trials int64  `json:"trials"`
	Seed   uint64 `json:"seed"`
}

// checkHosting validates spec with its defaults filled in.
func checkHosting(spec *HostingSpec) error {
	if len(spec.Criteria) == 0 {
		return input.Field("criteria", "none", "at least one criterion")
	}
	for i, c := range spec.Criteria {
		switch c.Measure {
		case MeasurePCausesShedding, MeasurePNewShortfall, MeasureDeltaLOLE, MeasureDeltaEUE, MeasureLOLE, MeasureLOLEDays, MeasureLOLP:
		default:
			return input.Field(fmt.Sprintf("criteria[%d].measure", i), fmt.Sprintf("%q", c.Measure),
				fmt.Sprintf("one of %q, %q, %q, %q, %q, %q, %q", MeasurePCausesShedding, MeasurePNewShortfall, MeasureDeltaLOLE, MeasureDeltaEUE, MeasureLOLE, MeasureLOLEDays, MeasureLOLP))
		}
		if !(c.Max >= 0) || math.IsInf(c.Max, 0) {
			return input.Field(fmt.Sprintf("criteria[%d].max", i), c.Max, "finite and >= 0: every measure is >= 0, so a negative limit is already violated")
		}
		if (c.Measure == MeasurePCausesShedding || c.Measure == MeasurePNewShortfall || c.Measure == MeasureLOLP) && c.Max >= 1 {
			return input.Field(fmt.Sprintf("criteria[%d].max", i), c.Max, "below 1: a probability of at most 1 always holds")
		}
		for j := range i {
			if spec.Criteria[j].Measure == c.Measure {
				return input.Field(fmt.Sprintf("criteria[%d].measure", i), fmt.Sprintf("%q", c.Measure),
					fmt.Sprintf("a measure not bounded before (criteria[%d]): two limits on one measure conflict", j))
			}
		}
	}
	if !(spec.LoMW >= 0) || math.IsInf(spec.LoMW, 0) {
		return input.Field("lo_mw", spec.LoMW, "finite and >= 0")
	}
	if !(spec.HiMW > spec.LoMW) || spec.HiMW > 1e6 {
		return input.Field("hi_mw", spec.HiMW, fmt.Sprintf("above lo_mw = %v and at most 1e6", spec.LoMW))
	}
	if spec.Points == 0 {
		spec.Points = 9
	}
	if spec.Points < 3 || spec.Points > 33 {
		return input.Field("points", spec.Points, "in [3, 33]")
	}
	if spec.MaxRounds == 0 {
		spec.MaxRounds = 4
	}
	if spec.MaxRounds < 1 || spec.MaxRounds > 20 {
		return input.Field("max_rounds", spec.MaxRounds, "in [1, 20]")
	}
	if spec.ToleranceMW == 0 {
		spec.ToleranceMW = (spec.HiMW - spec.LoMW) / 100
	}
	if !(spec.ToleranceMW > 0) || math.IsInf(spec.ToleranceMW, 0) {
		return input.Field("tolerance_mw", spec.ToleranceMW, "finite and > 0")
	}
	if spec.Shards < 0 || spec.Shards > 1000 {
		return input.Field("shards", spec.Shards, "in [0, 1000] (0 or 1: unsharded)")
	}
	return nil
}

// Hosting finds the hosting capacity of sc's grid for its carve-out: the
// largest size meeting every criterion of spec at spec's site and
// policy. Each round scores Points sizes across the current bracket as
// one study (a sweep), on sc's seed and trials, so that every size of
// every round is scored on the same trial-years; for a firm carve-out of
// always-running miners each measure then never falls with size, trial
// by trial, and neither do their estimates. After a round the bracket
// narrows to the largest size that meets every criterion with
// confidence and the smallest that fails one with confidence. The
// search stops when the bracket is narrower than ToleranceMW
// (converged); when half the sizes of a round or more fall inside the
// bracket unresolved, as more sizes on the same trials would not
// resolve them either (unresolved: run more trials); or after MaxRounds
// rounds. Each end of the bracket holds at the confidence of one
// interval: the measures grow with size on every trial, so the largest
// size whose upper bound meets a limit lies above the true hosting
// capacity only when the interval at that capacity misses its value.
//
// A criterion that fails with confidence at LoMW, or criteria that all
// hold with confidence at HiMW, are errors naming the end to move: the
// answer is not inside the bracket. opts are [Study.Run]'s options (for
// example workers, which never change the answer). Cancelling ctx stops
// the search with ctx's error.
func Hosting(ctx context.Context, sc *Scenario, spec HostingSpec, opts ...montecarlo.Option) (*HostingResult, error) {
	if sc == nil {
		return nil, errors.New("study: hosting: nil scenario")
	}
	if err := checkHosting(&spec); err != nil {
		return nil, fmt.Errorf("study: hosting: %w", err)
	}
	res := &HostingResult{Spec: spec, Trials: sc.Trials, Seed: sc.Seed}
	cs := spec.Criteria
	score := func(sizes []float64) (hostingScore, error) {
		r, err := hostingRound(ctx, sc, &spec, sizes, opts)
		if err != nil {
			return hostingScore{}, err
		}
		res.Rounds = append(res.Rounds, *r)
		return hostingScore{r, cs}, nil
	}
	first := func(h hostingScore, safe, fail int) (bool, error) {
		r, last := h.r, len(h.r.SizesMW)-1
		switch {
		case r.SizesMW[0] == 0 && r.fails(cs, 0):
			return false, fmt.Errorf("study: hosting: %s: the baseline already violates a criterion: no carve-out can meet it", r.describe(cs, 0))
		case safe < 0:
			return false, fmt.Errorf("study: hosting: %s: the criteria do not hold with confidence at lo_mw = %v MW: lower it, or run more trials", r.describe(cs, 0), r.SizesMW[0])
		case fail > last:
			return false, fmt.Errorf("study: hosting: %s: no criterion fails with confidence at hi_mw = %v MW: raise it, or run more trials", r.describe(cs, last), r.SizesMW[last])
		}
		return false, nil
	}
	b, err := searchBracket(bracketSearch{lo: spec.LoMW, hi: spec.HiMW, tol: spec.ToleranceMW, points: spec.Points, rounds: spec.MaxRounds}, score, first)
	if err != nil {
		return nil, err
	}
	res.EstimateMW, res.LoMW, res.HiMW, res.Status = b.estimate, b.lo, b.hi, b.status
	return res, nil
}

// hostingScore is a round of a hosting search as the bracket search sees
// it: a size is short of the limit where every criterion holds with
// confidence, and past it where some criterion fails with confidence.
type hostingScore struct {
	r  *HostingRound
	cs []Criterion
}

func (h hostingScore) short(i int) bool  { return h.r.holds(h.cs, i, confident) }
func (h hostingScore) past(i int) bool   { return h.r.fails(h.cs, i) }
func (h hostingScore) crossing() float64 { return h.r.crossing(h.cs) }

// confident selects the interval bound a check uses.
const confident = true

// holds reports whether every criterion holds at size i: with the
// interval's upper bound within the limit when conf is set, else with
// the estimate. A change the carve-out makes is exactly 0 without one, so
// at 0 MW it holds whatever the interval says (a Wilson interval of no
// events still has a positive upper bound).
func (r *HostingRound) holds(cs []Criterion, i int, conf bool) bool {
	for k, c := range cs {
		if r.SizesMW[i] == 0 && c.Measure.relative() {
			continue
		}
		e := r.Estimates[k][i]
		v := e.Mean
		if conf {
			v = e.Hi
		}
		if !(v <= c.Max) {
			return false
		}
	}
	return true
}

// fails reports whether some criterion fails at size i with confidence:
// its interval's lower bound beyond the limit.
func (r *HostingRound) fails(cs []Criterion, i int) bool {
	for k, c := range cs {
		if r.Estimates[k][i].Lo > c.Max {
			return true
		}
	}
	return false
}

// crossing returns the point estimate: the first size at which the
// estimate of some criterion reaches its limit, interpolated linearly
// between the sizes scored (the round's last size if none does).
func (r *HostingRound) crossing(cs []Criterion) float64 {
	s := r.SizesMW
	for i := 1; i < len(s); i++ {
		if r.holds(cs, i, !confident) {
			continue
		}
		best := s[i]
		for k, c := range cs {
			a, b := r.Estimates[k][i-1].Mean, r.Estimates[k][i].Mean
			if b > c.Max && b > a {
				x := s[i-1] + (s[i]-s[i-1])*max(0, c.Max-a)/(b-a)
				best = min(best, x)
			}
		}
		return best
	}
	return s[len(s)-1]
}

// describe lists the criteria's estimates at size i, for messages.
func (r *HostingRound) describe(cs []Criterion, i int) string {
	out := fmt.Sprintf("at %v MW", r.SizesMW[i])
	for k, c := range cs {
		e := r.Estimates[k][i]
		out += fmt.Sprintf(", %s %.4g [%.4g, %.4g] against %v", c.Measure, e.Mean, e.Lo, e.Hi, c.Max)
	}
	return out
}

// hostingRound scores sizes as one study of sc and returns each
// criterion's estimates.
func hostingRound(ctx context.Context, sc *Scenario, spec *HostingSpec, sizes []float64, opts []montecarlo.Option) (*HostingRound, error) {
	d := *sc
	d.Carveout.MW = sizes[0]
	policy := spec.Policy
	if policy.Kind == "" {
		policy = d.Carveout.Policy
	}
	d.Carveout.Policy = policy
	d.Sweep = Sweep{SizesMW: sizes, Policies: []Policy{policy}}
	if spec.Site != "" {
		d.Carveout.Site, d.Carveout.Sites = spec.Site, nil
		d.Sweep.Sites = []string{spec.Site}
	}
	rep, err := runRound(ctx, &d, spec.Shards, opts)
	if err != nil {
		return nil, fmt.Errorf("study: hosting: %w", err)
	}
	r := &HostingRound{SizesMW: sizes, Estimates: make([][]montecarlo.Estimate, len(spec.Criteria))}
	for k, c := range spec.Criteria {
		r.Estimates[k] = make([]montecarlo.Estimate, len(sizes))
		for i := range sizes {
			r.Estimates[k][i] = c.Measure.of(&rep.Sweep[i], rep.Hours)
		}
	}
	return r, nil
}

// HostingCOPT is the exact hosting capacity of sys for a constant, firm
// carve-out of MW in every hour (always-running miners with no notice
// and no curtailment), from its capacity outage probability table: the
// largest size in [lo, hi] at which the change in LOLE and in EUE meets
// each criterion, found by bisection to tol MW. ΔLOLE, ΔEUE, LOLE and
// LOLP have exact values; the probabilities of a year with shedding and
// LOLE in days depend on the chronology of outages and have none. sys must have no zones, classes
// or load forecast uncertainty (the table's exact case).
func HostingCOPT(sys *grid.System, criteria []Criterion, lo, hi, tol float64) (float64, error) {
	spec := HostingSpec{Criteria: criteria, LoMW: lo, HiMW: hi, ToleranceMW: tol}
	if err := checkHosting(&spec); err != nil {
		return 0, fmt.Errorf("study: hosting: %w", err)
	}
	if sys == nil {
		return 0, errors.New("study: hosting: nil system")
	}
	if sys.Zoned() || len(sys.Classes) > 0 || sys.LFUSigma != 0 {
		return 0, errors.New("study: hosting: the exact method needs a system without zones, classes or load forecast uncertainty")
	}
	for i, c := range criteria {
		switch c.Measure {
		case MeasureDeltaLOLE, MeasureDeltaEUE, MeasureLOLE, MeasureLOLP:
		default:
			return 0, input.In(input.Field("measure", fmt.Sprintf("%q", c.Measure), "delta_lole_h, delta_eue_mwh, lole_h or lolp: a count of years or days has no exact value from the hourly table"), fmt.Sprintf("study: hosting: criteria[%d]", i))
		}
	}
	t, err := grid.NewCOPT(sys.Units)
	if err != nil {
		return 0, fmt.Errorf("study: hosting: %w", err)
	}
	base, err := t.Indices(sys.Load)
	if err != nil {
		return 0, fmt.Errorf("study: hosting: %w", err)
	}
	load := slices.Clone(sys.Load)
	holds := func(mw float64) (bool, error) {
		for h, l := range sys.Load {
			load[h] = l + mw
		}
		x, err := t.Indices(load)
		if err != nil {
			return false, err
		}
		for _, c := range criteria {
			var d float64
			switch c.Measure {
			case MeasureDeltaLOLE:
				d = x.LOLEHours.Mean - base.LOLEHours.Mean
			case MeasureDeltaEUE:
				d = x.EUEMWh.Mean - base.EUEMWh.Mean
			case MeasureLOLE:
				d = x.LOLEHours.Mean
			case MeasureLOLP:
				d = x.LOLEHours.Mean / float64(len(load))
			}
			if d > c.Max {
				return false, nil
			}
		}
		return true, nil
	}
	ok, err := holds(lo)
	if err != nil || !ok {
		return 0, errors.Join(err, fmt.Errorf("study: hosting: a criterion fails at lo = %v MW: lower it", lo))
	}
	if ok, err := holds(hi); err != nil || ok {
		return 0, errors.Join(err, fmt.Errorf("study: hosting: every criterion holds at hi = %v MW: raise it", hi))
	}
	for hi-lo > spec.ToleranceMW {
		mid := lo + (hi-lo)/2
		ok, err := holds(mid)
		if err != nil {
			return 0, err
		}
		if ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, nil
}
