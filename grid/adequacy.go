package grid

import (
	"context"
	"math/rand/v2"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/montecarlo"
)

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
	if sys.Zoned() {
		return zonalExperiment(sys)
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
		RelativeSE:     (*Tally).RelativeSE,
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
				if t.Cancelled() {
					return montecarlo.ErrCancelled
				}
				scale := 1.0
				if sigma > 0 {
					t.Reseed(&lfuSrc, lfuKey)
					scale = max(0, demand.LFU{Sigma: sigma}.DrawScale(lfu))
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
		RelativeSE:     (*Tally).RelativeSE,
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
				if t.Cancelled() {
					return montecarlo.ErrCancelled
				}
				scale := 1.0
				if sigma > 0 {
					t.Reseed(&lfuSrc, lfuKey)
					scale = max(0, demand.LFU{Sigma: sigma}.DrawScale(lfu))
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
// target on the EUE's relative standard error, progress, checkpoints). The
// result is bit-identical for any number of workers and any shard split.
//
// On cancellation it returns the partial result together with the
// context's error.
func Adequacy(ctx context.Context, sys *System, opts ...montecarlo.Option) (*AdequacyResult, error) {
	e, err := AdequacyExperiment(sys)
	if err != nil {
		return nil, err
	}
	hash, err := sys.Hash()
	if err != nil {
		return nil, err
	}
	res, err := montecarlo.Run(ctx, e, opts...)
	if res == nil {
		return nil, err
	}
	return newMCResult(sys, hash, res), err
}
