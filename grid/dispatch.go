package grid

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"strings"
)

// Dispatch is the compiled merit order of a [Network]: the economic
// dispatch of its units at least cost within the interface limits, hour
// by hour, on the draws of an adequacy trial. Build it with
// [NewDispatch]; it is read-only and may be shared by goroutines, each of
// which dispatches through its own [DispatchWorker].
//
// # Tiers
//
// In each zone, units with the same cost ([Unit.CostPerMWh]), CO₂
// intensity ([Unit.CO2TPerMWh]) and fuel group ([Unit.Fuel]) form one
// tier, whatever their classes: a tier's available capacity in an hour
// is the sum over its units of what the zone's adequacy counts for them
// (see [Fleet]), so that the tiers of a zone add up to the zone's
// [NetworkAvailability.Capacity] exactly, in capacity units, in every
// hour. The one rounding, the heat-wave derate θ·H of the heat-derated
// classes, is shared out in merit order: the heat-derated capacity of
// the zone's tiers up to and including tier k is θ times their
// underated capacity rounded as the zone's adequacy rounds it (half to
// even), and tier k gets the difference from the tiers before it. Each
// tier is then within one capacity unit of θ times its own capacity,
// never negative, and the sum is the zone's rounded total.
//
// The merit order ranks every tier of the network by cost; ties go to
// the fuel group's name (alphabetical), then the zone (declaration
// order), then the tier's first unit in declaration order. The order is
// strict, so every hour has one dispatch: the least-cost one, and among
// the least-cost ones the one that loads tiers earlier in the order
// first.
//
// # Dispatch
//
// An hour's zone loads are served at least cost: each tier runs
// anywhere between nothing and its available capacity, power flows over
// the interfaces within the transfer capacities of the hour in each
// direction ([NetworkAvailability.Transfer]), and every zone balances.
// When no interface binds, this is the merit order of the whole network
// (the copper plate); otherwise the zones behind a binding interface
// clear at their own prices. The network must be radial (no two zones
// joined by two paths, as [Network] explains); the least-cost dispatch
// of a tree is found exactly by folding each zone's supply curve into
// its neighbour's towards a root, clearing there, and pushing the flows
// back down. A meshed network is refused by [NewDispatch].
//
// An hour is short exactly when the adequacy settlement
// ([NetworkAvailability.Settle]) says so, with the same unserved energy
// in each zone: the dispatch calls it in every hour in which some zone
// cannot cover its own load, and then serves the rest of the load at
// least cost, which runs every unit that can reach a short zone.
// Capacity equal to load is enough.
//
// The model has no ramping limits, no unit commitment (start-up costs,
// minimum stable generation, minimum up and down times), no transmission
// losses and no must-run units: a unit's cost is a constant marginal
// cost per MWh, and energy that no load needs is curtailed, whatever its
// cost.
type Dispatch struct {
	n         *Network
	tiers     []dTier // in merit order
	tz        []int32 // each tier's zone
	groups    []dGroup
	fuels     []string
	prices    []float64
	nBase     int     // tiers ranked below nBase: the base block (see DispatchWorker)
	zoneTiers [][]int // each zone's tiers in merit order
	// nextIn[z*(len(tiers)+1)+k] is zone z's first tier at or after k
	// (len(tiers) if none), prevIn its last tier before k (−1 if none).
	nextIn, prevIn []int32
	heatTiers      [][]int     // each zone's tiers with heat-derated units, in merit order
	children       [][]int     // each zone's neighbours away from its part's root
	sub            []uint64    // each zone's subtree in the tree towards its part's root, a bit per zone
	down           []int       // the zones in root-to-leaf order
	gid            [][][]int32 // each zone's fleet: each class's group of each expanded unit
	segs           []int       // first hour of each month of the horizon
	segOf          []uint16    // month of the horizon of each hour
	segAt          []uint16    // segOf, and len(segs) for the horizon's end
	segStart       []int       // segs, and the horizon's end
	heat           bool        // some group is heat-derated
}

// dTier is a tier of the merit order.
type dTier struct {
	zone        int
	cost, co2   float64
	fuel, price int // indices in Fuels and Prices
	groups      []int
	hourly      bool // some group has an hourly profile
	first       int  // declaration index of the tier's first unit
}

// dGroup is the units of one tier in one class of their zone's fleet.
type dGroup struct {
	zone, tier int
	hourly     bool
	heat       bool
	factor     []int64 // the class's factor of each hour (hourly classes), factor units
	segFactor  []int64 // the class's factor of each month of the horizon (others)
	cum        []int64 // hourly: cum[h], the class's factors summed over the hours before h
	segCum     []int64 // others: cum at the first hour of each month, and at the horizon's end
	segF       []int64 // others: segFactor, and 0 for the horizon's end
}

// tierKey identifies a tier within a zone.
type tierKey struct {
	zone      int
	cost, co2 float64
	fuel      string
}

// OtherFuel is the name of the fuel group of units that name none
// ([Unit.Fuel] empty).
const OtherFuel = "other"

// FuelGroup returns the fuel group the dispatch counts u in: its Fuel,
// or [OtherFuel] for a unit that names none.
func FuelGroup(u Unit) string {
	if u.Fuel == "" {
		return OtherFuel
	}
	return u.Fuel
}

// CompareMerit orders two places in the dispatch's merit order, each a
// marginal cost and a fuel group ([FuelGroup]): by cost, then by the
// fuel group's name, so that at one cost "coal" runs before "gas". It
// is the rule the dispatch ranks its tiers by (then by zone and
// declaration, which split a fuel's capacity at one cost only), and the
// one an energy budget's schedule must follow to count what the
// dispatch will burn.
func CompareMerit(costA float64, fuelA string, costB float64, fuelB string) int {
	return cmp.Or(cmp.Compare(costA, costB), strings.Compare(fuelA, fuelB))
}

// NewDispatch compiles the merit order of n. It fails for a network not
// built by [NewNetwork], and for a meshed one (some two zones joined by
// two paths), naming the interfaces of the loops: its least-cost
// dispatch is not solved here.
func NewDispatch(n *Network) (*Dispatch, error) {
	if n == nil || n.hours < 1 {
		return nil, errorf("dispatch: network not built by NewNetwork")
	}
	if !n.radial {
		return nil, errorf("dispatch: network is meshed (interfaces %s): only radial networks are dispatched", n.meshLinks())
	}
	d := &Dispatch{n: n}
	zoneOf := make(map[string]int, len(n.zones))
	for z, name := range n.zones {
		zoneOf[name] = z
	}
	// Tiers, by zone and (cost, CO₂, fuel), in declaration order.
	tierOf := map[tierKey]int{}
	fuelSet := map[string]bool{}
	for i, u := range n.units {
		fuel := FuelGroup(u)
		fuelSet[fuel] = true
		k := tierKey{zone: zoneOf[u.Zone], cost: u.CostPerMWh, co2: u.CO2TPerMWh, fuel: fuel}
		if _, ok := tierOf[k]; !ok {
			tierOf[k] = len(d.tiers)
			d.tiers = append(d.tiers, dTier{zone: k.zone, cost: k.cost, co2: k.co2, first: i})
		}
	}
	for f := range fuelSet {
		d.fuels = append(d.fuels, f)
	}
	slices.Sort(d.fuels)
	fuelName := make([]string, len(d.tiers))
	for k, t := range tierOf {
		fuelName[t] = k.fuel
	}
	// The merit order.
	rank := make([]int, len(d.tiers))
	for i := range rank {
		rank[i] = i
	}
	slices.SortFunc(rank, func(a, b int) int {
		ta, tb := &d.tiers[a], &d.tiers[b]
		return cmp.Or(CompareMerit(ta.cost, fuelName[a], tb.cost, fuelName[b]),
			cmp.Compare(ta.zone, tb.zone), cmp.Compare(ta.first, tb.first))
	})
	newIndex := make([]int, len(rank))
	tiers := make([]dTier, len(rank))
	for r, old := range rank {
		newIndex[old] = r
		tiers[r] = d.tiers[old]
		tiers[r].fuel, _ = slices.BinarySearch(d.fuels, fuelName[old])
	}
	d.tiers = tiers
	for k, t := range tierOf {
		tierOf[k] = newIndex[t]
	}
	for _, t := range d.tiers {
		if len(d.prices) == 0 || d.prices[len(d.prices)-1] != t.cost {
			d.prices = append(d.prices, t.cost)
		}
	}
	for r := range d.tiers {
		d.tiers[r].price, _ = slices.BinarySearch(d.prices, d.tiers[r].cost)
	}
	// Groups: each zone fleet's classes split by tier, in the order of
	// the fleet's expanded units.
	d.gid = make([][][]int32, len(n.zones))
	groupOf := map[[3]int]int{} // zone, class, tier
	for z, f := range n.fleets {
		if f == nil {
			continue
		}
		if d.segs == nil {
			d.segs, d.segOf = f.segs, f.segOf
		}
		d.gid[z] = make([][]int32, len(f.classes))
		for ci := range f.classes {
			c := &f.classes[ci]
			var cum, segCum, segF []int64
			if c.hourly {
				cum = classCum(f, c)
			} else {
				segCum, segF = classSegCum(f, c)
			}
			for _, u := range c.units {
				t := tierOf[tierKey{zone: z, cost: u.CostPerMWh, co2: u.CO2TPerMWh, fuel: FuelGroup(u)}]
				key := [3]int{z, ci, t}
				g, ok := groupOf[key]
				if !ok {
					g = len(d.groups)
					groupOf[key] = g
					d.groups = append(d.groups, dGroup{zone: z, tier: t, hourly: c.hourly, heat: c.heat, factor: c.factor, segFactor: c.segFactor, cum: cum, segCum: segCum, segF: segF})
					d.tiers[t].groups = append(d.tiers[t].groups, g)
					d.tiers[t].hourly = d.tiers[t].hourly || c.hourly
					d.heat = d.heat || c.heat
				}
				for range max(u.Count, 1) {
					d.gid[z][ci] = append(d.gid[z][ci], int32(g))
				}
			}
		}
	}
	if d.segs == nil { // no units anywhere: NewNetwork refuses that, but stay safe
		return nil, errorf("dispatch: network has no units")
	}
	d.segAt = append(slices.Clone(d.segOf), uint16(len(d.segs)))
	d.segStart = append(slices.Clone(d.segs), n.hours)
	for r, t := range d.tiers {
		if t.hourly {
			d.nBase = r + 1
		}
	}
	for _, t := range d.tiers {
		d.tz = append(d.tz, int32(t.zone))
	}
	d.zoneTiers = make([][]int, len(n.zones))
	d.heatTiers = make([][]int, len(n.zones))
	for r, t := range d.tiers {
		d.zoneTiers[t.zone] = append(d.zoneTiers[t.zone], r)
		for _, g := range t.groups {
			if d.groups[g].heat {
				d.heatTiers[t.zone] = append(d.heatTiers[t.zone], r)
				break
			}
		}
	}
	nt := len(d.tiers)
	d.nextIn = make([]int32, len(n.zones)*(nt+1))
	d.prevIn = make([]int32, len(n.zones)*(nt+1))
	for z := range n.zones {
		row, prow := d.nextIn[z*(nt+1):(z+1)*(nt+1)], d.prevIn[z*(nt+1):(z+1)*(nt+1)]
		next := int32(nt)
		for k := nt; k >= 0; k-- {
			if k < nt && d.tiers[k].zone == z {
				next = int32(k)
			}
			row[k] = next
		}
		prev := int32(-1)
		for k := range nt + 1 {
			prow[k] = prev
			if k < nt && d.tiers[k].zone == z {
				prev = int32(k)
			}
		}
	}
	// The tree towards each part's root (n.trees[0]).
	d.children = make([][]int, len(n.zones))
	d.sub = make([]uint64, len(n.zones))
	for _, st := range n.trees[0] {
		d.sub[st.zone] |= 1 << st.zone
		if st.parent >= 0 {
			d.children[st.parent] = append(d.children[st.parent], st.zone)
			d.sub[st.parent] |= d.sub[st.zone]
		}
	}
	for i := len(n.trees[0]) - 1; i >= 0; i-- {
		d.down = append(d.down, n.trees[0][i].zone)
	}
	return d, nil
}

// classCum returns the running sums of hourly class c's factor over the
// hours of f: cum[h] is the sum over the hours before h.
func classCum(f *Fleet, c *fleetClass) []int64 {
	cum := make([]int64, f.hours+1)
	for h := range f.hours {
		cum[h+1] = cum[h] + c.factor[h]
	}
	return cum
}

// classSegCum returns the running sums of class c's monthly factor at
// the first hour of each month of f and at the horizon's end (segCum),
// and its factor in each month followed by 0 (segF): the sum over the
// hours before h is segCum[s] + (h − start of s)·segF[s], s the month of
// h (len(f.segs) at the end), in integers and so exactly.
func classSegCum(f *Fleet, c *fleetClass) (segCum, segF []int64) {
	ns := len(f.segs)
	segCum = make([]int64, ns+1)
	segF = make([]int64, ns+1)
	for s, start := range f.segs {
		end := f.hours
		if s+1 < ns {
			end = f.segs[s+1]
		}
		segF[s] = c.segFactor[s]
		segCum[s+1] = segCum[s] + int64(end-start)*c.segFactor[s]
	}
	return segCum, segF
}

// cumAt returns group g's class factors summed over the hours before h,
// 0 <= h <= the horizon.
func (d *Dispatch) cumAt(g *dGroup, h int) int64 {
	if g.hourly {
		return g.cum[h]
	}
	s := d.segAt[h]
	return g.segCum[s] + int64(h-d.segStart[s])*g.segF[s]
}

// meshLinks names the interfaces of the connected parts of n that have
// loops ("north-south, south-ke").
func (n *Network) meshLinks() string {
	count := make([]int, len(n.parts))
	for _, f := range n.ifaces {
		count[n.partOf[f.from]]++
	}
	var names []string
	for _, f := range n.ifaces {
		if p := n.partOf[f.from]; count[p] >= len(n.parts[p]) {
			names = append(names, n.zones[f.from]+"-"+n.zones[f.to])
		}
	}
	return strings.Join(names, ", ")
}

// nextTier returns the first tier at or after k, 0 <= k <= Tiers, of a
// zone in mask, or Tiers if there is none.
func (d *Dispatch) nextTier(mask uint64, k int) int {
	nt := len(d.tiers)
	r := nt
	for m := mask; m != 0; m &= m - 1 {
		r = min(r, int(d.nextIn[bits.TrailingZeros64(m)*(nt+1)+k]))
	}
	return r
}

// prevTier returns the last tier before k, 0 <= k <= Tiers, of a zone in
// mask, or −1 if there is none.
func (d *Dispatch) prevTier(mask uint64, k int) int {
	nt := len(d.tiers)
	r := -1
	for m := mask; m != 0; m &= m - 1 {
		r = max(r, int(d.prevIn[bits.TrailingZeros64(m)*(nt+1)+k]))
	}
	return r
}

// Network returns the network d dispatches.
func (d *Dispatch) Network() *Network { return d.n }

// Fuels returns the fuel groups of the units, in alphabetical order;
// units that name none are in [OtherFuel]. [DispatchTotals.FuelMWh] is
// indexed alike.
func (d *Dispatch) Fuels() []string { return slices.Clone(d.fuels) }

// Prices returns the distinct marginal costs of the units, ascending, in
// currency per MWh; [DispatchTotals.HoursAtPrice] and
// [DispatchTotals.PriceMWh] are indexed alike.
func (d *Dispatch) Prices() []float64 { return slices.Clone(d.prices) }

// Tiers returns the number of tiers of the merit order.
func (d *Dispatch) Tiers() int { return len(d.tiers) }

// NetworkOf returns the network of sys: for a zonal system its zones,
// units, classes and interfaces, as [NewNetwork] compiles them; for a
// copper plate, one zone named "system" holding every unit. The horizon
// is the length of the system's load series.
func NetworkOf(sys *System) (*Network, error) {
	if sys == nil {
		return nil, errorf("system is nil")
	}
	if err := sys.Validate(); err != nil {
		return nil, err
	}
	if sys.Zoned() {
		return sys.network()
	}
	units := slices.Clone(sys.Units)
	for i := range units {
		units[i].Zone = PlateZone
	}
	return NewNetwork([]string{PlateZone}, units, sys.Classes, nil, len(sys.Load))
}

// PlateZone is the name of the one zone of a copper plate's network
// ([NetworkOf]).
const PlateZone = "system"

// DispatchTotals accumulates the dispatch of hours: what
// [DispatchWorker.Hour] adds to it. Make one per case with
// [Dispatch.NewTotals] and reuse it with [DispatchTotals.Reset]; it is
// not safe for concurrent use.
//
// The per-tier energies behind the fields are accumulated lazily, over
// stretches of hours in which a tier runs flat out: the fields are
// complete after the horizon's last hour has been dispatched, or after
// [DispatchWorker.Flush]. Hours, ShortHours, IdleHours, HoursAtPrice and
// the unserved energies are always up to date.
type DispatchTotals struct {
	// Hours is the number of hours dispatched.
	Hours int64
	// ShortHours counts the hours with unserved energy.
	ShortHours int64
	// IdleHours counts the hours in which nothing ran (no load).
	IdleHours int64
	// Cost is the cost of the energy dispatched, in the system's
	// currency: each tier's energy times its cost per MWh.
	Cost float64
	// CO2T is the CO₂ emitted, in tonnes.
	CO2T float64
	// EnergyMWh is the energy dispatched, MWh: the load served.
	EnergyMWh float64
	// FuelMWh is the energy dispatched by fuel group ([Dispatch.Fuels]),
	// MWh.
	FuelMWh []float64
	// PriceMWh is the energy dispatched by marginal cost
	// ([Dispatch.Prices]), MWh.
	PriceMWh []float64
	// HoursAtPrice counts the hours by marginal price, the cost of the
	// most expensive tier that ran in the hour ([Dispatch.Prices]): the
	// marginal-cost duration curve. Hours in which nothing ran are in
	// IdleHours instead.
	HoursAtPrice []int64
	// UnservedMWh is the unserved energy, MWh, as
	// [NetworkAvailability.Settle] gives it.
	UnservedMWh float64
	// ZoneUnservedMWh is each zone's share of it, MWh.
	ZoneUnservedMWh []float64

	d      *Dispatch
	energy []float64 // each tier's energy, MWh
	cur    dispatchCursor
}

// NewTotals returns empty totals for d.
func (d *Dispatch) NewTotals() *DispatchTotals {
	t := &DispatchTotals{
		d:               d,
		FuelMWh:         make([]float64, len(d.fuels)),
		PriceMWh:        make([]float64, len(d.prices)),
		HoursAtPrice:    make([]int64, len(d.prices)),
		ZoneUnservedMWh: make([]float64, len(d.n.zones)),
		energy:          make([]float64, len(d.tiers)),
	}
	t.cur.init(d)
	return t
}

// Reset empties t for reuse; energy of hours dispatched before it and
// not yet flushed is dropped with the rest.
func (t *DispatchTotals) Reset() {
	if t == nil || t.d == nil {
		return
	}
	t.cur.restart()
	t.Hours, t.ShortHours, t.IdleHours = 0, 0, 0
	t.Cost, t.CO2T, t.EnergyMWh, t.UnservedMWh = 0, 0, 0, 0
	clear(t.FuelMWh)
	clear(t.PriceMWh)
	clear(t.HoursAtPrice)
	clear(t.ZoneUnservedMWh)
	clear(t.energy)
}

// TierMWh returns the energy dispatched by tier k of the merit order, 0
// <= k < [Dispatch.Tiers], as of the last flush; NaN outside.
func (t *DispatchTotals) TierMWh(k int) float64 {
	if t == nil || k < 0 || k >= len(t.energy) {
		return math.NaN()
	}
	return t.energy[k]
}

// summarise sets the fields that derive from the tiers' energies.
func (t *DispatchTotals) summarise() {
	d := t.d
	t.Cost, t.CO2T, t.EnergyMWh = 0, 0, 0
	clear(t.FuelMWh)
	clear(t.PriceMWh)
	for k, e := range t.energy {
		tr := &d.tiers[k]
		t.Cost += tr.cost * e
		t.CO2T += tr.co2 * e
		t.EnergyMWh += e
		t.FuelMWh[tr.fuel] += e
		t.PriceMWh[tr.price] += e
	}
}

// TierInfo describes tier k of the merit order: its zone's index, cost
// per MWh, CO₂ intensity and fuel group; ok is false outside [0,
// [Dispatch.Tiers]).
func (d *Dispatch) TierInfo(k int) (zone int, cost, co2 float64, fuel string, ok bool) {
	if k < 0 || k >= len(d.tiers) {
		return 0, 0, 0, "", false
	}
	t := &d.tiers[k]
	return t.zone, t.cost, t.co2, d.fuels[t.fuel], true
}
