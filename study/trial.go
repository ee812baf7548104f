package study

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/mining"
	"github.com/carveout/carveout/montecarlo"
)

// worker is one goroutine's scratch memory for study trials.
type worker struct {
	st        *Study
	avail     *grid.Availability
	capacity  []int64 // available capacity of each hour, in the fleet's capacity units
	dem       *demand.Generator
	sample    *demand.Sample
	demPCG    [3]rand.PCG
	demRand   [3]*rand.Rand
	demKeys   [3]montecarlo.StreamKey
	mine      []*mining.Simulator // one per mining slot
	minePaths []*mining.Path
	minePCG   [4]rand.PCG
	mineRand  [4]*rand.Rand
	mineKeys  [4]montecarlo.StreamKey
	risky     []int32              // hours where some case may shed or curtail
	riskyBase []float64            // baseline unserved energy of each risky hour
	riskyMW   []float64            // available capacity of each risky hour, MW
	out       outcome              // the outcome of the case last scored
	points    []point              // the trial's outcome of each case of the sweep
	zw        *zoneWorker          // the zones' scratch memory; nil for a copper plate
	samples   *samples             // where the main case's samples go; nil without
	offAvail  []*grid.Availability // the offset units' sampler of each case with some (caseSpec.offSlot)
	offNow    []int64              // the offset units' capacity in each hour, of the case being scored
	cost      *costWorker          // the dispatch's scratch memory; nil without economics
	proxy     *proxyWorker         // the outage controls' sampler; nil without
	bud       *budgetWorker        // the fuel budgets' scratch memory; nil without
	// budW0 is the capacity the budgets withhold in each hour without
	// the carve-out; budDelta[i] what case i's schedule withholds more
	// (when budHas[i]), and budMax the most any case does.
	budW0    []int64
	budDelta [][]int64
	budHas   []bool
	budMax   []int64
	// budFz are the baseline's and the main case's withholding by fuel,
	// zone and hour, kept for the dispatch (nil without economics).
	budFz [2][][][]int64
	// budW0z, budDeltaZ and budMaxZ are the same by zone (zonal).
	budW0z    [][]int64
	budDeltaZ [][][]int64
	budMaxZ   [][]int64
	// recordCurt is set while the main case is scored with economics:
	// its hourly curtailments go to cost.curt for the dispatch.
	recordCurt bool
}

// outcome is one trial as one carve-out case saw it: the draws, the other
// customers' shortfall without the carve-out (the baseline) and with it,
// and what became of the carve-out's own load. It is what every result
// adds: the main case's outcome feeds every result, a sweep case's its
// point of the sweep. The worker reuses one from case to case.
type outcome struct {
	st     *Study
	trial  int64          // global trial index
	sample *demand.Sample // the demand draws
	path   *mining.Path   // the case's mining path; nil when it has none
	// loadMWh is the other customers' energy demand of the trial-year.
	loadMWh float64
	// base and others are the other customers' shortfall without and
	// with the carve-out, and baseMonths and othersMonths the same by
	// month.
	base, others             grid.Shortfall
	baseMonths, othersMonths monthTally
	// worse holds the hours in which the other customers lost more with
	// the carve-out than without.
	worse []int32
	// became holds the hours in which the other customers are short with
	// the carve-out and not without it; cleared those short without it
	// and not with it (see [deltaLOLEAcc]). The other customers' change
	// in short hours is len(became) − len(cleared).
	became, cleared []int32
	// cells is the worker's scratch for grouping became and cleared by
	// month and hour of day.
	cells *cellScratch
	// zones are each zone's outcome of the main case in a zonal study;
	// nil otherwise, and for the cases of the sweep.
	zones []zoneOutcome

	curtailedMWh    float64 // carve-out energy curtailed
	curtailedHours  int     // hours with a curtailment request
	shedMWh         float64 // carve-out energy shed
	servedMWh       float64 // carve-out energy served
	minerMWh        float64 // miner energy served
	minerFullMWh    float64 // miner energy at full power over the horizon; 0 without miners
	minerRevenueUSD float64 // miner revenue net of curtailment and shedding
	// cost is the main case's dispatch in a study with economics; nil
	// otherwise.
	cost *costOutcome
	// ctrl holds the trial's control-variate values; nil without.
	ctrl []float64
}

func (st *Study) newWorker() (*worker, error) {
	w := &worker{st: st, points: make([]point, len(st.sweepCases()))}
	var err error
	if st.z != nil {
		w.zw, err = st.newZoneWorker()
	} else {
		w.avail, err = st.fleet.NewAvailability()
	}
	if err != nil {
		return nil, err
	}
	for _, c := range st.sweepCases() {
		if c.offFleet != nil {
			a, err := c.offFleet.NewAvailability()
			if err != nil {
				return nil, err
			}
			w.offAvail = append(w.offAvail, a)
		}
	}
	if p := st.budget; p != nil {
		nz := 0
		if st.z != nil {
			nz = len(st.z.names)
		}
		if w.bud, err = p.newWorker(st.hours, nz); err != nil {
			return nil, err
		}
		w.budW0, w.budMax = make([]int64, st.hours), make([]int64, st.hours)
		w.budDelta, w.budHas = make([][]int64, len(st.cases)), make([]bool, len(st.cases))
		if nz > 0 {
			w.budW0z, w.budMaxZ = hourTable(nz, st.hours), hourTable(nz, st.hours)
			w.budDeltaZ = make([][][]int64, len(st.cases))
		}
		if st.cost != nil {
			for i := range w.budFz {
				for range p.fuels {
					w.budFz[i] = append(w.budFz[i], hourTable(max(nz, 1), st.hours))
				}
			}
		}
		// Cases sharing a schedule share its series.
		for i, j := range st.budgetSame {
			if j >= 0 {
				w.budDelta[i] = w.budDelta[j]
				if nz > 0 {
					w.budDeltaZ[i] = w.budDeltaZ[j]
				}
				continue
			}
			w.budDelta[i] = make([]int64, st.hours)
			if nz > 0 {
				w.budDeltaZ[i] = hourTable(nz, st.hours)
			}
		}
	}
	if st.cost != nil {
		var av *grid.NetworkAvailability
		if w.zw != nil {
			av = w.zw.av
		}
		if w.cost, err = st.newCostWorker(av); err != nil {
			return nil, err
		}
	}
	dem, err := demand.New(st.sc.Demand, st.hours)
	if err != nil {
		return nil, fmt.Errorf("study: scenario: %w", err) // "demand: …"
	}
	w.dem, w.sample = dem, dem.NewSample()
	if st.cv != nil {
		w.out.ctrl = make([]float64, len(st.cv.names))
		if st.cv.out != nil {
			if w.proxy, err = st.cv.out.newWorker(st.hours); err != nil {
				return nil, err
			}
		}
	}
	w.out.st, w.out.sample, w.out.cells = st, w.sample, newCellScratch()
	for i, name := range []string{StreamDemandLFU, StreamDemandWeather, StreamDemandHeatWave} {
		w.demKeys[i] = montecarlo.Key(name)
		w.demRand[i] = rand.New(&w.demPCG[i])
	}
	for i, name := range []string{StreamMiningPrice, StreamMiningJumps, StreamMiningFees, StreamMiningBlocks} {
		w.mineKeys[i] = montecarlo.Key(name)
		w.mineRand[i] = rand.New(&w.minePCG[i])
	}
	// The main case always runs the mining model (for the market charts
	// and revenue); others only when miners follow economics.
	w.mine = make([]*mining.Simulator, len(st.slotCase))
	w.minePaths = make([]*mining.Path, len(st.slotCase))
	for k, i := range st.slotCase {
		s, err := mining.NewSimulator(st.cases[i].model, st.hours)
		if err != nil {
			return nil, fmt.Errorf("study: scenario: carveout.mining: %w", err)
		}
		w.mine[k] = s
	}
	return w, nil
}

// trialFunc returns the worker's trial function. With samples, a trial
// that fails, panics or is cancelled before its sample is committed
// aborts the samples, so that no trial waits for it.
func (w *worker) trialFunc() montecarlo.TrialFunc[*State] {
	if w.samples == nil {
		return w.trial
	}
	return func(t montecarlo.Trial, acc *State) error {
		ok := false
		defer func() {
			if !ok {
				w.samples.ord.Abort()
			}
		}()
		err := w.trial(t, acc)
		ok = err == nil
		return err
	}
}

// trial simulates one trial-year and adds it to acc.
func (w *worker) trial(t montecarlo.Trial, acc *State) error {
	st := w.st
	// Demand.
	for i := range w.demPCG {
		t.Reseed(&w.demPCG[i], w.demKeys[i])
	}
	if err := w.dem.SampleInto(demand.Streams{LFU: w.demRand[0], Weather: w.demRand[1], HeatWave: w.demRand[2]}, w.sample); err != nil {
		return err
	}
	load := w.sample.Load
	if err := w.runMining(t); err != nil {
		return err
	}
	if st.cv != nil {
		c := st.mainCase()
		var miners []float64
		if c.slot >= 0 {
			miners = w.minePaths[c.slot].FleetMW
		}
		st.cv.controlValues(t, w.proxy, c, miners, load, w.sample.HeatWave, st.months, w.out.ctrl)
	}
	w.risky = w.risky[:0]
	w.riskyBase = w.riskyBase[:0]
	w.riskyMW = w.riskyMW[:0]
	w.out.baseMonths.reset()
	if w.zw != nil {
		w.zw.av.Sample(t, w.sample.ThermalFactor, w.heatSpans())
		if t.Cancelled() {
			return montecarlo.ErrCancelled
		}
		if w.bud != nil {
			w.scheduleBudgets(t)
			w.withhold(w.budW0z, -1)
		}
		if w.cost != nil {
			if err := w.sampleCost(t); err != nil {
				return err
			}
		}
		bt, energy := w.baselineZonal(load)
		w.out.trial, w.out.loadMWh, w.out.base = t.Index, energy, bt
		return w.scoreCases(t, acc)
	}
	// Outages, class by class, and the available capacity of each hour.
	w.capacity = w.avail.Sample(t, w.sample.ThermalFactor, w.heatSpans())
	if t.Cancelled() {
		// The draws may be incomplete (see grid.Availability.Sample).
		return montecarlo.ErrCancelled
	}
	if w.cost != nil {
		if err := w.sampleCost(t); err != nil {
			return err
		}
		if t.Cancelled() {
			return montecarlo.ErrCancelled
		}
	}
	if w.bud != nil {
		w.scheduleBudgets(t)
		for h, x := range w.budW0 {
			w.capacity[h] -= x
		}
	}
	avail := w.capacity
	fleet := st.fleet
	// Exact capacities are converted to MW only where an hour is risky;
	// the test for risk uses a product by the reciprocal, within an ulp of
	// the exact value, against the padded margin kmax.
	perUnit := 1 / fleet.UnitsPerMW()
	// Baseline.
	var bt grid.Shortfall
	bt.Reset()
	energy := 0.0
	// Risky hours: those where some case could shed or curtail. Elsewhere
	// the largest carve-out fits under the available capacity, now and at
	// every notice horizon, so every case serves everything there.
	kmax := st.kmax
	if len(st.notices) == 0 {
		// The common case, without notice horizons to look back at.
		for h, l := range load {
			energy += l
			if float64(avail[h]-w.budMaxAt(h))*perUnit-l < kmax {
				if u := w.addRisky(h, l, fleet.MW(avail[h])); u > 0 {
					bt.Add(h, u)
					w.out.baseMonths.add(st.months[h], u)
				}
			}
		}
	} else {
		// An hour short now is risky too (its margin is below 0 < kmax),
		// so the baseline is settled among the risky hours.
		for h, l := range load {
			energy += l
			m := avail[h] - w.budMaxAt(h)
			for _, n := range st.notices {
				hn := max(0, h-n)
				m = min(m, avail[hn]-w.budMaxAt(hn))
			}
			if float64(m)*perUnit-l < kmax {
				if u := w.addRisky(h, l, fleet.MW(avail[h])); u > 0 {
					bt.Add(h, u)
					w.out.baseMonths.add(st.months[h], u)
				}
			}
		}
	}
	w.out.trial, w.out.loadMWh, w.out.base = t.Index, energy, bt
	return w.scoreCases(t, acc)
}

// runMining runs the trial's mining paths, one per distinct size, each
// from the same streams.
func (w *worker) runMining(t montecarlo.Trial) error {
	for k, sim := range w.mine {
		if t.Cancelled() {
			return montecarlo.ErrCancelled
		}
		for j := range w.minePCG {
			t.Reseed(&w.minePCG[j], w.mineKeys[j])
		}
		mp, err := sim.Run(mining.Streams{Price: w.mineRand[0], Jumps: w.mineRand[1], Fees: w.mineRand[2], Blocks: w.mineRand[3]})
		if err != nil {
			return err
		}
		w.minePaths[k] = mp
	}
	return nil
}

// scoreCases scores every case on the trial's draws, once the baseline
// is settled, and adds the trial to acc.
func (w *worker) scoreCases(t montecarlo.Trial, acc *State) error {
	st := w.st
	// Carve-out cases on the same draws: the main case feeds every
	// result, each case of the sweep its point of the sweep. The sweep is
	// scored first, checking for cancellation between cases, and nothing
	// is added to acc until every case is scored, so that a cancelled
	// trial leaves acc untouched.
	sweep := st.sweepCases()
	costSweep := w.cost != nil && st.cost.econ.Sweep
	if w.cost != nil {
		if err := w.dispatchBase(t); err != nil {
			return err
		}
	}
	for i := range sweep {
		if i%cancelEvery == 0 && t.Cancelled() {
			return montecarlo.ErrCancelled
		}
		if c := &sweep[i]; c.offFleet != nil {
			// The offset units, on their own streams.
			if w.offNow = w.offAvail[c.offSlot].Sample(t, nil, nil); t.Cancelled() {
				return montecarlo.ErrCancelled
			}
		}
		if costSweep {
			w.cost.curt = w.cost.curt[:0]
			w.recordCurt = true
		}
		o := w.scoreBudgeted(&sweep[i], false)
		w.points[i] = pointOf(o)
		if costSweep {
			w.recordCurt = false
			if err := w.dispatchCase(t, &sweep[i]); err != nil {
				return err
			}
			w.points[i].setCost(&w.cost.out, o, &st.cost.econ)
		}
	}
	if w.cost != nil {
		w.cost.curt = w.cost.curt[:0]
		w.recordCurt = true
	}
	main := w.scoreBudgeted(st.mainCase(), true)
	main.cost = nil
	if w.cost != nil {
		w.recordCurt = false
		if t.Cancelled() {
			return montecarlo.ErrCancelled
		}
		if err := w.dispatchCase(t, st.mainCase()); err != nil {
			return err
		}
		main.cost = &w.cost.out
	}
	// The sample's slot is reserved (which may wait for room, or find the
	// run cancelled) before anything is added to acc.
	var sample *Sample
	if w.samples != nil {
		var err error
		if sample, err = w.samples.reserve(t, main); err != nil {
			return err
		}
	}
	acc.add(main)
	for i, p := range w.points {
		acc.Sweep[i].add(p)
		if ref := sweep[i].ref; ref >= 0 {
			acc.Sweep[i].addVs(p, w.points[ref])
		}
	}
	if sample != nil {
		w.samples.ord.Commit(t.Index)
	}
	return nil
}

// score scores case c on the worker's draws, over the network in a
// zonal study (recording the zones' outcomes when main is set).
func (w *worker) score(c *caseSpec, main bool) *outcome {
	if w.zw == nil {
		return w.scoreCase(c)
	}
	o := w.scoreCaseZonal(c, main)
	o.zones = nil
	if main {
		o.zones = w.zw.zones
	}
	return o
}

// cancelEvery is how many sweep cases a trial scores between checks of
// [montecarlo.Trial.Cancelled]. A case takes at most a few milliseconds
// (one pass over the horizon's risky hours).
const cancelEvery = 8

// scoreCase settles case c on the worker's draws and returns its
// outcome. Outside the risky hours every load is served in full, so only
// risky hours are settled one by one; the carve-out's served energy and
// the miners' revenue start from the year's totals and lose what the
// risky hours take away.
func (w *worker) scoreCase(c *caseSpec) *outcome {
	st := w.st
	p := c.policy
	load, avail, fleet := w.sample.Load, w.capacity, st.fleet
	var mp *mining.Path
	if c.slot >= 0 {
		mp = w.minePaths[c.slot]
	}
	interruptible := p.Kind == Interruptible
	capLeft := p.MaxCurtailedHours
	if capLeft == 0 {
		capLeft = math.MaxInt
	}
	out := &w.out
	out.path = mp
	out.worse = out.worse[:0]
	out.became, out.cleared = out.became[:0], out.cleared[:0]
	out.othersMonths.reset()
	var ct grid.Shortfall // settled on the stack, then copied to out
	ct.Reset()
	// Whole-year totals if nothing were curtailed or shed.
	minerYear, aiYear, revenue := c.minerMW*float64(st.hours), c.aiYear, 0.0
	if mp != nil {
		minerYear, revenue = mp.FleetEnergyMWh, mp.FleetRevenueUSD
	}
	var curtailed, shed, minerLost float64
	curtailedHours := 0
	day := -1
	revPerMWh := 0.0
	for r, h32 := range w.risky {
		h := int(h32)
		l := load[h]
		hod := h % 24
		miner, ai := c.minerMW, c.aiMW[hod]
		if mp != nil {
			miner = mp.FleetMW[h]
		}
		firm, flex := ai+miner, 0.0
		if interruptible {
			firm, flex = ai, miner
			if p.AIInterruptible {
				firm, flex = 0, miner+ai
			}
		}
		a := w.riskyMW[r]
		var dW []int64
		if w.bud != nil && w.budHas[c.idx] {
			dW = w.budDelta[c.idx]
			a = fleet.MW(avail[h] - dW[h])
		}
		total := firm + flex
		request := 0.0
		if interruptible && flex > 0 && capLeft > 0 {
			hn := max(0, h-p.NoticeHours)
			af := fleet.MW(avail[hn])
			if dW != nil {
				af = fleet.MW(avail[hn] - dW[hn])
			}
			need := l + firm + flex - af
			if c.hasOff {
				need = l + (firm + flex - w.offsetMW(c, hn)) - af
			}
			if need > 0 {
				request = min(flex, need)
				capLeft--
				curtailedHours++
			}
		}
		var o hourOutcome
		if c.hasOff {
			off := w.offsetMW(c, h)
			if request == 0 && l+(total-off) <= a {
				continue // everything is served
			}
			o = serveHourOffset(l, firm, flex, a, off, request, p.Compliance)
		} else {
			if request == 0 && l+total <= a {
				continue // everything is served
			}
			o = serveHour(l, firm, flex, a, request, p.Compliance)
		}
		curtailed += o.curtailed
		if w.recordCurt && o.curtailed > 0 {
			w.cost.curt = append(w.cost.curt, curtailment{h32, o.curtailed})
		}
		shed += o.carveShed
		// Miners bear curtailment first, then their pro-rata share of
		// the shedding of what remains.
		m := miner
		if interruptible {
			m -= min(miner, o.curtailed)
		}
		if rest := total - o.curtailed; rest > 0 {
			m -= o.carveShed * m / rest
		}
		m = max(0, m)
		if lost := miner - m; lost > 0 {
			minerLost += lost
			if mp != nil {
				if d := h / 24; d != day {
					day = d
					revPerMWh = mining.RevenuePerMWh(mp.Hashprice[d], c.model.Fleet.JPerTH, c.model.Fleet.PUE)
				}
				revenue -= lost * revPerMWh
			}
		}
		if o.others > 0 {
			ct.Add(h, o.others)
			out.othersMonths.add(st.months[h], o.others)
			if o.others > w.riskyBase[r] {
				out.worse = append(out.worse, h32)
			}
			if w.riskyBase[r] == 0 {
				out.became = append(out.became, h32)
			}
		} else if w.riskyBase[r] > 0 {
			out.cleared = append(out.cleared, h32)
		}
	}
	out.others = ct
	out.curtailedMWh, out.curtailedHours, out.shedMWh = curtailed, curtailedHours, shed
	out.servedMWh = minerYear + aiYear - curtailed - shed
	out.minerMWh = minerYear - minerLost
	out.minerFullMWh = c.minerMW * float64(st.hours)
	out.minerRevenueUSD = revenue
	return out
}

// heatSpans returns the trial's heat-wave hours as sorted, disjoint runs
// [start, end) (heat waves may overlap), or nil when the fleet has no
// heat-derated class or the trial no heat wave.
func (w *worker) heatSpans() [][2]int {
	if !w.st.heat || w.sample.HeatWaveHours == 0 {
		return nil
	}
	return w.sample.HeatWaveSpans()
}

// addRisky records hour h, of load l MW and available capacity a MW, as a
// risky hour, and returns the other customers' unserved energy in it
// without the carve-out (0 when a covers l). Both scans of the trial call
// it; it runs only in risky hours.
func (w *worker) addRisky(h int, l, a float64) float64 {
	u := 0.0
	if a < l {
		u = l - a
	}
	w.risky = append(w.risky, int32(h))
	w.riskyBase = append(w.riskyBase, u)
	w.riskyMW = append(w.riskyMW, a)
	return u
}
