package montecarlo

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// piAcc estimates π/4 from darts and keeps a Mean of a noisy value.
type piAcc struct {
	Hits Proportion `json:"hits"`
	Val  Mean       `json:"val"`
}

func (a *piAcc) Merge(o *piAcc) error {
	a.Hits.Merge(&o.Hits)
	a.Val.Merge(&o.Val)
	return nil
}

func piRelativeSE(a *piAcc) float64 { return a.Val.RelativeSE() }

var dartsKey = Key("darts")

func piExperiment(work time.Duration) Experiment[*piAcc] {
	return Experiment[*piAcc]{
		NewAccumulator: func() *piAcc { return new(piAcc) },
		RelativeSE:     piRelativeSE,
		NewWorker: func() (TrialFunc[*piAcc], error) {
			var p rand.PCG
			r := rand.New(&p)
			return func(t Trial, acc *piAcc) error {
				t.Reseed(&p, dartsKey)
				x, y := r.Float64(), r.Float64()
				acc.Hits.Add(x*x+y*y < 1)
				acc.Val.Add(1 + r.NormFloat64()*0.5)
				if work > 0 {
					time.Sleep(work)
				}
				return nil
			}, nil
		},
	}
}

func runJSON(t *testing.T, opts ...Option) (string, *Result[*piAcc]) {
	t.Helper()
	res, err := Run(context.Background(), piExperiment(0), opts...)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res.Acc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), res
}

func TestRunWorkersIdentical(t *testing.T) {
	ref, res := runJSON(t, WithTrials(5000), WithSeed(3), WithWorkers(1))
	if res.Done != 5000 || res.Partial {
		t.Fatalf("done %d partial %v", res.Done, res.Partial)
	}
	for _, w := range []int{2, 3, 8} {
		got, _ := runJSON(t, WithTrials(5000), WithSeed(3), WithWorkers(w), WithCheckEvery(777))
		if got != ref {
			t.Fatalf("workers=%d changed the result", w)
		}
	}
	other, _ := runJSON(t, WithTrials(5000), WithSeed(4))
	if other == ref {
		t.Fatal("a different seed gave the same result")
	}
}

func TestRunShardsMergeIdentical(t *testing.T) {
	ref, _ := runJSON(t, WithTrials(4001), WithSeed(11))
	for _, n := range []int{2, 3, 7} {
		total := new(piAcc)
		covered := int64(0)
		for i := n - 1; i >= 0; i-- { // merge in reverse order on purpose
			_, res := runJSON(t, WithTrials(4001), WithSeed(11), WithShard(i, n), WithWorkers(2))
			covered += res.End - res.Start
			if err := total.Merge(res.Acc); err != nil {
				t.Fatal(err)
			}
		}
		b, _ := json.Marshal(total)
		if string(b) != ref || covered != 4001 {
			t.Fatalf("%d shards merged differ from the unsharded run (covered %d)", n, covered)
		}
	}
}

func TestRunEstimateIsRight(t *testing.T) {
	_, res := runJSON(t, WithTrials(40000), WithSeed(1))
	e := res.Acc.Hits.Estimate()
	const quarterPi = 0.7853981633974483
	if d := e.Mean - quarterPi; d > 4*e.SE || d < -4*e.SE {
		t.Fatalf("π/4 estimate %v ± %v, want %v within 4 SE", e.Mean, e.SE, quarterPi)
	}
}

func TestRunTargetRSE(t *testing.T) {
	// Val has sd 0.5 and mean 1, so RSE ≈ 0.5/√n ≤ 0.01 needs n ≈ 2500.
	_, res := runJSON(t, WithTrials(100000), WithTargetRSE(0.01, 0), WithCheckEvery(500), WithWorkers(2))
	if !res.Converged || res.Done%500 != 0 || res.Done < 2000 || res.Done > 3500 {
		t.Fatalf("converged %v after %d trials, want a multiple of 500 near 2500", res.Converged, res.Done)
	}
	if r := piRelativeSE(res.Acc); r > 0.01 {
		t.Fatalf("rse %v > target", r)
	}
	a, _ := runJSON(t, WithTrials(100000), WithTargetRSE(0.01, 0), WithCheckEvery(500), WithWorkers(1))
	b, _ := json.Marshal(res.Acc)
	if a != string(b) {
		t.Fatal("stopping point depends on workers")
	}
	if _, err := Run(context.Background(), piExperiment(0), WithTargetRSE(0.01, 0), WithShard(0, 2)); err == nil {
		t.Fatal("target with shards: no error")
	}
}

func TestRunPanicBecomesError(t *testing.T) {
	e := Experiment[*piAcc]{
		NewAccumulator: func() *piAcc { return new(piAcc) },
		NewWorker: func() (TrialFunc[*piAcc], error) {
			return func(t Trial, acc *piAcc) error {
				if t.Index == 1234 {
					panic("boom")
				}
				acc.Hits.Add(true)
				return nil
			}, nil
		},
	}
	res, err := Run(context.Background(), e, WithTrials(3000), WithSeed(77), WithWorkers(2))
	var te *TrialError
	if !errors.As(err, &te) || te.Index != 1234 || te.Seed != 77 {
		t.Fatalf("err = %v, want a TrialError for trial 1234 seed 77", err)
	}
	if !strings.Contains(err.Error(), "trial 1234 (seed 77)") || !res.Partial {
		t.Fatalf("err = %q, partial = %v", err, res.Partial)
	}
}

func TestRunCancelPrompt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	began := time.Now()
	// 1e6 trials of 1 ms each would take minutes.
	res, err := Run(ctx, piExperiment(time.Millisecond), WithTrials(1_000_000), WithWorkers(2))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if d := time.Since(began); d > time.Second {
		t.Fatalf("cancel took %v", d)
	}
	if !res.Partial || res.Done == 0 || res.Done != res.Acc.Hits.N {
		t.Fatalf("partial %v done %d hits.n %d", res.Partial, res.Done, res.Acc.Hits.N)
	}
}

func TestRunResume(t *testing.T) {
	ref, _ := runJSON(t, WithTrials(5000), WithSeed(5), WithShard(1, 2))
	// Interrupt after the first checkpoint by failing the checkpoint
	// callback, keeping its state (as a file would: through JSON).
	var saved []byte
	var savedDone int64
	_, err := Run(context.Background(), piExperiment(0), WithTrials(5000), WithSeed(5), WithShard(1, 2),
		WithCheckpoint(func(c *Result[*piAcc]) error {
			saved, _ = json.Marshal(c.Acc)
			savedDone = c.Done
			return errors.New("killed")
		}))
	if err == nil || savedDone == 0 {
		t.Fatalf("expected interruption, got err %v done %d", err, savedDone)
	}
	st := new(piAcc)
	if err := json.Unmarshal(saved, st); err != nil {
		t.Fatal(err)
	}
	_, res := runJSON(t, WithTrials(5000), WithSeed(5), WithShard(1, 2), WithResume(Checkpoint[*piAcc]{Done: savedDone, State: st}))
	b, _ := json.Marshal(res.Acc)
	if string(b) != ref || res.Done != 2500 {
		t.Fatalf("resumed run differs (done %d)", res.Done)
	}
}

func TestOptionErrors(t *testing.T) {
	for _, o := range []Option{WithTrials(0), WithTrials(MaxTrials + 1), WithWorkers(0), WithShard(3, 2),
		WithShard(-1, 2), WithShard(0, 0), WithCheckEvery(0), WithTargetRSE(0, 0), WithTargetRSE(1.5, 0)} {
		if _, err := Run(context.Background(), piExperiment(0), o); err == nil {
			t.Errorf("option %v: no error", o)
		}
	}
	if _, err := Run(context.Background(), piExperiment(0), WithTrials(2), WithShard(2, 3)); err == nil {
		t.Error("more shards than trials: no error")
	}
	// Callbacks and checkpoints for another state type than the run's.
	for _, o := range []Option{
		WithProgress(func(Progress[*Mean]) {}),
		WithCheckpoint(func(*Result[*Mean]) error { return nil }),
		WithResume(Checkpoint[*Mean]{Done: 1, State: new(Mean)}),
	} {
		if _, err := Run(context.Background(), piExperiment(0), o); err == nil || !strings.Contains(err.Error(), "Mean") {
			t.Errorf("an option for *Mean states in a *piAcc run: err = %v, want one naming the type", err)
		}
	}
	e := piExperiment(0)
	e.RelativeSE = nil
	if _, err := Run(context.Background(), e, WithTargetRSE(0.1, 0)); err == nil {
		t.Error("a precision target without a RelativeSE function: no error")
	}
}

// TestExperimentFixesTrialsAndSeed checks that an experiment that fixes
// its trial count and seed runs with them, and refuses options that would
// set others.
func TestExperimentFixesTrialsAndSeed(t *testing.T) {
	e := piExperiment(0)
	e.Trials, e.Seed = 1500, 5
	res, err := Run(context.Background(), e, WithWorkers(2))
	if err != nil {
		t.Fatal(err)
	}
	if res.Trials != 1500 || res.Seed != 5 || res.Done != 1500 {
		t.Fatalf("ran %d of %d trials with seed %d, want 1500 with seed 5", res.Done, res.Trials, res.Seed)
	}
	for name, o := range map[string]Option{"trials": WithTrials(1500), "seed": WithSeed(5)} {
		if _, err := Run(context.Background(), e, o); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("With… setting the %s of a fixed experiment: err = %v, want one naming %s", name, err, name)
		}
	}
}

// TestRunResumeConverged checks that a run resumed from the last
// checkpoint of a run that met its precision target stops there, converged,
// with the same state, rather than running another round.
func TestRunResumeConverged(t *testing.T) {
	opts := []Option{WithTrials(100000), WithTargetRSE(0.01, 0), WithCheckEvery(500)}
	var last []byte
	var lastDone int64
	ref, first := runJSON(t, append(opts, WithCheckpoint(func(c *Result[*piAcc]) error {
		last, _ = json.Marshal(c.Acc)
		lastDone = c.Done
		return nil
	}))...)
	if !first.Converged || lastDone != first.Done {
		t.Fatalf("converged %v after %d trials, last checkpoint at %d", first.Converged, first.Done, lastDone)
	}
	st := new(piAcc)
	if err := json.Unmarshal(last, st); err != nil {
		t.Fatal(err)
	}
	got, res := runJSON(t, append(opts, WithResume(Checkpoint[*piAcc]{Done: lastDone, State: st}))...)
	if !res.Converged || res.Done != first.Done || got != ref {
		t.Fatalf("resumed from a converged checkpoint: converged %v, %d trials; want converged, %d trials, the same state",
			res.Converged, res.Done, first.Done)
	}
}
