package montecarlo

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/carveout/carveout/internal/misuse"
)

// TestAPIMisuse calls every exported function and method of the package
// with bad values: each must return an error (or a NaN), never panic,
// unless its doc comment says the call is a programming error.
func TestAPIMisuse(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	shardRange := func(trials int64, i, n int) func() error {
		return func() error { _, _, err := ShardRange(trials, i, n); return err }
	}
	hist := func(lo, hi float64, bins int) func() error {
		return func() error { _, err := NewHistogram(lo, hi, bins); return err }
	}
	h := func() *Histogram { h, _ := NewHistogram(0, 1, 4); return h }
	exp := Experiment[*Mean]{
		NewAccumulator: func() *Mean { return &Mean{} },
		NewWorker: func() (TrialFunc[*Mean], error) {
			return func(t Trial, m *Mean) error { m.Add(1); return nil }, nil
		},
	}
	run := func(ctx context.Context, e Experiment[*Mean], opts ...Option) func() error {
		return func() error { _, err := Run(ctx, e, opts...); return err }
	}
	ctx := context.Background()
	var nilCtx context.Context
	three := &Mean{}
	for range 3 {
		three.Add(1)
	}
	f := ShardFormat[string, *Mean]{Kind: "k", Version: "v"}
	good := func() *Shard[string, *Mean] {
		return &Shard[string, *Mean]{Kind: "k", Version: "v", Trials: 3, Index: 0, Count: 1, End: 3, Done: 3, State: three}
	}
	merge := func(shards []*Shard[string, *Mean], total *Mean) func() error {
		return func() error { _, err := f.Merge(shards, total); return err }
	}
	zeroCount := good()
	zeroCount.Count = 0
	badIndex := good()
	badIndex.Index = -1
	R, P, A := misuse.Refuse, misuse.Panic, misuse.Accept
	cases := []misuse.Case{
		R("ShardRange(10, 0, 0)", shardRange(10, 0, 0)),
		R("ShardRange(10, 0, -1)", shardRange(10, 0, -1)),
		R("ShardRange(10, -1, 2)", shardRange(10, -1, 2)),
		R("ShardRange(10, 2, 2)", shardRange(10, 2, 2)),
		R("ShardRange(0, 0, 1)", shardRange(0, 0, 1)),
		R("ShardRange(-5, 0, 1)", shardRange(-5, 0, 1)),
		R("ShardRange(MaxTrials+1, 0, 1)", shardRange(MaxTrials+1, 0, 1)),
		R("ShardRange(10, 0, 11)", shardRange(10, 0, 11)),
		R("ShardRange(MaxTrials, 0, 1<<21)", shardRange(MaxTrials, 0, 1<<21)),
		A("ShardRange(10, 9, 10)", shardRange(10, 9, 10)),
		R("NewHistogram(NaN, 1, 4)", hist(nan, 1, 4)),
		R("NewHistogram(0, Inf, 4)", hist(0, inf, 4)),
		R("NewHistogram(1, 0, 4)", hist(1, 0, 4)),
		R("NewHistogram(0, 1, 0)", hist(0, 1, 0)),
		R("NewHistogram(0, 1, -1)", hist(0, 1, -1)),
		R("NewHistogram(0, 1, 1<<25)", hist(0, 1, 1<<25)),
		R("NewHistogram(-MaxFloat64, MaxFloat64, 4)", hist(-math.MaxFloat64, math.MaxFloat64, 4)),
		P("Histogram{Lo: 0, Hi: 1}.Add(0.5) (no bins)", func() error { (&Histogram{Lo: 0, Hi: 1}).Add(0.5); return nil }),
		A("Histogram.Add(NaN)", func() error { h().Add(nan); return nil }),
		R("Histogram.Merge(nil)", func() error { return h().Merge(nil) }),
		R("Histogram.Merge(other bins)", func() error { o, _ := NewHistogram(0, 2, 4); return h().Merge(o) }),
		R("Histogram.Merge(negative counts)", func() error { o := h(); o.Under = -1; return h().Merge(o) }),
		R("Histogram.Quantile(NaN)", func() error { x := h(); x.Add(0.5); return misuse.NaN(x.Quantile(nan)) }),
		R("Histogram.Quantile(-0.1)", func() error { x := h(); x.Add(0.5); return misuse.NaN(x.Quantile(-0.1)) }),
		R("Histogram.Quantile(1.1)", func() error { x := h(); x.Add(0.5); return misuse.NaN(x.Quantile(1.1)) }),
		R("Histogram.Quantile(0.5) of an empty histogram", func() error { return misuse.NaN(h().Quantile(0.5)) }),
		R("Histogram{}.BinWidth()", func() error { return misuse.NaN((&Histogram{}).BinWidth()) }),
		R("Histogram{}.Quantile(0.5)", func() error { return misuse.NaN((&Histogram{}).Quantile(0.5)) }),
		R("Mean.Merge(nil)", func() error { return (&Mean{}).Merge(nil) }),
		R("Mean.Merge(Count: -1)", func() error { return (&Mean{}).Merge(&Mean{Count: -1}) }),
		R("Mean{Count: -1}.Estimate()", func() error { m := Mean{Count: -1}; return misuse.NaN(m.Estimate().Mean) }),
		R("Mean{}.Estimate()", func() error { return misuse.NaN((&Mean{}).Estimate().Mean) }),
		A("Mean{}.RelativeSE()", func() error { (&Mean{}).RelativeSE(); return nil }),
		R("Mean.Add(NaN).Estimate()", func() error { var m Mean; m.Add(nan); m.Add(1); return misuse.NaN(m.Estimate().Mean) }),
		R("Ratio.Merge(nil)", func() error { return (&Ratio{}).Merge(nil) }),
		R("Ratio.Merge(Count: -1)", func() error { return (&Ratio{}).Merge(&Ratio{Count: -1}) }),
		R("Ratio{}.Estimate()", func() error { return misuse.NaN((&Ratio{}).Estimate().Mean) }),
		R("Ratio{Count: -1}.Estimate()", func() error {
			r := Ratio{Count: -1}
			r.SX.Add(1)
			r.SY.Add(1)
			return misuse.NaN(r.Estimate().Mean)
		}),
		R("Ratio.Add(1, 0).Estimate()", func() error { var r Ratio; r.Add(1, 0); return misuse.NaN(r.Estimate().Mean) }),
		R("Proportion.Merge(nil)", func() error { return (&Proportion{}).Merge(nil) }),
		R("Proportion.Merge(N: 1, K: 5)", func() error { return (&Proportion{}).Merge(&Proportion{N: 1, K: 5}) }),
		R("Proportion.Merge(N: -1)", func() error { return (&Proportion{}).Merge(&Proportion{N: -1}) }),
		R("Proportion.Merge(K: -1)", func() error { return (&Proportion{}).Merge(&Proportion{N: 1, K: -1}) }),
		R("Proportion.Merge(overflow)", func() error {
			p := Proportion{N: math.MaxInt64, K: 0}
			return p.Merge(&Proportion{N: 1})
		}),
		R("Proportion{N: 1, K: 5}.Estimate()", func() error { return misuse.NaN((&Proportion{N: 1, K: 5}).Estimate().Mean) }),
		R("Proportion{N: -1}.Estimate()", func() error { return misuse.NaN((&Proportion{N: -1}).Estimate().Mean) }),
		R("Proportion{N: 2, K: -1}.Estimate()", func() error { return misuse.NaN((&Proportion{N: 2, K: -1}).Estimate().Mean) }),
		R("Proportion{N: 1, K: 5}.RelativeSE()", func() error { return misuse.NaN((&Proportion{N: 1, K: 5}).RelativeSE()) }),
		R("Proportion{}.Estimate()", func() error { return misuse.NaN((&Proportion{}).Estimate().Mean) }),
		A("ExactSum.Merge(nil)", func() error { var s ExactSum; s.Add(1); s.Merge(nil); return misuse.NaN(s.Float64()) }),
		R("ExactSum.Add(NaN)", func() error { var s ExactSum; s.Add(nan); return misuse.NaN(s.Float64()) }),
		R("ExactSum.Add(+Inf) + Add(-Inf)", func() error { var s ExactSum; s.Add(inf); s.Add(-inf); return misuse.NaN(s.Float64()) }),
		R("ExactSum.UnmarshalJSON(nil)", func() error { var s ExactSum; return s.UnmarshalJSON(nil) }),
		R("ExactSum.UnmarshalJSON(garbage)", func() error { var s ExactSum; return s.UnmarshalJSON([]byte(`{"scaled":"x"}`)) }),
		R("Estimate.UnmarshalJSON(nil)", func() error { var e Estimate; return e.UnmarshalJSON(nil) }),
		R("Estimate.UnmarshalJSON(string)", func() error { var e Estimate; return e.UnmarshalJSON([]byte(`"x"`)) }),
		R("Estimate.Scale(NaN)", func() error { return misuse.NaN(Estimate{Mean: 1, SE: 1, Lo: 0, Hi: 2}.Scale(nan).Mean) }),
		A("Estimate.Scale(-1) keeps Lo <= Hi", func() error {
			e := Estimate{Mean: 1, SE: 1, Lo: 0, Hi: 2}.Scale(-1)
			if !(e.Lo <= e.Hi) || !e.Contains(-1) {
				return fmt.Errorf("Scale(-1) = %+v, want the interval [-2, 0]", e)
			}
			return nil
		}),
		R("Estimate{NaN}.RelativeSE()", func() error { return misuse.NaN(Estimate{Mean: nan}.RelativeSE()) }),
		A("Estimate.Contains(NaN)", func() error {
			if (Estimate{Lo: 0, Hi: 1}).Contains(nan) {
				return fmt.Errorf("NaN contained")
			}
			return nil
		}),
		P("Quantiles.Append(nil)", func() error { var q Quantiles; q.Append(nil); return nil }),
		A("Key(\"\")", func() error { _ = Key(""); return nil }),
		A("NewStream(1, -1, \"\")", func() error { NewStream(1, -1, ""); return nil }),
		A("StreamSeed(0, MinInt64, \"x\")", func() error { _, _ = StreamSeed(0, math.MinInt64, "x"); return nil }),
		P("Trial.Reseed(nil, key)", func() error { Trial{}.Reseed(nil, Key("x")); return nil }),
		R("Run(nil ctx)", run(nilCtx, exp)),
		R("Run(Experiment{})", run(ctx, Experiment[*Mean]{})),
		R("Run(Experiment{Trials: -1})", run(ctx, Experiment[*Mean]{NewAccumulator: exp.NewAccumulator, NewWorker: exp.NewWorker, Trials: -1})),
		A("Run(nil option)", run(ctx, exp, nil, WithTrials(3))),
		R("WithTrials(0)", run(ctx, exp, WithTrials(0))),
		R("WithTrials(-1)", run(ctx, exp, WithTrials(-1))),
		R("WithTrials(MaxTrials+1)", run(ctx, exp, WithTrials(MaxTrials+1))),
		R("WithWorkers(0)", run(ctx, exp, WithWorkers(0))),
		R("WithWorkers(-1)", run(ctx, exp, WithWorkers(-1))),
		R("WithWorkers(1<<17)", run(ctx, exp, WithWorkers(1<<17))),
		R("WithShard(0, 0)", run(ctx, exp, WithShard(0, 0))),
		R("WithShard(-1, 2)", run(ctx, exp, WithShard(-1, 2))),
		R("WithShard(2, 2)", run(ctx, exp, WithShard(2, 2))),
		R("WithShard(0, 5) of 3 trials", run(ctx, exp, WithTrials(3), WithShard(0, 5))),
		R("WithCheckEvery(0)", run(ctx, exp, WithCheckEvery(0))),
		R("WithTargetRSE(NaN, 0)", run(ctx, exp, WithTargetRSE(nan, 0))),
		R("WithTargetRSE(0, 0)", run(ctx, exp, WithTargetRSE(0, 0))),
		R("WithTargetRSE(1, 0)", run(ctx, exp, WithTargetRSE(1, 0))),
		R("WithTargetRSE(0.1, -1)", run(ctx, exp, WithTargetRSE(0.1, -1))),
		R("WithTargetRSE without RelativeSE", run(ctx, exp, WithTargetRSE(0.1, 0))),
		R("WithTargetRSE with shards", run(ctx, exp, WithTargetRSE(0.1, 0), WithShard(0, 2))),
		R("WithResume(Done: -1)", run(ctx, exp, WithTrials(3), WithResume(Checkpoint[*Mean]{Done: -1, State: &Mean{}}))),
		R("WithResume(State: nil)", run(ctx, exp, WithTrials(3), WithResume(Checkpoint[*Mean]{Done: 0}))),
		R("WithResume(State: typed nil)", run(ctx, exp, WithTrials(3), WithResume(Checkpoint[*Mean]{State: (*Mean)(nil)}))),
		R("WithResume(Done: 2, State: 0 trials)", func() error {
			e := Experiment[*counted]{
				NewAccumulator: func() *counted { return &counted{} },
				NewWorker: func() (TrialFunc[*counted], error) {
					return func(t Trial, c *counted) error { c.n++; return nil }, nil
				},
			}
			_, err := Run(ctx, e, WithTrials(3), WithResume(Checkpoint[*counted]{Done: 2, State: &counted{}}))
			return err
		}),
		R("WithResume(Done: 4 of 3)", run(ctx, exp, WithTrials(3), WithResume(Checkpoint[*Mean]{Done: 4, State: &Mean{}}))),
		R("WithResume(other state type)", run(ctx, exp, WithResume(Checkpoint[*Ratio]{State: &Ratio{}}))),
		R("WithProgress(other state type)", run(ctx, exp, WithProgress(func(Progress[*Ratio]) {}))),
		R("WithCheckpoint(other state type)", run(ctx, exp, WithCheckpoint(func(*Result[*Ratio]) error { return nil }))),
		A("WithProgress(nil)", run(ctx, exp, WithTrials(3), WithProgress[*Mean](nil))),
		R("WithSeed with a fixed-seed experiment", run(ctx, Experiment[*Mean]{NewAccumulator: exp.NewAccumulator, NewWorker: exp.NewWorker, Trials: 3}, WithSeed(2))),
		R("Run with a nil accumulator", run(ctx, Experiment[*Mean]{NewAccumulator: func() *Mean { return nil }, NewWorker: exp.NewWorker}, WithTrials(3))),
		R("ShardFormat.Merge(nil)", merge(nil, &Mean{})),
		R("ShardFormat.Merge([nil])", merge([]*Shard[string, *Mean]{nil}, &Mean{})),
		R("ShardFormat.Merge(count 0)", merge([]*Shard[string, *Mean]{zeroCount}, &Mean{})),
		R("ShardFormat.Merge(index -1)", merge([]*Shard[string, *Mean]{badIndex}, &Mean{})),
		R("ShardFormat.Merge(total nil)", merge([]*Shard[string, *Mean]{good()}, nil)),
		R("ShardFormat.Merge(state nil)", func() error { s := good(); s.State = nil; return merge([]*Shard[string, *Mean]{s}, &Mean{})() }),
		A("ShardFormat.Merge(good)", merge([]*Shard[string, *Mean]{good()}, &Mean{})),
		R("ShardFormat.Decode(nil reader)", func() error { _, err := f.Decode(nil); return err }),
		R("ShardFormat.Decode(empty)", func() error { _, err := f.Decode(strings.NewReader("")); return err }),
		R("ShardFormat.Decode(count 0)", func() error {
			_, err := f.Decode(strings.NewReader(`{"kind":"k","version":"v","trials":3,"shard_count":0,"state":{}}`))
			return err
		}),
		P("ShardFormat{}.New(nil result)", func() error { f.New("", "", nil); return nil }),
		A("TrialError{}.Error()", func() error { _ = (&TrialError{}).Error(); return nil }),
	}
	misuse.Check(t, cases)
}

// counted is an accumulator that counts its trials.
type counted struct{ n int64 }

func (c *counted) Merge(o *counted) error { c.n += o.n; return nil }
func (c *counted) Trials() int64          { return c.n }
