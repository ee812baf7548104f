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
	risky     []int32   // hours where some case may shed or curtail
	riskyBase []float64 // baseline unserved energy of each risky hour
	riskyMW   []float64 // available capacity of each risky hour, MW
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
		return nil, fmt.Errorf("study: scenario: %w", err) // "demand: …"
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
			return nil, fmt.Errorf("study: scenario: carveout.mining: %w", err)
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
	w.riskyMW = w.riskyMW[:0]
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
				w.riskyMW = append(w.riskyMW, a)
			}
		}
	} else {
		// An hour short now is risky too (its margin is below 0 < kmax),
		// so the baseline is settled among the risky hours.
		for h, l := range load {
			energy += l
			m := avail[h]
			for _, n := range st.notices {
				m = min(m, avail[max(0, h-n)])
			}
			if float64(m)*perUnit-l < kmax {
				a := fleet.MW(avail[h])
				u := 0.0
				if a < l {
					u = l - a
					bt.Add(h, u)
				}
				w.risky = append(w.risky, int32(h))
				w.riskyBase = append(w.riskyBase, u)
				w.riskyMW = append(w.riskyMW, a)
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
	capLeft := p.MaxCurtailedHours
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
		a := w.riskyMW[r]
		total := firm + flex
		request := 0.0
		if interruptible && flex > 0 && capLeft > 0 {
			af := fleet.MW(avail[max(0, h-p.NoticeHours)])
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
			acc.Hashprice[k].Add(math.Log10(mining.THPerPH * mp.Hashprice[d]))
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
