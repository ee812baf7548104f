package study

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/internal/gridtest"
	"github.com/carveout/carveout/montecarlo"
)

// rbtsScenario is RBTS with a carve-out of mw MW of always-running miners
// (no AI), so its results can be reasoned about exactly.
func rbtsScenario(t testing.TB, mw float64, p Policy) *Scenario {
	t.Helper()
	sc := FromSystem(gridtest.RBTS(t))
	sc.Name = "rbts-test"
	sc.Trials, sc.Seed = 2000, 7
	sc.Carveout.MW, sc.Carveout.MiningShare, sc.Carveout.Policy = mw, 1, p
	return sc
}

func runStudy(t testing.TB, sc *Scenario, opts ...montecarlo.Option) (*Study, *Result) {
	t.Helper()
	st, err := NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.Run(context.Background(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return st, res
}

// studyWorker compiles sc and returns the study with one worker of it.
func studyWorker(t testing.TB, sc *Scenario) (*Study, *worker) {
	t.Helper()
	st, err := NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	w, err := st.newWorker()
	if err != nil {
		t.Fatal(err)
	}
	return st, w
}

func reportJSON(t testing.TB, res *Result) []byte {
	t.Helper()
	b, err := json.Marshal(res.Report())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStudyInterruptibleNoFrictionCausesNothing(t *testing.T) {
	sc := rbtsScenario(t, 20, Policy{Kind: Interruptible})
	_, res := runStudy(t, sc)
	m := &res.Acc.Main
	if m.Causes.K != 0 || m.DeltaEUE.Sum.Float64() != 0 || m.DeltaLOLE.Sum.Float64() != 0 {
		t.Fatalf("zero-notice, full-compliance, uncapped interruptible carve-out caused shedding: k=%d ΔEUE=%v",
			m.Causes.K, m.DeltaEUE.Sum.Float64())
	}
	if m.CurtailedMWh.Sum.Float64() <= 0 {
		t.Fatal("no curtailment at all: the test system never ran short")
	}
}

func TestStudyFirmAtLeastInterruptibleAndMonotone(t *testing.T) {
	sizes := []float64{0, 5, 10, 20, 40}
	sc := rbtsScenario(t, 10, Policy{Kind: Firm})
	sc.Sweep = Sweep{SizesMW: sizes, Policies: []Policy{
		{Kind: Firm},
		{Kind: Interruptible, NoticeHours: 4, Compliance: 0.8, MaxCurtailedHours: 10},
	}}
	st, w := studyWorker(t, sc)
	n := len(sizes)
	for i := int64(0); i < 300; i++ {
		acc := st.newState()
		if err := w.trial(montecarlo.Trial{Seed: 3, Index: i}, acc); err != nil {
			t.Fatal(err)
		}
		for k := 0; k < n; k++ {
			firm, intr := &acc.Sweep[k], &acc.Sweep[n+k]
			if f, in := firm.DeltaEUE.Sum.Float64(), intr.DeltaEUE.Sum.Float64(); f < in {
				t.Fatalf("trial %d, %v MW: firm ΔEUE %v < interruptible %v", i, sizes[k], f, in)
			}
			if k == 0 {
				if firm.Causes.K != 0 || intr.Causes.K != 0 {
					t.Fatalf("trial %d: a 0 MW carve-out caused shedding", i)
				}
				continue
			}
			for _, off := range []int{0, n} {
				a, b := &acc.Sweep[off+k-1], &acc.Sweep[off+k]
				if b.DeltaEUE.Sum.Float64() < a.DeltaEUE.Sum.Float64() || b.DeltaLOLE.Sum.Float64() < a.DeltaLOLE.Sum.Float64() || b.Causes.K < a.Causes.K {
					t.Fatalf("trial %d: risk decreased from %v to %v MW (policy %d)", i, sizes[k-1], sizes[k], off/n)
				}
			}
		}
	}
}

func TestStudyReproducible(t *testing.T) {
	sc := rbtsScenario(t, 15, Policy{Kind: Interruptible, NoticeHours: 2, Compliance: 0.9})
	sc.Carveout.Mining.Fleet.Economic = true
	sc.Trials = 600
	checkReproducible(t, sc)
}

// checkReproducible runs sc on one worker and returns the study and the
// result, after checking that three workers give the same report to the
// byte, and so do three shards, each state through JSON (as shard files
// are) passing the decoded-state checks, merged.
func checkReproducible(t *testing.T, sc *Scenario) (*Study, *Result) {
	t.Helper()
	st, r1 := runStudy(t, sc, montecarlo.WithWorkers(1))
	ref := reportJSON(t, r1)
	_, r2 := runStudy(t, sc, montecarlo.WithWorkers(3), montecarlo.WithCheckEvery(64))
	if got := reportJSON(t, r2); !bytes.Equal(got, ref) {
		t.Fatal("worker count changed the report")
	}
	total := st.newState()
	for i := range 3 {
		_, r := runStudy(t, sc, montecarlo.WithShard(i, 3))
		b, _ := json.Marshal(r.Acc)
		var a State
		if err := json.Unmarshal(b, &a); err != nil {
			t.Fatal(err)
		}
		if err := a.check(st, r.Start, r.Done); err != nil {
			t.Fatalf("shard %d: %v", i, err)
		}
		if err := total.Merge(&a); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := json.Marshal((&Result{Result: montecarlo.Result[*State]{Acc: total, Seed: sc.Seed, Trials: sc.Trials}, study: st}).Report()); !bytes.Equal(got, ref) {
		t.Fatal("three shards merged differ from one run")
	}
	return st, r1
}

func TestStudyBaselineIgnoresMining(t *testing.T) {
	sc := rbtsScenario(t, 15, Policy{Kind: Firm})
	sc.Trials = 300
	sc.Carveout.Mining.Fleet.Economic = true
	_, a := runStudy(t, sc)
	sc.Carveout.Mining.Price.Volatility = 0.9
	sc.Carveout.Mining.Fleet.JPerTH = 30
	_, b := runStudy(t, sc)
	ja, _ := json.Marshal(a.Acc.Baseline)
	jb, _ := json.Marshal(b.Acc.Baseline)
	if !bytes.Equal(ja, jb) {
		t.Fatal("changing mining parameters changed the baseline")
	}
}

func TestShardFilesMerge(t *testing.T) {
	sc := rbtsScenario(t, 15, Policy{Kind: Firm})
	sc.Trials = 500
	_, res := runStudy(t, sc)
	ref := reportJSON(t, res)
	var shards []*Shard
	for i := 2; i >= 0; i-- {
		_, r := runStudy(t, sc, montecarlo.WithShard(i, 3))
		b, err := json.Marshal(r.Shard())
		if err != nil {
			t.Fatal(err)
		}
		s, err := DecodeShard(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		shards = append(shards, s)
	}
	merged, err := MergeShards(shards)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(merged.Report())
	if !bytes.Equal(got, ref) {
		t.Fatal("merged shard files differ from the unsharded report")
	}
	// Refusals, each naming the problem.
	bad := []struct {
		name   string
		shards []*Shard
		want   string
	}{
		{"missing", shards[:2], "missing"},
		{"twice", append(shards[:3:3], shards[0]), "twice"},
	}
	other := *shards[1]
	other.Seed = 99
	bad = append(bad, struct {
		name   string
		shards []*Shard
		want   string
	}{"seed", []*Shard{shards[0], &other, shards[2]}, "seed"})
	part := *shards[2]
	part.Done--
	bad = append(bad, struct {
		name   string
		shards []*Shard
		want   string
	}{"incomplete", []*Shard{shards[0], shards[1], &part}, "incomplete"})
	for _, c := range bad {
		if _, err := MergeShards(c.shards); err == nil || !bytes.Contains([]byte(err.Error()), []byte(c.want)) {
			t.Errorf("%s: err = %v, want one mentioning %q", c.name, err, c.want)
		}
	}
}

// TestRiskyHoursComplete checks that settling only the risky hours gives
// bit-identical results to settling every hour: no hour where a case
// could shed or curtail is left out.
func TestRiskyHoursComplete(t *testing.T) {
	sc := rbtsScenario(t, 30, Policy{Kind: Interruptible, NoticeHours: 3, Compliance: 0.8, MaxCurtailedHours: 40})
	sc.Carveout.MiningShare = 0.6
	sc.Carveout.Mining.Fleet.Economic = true
	sc.Demand.Weather = demand.Weather{Sigma: 0.03, Phi: 0.9}
	sc.Sweep = Sweep{SizesMW: []float64{0, 10, 25, 50}, Policies: []Policy{{Kind: Firm}, {Kind: Interruptible, NoticeHours: 1}}}
	sc.Trials = 300
	st, err := NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	run := func() []byte {
		res, err := st.Run(context.Background(), montecarlo.WithWorkers(1))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(res.Acc)
		return b
	}
	fast := run()
	st.kmax = math.Inf(1) // every hour is risky
	if all := run(); !bytes.Equal(fast, all) {
		t.Fatal("settling only the risky hours changed the result")
	}
}

func TestMonthOfHour(t *testing.T) {
	for _, c := range []struct{ h, want int }{
		{0, 0}, {31*24 - 1, 0}, {31 * 24, 1}, {8759, 11}, {8760, 0}, {-1, 11}, {-48, 11}, {-8760, 0}, {-8761, 11},
	} {
		if got := grid.MonthOfHour(c.h); got != c.want {
			t.Errorf("MonthOfHour(%d) = %d, want %d", c.h, got, c.want)
		}
	}
}

// TestStudyTargetNeedsEvidence checks that a precision target is not met
// by a run that has seen no incremental shedding at all.
func TestStudyTargetNeedsEvidence(t *testing.T) {
	sc := rbtsScenario(t, 0, Policy{})
	sc.Trials = 3000
	st, err := NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.Run(context.Background(), montecarlo.WithTargetRSE(0.5, 1000))
	if err != nil {
		t.Fatal(err)
	}
	if res.Converged || res.Done != 3000 {
		t.Fatalf("a 0 MW carve-out 'converged' after %d trials", res.Done)
	}
}

// TestDecodeShardRejectsTampering checks that edited shard files are
// refused rather than merged into a wrong report.
func TestDecodeShardRejectsTampering(t *testing.T) {
	sc := rbtsScenario(t, 15, Policy{Kind: Firm})
	sc.Trials = 200
	_, res := runStudy(t, sc, montecarlo.WithShard(1, 2))
	b, err := json.Marshal(res.Shard())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeShard(bytes.NewReader(b)); err != nil {
		t.Fatalf("untouched shard refused: %v", err)
	}
	for _, c := range []struct{ from, to, want string }{
		{`"causes":{"n":100,"k":`, `"causes":{"n":100,"k":-100,"x":`, "unknown field"},
		{`"start":100`, `"start":99`, "range"},
		{`"any":{"n":100,`, `"any":{"n":90,`, "baseline.any"},
	} {
		bad := bytes.Replace(b, []byte(c.from), []byte(c.to), 1)
		if bytes.Equal(bad, b) {
			t.Fatalf("pattern %s not found in the shard", c.from)
		}
		if _, err := DecodeShard(bytes.NewReader(bad)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s → %s: err = %v, want one mentioning %q", c.from, c.to, err, c.want)
		}
	}
	neg := bytes.Replace(b, []byte(`"main":{"others":`), []byte(`"main":{"others":`), 1)
	var s Shard
	if err := json.Unmarshal(neg, &s); err != nil {
		t.Fatal(err)
	}
	s.State.Main.Causes.K = -5
	nb, _ := json.Marshal(&s)
	if _, err := DecodeShard(bytes.NewReader(nb)); err == nil || !strings.Contains(err.Error(), "main.causes") {
		t.Errorf("negative k: err = %v", err)
	}
}

func TestProgressLine(t *testing.T) {
	sc := rbtsScenario(t, 10, Policy{})
	st, err := NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := st.Run(context.Background(), montecarlo.WithCheckEvery(500),
		montecarlo.WithProgress(ProgressLine(&b))); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); !strings.Contains(out, "2000/2000 trial-years") || !strings.Contains(out, "P(carve-out causes shedding)") {
		t.Fatalf("progress output %q lacks the final count or the estimate", out)
	}
}

// TestStudyTrialAllocFree checks that a worker's trial-year does not
// allocate once its buffers have grown: economic miners (a mining path
// each trial), a sweep with an interruptible policy with notice, classes
// with monthly factors and an hourly profile, heat waves, partial outages.
func TestStudyTrialAllocFree(t *testing.T) {
	sc := rbtsScenario(t, 20, Policy{Kind: Interruptible, NoticeHours: 2, Compliance: 0.9, MaxCurtailedHours: 30})
	sc.Carveout.MiningShare = 0.6
	sc.Carveout.Mining.Fleet.Economic = true
	sc.Sweep = Sweep{SizesMW: []float64{10, 30}, Policies: []Policy{{Kind: Firm}, {Kind: Interruptible, NoticeHours: 1}}}
	profile := make([][]float64, 12)
	for m := range profile {
		profile[m] = make([]float64, 24)
		for h := range profile[m] {
			profile[m][h] = float64(1+(m+h)%7) / 8
		}
	}
	sc.Classes = []grid.Class{
		{Name: "hydro", Monthly: []float64{0.6, 0.6, 0.7, 0.8, 0.9, 1, 1, 1, 0.9, 0.8, 0.7, 0.6}},
		{Name: "thermal", HeatDerate: true},
		{Name: "wind", Profile: profile, HeatDerate: true},
	}
	for i := range sc.Fleet {
		sc.Fleet[i].Class = []string{"hydro", "thermal", "wind", ""}[i%4]
		if u := &sc.Fleet[i].Unit; i%3 == 0 {
			u.DeratedMW, u.PartialMTTFHours, u.PartialMTTRHours = u.CapacityMW/2, 300, 40
		}
	}
	sc.Demand.HeatWave = demand.HeatWave{RatePerMonth: []float64{1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1}, MeanDays: 6, LoadRise: 0.05, ThermalDerate: 0.1}
	st, w := studyWorker(t, sc)
	acc := st.newState()
	i := int64(0)
	trial := func() {
		if err := w.trial(montecarlo.Trial{Seed: 2, Index: i % 50}, acc); err != nil {
			t.Fatal(err)
		}
		i++
	}
	for range 50 { // grow the buffers to the largest of these trials
		trial()
	}
	if a := testing.AllocsPerRun(100, trial); a != 0 {
		t.Errorf("%v allocations per trial-year, want 0", a)
	}
}
