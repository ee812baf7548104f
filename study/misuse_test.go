package study

import (
	"bytes"
	"context"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/carveout/carveout/internal/gridtest"
	"github.com/carveout/carveout/internal/misuse"
	"github.com/carveout/carveout/mining"
	"github.com/carveout/carveout/montecarlo"
)

// TestAPIMisuse calls the package's exported functions and methods with
// bad values: each must return an error (or a NaN), never panic, unless
// its doc comment says the call is a programming error.
func TestAPIMisuse(t *testing.T) {
	nan := math.NaN()
	sc := func() *Scenario {
		s := FromSystem(gridtest.RBTS(t))
		s.Name, s.Trials, s.Seed = "misuse", 4, 1
		s.Carveout.MW, s.Carveout.MiningShare, s.Carveout.Mining = 10, 1, mining.Defaults()
		return s
	}
	st, err := NewStudy(sc())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var nilCtx context.Context
	res, err := st.Run(ctx, montecarlo.WithShard(0, 2))
	if err != nil {
		t.Fatal(err)
	}
	run := func(opts ...montecarlo.Option) func() error {
		return func() error { _, err := st.Run(ctx, opts...); return err }
	}
	merge := func(edit func(*Shard)) func() error {
		return func() error {
			s := res.Shard()
			edit(s)
			_, err := MergeShards([]*Shard{s})
			return err
		}
	}
	edit := func(f func(*Scenario)) func() error {
		return func() error { s := sc(); f(s); return s.Validate() }
	}
	R, P, A := misuse.Refuse, misuse.Panic, misuse.Accept
	cases := []misuse.Case{
		R("NewStudy(nil)", func() error { _, err := NewStudy(nil); return err }),
		R("NewStudy(&Scenario{})", func() error { _, err := NewStudy(&Scenario{}); return err }),
		R("(*Scenario)(nil).Validate()", func() error { return (*Scenario)(nil).Validate() }),
		A("(*Scenario)(nil).Hash()", func() error { _ = (*Scenario)(nil).Hash(); return nil }),
		R("Scenario{Hours: -1}", edit(func(s *Scenario) { s.Hours = -1 })),
		R("Scenario{Trials: -1}", edit(func(s *Scenario) { s.Trials = -1 })),
		R("Scenario{Fleet: nil}", edit(func(s *Scenario) { s.Fleet = nil })),
		R("Scenario{Carveout.MW: NaN}", edit(func(s *Scenario) { s.Carveout.MW = nan })),
		R("Scenario{Carveout.MW: -1}", edit(func(s *Scenario) { s.Carveout.MW = -1 })),
		R("Scenario{MiningShare: 2}", edit(func(s *Scenario) { s.Carveout.MiningShare = 2 })),
		R("Scenario{Sweep.SizesMW: [NaN]}", edit(func(s *Scenario) { s.Sweep.SizesMW = []float64{nan} })),
		R("Scenario{Policy.Kind: bogus}", edit(func(s *Scenario) { s.Carveout.Policy.Kind = "bogus" })),
		R("Scenario{Policy.Compliance: NaN}", edit(func(s *Scenario) { s.Carveout.Policy = Policy{Kind: Interruptible, Compliance: nan} })),
		R("Scenario{AI.PUE: NaN}", edit(func(s *Scenario) { s.Carveout.AI.PUE = nan })),
		R("Scenario{AI.Utilisation: 23 values}", edit(func(s *Scenario) { s.Carveout.AI.Utilisation = make([]float64, 23) })),
		R("DecodeScenario(nil)", func() error { _, err := DecodeScenario(nil); return err }),
		R("DecodeScenario(empty)", func() error { _, err := DecodeScenario(strings.NewReader("")); return err }),
		R("DecodeScenario(null)", func() error { _, err := DecodeScenario(strings.NewReader("null")); return err }),
		R("FromSystem(nil).Validate()", func() error { return FromSystem(nil).Validate() }),
		R("Policy{Kind: bogus}.Validate()", func() error { return Policy{Kind: "bogus"}.Validate() }),
		R("Policy{NoticeHours: -1}.Validate()", func() error { return Policy{Kind: Interruptible, NoticeHours: -1}.Validate() }),
		R("Policy{Compliance: 2}.Validate()", func() error { return Policy{Kind: Interruptible, Compliance: 2}.Validate() }),
		R("AI{PUE: 0.5}.Validate()", func() error { return AI{PUE: 0.5}.Validate() }),
		R("AI{Utilisation: [NaN]}.Validate()", func() error { return AI{Utilisation: []float64{nan}}.Validate() }),
		R("AI{}.ITMW(NaN)", func() error { return misuse.NaN(AI{}.ITMW(nan)) }),
		R("AI{PUE: -1}.ITMW(10)", func() error { return misuse.NaN(AI{PUE: -1}.ITMW(10)) }),
		R("Study.Run(nil ctx)", func() error { _, err := st.Run(nilCtx); return err }),
		R("Study.Run(WithTrials(5))", run(montecarlo.WithTrials(5))),
		R("Study.Run(WithSeed(5))", run(montecarlo.WithSeed(5))),
		R("Study.Run(WithResume(typed nil))", run(montecarlo.WithResume(montecarlo.Checkpoint[*State]{State: (*State)(nil)}))),
		R("Study.Run(WithResume(Done: 10, empty state))", run(montecarlo.WithResume(montecarlo.Checkpoint[*State]{Done: 2, State: st.newState()}))),
		R("Study.Run(WithShard(0, 5) of 4 trials)", run(montecarlo.WithShard(0, 5))),
		R("(*Study)(nil).Run", func() error { _, err := (*Study)(nil).Run(ctx); return err }),
		A("Study.Checkpoints(nil)", run(st.Checkpoints(nil))),
		R("Study.RunWithSamples(nil ctx)", func() error {
			_, err := st.RunWithSamples(nilCtx, NewSamplesCSV(io.Discard, st))
			return err
		}),
		R("(*Study)(nil).RunWithSamples", func() error { _, err := (*Study)(nil).RunWithSamples(ctx, &sampleLines{}); return err }),
		R("Study.RunWithSamples(writer fails)", func() error {
			_, err := st.RunWithSamples(ctx, &sampleLines{failAt: 1, onAt: -1})
			return err
		}),
		A("Study.RunWithSamples(nil writer)", func() error { _, err := st.RunWithSamples(ctx, nil); return err }),
		R("MergeShards(nil)", func() error { _, err := MergeShards(nil); return err }),
		R("MergeShards([nil])", func() error { _, err := MergeShards([]*Shard{nil}); return err }),
		R("MergeShards(count 0)", merge(func(s *Shard) { s.Count = 0 })),
		R("MergeShards(no document)", merge(func(s *Shard) { s.Document = nil })),
		R("MergeShards(no state)", merge(func(s *Shard) { s.State = nil })),
		R("MergeShards(one of two)", merge(func(*Shard) {})),
		R("DecodeShard(nil)", func() error { _, err := DecodeShard(nil); return err }),
		R("DecodeShard(empty)", func() error { _, err := DecodeShard(strings.NewReader("")); return err }),
		R("State.Merge(nil)", func() error { return st.newState().Merge(nil) }),
		R("State.Merge(other shape)", func() error { return st.newState().Merge(&State{}) }),
		A("State{}.RelativeSE() is +Inf", func() error { return misuse.NaN((&State{}).RelativeSE()) }),
		A("(*Result)(nil).Report()", func() error { _ = (*Result)(nil).Report(); return nil }),
		A("(*Result)(nil).Shard()", func() error { _ = (*Result)(nil).Shard(); return nil }),
		A("ProgressLine(nil)", func() error {
			ProgressLine(nil)(montecarlo.Progress[*State]{Done: 1, Total: 2, State: res.Acc})
			return nil
		}),
		A("ProgressLine(w) with nil state", func() error {
			var b bytes.Buffer
			ProgressLine(&b)(montecarlo.Progress[*State]{Done: 1, Total: 2})
			return nil
		}),
	}
	_ = P
	misuse.Check(t, cases)
}
