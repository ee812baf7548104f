package grid

import (
	"fmt"

	"github.com/carveout/carveout/input"
)

// MaxDispatchExactStates is the most joint unit states [DispatchExact]
// enumerates (2^16): the product over the units, counts expanded, of 2,
// or 3 for a unit with partial outages. The method is a cross-check for
// small systems; each state is dispatched in every hour.
const MaxDispatchExactStates = 1 << 16

// DispatchExpectation is the expected economic dispatch of a system over
// its load series, summed over the hours: what the mean of
// [DispatchTotals] over Monte Carlo trials estimates.
type DispatchExpectation struct {
	// Cost is the expected cost, in the system's currency.
	Cost float64
	// CO2T is the expected CO₂, tonnes.
	CO2T float64
	// EnergyMWh is the expected energy dispatched, MWh.
	EnergyMWh float64
	// Fuels names the fuel groups, as [Dispatch.Fuels].
	Fuels []string
	// FuelMWh is the expected energy by fuel group, MWh.
	FuelMWh []float64
	// UnservedMWh is the expected unserved energy, MWh.
	UnservedMWh float64
	// LOLE is the expected number of hours with unserved energy.
	LOLE float64
}

// DispatchExact computes the expected dispatch of a small copper-plate
// system by enumerating its units' joint states: each unit is up with
// probability MTTF/(MTTF+MTTR), independently (a unit with partial
// outages has its three states, as in the [COPT]), and in each hour
// every state is dispatched by the merit order of [NewDispatch] (ties
// as there) against the hour's load, capacity equal to load being
// enough. Availability classes apply their factors of the hour; a
// heat-derated class is never derated (a plain system has no heat
// waves), and load forecast uncertainty is not supported.
//
// It fails for an invalid or zonal system, one with LFUSigma > 0, and
// one with more than [MaxDispatchExactStates] states (the error gives
// the count).
func DispatchExact(sys *System) (*DispatchExpectation, error) {
	if sys == nil {
		return nil, errorf("dispatch exact: system is nil")
	}
	if err := sys.Validate(); err != nil {
		return nil, err
	}
	if sys.Zoned() {
		return nil, errorf("dispatch exact: %w", input.Field("zones", fmt.Sprintf("%d zones", len(sys.Zones)), "none: the exact dispatch is for a copper plate"))
	}
	if sys.LFUSigma > 0 {
		return nil, errorf("dispatch exact: %w", input.Field("lfu_sigma", sys.LFUSigma, "0: the exact dispatch has no integral over load forecast uncertainty"))
	}
	n, err := NetworkOf(sys)
	if err != nil {
		return nil, err
	}
	d, err := NewDispatch(n)
	if err != nil {
		return nil, err
	}
	f := n.fleets[0]
	// The units, expanded, with their group and states.
	type exUnit struct {
		g      int
		levels []int64 // capacity up in each state, simulator units
		probs  []float64
	}
	var units []exUnit
	states := 1
	for ci := range f.classes {
		c := &f.classes[ci]
		ex, err := expandFleet(c.units)
		if err != nil {
			return nil, err
		}
		mult := int64(pow10(f.dec - ex.dec))
		for j, u := range ex.units {
			pUp := u.MTTFHours / (u.MTTFHours + u.MTTRHours)
			cp := ex.cap[j] * mult
			e := exUnit{g: int(d.gid[0][ci][j]), levels: []int64{cp, 0}, probs: []float64{pUp, 1 - pUp}}
			if ex.der[j] != 0 {
				pOK := u.PartialMTTFHours / (u.PartialMTTFHours + u.PartialMTTRHours)
				e.levels = []int64{cp, cp - ex.der[j]*mult, 0}
				e.probs = []float64{pUp * pOK, pUp * (1 - pOK), 1 - pUp}
			}
			states *= len(e.levels)
			if states > MaxDispatchExactStates {
				return nil, errorf("dispatch exact: more than %d states (MaxDispatchExactStates) from %d units or more", MaxDispatchExactStates, len(units)+1)
			}
			units = append(units, e)
		}
	}
	nt := len(d.tiers)
	out := &DispatchExpectation{Fuels: d.Fuels(), FuelMWh: make([]float64, len(d.fuels))}
	energy := make([]float64, nt)
	up := make([]int64, len(d.groups))
	capU := make([]int64, nt)
	idx := make([]int, len(units))
	for h, load := range sys.Load {
		seg := d.segOf[h]
		clear(idx)
		for {
			// The state idx: its probability and the groups' capacities up.
			p := 1.0
			clear(up)
			for i, e := range units {
				p *= e.probs[idx[i]]
				up[e.g] += e.levels[idx[i]]
			}
			if p > 0 {
				var total int64
				for k := range nt {
					var v int64
					for _, g := range d.tiers[k].groups {
						gr := &d.groups[g]
						if gr.hourly {
							v += up[g] * gr.factor[h]
						} else {
							v += up[g] * gr.segFactor[seg]
						}
					}
					capU[k] = v
					total += v
				}
				if n.MW(total) < load {
					out.LOLE += p
					out.UnservedMWh += p * (load - n.MW(total))
					for k, v := range capU {
						energy[k] += p * n.MW(v)
					}
				} else {
					rest := load
					for k, v := range capU {
						if rest <= 0 {
							break
						}
						x := min(rest, n.MW(v))
						energy[k] += p * x
						rest -= x
					}
				}
			}
			// The next state.
			i := 0
			for i < len(units) {
				idx[i]++
				if idx[i] < len(units[i].levels) {
					break
				}
				idx[i] = 0
				i++
			}
			if i == len(units) {
				break
			}
		}
	}
	for k, e := range energy {
		t := &d.tiers[k]
		out.Cost += t.cost * e
		out.CO2T += t.co2 * e
		out.EnergyMWh += e
		out.FuelMWh[t.fuel] += e
	}
	return out, nil
}
