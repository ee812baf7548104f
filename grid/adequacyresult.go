package grid

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/carveout/carveout"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// Methods of an [AdequacyResult].
const (
	// MethodMC is chronological Monte Carlo simulation ([Adequacy]).
	MethodMC = "mc"
	// MethodCOPT is the exact capacity outage probability table
	// ([AdequacyCOPT]).
	MethodCOPT = "copt"
	// MethodIS is importance-sampled chronological Monte Carlo
	// ([AdequacyIS]).
	MethodIS = "mc-is"
)

// AdequacyResult is the outcome of an adequacy assessment, by Monte Carlo
// ([Adequacy], [MergeAdequacyShards]) or exactly ([AdequacyCOPT],
// [AdequacyExact]): what
// was assessed, the indices with their uncertainty, and for Monte Carlo
// the run and its exact state. Its JSON form is what `carveout adequacy`
// prints (see [AdequacyResult.MarshalJSON]).
type AdequacyResult struct {
	// Method is [MethodMC], [MethodCOPT] or, for a zonal system assessed
	// exactly, [MethodExact].
	Method string
	// Version is the library version ([carveout.Version]) that computed
	// the result.
	Version string
	// SystemHash is [System.Hash] of the system assessed.
	SystemHash string
	// LFUSigma is the system's load forecast uncertainty σ.
	LFUSigma float64
	// Hours is the length of the load series (the trial-year).
	Hours int
	// Indices are the estimates: from the Done trials for Monte Carlo;
	// exact (zero errors, NaN where the method gives none) for the COPT
	// and the exact zonal method.
	// For a zonal system they are the system's: an hour counts if any
	// zone is short, and the unserved energy is the least the network
	// allows (see [Network]).
	Indices Indices
	// Zones are the indices of each zone of a zonal system, in priority
	// order; empty without zones.
	Zones []ZoneIndices

	// Seed is the Monte Carlo run's seed.
	Seed uint64
	// Trials is the Monte Carlo run's trial count, over all shards.
	Trials int64
	// ShardIndex and ShardCount say which shard of the run this is (0 of
	// 1 when unsharded).
	ShardIndex, ShardCount int
	// Start and End delimit the shard's trial range [Start, End).
	Start, End int64
	// Done is the number of the shard's trials completed.
	Done int64
	// Partial marks a run stopped early by cancellation or error.
	Partial bool
	// Converged marks a run stopped because the precision target was met.
	Converged bool
	// MonthHour is [Tally.MonthHourProbability] (Monte Carlo).
	MonthHour [12][24]float64
	// Tally is the exact mergeable state (Monte Carlo).
	Tally *Tally

	// LOLEDailyPeakDays is the COPT's daily-peak LOLE ([COPT.LOLEDailyPeak]),
	// days/yr, exact; NaN under LFU and for Monte Carlo.
	LOLEDailyPeakDays montecarlo.Estimate
	// COPTStates and COPTStepMW are the size and capacity step of the
	// COPT (zero for Monte Carlo); with availability classes, the states of
	// the largest table and the finest step of any.
	COPTStates int
	// COPTStepMW is the COPT's capacity step, MW.
	COPTStepMW float64
	// COPTTables is the number of tables: 1, or with availability classes
	// one per distinct combination of class factors ([ClassCOPT]).
	COPTTables int
	// ExactStates is the number of states the exact zonal method
	// enumerates in an hour (the most of any hour; see
	// [ZonalExact.States]); zero for the other methods.
	ExactStates int
	// IS reports the variance reduction of an importance-sampled run
	// ([MethodIS]): the method, tilt, effective sample size and measured
	// factors; nil for the other methods.
	IS *ISReport

	system   *System             // the system assessed, for [AdequacyResult.Shard]
	weighted *WeightedTally      // the exact state of an importance-sampled run
	isConfig *ImportanceSampling // its pilot's parameters, defaults filled in; nil for a given tilt
}

// newMCResult is the result of a Monte Carlo run of sys.
func newMCResult(sys *System, hash string, res *montecarlo.Result[*Tally]) *AdequacyResult {
	return &AdequacyResult{
		Method: MethodMC, Version: carveout.Version, SystemHash: hash, LFUSigma: sys.LFUSigma,
		Hours: res.Acc.Hours, Indices: res.Acc.Indices(),
		Seed: res.Seed, Trials: res.Trials, ShardIndex: res.ShardIndex, ShardCount: res.ShardCount,
		Start: res.Start, End: res.End, Done: res.Done, Partial: res.Partial, Converged: res.Converged,
		MonthHour: res.Acc.MonthHourProbability(), Tally: res.Acc, Zones: res.Acc.ZoneIndices(),
		LOLEDailyPeakDays: notGiven, system: sys,
	}
}

// AdequacyCOPT computes the exact hourly indices of sys, a system without
// zones (for a zonal one see [AdequacyExact]), from its capacity
// outage probability table ([COPT.Indices]; [COPT.IndicesLFU] when the
// system has load forecast uncertainty), and without LFU the daily-peak
// LOLE. A system with availability classes is assessed with one table per
// combination of class factors ([NewClassCOPT]); with classes and load
// forecast uncertainty together there is no exact method here, and it is
// refused rather than assessed without one of them.
func AdequacyCOPT(sys *System) (*AdequacyResult, error) {
	if err := sys.Validate(); err != nil {
		return nil, err
	}
	if sys.Zoned() {
		return nil, errorf("copt: the system has %d zones, and the table is a copper plate's: use the exact zonal method (AdequacyExact)", len(sys.Zones))
	}
	if sys.hasClasses() {
		return classCOPTResult(sys)
	}
	hash, err := sys.Hash()
	if err != nil {
		return nil, err
	}
	t, err := NewCOPT(sys.Units)
	if err != nil {
		return nil, err
	}
	r := &AdequacyResult{
		Method: MethodCOPT, Version: carveout.Version, SystemHash: hash, LFUSigma: sys.LFUSigma,
		Hours: len(sys.Load), LOLEDailyPeakDays: notGiven, COPTStates: t.States(), COPTStepMW: t.StepMW(), COPTTables: 1,
	}
	if r.Indices, err = t.IndicesLFU(sys.Load, sys.LFUSigma); err != nil {
		return nil, err
	}
	if sys.LFUSigma == 0 {
		peak, err := t.LOLEDailyPeak(sys.Load)
		if err != nil {
			return nil, err
		}
		r.LOLEDailyPeakDays = exact(peak)
	}
	return r, nil
}

// classCOPTResult is [AdequacyCOPT] for a system with classes.
func classCOPTResult(sys *System) (*AdequacyResult, error) {
	if sys.LFUSigma != 0 {
		return nil, errorf("copt: lfu_sigma = %v with availability classes: no exact method for both; use Monte Carlo", sys.LFUSigma)
	}
	hash, err := sys.Hash()
	if err != nil {
		return nil, err
	}
	c, err := NewClassCOPT(sys.Units, sys.Classes, len(sys.Load))
	if err != nil {
		return nil, err
	}
	r := &AdequacyResult{
		Method: MethodCOPT, Version: carveout.Version, SystemHash: hash,
		Hours: len(sys.Load), COPTTables: c.Tables(), COPTStepMW: math.Inf(1),
	}
	for _, t := range c.tables {
		r.COPTStates = max(r.COPTStates, t.States())
		r.COPTStepMW = min(r.COPTStepMW, t.StepMW())
	}
	if r.Indices, err = c.Indices(sys.Load); err != nil {
		return nil, err
	}
	peak, err := c.LOLEDailyPeak(sys.Load)
	if err != nil {
		return nil, err
	}
	r.LOLEDailyPeakDays = exact(peak)
	return r, nil
}

// MarshalJSON writes the result as `carveout adequacy` prints it, one
// object with the members in this order: method; for Monte Carlo trials
// (those done) and seed; hours, version, system_hash, lfu_sigma (when >
// 0); partial and converged (when true); each index (lole_h, lole_days,
// lolf, lold_h, eue_mwh, neue_ppm, lolp, p_any_shortfall) as {"mean",
// "se", "lo", "hi"} — the exact methods leave out those they cannot give,
// Monte Carlo writes undefined values as null; for a zonal system zones,
// an object of each zone's indices by name, in priority order; for the
// COPT lole_daily_peak_days (without LFU), copt_states, copt_step_mw and,
// with more than one table, copt_tables; for the exact zonal method
// exact_states; for an importance-sampled run ([MethodIS])
// variance_reduction, its [ISReport]. The exact state is not part of it: a shard
// ([AdequacyResult.Shard]) carries it.
func (r *AdequacyResult) MarshalJSON() ([]byte, error) {
	if r == nil {
		return []byte("null"), nil
	}
	copt := r.Method == MethodCOPT
	exactly := copt || r.Method == MethodExact
	var o orderedObject
	o.add("method", r.Method)
	if !exactly {
		o.add("trials", r.Done)
		o.add("seed", r.Seed)
	}
	o.add("hours", r.Hours)
	o.add("version", r.Version)
	o.add("system_hash", r.SystemHash)
	if r.LFUSigma > 0 {
		o.add("lfu_sigma", r.LFUSigma)
	}
	if r.Partial {
		o.add("partial", true)
	}
	if r.Converged {
		o.add("converged", true)
	}
	o.addIndices(&r.Indices, exactly)
	if len(r.Zones) > 0 {
		var zs orderedObject
		for _, z := range r.Zones {
			var zo orderedObject
			zo.addIndices(&z.Indices, exactly)
			b, err := zo.bytes()
			if err != nil {
				return nil, err
			}
			zs.add(z.Name, json.RawMessage(b))
		}
		b, err := zs.bytes()
		if err != nil {
			return nil, err
		}
		o.add("zones", json.RawMessage(b))
	}
	if copt {
		if !math.IsNaN(r.LOLEDailyPeakDays.Mean) {
			o.add("lole_daily_peak_days", r.LOLEDailyPeakDays)
		}
		o.add("copt_states", r.COPTStates)
		o.add("copt_step_mw", r.COPTStepMW)
		if r.COPTTables > 1 {
			o.add("copt_tables", r.COPTTables)
		}
	}
	if r.Method == MethodExact {
		o.add("exact_states", r.ExactStates)
	}
	if r.IS != nil {
		o.add("variance_reduction", r.IS)
	}
	return o.bytes()
}

// addIndices adds the members of x, leaving out for an exact method
// (exact) those it does not give (NaN).
func (o *orderedObject) addIndices(x *Indices, exact bool) {
	for _, f := range []struct {
		name string
		e    montecarlo.Estimate
	}{
		{"lole_h", x.LOLEHours}, {"lole_days", x.LOLEDays}, {"lolf", x.LOLF}, {"lold_h", x.LOLDHours},
		{"eue_mwh", x.EUEMWh}, {"neue_ppm", x.NEUEPPM}, {"lolp", x.LOLP}, {"p_any_shortfall", x.PAnyShortfall},
	} {
		if !exact || !math.IsNaN(f.e.Mean) {
			o.add(f.name, f.e)
		}
	}
}

// orderedObject builds a JSON object with its members in the order added.
type orderedObject struct {
	b   bytes.Buffer
	err error
}

func (o *orderedObject) add(name string, v any) {
	if o.err != nil {
		return
	}
	j, err := json.Marshal(v)
	if err != nil {
		o.err = fmt.Errorf("grid: adequacy result: %s: %w", name, err)
		return
	}
	if o.b.Len() == 0 {
		o.b.WriteByte('{')
	} else {
		o.b.WriteByte(',')
	}
	k, _ := json.Marshal(name) // a string always encodes
	o.b.Write(k)
	o.b.WriteByte(':')
	o.b.Write(j)
}

func (o *orderedObject) bytes() ([]byte, error) {
	if o.err != nil {
		return nil, o.err
	}
	o.b.WriteByte('}')
	return o.b.Bytes(), nil
}

// Hash returns the SHA-256, in hex, of the system's JSON form (units,
// classes, load and LFU σ): adequacy results record it, and shards of
// different systems never merge.
func (s *System) Hash() (string, error) {
	if s == nil {
		return "", errorf("system hash: system is nil")
	}
	b, err := json.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("grid: system hash: %w", err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// AdequacyShardKind marks a JSON document as an adequacy shard.
const AdequacyShardKind = "carveout-adequacy-shard"

// AdequacyShard is one shard of a Monte Carlo adequacy run in montecarlo's
// shard envelope: the system in full and its hash, the run's seed and
// trial count, the shard's range and the exact [Tally] of its trials.
// Shards merge ([MergeAdequacyShards]) without the input files.
type AdequacyShard = montecarlo.Shard[*System, *Tally]

var adequacyShardFormat = montecarlo.ShardFormat[*System, *Tally]{
	Kind:    AdequacyShardKind,
	Version: carveout.Version,
	Check:   checkAdequacyShard,
}

// checkAdequacyShard checks a decoded shard's system (valid, hashing to
// the shard's hash) and its tally (the system's hours, Done trials).
func checkAdequacyShard(s *AdequacyShard) error {
	if s.State == nil {
		return fmt.Errorf("document and state are required")
	}
	if err := checkShardSystem(s.Document, s.Hash); err != nil {
		return err
	}
	if s.State.Hours != s.Document.hours() {
		return input.Field("state.hours", s.State.Hours, fmt.Sprintf("%d, the hours of the load series", s.Document.hours()))
	}
	if err := s.State.checkZones(s.Document.Zones); err != nil {
		return err
	}
	return input.In(s.State.Check(s.Done), "state")
}

// checkShardSystem checks a decoded shard's system document, of either
// kind of adequacy shard: present, valid and hashing to the shard's hash.
func checkShardSystem(doc *System, hash string) error {
	if doc == nil {
		return fmt.Errorf("document and state are required")
	}
	if err := doc.Validate(); err != nil {
		return err
	}
	if h, err := doc.Hash(); err != nil || h != hash {
		return fmt.Errorf("hash %s does not match its system document (%s)", hash, h)
	}
	return nil
}

// Shard returns a Monte Carlo result as a shard file (the shard the run
// was, 0 of 1 when unsharded). It is nil for a COPT result, which has no
// state, and for a nil r.
func (r *AdequacyResult) Shard() *AdequacyShard {
	if r == nil || r.Method != MethodMC || r.Tally == nil {
		return nil
	}
	res := &montecarlo.Result[*Tally]{
		Acc: r.Tally, Seed: r.Seed, Trials: r.Trials, ShardIndex: r.ShardIndex, ShardCount: r.ShardCount,
		Start: r.Start, End: r.End, Done: r.Done,
	}
	return adequacyShardFormat.New(r.SystemHash, r.system, res)
}

// DecodeAdequacyShard reads an adequacy shard strictly and checks its
// kind, version, range, system and state.
func DecodeAdequacyShard(r io.Reader) (*AdequacyShard, error) {
	s, err := adequacyShardFormat.Decode(r)
	if err != nil {
		return nil, fmt.Errorf("grid: adequacy %w", err)
	}
	return s, nil
}

// MergeAdequacyShards checks that the shards come from one run of this
// library version and cover it exactly once with every trial done, and
// merges them into the result the unsharded run gives, bit for bit.
func MergeAdequacyShards(shards []*AdequacyShard) (*AdequacyResult, error) {
	if len(shards) == 0 || shards[0] == nil || shards[0].Document == nil {
		return nil, fmt.Errorf("grid: adequacy merge: no shards, or a shard without its system")
	}
	m, err := adequacyShardFormat.Merge(shards, newSystemTally(shards[0].Document))
	if err != nil {
		return nil, fmt.Errorf("grid: adequacy %w", err)
	}
	return newMCResult(m.Document, m.Hash, m.Result()), nil
}
