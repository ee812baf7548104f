package grid

import (
	"math"
	"slices"
)

// DispatchWorker dispatches the hours of one trial after another for a
// [Dispatch]: one goroutine's scratch memory, bound to the
// [NetworkAvailability] whose draws it dispatches. It is not safe for
// concurrent use; after the first trial it does not allocate.
//
// A trial is dispatched as:
//
//	av.Sample(t, thermal, spans) // the trial's outages, as for adequacy
//	dw.Prepare()                 // the tiers' capacities from the same draws
//	for h := range hours {
//		dw.Hour(h, load, 1, base)    // each case on its own totals
//		dw.Hour(h, withLoad, 1, with)
//	}
//
// # Speed
//
// The worker keeps no hourly table of the tiers' capacities. Prepare
// sorts the trial's changes of the units' capacity by hour; each
// [DispatchTotals] then follows them as its hours advance (its cursor
// knows the first hour at which a change or a new month is due, so an
// hour without one tests one integer), keeping each zone's place in the
// merit order and the capacity below it up to date, so that an hour
// costs O(zones) plus the changes since the last one, and a tier's
// energy is summed over the whole stretch of hours in which it runs
// flat out rather than hour by hour (a monthly class's factors over a
// stretch come from their sums at each month's start, exactly). Tiers
// with an hourly profile (wind, solar) are the base block: every tier
// up to the last of them in the merit order, whose capacity the zone's
// adequacy capacity less the rest gives in O(1).
//
// An hour takes a fast path when the network serves every zone's load
// and the base block runs flat out. A zone that cannot cover its own
// load (one that imports in every hour, as a city behind its link does)
// is no reason to leave it: the worker folds the tree as the settlement
// does, in O(zones), and settles only an hour the fold does not clear
// with its margin. The zones are grouped into islands by the totals'
// pattern of binding interfaces (one island per connected part when
// none binds: the copper plate), each island clears on its own merit
// order with the binding interfaces at their limits (its marginal tier
// moved from the hour before's, through tables of each zone's next and
// previous tier), and the dispatch is taken if the flows fit the free
// interfaces and every binding one carries power from the cheaper
// island to the dearer: the conditions for the least-cost dispatch,
// checked in O(zones). If an interface fails them, the pattern changes
// for it and the hour is tried again, so the pattern follows the loads;
// so it does when an island's merit order runs out (an interface
// exporting from it at its limit is freed) or its base block would not
// run flat out (one importing into it is). A per-hour reduction of some
// tiers' capacity (the heat wave's derate) is applied to the stack for
// the hour and taken off after. Any other hour (short, curtailing the
// base block, or not settled in three tries) is solved from scratch, in
// O(zones × tiers), and teaches the totals its pattern.
//
// The fast path's common case is one function (quick, or quickIslands
// under a pattern with several islands): one pass over the zones for
// the fold's surpluses, the loads on the stacks and their sums, the
// marginal tiers moved, then one walk of the tree, leaf to root, that
// checks the flows and, when some zone is short on its own, runs the
// fold (a flow to a parent that is the next step is carried in a
// register). The sums are those of the general path, in the same order,
// so the results do not depend on the path an hour takes, bit for bit.
// Measured on one paired trial-year of the zonal Pakistan scenario with
// its carve-out in the south (study's BenchmarkPakistanDispatch, 17,520
// hour-dispatches, on a shared two-core AMD EPYC), the dispatch's share
// of a trial went from about 2.64 ms to 1.87 ms (2.96 to 2.19 ms with
// the adequacy trial), and, counted with cachegrind, from 24.4 to 17.7
// million instructions: about 695 per hour-dispatch before, 505 after.
// Of what is left, quick takes about 480 instructions a call, the
// changes of capacity (advance and flushTier: about 9,000 a trial over
// both cases) about 220 a change, and the cost study's own loop about
// 55 an hour-dispatch. On grid's BenchmarkDispatchYear (a synthetic
// three-zone system whose interfaces bind in most hours) the worker
// executes about 8% fewer instructions than before but takes about 6%
// longer, for a reason not found (not the placement of the code).
type DispatchWorker struct {
	d       *Dispatch
	av      *NetworkAvailability
	log     dispatchLog
	samples int64 // av's sample count when prepared
	gen     int64 // trials prepared
	inv     float64
	ev      []dEvent // the trial's changes, by hour
	count   []int32  // sorting scratch
	heat    []uint64 // hours in which the heat derate changes some capacity

	// Interfaces: the step in force of each, and each one's capacity
	// towards the parent zone and back in the hour (MW).
	linkCur       []int
	linkFrom      int
	linkUntil     int
	upMW, downMW  []float64
	upF, downF    []float64 // upMW and downMW as Settle's fold computes them
	zoneLink      []int     // the link from each zone to its parent, or −1
	zoneLinkFwd   []bool    // whether the zone is that link's from end
	nonRoot       []int     // zones with a parent, leaf to root
	nonRootParent []int
	fold          []foldStep // every zone, leaf to root

	// Scratch of the hour.
	res       []float64 // each zone's load less its capacity outside the stack, MW
	net       []float64
	flow      []float64
	served    []float64
	unserved  []float64
	capU      []int64
	heatQ     []int64
	heatDelta []int64 // each tier's heat-wave derate in the hour (see derate)
	capMW     []float64
	tab, et   []float64
	xs        []float64
	disp      []float64

	// wh is the capacity withheld from fuels (see Withhold); whDelta
	// and whTiers the hour's withholding on the cursor (withholdHour).
	wh      []withheld
	whDelta []int64
	whTiers []int
}

// foldStep is a zone of the tree towards the root, in leaf-to-root
// order, for the folds of an hour: its parent (−1 for a root), whether
// the parent is the next step (its flow is then carried to it in a
// register rather than through memory, the same sum in the same order),
// and whether the step before is its child so carried.
type foldStep struct {
	zone, parent    int32
	chain, fromPrev bool
	// The interface to the parent in the hour (set by links): its
	// capacities towards the parent and back as Settle's fold computes
	// them (MW), and as flowsFit computes them plus the network's
	// margin.
	upF, downF, upTol, downTol float64
}

// NewWorker returns a worker that dispatches the trials av samples. It
// asks av to record, from its next [NetworkAvailability.Sample] on, each
// unit's changes of capacity by tier as it draws them: the same draws,
// so the adequacy capacities stay as they were, bit for bit. av must
// sample d's network, and can serve one worker.
func (d *Dispatch) NewWorker(av *NetworkAvailability) (*DispatchWorker, error) {
	if d == nil || d.n == nil {
		return nil, errorf("dispatch: not built by NewDispatch")
	}
	if av == nil || av.n != d.n {
		return nil, errorf("dispatch: worker: availability does not sample the dispatch's network")
	}
	if av.rec != nil {
		return nil, errorf("dispatch: worker: availability already serves a dispatch worker")
	}
	n := d.n
	nz, nt := len(n.zones), len(d.tiers)
	w := &DispatchWorker{d: d, av: av, inv: 1 / n.scale}
	w.log.u0 = make([]int64, len(d.groups))
	w.log.ev = make([]dEvent, 0, 1024)
	w.count = make([]int32, n.hours+2)
	w.heat = make([]uint64, (n.hours+63)/64)
	w.linkCur = make([]int, len(n.ifaces))
	w.upMW, w.downMW = make([]float64, nz), make([]float64, nz)
	w.upF, w.downF = make([]float64, nz), make([]float64, nz)
	w.zoneLink = make([]int, nz)
	w.zoneLinkFwd = make([]bool, nz)
	for z := range w.zoneLink {
		w.zoneLink[z] = -1
	}
	tr := n.trees[0]
	for i, st := range tr {
		if st.parent >= 0 {
			w.zoneLink[st.zone], w.zoneLinkFwd[st.zone] = st.link, st.fromZone
			w.nonRoot = append(w.nonRoot, st.zone)
			w.nonRootParent = append(w.nonRootParent, st.parent)
		}
		f := foldStep{zone: int32(st.zone), parent: int32(st.parent)}
		f.chain = st.parent >= 0 && i+1 < len(tr) && tr[i+1].zone == st.parent
		f.fromPrev = i > 0 && w.fold[i-1].chain
		w.fold = append(w.fold, f)
	}
	w.net = make([]float64, nz)
	w.flow = make([]float64, nz)
	w.res = make([]float64, nz)
	w.served = make([]float64, nz)
	w.unserved = make([]float64, nz)
	w.capU = make([]int64, nt)
	w.heatQ = make([]int64, nt)
	w.heatDelta = make([]int64, nt)
	w.whDelta = make([]int64, nt)
	w.capMW = make([]float64, nt)
	w.tab = make([]float64, nz*(nt+1))
	w.et = make([]float64, nz*(nt+1))
	w.xs = make([]float64, nz)
	w.disp = make([]float64, nt)
	av.rec = &w.log
	for z, a := range av.avail {
		if a != nil {
			a.rec = &tierRecorder{gid: d.gid[z], log: &w.log}
		}
	}
	return w, nil
}

// Prepare reads the trial av last sampled: it sorts the units' changes
// of capacity by hour and marks the hours a heat wave derates. It fails
// if av has not sampled since the worker was made.
func (w *DispatchWorker) Prepare() error {
	if w == nil || w.d == nil {
		return errorf("dispatch: worker not made by Dispatch.NewWorker")
	}
	av := w.av
	if av.samples == 0 {
		return errorf("dispatch: worker: availability has not sampled a trial")
	}
	w.samples = av.samples
	w.gen++
	// Counting sort of the changes by hour (stable).
	hours := w.d.n.hours
	cnt := w.count
	clear(cnt)
	for _, e := range w.log.ev {
		cnt[e.hour+1]++
	}
	for h := 1; h < len(cnt); h++ {
		cnt[h] += cnt[h-1]
	}
	w.ev = slices.Grow(w.ev[:0], len(w.log.ev))[:len(w.log.ev)]
	for _, e := range w.log.ev {
		w.ev[cnt[e.hour]] = e
		cnt[e.hour]++
	}
	// Heat-wave hours.
	clear(w.heat)
	if w.d.heat && av.thermal != nil {
		for _, sp := range av.spans {
			for h := max(sp[0], 0); h < min(sp[1], hours, len(av.thermal)); h++ {
				if av.thermal[h] != 1 {
					w.heat[h>>6] |= 1 << (h & 63)
				}
			}
		}
	}
	w.linkFrom, w.linkUntil = 0, 0
	for i := range w.linkCur {
		w.linkCur[i] = 0
	}
	return nil
}

// links sets each non-root zone's transfer capacity to its parent and
// back in hour h (capacity units and MW). The capacities hold over
// [linkFrom, linkUntil): the hours until some link's next change.
func (w *DispatchWorker) links(h int) {
	if h >= w.linkFrom && h < w.linkUntil {
		return
	}
	n, av := w.d.n, w.av
	from, until := 0, n.hours
	for _, z := range w.nonRoot {
		i := w.zoneLink[z]
		f := &n.ifaces[i]
		fw, bw := f.fwd, f.bwd
		if steps := av.links[i]; steps != nil {
			k := w.linkCur[i]
			if steps[k].hour > h {
				k = linkAt(steps, h)
			} else {
				for k+1 < len(steps) && steps[k+1].hour <= h {
					k++
				}
			}
			w.linkCur[i] = k
			fw, bw = steps[k].fw, steps[k].bw
			from = max(from, steps[k].hour)
			if k+1 < len(steps) {
				until = min(until, steps[k+1].hour)
			}
		}
		if !w.zoneLinkFwd[z] {
			fw, bw = bw, fw
		}
		w.upF[z], w.downF[z] = float64(fw)*w.inv, float64(bw)*w.inv
		w.upMW[z], w.downMW[z] = n.MW(fw), n.MW(bw)
	}
	for i := range w.fold {
		st := &w.fold[i]
		if z := st.zone; st.parent >= 0 {
			st.upF, st.downF = w.upF[z], w.downF[z]
			st.upTol, st.downTol = w.upMW[z]+n.tol, w.downMW[z]+n.tol
		}
	}
	w.linkFrom, w.linkUntil = from, until
}

// Hour dispatches hour h of the trial last prepared against the zone
// loads scale·load[z] MW and adds the result to tot (see
// [DispatchTotals]): the cost, CO₂ and energy of each tier that runs,
// the hour's marginal price, and any unserved energy, which is exactly
// what [NetworkAvailability.Settle] gives for the hour. Hours may come in
// any order, and several totals (cases) may be dispatched on the same
// trial; each totals follows the trial's hours on its own, fastest when
// its hours come in increasing order.
//
// It fails, adding nothing, when load does not have one value per zone,
// h is outside the horizon, scale is negative or not finite, tot was
// made by another Dispatch, or the availability has sampled again
// since [DispatchWorker.Prepare].
func (w *DispatchWorker) Hour(h int, load []float64, scale float64, tot *DispatchTotals) error {
	if w == nil || w.d == nil {
		return errorf("dispatch: worker not made by Dispatch.NewWorker")
	}
	d := w.d
	n := d.n
	switch {
	case tot == nil || tot.d != d:
		return errorf("dispatch: totals not made by this worker's Dispatch.NewTotals")
	case len(load) != len(n.zones):
		return errorf("dispatch: %d loads, want one for each of %d zones", len(load), len(n.zones))
	case h < 0 || h >= n.hours:
		return errorf("dispatch: hour %d, want in [0, %d)", h, n.hours)
	case !(scale >= 0) || scale-scale != 0: // negative, NaN or infinite
		return errorf("dispatch: scale = %v, want finite >= 0", scale)
	case w.gen == 0 || w.av.samples != w.samples:
		return errorf("dispatch: hour %d: availability sampled since the last Prepare", h)
	}
	c := &tot.cur
	if c.gen != w.gen || c.w != w || h < c.hour {
		c.start(tot, w)
	}
	if c.running && h != c.last+1 {
		c.pause(tot, c.last+1)
	}
	if h >= c.next {
		c.advance(tot, w, h)
	}
	c.hour = h
	tot.Hours++
	c.last = h
	if h >= w.linkUntil || h < w.linkFrom {
		w.links(h)
	}
	held := 0 // the hour's withholding: 0 none, 1 on the cursor, −1 for the full solve
	if c.running {
		heat := w.heat[h>>6]&(1<<(h&63)) != 0
		if heat {
			w.derate(h, c, 1)
		}
		if held = w.withholdHour(h, c); held >= 0 {
			var ok bool
			var z int
			var p int8
			if len(c.islMask) == 1 {
				ok, z, p = w.quick(h, load, scale, tot)
			} else {
				ok, z = w.quickIslands(h, load, scale, tot), -1
			}
			retried := z >= 0
			if retried {
				ok = w.retry(h, load, scale, tot, z, p)
			}
			if held > 0 {
				w.unwithhold(c, tot, ok)
			}
			if heat {
				w.underate(c, tot, ok)
			}
			if ok || retried {
				if !ok {
					c.pause(tot, h)
					w.slow(h, load, scale, tot, false)
				}
				if h == n.hours-1 {
					tot.Flush()
				}
				return nil
			}
		} else if heat {
			w.underate(c, tot, false)
		}
	}
	caps := w.av.capacity
	short := false
	inv := w.inv
	res, net := w.res, w.net
	for z, l := range load {
		lz := scale * l
		cz := caps[z][h]
		mw := float64(cz) * inv
		// Settle's test, MW(cz) < lz, after a cheaper screen.
		if mw < lz*(1+1e-9)+1e-9 {
			short = short || n.MW(cz) < lz
		}
		net[z] = mw - lz                      // the zone's surplus, for covers
		res[z] = lz - float64(cz-c.sc[z])*inv // the load on the zone's stack
	}
	if short {
		// Some zone cannot cover its own load: the network may still
		// serve it all, as an importing zone's every hour does.
		if w.covers() {
			short = false
		} else if u := w.av.Settle(h, load, scale, w.unserved); u > 0 {
			tot.ShortHours++
			tot.UnservedMWh += u
			for z, x := range w.unserved {
				tot.ZoneUnservedMWh[z] += x
			}
		} else {
			short = false
		}
	}
	if !short && held >= 0 {
		heat := w.heat[h>>6]&(1<<(h&63)) != 0
		if heat {
			w.derate(h, c, 1)
		}
		if held = w.withholdHour(h, c); held < 0 {
			if heat {
				w.underate(c, tot, false)
			}
		}
	}
	if !short && held >= 0 {
		heat := w.heat[h>>6]&(1<<(h&63)) != 0
		if heat || held > 0 {
			for z, l := range load {
				res[z] = scale*l - float64(caps[z][h]-c.sc[z])*inv
			}
		}
		ok := w.fast(h, load, scale, tot)
		if held > 0 {
			w.unwithhold(c, tot, ok)
		}
		if heat {
			w.underate(c, tot, ok)
		}
		if ok {
			if h == n.hours-1 {
				tot.Flush()
			}
			return nil
		}
	}
	if c.running {
		c.pause(tot, h)
	}
	w.slow(h, load, scale, tot, short)
	if h == n.hours-1 {
		tot.Flush()
	}
	return nil
}

// quick dispatches hour h for totals whose network clears as one
// island with the stretches running (the cursor advanced to h, the
// links' capacities set, the hour's reductions of the stack applied: see
// derate), in one pass over the zones and one walk of the tree: the
// steps of Hour, covers and fastWhole, with the island's marginal tier
// moved before the fold that covers runs (moving it is right whatever
// the hour turns out to be, as the stretches of the tiers it passes
// start or end at h). It reports ok, having dispatched the hour into
// tot; or, having added nothing, zone >= 0 when the hour is served (the
// fold done to the end) but the dispatch overloads zone's interface, as
// fastOnce reports it, with the pattern to try for it; or zone −1 when
// the hour needs Hour's other path (some zone short and the fold not
// clearing it, the base block not running flat out, or the merit order
// running out).
func (w *DispatchWorker) quick(h int, load []float64, scale float64, tot *DispatchTotals) (ok bool, zone int, pattern int8) {
	d := w.d
	c := &tot.cur
	inv := w.inv
	nz := len(load)
	caps, res, sc, net := w.av.capacity[:nz], w.res[:nz], c.sc[:nz], w.net[:nz]
	s := 0.0
	short := false
	for z, l := range load {
		lz := scale * l
		cz := caps[z][h]
		mw := float64(cz) * inv
		// A screen wider than Settle's test, MW(cz) < lz: the fold
		// clears any hour it lets through that Settle would.
		if mw < lz*(1+1e-9)+1e-9 {
			short = true
		}
		net[z] = mw - lz
		r := lz - float64(cz-sc[z])*inv
		res[z] = r
		s += r
	}
	if !(s > 0) {
		return false, -1, 0
	}
	// The marginal tier, as fastWhole moves it.
	cc, pz, tz := c.c, c.pz[:nz], d.tz
	nt := len(cc)
	m, q := c.islT[0], c.islP[0]
	for m < nt && float64(q+cc[m])*inv < s {
		q += cc[m]
		pz[tz[m]] += cc[m]
		c.s[m] = h
		m++
	}
	if m == nt && float64(q)*inv < s {
		c.setThreshold(0, m, q)
		return false, -1, 0
	}
	mk := m
	for m > d.nBase && float64(q)*inv >= s {
		m--
		q -= cc[m]
		pz[tz[m]] -= cc[m]
		c.flushTier(tot, m, h)
		mk = m
	}
	c.setThreshold(0, m, q)
	if mk == nt {
		return false, -1, 0
	}
	r := s - float64(q)*inv
	if short || len(w.fold) > 1 {
		// The flows (as fastWhole) and the fold (as covers, if some
		// zone is short), in one walk of the tree.
		flow := w.flow[:nz]
		for z := range flow {
			flow[z] = float64(pz[z])*inv - res[z]
		}
		flow[tz[mk]] += r
		slack := math.Inf(1)
		inF, inC := 0.0, 0.0
		fz, fp := -1, int8(0) // the first interface that fails, and its pattern
		fold := w.fold
		for i := range fold {
			st := &fold[i]
			f, rc := flow[st.zone], net[st.zone]
			if st.fromPrev {
				f += inF
				rc += inC
			}
			if st.parent < 0 {
				// covers' test of a root, r >= 0, in the least slack.
				slack = min(slack, rc)
				continue
			}
			if f > st.upTol || -f > st.downTol { // flowsFit's test
				p := int8(1)
				if !(f > st.upTol) {
					p = -1
				}
				if !short {
					return false, int(st.zone), p
				}
				if fz < 0 {
					fz, fp = int(st.zone), p
				}
			}
			// covers' step, without its branches: a surplus goes up
			// within the interface (min(r, up) is r for a deficit, up
			// being >= 0), and a deficit must come down within it, its
			// room r + down joining the least slack. covers' early
			// returns are a negative slack here, which fails the
			// final test as they do (min keeps a NaN too).
			if st.chain {
				inF = f
			} else {
				flow[st.parent] += f
			}
			if !short {
				continue
			}
			x := min(rc, st.upF)
			room := rc + st.downF
			if rc >= 0 {
				room = math.Inf(1)
			}
			slack = min(slack, room)
			if st.chain {
				inC = x
			} else {
				net[st.parent] += x
			}
		}
		if short && !(slack >= d.n.tol) {
			return false, -1, 0
		}
		if fz >= 0 {
			return false, fz, fp
		}
	}
	tot.energy[mk] += r
	tot.HoursAtPrice[d.tiers[mk].price]++
	return true, -1, 0
}

// quickIslands is quick for totals whose pattern makes several
// islands: the steps of Hour, covers and fastOnce. It reports whether
// it dispatched the hour; if not, having added nothing, the hour takes
// Hour's other path, which makes any change of pattern. (Reporting the
// interface that fails, as quick does, measured slower on
// BenchmarkDispatchYear, whose interfaces bind in most hours.)
func (w *DispatchWorker) quickIslands(h int, load []float64, scale float64, tot *DispatchTotals) bool {
	d := w.d
	c := &tot.cur
	inv := w.inv
	nz := len(load)
	caps, res, sc, net := w.av.capacity[:nz], w.res[:nz], c.sc[:nz], w.net[:nz]
	isl := c.isl[:nz]
	sI := c.islS
	for i := range sI {
		sI[i] = 0
	}
	short := false
	for z, l := range load {
		lz := scale * l
		cz := caps[z][h]
		mw := float64(cz) * inv
		if mw < lz*(1+1e-9)+1e-9 { // as in quick
			short = true
		}
		net[z] = mw - lz
		r := lz - float64(cz-sc[z])*inv
		res[z] = r
		sI[isl[z]] += r
	}
	up, down := w.upMW[:nz], w.downMW[:nz]
	if c.binding > 0 {
		for i, z := range w.nonRoot {
			switch c.pattern[z] {
			case 1:
				sI[isl[z]] += up[z]
				sI[isl[w.nonRootParent[i]]] -= up[z]
			case -1:
				sI[isl[z]] -= down[z]
				sI[isl[w.nonRootParent[i]]] += down[z]
			}
		}
	}
	// Each island's marginal tier, as fastOnce moves it.
	nt := len(c.c)
	tz := d.tz
	pz := c.pz[:nz]
	top := -1
	for i, s := range sI {
		if !(s > 0) {
			return false
		}
		mask := c.islMask[i]
		m, p := c.islT[i], c.islP[i]
		k := m
		for {
			k = d.nextTier(mask, k)
			if k == nt {
				if float64(p)*inv >= s {
					break
				}
				c.setThreshold(i, m, p)
				return false
			}
			ck := c.c[k]
			if float64(p+ck)*inv >= s {
				break
			}
			p += ck
			pz[tz[k]] += ck
			c.s[k] = h
			k++
			m = k
		}
		mk := k
		for m > d.nBase && float64(p)*inv >= s {
			k := d.prevTier(mask, m)
			if k < d.nBase {
				break
			}
			p -= c.c[k]
			pz[tz[k]] -= c.c[k]
			c.flushTier(tot, k, h)
			m, mk = k, k
		}
		c.setThreshold(i, m, p)
		if mk == nt {
			return false
		}
		c.islMarg[i] = mk
		c.islR[i] = s - float64(p)*inv
		top = max(top, mk)
	}
	// The flows (as flowsFit) and the fold (as quick's).
	flow := w.flow[:nz]
	for z := range flow {
		flow[z] = float64(pz[z])*inv - res[z]
	}
	for i, k := range c.islMarg {
		flow[tz[k]] += c.islR[i]
	}
	tol := d.n.tol
	upF, downF := w.upF[:nz], w.downF[:nz]
	pattern := c.pattern[:nz]
	marg := c.islMarg
	slack := math.Inf(1)
	inF, inC := 0.0, 0.0
	for _, st := range w.fold {
		z := st.zone
		f, rc := flow[z], net[z]
		if st.fromPrev {
			f += inF
			rc += inC
		}
		if st.parent < 0 {
			slack = min(slack, rc)
			continue
		}
		switch pattern[z] {
		case 0:
			if f > up[z]+tol || -f > down[z]+tol {
				return false
			}
		case 1: // the zone's island exports at the limit: it must be the cheaper
			f = up[z]
			if up[z]+down[z] > 0 && marg[isl[z]] > marg[isl[st.parent]] {
				return false
			}
		default:
			f = -down[z]
			if up[z]+down[z] > 0 && marg[isl[z]] < marg[isl[st.parent]] {
				return false
			}
		}
		x := min(rc, upF[z])
		room := rc + downF[z]
		if rc >= 0 {
			room = math.Inf(1)
		}
		slack = min(slack, room)
		if st.chain {
			inF, inC = f, x
		} else {
			flow[st.parent] += f
			net[st.parent] += x
		}
	}
	if short && !(slack >= tol) {
		return false
	}
	for i, k := range marg {
		tot.energy[k] += c.islR[i]
	}
	tot.HoursAtPrice[d.tiers[top].price]++
	return true
}

// covers reports whether the network serves every zone's load in the
// hour with the margin by which [NetworkAvailability.Settle] takes an hour
// as served at once: its fold of the tree, the same sums in the same
// order from the worker's own capacities of the links, so that the
// verdict is Settle's and the hour's unserved energy 0. w.net holds
// each zone's capacity less its load, MW, as Settle's fold computes it;
// covers overwrites it.
func (w *DispatchWorker) covers() bool {
	net := w.net
	upF, downF := w.upF[:len(net)], w.downF[:len(net)]
	slack := math.Inf(1)
	in := 0.0 // the flow from the step before, if it is a child (fromPrev)
	for _, st := range w.fold {
		r := net[st.zone]
		if st.fromPrev {
			r += in
		}
		if st.parent < 0 {
			if r < 0 {
				return false
			}
			slack = min(slack, r)
			continue
		}
		var x float64
		if r >= 0 {
			x = min(r, upF[st.zone])
		} else if d := downF[st.zone]; -r <= d {
			x = r
			slack = min(slack, r+d)
		} else {
			return false
		}
		if st.chain {
			in = x
		} else {
			net[st.parent] += x
		}
	}
	return slack >= w.d.n.tol
}

// fast dispatches hour h by the merit order of each island of the
// totals' pattern of binding interfaces (one island per connected part
// when none binds: the copper plate), moving each island's marginal
// tier, and reports whether it did: it does not when some island's base
// block would not run flat out or its merit order runs out, or when the
// dispatch is not the least-cost one, some interface within an island
// being overloaded or a binding one carrying power from the dearer
// island to the cheaper. The totals' state has been advanced to h.
//
// When the dispatch fails only an interface's conditions, fast changes
// that interface's place in the pattern (see flowsFit) and tries again,
// a few times: the pattern follows the loads from hour to hour without
// solving from scratch.
func (w *DispatchWorker) fast(h int, load []float64, scale float64, tot *DispatchTotals) bool {
	for range maxPatternTries {
		ok, z, p := w.fastOnce(h, load, scale, tot)
		if ok {
			return true
		}
		if z < 0 {
			return false
		}
		c := &tot.cur
		c.pattern[z] = p
		c.regroup(tot, h)
	}
	return false
}

// derate applies (sign 1) or removes (sign −1) the heat-wave derate of
// hour h to the stack tiers' capacities the totals follow, and the sums
// below the thresholds: the change of each heat-derated tier, shared out
// in merit order within its zone as [Dispatch] says, is in w.heatDelta
// (computed when applied).
//
// It is the one place where the fast paths (quick, quickIslands, fast)
// see a reduction of some tiers' capacity for one hour: Hour applies it
// before them and underate takes it off after, adding to the tiers
// running flat out the energy their stretches count at the unreduced
// capacity (negative for a reduction); tierCaps does the same for the
// slow path. Another per-hour reduction (a cap on an energy-limited
// tier, say) goes in the same three places, with its hours marked as
// w.heat marks the heat wave's.
func (w *DispatchWorker) derate(h int, c *dispatchCursor, sign int64) {
	d := w.d
	if sign > 0 {
		theta := w.av.thermal[h]
		seg := d.segOf[h]
		for _, ks := range d.heatTiers {
			var cum, prev int64
			for _, k := range ks {
				var hot int64
				for _, g := range d.tiers[k].groups {
					gr := &d.groups[g]
					if !gr.heat {
						continue
					}
					if gr.hourly {
						hot += c.u[g] * gr.factor[h]
					} else {
						hot += c.u[g] * gr.segFactor[seg]
					}
				}
				cum += hot
				r := int64(math.RoundToEven(theta * float64(cum)))
				w.heatDelta[k] = r - prev - hot
				prev = r
			}
		}
	}
	for _, ks := range d.heatTiers {
		for _, k := range ks {
			if k < d.nBase {
				continue
			}
			dc := sign * w.heatDelta[k]
			z := d.tiers[k].zone
			c.c[k] += dc
			c.sc[z] += dc
			if k < c.t[z] {
				c.pz[z] += dc
				c.islP[c.isl[z]] += dc
			}
		}
	}
}

// retry makes fast's further tries at hour h, as Hour's other path
// would make them, after a first that found the hour served and its
// dispatch failing zone z's interface under the pattern (p the pattern
// to try for it), and reports whether one succeeded.
func (w *DispatchWorker) retry(h int, load []float64, scale float64, tot *DispatchTotals, z int, p int8) bool {
	c := &tot.cur
	for try := 1; ; try++ {
		c.pattern[z] = p
		c.regroup(tot, h)
		if try == maxPatternTries {
			return false
		}
		var ok bool
		if ok, z, p = w.fastOnce(h, load, scale, tot); ok || z < 0 {
			return ok
		}
	}
}

// underate takes the heat-wave derate that derate applied off the
// stack again; if the hour was dispatched (ok), it first adds to tot the
// derate of each tier running flat out, which its stretch counts at its
// underated capacity.
func (w *DispatchWorker) underate(c *dispatchCursor, tot *DispatchTotals, ok bool) {
	if ok {
		for _, ks := range w.d.heatTiers {
			for _, k := range ks {
				if c.full(k) {
					tot.energy[k] += float64(w.heatDelta[k]) * w.inv
				}
			}
		}
	}
	w.derate(0, c, -1)
}

// maxPatternTries is how many patterns of binding interfaces fast tries
// in an hour before the hour is solved from scratch.
const maxPatternTries = 3

// fastOnce is one try of fast under the totals' pattern; z >= 0 names
// the zone whose interface fails and p the pattern to try for it.
func (w *DispatchWorker) fastOnce(h int, load []float64, scale float64, tot *DispatchTotals) (ok bool, z int, p int8) {
	d := w.d
	c := &tot.cur
	if len(c.islMask) == 1 && c.running {
		s := 0.0
		for _, x := range w.res {
			s += x
		}
		return w.fastWhole(h, s, tot)
	}
	inv := w.inv
	nt := len(d.tiers)
	tz := d.tz
	res := w.res
	zonal := len(w.nonRoot) > 0
	sI := c.islS
	if len(sI) == 1 {
		s := 0.0
		for _, x := range res {
			s += x
		}
		sI[0] = s
	} else {
		for i := range sI {
			sI[i] = 0
		}
		for z, x := range res {
			sI[c.isl[z]] += x
		}
	}
	if zonal {
		if c.binding > 0 {
			for i, z := range w.nonRoot {
				switch c.pattern[z] {
				case 1:
					sI[c.isl[z]] += w.upMW[z]
					sI[c.isl[w.nonRootParent[i]]] -= w.upMW[z]
				case -1:
					sI[c.isl[z]] -= w.downMW[z]
					sI[c.isl[w.nonRootParent[i]]] += w.downMW[z]
				}
			}
		}
	}
	if !c.running {
		c.resume(h)
	}
	top := -1
	for i, s := range sI {
		if !(s > 0) {
			// Its base block would not run flat out: an interface
			// importing into it at its limit may be free.
			return false, w.bindingAt(c, i, false), 0
		}
		mask := c.islMask[i]
		m, p := c.islT[i], c.islP[i]
		k := m
		for {
			k = d.nextTier(mask, k)
			if k == nt {
				if float64(p)*inv >= s {
					// The threshold is above the island's every tier
					// (the island was part of a larger one): move down.
					break
				}
				c.setThreshold(i, m, p)
				// Its merit order runs out: an interface exporting
				// from it at its limit may be free.
				return false, w.bindingAt(c, i, true), 0
			}
			ck := c.c[k]
			if float64(p+ck)*inv >= s {
				break
			}
			p += ck
			c.pz[tz[k]] += ck
			c.s[k] = h
			k++
			m = k
		}
		mk := k
		for m > d.nBase && float64(p)*inv >= s {
			k := d.prevTier(mask, m)
			if k < d.nBase {
				break
			}
			p -= c.c[k]
			c.pz[tz[k]] -= c.c[k]
			c.flushTier(tot, k, h)
			m, mk = k, k
		}
		c.setThreshold(i, m, p)
		if mk == nt {
			return false, -1, 0
		}
		c.islMarg[i] = mk
		c.islR[i] = s - float64(p)*inv
		top = max(top, mk)
	}
	if zonal {
		if ok, z, p := w.flowsFit(c); !ok {
			return false, z, p
		}
	}
	for i, k := range c.islMarg {
		tot.energy[k] += c.islR[i]
	}
	tot.HoursAtPrice[d.tiers[top].price]++
	return true, -1, 0
}

// fastWhole is fastOnce for a network that clears as one island (no
// interface binds, one connected part) with the stretches running: the
// same steps, with the island's every zone in it; s is the load on the
// island's stack, the sum of w.res in zone order.
func (w *DispatchWorker) fastWhole(h int, s float64, tot *DispatchTotals) (ok bool, z int, p int8) {
	d := w.d
	c := &tot.cur
	inv := w.inv
	if !(s > 0) {
		return false, -1, 0
	}
	cc, pz, tz := c.c, c.pz, d.tz
	nt := len(cc)
	m, q := c.islT[0], c.islP[0]
	for m < nt && float64(q+cc[m])*inv < s {
		q += cc[m]
		pz[tz[m]] += cc[m]
		c.s[m] = h
		m++
	}
	if m == nt && float64(q)*inv < s {
		// The merit order runs out.
		c.setThreshold(0, m, q)
		return false, -1, 0
	}
	mk := m
	for m > d.nBase && float64(q)*inv >= s {
		m--
		q -= cc[m]
		pz[tz[m]] -= cc[m]
		c.flushTier(tot, m, h)
		mk = m
	}
	c.setThreshold(0, m, q)
	if mk == nt {
		return false, -1, 0
	}
	r := s - float64(q)*inv
	c.islMarg[0] = mk
	c.islR[0] = r
	if len(w.nonRoot) > 0 {
		net := w.net
		res := w.res[:len(net)]
		pz := pz[:len(net)]
		for z := range net {
			net[z] = float64(pz[z])*inv - res[z]
		}
		net[tz[mk]] += r
		tol := d.n.tol
		up, down := w.upMW[:len(net)], w.downMW[:len(net)]
		in := 0.0 // as in covers
		for _, st := range w.fold {
			f := net[st.zone]
			if st.fromPrev {
				f += in
			}
			if st.parent < 0 {
				continue
			}
			if f > up[st.zone]+tol {
				return false, int(st.zone), 1
			}
			if -f > down[st.zone]+tol {
				return false, int(st.zone), -1
			}
			if st.chain {
				in = f
			} else {
				net[st.parent] += f
			}
		}
	}
	tot.energy[mk] += r
	tot.HoursAtPrice[d.tiers[mk].price]++
	return true, -1, 0
}

// bindingAt returns the first zone (in the tree's leaf-to-root order)
// whose interface to its parent binds carrying power out of island i
// (out set) or into it, or −1 if none does.
func (w *DispatchWorker) bindingAt(c *dispatchCursor, i int, out bool) int {
	if c.binding == 0 {
		return -1
	}
	for j, z := range w.nonRoot {
		p := c.pattern[z]
		if p == 0 {
			continue
		}
		// p = 1: the zone's island exports to its parent's.
		from, to := c.isl[z], c.isl[w.nonRootParent[j]]
		if p < 0 {
			from, to = to, from
		}
		if out && from == i || !out && to == i {
			return z
		}
	}
	return -1
}

// flowsFit reports whether the flows that the islands' dispatch implies
// in the hour fit the interfaces within the islands, and whether each
// binding interface carries power from the cheaper island to the dearer
// (the conditions for the dispatch to be the least-cost one).
//
// When an interface fails them, it returns the zone below it and the
// pattern under which it would not: binding in the direction of the
// overload, or free.
func (w *DispatchWorker) flowsFit(c *dispatchCursor) (ok bool, zone int, pattern int8) {
	net := w.net
	inv := w.inv
	for z, x := range w.res {
		net[z] = float64(c.pz[z])*inv - x
	}
	for i, k := range c.islMarg {
		net[w.d.tz[k]] += c.islR[i]
	}
	tol := w.d.n.tol
	for i, z := range w.nonRoot {
		up, down := w.upMW[z], w.downMW[z]
		var f float64
		switch c.pattern[z] {
		case 0:
			f = net[z]
			if f > up+tol {
				return false, z, 1
			}
			if -f > down+tol {
				return false, z, -1
			}
		case 1: // the zone's island exports at the limit: it must be the cheaper
			f = up
			if up+down > 0 && c.islMarg[c.isl[z]] > c.islMarg[c.isl[w.nonRootParent[i]]] {
				return false, z, 0
			}
		default:
			f = -down
			if up+down > 0 && c.islMarg[c.isl[z]] < c.islMarg[c.isl[w.nonRootParent[i]]] {
				return false, z, 0
			}
		}
		net[w.nonRootParent[i]] += f
	}
	return true, -1, 0
}

// slow dispatches hour h from scratch: the tiers' capacities in the
// hour and the least-cost dispatch of the tree, of the load less the
// unserved energy in w.unserved if the hour is short.
func (w *DispatchWorker) slow(h int, load []float64, scale float64, tot *DispatchTotals, short bool) {
	d := w.d
	for z, l := range load {
		w.served[z] = scale * l
	}
	if short {
		for z, x := range w.unserved {
			w.served[z] -= x
		}
	}
	w.tierCaps(h, tot.cur.u)
	if len(w.wh) > 0 {
		w.takeWithheld(h)
	}
	for k, v := range w.capU {
		w.capMW[k] = float64(v) * w.inv
	}
	w.solve()
	if len(w.nonRoot) > 0 {
		tot.cur.learn(w)
	}
	top := -1
	for k, x := range w.disp {
		if x > 0 {
			tot.energy[k] += x
			top = k
		}
	}
	if top < 0 {
		tot.IdleHours++
		return
	}
	tot.HoursAtPrice[d.tiers[top].price]++
}

// tierCaps sets w.capU to each tier's available capacity in hour h, in
// capacity units, from the groups' capacities up u: the class factors of
// the hour, and in a heat-wave hour the derate shared out in merit order
// within each zone (see [Dispatch]).
func (w *DispatchWorker) tierCaps(h int, u []int64) {
	d := w.d
	seg := d.segOf[h]
	heat := w.heat[h>>6]&(1<<(h&63)) != 0
	for k := range d.tiers {
		var plain, hot int64
		for _, g := range d.tiers[k].groups {
			gr := &d.groups[g]
			var f int64
			if gr.hourly {
				f = gr.factor[h]
			} else {
				f = gr.segFactor[seg]
			}
			if heat && gr.heat {
				hot += u[g] * f
			} else {
				plain += u[g] * f
			}
		}
		w.capU[k] = plain
		w.heatQ[k] = hot
	}
	if !heat {
		for k, q := range w.heatQ {
			w.capU[k] += q
		}
		return
	}
	theta := w.av.thermal[h]
	for _, ks := range d.zoneTiers {
		var cum, prev int64
		for _, k := range ks {
			if w.heatQ[k] == 0 {
				continue
			}
			cum += w.heatQ[k]
			r := int64(math.RoundToEven(theta * float64(cum)))
			w.capU[k] += r - prev
			prev = r
		}
	}
}

// solve sets w.disp to the least-cost dispatch of the tiers' capacities
// w.capMW against the zones' loads w.served, within the interfaces'
// capacities of the hour (see [Dispatch]): each zone's net supply, as a
// function of how far down the merit order tiers may run, is folded into
// its parent's, clipped to the interface between them; each part clears
// at its root; and each zone's export is pushed back down the tree.
func (w *DispatchWorker) solve() {
	d := w.d
	nt := len(d.tiers)
	width := nt + 1
	for z := range d.n.zones {
		row := w.tab[z*width : (z+1)*width]
		acc := -w.served[z]
		row[0] = acc
		for k := range nt {
			if d.tiers[k].zone == z {
				acc += w.capMW[k]
			}
			row[k+1] = acc
		}
	}
	// Fold towards the roots: row[i] is the zone's subtree's net export
	// when the tiers ranked below i run as the network allows.
	for i, z := range w.nonRoot {
		row := w.tab[z*width : (z+1)*width]
		e := w.et[z*width : (z+1)*width]
		pr := w.tab[w.nonRootParent[i]*width : (w.nonRootParent[i]+1)*width]
		up, down := w.upMW[z], -w.downMW[z]
		for j, v := range row {
			v = min(max(v, down), up)
			e[j] = v
			pr[j] += v
		}
	}
	for _, z := range d.down {
		if w.zoneLink[z] < 0 {
			w.xs[z] = 0
		}
	}
	for _, z := range d.down {
		row := w.tab[z*width : (z+1)*width]
		x := w.xs[z]
		// The first i with row[i] >= x: the tiers ranked below i−1 run
		// flat out, tier i−1 runs for the rest.
		lo, hi := 0, width
		for lo < hi {
			mid := int(uint(lo+hi) >> 1)
			if row[mid] >= x {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		i := lo
		jm, delta, at := -1, 0.0, width-1
		switch {
		case i == width: // short by rounding: everything runs
			jm = nt
		case i > 0:
			jm, delta, at = i-1, x-row[i-1], i-1
		default:
			at = 0
		}
		for _, k := range d.zoneTiers[z] {
			switch {
			case k < jm:
				w.disp[k] = w.capMW[k]
			case k == jm:
				w.disp[k] = min(max(delta, 0), w.capMW[k])
			default:
				w.disp[k] = 0
			}
		}
		for _, g := range d.children[z] {
			x := w.et[g*width+at]
			if jm >= 0 && jm < nt && d.sub[g]&(1<<d.tiers[jm].zone) != 0 {
				x += delta
			}
			w.xs[g] = x
		}
	}
}

// dispatchCursor is a [DispatchTotals]' view of the trial: the groups'
// capacities up as of its hour, the stack tiers' capacities, which
// interfaces bind and so the islands of zones that clear together, each
// zone's threshold in the merit order (its tiers ranked below it run
// flat out) and the capacity below it, and the hour from which each
// tier below its threshold has run flat out.
type dispatchCursor struct {
	d       *Dispatch
	gen     int64 // the worker's trial; 0 before the first
	w       *DispatchWorker
	pos     int // the next change to apply
	hour    int // the changes of hours <= hour are applied
	seg     int // month of the horizon of hour
	u       []int64
	c       []int64 // each tier's capacity (stack tiers), capacity units
	sc      []int64 // each zone's stack capacity
	t       []int   // each zone's threshold rank
	pz      []int64 // each zone's stack capacity below its threshold
	s       []int   // hour from which each tier below its threshold has run flat out (running)
	running bool
	last    int // last hour dispatched
	next    int // the first hour after hour with a change or in another month

	// The pattern of binding interfaces: for each non-root zone, 0 if
	// the link to its parent is free, 1 if it exports at its limit, −1
	// if it imports at its limit; and the islands it makes.
	pattern []int8
	binding int
	isl     []int    // each zone's island
	islMask []uint64 // each island's zones
	islRep  []int    // a zone of each island
	islS    []float64
	islR    []float64
	islMarg []int
	islT    []int   // each island's threshold (its zones')
	islP    []int64 // each island's stack capacity below it
}

// init sizes c for d.
func (c *dispatchCursor) init(d *Dispatch) {
	nz := len(d.n.zones)
	c.d = d
	c.u = make([]int64, len(d.groups))
	c.c = make([]int64, len(d.tiers))
	c.sc = make([]int64, nz)
	c.t = make([]int, nz)
	c.pz = make([]int64, nz)
	c.s = make([]int, len(d.tiers))
	c.pattern = make([]int8, nz)
	c.isl = make([]int, nz)
	c.islMask = make([]uint64, 0, nz)
	c.islRep = make([]int, 0, nz)
	c.islS = make([]float64, 0, nz)
	c.islR = make([]float64, 0, nz)
	c.islMarg = make([]int, 0, nz)
	c.islT = make([]int, 0, nz)
	c.islP = make([]int64, 0, nz)
	c.last = -2
	c.islands()
}

// full reports whether tier k is below its zone's threshold.
func (c *dispatchCursor) full(k int) bool { return k < c.t[c.d.tiers[k].zone] }

// islands sets the islands from the pattern: zones joined by free links.
func (c *dispatchCursor) islands() {
	d := c.d
	c.islMask, c.islRep = c.islMask[:0], c.islRep[:0]
	c.binding = 0
	tr := d.n.trees[0]
	for i := len(tr) - 1; i >= 0; i-- { // roots first
		st := tr[i]
		z := st.zone
		if st.parent >= 0 && c.pattern[z] == 0 {
			j := c.isl[st.parent]
			c.isl[z] = j
			c.islMask[j] |= 1 << z
			continue
		}
		if st.parent >= 0 {
			c.binding++
		}
		c.isl[z] = len(c.islMask)
		c.islMask = append(c.islMask, 1<<z)
		c.islRep = append(c.islRep, z)
	}
	k := len(c.islMask)
	c.islS, c.islR, c.islMarg = c.islS[:k], c.islR[:k], c.islMarg[:k]
	c.islT, c.islP = c.islT[:k], c.islP[:k]
}

// setThreshold sets island i's threshold to m, and the capacity below
// it to p.
func (c *dispatchCursor) setThreshold(i, m int, p int64) {
	c.islP[i] = p
	if c.islT[i] == m {
		return
	}
	c.islT[i] = m
	mask := c.islMask[i]
	for z := range c.t {
		if mask&(1<<z) != 0 {
			c.t[z] = m
		}
	}
}

// syncIslands sets each island's threshold and capacity below it from
// its zones'.
func (c *dispatchCursor) syncIslands() {
	for i, mask := range c.islMask {
		c.islT[i] = c.t[c.islRep[i]]
		var p int64
		for z, v := range c.pz {
			if mask&(1<<z) != 0 {
				p += v
			}
		}
		c.islP[i] = p
	}
}

// learn sets the pattern of binding interfaces from the dispatch the
// worker has just solved, and if it changed, the islands, moving each
// island's zones to one threshold (the least of theirs). The stretches
// are paused.
func (c *dispatchCursor) learn(w *DispatchWorker) {
	tol := c.d.n.tol
	changed := false
	for _, z := range w.nonRoot {
		x := w.xs[z]
		var p int8
		switch {
		case x >= w.upMW[z]-tol:
			p = 1
		case x <= -w.downMW[z]+tol:
			p = -1
		}
		if p != c.pattern[z] {
			c.pattern[z] = p
			changed = true
		}
	}
	if changed {
		c.regroup(nil, 0)
	}
}

// regroup sets the islands from the pattern and moves each island's
// zones to one threshold, the least of theirs. If the stretches are
// running, the tiers that a threshold moves above end theirs at hour h,
// adding their energy to tot; the others run on.
func (c *dispatchCursor) regroup(tot *DispatchTotals, h int) {
	c.islands()
	d := c.d
	for _, mask := range c.islMask {
		m := len(d.tiers)
		for z, t := range c.t {
			if mask&(1<<z) != 0 {
				m = min(m, t)
			}
		}
		for z, t := range c.t {
			if mask&(1<<z) == 0 || t == m {
				continue
			}
			for _, k := range d.zoneTiers[z] {
				if k >= m && k < t && k >= d.nBase {
					c.pz[z] -= c.c[k]
					if c.running {
						c.flushTier(tot, k, h)
					}
				}
			}
			c.t[z] = m
		}
	}
	c.syncIslands()
}

// start puts c at the start of w's trial, after summing the energy of
// the stretch in progress (of whatever trial) into tot.
func (c *dispatchCursor) start(tot *DispatchTotals, w *DispatchWorker) {
	if c.running {
		c.pause(tot, c.last+1)
	}
	d := w.d
	c.gen, c.w = w.gen, w
	copy(c.u, w.log.u0)
	c.pos, c.hour, c.seg = 0, 0, int(d.segOf[0])
	c.setNext(w)
	for z := range c.t {
		c.t[z] = d.nBase
	}
	clear(c.pattern)
	c.islands()
	c.last = -2
	c.recompute()
}

// recompute sets the stack tiers' capacities from the groups' in month
// c.seg, and the sums below the thresholds.
func (c *dispatchCursor) recompute() {
	d := c.d
	clear(c.sc)
	clear(c.pz)
	for k := d.nBase; k < len(d.tiers); k++ {
		t := &d.tiers[k]
		var v int64
		for _, g := range t.groups {
			v += c.u[g] * d.groups[g].segFactor[c.seg]
		}
		c.c[k] = v
		c.sc[t.zone] += v
		if k < c.t[t.zone] {
			c.pz[t.zone] += v
		}
	}
	c.syncIslands()
}

// advance applies the changes of the hours up to h.
func (c *dispatchCursor) advance(tot *DispatchTotals, w *DispatchWorker, h int) {
	d := w.d
	ev := w.ev
	for c.pos < len(ev) && int(ev[c.pos].hour) <= h {
		e := ev[c.pos]
		c.pos++
		g := int(e.group)
		gr := &d.groups[g]
		k := gr.tier
		below := k < c.t[gr.zone]
		if c.running && below {
			c.flushTier(tot, k, int(e.hour))
		}
		c.u[g] += e.d
		if k >= d.nBase {
			dc := e.d * gr.segFactor[c.seg]
			c.c[k] += dc
			c.sc[gr.zone] += dc
			if below {
				c.pz[gr.zone] += dc
				c.islP[c.isl[gr.zone]] += dc
			}
		}
	}
	c.hour = h
	if s := int(d.segOf[h]); s != c.seg {
		c.seg = s
		c.recompute()
	}
	c.setNext(w)
}

// setNext sets c.next from the next change to apply and the month.
func (c *dispatchCursor) setNext(w *DispatchWorker) {
	next := w.d.n.hours
	if c.seg+1 < len(w.d.segs) {
		next = w.d.segs[c.seg+1]
	}
	if c.pos < len(w.ev) {
		next = min(next, int(w.ev[c.pos].hour))
	}
	c.next = next
}

// flushTier adds tier k's energy from its stretch's start to hour h into
// tot, and starts the stretch again at h.
func (c *dispatchCursor) flushTier(tot *DispatchTotals, k, h int) {
	d := c.d
	from := c.s[k]
	if from >= h {
		c.s[k] = h
		return
	}
	e := 0.0
	for _, g := range d.tiers[k].groups {
		if u := c.u[g]; u != 0 {
			gr := &d.groups[g]
			e += float64(u) * float64(d.cumAt(gr, h)-d.cumAt(gr, from))
		}
	}
	tot.energy[k] += e / d.n.scale
	c.s[k] = h
}

// pause ends the stretches in progress at hour h.
func (c *dispatchCursor) pause(tot *DispatchTotals, h int) {
	for k := range c.s {
		if c.full(k) {
			c.flushTier(tot, k, h)
		}
	}
	c.running = false
}

// resume starts the stretches of the tiers below their thresholds at h.
func (c *dispatchCursor) resume(h int) {
	for k := range c.s {
		if c.full(k) {
			c.s[k] = h
		}
	}
	c.running = true
}

// restart drops the energy of the stretches in progress.
func (c *dispatchCursor) restart() {
	if c.running {
		c.resume(c.last + 1)
	}
}

// Flush sums the energy of the stretches in progress into t and sets
// its cost, CO₂ and energy fields (see [DispatchTotals]); the stretches
// go on from there. [DispatchWorker.Hour] calls it after the horizon's
// last hour.
func (t *DispatchTotals) Flush() {
	if t == nil || t.d == nil {
		return
	}
	c := &t.cur
	if c.running {
		c.pause(t, c.last+1)
		c.resume(c.last + 1)
	}
	t.summarise()
}
