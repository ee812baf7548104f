package study

import (
	"fmt"
	"io"

	"github.com/carveout/carveout"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// ShardKind marks a JSON document as a study shard (or checkpoint).
const ShardKind = "carveout-study-shard"

// Shard is the mergeable state of one shard of a study run, in
// montecarlo's one shard envelope: the scenario it ran (in full, with
// every default filled in, so merging needs nothing else) and its hash,
// the run's seed and trial count, the shard's trial range and the exact
// state of the trials done. A checkpoint is a Shard with Done < End −
// Start. Make one with [Result.Shard]; read one with [DecodeShard].
type Shard = montecarlo.Shard[*Scenario, *StudyAcc]

// shardFormat is the study's shard format: its kind, this library's
// version, and the checks of a shard's scenario and state.
var shardFormat = montecarlo.ShardFormat[*Scenario, *StudyAcc]{
	Kind:    ShardKind,
	Version: carveout.Version,
	Check:   checkShard,
}

// checkShard checks a decoded shard's scenario (valid, and hashing to the
// shard's hash) and its state (the scenario's shape, Done trials).
func checkShard(s *Shard) error {
	if s.Document == nil || s.State == nil {
		return fmt.Errorf("document and state are required")
	}
	if err := s.Document.validate(); err != nil {
		return input.In(err, "document")
	}
	if h := s.Document.Hash(); h != s.Hash {
		return fmt.Errorf("hash %s does not match its scenario document (%s)", s.Hash, h)
	}
	st, err := NewStudy(s.Document)
	if err != nil {
		return err
	}
	if s.Seed != st.sc.Seed || s.Trials != st.sc.Trials {
		return fmt.Errorf("seed %d and trials %d differ from its scenario's (%d, %d)", s.Seed, s.Trials, st.sc.Seed, st.sc.Trials)
	}
	if err := st.checkState(s.State, s.Done); err != nil {
		return fmt.Errorf("state: %w", err)
	}
	return nil
}

// DecodeShard reads a shard (or checkpoint) document strictly and checks
// that it is internally consistent: its kind and version, its scenario
// and hash, its range, and a state of the scenario's shape holding Done
// trials.
func DecodeShard(r io.Reader) (*Shard, error) {
	s, err := shardFormat.Decode(r)
	if err != nil {
		return nil, fmt.Errorf("study: %w", err)
	}
	return s, nil
}

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
// hash, seed, trial count, shard count, and this library's version
// ([carveout.Version]; a shard of another version may have computed other
// numbers from the same scenario) — and that they cover the run exactly
// once with every trial done, then merges them. The result's report is,
// byte for byte, that of the unsharded run.
func MergeShards(shards []*Shard) (*Result, error) {
	if len(shards) == 0 {
		return nil, fmt.Errorf("study: merge: no shards")
	}
	if shards[0].Document == nil {
		return nil, fmt.Errorf("study: merge: shard %d has no scenario document", shards[0].Index)
	}
	st, err := NewStudy(shards[0].Document)
	if err != nil {
		return nil, fmt.Errorf("study: merge: %w", err)
	}
	m, err := shardFormat.Merge(shards, st.NewAccumulator())
	if err != nil {
		return nil, fmt.Errorf("study: %w", err)
	}
	return &Result{Result: *m.Result(), study: st}, nil
}
