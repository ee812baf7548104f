package grid

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// isShardCfg is a short pilot, so that every shard reruns it in
// milliseconds.
var isShardCfg = ImportanceSampling{PilotTrials: 1000, PilotIterations: 3}

// isRun runs an importance-sampled adequacy run of sys with cfg, the seed
// and trials, and the further options.
func isRun(t *testing.T, sys *System, cfg ImportanceSampling, seed uint64, trials int64, opts ...montecarlo.Option) *AdequacyResult {
	t.Helper()
	r, err := AdequacyIS(context.Background(), sys, cfg, append(opts, montecarlo.WithSeed(seed), montecarlo.WithTrials(trials))...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// isShardFile returns the shard of r as written to and read back from
// its file.
func isShardFile(t *testing.T, r *AdequacyResult) *ISShard {
	t.Helper()
	s := r.ISShard()
	if s == nil {
		t.Fatal("importance-sampled result has no shard")
	}
	return roundTrip(t, s)
}

// roundTrip encodes s and decodes it afresh: a deep copy, checked.
func roundTrip(t *testing.T, s *ISShard) *ISShard {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	d, err := DecodeISShard(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// isShards runs the n shards of a run, shard i on 1 + i%2 workers, and
// returns them as read from their files.
func isShards(t *testing.T, sys *System, cfg ImportanceSampling, seed uint64, trials int64, n int) []*ISShard {
	t.Helper()
	var out []*ISShard
	for i := range n {
		r := isRun(t, sys, cfg, seed, trials, montecarlo.WithShard(i, n), montecarlo.WithWorkers(1+i%2))
		out = append(out, isShardFile(t, r))
	}
	return out
}

// TestISShardsMergeEqualsUnsharded checks contract 1 for importance
// sampling: the unsharded run gives the same bytes on 1 and 2 workers,
// and its 2, 3 and 4 shards, each rerunning the pilot on 1 or 2 workers,
// written to files and merged in shuffled order, give those bytes again,
// and the same exact state.
func TestISShardsMergeEqualsUnsharded(t *testing.T) {
	sys := rbts(t)
	sys.LFUSigma = 0.02
	const seed, trials = 5, 2000
	var ref []byte
	var refState []byte
	for _, w := range []int{1, 2} {
		r := isRun(t, sys, isShardCfg, seed, trials, montecarlo.WithWorkers(w))
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		st, err := json.Marshal(r.ISShard().State)
		if err != nil {
			t.Fatal(err)
		}
		if ref == nil {
			ref, refState = b, st
			continue
		}
		if !bytes.Equal(b, ref) || !bytes.Equal(st, refState) {
			t.Fatalf("2 workers differ from 1:\n%s\n%s", b, ref)
		}
	}
	if !strings.Contains(string(ref), `"method":"mc-is"`) || !strings.Contains(string(ref), `"pilot":{"seed"`) {
		t.Fatalf("unsharded report lacks its method or pilot: %.300s", ref)
	}
	for _, n := range []int{2, 3, 4} {
		shards := isShards(t, sys, isShardCfg, seed, trials, n)
		rng := rand.New(rand.NewPCG(uint64(n), 7))
		rng.Shuffle(len(shards), func(i, j int) { shards[i], shards[j] = shards[j], shards[i] })
		if slices.IsSortedFunc(shards, func(a, b *ISShard) int { return a.Index - b.Index }) {
			slices.Reverse(shards)
		}
		var order []int
		for _, s := range shards {
			order = append(order, s.Index)
		}
		m, err := MergeISShards(shards)
		if err != nil {
			t.Fatalf("%d shards: %v", n, err)
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, ref) {
			t.Errorf("%d shards merged in order %v differ from the unsharded run:\n%s\n%s", n, order, b, ref)
		}
		st, err := json.Marshal(m.ISShard().State)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(st, refState) {
			t.Errorf("%d shards merged in order %v: exact state differs from the unsharded run's", n, order)
		}
	}
}

// TestISShardGivenTilt checks that a run with a given tilt (no pilot)
// shards and merges to the unsharded bytes too, its state recording the
// method and no pilot.
func TestISShardGivenTilt(t *testing.T) {
	sys := rbts(t)
	tilt := isRun(t, sys, isShardCfg, 3, 10).IS.Tilt
	cfg := ImportanceSampling{Tilt: tilt}
	ref, err := json.Marshal(isRun(t, sys, cfg, 4, 1500))
	if err != nil {
		t.Fatal(err)
	}
	shards := isShards(t, sys, cfg, 4, 1500, 3)
	if st := shards[0].State; st.Method != ISGiven || st.Config != nil || st.Pilot != nil {
		t.Fatalf("given tilt: state method %q, config %v, pilot %v; want %q and neither", st.Method, st.Config, st.Pilot, ISGiven)
	}
	slices.Reverse(shards)
	m, err := MergeISShards(shards)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(m); !bytes.Equal(b, ref) {
		t.Errorf("merged given-tilt shards differ from the unsharded run:\n%s\n%s", b, ref)
	}
}

// TestISShardsMergeRefusals checks that shards of different runs — seed,
// trial count, system, method, pilot parameters, tilt, pilot — or an
// incomplete set are refused, each error naming what differs.
func TestISShardsMergeRefusals(t *testing.T) {
	sys := rbts(t)
	const seed, trials = 5, 1500
	base := isShards(t, sys, isShardCfg, seed, trials, 3)
	other := func(sys *System, cfg ImportanceSampling, seed uint64, trials int64) *ISShard {
		return isShardFile(t, isRun(t, sys, cfg, seed, trials, montecarlo.WithShard(1, 3)))
	}
	edited := func(f func(s *ISShard)) *ISShard {
		s := roundTrip(t, base[1])
		f(s)
		return s
	}
	lfu := rbts(t)
	lfu.LFUSigma = 0.05
	more := isShardCfg
	more.PilotIterations++
	cases := []struct {
		name  string
		shard *ISShard
		want  []string
	}{
		{"seed", other(sys, isShardCfg, seed+1, trials), []string{"seed 6", "seed 5"}},
		{"trials", other(sys, isShardCfg, seed, trials+1), []string{"1501", "1500", "trial count"}},
		{"system", other(lfu, isShardCfg, seed, trials), []string{"system_hash", "system"}},
		{"method", other(sys, ImportanceSampling{Tilt: base[0].State.Tilt}, seed, trials), []string{"method", ISGiven, ISCrossEntropy}},
		{"config", other(sys, more, seed, trials), []string{"config.pilot_iterations = ", "4", "3"}},
		{"tilt failure", edited(func(s *ISShard) { s.State.Tilt.Failure[2] *= 1.01 }), []string{"shard 1", "tilt.failure[2]"}},
		{"tilt window", edited(func(s *ISShard) { s.State.Tilt.Windows[0][1]-- }), []string{"tilt.windows[0]"}},
		{"tilt shares", edited(func(s *ISShard) { s.State.Tilt.Shares = s.State.Tilt.Shares[1:] }), []string{"len(tilt.shares)"}},
		{"pilot", edited(func(s *ISShard) { s.State.Pilot.Hits[0]++ }), []string{"pilot.hits[0]"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, order := range [][]*ISShard{{base[0], c.shard, base[2]}, {c.shard, base[2], base[0]}} {
				_, err := MergeISShards(order)
				if err == nil {
					t.Fatal("merged")
				}
				for _, w := range c.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not name %q", err, w)
					}
				}
			}
		})
	}
	if _, err := MergeISShards(base[1:]); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("without shard 0: error %v, want missing trials", err)
	}
	if _, err := MergeISShards([]*ISShard{base[0], base[1], base[1], base[2]}); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("shard 1 twice: error %v, want it named", err)
	}
	if _, err := MergeISShards(nil); err == nil {
		t.Error("no shards merged")
	}
}

// TestISStateMergeRefusal checks the accumulator itself: a state of
// another tilt is refused, naming the field, and leaves the total as it
// was.
func TestISStateMergeRefusal(t *testing.T) {
	shards := isShards(t, rbts(t), isShardCfg, 5, 600, 2)
	total := NewISState(shards[0].State.Tally.Hours)
	if err := total.Merge(shards[0].State); err != nil {
		t.Fatal(err)
	}
	before, _ := json.Marshal(total)
	bad := roundTrip(t, shards[1]).State
	bad.Tilt.Repair[0] *= 2
	if err := total.Merge(bad); err == nil || !strings.Contains(err.Error(), "tilt.repair[0]") {
		t.Errorf("error %v, want one naming tilt.repair[0]", err)
	}
	if after, _ := json.Marshal(total); !bytes.Equal(before, after) {
		t.Error("a refused merge changed the total")
	}
	if err := total.Merge(shards[1].State); err != nil || total.Tally.Trials() != 600 {
		t.Errorf("merge of the other shard: %v, %d trials; want 600", err, total.Tally.Trials())
	}
}

// TestISShardDecodeRefusals checks that the shard files of crude and
// importance-sampled runs are not taken for one another, and that an
// edited state is refused naming its field.
func TestISShardDecodeRefusals(t *testing.T) {
	sys := rbts(t)
	is := isRun(t, sys, isShardCfg, 5, 300, montecarlo.WithShard(0, 2))
	crude, err := Adequacy(context.Background(), sys, montecarlo.WithSeed(5), montecarlo.WithTrials(300), montecarlo.WithShard(0, 2))
	if err != nil {
		t.Fatal(err)
	}
	if is.Shard() != nil || crude.ISShard() != nil {
		t.Fatal("a crude result gives an importance-sampled shard, or the reverse")
	}
	cb, _ := json.Marshal(crude.Shard())
	ib, _ := json.Marshal(is.ISShard())
	if _, err := DecodeISShard(bytes.NewReader(cb)); err == nil || !strings.Contains(err.Error(), ISShardKind) {
		t.Errorf("crude shard read as importance-sampled: %v, want its kind refused", err)
	}
	if _, err := DecodeAdequacyShard(bytes.NewReader(ib)); err == nil || !strings.Contains(err.Error(), AdequacyShardKind) {
		t.Errorf("importance-sampled shard read as crude: %v, want its kind refused", err)
	}
	for _, c := range []struct {
		name string
		edit func(s *ISShard)
		want string
	}{
		{"factor", func(s *ISShard) { s.State.Tilt.Failure[0] = 100 }, "state.tilt.failure[0]"},
		{"method", func(s *ISShard) { s.State.Method = "cv" }, "state.method"},
		{"pilot seed", func(s *ISShard) { s.State.Pilot.Seed++ }, "state.pilot.seed"},
		{"pilot trials", func(s *ISShard) { s.State.Config.PilotTrials = 2000 }, "state.pilot.trials_per_iteration"},
		{"config", func(s *ISShard) { s.State.Config.WindowLeadHours = 0 }, "defaults filled in"},
		{"no tilt", func(s *ISShard) { s.State.Tilt = nil }, "tilt"},
		{"hours", func(s *ISShard) { s.State.Tally.Hours = 24 }, "state.tally.hours"},
		{"given with pilot", func(s *ISShard) { s.State.Method = ISGiven }, "no config or pilot"},
	} {
		s := roundTrip(t, is.ISShard())
		c.edit(s)
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := DecodeISShard(bytes.NewReader(b)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one naming %s", c.name, err, c.want)
		}
	}
	// A shard edited after it was written, with its checks still passing,
	// fails its checksum.
	edited := bytes.Replace(ib, []byte(`"pilot_iterations":3`), []byte(`"pilot_iterations":4`), 1)
	if bytes.Equal(edited, ib) {
		t.Fatal("the shard's config is not where the test looks for it")
	}
	if _, err := DecodeISShard(bytes.NewReader(edited)); err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("edited shard: error %v, want a checksum mismatch", err)
	}
}
