package study

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"regexp"
	"slices"
	"strconv"
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
		{"state.main.new_shortfall.k", func(a *State) { a.Main.NewShortfall.K = a.Main.Causes.K + 1 }},
		{"state.sweep[1].new_shortfall.n", func(a *State) { a.Sweep[1].NewShortfall.N-- }},
		{"state.delta_lole_cells.sum_sq[6][20]", func(a *State) { a.DeltaLOLE.SumSq[6][20]++ }},
		// A cell that trials could give, but not with the others: the
		// cells no longer add up to ΔLOLE.
		{"state.delta_lole_cells.sum", func(a *State) { a.DeltaLOLE.Sum[0][0] += 2; a.DeltaLOLE.SumSq[0][0] += 4 }},
		{"state.eue_baseline_hist", func(a *State) { a.EUEBase.Lo = 1 }},
		{"state.eue_carveout_hist.counts[0]", func(a *State) { a.EUECarve.Counts[0] = -1 }},
		{"state.heatwave_hours.n", func(a *State) { a.HeatWaveHours.Count++ }},
		{"state.price_hist, hashprice_hist, utilisation", func(a *State) { a.Price = a.Price[:len(a.Price)-1] }},
		{"state.hashprice_hist[2]", func(a *State) { a.Hashprice[2].Over++ }},
		{"state.utilisation[0].n", func(a *State) { a.Utilisation[0].Count-- }},
		{"state.convergence[0].delta_eue_mwh.n", func(a *State) { a.Convergence[0].DeltaEUE.Count++ }},
		{"state.convergence[0].causes.n", func(a *State) { a.Convergence[0].Causes.N++; a.Convergence[0].DeltaEUE.Count++ }},
		// A trial moved from one block to the next keeps the total.
		{"state.convergence[0].causes.n", func(a *State) {
			a.Convergence[0].Causes, a.Convergence[1].Causes = montecarlo.Proportion{N: a.Convergence[0].Causes.N - 1}, montecarlo.Proportion{N: a.Convergence[1].Causes.N + 1}
		}},
		// Two shards' 2^62 would wrap the merged count negative.
		{"state.incremental_hours[6][20]", func(a *State) { a.Incremental[6][20] = 1 << 62 }},
		{"state.main.delta_eue_mwh.sum_sq", func(a *State) { a.Main.DeltaEUE.SumSq = montecarlo.ExactSum{}; a.Main.DeltaEUE.SumSq.Add(-1) }},
		{"state.main.delta_eue_mwh", func(a *State) { a.Main.DeltaEUE.Sum.Add(math.NaN()) }},
		{"state.main.shed_mwh", func(a *State) { a.Main.ShedMWh.Sum.Add(math.MaxFloat64); a.Main.ShedMWh.Sum.Add(math.MaxFloat64) }},
		{"state.sweep[0].delta_eue_mwh.sum_sq", func(a *State) { a.Sweep[0].DeltaEUE.SumSq.Add(-math.MaxFloat64) }},
		{"state.price_hist[0].counts[0]", func(a *State) { a.Price[0].Over += a.Price[0].Counts[0] + 1; a.Price[0].Counts[0] = -1 }},
		{"state.months[3].with_eue_mwh.n", func(a *State) { a.Months[3].WithEUE.Count++ }},
		{"state.months[11].delta_lole_h", func(a *State) { a.Months[11].DeltaLOLE.Sum.Add(math.Inf(1)) }},
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

// TestDecodeShardRefusesEditsItCannotCheck edits a shard file's bytes
// where the result stays a possible state — a digit of an exact sum, a
// count of successes within its range — and checks that the checksum
// refuses it, while reformatting the file changes nothing.
func TestDecodeShardRefusesEditsItCannotCheck(t *testing.T) {
	sc := rbtsScenario(t, 15, Policy{})
	sc.Trials = 200
	_, res := runStudy(t, sc)
	b, err := json.MarshalIndent(res.Shard(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	var pretty bytes.Buffer
	if err := json.Compact(&pretty, b); err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeShard(&pretty); err != nil {
		t.Fatalf("compacted shard refused: %v", err)
	}
	// The first causes object is main.causes.
	causes := regexp.MustCompile(`"causes": \{\s*"n": 200,\s*"k": (\d+)`)
	sum := regexp.MustCompile(`"delta_eue_mwh": \{\n\s*"n": 200,\n\s*"sum": \{\n\s*"scaled_2_pow_minus_1074": "(\d)`)
	for name, edit := range map[string]func([]byte) []byte{
		"a digit of main.delta_eue_mwh.sum": func(b []byte) []byte {
			loc := sum.FindSubmatchIndex(b)
			if loc == nil {
				t.Fatal("no main.delta_eue_mwh.sum in the shard")
			}
			c := bytes.Clone(b)
			c[loc[2]] = "12"[(c[loc[2]]-'0')%2]
			return c
		},
		"main.causes.k": func(b []byte) []byte {
			loc := causes.FindSubmatchIndex(b)
			if loc == nil {
				t.Fatal("no main.causes in the shard")
			}
			// One more keeps it within [new_shortfall.k, n].
			k, _ := strconv.Atoi(string(b[loc[2]:loc[3]]))
			if k >= 200 {
				t.Fatalf("main.causes.k = %d: no edit within [new_shortfall.k, n] would differ", k)
			}
			return slices.Concat(b[:loc[2]], []byte(strconv.Itoa(k+1)), b[loc[3]:])
		},
		"no checksum": func(b []byte) []byte {
			return regexp.MustCompile(`,\s*"checksum": "[^"]*"`).ReplaceAll(b, nil)
		},
	} {
		_, err := DecodeShard(bytes.NewReader(edit(b)))
		if err == nil || !strings.Contains(err.Error(), "checksum") {
			t.Errorf("%s edited: err = %v, want a checksum error", name, err)
		}
	}
}
