package montecarlo

import (
	"errors"
	"math/rand/v2"
	"sync/atomic"
)

// StreamKey is the precomputed hash of a component name such as
// "outage/Tarbela-1#3" or "demand/weather". Computing the key once and
// reusing it keeps per-trial reseeding free of string hashing.
type StreamKey uint64

// Key returns the StreamKey of a component name. Distinct names give
// distinct keys with overwhelming probability (64-bit hash).
func Key(component string) StreamKey {
	// FNV-1a over the bytes, then a final avalanche, so that names sharing
	// a prefix still differ in every bit of the key.
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(component); i++ {
		h ^= uint64(component[i])
		h *= 0x100000001b3
	}
	h ^= uint64(len(component))
	return StreamKey(mix64(h))
}

// Seed returns the two PCG seed words of the stream for (seed, trial, k).
// The triple is hashed, so streams of neighbouring trials or seeds are
// unrelated rather than offsets on one sequence.
func (k StreamKey) Seed(seed uint64, trial int64) (hi, lo uint64) {
	a := mix64(seed ^ 0x9e3779b97f4a7c15)
	b := mix64(a ^ uint64(trial) ^ 0xd1b54a32d192ed03)
	hi = mix64(b ^ uint64(k))
	lo = mix64(hi ^ uint64(k) ^ 0x8bb84b93962eacc9)
	return hi, lo
}

// StreamSeed returns the PCG seed words for (seed, trial, component); it is
// Key(component).Seed(seed, trial).
func StreamSeed(seed uint64, trial int64, component string) (hi, lo uint64) {
	return Key(component).Seed(seed, trial)
}

// NewStream returns a new PCG source for (seed, trial, component). It
// allocates; hot loops should keep a *rand.PCG and call [Trial.Reseed].
func NewStream(seed uint64, trial int64, component string) *rand.PCG {
	hi, lo := StreamSeed(seed, trial, component)
	return rand.NewPCG(hi, lo)
}

// Trial identifies one trial of a run: the run's seed and the trial's
// global index (counting from 0 across all shards).
type Trial struct {
	// Seed is the run's seed.
	Seed uint64
	// Index is the trial's global index, counting from 0 across all
	// shards.
	Index int64
	// stop, set by [Run], is raised when the run is cancelled; a trial
	// built by hand has none and is never cancelled.
	stop *atomic.Bool
}

// ErrCancelled is the error a trial returns when it stops early because
// its run was cancelled ([Trial.Cancelled]). [Run] discards such a trial:
// it is neither counted nor reported as a failure.
var ErrCancelled = errors.New("montecarlo: trial cancelled")

// Cancelled reports whether the run this trial belongs to has been
// cancelled. It costs one atomic load, so long trials check it every so
// many units of work (units of a fleet, cases of a sweep), never per
// event, and when it is true return [ErrCancelled] without adding to
// their accumulator. Routines given a cancelled trial may stop early and
// leave a meaningless result, which the trial then discards. A Trial made
// outside [Run] is never cancelled.
func (t Trial) Cancelled() bool { return t.stop != nil && t.stop.Load() }

// Reseed sets p to the start of this trial's stream for key. It does not
// allocate. A nil p is a programming error: Reseed panics.
func (t Trial) Reseed(p *rand.PCG, key StreamKey) {
	p.Seed(key.Seed(t.Seed, t.Index))
}

// mix64 is the SplitMix64 finaliser (Steele, Lea and Flood, OOPSLA 2014):
// a bijection on 64-bit words with full avalanche.
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
