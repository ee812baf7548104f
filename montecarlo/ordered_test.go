package montecarlo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// rec is the record of a trial in the tests of Ordered.
type rec struct {
	index int64
	draw  float64
}

// orderedRun runs trials whose durations vary (so that they finish out
// of order across workers) and that pass their index and a draw to an
// Ordered of the given capacity; fail, if set, may end a trial with an
// error before it reserves its slot, and emitErr fail the consumer. It
// returns the emitted records, the run's result, the Ordered and the
// run's error.
func orderedRun(t *testing.T, ctx context.Context, trials int64, workers, capacity int, fail func(Trial) error,
	emitErr func(int64) error, opts ...Option) ([]rec, *Result[*piAcc], *Ordered[rec], error) {
	t.Helper()
	var got []rec
	ord, err := NewOrdered(func() rec { return rec{index: -1} }, func(i int64, r *rec) error {
		if emitErr != nil {
			if err := emitErr(i); err != nil {
				return err
			}
		}
		if r.index != i {
			return fmt.Errorf("slot of trial %d holds trial %d", i, r.index)
		}
		got = append(got, *r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	defer context.AfterFunc(ctx, ord.Abort)()
	e := Experiment[*piAcc]{
		NewAccumulator: func() *piAcc { return new(piAcc) },
		Begin: func(first, end int64, w int) error {
			if w != workers {
				return fmt.Errorf("Begin: %d workers, want %d", w, workers)
			}
			return ord.Start(first, end, capacity)
		},
		NewWorker: func() (TrialFunc[*piAcc], error) {
			var p rand.PCG
			r := rand.New(&p)
			return func(tr Trial, acc *piAcc) (err error) {
				ok := false
				defer func() {
					if !ok {
						ord.Abort()
					}
				}()
				tr.Reseed(&p, dartsKey)
				x := r.Float64()
				// Up to 200 µs, more for every 7th trial: out of order.
				d := time.Duration(x * 200e3)
				if tr.Index%7 == 0 {
					d *= 5
				}
				time.Sleep(d)
				if fail != nil {
					if err := fail(tr); err != nil {
						return err
					}
				}
				slot, err := ord.Reserve(tr.Index)
				switch {
				case errors.Is(err, ErrAborted):
					if tr.Cancelled() {
						return ErrCancelled
					}
					slot = nil // the run fails on another trial's error
				case err != nil:
					return err
				}
				if slot != nil {
					*slot = rec{index: tr.Index, draw: x}
				}
				acc.Val.Add(x)
				if slot != nil {
					ord.Commit(tr.Index)
				}
				ok = true
				return nil
			}, nil
		},
	}
	res, err := Run(ctx, e, append([]Option{WithTrials(trials), WithSeed(9), WithWorkers(workers), WithCheckEvery(100)}, opts...)...)
	return got, res, ord, err
}

// TestOrderedInTrialOrder checks that records reach the consumer in trial
// order, each once, whatever the workers and the capacity (down to 1, the
// tightest, where every trial waits for the one before), and with the
// draws of their trials.
func TestOrderedInTrialOrder(t *testing.T) {
	const n = 400
	var ref []rec
	for _, c := range []struct{ workers, capacity int }{{1, 1}, {3, 1}, {4, 2}, {8, 5}, {3, 1000}} {
		got, res, ord, err := orderedRun(t, context.Background(), n, c.workers, c.capacity, nil, nil)
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		if len(got) != n || res.Done != n || ord.Next() != n {
			t.Fatalf("%+v: %d records, %d done, next %d; want %d", c, len(got), res.Done, ord.Next(), n)
		}
		for i, r := range got {
			if r.index != int64(i) {
				t.Fatalf("%+v: record %d is trial %d", c, i, r.index)
			}
		}
		if ref == nil {
			ref = got
		} else if fmt.Sprint(got) != fmt.Sprint(ref) {
			t.Errorf("%+v: records differ from those of 1 worker", c)
		}
	}
	// A shard's records start at its first trial.
	got, _, _, err := orderedRun(t, context.Background(), n, 3, 4, nil, nil, WithShard(1, 3))
	if err != nil || len(got) != 133 || got[0] != ref[133] || got[132] != ref[265] {
		t.Errorf("shard 1/3: %v, %d records, want ref[133:266]", err, len(got))
	}
}

// TestOrderedCancel checks that cancelling a run whose trials wait for
// room ends it promptly (no deadlock), with ctx's error and a prefix of
// the records.
func TestOrderedCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var waiting atomic.Bool
	fail := func(tr Trial) error {
		if tr.Index == 120 {
			// The lowest pending trial stops without committing, as a
			// cancelled trial does, once the run is cancelled while the
			// others wait for room behind it.
			if !waiting.Swap(true) {
				time.AfterFunc(50*time.Millisecond, cancel)
			}
			for !tr.Cancelled() {
				time.Sleep(time.Millisecond)
			}
			return ErrCancelled
		}
		return nil
	}
	done := make(chan struct{})
	var got []rec
	var res *Result[*piAcc]
	var err error
	go func() {
		got, res, _, err = orderedRun(t, ctx, 100000, 4, 3, fail, nil)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("a cancelled run with waiting trials did not return")
	}
	if !errors.Is(err, context.Canceled) || !res.Partial {
		t.Fatalf("err %v, partial %v; want context.Canceled and partial", err, res.Partial)
	}
	if len(got) > 120 {
		t.Errorf("%d records emitted past the uncommitted trial 120", len(got))
	}
	for i, r := range got {
		if r.index != int64(i) {
			t.Fatalf("record %d is trial %d", i, r.index)
		}
	}
}

// TestOrderedTrialFails checks that a trial that fails or panics without
// committing ends the run with its own error, never a deadlock of the
// trials waiting behind it, nor an error of theirs in its place.
func TestOrderedTrialFails(t *testing.T) {
	for _, how := range []string{"error", "panic"} {
		fail := func(tr Trial) error {
			if tr.Index == 57 {
				if how == "panic" {
					panic("trial 57 broke")
				}
				return errors.New("trial 57 broke")
			}
			return nil
		}
		done := make(chan struct{})
		var got []rec
		var err error
		go func() {
			got, _, _, err = orderedRun(t, context.Background(), 1000, 4, 2, fail, nil)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: a failed run with waiting trials did not return", how)
		}
		var te *TrialError
		if !errors.As(err, &te) || te.Index != 57 || !strings.Contains(err.Error(), "trial 57 broke") {
			t.Errorf("%s: err = %v, want trial 57's", how, err)
		}
		if len(got) > 57 {
			t.Errorf("%s: %d records, past the failed trial 57", how, len(got))
		}
	}
}

// TestOrderedEmitFails checks that an error of the consumer stops the run
// with that error and that no record after it is emitted.
func TestOrderedEmitFails(t *testing.T) {
	full := errors.New("disk full")
	got, res, ord, err := orderedRun(t, context.Background(), 1000, 3, 8, nil, func(i int64) error {
		if i == 250 {
			return full
		}
		return nil
	})
	if !errors.Is(err, full) && !errors.Is(ord.Err(), full) {
		t.Fatalf("err = %v, Err() = %v; want the consumer's", err, ord.Err())
	}
	if !errors.Is(ord.Err(), full) || len(got) != 250 || ord.Next() != 250 {
		t.Errorf("Err() = %v, %d records, next %d; want the consumer's error after 250", ord.Err(), len(got), ord.Next())
	}
	if err != nil && !res.Partial {
		t.Error("a run stopped by the consumer is not partial")
	}
}

// TestOrderedMisuse checks the errors of misuse and that Reserve and
// Commit do not allocate.
func TestOrderedMisuse(t *testing.T) {
	if _, err := NewOrdered[int](nil, nil); err == nil {
		t.Error("NewOrdered(nil, nil) gave no error")
	}
	var out []int
	o, err := NewOrdered(func() int { return 0 }, func(i int64, r *int) error { out = append(out, *r); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.Reserve(0); err == nil {
		t.Error("Reserve before Start gave no error")
	}
	for _, c := range []struct {
		first, end int64
		capacity   int
	}{{-1, 5, 1}, {5, 4, 1}, {0, 5, 0}, {0, 5, MaxOrderedCapacity + 1}} {
		if err := o.Start(c.first, c.end, c.capacity); err == nil {
			t.Errorf("Start(%d, %d, %d) gave no error", c.first, c.end, c.capacity)
		}
	}
	if err := o.Start(10, 1010, 4); err != nil {
		t.Fatal(err)
	}
	if err := o.Start(10, 1010, 4); err == nil {
		t.Error("a second Start gave no error")
	}
	for _, i := range []int64{9, 1010} {
		if _, err := o.Reserve(i); err == nil {
			t.Errorf("Reserve(%d) outside [10, 1010) gave no error", i)
		}
	}
	out = make([]int, 0, 1000)
	i := int64(10)
	allocs := testing.AllocsPerRun(500, func() {
		r, err := o.Reserve(i)
		if err != nil {
			t.Fatal(err)
		}
		*r = int(i)
		o.Commit(i)
		i++
	})
	if allocs != 0 {
		t.Errorf("Reserve and Commit allocate %v times a record, want 0", allocs)
	}
	if _, err := o.Reserve(10); err == nil {
		t.Error("Reserve of an emitted index gave no error")
	}
	o.Abort()
	if _, err := o.Reserve(i); !errors.Is(err, ErrAborted) {
		t.Errorf("Reserve after Abort: %v, want ErrAborted", err)
	}
}

// TestBeginRange checks what [Experiment.Begin] is told: the shard's
// range less a resumed checkpoint's trials, and that its error stops the
// run before any trial.
func TestBeginRange(t *testing.T) {
	var first, end int64
	e := piExperiment(0)
	e.Begin = func(f, en int64, w int) error { first, end = f, en; return nil }
	_, err := Run(context.Background(), e, WithTrials(3000), WithShard(1, 2), WithWorkers(2))
	if err != nil || first != 1500 || end != 3000 {
		t.Fatalf("shard 1/2: %v, Begin(%d, %d), want (1500, 3000)", err, first, end)
	}
	half := Checkpoint[*piAcc]{Done: 0, State: new(piAcc)}
	e2 := piExperiment(0)
	e2.Begin = func(f, en int64, w int) error { first, end = f, en; return nil }
	if _, err := Run(context.Background(), e2, WithTrials(3000), WithCheckEvery(500), WithResume(half)); err != nil || first != 0 {
		t.Fatalf("resume from 0: %v, Begin(%d, …)", err, first)
	}
	var mid Checkpoint[*piAcc]
	_, err = Run(context.Background(), piExperiment(0), WithTrials(3000), WithCheckEvery(500),
		WithCheckpoint(func(r *Result[*piAcc]) error {
			if r.Done == 1000 {
				mid = Checkpoint[*piAcc]{Done: r.Done, State: new(piAcc)}
				if err := mid.State.Merge(r.Acc); err != nil {
					return err
				}
			}
			return nil
		}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), e2, WithTrials(3000), WithCheckEvery(500), WithResume(mid)); err != nil || first != 1000 || end != 3000 {
		t.Fatalf("resume from 1000: %v, Begin(%d, %d), want (1000, 3000)", err, first, end)
	}
	ran := false
	e3 := piExperiment(0)
	e3.Begin = func(int64, int64, int) error { return errors.New("no room") }
	inner := e3.NewWorker
	e3.NewWorker = func() (TrialFunc[*piAcc], error) {
		f, err := inner()
		return func(tr Trial, a *piAcc) error { ran = true; return f(tr, a) }, err
	}
	if _, err := Run(context.Background(), e3, WithTrials(10)); err == nil || !strings.Contains(err.Error(), "no room") || ran {
		t.Errorf("Begin's error: %v, a trial ran: %v", err, ran)
	}
}
