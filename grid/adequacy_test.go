package grid

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/stattest"
	"github.com/carveout/carveout/montecarlo"
)

// rbtsTrials is the number of RBTS trial-years of TestAdequacyRBTS: enough
// that the standard error of each checked index is below 3% of it (at
// 40,000 trials the EUE's was 2.8%; 60,000 gives about 2.3%). It runs in
// well under a second.
const rbtsTrials = 60000

// TestAdequacyRBTS checks the Monte Carlo against the exact RBTS values:
// LOLE and EUE from the COPT (and the testsystems constants), LOLF and LOLD
// from the reference, each within 4 standard errors, with the SE below 3%
// of the value (checkAgainstExact), and that the month × hour tallies agree
// with the LOLE.
func TestAdequacyRBTS(t *testing.T) {
	rep := checkAgainstExact(t, rbtsRef, rbtsTrials, 2026)
	x := rep.Indices
	// The month × hour counts add up to the shortfall hours.
	var sum int64
	for m := range rep.Tally.MonthHour {
		for _, n := range rep.Tally.MonthHour[m] {
			sum += n
		}
	}
	if got := float64(sum) / rbtsTrials; math.Abs(got-x.LOLEHours.Mean) > 1e-12 {
		t.Errorf("month×hour counts give LOLE %v, want %v", got, x.LOLEHours.Mean)
	}
	// LOLP by cell, weighted by the cell's hours, is the LOLE again.
	p := rep.MonthHour
	var hours [12][24]float64
	for h := range rep.Hours {
		m, k := MonthHour(h)
		hours[m][k]++
	}
	lole := 0.0
	for m := range p {
		for k := range p[m] {
			lole += p[m][k] * hours[m][k]
		}
	}
	if math.Abs(lole-x.LOLEHours.Mean) > 1e-9 {
		t.Errorf("month×hour probabilities give LOLE %v, want %v", lole, x.LOLEHours.Mean)
	}
}

// adequacyJSON runs sys with opts and returns the result and its shard
// (its exact state) as JSON.
func adequacyJSON(t *testing.T, sys *System, opts ...montecarlo.Option) []byte {
	t.Helper()
	rep, err := Adequacy(context.Background(), sys, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return resultJSON(t, rep)
}

func resultJSON(t *testing.T, rep *AdequacyResult) []byte {
	t.Helper()
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	sh, err := json.Marshal(rep.Shard())
	if err != nil {
		t.Fatal(err)
	}
	return append(append(b, '\n'), sh...)
}

// TestAdequacyReproducible checks that the result and its state are
// byte-identical for 1, 2 and 8 workers, and that three shards, written as
// files and read back, merge into the unsharded result and state byte for
// byte.
func TestAdequacyReproducible(t *testing.T) {
	sys := rbts(t)
	const n = 3001 // not a multiple of the checkpoint or shard counts
	base := []montecarlo.Option{montecarlo.WithTrials(n), montecarlo.WithSeed(9)}
	one := adequacyJSON(t, sys, append(base, montecarlo.WithWorkers(1))...)
	for _, w := range []int{2, 8} {
		if got := adequacyJSON(t, sys, append(base, montecarlo.WithWorkers(w))...); !bytes.Equal(got, one) {
			t.Errorf("%d workers:\n%s\n1 worker:\n%s", w, got, one)
		}
	}
	var shards []*AdequacyShard
	for i := range 3 {
		rep, err := Adequacy(context.Background(), sys, append(base, montecarlo.WithShard(i, 3), montecarlo.WithWorkers(2))...)
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(rep.Shard())
		if err != nil {
			t.Fatal(err)
		}
		s, err := DecodeAdequacyShard(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("shard %d/3 refused: %v", i, err)
		}
		shards = append(shards, s)
	}
	merged, err := MergeAdequacyShards([]*AdequacyShard{shards[1], shards[2], shards[0]})
	if err != nil {
		t.Fatal(err)
	}
	if got := resultJSON(t, merged); !bytes.Equal(got, one) {
		t.Errorf("3 shards merged:\n%s\nunsharded:\n%s", got, one)
	}
	if merged.Tally.Trials() != n {
		t.Errorf("merged %d trials, want %d", merged.Tally.Trials(), n)
	}
	if err := merged.Tally.Merge(NewTally(24)); err == nil {
		t.Error("merging tallies of different hours succeeded")
	}
	// A shard whose state does not hold its trials is refused.
	b, _ := json.Marshal(shards[0])
	bad := bytes.Replace(b, []byte(`"any":{"n":1000,`), []byte(`"any":{"n":999,`), 1)
	if bytes.Equal(bad, b) {
		t.Fatal(`"any":{"n":1000, not found in the shard`)
	}
	if _, err := DecodeAdequacyShard(bytes.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "any") {
		t.Errorf("tampered count: err = %v", err)
	}
}

// TestAdequacyTargetRSE checks the precision target stops the run at a
// checkpoint once the EUE's relative standard error is met.
func TestAdequacyTargetRSE(t *testing.T) {
	rep, err := Adequacy(context.Background(), rbts(t), montecarlo.WithTrials(100000), montecarlo.WithTargetRSE(0.1, 0))
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Converged || rep.Done >= 100000 || rep.Done%1000 != 0 {
		t.Errorf("converged %v after %d trials", rep.Converged, rep.Done)
	}
	if r := rep.Tally.RelativeSE(); r > 0.1 {
		t.Errorf("stopped at relative SE %v, want <= 0.1", r)
	}
	if r := NewTally(24).RelativeSE(); !math.IsInf(r, 1) {
		t.Errorf("empty tally relative SE %v, want +Inf", r)
	}
}

// TestAdequacyCancel checks that a cancelled run returns its partial
// report with the context's error.
func TestAdequacyCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep, err := Adequacy(ctx, rbts(t), montecarlo.WithTrials(5000))
	if !errors.Is(err, context.Canceled) || rep == nil || !rep.Partial {
		t.Fatalf("got report %v, error %v; want a partial report and context.Canceled", rep, err)
	}
}

// TestIndicesJSON checks that undefined indices encode as null and that
// the JSON form reads back.
func TestIndicesJSON(t *testing.T) {
	tl := NewTally(48)
	tl.Add(&Outcome{LoadMWh: 100})
	b, err := json.Marshal(tl.Indices())
	if err != nil {
		t.Fatal(err)
	}
	// One trial without shortfall: no LOLD (0/0), no standard errors.
	want := `{"lole_h":{"mean":0,"se":null,"lo":null,"hi":null},`
	if !bytes.HasPrefix(b, []byte(want)) || !bytes.Contains(b, []byte(`"lold_h":{"mean":null,`)) {
		t.Errorf("got %s, want it to start %s and have a null lold_h", b, want)
	}
	var back Indices
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.LOLEHours.Mean != 0 || !math.IsNaN(back.LOLEHours.SE) || !math.IsNaN(back.LOLDHours.Mean) {
		t.Errorf("read back %+v", back)
	}
	b2, _ := json.Marshal(back)
	if !bytes.Equal(b, b2) {
		t.Errorf("round trip changed %s to %s", b, b2)
	}
}

// TestTrialAllocs checks that a trial-year allocates nothing once the
// worker's buffers have grown.
func TestTrialAllocs(t *testing.T) {
	for _, sys := range []*System{rbts(t), fleet300(t)} {
		sim, err := NewSimulator(sys.Units, len(sys.Load))
		if err != nil {
			t.Fatal(err)
		}
		lp, err := NewLoadProfile(sys.Load)
		if err != nil {
			t.Fatal(err)
		}
		acc := NewTally(len(sys.Load))
		var p Path
		var o Outcome
		i := int64(0)
		trial := func() {
			sim.Path(montecarlo.Trial{Seed: 1, Index: i % 50}, &p)
			if err := Score(&p, lp, &o); err != nil {
				t.Fatal(err)
			}
			acc.Add(&o)
			i++
		}
		for range 50 { // grow the buffers to the largest of these trials
			trial()
		}
		if a := testing.AllocsPerRun(100, trial); a != 0 {
			t.Errorf("%s: %v allocations per trial, want 0", sys.Name, a)
		}
	}
}

// TestAdequacyLFUMatchesExact checks Monte Carlo with load forecast
// uncertainty against the exact integral of the COPT result over the
// normal density, for RBTS at σ = 5% (exact 1.4408 h/yr, 13.83 MWh/yr).
func TestAdequacyLFUMatchesExact(t *testing.T) {
	sys := rbts(t)
	sys.LFUSigma = 0.05
	table, err := NewCOPT(sys.Units)
	if err != nil {
		t.Fatal(err)
	}
	x, err := table.IndicesLFU(sys.Load, sys.LFUSigma)
	if err != nil {
		t.Fatal(err)
	}
	lole, eue := x.LOLEHours.Mean, x.EUEMWh.Mean
	rep, err := Adequacy(context.Background(), sys, montecarlo.WithTrials(60000), montecarlo.WithSeed(11))
	if err != nil {
		t.Fatal(err)
	}
	// Within 4 SE, with the SE at most 5% of the estimate (checkEstimate).
	stattest.CheckEstimate(t, "LOLE with LFU 5%", rep.Indices.LOLEHours, lole, 0.05)
	stattest.CheckEstimate(t, "EUE with LFU 5%", rep.Indices.EUEMWh, eue, 0.05)
	sys.LFUSigma = 1.5
	if _, err := Adequacy(context.Background(), sys); err == nil || !strings.Contains(err.Error(), "lfu_sigma") {
		t.Errorf("lfu_sigma 1.5: err = %v", err)
	}
}

// TestDecodeAdequacyShardChecksItsState edits one part of an adequacy
// shard's state at a time, re-encoding it (so its checksum fits), and
// checks that DecodeAdequacyShard refuses it naming the part; an edit of
// the file's bytes that leaves a possible state is refused by the
// checksum.
func TestDecodeAdequacyShardChecksItsState(t *testing.T) {
	sys := rbts(t)
	sys.LFUSigma = 0.03
	rep, err := Adequacy(context.Background(), sys, montecarlo.WithTrials(400), montecarlo.WithSeed(3), montecarlo.WithShard(0, 2))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(rep.Shard())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeAdequacyShard(bytes.NewReader(b)); err != nil {
		t.Fatalf("untouched shard refused: %v", err)
	}
	for _, c := range []struct {
		path string
		edit func(a *Tally)
	}{
		{"state.any.k", func(a *Tally) { a.Any.K = a.Any.N + 1 }},
		{"state.lole_h.n", func(a *Tally) { a.LOLE.Count++ }},
		{"state.neue.sum_yy", func(a *Tally) { a.NEUE.SYY = montecarlo.ExactSum{}; a.NEUE.SYY.Add(-1) }},
		{"state.eue_mwh", func(a *Tally) { a.EUE.Sum.Add(-1e9) }},
		{"state.lolf", func(a *Tally) { a.Events.Sum.Add(math.Inf(1)) }},
		{"state.month_hour[6][20]", func(a *Tally) { a.MonthHour[6][20] = 1 << 62 }},
		{"state.month_hour[0][0]", func(a *Tally) { a.MonthHour[0][0] = -1 }},
		{"state.hours", func(a *Tally) { a.Hours = 24 }},
	} {
		var s AdequacyShard
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatal(err)
		}
		c.edit(s.State)
		bad, err := json.Marshal(&s)
		if err != nil {
			t.Fatal(err)
		}
		_, err = DecodeAdequacyShard(bytes.NewReader(bad))
		var fe *input.FieldError
		if !errors.As(err, &fe) || fe.Path != c.path {
			t.Errorf("%s edited: err = %v, want a field error at %s", c.path, err, c.path)
		}
	}
	// The system's σ, edited in the file, no longer hashes to the
	// shard's hash.
	sigma := regexp.MustCompile(`"lfu_sigma":[0-9.e-]+`)
	if !sigma.Match(b) {
		t.Fatal("no lfu_sigma in the shard")
	}
	if _, err := DecodeAdequacyShard(bytes.NewReader(sigma.ReplaceAll(b, []byte(`"lfu_sigma":0.2`)))); err == nil || !strings.Contains(err.Error(), "hash") {
		t.Errorf("lfu_sigma edited: err = %v, want a hash mismatch", err)
	}
	// k edited within [0, n]: only the checksum sees it.
	k := regexp.MustCompile(`"any":\{"n":200,"k":(\d+)\}`)
	loc := k.FindSubmatchIndex(b)
	if loc == nil {
		t.Fatal(`no "any" in the shard`)
	}
	bad := slices.Concat(b[:loc[2]], []byte("0"), b[loc[3]:])
	if bytes.Equal(bad, b) {
		t.Fatal("any.k is already 0")
	}
	if _, err := DecodeAdequacyShard(bytes.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("any.k edited: err = %v, want a checksum error", err)
	}
}
