package study

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// FCESpec describes a search for the firm capacity equivalent of a
// scenario's carve-out ([FCE]): the least firm capacity that, added with
// the carve-out, restores the other customers' baseline LOLE or EUE.
type FCESpec struct {
	// Measure is the index restored: MeasureDeltaLOLE (LOLE) or
	// MeasureDeltaEUE (EUE). The search bounds the paired change of the
	// other customers' index with the carve-out and the offset against
	// their baseline: at most 0.
	Measure Measure `json:"measure"`
	// Site is the zone the carve-out sits in, for a zonal scenario; empty
	// keeps the scenario's own siting.
	Site string `json:"site,omitempty"`
	// Policy is the carve-out's curtailment policy; the zero Policy keeps
	// the scenario's main policy.
	Policy Policy `json:"policy"`
	// Zone is the zone the firm capacity is added in, for a zonal
	// scenario; empty means the carve-out's zone.
	Zone string `json:"zone,omitempty"`
	// Unit, when set, makes the firm capacity of units of one type
	// ([OffsetUnit]); nil means perfectly reliable capacity.
	Unit *OffsetUnit `json:"unit,omitempty"`
	// LoMW and HiMW bracket the search: 0 <= LoMW < HiMW <= 1e6, whole
	// multiples of 10^-6 MW. The index must fail to be restored at LoMW
	// and be restored at HiMW, both with confidence, or the search says
	// which end is wrong (except that a carve-out that does not raise the
	// index at all, with confidence, has a firm capacity equivalent of 0
	// when LoMW is 0). HiMW 0 means twice the carve-out.
	LoMW float64 `json:"lo_mw"`
	HiMW float64 `json:"hi_mw"`
	// Points, MaxRounds and ToleranceMW are as in [HostingSpec] (0: 9,
	// 4 and 1% of HiMW − LoMW).
	Points      int     `json:"points,omitempty"`
	MaxRounds   int     `json:"max_rounds,omitempty"`
	ToleranceMW float64 `json:"tolerance_mw,omitempty"`
	// Shards, if above 1, runs each round as that many shards of the
	// scenario's trials (montecarlo.WithShard), merged with
	// [MergeShards]: the answer is the same, bit for bit, as unsharded.
	Shards int `json:"shards,omitempty"`
}

// FCERound is one round of a firm capacity search: the offsets scored,
// on the same draws, and the paired change of the measure at each
// (the other customers' index with the carve-out and the offset, less
// their baseline).
type FCERound struct {
	OffsetsMW []float64             `json:"offsets_mw"`
	Estimates []montecarlo.Estimate `json:"estimates"`
}

// FCEResult is the outcome of [FCE]: the firm capacity equivalent of the
// carve-out with an interval, and how the search got there.
type FCEResult struct {
	Spec FCESpec `json:"spec"`
	// CarveoutMW is the carve-out's size (the scenario's).
	CarveoutMW float64 `json:"carveout_mw"`
	// EstimateMW is the point estimate: where the estimated change first
	// reaches 0, interpolated linearly between the offsets scored.
	EstimateMW float64 `json:"estimate_mw"`
	// LoMW is the largest offset scored at which the index is not
	// restored with confidence (the interval of the change above 0), and
	// HiMW the smallest at which it is (the interval at or below 0): the
	// firm capacity equivalent lies between, at the confidence of each
	// end's interval (95%, two-sided). Both are 0 for a carve-out that
	// does not raise the index.
	LoMW float64 `json:"lo_mw"`
	HiMW float64 `json:"hi_mw"`
	// Status says why the search stopped (HostingConverged,
	// HostingUnresolved or HostingRoundsUsed, as for hosting).
	Status string `json:"status"`
	// Rounds are the rounds run, in order.
	Rounds []FCERound `json:"rounds"`
	// Trials and Seed are the scenario's.
	Trials int64  `json:"trials"`
	Seed   uint64 `json:"seed"`
}

// checkFCE validates spec against a carve-out of mw MW, with its
// defaults filled in.
func checkFCE(spec *FCESpec, mw float64) error {
	if spec.Measure != MeasureDeltaLOLE && spec.Measure != MeasureDeltaEUE {
		return input.Field("measure", fmt.Sprintf("%q", spec.Measure), fmt.Sprintf("%q or %q: the firm capacity equivalent restores LOLE or EUE", MeasureDeltaLOLE, MeasureDeltaEUE))
	}
	if err := spec.Unit.Validate(); err != nil {
		return input.In(err, "unit")
	}
	if !(spec.LoMW >= 0) || spec.LoMW > 1e6 || !onMicroGrid(spec.LoMW) {
		return input.Field("lo_mw", spec.LoMW, "in [0, 1e6] and a whole multiple of 1e-6 MW")
	}
	if spec.HiMW == 0 {
		spec.HiMW = math.Round(2*mw*1e6) / 1e6
	}
	if !(spec.HiMW > spec.LoMW) || spec.HiMW > 1e6 || !onMicroGrid(spec.HiMW) {
		return input.Field("hi_mw", spec.HiMW, fmt.Sprintf("above lo_mw = %v, at most 1e6 and a whole multiple of 1e-6 MW (0 means twice the carve-out, %v MW)", spec.LoMW, mw))
	}
	if u := spec.Unit; u != nil && spec.HiMW/u.MW > MaxOffsetUnits {
		return input.Field("hi_mw", spec.HiMW, fmt.Sprintf("at most %d units of unit.mw = %v MW (MaxOffsetUnits)", MaxOffsetUnits, u.MW))
	}
	h := HostingSpec{Criteria: []Criterion{{Measure: spec.Measure}}, LoMW: spec.LoMW, HiMW: spec.HiMW, Points: spec.Points, MaxRounds: spec.MaxRounds, ToleranceMW: spec.ToleranceMW, Shards: spec.Shards}
	if err := checkHosting(&h); err != nil {
		return err
	}
	spec.Points, spec.MaxRounds, spec.ToleranceMW = h.Points, h.MaxRounds, h.ToleranceMW
	return nil
}

// FCE finds the firm capacity equivalent of sc's carve-out (its size,
// sc.Carveout.MW, make and siting, at spec's site and policy): the least
// firm capacity that, added in a zone (the carve-out's by default) with
// the carve-out in place, brings the other customers' LOLE or EUE back
// to its baseline without the carve-out. The capacity is perfectly
// reliable, or units of spec.Unit's type drawn on their own streams.
//
// The search runs like [Hosting]'s: each round scores Points offsets
// across the current bracket as one study of sc (a sweep with an
// [Offset]), on sc's seed and trials, so every offset of every round is
// scored on the same trial-years, and the change it measures is the
// paired difference, trial by trial, between the other customers' index
// with the carve-out and the offset and their baseline. For a firm
// carve-out that change never rises with the offset, trial by trial.
// After a round the bracket narrows to the largest offset that fails to
// restore the index with confidence and the smallest that restores it
// with confidence; the search stops as Hosting's does, with the same
// statuses.
//
// A firm carve-out of a constant x MW with a perfectly reliable offset
// in its zone has a LOLE equivalent of x, up to the lattice of the
// fleet's capacity states (an offset of x makes every comparison the
// baseline's), and an EUE equivalent below x (the carve-out takes its
// pro-rata share of what is shed). A carve-out of 0 MW has an
// equivalent of exactly 0: its change is 0 in every trial.
//
// A bracket whose LoMW already restores the index with confidence (for
// LoMW > 0), or does not fail with confidence, and a HiMW that does not
// restore it with confidence, are errors naming the end to move. opts
// are [Study.Run]'s options. Cancelling ctx stops the search with ctx's
// error.
func FCE(ctx context.Context, sc *Scenario, spec FCESpec, opts ...montecarlo.Option) (*FCEResult, error) {
	if sc == nil {
		return nil, errors.New("study: fce: nil scenario")
	}
	x := sc.Carveout.MW
	if !(x >= 0 && x <= 1e6) {
		return nil, fmt.Errorf("study: fce: %w", input.Field("carveout.mw", x, "in [0, 1e6]"))
	}
	if err := checkFCE(&spec, x); err != nil {
		return nil, fmt.Errorf("study: fce: %w", err)
	}
	res := &FCEResult{Spec: spec, CarveoutMW: x, Trials: sc.Trials, Seed: sc.Seed}
	score := func(offs []float64) (*FCERound, error) {
		r, err := fceRound(ctx, sc, &spec, offs, opts)
		if err != nil {
			return nil, err
		}
		res.Rounds = append(res.Rounds, *r)
		return r, nil
	}
	first := func(r *FCERound, fail, ok int) (bool, error) {
		lo, last := r.OffsetsMW[0], len(r.OffsetsMW)-1
		switch {
		case ok == 0 && lo == 0:
			// The carve-out does not raise the index, with confidence:
			// no firm capacity is needed.
			return true, nil
		case ok == 0:
			return false, fmt.Errorf("study: fce: %s: lo_mw = %v MW already restores the baseline with confidence: lower it", r.describe(spec.Measure, 0), lo)
		case fail < 0:
			return false, fmt.Errorf("study: fce: %s: the carve-out's change is not above 0 with confidence at lo_mw = %v MW: lower lo_mw, or run more trials", r.describe(spec.Measure, 0), lo)
		case ok > last:
			return false, fmt.Errorf("study: fce: %s: hi_mw = %v MW does not restore the baseline with confidence: raise it, or run more trials", r.describe(spec.Measure, last), r.OffsetsMW[last])
		}
		return false, nil
	}
	// Interior offsets on a 1 kW grid: a valid unit capacity, and the
	// same offset in two rounds is the same number.
	kW := func(x float64) float64 { return math.Round(x*1e3) / 1e3 }
	b, err := searchBracket(bracketSearch{lo: spec.LoMW, hi: spec.HiMW, tol: spec.ToleranceMW, points: spec.Points, rounds: spec.MaxRounds, snap: kW}, score, first)
	if err != nil {
		return nil, err
	}
	res.EstimateMW, res.LoMW, res.HiMW, res.Status = b.estimate, b.lo, b.hi, b.status
	return res, nil
}

// short reports whether offset i fails to restore the index with
// confidence: the change's interval is above 0.
func (r *FCERound) short(i int) bool { return r.Estimates[i].Lo > 0 }

// past reports whether offset i restores the index with confidence: the
// change's interval is at or below 0.
func (r *FCERound) past(i int) bool { return r.Estimates[i].Hi <= 0 }

// crossing returns the point estimate: the first offset at which the
// estimated change reaches 0, interpolated linearly from the offset
// before (the round's last offset if none does).
func (r *FCERound) crossing() float64 {
	s, e := r.OffsetsMW, r.Estimates
	if e[0].Mean <= 0 {
		return s[0]
	}
	for i := 1; i < len(s); i++ {
		if b := e[i].Mean; b <= 0 {
			a := e[i-1].Mean
			return s[i-1] + (s[i]-s[i-1])*a/(a-b)
		}
	}
	return s[len(s)-1]
}

// describe gives the change at offset i, for messages.
func (r *FCERound) describe(m Measure, i int) string {
	e := r.Estimates[i]
	return fmt.Sprintf("offset %v MW: %s %.4g [%.4g, %.4g]", r.OffsetsMW[i], m, e.Mean, e.Lo, e.Hi)
}

// fceRound scores offsets with sc's carve-out as one study and returns
// the measure's paired change at each.
func fceRound(ctx context.Context, sc *Scenario, spec *FCESpec, offs []float64, opts []montecarlo.Option) (*FCERound, error) {
	d := *sc
	policy := spec.Policy
	if policy.Kind == "" {
		policy = d.Carveout.Policy
	}
	d.Carveout.Policy = policy
	d.Sweep = Sweep{SizesMW: []float64{d.Carveout.MW}, Policies: []Policy{policy},
		Offset: &Offset{MW: offs, Zone: spec.Zone, Unit: spec.Unit}}
	if spec.Site != "" {
		d.Carveout.Site, d.Carveout.Sites = spec.Site, nil
		d.Sweep.Sites = []string{spec.Site}
	}
	rep, err := runRound(ctx, &d, spec.Shards, opts)
	if err != nil {
		return nil, fmt.Errorf("study: fce: %w", err)
	}
	r := &FCERound{OffsetsMW: offs, Estimates: make([]montecarlo.Estimate, len(offs))}
	for i := range offs {
		r.Estimates[i] = spec.Measure.of(&rep.Sweep[i], rep.Hours)
	}
	return r, nil
}

// FCECOPT is the exact firm capacity equivalent, on a copper plate, of a
// constant firm carve-out of mw MW in every hour (always-running miners
// with no curtailment), from capacity outage probability tables: the
// least offset in [lo, hi], to tol MW, at which the other customers'
// LOLE or EUE (measure MeasureDeltaLOLE or MeasureDeltaEUE) with the
// carve-out and the offset is at most their baseline. The offset is
// perfectly reliable capacity (unit nil), or units of unit's type added
// to the table. The other customers' expected unserved energy in an hour
// is the system's times their share of the load, as the firm policy sheds
// pro rata. An offset of units is bisected on a grid of 0.01 MW (so
// that the table stays small), and the answer is then within
// max(tol, 0.01) MW. sys must have no zones, classes or load forecast
// uncertainty. A carve-out of 0 has an equivalent of exactly 0.
func FCECOPT(sys *grid.System, mw float64, measure Measure, unit *OffsetUnit, lo, hi, tol float64) (float64, error) {
	spec := FCESpec{Measure: measure, Unit: unit, LoMW: lo, HiMW: hi, ToleranceMW: tol}
	if !(mw >= 0 && mw <= 1e6) {
		return 0, fmt.Errorf("study: fce: %w", input.Field("mw", mw, "in [0, 1e6]"))
	}
	if err := checkFCE(&spec, mw); err != nil {
		return 0, fmt.Errorf("study: fce: %w", err)
	}
	if sys == nil {
		return 0, errors.New("study: fce: nil system")
	}
	if sys.Zoned() || len(sys.Classes) > 0 || sys.LFUSigma != 0 {
		return 0, errors.New("study: fce: the exact method needs a system without zones, classes or load forecast uncertainty")
	}
	if mw == 0 {
		return 0, nil
	}
	index := func(t *grid.COPT, off, x float64) float64 {
		v := 0.0
		for _, l := range sys.Load {
			d := l + (x - off)
			if measure == MeasureDeltaLOLE {
				v += t.LOLP(d)
			} else if x > 0 {
				v += t.ExpectedUnserved(d) * (l / (l + x))
			} else {
				v += t.ExpectedUnserved(d)
			}
		}
		return v
	}
	t0, err := grid.NewCOPT(sys.Units)
	if err != nil {
		return 0, fmt.Errorf("study: fce: %w", err)
	}
	base := index(t0, 0, 0)
	restores := func(off float64) (bool, error) {
		if unit == nil {
			return index(t0, off, mw) <= base, nil
		}
		t, err := grid.NewCOPT(append(sys.Units[:len(sys.Units):len(sys.Units)], unit.units(off)...))
		if err != nil {
			return false, err
		}
		return index(t, 0, mw) <= base, nil
	}
	lo, hi = spec.LoMW, spec.HiMW
	if ok, err := restores(lo); err != nil || ok {
		if lo == 0 && err == nil {
			return 0, nil
		}
		return 0, errors.Join(err, fmt.Errorf("study: fce: lo = %v MW already restores the baseline: lower it", lo))
	}
	if ok, err := restores(hi); err != nil || !ok {
		return 0, errors.Join(err, fmt.Errorf("study: fce: hi = %v MW does not restore the baseline: raise it", hi))
	}
	tol = spec.ToleranceMW
	if unit != nil {
		tol = max(tol, 0.01)
	}
	for hi-lo > tol {
		mid := lo + (hi-lo)/2
		if unit != nil {
			mid = math.Round(mid*100) / 100
			if mid <= lo || mid >= hi {
				break
			}
		}
		ok, err := restores(mid)
		if err != nil {
			return 0, err
		}
		if ok {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, nil
}
