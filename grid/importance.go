package grid

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/variate"
	"github.com/carveout/carveout/montecarlo"
)

// Defaults of [ImportanceSampling].
const (
	// DefaultPilotTrials is the number of trials of each pilot iteration.
	DefaultPilotTrials = 4000
	// DefaultPilotIterations is the most cross-entropy iterations.
	DefaultPilotIterations = 12
	// DefaultWindowThreshold is η of [RiskWindows]: an hour is at risk
	// when its exact LOLP is at least η times the largest hourly LOLP.
	DefaultWindowThreshold = 0.1
	// DefaultDefensive is the share of trials drawn from the units' own
	// processes, the defensive component of the mixture: every weight
	// is then at most 1/DefaultDefensive, and no index's variance per
	// trial exceeds 1/DefaultDefensive times its crude second moment.
	DefaultDefensive = 0.2
	// DefaultWindowLeadMTTRs is the lead of [RiskWindows] in mean repair
	// times: a window opens this many of the fleet's largest MTTR before
	// an hour at risk, as the units down in that hour failed in the
	// repair times before it.
	DefaultWindowLeadMTTRs = 1.0
)

// Parameters of the cross-entropy pilot (a judgement, settled on the
// test systems; see the package documentation, # Variance reduction).
const (
	// ceRarity is the share of pilot trials that must have a shortfall at
	// each level of the multilevel cross-entropy method: the level (a
	// scale on the load) is their quantile of the trials' margins.
	ceRarity = 0.02
	// ceSmoothing is the weight of a new estimate against the previous
	// tilt, in logarithms.
	ceSmoothing = 0.7
	// ceMinEvents is the fewest failures (or repairs) of an entry seen in
	// the windows of the trials with shortfall for its factor to be
	// updated: fewer leave it where it was.
	ceMinEvents = 10
)

// ImportanceSampling configures [AdequacyIS]. The zero value chooses the
// tilt with the cross-entropy pilot and the defaults.
type ImportanceSampling struct {
	// Tilt, if not nil, is used as given, and there is no pilot.
	Tilt *Tilt
	// PilotTrials is the number of trials of each pilot iteration (0:
	// DefaultPilotTrials).
	PilotTrials int64
	// PilotIterations is the most pilot iterations (0:
	// DefaultPilotIterations).
	PilotIterations int
	// WindowThreshold is η of [RiskWindows] (0: DefaultWindowThreshold).
	WindowThreshold float64
	// WindowLeadHours is the lead of [RiskWindows], in hours (0:
	// DefaultWindowLeadMTTRs times the largest MTTR of the fleet).
	WindowLeadHours int
}

// validate checks the configuration's fields.
func (c *ImportanceSampling) validate() error {
	switch {
	case c.PilotTrials < 0 || c.PilotTrials > 1e8:
		return input.Field("pilot_trials", c.PilotTrials, "in [100, 1e8] (0: the default)")
	case c.PilotTrials != 0 && c.PilotTrials < 100:
		return input.Field("pilot_trials", c.PilotTrials, "in [100, 1e8] (0: the default)")
	case c.PilotIterations < 0 || c.PilotIterations > 100:
		return input.Field("pilot_iterations", c.PilotIterations, "in [1, 100] (0: the default)")
	case !(c.WindowThreshold >= 0 && c.WindowThreshold < 1):
		return input.Field("window_threshold", c.WindowThreshold, "in [0, 1) (0: the default)")
	case c.WindowLeadHours < 0 || c.WindowLeadHours > MaxHours:
		return input.Field("window_lead_h", c.WindowLeadHours, fmt.Sprintf("in [0, %d] (0: the default)", MaxHours))
	}
	return nil
}

// Pilot describes how the cross-entropy pilot chose a tilt.
type Pilot struct {
	// Seed is the seed of the pilot's first iteration; iteration i runs
	// seed [PilotSeed](run seed, i). Its streams are unrelated to the
	// run's.
	Seed uint64 `json:"seed"`
	// TrialsPerIteration is the number of trials of each iteration.
	TrialsPerIteration int64 `json:"trials_per_iteration"`
	// Levels are the load scales of the iterations: the multilevel
	// method starts where a tenth of the trials are short and steps down
	// to 1, the system's own load.
	Levels []float64 `json:"levels"`
	// Hits is the number of trials short at the level in each iteration.
	Hits []int64 `json:"hits"`
}

// pilotStreamKey derives the pilot's seeds.
var pilotStreamKey = montecarlo.Key("vr/pilot")

// PilotSeed returns the seed of iteration i of the pilot of a run with
// seed seed: a hash of the two, so that the pilot's streams are unrelated
// to those of the run's trials and a run's tilt is reproducible from its
// seed.
func PilotSeed(seed uint64, i int) uint64 {
	hi, _ := pilotStreamKey.Seed(seed, int64(i))
	return hi
}

// checkIS refuses systems importance sampling does not handle yet.
func checkIS(sys *System) error {
	if err := sys.Validate(); err != nil {
		return err
	}
	if sys.Zoned() {
		return errorf("importance sampling: the system has %d zones; it handles a copper plate only (run plain Monte Carlo)", len(sys.Zones))
	}
	if sys.hasClasses() {
		return errorf("importance sampling: the system has availability classes; it handles units without classes only (run plain Monte Carlo)")
	}
	return nil
}

// RiskWindows returns the windows of a tilt for sys (a copper plate
// without classes): the hours h whose exact LOLP (the COPT's, at the
// nominal load) is at least threshold times the largest hourly LOLP, each
// with the lead hours before it, merged into sorted disjoint ranges. A
// system that can never be short has no windows.
func RiskWindows(sys *System, threshold float64, lead int) ([][2]int, error) {
	if err := checkIS(sys); err != nil {
		return nil, err
	}
	if !(threshold >= 0 && threshold < 1) || lead < 0 {
		return nil, errorf("risk windows: threshold = %v, lead = %d, want threshold in [0, 1) and lead >= 0", threshold, lead)
	}
	c, err := NewCOPT(sys.Units)
	if err != nil {
		return nil, err
	}
	lolp := make([]float64, len(sys.Load))
	peak := 0.0
	for h, l := range sys.Load {
		lolp[h] = c.LOLP(l)
		peak = max(peak, lolp[h])
	}
	var ws [][2]int
	if peak == 0 {
		return ws, nil
	}
	for h, p := range lolp {
		if p < threshold*peak {
			continue
		}
		a := max(0, h-lead)
		if n := len(ws); n > 0 && a <= ws[n-1][1] {
			ws[n-1][1] = h + 1
			continue
		}
		ws = append(ws, [2]int{a, h + 1})
	}
	return ws, nil
}

// defaults returns c with its zero fields filled in for sys.
func (c ImportanceSampling) defaults(sys *System) ImportanceSampling {
	if c.PilotTrials == 0 {
		c.PilotTrials = DefaultPilotTrials
	}
	if c.PilotIterations == 0 {
		c.PilotIterations = DefaultPilotIterations
	}
	if c.WindowThreshold == 0 {
		c.WindowThreshold = DefaultWindowThreshold
	}
	if c.WindowLeadHours == 0 {
		mttr := 0.0
		for _, u := range sys.Units {
			mttr = max(mttr, u.MTTRHours)
		}
		c.WindowLeadHours = int(math.Ceil(min(DefaultWindowLeadMTTRs*mttr, MaxHours)))
	}
	return c
}

// ImportanceExperiment returns the Monte Carlo experiment behind
// [AdequacyIS] for a given tilt, for callers that drive [montecarlo.Run]
// themselves. Each trial draws its paths under the tilt and adds its
// outcome with its likelihood ratio to a [WeightedTally]; load forecast
// uncertainty is drawn as in [AdequacyExperiment], untilted.
func ImportanceExperiment(sys *System, tilt *Tilt) (montecarlo.Experiment[*WeightedTally], error) {
	var none montecarlo.Experiment[*WeightedTally]
	if err := checkIS(sys); err != nil {
		return none, err
	}
	if err := tilt.Validate(len(sys.Units), len(sys.Load)); err != nil {
		return none, fmt.Errorf("grid: %w", input.In(err, "tilt"))
	}
	lp, err := NewLoadProfile(sys.Load)
	if err != nil {
		return none, err
	}
	hours := len(sys.Load)
	return montecarlo.Experiment[*WeightedTally]{
		NewAccumulator: func() *WeightedTally { return NewWeightedTally(hours) },
		RelativeSE:     (*WeightedTally).RelativeSE,
		NewWorker: func() (montecarlo.TrialFunc[*WeightedTally], error) {
			w, err := newISWorker(sys, lp, tilt)
			if err != nil {
				return nil, err
			}
			return func(t montecarlo.Trial, acc *WeightedTally) error {
				wt, err := w.trial(t, 1)
				if err != nil {
					return err
				}
				acc.Add(&w.o, wt)
				return nil
			}, nil
		},
	}, nil
}

// isWorker is one goroutine's tilted sampler and scratch memory.
type isWorker struct {
	z      *tiltedSim
	lp     *LoadProfile
	sigma  float64
	p      Path
	o      Outcome
	lfuSrc rand.PCG
	lfu    *rand.Rand
	// defensive is the tilt's defensive share.
	defensive float64
}

// mixtureKey names the stream of each trial's draw of its mixture
// component (tilted or the units' own processes).
var mixtureKey = montecarlo.Key("vr/mixture")

func newISWorker(sys *System, lp *LoadProfile, tilt *Tilt) (*isWorker, error) {
	sim, err := NewSimulator(sys.Units, len(sys.Load))
	if err != nil {
		return nil, err
	}
	z, err := newTiltedSim(sim, sys.Units, tilt)
	if err != nil {
		return nil, err
	}
	w := &isWorker{z: z, lp: lp, sigma: sys.LFUSigma, defensive: tilt.defensive()}
	w.lfu = rand.New(&w.lfuSrc)
	return w, nil
}

// lfuScale returns trial t's load forecast uncertainty scale.
func (w *isWorker) lfuScale(t montecarlo.Trial) float64 {
	if w.sigma <= 0 {
		return 1
	}
	t.Reseed(&w.lfuSrc, lfuKey)
	return max(0, demand.LFU{Sigma: w.sigma}.DrawScale(w.lfu))
}

// trial draws trial t's mixture component and path, scores the load
// times level (and the trial's LFU scale) into w.o, and returns the
// trial's weight: the likelihood ratio of the path under the units' own
// processes f to the mixture d·f + (1−d)·g of them and the tilted ones,
// 1/(d + (1−d)·g/f), at most 1/d.
func (w *isWorker) trial(t montecarlo.Trial, level float64) (float64, error) {
	r := variate.NewPCG(mixtureKey.Seed(t.Seed, t.Index))
	w.z.sample = r.Uniform() >= w.defensive
	lw := w.z.path(t, &w.p)
	if t.Cancelled() {
		return 0, montecarlo.ErrCancelled
	}
	d := w.defensive
	return 1 / (d + (1-d)*math.Exp(-lw)), ScoreScaled(&w.p, w.lp, level*w.lfuScale(t), &w.o)
}

// margin returns the largest scale on the trial's load (its LFU scale
// included) at which the path drawn last has no shortfall: the least
// ratio of capacity to load over the path's steps (+Inf without load).
func (w *isWorker) margin(lfu float64) float64 {
	m := math.Inf(1)
	st := w.p.Steps
	for s := range st {
		b := w.p.Hours
		if s+1 < len(st) {
			b = st[s+1].Hour
		}
		if l := lfu * w.lp.Max(st[s].Hour, b); l > 0 {
			m = min(m, st[s].AvailableMW/l)
		}
	}
	return m
}

// pilotAcc is the state of a pilot iteration: the trials' margins (first
// pass) or the cross-entropy statistics of the trials short at the level
// (second pass). It merges exactly: margins are sorted before use, sums
// are exact.
type pilotAcc struct {
	margins []float64
	stats   []montecarlo.ExactSum // per entry, ceStats weighted sums
	counts  []int64               // per entry: failures, repairs (unweighted)
	hits    int64
}

func (a *pilotAcc) Merge(o *pilotAcc) error {
	a.margins = append(a.margins, o.margins...)
	for i := range o.stats {
		a.stats[i].Merge(&o.stats[i])
	}
	for i := range o.counts {
		a.counts[i] += o.counts[i]
	}
	a.hits += o.hits
	return nil
}

// ChooseTilt chooses a tilt for sys by the multilevel cross-entropy
// method (see the package documentation, # Variance reduction), running
// its pilot with the given seed (of the run: the pilot derives its own,
// [PilotSeed]) and workers (0: GOMAXPROCS; the result is the same for
// any). It returns the tilt and how it was chosen.
func ChooseTilt(ctx context.Context, sys *System, cfg ImportanceSampling, seed uint64, workers int) (*Tilt, *Pilot, error) {
	if err := checkIS(sys); err != nil {
		return nil, nil, err
	}
	if err := cfg.validate(); err != nil {
		return nil, nil, fmt.Errorf("grid: importance sampling: %w", err)
	}
	cfg = cfg.defaults(sys)
	ws, err := RiskWindows(sys, cfg.WindowThreshold, cfg.WindowLeadHours)
	if err != nil {
		return nil, nil, err
	}
	n := len(sys.Units)
	tilt := &Tilt{Failure: make([]float64, n), Repair: make([]float64, n), Windows: ws}
	for i := range n {
		tilt.Failure[i], tilt.Repair[i] = 1, 1
	}
	lp, err := NewLoadProfile(sys.Load)
	if err != nil {
		return nil, nil, err
	}
	pilot := &Pilot{Seed: PilotSeed(seed, 0), TrialsPerIteration: cfg.PilotTrials}
	if len(ws) == 0 {
		return tilt, pilot, nil
	}
	opts := []montecarlo.Option{montecarlo.WithTrials(cfg.PilotTrials), montecarlo.WithCheckEvery(cfg.PilotTrials)}
	if workers > 0 {
		opts = append(opts, montecarlo.WithWorkers(workers))
	}
	atOne := 0
	for it := 0; it < cfg.PilotIterations && atOne < 2; it++ {
		s := PilotSeed(seed, it)
		level := 1.0
		run := func(level float64, first bool) (*pilotAcc, error) {
			e := montecarlo.Experiment[*pilotAcc]{
				NewAccumulator: func() *pilotAcc {
					return &pilotAcc{stats: make([]montecarlo.ExactSum, n*ceStats), counts: make([]int64, 2*n)}
				},
				NewWorker: func() (montecarlo.TrialFunc[*pilotAcc], error) {
					w, err := newISWorker(sys, lp, tilt)
					if err != nil {
						return nil, err
					}
					buf := make([]float64, n*ceStats)
					if !first {
						w.z.stats = buf
					}
					return func(t montecarlo.Trial, acc *pilotAcc) error {
						clear(buf)
						wt, err := w.trial(t, level)
						if err != nil {
							return err
						}
						if first {
							acc.margins = append(acc.margins, w.margin(w.lfuScale(t)))
							return nil
						}
						h := float64(w.o.ShortfallHours)
						if h == 0 {
							return nil
						}
						acc.hits++
						wh := wt * h
						for i, v := range buf {
							acc.stats[i].Add(wh * v)
						}
						for e := range n {
							acc.counts[2*e] += int64(buf[e*ceStats+ceFail])
							acc.counts[2*e+1] += int64(buf[e*ceStats+ceRepair])
						}
						return nil
					}, nil
				},
			}
			res, err := montecarlo.Run(ctx, e, append(opts, montecarlo.WithSeed(s))...)
			if err != nil {
				return nil, fmt.Errorf("grid: importance sampling pilot, iteration %d: %w", it, err)
			}
			return res.Acc, nil
		}
		a, err := run(1, true)
		if err != nil {
			return nil, nil, err
		}
		slices.Sort(a.margins)
		level = max(1, a.margins[int(ceRarity*float64(len(a.margins)))])
		if math.IsInf(level, 0) || math.IsNaN(level) {
			break
		}
		b, err := run(level, false)
		if err != nil {
			return nil, nil, err
		}
		pilot.Levels = append(pilot.Levels, level)
		pilot.Hits = append(pilot.Hits, b.hits)
		updateTilt(tilt, sys.Units, b)
		if level == 1 {
			atOne++
		}
	}
	return tilt, pilot, nil
}

// updateTilt moves each entry's factors towards the cross-entropy
// estimates of the pilot state b: the weighted maximum-likelihood rates
// (events over exposure in the windows, over the trials short at the
// level, each weighted by its likelihood ratio times its shortfall
// hours) over the unit's own rates, smoothed in logarithms and clamped to
// [1/MaxTiltFactor, MaxTiltFactor].
func updateTilt(tilt *Tilt, units []Unit, b *pilotAcc) {
	for e, u := range units {
		st := b.stats[e*ceStats : (e+1)*ceStats]
		for _, f := range []struct {
			factor    *float64
			ev, expo  int
			count     int64
			ownRateph float64
		}{
			{&tilt.Failure[e], ceFail, ceUp, b.counts[2*e], 1 / u.MTTFHours},
			{&tilt.Repair[e], ceRepair, ceDown, b.counts[2*e+1], 1 / u.MTTRHours},
		} {
			ev, expo := st[f.ev].Float64(), st[f.expo].Float64()
			if f.count < ceMinEvents || !(expo > 0) || !(ev > 0) {
				continue
			}
			est := ev / expo / f.ownRateph
			l := ceSmoothing*math.Log(est) + (1-ceSmoothing)*math.Log(*f.factor)
			*f.factor = min(MaxTiltFactor, max(1/MaxTiltFactor, math.Exp(l)))
		}
	}
}

// ISReport describes the variance reduction of an importance-sampled
// run ([AdequacyIS]).
type ISReport struct {
	// Method names the method: "importance-sampling" with a tilt chosen by
	// the cross-entropy pilot ("cross-entropy") or given ("given").
	Method string `json:"method"`
	// Tilt is the change of measure the run used.
	Tilt *Tilt `json:"tilt"`
	// Pilot describes the pilot that chose the tilt; nil for a given
	// tilt.
	Pilot *Pilot `json:"pilot,omitempty"`
	// ESS is the effective sample size of the weights, (Σw)²/Σw².
	ESS float64 `json:"ess"`
	// MeanWeight is the mean likelihood ratio, 1 in expectation: a check
	// of the run.
	MeanWeight montecarlo.Estimate `json:"mean_weight"`
	// Reductions are the measured variance-reduction factors of the
	// headline indices against crude Monte Carlo, per trial (see
	// [Reduction]).
	Reductions []Reduction `json:"reductions"`
}

// Methods of an [ISReport].
const (
	ISCrossEntropy = "importance-sampling/cross-entropy"
	ISGiven        = "importance-sampling/given"
)

// AdequacyIS estimates the adequacy indices of sys, a copper plate
// without availability classes, by importance-sampled chronological Monte
// Carlo (see the package documentation, # Variance reduction). Unless
// cfg gives a tilt, a cross-entropy pilot chooses one first, drawing from
// streams derived from the run's seed ([PilotSeed]), so that the same
// options give the same tilt and the same result to the bit, whatever
// the workers or shards. Options are those of [montecarlo.Run]; a
// precision target ([montecarlo.WithTargetRSE]) applies to the LOLE. The
// result's method is [MethodIS]; its IS member reports the tilt, the
// effective sample size and the measured variance-reduction factors.
func AdequacyIS(ctx context.Context, sys *System, cfg ImportanceSampling, opts ...montecarlo.Option) (*AdequacyResult, error) {
	if err := checkIS(sys); err != nil {
		return nil, err
	}
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("grid: importance sampling: %w", err)
	}
	set, err := montecarlo.Resolve(opts...)
	if err != nil {
		return nil, err
	}
	method := ISGiven
	tilt, pilot := cfg.Tilt, (*Pilot)(nil)
	if tilt == nil {
		method = ISCrossEntropy
		if tilt, pilot, err = ChooseTilt(ctx, sys, cfg, set.Seed, set.Workers); err != nil {
			return nil, err
		}
	}
	e, err := ImportanceExperiment(sys, tilt)
	if err != nil {
		return nil, err
	}
	hash, err := sys.Hash()
	if err != nil {
		return nil, err
	}
	res, err := montecarlo.Run(ctx, e, opts...)
	if res == nil {
		return nil, err
	}
	return newISResult(sys, hash, res, &ISReport{Method: method, Tilt: tilt, Pilot: pilot}), err
}

// newISResult is the result of an importance-sampled run of sys.
func newISResult(sys *System, hash string, res *montecarlo.Result[*WeightedTally], rep *ISReport) *AdequacyResult {
	acc := res.Acc
	rep.ESS = acc.ESS()
	rep.MeanWeight = acc.Weight.Estimate()
	rep.Reductions = acc.Reductions()
	r := newMCResult(sys, hash, &montecarlo.Result[*Tally]{
		Acc: NewTally(acc.Hours), Seed: res.Seed, Trials: res.Trials, ShardIndex: res.ShardIndex, ShardCount: res.ShardCount,
		Start: res.Start, End: res.End, Done: res.Done, Partial: res.Partial, Converged: res.Converged,
	})
	r.Method, r.Tally = MethodIS, nil
	r.Indices, r.MonthHour = acc.Indices(), acc.MonthHourProbability()
	r.IS, r.weighted = rep, acc
	return r
}
