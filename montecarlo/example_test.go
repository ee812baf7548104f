package montecarlo_test

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/carveout/carveout/montecarlo"
)

// The probability that a standard normal exceeds 1.5, estimated with its
// Wilson interval. The result is the same for any number of workers.
func Example() {
	key := montecarlo.Key("z")
	exp := montecarlo.Experiment[*montecarlo.Proportion]{
		NewAccumulator: func() *montecarlo.Proportion { return new(montecarlo.Proportion) },
		NewWorker: func() (montecarlo.TrialFunc[*montecarlo.Proportion], error) {
			var src rand.PCG // one source per worker, reseeded per trial
			r := rand.New(&src)
			return func(t montecarlo.Trial, acc *montecarlo.Proportion) error {
				t.Reseed(&src, key)
				acc.Add(r.NormFloat64() > 1.5)
				return nil
			}, nil
		},
	}
	res, err := montecarlo.Run(context.Background(), exp, montecarlo.WithTrials(100000), montecarlo.WithSeed(2026))
	if err != nil {
		fmt.Println(err)
		return
	}
	e := res.Acc.Estimate()
	fmt.Printf("P(Z > 1.5) = %.3f, 95%% CI [%.3f, %.3f] (exact 0.0668)\n", e.Mean, e.Lo, e.Hi)
	// Output:
	// P(Z > 1.5) = 0.067, 95% CI [0.065, 0.068] (exact 0.0668)
}
