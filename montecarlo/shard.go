package montecarlo

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/carveout/carveout/input"
)

// Shard is the one file format of a shard, or a checkpoint, of any
// experiment: what the run was (the experiment's document and its hash,
// the library version, the seed and trial count), which part of it this is
// (shard Index of Count, trials [Start, End)), how far it got (Done) and
// the exact state of those trials. It holds everything a merge needs, so
// shards merge without the run's input files. D is the experiment's
// document (a study's scenario, an adequacy run's system), A its state.
// A checkpoint is a Shard with Done < End − Start.
type Shard[D, A any] struct {
	// Kind names the experiment's shard format ([ShardFormat.Kind]).
	Kind string `json:"kind"`
	// Version is the version of the library that wrote the shard; shards
	// of different versions never merge.
	Version string `json:"version"`
	// Hash identifies Document: shards of one run share it.
	Hash string `json:"hash"`
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
	// Document is what the experiment ran, in full.
	Document D `json:"document"`
	// State is the exact accumulator of the Done trials.
	State A `json:"state"`
	// Checksum is "sha256:" and the hex SHA-256 of the shard's other
	// fields in their compact JSON encoding. MarshalJSON fills it in and
	// [ShardFormat.Decode] verifies it, so a file edited or damaged after
	// it was written is refused, even where the edit leaves a possible
	// state (a changed sum or count). It detects accidents — a stray
	// edit, a truncated or corrupted copy — not forgery: anyone can
	// recompute it for a file they altered on purpose. Reformatting the
	// file (indentation, key order) does not change it.
	Checksum string `json:"checksum"`
}

// shardFields is Shard without its methods, to encode its fields.
type shardFields[D, A any] Shard[D, A]

// checksum returns the checksum of s's fields other than Checksum.
func (s *Shard[D, A]) checksum() (string, error) {
	c := shardFields[D, A](*s)
	c.Checksum = ""
	b, err := json.Marshal(&c)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

// MarshalJSON encodes the shard with its [Shard.Checksum] computed afresh
// from its other fields.
func (s Shard[D, A]) MarshalJSON() ([]byte, error) {
	sum, err := s.checksum()
	if err != nil {
		return nil, err
	}
	c := shardFields[D, A](s)
	c.Checksum = sum
	return json.Marshal(&c)
}

// Checkpoint returns what [WithResume] needs to continue the shard.
func (s *Shard[D, A]) Checkpoint() Checkpoint[A] { return Checkpoint[A]{Done: s.Done, State: s.State} }

// ShardFormat describes one experiment's shards: their kind, the library
// version that writes them, and the checks that only the experiment can
// make. Its methods make, decode and merge shards with one set of rules
// for every experiment.
type ShardFormat[D any, A Accumulator[A]] struct {
	// Kind names the experiment ("carveout-study-shard").
	Kind string
	// Version is the library version: shards of another are refused.
	Version string
	// Check, if set, validates a decoded shard beyond its envelope: that
	// Document is present and valid and hashes to Hash, and that State is
	// present, has the experiment's shape and holds Done trials. Its
	// error is reported after "shard: ".
	Check func(*Shard[D, A]) error
}

// New packages a run's result (or a checkpoint's snapshot of it) as a
// shard of the experiment with document doc and its hash. A nil res is a
// programming error: New panics.
func (f ShardFormat[D, A]) New(hash string, doc D, res *Result[A]) *Shard[D, A] {
	return &Shard[D, A]{
		Kind: f.Kind, Version: f.Version, Hash: hash,
		Seed: res.Seed, Trials: res.Trials, Index: res.ShardIndex, Count: max(1, res.ShardCount),
		Start: res.Start, End: res.End, Done: res.Done,
		Document: doc, State: res.Acc,
	}
}

// Decode reads one shard document strictly ([input.DecodeJSON]: no
// unknown, repeated or miscased keys, nothing after it, at most
// [input.MaxJSONBytes]; an [*input.JSONError] with line, column and path
// otherwise) and checks its envelope — kind, version, that the range is
// shard Index of Count of Trials, that Done fits the range — then the
// experiment's [ShardFormat.Check], and last the [Shard.Checksum].
func (f ShardFormat[D, A]) Decode(r io.Reader) (*Shard[D, A], error) {
	if r == nil {
		return nil, fmt.Errorf("shard: nil reader")
	}
	data, err := input.ReadJSON(r, "shard")
	if err != nil {
		return nil, err
	}
	// Kind and version first: a file of another kind or version would
	// otherwise fail on its first unfamiliar field, naming the wrong
	// problem.
	var head struct {
		Kind    string `json:"kind"`
		Version string `json:"version"`
	}
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&head); err != nil {
		return nil, fmt.Errorf("shard: %w", err)
	}
	if head.Kind != f.Kind {
		return nil, fmt.Errorf("shard: kind = %q, want %q", head.Kind, f.Kind)
	}
	if head.Version != f.Version {
		return nil, fmt.Errorf("shard: made by version %s, this is %s; rerun it with this version", head.Version, f.Version)
	}
	var s Shard[D, A]
	if err := input.DecodeJSON(bytes.NewReader(data), &s, "shard"); err != nil {
		return nil, err // names "shard", the line, column and path
	}
	switch {
	case s.Trials < 1 || s.Trials > MaxTrials:
		return nil, fmt.Errorf("shard: trials = %d, want in [1, %d]", s.Trials, int64(MaxTrials))
	case s.Count < 1 || int64(s.Count) > s.Trials || s.Index < 0 || s.Index >= s.Count:
		return nil, fmt.Errorf("shard: shard %d/%d of %d trials, want 0 <= index < count <= trials", s.Index, s.Count, s.Trials)
	}
	if a, b := shardRange(s.Trials, s.Index, s.Count); a != s.Start || b != s.End {
		return nil, fmt.Errorf("shard: range [%d, %d), but shard %d/%d of %d trials is [%d, %d)", s.Start, s.End, s.Index, s.Count, s.Trials, a, b)
	}
	if s.Done < 0 || s.Done > s.End-s.Start {
		return nil, fmt.Errorf("shard: done = %d, want in [0, %d]", s.Done, s.End-s.Start)
	}
	if f.Check != nil {
		if err := f.Check(&s); err != nil {
			return nil, fmt.Errorf("shard: %w", err)
		}
	}
	// The checksum last: a state the checks refuse gets their more
	// precise message.
	sum, err := s.checksum()
	switch {
	case err != nil:
		return nil, fmt.Errorf("shard: %w", err)
	case s.Checksum == "":
		return nil, fmt.Errorf("shard: checksum missing")
	case s.Checksum != sum:
		return nil, fmt.Errorf("shard: checksum %.19s… does not match its contents (%.19s…): the file was edited or damaged after it was written", s.Checksum, sum)
	}
	return &s, nil
}

// Merge checks that the shards are of this format and version, come from
// one run (same hash, seed, trial count and shard count), and cover it
// exactly once with every trial done — naming the first shard given twice,
// the first trials no shard covers and the first incomplete shard — and
// merges their states into total, an empty accumulator of the run's
// experiment. It returns the whole run as one shard (index 0 of 1), whose
// document is the first shard's. Merging is exact, so the result is the
// state of an unsharded run, bit for bit.
func (f ShardFormat[D, A]) Merge(shards []*Shard[D, A], total A) (*Shard[D, A], error) {
	if len(shards) == 0 {
		return nil, fmt.Errorf("merge: no shards")
	}
	if isNil(total) {
		return nil, fmt.Errorf("merge: nil total")
	}
	for i, s := range shards {
		switch {
		case s == nil:
			return nil, fmt.Errorf("merge: shard %d of the list is nil", i)
		case isNil(s.State):
			return nil, fmt.Errorf("merge: shard %d has no state", s.Index)
		case s.Count < 1 || s.Count > 1<<20 || s.Trials < 1 || s.Trials > MaxTrials:
			return nil, fmt.Errorf("merge: shard %d is one of %d shards of %d trials, want 1 to 1048576 shards of 1 to %d", s.Index, s.Count, s.Trials, int64(MaxTrials))
		}
	}
	ref := shards[0]
	for _, s := range shards {
		switch {
		case s.Kind != f.Kind:
			return nil, fmt.Errorf("merge: shard %d has kind %q, want %q", s.Index, s.Kind, f.Kind)
		case s.Version != f.Version:
			return nil, fmt.Errorf("merge: shard %d was made by version %s, this is %s; rerun it with this version", s.Index, s.Version, f.Version)
		// The seed, trial count and shard count are named before the
		// hash, which covers them too: a differing seed is a differing
		// seed, not a mystery of inputs.
		case s.Seed != ref.Seed:
			return nil, fmt.Errorf("merge: shard %d ran seed %d, shard %d seed %d: shards of one run share its seed", s.Index, s.Seed, ref.Index, ref.Seed)
		case s.Trials != ref.Trials:
			return nil, fmt.Errorf("merge: shard %d is of a run of %d trials, shard %d of %d: shards of one run share its trial count", s.Index, s.Trials, ref.Index, ref.Trials)
		case s.Count != ref.Count:
			return nil, fmt.Errorf("merge: shard %d is shard %d of %d, shard %d is shard %d of %d: shards of one run share its shard count", s.Index, s.Index, s.Count, ref.Index, ref.Index, ref.Count)
		case s.Hash != ref.Hash:
			return nil, fmt.Errorf("merge: shard %d has hash %.12s…, shard %d has %.12s…: they ran different inputs", s.Index, s.Hash, ref.Index, ref.Hash)
		}
		if a, b := shardRange(s.Trials, s.Index, s.Count); s.Index < 0 || s.Index >= s.Count || a != s.Start || b != s.End {
			return nil, fmt.Errorf("merge: shard %d/%d has range [%d, %d), want [%d, %d)", s.Index, s.Count, s.Start, s.End, a, b)
		}
	}
	sorted := slices.Clone(shards)
	slices.SortFunc(sorted, func(a, b *Shard[D, A]) int { return a.Index - b.Index })
	var next int64
	for i, s := range sorted {
		if i > 0 && s.Index == sorted[i-1].Index {
			return nil, fmt.Errorf("merge: shard %d/%d given twice", s.Index, s.Count)
		}
		if s.Start > next {
			return nil, fmt.Errorf("merge: trials [%d, %d) are missing (no shard covers them)", next, s.Start)
		}
		if s.Done != s.End-s.Start {
			return nil, fmt.Errorf("merge: shard %d is incomplete (%d of %d trials): resume it first", s.Index, s.Done, s.End-s.Start)
		}
		next = s.End
	}
	if next != ref.Trials {
		return nil, fmt.Errorf("merge: trials [%d, %d) are missing (no shard covers them)", next, ref.Trials)
	}
	for _, s := range sorted {
		if err := total.Merge(s.State); err != nil {
			return nil, fmt.Errorf("merge: shard %d: %w", s.Index, err)
		}
	}
	return &Shard[D, A]{
		Kind: f.Kind, Version: f.Version, Hash: ref.Hash, Seed: ref.Seed, Trials: ref.Trials,
		Index: 0, Count: 1, Start: 0, End: ref.Trials, Done: ref.Trials,
		Document: ref.Document, State: total,
	}, nil
}

// Result returns the shard as the result of a run: the state, seed, trial
// count, range and done count it holds. A checkpoint (Done below its range)
// reads as an interrupted run, Partial.
func (s *Shard[D, A]) Result() *Result[A] {
	return &Result[A]{
		Acc: s.State, Seed: s.Seed, Trials: s.Trials, ShardIndex: s.Index, ShardCount: s.Count,
		Start: s.Start, End: s.End, Done: s.Done, Partial: s.Done < s.End-s.Start,
	}
}
