package study

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/carveout/carveout/montecarlo"
)

// samplesScenario is RBTS with a carve-out that sheds and is curtailed:
// economic miners and AI under an interruptible policy with notice,
// compliance and a cap, and a sweep (whose cases pass no samples).
func samplesScenario(t testing.TB) *Scenario {
	sc := rbtsScenario(t, 25, Policy{Kind: Interruptible, NoticeHours: 2, Compliance: 0.9, MaxCurtailedHours: 40})
	sc.Carveout.MiningShare = 0.7
	sc.Carveout.Mining.Fleet.Economic = true
	sc.Sweep = Sweep{SizesMW: []float64{10, 40}}
	sc.Trials = 1500
	return sc
}

// runSamples runs sc with its samples written as CSV and returns the
// result and the file.
func runSamples(t testing.TB, sc *Scenario, opts ...montecarlo.Option) (*Result, []byte) {
	t.Helper()
	st, err := NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	c := NewSamplesCSV(&b, st)
	res, err := st.RunWithSamples(context.Background(), c, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	return res, b.Bytes()
}

// sampleTable is a samples file read back: its columns by name.
type sampleTable struct {
	cols map[string][]float64
	rows int
}

func readSamples(t testing.TB, b []byte) sampleTable {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	tab := sampleTable{cols: map[string][]float64{}, rows: len(recs) - 1}
	for j, name := range recs[0] {
		col := make([]float64, tab.rows)
		for i, r := range recs[1:] {
			if r[j] == "" {
				col[i] = math.NaN()
				continue
			}
			if col[i], err = strconv.ParseFloat(r[j], 64); err != nil {
				t.Fatalf("row %d, column %s: %v", i+1, name, err)
			}
		}
		tab.cols[name] = col
	}
	return tab
}

// mean accumulates a column as the report does.
func (s sampleTable) mean(t testing.TB, name string) montecarlo.Estimate {
	t.Helper()
	col, ok := s.cols[name]
	if !ok {
		t.Fatalf("no column %q", name)
	}
	var m montecarlo.Mean
	for _, x := range col {
		m.Add(x)
	}
	return m.Estimate()
}

// share is the proportion of rows where column name is > 0.
func (s sampleTable) share(name string) montecarlo.Estimate {
	var p montecarlo.Proportion
	for _, x := range s.cols[name] {
		p.Add(x > 0)
	}
	return p.Estimate()
}

// sameMean checks that an estimate from the samples has the report's
// mean and standard error to the bit: both come from exact sums of the
// same float64 values.
func sameMean(t *testing.T, what string, got, want montecarlo.Estimate) {
	t.Helper()
	if math.Float64bits(got.Mean) != math.Float64bits(want.Mean) || math.Float64bits(got.SE) != math.Float64bits(want.SE) {
		t.Errorf("%s: samples give %v ± %v, the report %v ± %v", what, got.Mean, got.SE, want.Mean, want.SE)
	}
}

// TestSamplesMatchReport checks that the means of a run's samples are
// its report's estimates, bit for bit, column by column, for a copper
// plate and a zonal study; that the samples do not change the report;
// and that the samples of the trials are in order, one per trial.
func TestSamplesMatchReport(t *testing.T) {
	zonal := zonedScenario(t, 20, Policy{Kind: Interruptible, NoticeHours: 1, Compliance: 0.95}, 0.7, corridor(25), "north")
	zonal.Carveout.MiningShare = 0.5
	zonal.Trials = 1200
	for _, sc := range []*Scenario{samplesScenario(t), zonal} {
		t.Run(sc.Name+fmt.Sprint(len(sc.Zones)), func(t *testing.T) {
			res, b := runSamples(t, sc)
			_, plain := runStudy(t, sc)
			if !bytes.Equal(reportJSON(t, res), reportJSON(t, plain)) {
				t.Fatal("the report of a run with samples differs from that of a run without")
			}
			r := res.Report()
			tab := readSamples(t, b)
			if tab.rows != int(sc.Trials) {
				t.Fatalf("%d rows, want %d", tab.rows, sc.Trials)
			}
			for i, x := range tab.cols["trial"] {
				if x != float64(i) {
					t.Fatalf("row %d is trial %v", i, x)
				}
			}
			if got := strings.Join(res.Study().SampleColumns(), ","); !strings.HasPrefix(string(b), got+"\n") {
				t.Errorf("header is not SampleColumns: %q", b[:bytes.IndexByte(b, '\n')])
			}
			for _, c := range []struct {
				col  string
				want montecarlo.Estimate
			}{
				{"baseline_unserved_mwh", r.Baseline.EUEMWh},
				{"baseline_shortfall_h", r.Baseline.LOLEHours},
				{"baseline_shortfall_days", r.Baseline.LOLEDays},
				{"baseline_events", r.Baseline.LOLF},
				{"with_unserved_mwh", r.Carveout.EUEMWh},
				{"with_shortfall_h", r.Carveout.LOLEHours},
				{"with_shortfall_days", r.Carveout.LOLEDays},
				{"with_events", r.Carveout.LOLF},
				{"delta_unserved_mwh", r.Risk.DeltaEUEMWh},
				{"delta_shortfall_h", r.Risk.DeltaLOLEHours},
				{"delta_events", r.Risk.DeltaLOLF},
				{"carveout_curtailed_mwh", r.Load.CurtailedMWh},
				{"carveout_curtailed_h", r.Load.CurtailedHours},
				{"carveout_shed_mwh", r.Load.ShedMWh},
				{"carveout_served_mwh", r.Load.ServedMWh},
				{"miner_mwh", r.Load.MinerMWh},
				{"miner_revenue_usd", r.Load.MinerRevenueUSD},
			} {
				sameMean(t, c.col, tab.mean(t, c.col), c.want)
			}
			sameMean(t, "P(causes shedding)", tab.share("delta_unserved_mwh"), r.Risk.PCausesShedding)
			sameMean(t, "P(any shortfall), baseline", tab.share("baseline_shortfall_h"), r.Baseline.PAnyShortfall)
			var neue montecarlo.Ratio
			for i, u := range tab.cols["with_unserved_mwh"] {
				neue.Add(u, tab.cols["load_mwh"][i])
			}
			sameMean(t, "NEUE with", neue.Estimate().Scale(1e6), r.Carveout.NEUEPPM)
			if r.Load.CurtailedMWh.Mean <= 0 || r.Risk.DeltaEUEMWh.Mean <= 0 {
				t.Errorf("curtailed %v, ΔEUE %v: the scenario should curtail and shed", r.Load.CurtailedMWh.Mean, r.Risk.DeltaEUEMWh.Mean)
			}
			for _, col := range []string{"btc_price_usd", "hashprice_usd_per_ph_day"} {
				for i, x := range tab.cols[col] {
					if !(x > 0) {
						t.Fatalf("row %d: %s = %v, want > 0", i, col, x)
					}
				}
			}
			for k, z := range r.Zones {
				p := "zone_" + z.Name + "_"
				sameMean(t, p+"baseline_unserved_mwh", tab.mean(t, p+"baseline_unserved_mwh"), z.Baseline.EUEMWh)
				sameMean(t, p+"with_unserved_mwh", tab.mean(t, p+"with_unserved_mwh"), z.Carveout.EUEMWh)
				sameMean(t, p+"baseline_shortfall_h", tab.mean(t, p+"baseline_shortfall_h"), z.Baseline.LOLEHours)
				sameMean(t, p+"with_shortfall_h", tab.mean(t, p+"with_shortfall_h"), z.Carveout.LOLEHours)
				var causes montecarlo.Proportion
				for i, u := range tab.cols[p+"with_unserved_mwh"] {
					causes.Add(u > tab.cols[p+"baseline_unserved_mwh"][i])
				}
				sameMean(t, p+"P(causes)", causes.Estimate(), z.PCausesShedding)
				if k == 0 && z.Carveout.EUEMWh.Mean <= 0 {
					t.Errorf("zone %s: no shedding with the carve-out; the test shows nothing", z.Name)
				}
			}
			if len(sc.Zones) > 0 && len(r.Zones) != len(sc.Zones) {
				t.Errorf("%d zones in the report, want %d", len(r.Zones), len(sc.Zones))
			}
		})
	}
}

// TestSamplesWorkersAndShards checks that the samples file is the same to
// the byte whatever the number of workers, and that the files of the
// shards of a run, the first whole and the others without their header
// line, make the unsharded run's file.
func TestSamplesWorkersAndShards(t *testing.T) {
	sc := zonedScenario(t, 20, Policy{Kind: Firm}, 0.7, corridor(25), "south")
	sc.Trials = 700
	_, ref := runSamples(t, sc, montecarlo.WithWorkers(1))
	for _, w := range []int{2, 5} {
		if _, b := runSamples(t, sc, montecarlo.WithWorkers(w), montecarlo.WithCheckEvery(97)); !bytes.Equal(b, ref) {
			t.Errorf("%d workers: the samples differ from 1 worker's", w)
		}
	}
	var cat []byte
	for i := range 3 {
		_, b := runSamples(t, sc, montecarlo.WithShard(i, 3), montecarlo.WithWorkers(3))
		if i > 0 {
			b = b[bytes.IndexByte(b, '\n')+1:]
		}
		cat = append(cat, b...)
	}
	if !bytes.Equal(cat, ref) {
		t.Error("the shards' samples, concatenated, differ from the unsharded run's")
	}
}

// sampleLines is a SampleWriter that keeps each sample's trial, and can
// fail or cancel a run at a given trial.
type sampleLines struct {
	trials []int64
	failAt int64
	onAt   int64
	on     func()
}

func (s *sampleLines) WriteSample(x *Sample) error {
	if x.Trial == s.onAt && s.on != nil {
		s.on()
	}
	if x.Trial == s.failAt {
		return errors.New("disk full")
	}
	s.trials = append(s.trials, x.Trial)
	return nil
}

// TestSamplesStopped checks runs that stop: a cancelled run returns
// promptly with the context's error and samples of a prefix of its
// trials; a writer's error stops the run and is returned.
func TestSamplesStopped(t *testing.T) {
	sc := samplesScenario(t)
	sc.Trials = 200000
	st, err := NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := &sampleLines{failAt: -1, onAt: 700, on: cancel}
	began := time.Now()
	res, err := st.RunWithSamples(ctx, w, montecarlo.WithWorkers(3), montecarlo.WithCheckEvery(500))
	if !errors.Is(err, context.Canceled) || res == nil || !res.Partial {
		t.Fatalf("cancelled run: err %v, result %v; want context.Canceled and a partial result", err, res)
	}
	if d := time.Since(began); d > 60*time.Second {
		t.Errorf("the cancelled run took %v", d)
	}
	for i, x := range w.trials {
		if x != int64(i) {
			t.Fatalf("sample %d is trial %d: not a prefix", i, x)
		}
	}
	if len(w.trials) < 700 || int64(len(w.trials)) > res.Done+int64(sampleCapacity(3)) {
		t.Errorf("%d samples of a run cancelled at trial 700 with %d done", len(w.trials), res.Done)
	}

	sc.Trials = 3000
	st, err = NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	w = &sampleLines{failAt: 1234, onAt: -1}
	res, err = st.RunWithSamples(context.Background(), w, montecarlo.WithWorkers(3))
	if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), "trial 1234") {
		t.Fatalf("failing writer: err %v, want its error naming trial 1234", err)
	}
	if res == nil || !res.Partial || len(w.trials) != 1234 {
		t.Errorf("failing writer: result %v, %d samples; want a partial result and 1234 samples", res, len(w.trials))
	}
}

// TestSamplesResume checks that a run resumed from a checkpoint passes
// the samples of the trials after it, which follow those the interrupted
// run passed up to the checkpoint to make the uninterrupted run's.
func TestSamplesResume(t *testing.T) {
	sc := samplesScenario(t)
	sc.Trials = 1200
	st, err := NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	full := &sampleLines{failAt: -1, onAt: -1}
	if _, err := st.RunWithSamples(context.Background(), full); err != nil {
		t.Fatal(err)
	}
	var cp *Shard
	first := &sampleLines{failAt: -1, onAt: -1}
	var kept []int64
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err = st.RunWithSamples(ctx, first, montecarlo.WithCheckEvery(400), st.Checkpoints(func(s *Shard) error {
		if s.Done == 400 {
			cp, kept = s, slices.Clone(first.trials)
			cancel()
		}
		return nil
	}))
	if !errors.Is(err, context.Canceled) || cp == nil {
		t.Fatalf("interrupted run: %v, checkpoint %v", err, cp)
	}
	if len(kept) != 400 {
		t.Fatalf("%d samples at the checkpoint of 400 trials", len(kept))
	}
	rest := &sampleLines{failAt: -1, onAt: -1}
	if _, err := st.RunWithSamples(context.Background(), rest, montecarlo.WithCheckEvery(400), montecarlo.WithResume(cp.Checkpoint())); err != nil {
		t.Fatal(err)
	}
	if got := append(kept, rest.trials...); !slices.Equal(got, full.trials) {
		t.Errorf("samples before the checkpoint and after the resume: %d, want the %d of a whole run", len(got), len(full.trials))
	}
}

// TestSamplesAllocFree checks that passing a trial's sample on, as a
// line of CSV, does not allocate.
func TestSamplesAllocFree(t *testing.T) {
	sc := zonedScenario(t, 20, Policy{Kind: Firm}, 0.7, corridor(25), "north")
	st, w := studyWorker(t, sc)
	acc := st.newState()
	if err := w.trial(montecarlo.Trial{Seed: 3, Index: 0}, acc); err != nil {
		t.Fatal(err)
	}
	smp, err := st.newSamples(NewSamplesCSV(io.Discard, st))
	if err != nil {
		t.Fatal(err)
	}
	if err := smp.begin(0, 1<<40, 1); err != nil {
		t.Fatal(err)
	}
	i := int64(0)
	a := testing.AllocsPerRun(1000, func() {
		tr := montecarlo.Trial{Seed: 3, Index: i}
		x, err := smp.reserve(tr, &w.out)
		if err != nil || x == nil {
			t.Fatal(err)
		}
		smp.ord.Commit(i)
		i++
	})
	if a != 0 {
		t.Errorf("%v allocations per sample, want 0", a)
	}
	if err := smp.ord.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestSamplesConverged checks that a run stopped by its precision target
// passes a sample for each trial it did, and only those.
func TestSamplesConverged(t *testing.T) {
	sc := samplesScenario(t)
	sc.Trials = 20000
	st, err := NewStudy(sc)
	if err != nil {
		t.Fatal(err)
	}
	w := &sampleLines{failAt: -1, onAt: -1}
	res, err := st.RunWithSamples(context.Background(), w, montecarlo.WithTargetRSE(0.2, 200), montecarlo.WithCheckEvery(100), montecarlo.WithWorkers(3))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Converged || res.Done >= sc.Trials {
		t.Fatalf("converged %v after %d trials; the target should stop the run early", res.Converged, res.Done)
	}
	if int64(len(w.trials)) != res.Done || w.trials[len(w.trials)-1] != res.Done-1 {
		t.Errorf("%d samples of a run that did %d trials", len(w.trials), res.Done)
	}
}
