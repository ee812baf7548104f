package study

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/carveout/carveout"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// ShardKind marks a JSON document as a study shard (or checkpoint).
const ShardKind = "carveout-study-shard"

// Shard is the mergeable state of one shard of a study run: the scenario it
// ran (in full, so merging needs nothing else), the run's seed and trial
// count, the shard's trial range and the exact accumulator of the trials
// done. A checkpoint is a Shard with Done < End − Start.
type Shard struct {
	// Kind is [ShardKind].
	Kind string `json:"kind"`
	// Version is the library version ([carveout.Version]) that wrote the shard; merged shards
	// must share it.
	Version string `json:"version"`
	// Scenario names Document and gives its hash.
	Scenario ScenarioRef `json:"scenario"`
	// Seed is the run's seed.
	Seed uint64 `json:"seed"`
	// Trials is the trial count of the whole run, over all shards.
	Trials int64 `json:"trials"`
	// Index is the shard's number, counting from 0.
	Index int `json:"shard_index"`
	// Count is the number of shards the run is split into.
	Count int `json:"shard_count"`
	// Start is the global index of the shard's first trial.
	Start int64 `json:"start"`
	// End is one past the global index of the shard's last trial.
	End int64 `json:"end"`
	// Done is the number of the shard's trials completed, counted from
	// Start.
	Done int64 `json:"done"`
	// Document is the scenario, with every default filled in.
	Document *Scenario `json:"scenario_document"`
	// State is the exact accumulator of the Done trials.
	State *StudyAcc `json:"state"`
}

// NewShard packages a shard's state for writing.
func (st *Study) NewShard(acc *StudyAcc, seed uint64, trials int64, index, count int, start, end, done int64) *Shard {
	doc := st.sc
	return &Shard{
		Kind: ShardKind, Version: carveout.Version,
		Scenario: ScenarioRef{Name: st.sc.Name, Hash: st.hash},
		Seed:     seed, Trials: trials, Index: index, Count: count,
		Start: start, End: end, Done: done, Document: &doc, State: acc,
	}
}

// DecodeShard reads a shard document strictly and checks that it is
// internally consistent: its kind, its scenario's hash and its range.
func DecodeShard(data []byte) (*Shard, error) {
	var s Shard
	if err := input.DecodeJSON(bytes.NewReader(data), &s, "shard"); err != nil {
		return nil, fmt.Errorf("grid: %w", err)
	}
	switch {
	case s.Kind != ShardKind:
		return nil, fmt.Errorf("grid: shard: kind = %q, want %q", s.Kind, ShardKind)
	case s.Document == nil || s.State == nil:
		return nil, fmt.Errorf("grid: shard: scenario_document and state are required")
	case s.Count < 1 || s.Index < 0 || s.Index >= s.Count:
		return nil, fmt.Errorf("grid: shard: shard %d/%d, want 0 <= index < count", s.Index, s.Count)
	case s.Start < 0 || s.End > s.Trials || s.Start > s.End:
		return nil, fmt.Errorf("grid: shard: range [%d, %d) outside [0, %d)", s.Start, s.End, s.Trials)
	case s.Done < 0 || s.Done > s.End-s.Start:
		return nil, fmt.Errorf("grid: shard: done = %d, want in [0, %d]", s.Done, s.End-s.Start)
	}
	if err := s.Document.validate(); err != nil {
		return nil, fmt.Errorf("grid: shard: %w", input.In(err, "scenario_document"))
	}
	if h := s.Document.Hash(); h != s.Scenario.Hash {
		return nil, fmt.Errorf("grid: shard: scenario hash %s does not match its document (%s)", s.Scenario.Hash, h)
	}
	if a, b := shardRange(s.Trials, s.Index, s.Count); a != s.Start || b != s.End {
		return nil, fmt.Errorf("grid: shard: range [%d, %d), but shard %d/%d of %d trials is [%d, %d)", s.Start, s.End, s.Index, s.Count, s.Trials, a, b)
	}
	st, err := NewStudy(s.Document)
	if err != nil {
		return nil, fmt.Errorf("grid: shard: %w", err)
	}
	if err := st.checkState(s.State, s.Done); err != nil {
		return nil, fmt.Errorf("grid: shard: state: %w", err)
	}
	return &s, nil
}

// shardRange is montecarlo.ShardRange.
func shardRange(trials int64, i, n int) (int64, int64) { return montecarlo.ShardRange(trials, i, n) }

// checkState checks that a decoded state has the study's shape and counts
// consistent with done trials: every per-trial accumulator has seen done
// trials, success counts lie in [0, n], and histograms have the study's
// bins. It guards merge against edited or truncated shard files.
func (st *Study) checkState(a *StudyAcc, done int64) error {
	ref := st.NewAccumulator()
	switch {
	case len(a.Sweep) != len(ref.Sweep):
		return fmt.Errorf("sweep has %d cases, want %d", len(a.Sweep), len(ref.Sweep))
	case len(a.Price) != len(ref.Price) || len(a.Hashprice) != len(ref.Hashprice) || len(a.Utilisation) != len(ref.Utilisation):
		return fmt.Errorf("market series have %d/%d/%d weeks, want %d", len(a.Price), len(a.Hashprice), len(a.Utilisation), len(ref.Price))
	case len(a.Conv) != len(ref.Conv):
		return fmt.Errorf("convergence has %d blocks, want %d", len(a.Conv), len(ref.Conv))
	}
	prop := func(name string, p montecarlo.Proportion, n int64) error {
		if p.N != n || p.K < 0 || p.K > p.N {
			return fmt.Errorf("%s: n = %d, k = %d; want n = %d and 0 <= k <= n", name, p.N, p.K, n)
		}
		return nil
	}
	if err := prop("baseline.any", a.Baseline.Any, done); err != nil {
		return err
	}
	if err := prop("main.causes", a.Main.Causes, done); err != nil {
		return err
	}
	for i := range a.Sweep {
		if err := prop(fmt.Sprintf("sweep[%d].causes", i), a.Sweep[i].Causes, done); err != nil {
			return err
		}
	}
	for _, m := range []struct {
		name string
		n    int64
	}{{"baseline.lole_h", a.Baseline.LOLE.Count}, {"main.delta_eue_mwh", a.Main.DeltaEUE.Count}, {"main.others.eue_mwh", a.Main.Others.EUE.Count}} {
		if m.n != done {
			return fmt.Errorf("%s: n = %d, want %d", m.name, m.n, done)
		}
	}
	var conv int64
	for i := range a.Conv {
		c := a.Conv[i].Causes
		if c.K < 0 || c.K > c.N {
			return fmt.Errorf("convergence[%d]: k = %d, n = %d", i, c.K, c.N)
		}
		conv += c.N
	}
	if conv != done {
		return fmt.Errorf("convergence blocks hold %d trials, want %d", conv, done)
	}
	for _, h := range []struct {
		name string
		got  *montecarlo.Histogram
		want *montecarlo.Histogram
	}{{"eue_baseline_hist", &a.EUEBase, &ref.EUEBase}, {"eue_carveout_hist", &a.EUECarve, &ref.EUECarve}} {
		if h.got.Lo != h.want.Lo || h.got.Hi != h.want.Hi || len(h.got.Counts) != len(h.want.Counts) || h.got.N() != done {
			return fmt.Errorf("%s: bins or count differ from the study's", h.name)
		}
	}
	for m := range a.Incremental {
		for k, c := range a.Incremental[m] {
			if c < 0 {
				return fmt.Errorf("incremental_hours[%d][%d] = %d, want >= 0", m, k, c)
			}
		}
	}
	return nil
}

// MergeShards checks that the shards belong to one run — same scenario
// hash, seed, trial count, shard count, and this library's version ([carveout.Version]) (a
// shard of another version may have computed other numbers from the same
// scenario) — and that their
// ranges cover the run exactly once with every trial done, then merges
// them. The returned study and state give, through [Study.Report], exactly
// the report an unsharded run gives.
func MergeShards(shards []*Shard) (*Study, *StudyAcc, error) {
	if len(shards) == 0 {
		return nil, nil, fmt.Errorf("grid: merge: no shards")
	}
	ref := shards[0]
	if ref.Version != carveout.Version {
		return nil, nil, fmt.Errorf("grid: merge: shard %d was made by version %s, this is %s; rerun it with this version", ref.Index, ref.Version, carveout.Version)
	}
	for _, s := range shards[1:] {
		switch {
		case s.Version != ref.Version:
			return nil, nil, fmt.Errorf("grid: merge: shard %d was made by version %s, shard %d by %s", s.Index, s.Version, ref.Index, ref.Version)
		case s.Scenario.Hash != ref.Scenario.Hash:
			return nil, nil, fmt.Errorf("grid: merge: shard %d has scenario hash %.12s…, shard %d has %.12s…", s.Index, s.Scenario.Hash, ref.Index, ref.Scenario.Hash)
		case s.Seed != ref.Seed:
			return nil, nil, fmt.Errorf("grid: merge: shard %d has seed %d, shard %d has %d", s.Index, s.Seed, ref.Index, ref.Seed)
		case s.Trials != ref.Trials:
			return nil, nil, fmt.Errorf("grid: merge: shard %d has trials %d, shard %d has %d", s.Index, s.Trials, ref.Index, ref.Trials)
		case s.Count != ref.Count:
			return nil, nil, fmt.Errorf("grid: merge: shard %d is one of %d, shard %d one of %d", s.Index, s.Count, ref.Index, ref.Count)
		}
	}
	sorted := slices.Clone(shards)
	slices.SortFunc(sorted, func(a, b *Shard) int { return a.Index - b.Index })
	var next int64
	for i, s := range sorted {
		if i > 0 && s.Index == sorted[i-1].Index {
			return nil, nil, fmt.Errorf("grid: merge: shard %d/%d given twice", s.Index, s.Count)
		}
		if s.Start != next {
			if s.Start > next {
				return nil, nil, fmt.Errorf("grid: merge: trials [%d, %d) are missing (no shard covers them)", next, s.Start)
			}
			return nil, nil, fmt.Errorf("grid: merge: shard %d overlaps trials [%d, %d)", s.Index, s.Start, next)
		}
		if s.Done != s.End-s.Start {
			return nil, nil, fmt.Errorf("grid: merge: shard %d is incomplete (%d of %d trials): resume it first", s.Index, s.Done, s.End-s.Start)
		}
		next = s.End
	}
	if next != ref.Trials {
		return nil, nil, fmt.Errorf("grid: merge: trials [%d, %d) are missing (no shard covers them)", next, ref.Trials)
	}
	st, err := NewStudy(ref.Document)
	if err != nil {
		return nil, nil, err
	}
	total := st.NewAccumulator()
	for _, s := range sorted {
		if err := total.Merge(s.State); err != nil {
			return nil, nil, fmt.Errorf("grid: merge: shard %d: %w", s.Index, err)
		}
	}
	return st, total, nil
}
