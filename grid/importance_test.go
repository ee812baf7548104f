package grid

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/carveout/carveout/internal/stattest"
	"github.com/carveout/carveout/montecarlo"
)

// rtsRareScale scales the RTS-79 load so that its exact LOLE is rare:
// 0.0077 h/yr (EUE 0.53 MWh/yr, from the COPT), against 9.39 h/yr at the
// published peak.
const rtsRareScale = 0.72

// rtsRare returns RTS-79 with its load scaled by rtsRareScale.
func rtsRare(tb testing.TB) *System {
	tb.Helper()
	s := rtsRef.system(tb)
	for h := range s.Load {
		s.Load[h] *= rtsRareScale
	}
	s.Name = "RTS-79 rare"
	return s
}

// rtsRareTilt is the tilt the pilot chooses for rtsRare with seed 1,
// computed once per test binary.
func rtsRareTilt(tb testing.TB) *Tilt {
	tb.Helper()
	if cachedTilt == nil {
		tilt, _, err := ChooseTilt(context.Background(), rtsRare(tb), ImportanceSampling{}, 1, 0)
		if err != nil {
			tb.Fatal(err)
		}
		cachedTilt = tilt
	}
	return cachedTilt
}

var cachedTilt *Tilt

// TestAdequacyISUnbiased checks importance-sampled estimates against the
// exact values within 4 SE: RTS-79 at a rare-event load (LOLE, EUE, LOLP,
// NEUE from the COPT) and RBTS and RTS-79 at their own loads (also LOLF
// and LOLD from the references). The mean weight must be 1 within 4 SE.
func TestAdequacyISUnbiased(t *testing.T) {
	if raceEnabled {
		t.Skip("a statistical check, no concurrency: the plain test phase runs it")
	}
	ctx := context.Background()
	for _, c := range []struct {
		sys        *System
		trials     int64
		lolf, lold float64 // 0: no reference
		maxRSE     float64
	}{
		{rtsRare(t), 100000, 0, 0, 0.25},
		{rbts(t), 20000, rbtsRef.lolf, rbtsRef.lold, 0.05},
		{rtsRef.system(t), 10000, rtsRef.lolf, rtsRef.lold, 0.05},
	} {
		r, err := AdequacyIS(ctx, c.sys, ImportanceSampling{}, montecarlo.WithTrials(c.trials), montecarlo.WithSeed(7))
		if err != nil {
			t.Fatal(err)
		}
		_, exact := exactIndices(t, c.sys)
		x := r.Indices
		checks := []struct {
			name  string
			e     montecarlo.Estimate
			exact float64
		}{
			{"LOLE", x.LOLEHours, exact.LOLEHours}, {"EUE", x.EUEMWh, exact.EUEMWh},
			{"LOLP", x.LOLP, exact.LOLP}, {"NEUE", x.NEUEPPM, exact.NEUEPPM},
		}
		if c.lolf != 0 {
			checks = append(checks, struct {
				name  string
				e     montecarlo.Estimate
				exact float64
			}{"LOLF", x.LOLF, c.lolf}, struct {
				name  string
				e     montecarlo.Estimate
				exact float64
			}{"LOLD", x.LOLDHours, c.lold})
		}
		for _, k := range checks {
			stattest.CheckEstimate(t, c.sys.Name+" "+k.name, k.e, k.exact, c.maxRSE)
		}
		if z := (r.IS.MeanWeight.Mean - 1) / r.IS.MeanWeight.SE; math.Abs(z) > 4 {
			t.Errorf("%s: mean weight %v, %.1f SE from 1", c.sys.Name, r.IS.MeanWeight, z)
		}
		if r.IS.ESS <= 0 || r.IS.ESS > float64(c.trials) {
			t.Errorf("%s: ESS %v outside (0, %d]", c.sys.Name, r.IS.ESS, c.trials)
		}
		t.Logf("%s: ESS %.0f of %d, factors %+v", c.sys.Name, r.IS.ESS, c.trials, r.IS.Reductions)
	}
}

// TestAdequacyISCalibration checks that the reported standard errors are
// honest on a rare-event system: RTS-79 with its load scaled by 0.76
// (exact LOLE 0.030 h/yr) run with its pilot's tilt over 100 seeds of
// 40,000 trials. The spread of the LOLE and EUE estimates over their
// mean reported SE must lie in [0.8, 1.25] and the 95% intervals of the
// LOLE must cover the exact value in 92–98% of the runs; those of the
// EUE in 88–98%. (The EUE of a short year varies over orders of
// magnitude, so its estimates are skewed and a normal interval
// under-covers at this size, for crude Monte Carlo too; measured: spread
// over SE 1.016, coverage 91%. At 10,000 trials a run the weighted SEs
// were too small, spread over SE 1.15 for the LOLE and 1.34 for the EUE:
// heavy-tailed weights need tens of thousands of trials before their
// sample variance settles.) It takes about a minute on two cores; with
// -short, TestAdequacyISCalibrationShort checks the same on RBTS.
func TestAdequacyISCalibration(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("100 runs of 40,000 trials: about a minute on two cores (the plain test phase runs it)")
	}
	sys := rtsRef.system(t)
	for h := range sys.Load {
		sys.Load[h] *= 0.76
	}
	checkCalibration(t, sys, 100, 40000, 0.88)
}

// TestAdequacyISCalibrationShort is TestAdequacyISCalibration on RBTS
// (LOLE 1.09 h/yr), 100 seeds of 8,000 trials: a few seconds.
func TestAdequacyISCalibrationShort(t *testing.T) {
	if raceEnabled {
		t.Skip("a statistical check, no concurrency: the plain test phase runs it")
	}
	checkCalibration(t, rbts(t), 100, 8000, 0.92)
}

// checkCalibration runs sys with the tilt its pilot chooses (seed 1) over
// seeds seeds of trials trials each and checks the spread of the LOLE and
// EUE estimates over their mean reported SE ([0.8, 1.25]) and the
// coverage of their 95% intervals (92–98% for the LOLE, eueCover–98%
// for the EUE).
func checkCalibration(t *testing.T, sys *System, seeds int, trials int64, eueCover float64) {
	t.Helper()
	tilt, _, err := ChooseTilt(context.Background(), sys, ImportanceSampling{}, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, exact := exactIndices(t, sys)
	e, err := ImportanceExperiment(sys, tilt)
	if err != nil {
		t.Fatal(err)
	}
	var means [2][]float64
	var ses [2]float64
	var cover [2]int
	for s := range seeds {
		res, err := montecarlo.Run(context.Background(), e, montecarlo.WithTrials(trials), montecarlo.WithSeed(uint64(1000+s)))
		if err != nil {
			t.Fatal(err)
		}
		x := res.Acc.Indices()
		for i, p := range []struct {
			e     montecarlo.Estimate
			exact float64
		}{{x.LOLEHours, exact.LOLEHours}, {x.EUEMWh, exact.EUEMWh}} {
			means[i] = append(means[i], p.e.Mean)
			ses[i] += p.e.SE / float64(seeds)
			if p.e.Contains(p.exact) {
				cover[i]++
			}
		}
	}
	for i, name := range []string{"LOLE", "EUE"} {
		m, sd := meanSD(means[i])
		ratio := sd / ses[i]
		cov := float64(cover[i]) / float64(seeds)
		t.Logf("%s %s over %d seeds of %d trials: mean %.5g (exact %.5g, %+.1f SE of the mean), spread %.3g, mean SE %.3g, ratio %.3f, coverage %.0f%%",
			sys.Name, name, seeds, trials, m, []float64{exact.LOLEHours, exact.EUEMWh}[i], (m-[]float64{exact.LOLEHours, exact.EUEMWh}[i])/(sd/math.Sqrt(float64(seeds))), sd, ses[i], ratio, 100*cov)
		if ratio < 0.8 || ratio > 1.25 {
			t.Errorf("%s: spread/SE = %.3f, want in [0.8, 1.25]", name, ratio)
		}
		if least := []float64{0.92, eueCover}[i]; cov < least || cov > 0.98 {
			t.Errorf("%s: coverage %.2f, want in [%v, 0.98]", name, cov, least)
		}
	}
}

// meanSD returns the mean and sample standard deviation of xs.
func meanSD(xs []float64) (float64, float64) {
	var s float64
	for _, x := range xs {
		s += x
	}
	m := s / float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - m) * (x - m)
	}
	return m, math.Sqrt(ss / float64(len(xs)-1))
}

// TestAdequacyISReproducible checks that an importance-sampled run, pilot
// included, gives the same bytes for 1 and 3 workers, and that its
// weighted tally split into shards and merged in either order is the
// unsharded one to the bit.
func TestAdequacyISReproducible(t *testing.T) {
	ctx := context.Background()
	sys := rtsRare(t)
	sys.LFUSigma = 0.02
	var out [2][]byte
	for i, w := range []int{1, 3} {
		r, err := AdequacyIS(ctx, sys, ImportanceSampling{PilotTrials: 1000, PilotIterations: 3}, montecarlo.WithTrials(3000), montecarlo.WithSeed(5), montecarlo.WithWorkers(w))
		if err != nil {
			t.Fatal(err)
		}
		if out[i], err = json.Marshal(r); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0], out[1]) {
		t.Fatalf("1 and 3 workers differ:\n%s\n%s", out[0], out[1])
	}
	if !strings.Contains(string(out[0]), `"method":"mc-is"`) || !strings.Contains(string(out[0]), `"variance_reduction":{"method":"importance-sampling/cross-entropy"`) {
		t.Errorf("report lacks its method or variance reduction: %.300s", out[0])
	}
	e, err := ImportanceExperiment(sys, rtsRareTilt(t))
	if err != nil {
		t.Fatal(err)
	}
	run := func(opts ...montecarlo.Option) *WeightedTally {
		res, err := montecarlo.Run(ctx, e, append(opts, montecarlo.WithTrials(5000), montecarlo.WithSeed(9))...)
		if err != nil {
			t.Fatal(err)
		}
		return res.Acc
	}
	whole := run(montecarlo.WithWorkers(2))
	var parts []*WeightedTally
	for i := range 3 {
		parts = append(parts, run(montecarlo.WithShard(i, 3), montecarlo.WithWorkers(1+i)))
	}
	for _, order := range [][]int{{0, 1, 2}, {2, 0, 1}} {
		m := NewWeightedTally(whole.Hours)
		for _, i := range order {
			if err := m.Merge(parts[i]); err != nil {
				t.Fatal(err)
			}
		}
		a, _ := json.Marshal(m)
		b, _ := json.Marshal(whole)
		if !bytes.Equal(a, b) {
			t.Errorf("shards merged in order %v differ from the unsharded tally", order)
		}
		if err := m.Check(5000); err != nil {
			t.Errorf("merged tally fails its check: %v", err)
		}
	}
}

// TestAdequacyISNoTilt checks that a tilt of factors 1 weights every
// trial 1 (ESS = trials, reduction factor 1) and that its estimates are
// the mean of the crude values of the same paths.
func TestAdequacyISNoTilt(t *testing.T) {
	sys := rbts(t)
	n := len(sys.Units)
	tilt := &Tilt{Failure: make([]float64, n), Repair: make([]float64, n), Windows: [][2]int{{0, len(sys.Load)}}}
	for i := range n {
		tilt.Failure[i], tilt.Repair[i] = 1, 1
	}
	r, err := AdequacyIS(context.Background(), sys, ImportanceSampling{Tilt: tilt}, montecarlo.WithTrials(2000))
	if err != nil {
		t.Fatal(err)
	}
	if r.IS.ESS != 2000 || r.IS.MeanWeight.Mean != 1 || r.IS.Method != ISGiven {
		t.Errorf("untilted: ESS %v, mean weight %v, method %q; want 2000, 1, %q", r.IS.ESS, r.IS.MeanWeight.Mean, r.IS.Method, ISGiven)
	}
	if f := r.IS.Reductions[0].Factor; math.Abs(f-1) > 1e-9 { // up to rounding
		t.Errorf("untilted reduction factor of LOLE = %v, want 1", f)
	}
}

// TestAdequacyISErrors checks the refusals: bad tilts and configurations
// name their field; zonal systems and classes are refused.
func TestAdequacyISErrors(t *testing.T) {
	ctx := context.Background()
	sys := rbts(t)
	n := len(sys.Units)
	ones := func() []float64 {
		f := make([]float64, n)
		for i := range f {
			f[i] = 1
		}
		return f
	}
	bad := ones()
	bad[2] = 100
	for _, c := range []struct {
		cfg  ImportanceSampling
		want string
	}{
		{ImportanceSampling{Tilt: &Tilt{Failure: ones(), Repair: ones()[:2]}}, "tilt.repair"},
		{ImportanceSampling{Tilt: &Tilt{Failure: bad, Repair: ones()}}, "tilt.failure[2]"},
		{ImportanceSampling{Tilt: &Tilt{Failure: ones(), Repair: ones(), Windows: [][2]int{{5, 3}}}}, "tilt.windows[0]"},
		{ImportanceSampling{Tilt: &Tilt{Failure: ones(), Repair: ones(), Defensive: 2}}, "tilt.defensive"},
		{ImportanceSampling{PilotTrials: 5}, "pilot_trials"},
		{ImportanceSampling{WindowThreshold: 1.5}, "window_threshold"},
	} {
		_, err := AdequacyIS(ctx, sys, c.cfg, montecarlo.WithTrials(10))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want one naming %s", c.cfg, err, c.want)
		}
	}
	z := rbtsTwoZones(t)
	if _, err := AdequacyIS(ctx, z, ImportanceSampling{}, montecarlo.WithTrials(10)); err == nil || !strings.Contains(err.Error(), "zones") {
		t.Errorf("zonal system: error %v, want a refusal naming zones", err)
	}
}

// BenchmarkTimeToPrecision measures, side by side, the wall time crude
// Monte Carlo and importance sampling (pilot included) take to reach a
// relative standard error of 5% and of 2% on the LOLE of RTS-79 at a
// rare-event load (exact LOLE 0.0077 h/yr), on the workers of -cpu. Both
// stop on montecarlo.WithTargetRSE, checked every 10,000 trials. It
// reports the seconds and trial-years of each and the speed-ups.
func BenchmarkTimeToPrecision(b *testing.B) {
	sys := rtsRare(b)
	ctx := context.Background()
	crude, err := AdequacyExperiment(sys)
	if err != nil {
		b.Fatal(err)
	}
	crude.RelativeSE = func(t *Tally) float64 { return t.LOLE.Estimate().PrecisionRSE() }
	for _, target := range []float64{0.05, 0.02} {
		b.Run(fmt.Sprintf("rse=%g", target), func(b *testing.B) {
			opts := []montecarlo.Option{montecarlo.WithTrials(100_000_000), montecarlo.WithCheckEvery(10000), montecarlo.WithTargetRSE(target, 0)}
			var tc, ti time.Duration
			var nc, ni int64
			seed := uint64(0)
			for b.Loop() {
				seed++
				start := time.Now()
				res, err := montecarlo.Run(ctx, crude, append(opts, montecarlo.WithSeed(seed))...)
				if err != nil || !res.Converged {
					b.Fatal(err, res.Converged)
				}
				tc += time.Since(start)
				nc += res.Done
				start = time.Now()
				r, err := AdequacyIS(ctx, sys, ImportanceSampling{}, append(opts, montecarlo.WithSeed(seed))...)
				if err != nil || !r.Converged {
					b.Fatal(err, r.Converged)
				}
				ti += time.Since(start)
				ni += r.Done
			}
			n := float64(b.N)
			b.ReportMetric(tc.Seconds()/n, "crude-s")
			b.ReportMetric(ti.Seconds()/n, "is-s")
			b.ReportMetric(float64(nc)/n, "crude-trials")
			b.ReportMetric(float64(ni)/n, "is-trials")
			b.ReportMetric(tc.Seconds()/ti.Seconds(), "speedup")
		})
	}
}

// BenchmarkTrialYearIS measures one trial-year of RTS-79 at the
// rare-event load on one goroutine, crude and importance-sampled (with
// the tilt of the pilot of seed 1, chosen before the timing): drawing,
// scoring and adding to the tally. It reports trial-years per second.
func BenchmarkTrialYearIS(b *testing.B) {
	sys := rtsRare(b)
	crude, err := AdequacyExperiment(sys)
	if err != nil {
		b.Fatal(err)
	}
	is, err := ImportanceExperiment(sys, rtsRareTilt(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("crude", func(b *testing.B) { benchTrials(b, crude) })
	b.Run("is", func(b *testing.B) { benchTrials(b, is) })
}

// benchTrials times e's trials one after the other on one worker.
func benchTrials[A montecarlo.Accumulator[A]](b *testing.B, e montecarlo.Experiment[A]) {
	f, err := e.NewWorker()
	if err != nil {
		b.Fatal(err)
	}
	acc := e.NewAccumulator()
	var i int64
	for b.Loop() {
		if err := f(montecarlo.Trial{Seed: 1, Index: i}, acc); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "trial-years/s")
}
