package study

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/hourcal"
	"github.com/carveout/carveout/mining"
	"github.com/carveout/carveout/montecarlo"
)

// Stream names of the study's stochastic components besides the units'
// outages ("outage/<unit>"). Each has its own stream, so changing one model
// leaves the others' draws unchanged (common random numbers).
const (
	StreamDemandLFU      = "demand/lfu"
	StreamDemandWeather  = "demand/weather"
	StreamDemandHeatWave = "demand/heatwave"
	StreamMiningPrice    = "mining/price"
	StreamMiningJumps    = "mining/jumps"
	StreamMiningFees     = "mining/fees"
	StreamMiningBlocks   = "mining/blocks"
)

// maxConvergencePoints bounds the convergence record of a study: trials are
// grouped into at most this many equal blocks.
const maxConvergencePoints = 200

// Study is a compiled [Scenario], ready to run. Build it with [NewStudy];
// it is read-only and may be shared by goroutines.
type Study struct {
	sc        Scenario // with defaults
	hash      string
	hours     int
	fleet     *grid.Fleet
	months    []int8 // month of each hour, 0 = January
	cellHours [12][24]int64
	cases     []caseSpec // cases[0] is the main case
	slotCase  []int      // for each mining simulation, the first case using it
	kmax      float64    // margin below which an hour is risky (largest carve-out, padded)
	notices   []int      // distinct notice periods of interruptible cases
	convBlock int64
}

// caseSpec is one carve-out size and policy scored in every trial.
type caseSpec struct {
	mw      float64
	policy  Policy
	model   mining.Model // fleet and AI sized for mw
	economy bool         // miners decide by economics: needs the mining path
	aiMW    [24]float64  // AI grid draw by hour of day
	minerMW float64
	slot    int     // index of the mining simulation this case reads, −1 for none
	aiYear  float64 // AI energy of a trial-year (MWh)
}

// NewStudy validates the scenario and compiles it.
func NewStudy(sc *Scenario) (*Study, error) {
	if sc == nil {
		return nil, fmt.Errorf("grid: scenario is nil")
	}
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	d := sc.withDefaults()
	st := &Study{sc: d, hash: d.Hash(), hours: d.Hours}
	st.months = make([]int8, d.Hours)
	for h := range st.months {
		st.months[h] = int8(hourcal.MonthOfHour(h))
	}
	st.cellHours = hourcal.CellHours(d.Hours)
	units := make([]grid.Unit, len(d.Fleet))
	for i, u := range d.Fleet {
		units[i] = u.Unit
	}
	fleet, err := grid.NewFleet(units, d.Classes, d.Hours)
	if err != nil {
		return nil, fmt.Errorf("grid: scenario: fleet: %w", err)
	}
	st.fleet = fleet
	// Cases: the main one, then the sweep (sizes × policies). A sweep
	// point equal to the main case is scored again (its draws are the
	// same, so its numbers are too).
	main, err := newCase(d.Carveout.MW, d.Carveout, d.Carveout.Policy, d.Hours)
	if err != nil {
		return nil, err
	}
	st.cases = append(st.cases, main)
	policies := d.Sweep.Policies
	if len(policies) == 0 && len(d.Sweep.SizesMW) > 0 {
		policies = []Policy{d.Carveout.Policy}
	}
	for _, p := range policies {
		for _, mw := range d.Sweep.SizesMW {
			c, err := newCase(mw, d.Carveout, p.withDefaults(), d.Hours)
			if err != nil {
				return nil, err
			}
			st.cases = append(st.cases, c)
		}
	}
	// Cases of the same size share one mining simulation: its draws come
	// from the same streams, so the path would be identical.
	var slotMW []float64
	for i := range st.cases {
		c := &st.cases[i]
		c.slot = -1
		if i > 0 && !c.economy {
			continue
		}
		c.slot = slices.Index(slotMW, c.mw)
		if c.slot < 0 {
			c.slot = len(slotMW)
			slotMW = append(slotMW, c.mw)
			st.slotCase = append(st.slotCase, i)
		}
	}
	// An hour is risky for every case when its margin, now or at any
	// notice horizon, is below the largest carve-out. The padding keeps
	// rounding in the hourly arithmetic on the safe side.
	for i := range st.cases {
		c := &st.cases[i]
		st.kmax = max(st.kmax, c.mw)
		if c.policy.Kind == Interruptible && c.policy.NoticeH > 0 && !slices.Contains(st.notices, c.policy.NoticeH) {
			st.notices = append(st.notices, c.policy.NoticeH)
		}
	}
	st.kmax = st.kmax*(1+1e-9) + 1e-6
	st.convBlock = max(100, (d.Trials+maxConvergencePoints-1)/maxConvergencePoints)
	// Check that every piece compiles (errors surface here, not in a
	// worker).
	if _, err := st.newWorker(); err != nil {
		return nil, err
	}
	return st, nil
}

// newCase sizes the mining fleet and AI load of a carve-out of mw MW. co
// has its defaults.
func newCase(mw float64, co Carveout, p Policy, hours int) (caseSpec, error) {
	m := co.Mining
	m.Fleet.MW = mw * co.MiningShare
	c := caseSpec{mw: mw, policy: p, model: m, economy: m.Fleet.Economic, minerMW: m.Fleet.MW}
	c.aiMW = co.AI.mwByHour(mw * (1 - co.MiningShare))
	c.aiYear = yearMWh(&c.aiMW, hours)
	if err := m.Validate(); err != nil {
		return c, fmt.Errorf("grid: scenario (carve-out of %v MW): %w", mw, input.In(err, "carveout.mining"))
	}
	return c, nil
}

// Hash returns the scenario hash recorded in reports.
func (st *Study) Hash() string { return st.hash }

// Scenario returns the scenario with its defaults filled in.
func (st *Study) Scenario() Scenario { return st.sc }

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
	risky     []int32   // hours where some case may shed or curtail
	riskyBase []float64 // baseline unserved energy of each risky hour
	energy    float64
}

func (st *Study) newWorker() (*worker, error) {
	av, err := st.fleet.NewAvailability()
	if err != nil {
		return nil, err
	}
	w := &worker{st: st, avail: av}
	dem, err := demand.New(st.sc.Demand, st.hours)
	if err != nil {
		return nil, fmt.Errorf("grid: scenario: %w", err) // "demand: …"
	}
	w.dem, w.sample = dem, dem.NewSample()
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
			return nil, fmt.Errorf("grid: scenario: carveout.mining: %w", err)
		}
		w.mine[k] = s
	}
	return w, nil
}

// trial simulates one trial-year and adds it to acc.
func (w *worker) trial(t montecarlo.Trial, acc *StudyAcc) error {
	st := w.st
	// Demand.
	for i := range w.demPCG {
		t.Reseed(&w.demPCG[i], w.demKeys[i])
	}
	if err := w.dem.SampleInto(demand.Streams{LFU: w.demRand[0], Weather: w.demRand[1], HeatWave: w.demRand[2]}, w.sample); err != nil {
		return err
	}
	load := w.sample.Load
	// Outages, class by class, and the available capacity of each hour.
	w.capacity = w.avail.Sample(t, w.sample.ThermalFactor, w.heatSpans())
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
	w.risky = w.risky[:0]
	w.riskyBase = w.riskyBase[:0]
	kmax := st.kmax
	if len(st.notices) == 0 {
		// The common case, without notice horizons to look back at.
		for h, l := range load {
			energy += l
			if float64(avail[h])*perUnit-l < kmax {
				a := fleet.MW(avail[h])
				u := 0.0
				if a < l {
					u = l - a
					bt.Add(h, u)
				}
				w.risky = append(w.risky, int32(h))
				w.riskyBase = append(w.riskyBase, u)
			}
		}
	} else {
		for h, l := range load {
			energy += l
			a := fleet.MW(avail[h])
			u := 0.0
			if a < l {
				u = l - a
				bt.Add(h, u)
			}
			m := avail[h]
			for _, n := range st.notices {
				m = min(m, avail[max(0, h-n)])
			}
			if float64(m)*perUnit-l < kmax {
				w.risky = append(w.risky, int32(h))
				w.riskyBase = append(w.riskyBase, u)
			}
		}
	}
	w.energy = energy
	acc.Baseline.AddShortfall(&bt, energy)
	acc.EUEBase.Add(math.Log10(1 + bt.UnservedMWh))
	acc.HeatWaveHours.Add(float64(w.sample.HeatWaveHours))
	acc.LFUScale.Add(w.sample.LFUScale)

	// Mining paths, one per distinct size, each from the same streams.
	for k, sim := range w.mine {
		for j := range w.minePCG {
			t.Reseed(&w.minePCG[j], w.mineKeys[j])
		}
		mp, err := sim.Run(mining.Streams{Price: w.mineRand[0], Jumps: w.mineRand[1], Fees: w.mineRand[2], Blocks: w.mineRand[3]})
		if err != nil {
			return err
		}
		w.minePaths[k] = mp
	}
	// Carve-out cases on the same draws.
	for i := range st.cases {
		var mp *mining.Path
		if s := st.cases[i].slot; s >= 0 {
			mp = w.minePaths[s]
		}
		w.scoreCase(t, i, mp, &bt, acc)
	}
	return nil
}

// scoreCase settles case i and records it. Outside the risky hours every
// load is served in full, so only risky hours are settled one by one; the
// carve-out's served energy and the miners' revenue start from the year's
// totals and lose what the risky hours take away.
func (w *worker) scoreCase(t montecarlo.Trial, i int, mp *mining.Path, bt *grid.Shortfall, acc *StudyAcc) {
	st := w.st
	c := &st.cases[i]
	p := c.policy
	load, avail, fleet := w.sample.Load, w.capacity, st.fleet
	interruptible := p.Kind == Interruptible
	capLeft := p.MaxCurtailedH
	if capLeft == 0 {
		capLeft = math.MaxInt
	}
	var ct grid.Shortfall
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
		a := fleet.MW(avail[h])
		total := firm + flex
		request := 0.0
		if interruptible && flex > 0 && capLeft > 0 {
			af := fleet.MW(avail[max(0, h-p.NoticeH)])
			if need := l + firm + flex - af; need > 0 {
				request = min(flex, need)
				capLeft--
				curtailedHours++
			}
		}
		if request == 0 && l+total <= a {
			continue // everything is served
		}
		o := serveHour(l, firm, flex, a, request, p.Compliance)
		curtailed += o.curtailed
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
		}
		if i == 0 && o.others > w.riskyBase[r] {
			acc.Incremental[st.months[h]][hod]++
		}
	}
	served := minerYear + aiYear - curtailed - shed
	minerServed := minerYear - minerLost
	dEUE := ct.UnservedMWh - bt.UnservedMWh
	causes := ct.UnservedMWh > bt.UnservedMWh
	if i > 0 {
		sw := &acc.Sweep[i-1]
		sw.Causes.Add(causes)
		sw.DeltaLOLE.Add(float64(ct.Hours - bt.Hours))
		sw.DeltaEUE.Add(dEUE)
		return
	}
	m := &acc.Main
	m.Others.AddShortfall(&ct, w.energy)
	m.Causes.Add(causes)
	m.DeltaLOLE.Add(float64(ct.Hours - bt.Hours))
	m.DeltaLOLF.Add(float64(ct.Events - bt.Events))
	m.DeltaEUE.Add(dEUE)
	m.Attributable.Add(dEUE, ct.UnservedMWh)
	m.CurtailedMWh.Add(curtailed)
	m.CurtailedHours.Add(float64(curtailedHours))
	m.ShedMWh.Add(shed)
	m.ServedMWh.Add(served)
	m.MinerMWh.Add(minerServed)
	m.MinerRevenueUSD.Add(revenue)
	if full := c.minerMW * float64(st.hours); full > 0 {
		m.MinerUtilisation.Add(minerServed / full)
	}
	acc.EUECarve.Add(math.Log10(1 + ct.UnservedMWh))
	if b := t.Index / st.convBlock; b < int64(len(acc.Conv)) {
		acc.Conv[b].Causes.Add(causes)
		acc.Conv[b].DeltaEUE.Add(dEUE)
	}
	if mp != nil {
		for k := range acc.Price {
			d := 7 * k
			if d >= len(mp.PriceUSD) {
				break
			}
			acc.Price[k].Add(math.Log10(mp.PriceUSD[d]))
			acc.Hashprice[k].Add(math.Log10(1000 * mp.Hashprice[d]))
			u, n := 0.0, 0
			for e := d; e < min(d+7, len(mp.FleetUtilisation)); e++ {
				u += mp.FleetUtilisation[e]
				n++
			}
			acc.Utilisation[k].Add(u / float64(n))
		}
	}
}

// heatSpans returns the trial's heat-wave hours as sorted, disjoint runs
// [start, end) (heat waves may overlap), or nil when the fleet has no
// heat-derated class or the trial no heat wave.
func (w *worker) heatSpans() [][2]int {
	if !w.st.fleet.HeatDerated() || w.sample.HeatWaveHours == 0 {
		return nil
	}
	return w.sample.HeatWaveSpans()
}
