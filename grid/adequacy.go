package grid

import (
	"context"
	"math/rand/v2"

	"github.com/carveout/carveout/montecarlo"
)

// AdequacyReport is the result of [Adequacy]: the run's identity, the
// indices with their uncertainty, and the exact state they come from.
type AdequacyReport struct {
	// Seed is the run's seed.
	Seed uint64 `json:"seed"`
	// Trials is the run's trial count, over all shards.
	Trials int64 `json:"trials"`
	// Start is the global index of this shard's first trial.
	Start int64 `json:"start"`
	// End is one past the global index of this shard's last trial.
	End int64 `json:"end"`
	// Done is the number of this shard's trials completed.
	Done int64 `json:"done"`
	// Partial marks a run stopped early by cancellation or error.
	Partial bool `json:"partial"`
	// Converged marks a run stopped because the precision target was met.
	Converged bool `json:"converged"`
	// Hours is the length of the trial-year.
	Hours int `json:"hours"`
	// Indices are the estimates from the Done trials.
	Indices Indices `json:"indices"`
	// MonthHour is [Tally.MonthHourProbability].
	MonthHour [12][24]float64 `json:"-"`
	// Tally is the exact mergeable state.
	Tally *Tally `json:"state"`
}

// StreamLFU names the stream of the load forecast uncertainty draw. A
// carve-out study's demand model draws its scale from the stream of the
// same name, so that the same trial draws the same scale in both.
const StreamLFU = "demand/lfu"

var lfuKey = montecarlo.Key(StreamLFU)

// AdequacyExperiment returns the Monte Carlo experiment behind [Adequacy],
// for callers that drive [montecarlo.Run] themselves (checkpoints, custom
// reporting). Each worker owns a [Simulator]; the load profile is shared.
func AdequacyExperiment(sys *System) (montecarlo.Experiment[*Tally], error) {
	if err := sys.Validate(); err != nil {
		return montecarlo.Experiment[*Tally]{}, err
	}
	lp, err := NewLoadProfile(sys.Load)
	if err != nil {
		return montecarlo.Experiment[*Tally]{}, err
	}
	hours := len(sys.Load)
	units := sys.Units
	if sys.hasClasses() {
		return classedExperiment(sys, lp)
	}
	return montecarlo.Experiment[*Tally]{
		NewAccumulator: func() *Tally { return NewTally(hours) },
		NewWorker: func() (montecarlo.TrialFunc[*Tally], error) {
			sim, err := NewSimulator(units, hours)
			if err != nil {
				return nil, err
			}
			var p Path
			var o Outcome
			var lfuSrc rand.PCG
			lfu := rand.New(&lfuSrc)
			sigma := sys.LFUSigma
			return func(t montecarlo.Trial, acc *Tally) error {
				sim.Path(t, &p)
				scale := 1.0
				if sigma > 0 {
					t.Reseed(&lfuSrc, lfuKey)
					scale = max(0, 1+sigma*lfu.NormFloat64())
				}
				if err := ScoreScaled(&p, lp, scale, &o); err != nil {
					return err
				}
				acc.Add(&o)
				return nil
			}, nil
		},
	}, nil
}

// classedExperiment is the experiment of a system with availability
// classes: each trial's hourly capacity comes from the fleet's
// [Availability] and every hour is compared with the load.
func classedExperiment(sys *System, lp *LoadProfile) (montecarlo.Experiment[*Tally], error) {
	hours := lp.Hours()
	fleet, err := NewFleet(sys.Units, sys.Classes, hours)
	if err != nil {
		return montecarlo.Experiment[*Tally]{}, err
	}
	sigma := sys.LFUSigma
	return montecarlo.Experiment[*Tally]{
		NewAccumulator: func() *Tally { return NewTally(hours) },
		NewWorker: func() (montecarlo.TrialFunc[*Tally], error) {
			av, err := fleet.NewAvailability()
			if err != nil {
				return nil, err
			}
			var o Outcome
			var lfuSrc rand.PCG
			lfu := rand.New(&lfuSrc)
			return func(t montecarlo.Trial, acc *Tally) error {
				capacity := av.Sample(t, nil, nil)
				scale := 1.0
				if sigma > 0 {
					t.Reseed(&lfuSrc, lfuKey)
					scale = max(0, 1+sigma*lfu.NormFloat64())
				}
				scoreHourly(fleet, capacity, lp, scale, &o)
				acc.Add(&o)
				return nil
			}, nil
		},
	}, nil
}

// Adequacy estimates the adequacy indices of sys by chronological Monte
// Carlo simulation: each trial draws one year of unit outages
// ([Simulator.Path]) and scores the load against it ([Score]). Options are
// those of [montecarlo.Run] (seed, trials, workers, shard, precision
// target on the EUE's relative standard error, progress). The result is
// bit-identical for any number of workers and any shard split.
//
// On cancellation it returns the partial report together with the
// context's error.
func Adequacy(ctx context.Context, sys *System, opts ...montecarlo.Option) (*AdequacyReport, error) {
	e, err := AdequacyExperiment(sys)
	if err != nil {
		return nil, err
	}
	res, err := montecarlo.Run(ctx, e, opts...)
	if res == nil {
		return nil, err
	}
	return NewAdequacyReport(res), err
}

// NewAdequacyReport builds the report of a run from its result.
func NewAdequacyReport(res *montecarlo.Result[*Tally]) *AdequacyReport {
	return &AdequacyReport{
		Seed:      res.Seed,
		Trials:    res.Trials,
		Start:     res.Start,
		End:       res.End,
		Done:      res.Done,
		Partial:   res.Partial,
		Converged: res.Converged,
		Hours:     res.Acc.Hours,
		Indices:   res.Acc.Indices(),
		MonthHour: res.Acc.MonthHourProbability(),
		Tally:     res.Acc,
	}
}
