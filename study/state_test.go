package study

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// TestDecodeShardChecksEachResult edits one accumulator of a shard's
// state at a time and checks that DecodeShard refuses it, naming the
// field's path in the state.
func TestDecodeShardChecksEachResult(t *testing.T) {
	sc := rbtsScenario(t, 15, Policy{Kind: Interruptible, NoticeHours: 1})
	sc.Sweep = Sweep{SizesMW: []float64{10, 20}}
	sc.Trials = 300
	_, res := runStudy(t, sc, montecarlo.WithShard(0, 2))
	b, err := json.Marshal(res.Shard())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeShard(bytes.NewReader(b)); err != nil {
		t.Fatalf("untouched shard refused: %v", err)
	}
	for _, c := range []struct {
		path string
		edit func(a *State)
	}{
		{"state.baseline.lold.n", func(a *State) { a.Baseline.LOLD.Count++ }},
		{"state.main.others.eue_mwh.n", func(a *State) { a.Main.Others.EUE.Count-- }},
		{"state.main.attributable.n", func(a *State) { a.Main.Attributable.Count++ }},
		{"state.main.shed_mwh.n", func(a *State) { a.Main.ShedMWh.Count++ }},
		{"state.main.miner_utilisation.n", func(a *State) { a.Main.MinerUtilisation = montecarlo.Mean{} }},
		{"state.sweep", func(a *State) { a.Sweep = a.Sweep[:1] }},
		{"state.sweep[1].causes.k", func(a *State) { a.Sweep[1].Causes.K = a.Sweep[1].Causes.N + 1 }},
		{"state.sweep[1].delta_lole_h.n", func(a *State) { a.Sweep[1].DeltaLOLE.Count-- }},
		{"state.incremental_hours[3][5]", func(a *State) { a.Incremental[3][5] = -1 }},
		{"state.eue_baseline_hist", func(a *State) { a.EUEBase.Lo = 1 }},
		{"state.eue_carveout_hist.counts[0]", func(a *State) { a.EUECarve.Counts[0] = -1 }},
		{"state.heatwave_hours.n", func(a *State) { a.HeatWaveHours.Count++ }},
		{"state.price_hist, hashprice_hist, utilisation", func(a *State) { a.Price = a.Price[:len(a.Price)-1] }},
		{"state.hashprice_hist[2]", func(a *State) { a.Hashprice[2].Over++ }},
		{"state.utilisation[0].n", func(a *State) { a.Utilisation[0].Count-- }},
		{"state.convergence[0].delta_eue_mwh.n", func(a *State) { a.Convergence[0].DeltaEUE.Count++ }},
		{"state.convergence", func(a *State) { a.Convergence[0].Causes.N++; a.Convergence[0].DeltaEUE.Count++ }},
	} {
		var s Shard
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		c.edit(s.State)
		bad, err := json.Marshal(&s)
		if err != nil {
			t.Fatal(err)
		}
		_, err = DecodeShard(bytes.NewReader(bad))
		var fe *input.FieldError
		if !errors.As(err, &fe) || fe.Path != c.path {
			t.Errorf("%s edited: err = %v, want a field error at %s", c.path, err, c.path)
		}
	}
}

// TestStateMergeRefusesOtherShapes checks that states of studies of
// different shapes do not merge.
func TestStateMergeRefusesOtherShapes(t *testing.T) {
	sc := rbtsScenario(t, 15, Policy{})
	sc.Trials = 300
	one, err := NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	sc.Sweep = Sweep{SizesMW: []float64{10}}
	two, err := NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	if err := one.newState().Merge(two.newState()); err == nil || !strings.Contains(err.Error(), "sweep") {
		t.Errorf("merging a state without sweep and one with: err = %v, want one naming the sweep", err)
	}
}
