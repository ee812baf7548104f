package study

import (
	"fmt"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// State is the exact, mergeable state of a study run: every count and
// exact sum its report is computed from. It is what a shard holds and
// what merging combines; the merge is exact, so any split of the trials
// gives the same report to the byte. Its JSON is the "state" of a shard
// file; its contents are the study's own, and [DecodeShard] checks them
// against the shard's scenario before they are merged.
type State struct{ state }

// state holds one accumulator per result, each in the file of its
// result (baseline.go, risk.go, load.go, demandsummary.go,
// distributions.go, market.go, convergence.go, sweep.go) with its add,
// merge, check and finalisation. The main case feeds every result but the
// sweep; each further case of the sweep feeds its point of the sweep.
// Field order and JSON names are the shard format's.
type state struct {
	// Baseline accumulates the indices without the carve-out.
	Baseline indicesAcc `json:"baseline"`
	// Main accumulates the main carve-out case.
	Main caseAcc `json:"main"`
	// Sweep accumulates the sweep's cases, in the order of
	// [Report.Sweep].
	Sweep sweepAcc `json:"sweep"`
	// Incremental counts, by month and hour of day, the hours in which
	// the main case shed more of the other customers' load than the
	// baseline.
	Incremental incrementalAcc `json:"incremental_hours"`
	// DeltaLOLE accumulates, by month and hour of day, the main case's
	// change in the other customers' short hours.
	DeltaLOLE deltaLOLEAcc `json:"delta_lole_cells"`
	distributionsAcc
	demandAcc
	marketAcc
	// Convergence accumulates blocks of consecutive trials.
	Convergence convergenceAcc `json:"convergence"`
	// Zones accumulates each zone's results for the main case of a
	// zonal study.
	Zones zonesAcc `json:"zones,omitempty"`
	// Months accumulates the main case's shortfall by month.
	Months monthsAcc `json:"months"`
	// Cost accumulates the main case's economics; nil without.
	Cost *costAcc `json:"cost,omitempty"`
	// ControlVariates accumulates the sums behind the control-variate
	// estimates; nil without.
	ControlVariates *cvAcc `json:"control_variates,omitempty"`
}

// caseAcc accumulates the main carve-out case: the other customers'
// indices with it, the paired risk, and what happened to its own load.
type caseAcc struct {
	// Others accumulates the other customers' indices with the carve-out.
	Others indicesAcc `json:"others"`
	riskAcc
	loadAcc
}

// newState returns an empty state shaped for the study.
func (st *Study) newState() *State {
	s := &State{state{
		Sweep:            make(sweepAcc, len(st.sweepCases())),
		distributionsAcc: newDistributionsAcc(),
		marketAcc:        newMarketAcc(st.hours),
		Convergence:      make(convergenceAcc, (st.sc.Trials+st.convBlock-1)/st.convBlock),
	}}
	costed := st.cost != nil && st.cost.econ.Sweep
	for i, c := range st.sweepCases() {
		if c.ref >= 0 {
			s.Sweep[i].Vs = &vsAcc{}
			if costed {
				s.Sweep[i].Vs.ShortRun, s.Sweep[i].Vs.CO2 = &montecarlo.Mean{}, &montecarlo.Mean{}
			}
		}
		if costed {
			s.Sweep[i].Cost = &pointCostAcc{}
		}
	}
	if st.z != nil {
		s.Zones = make(zonesAcc, len(st.z.names))
	}
	if st.cost != nil {
		s.Cost = newCostAcc(st.cost)
	}
	if st.cv != nil {
		s.ControlVariates = newCVAcc(len(st.cv.names))
	}
	return s
}

// add records the main case's outcome of one trial in every result but
// the sweep.
func (a *state) add(o *outcome) {
	a.Baseline.add(&o.base, o.loadMWh)
	a.Main.add(o)
	a.Incremental.add(o)
	a.DeltaLOLE.add(o.became, o.cleared, o.st.months, o.cells)
	a.distributionsAcc.add(o)
	a.demandAcc.add(o)
	a.marketAcc.add(o)
	a.Convergence.add(o)
	if o.zones != nil {
		a.Zones.add(o.zones, o.st.months, o.cells)
	}
	a.Months.add(&o.baseMonths, &o.othersMonths)
	if a.Cost != nil && o.cost != nil {
		a.Cost.add(o.st.cost, o.cost, o)
	}
	if a.ControlVariates != nil {
		var y [len(cvResponses)]float64
		cvResponseValues(o, &y)
		a.ControlVariates.add(o.trial, o.ctrl, y[:])
	}
}

func (c *caseAcc) add(o *outcome) {
	c.Others.add(&o.others, o.loadMWh)
	c.riskAcc.add(o)
	c.loadAcc.add(o)
}

// Merge adds the trials of o exactly. Both must come from the same study
// (as [DecodeShard] checks of a shard's state); states of different
// shapes are an error, and may leave a partly merged.
func (a *State) Merge(o *State) error {
	if o == nil {
		return fmt.Errorf("study: merging states: nil state")
	}
	if err := a.merge(&o.state); err != nil {
		return fmt.Errorf("study: merging states: %w", err)
	}
	return nil
}

func (a *state) merge(o *state) error {
	if err := a.Baseline.merge(&o.Baseline); err != nil {
		return input.In(err, "baseline")
	}
	if err := a.Main.merge(&o.Main); err != nil {
		return input.In(err, "main")
	}
	if err := a.Sweep.merge(o.Sweep); err != nil {
		return err
	}
	a.Incremental.merge(&o.Incremental)
	a.DeltaLOLE.merge(&o.DeltaLOLE)
	if err := a.distributionsAcc.merge(&o.distributionsAcc); err != nil {
		return err
	}
	a.demandAcc.merge(&o.demandAcc)
	if err := a.marketAcc.merge(&o.marketAcc); err != nil {
		return err
	}
	if err := a.Zones.merge(o.Zones); err != nil {
		return err
	}
	a.Months.merge(&o.Months)
	switch {
	case (a.Cost == nil) != (o.Cost == nil):
		return fmt.Errorf("cost: one state has economics and the other not")
	case a.Cost != nil:
		if err := a.Cost.merge(o.Cost); err != nil {
			return input.In(err, "cost")
		}
	}
	switch {
	case (a.ControlVariates == nil) != (o.ControlVariates == nil):
		return fmt.Errorf("control_variates: one state has control variates and the other not")
	case a.ControlVariates != nil:
		if err := a.ControlVariates.merge(o.ControlVariates); err != nil {
			return err
		}
	}
	return a.Convergence.merge(o.Convergence)
}

func (c *caseAcc) merge(o *caseAcc) error {
	c.riskAcc.merge(&o.riskAcc)
	c.loadAcc.merge(&o.loadAcc)
	return input.In(c.Others.merge(&o.Others), "others")
}

// check checks that a decoded state has the study's shape and counts
// consistent with done trials from global trial start on. It guards
// merge against edited or truncated shard files. Errors name the field by
// its JSON path.
func (a *state) check(st *Study, start, done int64) error {
	ref := st.newState()
	for _, err := range []error{
		input.In(a.Baseline.check(done), "baseline"),
		input.In(a.Main.check(st.mainCase(), done), "main"),
		input.In(a.Sweep.check(st.sweepCases(), st.cost != nil && st.cost.econ.Sweep, done), "sweep"),
		a.Zones.check(len(ref.Zones), &st.cellHours, done),
		input.In(a.Incremental.check(&st.cellHours, done), "incremental_hours"),
		input.In(a.DeltaLOLE.check(&st.cellHours, done), "delta_lole_cells"),
		input.In(a.DeltaLOLE.checkTotal(&a.Main.DeltaLOLE), "delta_lole_cells"),
		a.distributionsAcc.check(&ref.distributionsAcc, done),
		a.demandAcc.check(done),
		a.marketAcc.check(&ref.marketAcc, done),
		input.In(a.Convergence.check(len(ref.Convergence), st.convBlock, start, done), "convergence"),
		input.In(a.Months.check(done), "months"),
		a.checkCost(st, done),
		a.checkControls(st, start, done),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkControls checks the control-variate sums: present exactly when
// the study asks for them, shaped for its controls, with done trials.
func (a *state) checkControls(st *Study, start, done int64) error {
	switch {
	case st.cv == nil && a.ControlVariates != nil:
		return input.Field("control_variates", "present", "absent (the scenario has no variance reduction)")
	case st.cv == nil:
		return nil
	case a.ControlVariates == nil:
		return input.Field("control_variates", "absent", "present (the scenario asks for control variates)")
	}
	return a.ControlVariates.check(len(st.cv.names), start, done)
}

func (c *caseAcc) check(spec *caseSpec, done int64) error {
	if err := input.In(c.Others.check(done), "others"); err != nil {
		return err
	}
	if err := c.riskAcc.check(done); err != nil {
		return err
	}
	return c.loadAcc.check(done, spec.minerMW > 0)
}

// Trials returns the number of trials recorded.
func (a *State) Trials() int64 { return a.Baseline.Any.N }

// RelativeSE is the relative standard error of the main estimate, ΔEUE of
// other customers, used by a precision target. Until some trial has a
// non-zero ΔEUE it is +Inf: an estimate of zero with zero error says
// nothing about precision.
func (a *State) RelativeSE() float64 { return a.Main.DeltaEUE.Estimate().PrecisionRSE() }

// The checks of a decoded state that every result shares: a path in the
// state, the value found and the trials done.

// checkN checks that an accumulator at path has seen done trials.
func checkN(path string, n, done int64) error {
	if n != done {
		return input.Field(input.JoinPath(path, "n"), n, fmt.Sprintf("%d, the trials done", done))
	}
	return nil
}

// sampled is an accumulator of one value (or pair) per trial: a
// montecarlo.Mean or Ratio.
type sampled interface {
	N() int64
	Check() error
	IsFinite() bool
}

// counted names an accumulator by its path.
type counted struct {
	path string
	acc  sampled
}

// checkCounts checks that each accumulator is a state its Add and Merge
// can produce, has seen done trials, and has finite sums: every value a
// trial records is finite.
func checkCounts(done int64, cs ...counted) error {
	for _, c := range cs {
		if err := c.acc.Check(); err != nil {
			return input.In(err, c.path)
		}
		if err := checkN(c.path, c.acc.N(), done); err != nil {
			return err
		}
		if !c.acc.IsFinite() {
			return input.Field(c.path, "a sum that is not finite", "finite sums (every value a trial records is finite)")
		}
	}
	return nil
}

// checkProportion checks that a proportion at path has seen done trials
// with between 0 and all of them successes.
func checkProportion(path string, p *montecarlo.Proportion, done int64) error {
	if err := checkN(path, p.N, done); err != nil {
		return err
	}
	return input.In(p.Check(), path)
}

// checkNewShortfall checks the count of new shortfalls at path against
// done trials and against the count of trials the carve-out caused
// shedding in: a trial with a new shortfall is one of those.
func checkNewShortfall(path string, p, causes *montecarlo.Proportion, done int64) error {
	if err := checkProportion(path, p, done); err != nil {
		return err
	}
	if p.K > causes.K {
		return input.Field(input.JoinPath(path, "k"), p.K, fmt.Sprintf("at most %d, the trials in which the carve-out caused shedding", causes.K))
	}
	return nil
}

// checkHistogram checks that a histogram at path has the bins of ref, no
// negative count, and done values.
func checkHistogram(path string, h, ref *montecarlo.Histogram, done int64) error {
	if h.Lo != ref.Lo || h.Hi != ref.Hi || len(h.Counts) != len(ref.Counts) {
		return input.Field(path, fmt.Sprintf("%d bins over [%v, %v)", len(h.Counts), h.Lo, h.Hi),
			fmt.Sprintf("the study's %d bins over [%v, %v)", len(ref.Counts), ref.Lo, ref.Hi))
	}
	if err := h.Check(); err != nil {
		return input.In(err, path)
	}
	if n := h.N(); n != done {
		return input.Field(path, fmt.Sprintf("%d values", n), fmt.Sprintf("%d, the trials done", done))
	}
	return nil
}

// checkCost checks the economics of a decoded state: present exactly
// when the study has economics, and of its shape.
func (a *state) checkCost(st *Study, done int64) error {
	switch {
	case st.cost == nil && a.Cost != nil:
		return input.Field("cost", "present", "absent: the scenario has no economics")
	case st.cost == nil:
		return nil
	case a.Cost == nil:
		return input.Field("cost", "absent", "present: the scenario has economics")
	}
	return input.In(a.Cost.check(st.cost, st.hours, done), "cost")
}
