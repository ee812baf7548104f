package montecarlo

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestRunCancelsInsideTrial checks that a trial checking
// [Trial.Cancelled] ends as soon as the run is cancelled, that Run then
// returns within a small fraction of the trial's length with ctx's error
// (not a trial failure), and that the cancelled trials are not counted.
func TestRunCancelsInsideTrial(t *testing.T) {
	const long = 20 * time.Second // a trial left to run its course
	started := make(chan struct{}, 4)
	e := Experiment[*piAcc]{
		NewAccumulator: func() *piAcc { return new(piAcc) },
		NewWorker: func() (TrialFunc[*piAcc], error) {
			return func(tr Trial, acc *piAcc) error {
				if tr.Index >= 3 {
					started <- struct{}{}
					for end := time.Now().Add(long); time.Now().Before(end); time.Sleep(time.Millisecond) {
						if tr.Cancelled() {
							return ErrCancelled
						}
					}
				}
				acc.Hits.Add(true)
				return nil
			}, nil
		},
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { <-started; cancel() }()
	began := time.Now()
	res, err := Run(ctx, e, WithTrials(10), WithWorkers(2), WithCheckEvery(3))
	took := time.Since(began)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	var te *TrialError
	if errors.As(err, &te) {
		t.Errorf("a cancelled trial was reported as failed: %v", err)
	}
	if took > long/4 {
		t.Errorf("Run returned after %v, want far less than a trial (%v)", took, long)
	}
	if !res.Partial || res.Done != 3 || res.Acc.Hits.N != 3 {
		t.Errorf("partial %v, done %d, %d trials in the state; want partial, 3 and 3", res.Partial, res.Done, res.Acc.Hits.N)
	}
	if (Trial{Seed: 1, Index: 3}).Cancelled() {
		t.Error("a trial made outside Run reports cancellation")
	}
}
