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
type Shard = montecarlo.Shard[*Scenario, *State]

// shardFormat is the study's shard format: its kind, this library's
// version, and the checks of a shard's scenario and state.
var shardFormat = montecarlo.ShardFormat[*Scenario, *State]{
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
	if err := s.State.check(st, s.Start, s.Done); err != nil {
		return input.In(err, "state")
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

// MergeShards checks that the shards belong to one run — same scenario
// hash, seed, trial count, shard count, and this library's version
// ([carveout.Version]; a shard of another version may have computed other
// numbers from the same scenario) — and that they cover the run exactly
// once with every trial done, then merges them. The result's report is,
// byte for byte, that of the unsharded run.
func MergeShards(shards []*Shard) (*Result, error) {
	if len(shards) == 0 || shards[0] == nil {
		return nil, fmt.Errorf("study: merge: no shards")
	}
	if shards[0].Document == nil {
		return nil, fmt.Errorf("study: merge: shard %d has no scenario document", shards[0].Index)
	}
	st, err := NewStudy(shards[0].Document)
	if err != nil {
		return nil, fmt.Errorf("study: merge: %w", err)
	}
	m, err := shardFormat.Merge(shards, st.newState())
	if err != nil {
		return nil, fmt.Errorf("study: %w", err)
	}
	return &Result{Result: *m.Result(), study: st}, nil
}
