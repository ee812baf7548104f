package grid

import (
	"slices"
	"strconv"
)

// withheld is capacity of one fuel's units that a [DispatchWorker] may
// not dispatch: units[z][h] capacity units in zone z and hour h, taken
// from the zone's tiers of the fuel dearest first (tiers[z]).
type withheld struct {
	fuel  int
	units [][]int64
	tiers [][]int
}

// Withhold keeps capacity of a fuel's units out of the hours the worker
// dispatches from now on: units[z][h] capacity units of zone z's units
// burning fuel in hour h, taken from the fuel's dearest tiers in the
// zone first, so that what the fuel may run is its cheapest capacity.
// This is how an energy-limited fuel's schedule reaches the dispatch
// (see the study package's FuelBudget): the adequacy model, which
// settles the dispatch's short hours, must see the same capacity
// withheld from each zone's available capacity
// ([NetworkAvailability.Capacity]), so that the zone's tiers still add up
// to it. units holds one series of the network's hours for each zone;
// nil withdraws the fuel's withholding. The worker reads units as it
// dispatches, without copying it. The hour's withholding comes off the
// tiers for the hour as a heat wave's derate does, on the quick paths
// too (see the Speed section of [DispatchWorker]); an hour whose
// withholding reaches the base block in a heat-wave hour is solved from
// scratch. A zone's withholding beyond what its tiers of the fuel have
// in the hour is not taken from them: a schedule that counts a heat
// wave's derate on the fuel's units alone can see a unit or so more of
// them than the tiers, which share the zone's rounding. Such an hour is
// solved from scratch too, so that the zone's capacity, which lost the
// whole withholding, is served from what its tiers have.
func (w *DispatchWorker) Withhold(fuel string, units [][]int64) error {
	if w == nil || w.d == nil {
		return errorf("dispatch: worker not made by Dispatch.NewWorker")
	}
	d := w.d
	f := slices.Index(d.fuels, fuel)
	if f < 0 {
		return errorf("dispatch: withhold: fuel %s, want one of the units' fuels %v", strconv.Quote(fuel), d.fuels)
	}
	i := slices.IndexFunc(w.wh, func(x withheld) bool { return x.fuel == f })
	if units == nil {
		if i >= 0 {
			w.wh = slices.Delete(w.wh, i, i+1)
		}
		return nil
	}
	if len(units) != len(d.n.zones) {
		return errorf("dispatch: withhold %s: %d zones' series, want %d", fuel, len(units), len(d.n.zones))
	}
	for z, u := range units {
		if len(u) != d.n.hours {
			return errorf("dispatch: withhold %s: zone %s: %d hours, want %d", fuel, d.n.zones[z], len(u), d.n.hours)
		}
		if i := slices.IndexFunc(u, func(v int64) bool { return v < 0 }); i >= 0 {
			return errorf("dispatch: withhold %s: zone %s: hour %d: %d units, want >= 0", fuel, d.n.zones[z], i, u[i])
		}
	}
	if i >= 0 {
		// The fuel's tiers are known: a new schedule costs no memory.
		w.wh[i].units = units
		return nil
	}
	x := withheld{fuel: f, units: units, tiers: make([][]int, len(units))}
	for z := range units {
		for _, k := range slices.Backward(d.zoneTiers[z]) {
			if d.tiers[k].fuel == f {
				x.tiers[z] = append(x.tiers[z], k)
			}
		}
	}
	w.wh = append(w.wh, x)
	return nil
}

// withholdHour takes the capacity withheld in hour h off the cursor's
// tiers, as derate takes a heat wave's (after it, if both act): from
// each fuel's dearest tiers in each zone first, recording each tier's
// change in w.whDelta and the tiers changed in w.whTiers. A tier of the
// base block is only recorded: the block's capacity is the zone's total
// less the stack's, and the zone's total is the adequacy's, which
// withholds the same capacity. It returns 0 when nothing is withheld in
// the hour, 1 when it applied the withholding, and −1, changing
// nothing, when the withholding would exceed the fuel's tiers or reach
// the base block in a heat-wave hour: the full solve takes such an
// hour.
func (w *DispatchWorker) withholdHour(h int, c *dispatchCursor) int {
	if len(w.wh) == 0 {
		return 0
	}
	d := w.d
	w.whTiers = w.whTiers[:0]
	for i := range w.wh {
		x := &w.wh[i]
		for z, u := range x.units {
			left := u[h]
			for _, k := range x.tiers[z] {
				if left == 0 {
					break
				}
				avail := c.c[k]
				if k < d.nBase {
					// A tier of the base block: the zone's total, which
					// the adequacy already lowered, gives the block's
					// capacity; the tier's own is its groups' in the hour.
					if w.heat[h>>6]&(1<<(h&63)) != 0 {
						return -1
					}
					avail = w.baseTierCap(k, h, c)
				}
				t := min(left, avail)
				if t > 0 {
					w.whDelta[k] = -t
					w.whTiers = append(w.whTiers, k)
					left -= t
				}
			}
			if left > 0 {
				// A unit or so more than the tiers have, where a heat
				// wave's rounding gave the schedule's view of the fuel
				// more: the zone's capacity lost it all, the stack
				// could not, so the quick paths would count the
				// difference as load. The full solve takes what the
				// tiers have (see Withhold).
				return -1
			}
		}
	}
	if len(w.whTiers) == 0 {
		return 0
	}
	w.applyWithheld(c, 1)
	return 1
}

// applyWithheld adds sign × the hour's withholding (w.whDelta over
// w.whTiers) to the cursor's capacities and sums.
func (w *DispatchWorker) applyWithheld(c *dispatchCursor, sign int64) {
	for _, k := range w.whTiers {
		if k < w.d.nBase {
			continue
		}
		dc := sign * w.whDelta[k]
		z := w.d.tiers[k].zone
		c.c[k] += dc
		c.sc[z] += dc
		if k < c.t[z] {
			c.pz[z] += dc
			c.islP[c.isl[z]] += dc
		}
	}
}

// unwithhold gives the hour's withholding back to the cursor; if the
// hour was dispatched (ok), it first adds to tot the withholding of each
// tier running flat out, which its stretch counts at its whole capacity
// (as underate does for a heat wave's derate).
func (w *DispatchWorker) unwithhold(c *dispatchCursor, tot *DispatchTotals, ok bool) {
	if ok {
		for _, k := range w.whTiers {
			if c.full(k) {
				tot.energy[k] += float64(w.whDelta[k]) * w.inv
			}
		}
	}
	w.applyWithheld(c, -1)
}

// baseTierCap returns tier k's available capacity in hour h, capacity
// units, from its groups' units up and their class factors of the hour
// (a tier of the base block, outside a heat wave).
func (w *DispatchWorker) baseTierCap(k, h int, c *dispatchCursor) int64 {
	d := w.d
	seg := d.segOf[h]
	var v int64
	for _, g := range d.tiers[k].groups {
		gr := &d.groups[g]
		if gr.hourly {
			v += c.u[g] * gr.factor[h]
		} else {
			v += c.u[g] * gr.segFactor[seg]
		}
	}
	return v
}

// takeWithheld takes the capacity withheld in hour h off w.capU, from
// each fuel's dearest tiers in each zone first, never more than the
// fuel's tiers have (see Withhold).
func (w *DispatchWorker) takeWithheld(h int) {
	for i := range w.wh {
		x := &w.wh[i]
		for z, u := range x.units {
			left := u[h]
			for _, k := range x.tiers[z] {
				if left == 0 {
					break
				}
				t := min(left, w.capU[k])
				w.capU[k] -= t
				left -= t
			}
		}
	}
}
