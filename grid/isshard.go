package grid

import (
	"fmt"
	"io"
	"math"

	"github.com/carveout/carveout"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// ISShardKind marks a JSON document as a shard of an importance-sampled
// adequacy run ([AdequacyIS]). It differs from [AdequacyShardKind], so
// that shards of a crude and of an importance-sampled run are never taken
// for one another.
const ISShardKind = "carveout-adequacy-is-shard"

// ISState is the state an importance-sampled shard holds: its
// [WeightedTally] and everything a merge needs to check that shards come
// from one run — the method, the pilot's parameters, the tilt the trials
// were drawn under and the pilot that chose it. Every shard of a run
// reruns the pilot from the run's seed, so all of them hold the same
// method, parameters, tilt and pilot, to the bit; merging refuses any
// that differ, naming the first field that does.
//
// ISState implements [montecarlo.Accumulator]: an ISState without a tilt
// (an empty total) takes the method, parameters, tilt and pilot of the
// first state merged into it.
type ISState struct {
	// Method is [ISCrossEntropy] or [ISGiven].
	Method string `json:"method"`
	// Config holds the pilot's parameters, every default but Defensive
	// filled in (0 there means [DefaultDefensive], and gives a tilt
	// whose JSON form differs from that of an explicit 0.1); nil for a
	// given tilt.
	Config *ImportanceSampling `json:"config,omitempty"`
	// Tilt is the change of measure every trial was drawn under.
	Tilt *Tilt `json:"tilt"`
	// Pilot describes how the pilot chose the tilt; nil for a given tilt.
	Pilot *Pilot `json:"pilot,omitempty"`
	// Tally is the exact state of the shard's trials.
	Tally *WeightedTally `json:"tally"`
}

// NewISState returns an empty state for trial-years of hours hours, to
// merge the shards of a run into.
func NewISState(hours int) *ISState { return &ISState{Tally: NewWeightedTally(hours)} }

// Merge adds the trials of o exactly, after checking that o ran the same
// method, parameters, tilt and pilot as s (unless s has no tilt yet, when
// it takes o's). An error, naming the first field that differs, leaves s
// as it was.
func (s *ISState) Merge(o *ISState) error {
	if o == nil || o.Tally == nil || s.Tally == nil {
		return errorf("importance-sampled state: merge of a state without a tally")
	}
	if s.Tilt != nil {
		if err := s.compatible(o, "the state merged into"); err != nil {
			return errorf("importance-sampled state: %w", err)
		}
	}
	if err := s.Tally.Merge(o.Tally); err != nil {
		return err
	}
	if s.Tilt == nil {
		s.Method, s.Config, s.Tilt, s.Pilot = o.Method, o.Config, o.Tilt, o.Pilot
	}
	return nil
}

// compatible returns an error naming the first field (its JSON path in
// the state) in which o's method, parameters, tilt or pilot differ from
// s's, which ref names in the message.
func (s *ISState) compatible(o *ISState, ref string) error {
	path, got, want := s.diff(o)
	if path == "" {
		return nil
	}
	return fmt.Errorf("%s = %v, %s has %v: shards of one run share its method, the pilot's parameters and the tilt the pilot chose from the seed", path, got, ref, want)
}

// diff returns the JSON path of the first field of method, config, tilt
// and pilot in which o differs from s, with o's value and s's; "" when
// they agree. Numbers agree only when equal to the bit.
func (s *ISState) diff(o *ISState) (path string, got, want any) {
	d := differ{}
	d.str("method", o.Method, s.Method)
	switch {
	case (o.Config == nil) != (s.Config == nil):
		d.set("config", presence(o.Config != nil), presence(s.Config != nil))
	case o.Config != nil:
		a, b := o.Config, s.Config
		d.integer("config.pilot_trials", a.PilotTrials, b.PilotTrials)
		d.integer("config.pilot_iterations", int64(a.PilotIterations), int64(b.PilotIterations))
		d.num("config.window_threshold", a.WindowThreshold, b.WindowThreshold)
		d.integer("config.window_lead_h", int64(a.WindowLeadHours), int64(b.WindowLeadHours))
		d.num("config.defensive", a.Defensive, b.Defensive)
	}
	switch {
	case (o.Tilt == nil) != (s.Tilt == nil):
		d.set("tilt", presence(o.Tilt != nil), presence(s.Tilt != nil))
	case o.Tilt != nil:
		a, b := o.Tilt, s.Tilt
		d.nums("tilt.failure", a.Failure, b.Failure)
		d.nums("tilt.repair", a.Repair, b.Repair)
		d.integer("len(tilt.windows)", int64(len(a.Windows)), int64(len(b.Windows)))
		for k := range min(len(a.Windows), len(b.Windows)) {
			if a.Windows[k] != b.Windows[k] {
				d.set(fmt.Sprintf("tilt.windows[%d]", k), a.Windows[k], b.Windows[k])
			}
		}
		d.nums("tilt.shares", a.Shares, b.Shares)
		d.num("tilt.defensive", a.Defensive, b.Defensive)
	}
	switch {
	case (o.Pilot == nil) != (s.Pilot == nil):
		d.set("pilot", presence(o.Pilot != nil), presence(s.Pilot != nil))
	case o.Pilot != nil:
		a, b := o.Pilot, s.Pilot
		d.integer("pilot.seed", int64(a.Seed), int64(b.Seed))
		d.integer("pilot.trials_per_iteration", a.TrialsPerIteration, b.TrialsPerIteration)
		d.nums("pilot.levels", a.Levels, b.Levels)
		d.integer("len(pilot.hits)", int64(len(a.Hits)), int64(len(b.Hits)))
		for i := range min(len(a.Hits), len(b.Hits)) {
			d.integer(fmt.Sprintf("pilot.hits[%d]", i), a.Hits[i], b.Hits[i])
		}
	}
	return d.path, d.got, d.want
}

// presence describes whether an optional member is there.
func presence(there bool) string {
	if there {
		return "present"
	}
	return "absent"
}

// differ keeps the first difference it is shown.
type differ struct {
	path      string
	got, want any
}

func (d *differ) set(path string, got, want any) {
	if d.path == "" {
		d.path, d.got, d.want = path, got, want
	}
}

func (d *differ) str(path, got, want string) {
	if got != want {
		d.set(path, fmt.Sprintf("%q", got), fmt.Sprintf("%q", want))
	}
}

func (d *differ) integer(path string, got, want int64) {
	if got != want {
		d.set(path, got, want)
	}
}

// num compares to the bit: a tilt that differs in its last bit draws
// different trials.
func (d *differ) num(path string, got, want float64) {
	if math.Float64bits(got) != math.Float64bits(want) {
		d.set(path, got, want)
	}
}

func (d *differ) nums(path string, got, want []float64) {
	if len(got) != len(want) {
		d.set("len("+path+")", len(got), len(want))
		return
	}
	for i := range got {
		d.num(fmt.Sprintf("%s[%d]", path, i), got[i], want[i])
	}
}

// Check returns an error unless s is a state that done trials of an
// importance-sampled run of sys (a system [AdequacyIS] accepts) can
// produce, as far as it shows, for a run of seed seed: a known method
// with its parameters and pilot (and none for a given tilt), a tilt valid
// for sys, a pilot of that seed, and a tally of sys's hours passing
// [WeightedTally.Check]. Errors are [*input.FieldError]s with JSON paths
// ("tilt.failure[3]") or say what is missing. It guards against edited or
// damaged shard files.
func (s *ISState) Check(sys *System, seed uint64, done int64) error {
	if err := checkIS(sys); err != nil {
		return err
	}
	switch s.Method {
	case ISCrossEntropy:
		if s.Config == nil || s.Pilot == nil {
			return fmt.Errorf("a %s state needs its config and pilot", s.Method)
		}
		c := s.Config
		if err := c.validate(); err != nil {
			return input.In(err, "config")
		}
		if d := c.defaults(sys); *c != d {
			return fmt.Errorf("config %+v, want its defaults filled in: %+v", *c, d)
		}
		if err := s.Pilot.check(seed, c); err != nil {
			return input.In(err, "pilot")
		}
	case ISGiven:
		if s.Config != nil || s.Pilot != nil {
			return fmt.Errorf("a %s state has no config or pilot", s.Method)
		}
	default:
		return input.Field("method", s.Method, fmt.Sprintf("%s or %s", ISCrossEntropy, ISGiven))
	}
	if s.Tilt == nil || s.Tally == nil {
		return fmt.Errorf("a state needs its tilt and tally")
	}
	if err := s.Tilt.Validate(len(sys.Units), len(sys.Load)); err != nil {
		return input.In(err, "tilt")
	}
	if s.Tally.Hours != len(sys.Load) {
		return input.Field("tally.hours", s.Tally.Hours, fmt.Sprintf("%d, the hours of the load series", len(sys.Load)))
	}
	return input.In(s.Tally.Check(done), "tally")
}

// check returns an error unless p can be the pilot of a run of seed seed
// with the parameters c.
func (p *Pilot) check(seed uint64, c *ImportanceSampling) error {
	switch {
	case p.Seed != PilotSeed(seed, 0):
		return input.Field("seed", p.Seed, fmt.Sprintf("%d, PilotSeed of the run's seed %d", PilotSeed(seed, 0), seed))
	case p.TrialsPerIteration != c.PilotTrials:
		return input.Field("trials_per_iteration", p.TrialsPerIteration, fmt.Sprintf("%d, config.pilot_trials", c.PilotTrials))
	case len(p.Levels) != len(p.Hits) || len(p.Levels) > c.PilotIterations:
		return input.Field("levels", fmt.Sprintf("%d levels, %d hits", len(p.Levels), len(p.Hits)), fmt.Sprintf("as many levels as hits, at most %d (config.pilot_iterations)", c.PilotIterations))
	}
	for i, l := range p.Levels {
		if !(l >= 1) || math.IsInf(l, 0) {
			return input.Field(fmt.Sprintf("levels[%d]", i), l, "finite and >= 1")
		}
		if h := p.Hits[i]; h < 0 || h > p.TrialsPerIteration {
			return input.Field(fmt.Sprintf("hits[%d]", i), h, fmt.Sprintf("in [0, %d], the trials per iteration", p.TrialsPerIteration))
		}
	}
	return nil
}

// ISShard is one shard of an importance-sampled adequacy run in
// montecarlo's shard envelope: the system in full and its hash, the run's
// seed and trial count, the shard's range and its [ISState]. Shards merge
// ([MergeISShards]) without the input files.
type ISShard = montecarlo.Shard[*System, *ISState]

var isShardFormat = montecarlo.ShardFormat[*System, *ISState]{
	Kind:    ISShardKind,
	Version: carveout.Version,
	Check:   checkISShard,
}

// checkISShard checks a decoded shard's system (valid, hashing to the
// shard's hash) and its state ([ISState.Check]).
func checkISShard(s *ISShard) error {
	if s.State == nil {
		return fmt.Errorf("document and state are required")
	}
	if err := checkShardSystem(s.Document, s.Hash); err != nil {
		return err
	}
	return input.In(s.State.Check(s.Document, s.Seed, s.Done), "state")
}

// ISShard returns an importance-sampled result ([AdequacyIS]) as a shard
// file (the shard the run was, 0 of 1 when unsharded). It is nil for the
// other methods, whose shards [AdequacyResult.Shard] gives, and for a nil
// r.
func (r *AdequacyResult) ISShard() *ISShard {
	if r == nil || r.Method != MethodIS || r.weighted == nil || r.IS == nil || r.system == nil {
		return nil
	}
	res := &montecarlo.Result[*ISState]{
		Acc:  &ISState{Method: r.IS.Method, Config: r.isConfig, Tilt: r.IS.Tilt, Pilot: r.IS.Pilot, Tally: r.weighted},
		Seed: r.Seed, Trials: r.Trials, ShardIndex: r.ShardIndex, ShardCount: r.ShardCount,
		Start: r.Start, End: r.End, Done: r.Done,
	}
	return isShardFormat.New(r.SystemHash, r.system, res)
}

// DecodeISShard reads an importance-sampled adequacy shard strictly and
// checks its kind, version, range, system and state.
func DecodeISShard(r io.Reader) (*ISShard, error) {
	s, err := isShardFormat.Decode(r)
	if err != nil {
		return nil, fmt.Errorf("grid: adequacy is %w", err)
	}
	return s, nil
}

// MergeISShards checks that the shards come from one importance-sampled
// run of this library version — the same seed, trial count and system,
// the same method, pilot parameters, tilt and pilot, each refusal naming
// the shards and the field that differs — and cover it exactly once with
// every trial done, and merges their weighted tallies into the result
// the unsharded [AdequacyIS] run gives, bit for bit, in any order.
func MergeISShards(shards []*ISShard) (*AdequacyResult, error) {
	if len(shards) == 0 || shards[0] == nil || shards[0].Document == nil || shards[0].State == nil {
		return nil, fmt.Errorf("grid: adequacy is merge: no shards, or a shard without its system or state")
	}
	ref := shards[0]
	for _, s := range shards[1:] {
		if s == nil || s.State == nil {
			continue // the envelope's merge names it
		}
		// The run's identity first, as the envelope's merge orders it:
		// shards of another seed or system differ in their tilts too,
		// and the seed or system is what to name.
		switch {
		case s.Seed != ref.Seed:
			return nil, fmt.Errorf("grid: adequacy is merge: shard %d ran seed %d, shard %d seed %d: shards of one run share its seed", s.Index, s.Seed, ref.Index, ref.Seed)
		case s.Trials != ref.Trials:
			return nil, fmt.Errorf("grid: adequacy is merge: shard %d is of a run of %d trials, shard %d of %d: shards of one run share its trial count", s.Index, s.Trials, ref.Index, ref.Trials)
		case s.Hash != ref.Hash:
			return nil, fmt.Errorf("grid: adequacy is merge: shard %d ran system %.12s…, shard %d system %.12s… (system_hash): shards of one run share the system (units, load and lfu_sigma)", s.Index, s.Hash, ref.Index, ref.Hash)
		}
		if err := ref.State.compatible(s.State, fmt.Sprintf("shard %d", ref.Index)); err != nil {
			return nil, fmt.Errorf("grid: adequacy is merge: shard %d: %w", s.Index, err)
		}
	}
	m, err := isShardFormat.Merge(shards, NewISState(ref.Document.hours()))
	if err != nil {
		return nil, fmt.Errorf("grid: adequacy is %w", err)
	}
	st := m.State
	res := m.Result()
	r := newISResult(m.Document, m.Hash, &montecarlo.Result[*WeightedTally]{
		Acc: st.Tally, Seed: res.Seed, Trials: res.Trials, ShardIndex: res.ShardIndex, ShardCount: res.ShardCount,
		Start: res.Start, End: res.End, Done: res.Done, Partial: res.Partial,
	}, &ISReport{Method: st.Method, Tilt: st.Tilt, Pilot: st.Pilot})
	r.isConfig = st.Config
	return r, nil
}
