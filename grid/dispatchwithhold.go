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
// dispatches, without copying it. An hour with capacity withheld is
// dispatched by the full solve (see the Speed section of
// [DispatchWorker]).
func (w *DispatchWorker) Withhold(fuel string, units [][]int64) error {
	if w == nil || w.d == nil {
		return errorf("dispatch: worker not made by Dispatch.NewWorker")
	}
	d := w.d
	f := slices.Index(d.fuels, fuel)
	if f < 0 {
		return errorf("dispatch: withhold: fuel %s, want one of the units' fuels %v", strconv.Quote(fuel), d.fuels)
	}
	w.wh = slices.DeleteFunc(w.wh, func(x withheld) bool { return x.fuel == f })
	if units == nil {
		return nil
	}
	if len(units) != len(d.n.zones) {
		return errorf("dispatch: withhold %s: %d zones' series, want %d", fuel, len(units), len(d.n.zones))
	}
	x := withheld{fuel: f, units: units, tiers: make([][]int, len(units))}
	for z, u := range units {
		if len(u) != d.n.hours {
			return errorf("dispatch: withhold %s: zone %s: %d hours, want %d", fuel, d.n.zones[z], len(u), d.n.hours)
		}
		if i := slices.IndexFunc(u, func(v int64) bool { return v < 0 }); i >= 0 {
			return errorf("dispatch: withhold %s: zone %s: hour %d: %d units, want >= 0", fuel, d.n.zones[z], i, u[i])
		}
		for _, k := range slices.Backward(d.zoneTiers[z]) {
			if d.tiers[k].fuel == f {
				x.tiers[z] = append(x.tiers[z], k)
			}
		}
	}
	w.wh = append(w.wh, x)
	return nil
}

// withholds reports whether some capacity is withheld in hour h.
func (w *DispatchWorker) withholds(h int) bool {
	for i := range w.wh {
		for _, u := range w.wh[i].units {
			if u[h] > 0 {
				return true
			}
		}
	}
	return false
}

// takeWithheld takes the capacity withheld in hour h off w.capU, from
// each fuel's dearest tiers in each zone first. It fails if a zone's
// tiers of the fuel have less than is withheld.
func (w *DispatchWorker) takeWithheld(h int) error {
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
			if left > 0 {
				return errorf("dispatch: hour %d: zone %s: %d capacity units of %s withheld beyond the fuel's available capacity",
					h, w.d.n.zones[z], left, w.d.fuels[x.fuel])
			}
		}
	}
	return nil
}
