package study

import (
	"math"
	"slices"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/mining"
)

// zoneWorker is a worker's scratch memory for a zonal study.
type zoneWorker struct {
	av        *grid.NetworkAvailability
	load      []float64      // each zone's other customers' load in the hour
	with      []float64      // each zone's load with the carve-out
	unserved  []float64      // each zone's unserved energy, from Settle
	others    []float64      // each zone's other customers' unserved energy in the hour (main case)
	riskyBase []float64      // baseline unserved of each risky hour and zone, r·zones + z
	hr        []float64      // the hour's headroom at each site (see grid.NetworkAvailability.Headroom)
	riskyHr   []float64      // headroom of each risky hour at each site, r·sites + j
	baseline  grid.Shortfall // the baseline's shortfall, as the hours are screened
	zones     []zoneOutcome
}

func (st *Study) newZoneWorker() (*zoneWorker, error) {
	av, err := st.z.net.NewAvailability()
	if err != nil {
		return nil, err
	}
	n := len(st.z.names)
	return &zoneWorker{av: av, load: make([]float64, n), with: make([]float64, n), unserved: make([]float64, n),
		others: make([]float64, n), hr: make([]float64, len(st.z.sites)), zones: make([]zoneOutcome, n)}, nil
}

// zoneLoads fills zw.load with each zone's share of the national load l
// in month m.
func (st *Study) zoneLoads(zw *zoneWorker, l float64, m int8) {
	for z := range zw.load {
		zw.load[z] = st.z.share[z][m] * l
	}
}

// baselineZonal settles the baseline of the network's sampled trial:
// the risky hours are settled over the network, and every other hour
// serves every load in every case. An hour is risky when the headroom at
// some site of the study's cases (the extra load the network can serve
// there, with the least capacities over the hour and its notice
// horizons) is below the largest carve-out at that site; it is settled
// and its headroom at each site kept for the cases' own screens. It fills
// the system's and each zone's baseline shortfall and load energy.
func (w *worker) baselineZonal(load []float64) (bt grid.Shortfall, energy float64) {
	st, zw, z := w.st, w.zw, w.st.z
	zw.baseline.Reset()
	w.out.baseMonths.reset()
	for k := range zw.zones {
		zo := &zw.zones[k]
		zo.base.Reset()
		zo.baseMonths.reset()
		zo.loadMWh = 0
	}
	zw.riskyBase = zw.riskyBase[:0]
	zw.riskyHr = zw.riskyHr[:0]
	back := 0
	for _, n := range st.notices {
		back = max(back, n)
	}
	for s := 0; s < len(load); s += screenBlock {
		e := min(s+screenBlock, len(load))
		// Each zone's largest load over the block; a block whose
		// headroom at every site clears its largest carve-out with the
		// least capacities of the block (and of its notice horizons)
		// is safe in every hour.
		if m := st.months[s]; m == st.months[e-1] {
			// Within one month every zone's load is its share of the
			// national load, so the largest comes with the national
			// largest, and each zone's energy with the block's.
			lmax, sum := 0.0, 0.0
			for _, l := range load[s:e] {
				energy += l // hour by hour, in the copper plate's order
				sum += l
				lmax = max(lmax, l)
			}
			for k := range zw.load {
				zw.load[k] = z.share[k][m] * lmax
				zw.zones[k].loadMWh += z.share[k][m] * sum
			}
		} else {
			clear(zw.load)
			for h := s; h < e; h++ {
				l, m := load[h], st.months[h]
				energy += l
				for k := range zw.load {
					lz := z.share[k][m] * l
					zw.zones[k].loadMWh += lz
					zw.load[k] = max(zw.load[k], lz)
				}
			}
		}
		if w.budMaxZ != nil {
			// The most any case's fuel budgets withhold beyond the
			// baseline's, as load: a lower bound of every case's headroom.
			for k, d := range w.budMaxZ {
				if x := slices.Max(d[max(0, s-back):e]); x > 0 {
					zw.load[k] += z.net.MW(x)
				}
			}
		}
		zw.av.HeadroomOver(s-back, e, zw.load, 1, z.screen, zw.hr)
		safe := true
		for j, hr := range zw.hr {
			safe = safe && hr >= z.siteMax[j]
		}
		if safe {
			continue
		}
		for h := s; h < e; h++ {
			w.screenHour(h, load[h])
		}
	}
	bt = w.zw.baseline
	return bt, energy
}

// screenBlock is the number of hours screened at once by their least
// capacities and largest loads (a judgement: long enough to spare most
// hours the per-hour screen, short enough that outages rarely fall in a
// block).
const screenBlock = 24

// screenHour screens hour h, of national load l, for every site of the
// study, and settles its baseline when it is risky.
func (w *worker) screenHour(h int, l float64) {
	st, zw, z := w.st, w.zw, w.st.z
	st.zoneLoads(zw, l, st.months[h])
	screen := zw.load
	if w.budMaxZ != nil {
		// As in baselineZonal, the cases' extra withheld capacity as load
		// (the most over the hour and its notice horizons).
		screen = zw.with
		for k, d := range w.budMaxZ {
			x := d[h]
			for _, n := range st.notices {
				x = max(x, d[max(0, h-n)])
			}
			screen[k] = zw.load[k]
			if x > 0 {
				screen[k] += z.net.MW(x)
			}
		}
	}
	zw.av.Headroom(h, st.notices, screen, 1, z.screen, zw.hr)
	risky := false
	for j, hr := range zw.hr {
		risky = risky || hr < z.siteMax[j]
	}
	if !risky {
		return
	}
	u := zw.av.Settle(h, zw.load, 1, zw.unserved)
	w.risky = append(w.risky, int32(h))
	w.riskyBase = append(w.riskyBase, u)
	zw.riskyBase = append(zw.riskyBase, zw.unserved...)
	zw.riskyHr = append(zw.riskyHr, zw.hr...)
	m := st.months[h]
	if u > 0 {
		zw.baseline.Add(h, u)
		w.out.baseMonths.add(m, u)
	}
	for k, uz := range zw.unserved {
		if uz > 0 {
			zw.zones[k].base.Add(h, uz)
			zw.zones[k].baseMonths.add(m, uz)
		}
	}
}

// scoreCaseZonal is scoreCase for a zonal study: in each risky hour the
// carve-out's load is added at its site, the curtailment request is what
// its flexible load adds to the network's unserved energy at the notice
// horizon, and the hour is settled over the network; in each zone that
// hosts part of the carve-out, the zone's unserved energy is shared
// between its other customers and the carve-out pro rata to their load,
// as on a copper plate. With zones set, the zones' outcomes are
// recorded too (the main case).
func (w *worker) scoreCaseZonal(c *caseSpec, zones bool) *outcome {
	st, zw := w.st, w.zw
	p := c.policy
	load := w.sample.Load
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
	nz := len(zw.load)
	if zones {
		for k := range zw.zones {
			zo := &zw.zones[k]
			zo.others.Reset()
			zo.othersMonths.reset()
			zo.worse = zo.worse[:0]
			zo.became, zo.cleared = zo.became[:0], zo.cleared[:0]
		}
	}
	var ct grid.Shortfall
	ct.Reset()
	minerYear, aiYear, revenue := c.minerMW*float64(st.hours), c.aiYear, 0.0
	if mp != nil {
		minerYear, revenue = mp.FleetEnergyMWh, mp.FleetRevenueUSD
	}
	var curtailed, shed, minerLost float64
	curtailedHours := 0
	day := -1
	revPerMWh := 0.0
	site := c.site
	ns := len(zw.hr)
	for r, h32 := range w.risky {
		if w.riskyBase[r] == 0 && zw.riskyHr[r*ns+c.siteIdx] >= c.pad {
			continue // the network serves the whole carve-out, now and at every horizon
		}
		h := int(h32)
		l := load[h]
		miner, ai := c.minerMW, c.aiMW[h%24]
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
		st.zoneLoads(zw, l, st.months[h])
		request := 0.0
		if interruptible && flex > 0 && capLeft > 0 {
			// What the flexible load adds to the unserved energy at the
			// notice horizon: the hour's loads against that hour's
			// capacities.
			nh := max(0, h-p.NoticeHours)
			if u1 := w.settleCase(c, nh, site, firm+flex); u1 > 0 {
				if need := u1 - w.settleCase(c, nh, site, firm); need > 0 {
					request = min(flex, need)
					capLeft--
					curtailedHours++
				}
			}
		}
		delivered := request
		if p.Compliance != 1 {
			delivered = request * p.Compliance
		}
		rest := firm + (flex - delivered) // carve-out load still served
		if delivered == flex {
			rest = firm
		}
		curtailed += delivered
		if w.recordCurt && delivered > 0 {
			w.cost.curt = append(w.cost.curt, curtailment{h32, delivered})
		}
		if rest <= 0 {
			rest = 0
		}
		var u float64
		if delivered > 0 && rest > firm && c.oneZone {
			// As on a copper plate: where the curtailment delivered
			// covers what the flexible load adds to the hour's shortfall,
			// the hour settles as with the firm load alone (the same
			// value, without the rounding of a third settlement). This
			// holds for a site in one zone, where the unserved energy
			// grows with the site's load at slope 0, then 1; with shares
			// in several zones the slopes are fractional, and the load
			// left running is settled as it is.
			u1 := w.settleCase(c, h, site, firm+flex)
			if u = w.settleCase(c, h, site, firm); u1-u > delivered {
				u = w.settleCase(c, h, site, rest)
			}
		} else {
			u = w.settleCase(c, h, site, rest)
		}
		carveShed, others := 0.0, 0.0
		base := zw.riskyBase[r*nz : (r+1)*nz]
		if zones {
			clear(zw.others)
		}
		if u > 0 {
			for k, uz := range zw.unserved {
				if uz <= 0 {
					continue
				}
				oz := uz
				if cz := site[k] * rest; cz > 0 {
					oz = uz * (zw.load[k] / (zw.load[k] + cz))
					carveShed += uz - oz
				}
				others += oz
				if zones && oz > 0 {
					zw.others[k] = oz
					zo := &zw.zones[k]
					zo.others.Add(h, oz)
					zo.othersMonths.add(st.months[h], oz)
					if oz > base[k] {
						zo.worse = append(zo.worse, h32)
					}
				}
			}
		}
		if zones {
			// Each zone's hours that became short with the carve-out, or
			// stopped being short.
			for k, oz := range zw.others {
				zo := &zw.zones[k]
				switch {
				case oz > 0 && base[k] == 0:
					zo.became = append(zo.became, h32)
				case oz == 0 && base[k] > 0:
					zo.cleared = append(zo.cleared, h32)
				}
			}
		}
		shed += carveShed
		if others > 0 {
			ct.Add(h, others)
			out.othersMonths.add(st.months[h], others)
			if others > w.riskyBase[r] {
				out.worse = append(out.worse, h32)
			}
			if w.riskyBase[r] == 0 {
				out.became = append(out.became, h32)
			}
		} else if w.riskyBase[r] > 0 {
			out.cleared = append(out.cleared, h32)
		}
		if delivered == 0 && carveShed == 0 {
			continue
		}
		// Miners bear curtailment first, then their pro-rata share of
		// the shedding of what remains (as scoreCase).
		m := miner
		if interruptible {
			m -= min(miner, delivered)
		}
		if total := firm + flex - delivered; total > 0 {
			m -= carveShed * m / total
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
	}
	out.others = ct
	out.curtailedMWh, out.curtailedHours, out.shedMWh = curtailed, curtailedHours, shed
	out.servedMWh = minerYear + aiYear - curtailed - shed
	out.minerMWh = minerYear - minerLost
	out.minerFullMWh = c.minerMW * float64(st.hours)
	out.minerRevenueUSD = revenue
	return out
}

// settleWith settles hour h of the sample with the zones' loads in
// zw.load plus a carve-out of mw MW spread by site, and returns the
// least total unserved energy, each zone's in zw.unserved.
func (w *worker) settleWith(h int, site []float64, mw float64) float64 {
	zw := w.zw
	for k, l := range zw.load {
		zw.with[k] = l
		if s := site[k]; s > 0 && mw > 0 {
			zw.with[k] = l + s*mw
		}
	}
	return zw.av.Settle(h, zw.with, 1, zw.unserved)
}
