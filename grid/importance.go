package grid

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// Defaults of [ImportanceSampling].
const (
	// DefaultPilotTrials is the number of trials of each pilot iteration.
	DefaultPilotTrials = 8000
	// DefaultPilotIterations is the most cross-entropy iterations.
	DefaultPilotIterations = 12
	// DefaultWindowThreshold is η of [RiskWindows]: an hour is at risk
	// when its exact LOLP is at least η times the largest hourly LOLP.
	DefaultWindowThreshold = 0.01
	// DefaultDefensive is the share of trials drawn from the units' own
	// processes, the defensive component of the mixture: every weight
	// is then at most 1/DefaultDefensive, and no index's variance per
	// trial exceeds 1/DefaultDefensive times its crude second moment.
	DefaultDefensive = 0.1
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
	// cePrior is the part of each window's share kept from its COPT
	// share, so that no window the pilot happened not to see short is
	// left without trials (whose shortfalls would then weigh up to
	// 1/Defensive).
	cePrior = 0.2
	// ceMinEvents is the fewest failures (or repairs) of an entry seen in
	// the windows of the trials with shortfall for its factor to be
	// updated: fewer leave it where it was.
	ceMinEvents = 10
)

// ImportanceSampling configures [AdequacyIS]. The zero value chooses the
// tilt with the cross-entropy pilot and the defaults. Its JSON form, in a
// shard's [ISState], holds the pilot's parameters with every default
// filled in.
type ImportanceSampling struct {
	// Tilt, if not nil, is used as given, and there is no pilot. It is
	// not part of the JSON form, which records the pilot's parameters
	// (an [ISState] records the tilt itself).
	Tilt *Tilt `json:"-"`
	// PilotTrials is the number of trials of each pilot iteration (0:
	// DefaultPilotTrials).
	PilotTrials int64 `json:"pilot_trials"`
	// PilotIterations is the most pilot iterations (0:
	// DefaultPilotIterations).
	PilotIterations int `json:"pilot_iterations"`
	// WindowThreshold is η of [RiskWindows] (0: DefaultWindowThreshold).
	WindowThreshold float64 `json:"window_threshold"`
	// WindowLeadHours is the lead of [RiskWindows], in hours (0:
	// DefaultWindowLeadMTTRs times the largest MTTR of the fleet).
	WindowLeadHours int `json:"window_lead_h"`
	// Defensive is the defensive share of the tilt the pilot chooses
	// ([Tilt.Defensive]; 0: DefaultDefensive).
	Defensive float64 `json:"defensive"`
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
	case !(c.Defensive >= 0 && c.Defensive <= 1):
		return input.Field("defensive", c.Defensive, "in (0, 1] (0: the default)")
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
	// TrialsPerIteration is the number of trials of each iteration's
	// update; until the level reaches 1 the first quarter of them (at
	// least 100) also set the level.
	TrialsPerIteration int64 `json:"trials_per_iteration"`
	// Levels are the load scales of the iterations: the multilevel
	// method starts where 2% of the trials are short and steps down
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

// episodeGap is the longest run of hours below the threshold inside one
// episode of [RiskWindows]: the hours at risk of one day's peak (or of
// consecutive days' peaks less than this apart) form one episode.
const episodeGap = 12

// RiskWindows returns the windows of a tilt for sys (a copper plate
// without classes) and their shares. The hours at risk are those whose
// exact LOLP (the COPT's, at the nominal load) is at least threshold
// times the largest hourly LOLP; they fall into episodes, runs of hours
// at risk with gaps of at most 12 hours, and each episode's window opens
// lead hours before its first hour at risk (as the units down in an hour
// failed in the repair times before it) and closes after its last. A
// window's share is its episode's part of the sum of the hourly LOLPs at
// risk: its part of the LOLE, as the COPT sees it. A system that can
// never be short has no windows.
func RiskWindows(sys *System, threshold float64, lead int) ([][2]int, []float64, error) {
	if err := checkIS(sys); err != nil {
		return nil, nil, err
	}
	if !(threshold >= 0 && threshold < 1) || lead < 0 {
		return nil, nil, errorf("risk windows: threshold = %v, lead = %d, want threshold in [0, 1) and lead >= 0", threshold, lead)
	}
	c, err := NewCOPT(sys.Units)
	if err != nil {
		return nil, nil, err
	}
	lolp := make([]float64, len(sys.Load))
	peak := 0.0
	for h, l := range sys.Load {
		lolp[h] = c.LOLP(l)
		peak = max(peak, lolp[h])
	}
	var ws [][2]int
	var shares []float64
	if peak == 0 {
		return ws, shares, nil
	}
	lastRisk := -episodeGap - 2
	for h, p := range lolp {
		if p < threshold*peak || p == 0 {
			continue
		}
		if n := len(ws); n > 0 && h-lastRisk <= episodeGap+1 {
			ws[n-1][1] = h + 1
			shares[n-1] += p
		} else {
			ws = append(ws, [2]int{max(0, h-lead), h + 1})
			shares = append(shares, p)
		}
		lastRisk = h
	}
	return ws, shares, nil
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
}

func newISWorker(sys *System, lp *LoadProfile, tilt *Tilt) (*isWorker, error) {
	sim, err := NewSimulator(sys.Units, len(sys.Load))
	if err != nil {
		return nil, err
	}
	z, err := newTiltedSim(sim, sys.Units, tilt)
	if err != nil {
		return nil, err
	}
	w := &isWorker{z: z, lp: lp, sigma: sys.LFUSigma}
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
// trial's weight (see [tiltedSim.path]).
func (w *isWorker) trial(t montecarlo.Trial, level float64) (float64, error) {
	wt := w.z.path(t, &w.p)
	if t.Cancelled() {
		return 0, montecarlo.ErrCancelled
	}
	return wt, ScoreScaled(&w.p, w.lp, level*w.lfuScale(t), &w.o)
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
	shares  []montecarlo.ExactSum // per window: weighted responsibilities
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
	for i := range o.shares {
		a.shares[i].Merge(&o.shares[i])
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
	ws, shares, err := RiskWindows(sys, cfg.WindowThreshold, cfg.WindowLeadHours)
	if err != nil {
		return nil, nil, err
	}
	n := len(sys.Units)
	tilt := &Tilt{Failure: make([]float64, n), Repair: make([]float64, n), Windows: ws, Shares: shares, Defensive: cfg.Defensive}
	prior := tilt.shares()
	for i := range n {
		tilt.Failure[i], tilt.Repair[i] = 1, 1
	}
	lp, err := NewLoadProfile(sys.Load)
	if err != nil {
		return nil, nil, err
	}
	pilot := &Pilot{Seed: PilotSeed(seed, 0), TrialsPerIteration: cfg.PilotTrials}
	if len(ws) == 0 {
		tilt.Defensive = 1 // nothing to tilt: crude Monte Carlo
		return tilt, pilot, nil
	}
	var opts []montecarlo.Option
	if workers > 0 {
		opts = append(opts, montecarlo.WithWorkers(workers))
	}
	atOne := 0
	for it := 0; it < cfg.PilotIterations && atOne < 2; it++ {
		s := PilotSeed(seed, it)
		level := 1.0
		run := func(level float64, first bool, trials int64) (*pilotAcc, error) {
			e := montecarlo.Experiment[*pilotAcc]{
				NewAccumulator: func() *pilotAcc {
					return &pilotAcc{stats: make([]montecarlo.ExactSum, n*ceStats), counts: make([]int64, 2*n), shares: make([]montecarlo.ExactSum, len(ws))}
				},
				NewWorker: func() (montecarlo.TrialFunc[*pilotAcc], error) {
					w, err := newISWorker(sys, lp, tilt)
					if err != nil {
						return nil, err
					}
					z := w.z
					buf := make([]float64, len(z.bounds)*n*ceStats)
					win := make([]float64, n*ceStats)
					return func(t montecarlo.Trial, acc *pilotAcc) error {
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
						// Only the trials short at the level count, a few
						// percent: their statistics come from drawing the
						// same path again (the same streams, so the same
						// events and weight), which is cheaper than
						// gathering them in every trial.
						clear(buf)
						z.stats = buf
						wt2, err := w.trial(t, level)
						z.stats = nil
						if err != nil {
							return err
						}
						if wt2 != wt || float64(w.o.ShortfallHours) != h {
							return fmt.Errorf("grid: importance sampling pilot: trial %d drawn twice differs", t.Index)
						}
						acc.hits++
						// Each window's statistics, weighted by the
						// trial's weight, its shortfall hours and the
						// window's responsibility for the path,
						// (1−d)·share·g_k/f·w.
						wh := wt * h
						for k, ab := range z.winSeg {
							r := (1 - z.d) * z.share[k] * math.Exp(z.winLog[k]) * wt
							if !(r > 0) {
								continue
							}
							acc.shares[k].Add(wh * r)
							clear(win)
							for sg := ab[0]; sg < ab[1]; sg++ {
								for i, v := range buf[sg*n*ceStats : (sg+1)*n*ceStats] {
									win[i] += v
								}
							}
							for i, v := range win {
								acc.stats[i].Add(wh * r * v)
							}
						}
						for sg := range z.bounds {
							for e := range n {
								acc.counts[2*e] += int64(buf[(sg*n+e)*ceStats+ceFail])
								acc.counts[2*e+1] += int64(buf[(sg*n+e)*ceStats+ceRepair])
							}
						}
						return nil
					}, nil
				},
			}
			res, err := montecarlo.Run(ctx, e, append(opts, montecarlo.WithSeed(s), montecarlo.WithTrials(trials), montecarlo.WithCheckEvery(trials))...)
			if err != nil {
				return nil, fmt.Errorf("grid: importance sampling pilot, iteration %d: %w", it, err)
			}
			return res.Acc, nil
		}
		// The level, from the margins of the first quarter of the
		// iteration's trials; once it has reached the system's own
		// load it stays there (a tilt that made shortfalls common at
		// that load is only moved towards making them commoner still).
		if atOne == 0 {
			a, err := run(1, true, max(100, cfg.PilotTrials/4))
			if err != nil {
				return nil, nil, err
			}
			slices.Sort(a.margins)
			level = max(1, a.margins[int(ceRarity*float64(len(a.margins)))])
			if math.IsInf(level, 0) || math.IsNaN(level) {
				break
			}
		}
		b, err := run(level, false, cfg.PilotTrials)
		if err != nil {
			return nil, nil, err
		}
		pilot.Levels = append(pilot.Levels, level)
		pilot.Hits = append(pilot.Hits, b.hits)
		updateTilt(tilt, prior, sys.Units, b)
		if level == 1 {
			atOne++
		}
	}
	return tilt, pilot, nil
}

// updateTilt moves the windows' shares and each entry's factors towards
// the cross-entropy estimates of the pilot state b, the M step of an EM
// fit of the mixture to the trials short at the level, each weighted by
// its likelihood ratio times its shortfall hours and split among the
// windows by their responsibilities for its path: a window's share is
// its part of the weighted responsibilities; an entry's rate is its
// events over its exposure in the windows, weighted so. Shares are
// smoothed linearly and mixed with prior, the windows' COPT shares (a
// part cePrior); factors are smoothed in logarithms and clamped to
// [1/MaxTiltFactor, MaxTiltFactor].
func updateTilt(tilt *Tilt, prior []float64, units []Unit, b *pilotAcc) {
	sum := 0.0
	for k := range b.shares {
		sum += b.shares[k].Float64()
	}
	if sum > 0 {
		old := tilt.shares()
		for k := range tilt.Shares {
			est := ceSmoothing*b.shares[k].Float64()/sum + (1-ceSmoothing)*old[k]
			tilt.Shares[k] = (1-cePrior)*est + cePrior*prior[k]
		}
	}
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
//
// With [montecarlo.WithShard] it runs one shard of the run: every shard
// reruns the pilot, which draws from the run's seed alone and so chooses
// the same tilt in each, and then the shard's range of trials. The
// result's indices are then the shard's alone; [AdequacyResult.ISShard]
// is its shard file, holding the exact [WeightedTally] with the method,
// its parameters, the tilt and the pilot, and [MergeISShards] merges the
// shards of a run into the unsharded result, bit for bit.
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
	var params *ImportanceSampling
	if tilt == nil {
		method = ISCrossEntropy
		p := cfg.defaults(sys)
		params = &p
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
	r := newISResult(sys, hash, res, &ISReport{Method: method, Tilt: tilt, Pilot: pilot})
	r.isConfig = params
	return r, err
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
