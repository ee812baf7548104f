package grid

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/carveout/carveout"
	"github.com/carveout/carveout/montecarlo"
)

// MaxExactStates is the most states the exact zonal method enumerates
// (2^20, about a million): the product of the number of capacity levels
// of every zone (those of non-zero probability in its [COPT]) and of
// count+1 for every interface element row with outages. Each state is
// settled once in every group of hours with the same loads in which one
// of its zones is short, so the work grows with states × distinct hours:
// at the 5 to 7 million settlements a second measured for two or three
// zones, a million states over the 4,792 distinct hours of an RBTS year
// take ten minutes or so at worst. The limit is that judgement; systems
// beyond it are for the Monte Carlo ([Adequacy]).
const MaxExactStates = 1 << 20

// MethodExact is the exact method for zonal systems ([NewZonalExact],
// [AdequacyExact]).
const MethodExact = "exact"

// ZonalExact is the exact hourly adequacy of a small zonal system: the
// joint distribution of every zone's available capacity and every
// interface's transfer capacity, each hour settled in every state of
// that distribution through the network's one settlement
// ([Network], priority by declaration order), and its indices summed
// exactly. Build it with [NewZonalExact]; it is the zonal counterpart of
// the [COPT], against which the zonal Monte Carlo is tested.
//
// The states are independent products:
//
//   - Each zone's available capacity has the distribution of its units'
//     capacity outage probability table, convolved as by [NewCOPT] (with
//     availability classes as by [NewClassCOPT], one table per
//     combination of class factors), on the network's capacity grid.
//     Only levels of non-zero probability count; a zone without units
//     has 0 MW.
//   - Each interface element row with outages (an [Element] with its
//     count) has a binomial number of elements up, each up with
//     probability MTTF/(MTTF+MTTR) (1 − FOR), convolved the same way;
//     rows that never fail are always up. The states of an interface's
//     rows that give it the same capacities both ways are merged.
//
// Nothing is dropped: every state of non-zero probability takes part
// (only the states in which no zone is short, which settle to zero, are
// skipped, and skipping them is exact). An hour's probabilities and
// unserved energies are summed exactly over its states and rounded once,
// and the indices sum the hours exactly, so the result does not depend
// on enumeration order.
//
// Indices are exact for the hour-by-hour quantities (LOLE, LOLP, EUE,
// NEUE), for the system (an hour counts if the least total unserved
// energy is positive) and for each zone (its share by the priority rule
// is positive); frequencies, durations and days need chronology, and are
// left out (NaN) as by the COPT. Load forecast uncertainty is not
// supported; a heat-derated class is never derated, as in [Adequacy]
// (a plain system has no heat waves).
//
// A ZonalExact is read-only: [ZonalExact.Indices] may run in several
// goroutines at once.
type ZonalExact struct {
	net    *Network
	zones  []exactZone
	ifaces [][]transferLevel // each interface's transfer capacities
	groups []int             // the first hour of each group of hours alike
	group  []int             // group of each hour
	loads  [][]float64       // each zone's load
	states int
}

// exactZone is a zone's capacity distributions: its tables, and the
// table of each hour (nil: table 0 in every hour).
type exactZone struct {
	tables [][]capLevel
	cell   []int
}

// capLevel is a capacity level of a zone, in network capacity units,
// with its probability.
type capLevel struct {
	units int64
	p     float64
}

// transferLevel is a state of an interface: its forward and backward
// transfer capacities, in network capacity units, with their
// probability.
type transferLevel struct {
	fw, bw int64
	p      float64
}

// groupResult is what a group of hours alike settles to: the system's
// and each zone's probability of shortfall and expected unserved
// energy, MWh.
type groupResult struct {
	lolp, eue   float64
	zLOLP, zEUE []float64
}

// NewZonalExact compiles the exact method for sys, which must be zonal
// (see [System.Zones]); the states are enumerated by
// [ZonalExact.Indices]. It fails if sys is invalid, has load forecast
// uncertainty (LFUSigma > 0: the method has no integral over it), or
// has more than [MaxExactStates] states in some hour (the error says how
// many, and from what).
func NewZonalExact(sys *System) (*ZonalExact, error) {
	if err := sys.Validate(); err != nil {
		return nil, err
	}
	if !sys.Zoned() {
		return nil, errorf("exact: the system has no zones: its exact method is the COPT (AdequacyCOPT)")
	}
	if sys.LFUSigma != 0 {
		return nil, errorf("exact: lfu_sigma = %v: the exact zonal method does not integrate over load forecast uncertainty; use Monte Carlo", sys.LFUSigma)
	}
	hours := sys.hours()
	net, err := sys.network()
	if err != nil {
		return nil, err
	}
	names := net.zones
	e := &ZonalExact{net: net, zones: make([]exactZone, len(names)), loads: make([][]float64, len(names))}
	for z, zone := range sys.Zones {
		e.loads[z] = slices.Clone(zone.Load)
	}
	byZone := make([][]Unit, len(sys.Zones))
	for _, u := range sys.Units {
		k := slices.Index(names, u.Zone)
		byZone[k] = append(byZone[k], u)
	}
	for z, us := range byZone {
		if e.zones[z], err = zoneLevels(net, us, sys.Classes, hours); err != nil {
			// The system is valid: what is left is a table too large.
			return nil, errorf("exact: zone %q: %s", names[z], strings.TrimPrefix(err.Error(), "grid: "))
		}
	}
	if err := e.countStates(names); err != nil {
		return nil, err
	}
	if err := e.transferStates(); err != nil {
		return nil, err
	}
	e.groupHours()
	return e, nil
}

// zoneLevels returns the capacity distributions of a zone's units on
// net's grid: the tables of [NewClassCOPT] (one, without classes), each
// level of non-zero probability in network capacity units.
func zoneLevels(net *Network, units []Unit, classes []Class, hours int) (exactZone, error) {
	if len(units) == 0 {
		return exactZone{tables: [][]capLevel{{{units: 0, p: 1}}}}, nil
	}
	c, err := NewClassCOPT(units, classes, hours)
	if err != nil {
		return exactZone{}, err
	}
	// Both grids are 10^-(c+f) MW with the same f (every fleet sees
	// every class); the network's c is the finest of all zones and
	// elements.
	ratio := int64(math.Round(net.scale / c.fleet.scale))
	if ratio < 1 || float64(ratio)*c.fleet.scale != net.scale {
		return exactZone{}, fmt.Errorf("capacity grid of %v units per MW is not a divisor of the network's %v", c.fleet.scale, net.scale)
	}
	z := exactZone{}
	if len(c.tables) > 1 {
		z.cell = c.cell
	}
	for _, t := range c.tables {
		var lv []capLevel
		for j, p := range t.prob {
			if p > 0 {
				lv = append(lv, capLevel{units: int64(j) * t.step * ratio, p: p})
			}
		}
		z.tables = append(z.tables, lv)
	}
	return z, nil
}

// rowStates returns the number of states of the interface element rows:
// the product of count+1 over the rows with outages.
func (e *ZonalExact) rowStates() float64 {
	s := 1.0
	for _, f := range e.net.ifaces {
		for _, r := range f.rows {
			s *= float64(max(r.units[0].Count, 1) + 1)
		}
	}
	return s
}

// countStates sets e.states to the largest number of states of any hour,
// or fails naming it and its factors if it exceeds MaxExactStates.
func (e *ZonalExact) countStates(names []string) error {
	rows := e.rowStates()
	worst, worstHour := 0.0, 0
	for h := range e.net.hours {
		s := rows
		for z := range e.zones {
			s *= float64(len(e.zones[z].tables[e.zones[z].at(h)]))
		}
		if s > worst {
			worst, worstHour = s, h
		}
		if !e.hasCells() {
			break // every hour has the same tables
		}
	}
	if worst <= MaxExactStates {
		e.states = int(worst)
		return nil
	}
	var parts []string
	for z := range e.zones {
		parts = append(parts, fmt.Sprintf("zone %s %d", names[z], len(e.zones[z].tables[e.zones[z].at(worstHour)])))
	}
	parts = append(parts, fmt.Sprintf("interface elements %.0f", rows))
	where := ""
	if e.hasCells() {
		where = fmt.Sprintf(" in hour %d", worstHour)
	}
	return errorf("exact: %.0f states%s (%s), want <= %d (MaxExactStates); use Monte Carlo",
		worst, where, strings.Join(parts, " × "), MaxExactStates)
}

// hasCells reports whether some zone's table varies by hour.
func (e *ZonalExact) hasCells() bool {
	for z := range e.zones {
		if e.zones[z].cell != nil {
			return true
		}
	}
	return false
}

// at returns the index of z's table in hour h.
func (z *exactZone) at(h int) int {
	if z.cell == nil {
		return 0
	}
	return z.cell[h]
}

// transferStates sets each interface's distribution of transfer
// capacities: the elements that never fail, plus for each element row
// with outages its number of elements up, merged where two states give
// the same capacities both ways.
func (e *ZonalExact) transferStates() error {
	for _, f := range e.net.ifaces {
		lv := []transferLevel{{fw: f.fwd, bw: f.bwd, p: 1}}
		for _, r := range f.rows {
			// The row's elements as units of capacity 1: the table's state
			// j is j elements up.
			ex, err := expandFleet(r.units)
			if err != nil {
				return err
			}
			ones := make([]int64, len(ex.units))
			for k := range ones {
				ones[k] = 1
			}
			t, err := convolve(ex.units, ones, make([]int64, len(ones)), 1)
			if err != nil {
				return err
			}
			var next []transferLevel
			for _, l := range lv {
				for j, pj := range t.prob {
					if pj > 0 {
						next = append(next, transferLevel{fw: l.fw + int64(j)*r.fwd, bw: l.bw + int64(j)*r.bwd, p: l.p * pj})
					}
				}
			}
			// Merge equal capacities, in order of the capacities.
			slices.SortStableFunc(next, func(a, b transferLevel) int {
				return cmp.Or(cmp.Compare(a.fw, b.fw), cmp.Compare(a.bw, b.bw))
			})
			lv = lv[:0]
			for _, l := range next {
				if k := len(lv) - 1; k >= 0 && lv[k].fw == l.fw && lv[k].bw == l.bw {
					lv[k].p += l.p
					continue
				}
				lv = append(lv, l)
			}
		}
		e.ifaces = append(e.ifaces, lv)
	}
	return nil
}

// groupHours groups the hours with the same loads and tables.
func (e *ZonalExact) groupHours() {
	hours := e.net.hours
	e.group = make([]int, hours)
	seen := map[string]int{}
	key := make([]byte, 0, 12*len(e.zones))
	for h := range hours {
		key = key[:0]
		for z := range e.zones {
			key = binary.LittleEndian.AppendUint64(key, math.Float64bits(e.loads[z][h]))
			key = binary.LittleEndian.AppendUint32(key, uint32(e.zones[z].at(h)))
		}
		g, ok := seen[string(key)]
		if !ok {
			g = len(e.groups)
			seen[string(key)] = g
			e.groups = append(e.groups, h)
		}
		e.group[h] = g
	}
}

// States returns the number of states of the hour with the most: the
// product of every zone's capacity levels and of count+1 for every
// interface element row with outages (at most [MaxExactStates]).
func (e *ZonalExact) States() int { return e.states }

// Zones returns the zone names in priority order.
func (e *ZonalExact) Zones() []string { return e.net.Zones() }

// Indices enumerates every state in every hour and returns the exact
// hourly indices of the system and of each zone, as [Indices] with zero
// errors and point intervals (LOLEHours, EUEMWh, LOLP, NEUEPPM; the
// others NaN), per series of the zones' hours, as [COPT.Indices] gives
// them for a copper plate. Hours with the same loads (and, with classes,
// the same tables) are settled once.
func (e *ZonalExact) Indices() (Indices, []ZoneIndices, error) {
	x, zs, _, err := e.indices()
	return x, zs, err
}

// indices is Indices, also returning the number of settlements made.
func (e *ZonalExact) indices() (Indices, []ZoneIndices, int64, error) {
	a, err := e.net.NewAvailability()
	if err != nil {
		return Indices{}, nil, 0, err
	}
	nz := len(e.zones)
	s := &exactSettler{e: e, a: a, load: make([]float64, nz), unserved: make([]float64, nz),
		below: make([]int, nz), levels: make([][]capLevel, nz), zLOLP: make([]montecarlo.ExactSum, nz), zEUE: make([]montecarlo.ExactSum, nz)}
	res := make([]groupResult, len(e.groups))
	for g, h := range e.groups {
		res[g] = s.settle(h)
	}
	// Sum the hours exactly.
	var lole, eue, energy montecarlo.ExactSum
	zLOLE, zEUE, zEnergy := make([]montecarlo.ExactSum, nz), make([]montecarlo.ExactSum, nz), make([]montecarlo.ExactSum, nz)
	hours := e.net.hours
	for h := range hours {
		g := &res[e.group[h]]
		lole.Add(g.lolp)
		eue.Add(g.eue)
		total := 0.0 // the copper plate's load, as zoneLoadSum adds it
		for z := range nz {
			zLOLE[z].Add(g.zLOLP[z])
			zEUE[z].Add(g.zEUE[z])
			zEnergy[z].Add(e.loads[z][h])
			total += e.loads[z][h]
		}
		energy.Add(total)
	}
	sys := coptIndices(lole.Float64(), eue.Float64(), energy.Float64(), hours)
	zones := make([]ZoneIndices, nz)
	for z, name := range e.net.zones {
		zones[z] = ZoneIndices{Name: name, Indices: coptIndices(zLOLE[z].Float64(), zEUE[z].Float64(), zEnergy[z].Float64(), hours)}
	}
	return sys, zones, s.settled, nil
}

// exactSettler enumerates the states of one hour group after another.
type exactSettler struct {
	e        *ZonalExact
	a        *NetworkAvailability
	load     []float64
	unserved []float64
	below    []int        // levels of each zone short of its load
	levels   [][]capLevel // each zone's levels in the group's hour
	// The group's sums.
	lolp, eue   montecarlo.ExactSum
	zLOLP, zEUE []montecarlo.ExactSum
	settled     int64 // settlements made
}

// settle returns the probabilities of shortfall and expected unserved
// energies of hour h: every state in which some zone is short is
// settled with [NetworkAvailability.settleCaps].
func (s *exactSettler) settle(h int) groupResult {
	e, n := s.e, s.e.net
	nz := len(e.zones)
	s.lolp, s.eue = montecarlo.ExactSum{}, montecarlo.ExactSum{}
	clear(s.zLOLP)
	clear(s.zEUE)
	anyShort := false
	for z := range nz {
		s.load[z] = e.loads[z][h]
		lv := e.zones[z].tables[e.zones[z].at(h)]
		s.levels[z] = lv
		// Levels ascend; those short compare as settleCaps compares.
		l := s.load[z]
		s.below[z], _ = slices.BinarySearchFunc(lv, l, func(c capLevel, l float64) int {
			if n.MW(c.units) < l {
				return -1
			}
			return 1
		})
		anyShort = anyShort || s.below[z] > 0
	}
	g := groupResult{zLOLP: make([]float64, nz), zEUE: make([]float64, nz)}
	if !anyShort {
		return g
	}
	// last is the last zone that can be short: a state whose zones
	// before it all cover their loads must have it short.
	last := 0
	for z := range nz {
		if s.below[z] > 0 {
			last = z
		}
	}
	s.walk(0, last, 1, false)
	g.lolp, g.eue = s.lolp.Float64(), s.eue.Float64()
	for z := range nz {
		g.zLOLP[z], g.zEUE[z] = s.zLOLP[z].Float64(), s.zEUE[z].Float64()
	}
	return g
}

// walk enumerates the levels of zones z onwards, with probability p of
// the levels chosen before and short telling whether one of them is
// short; it visits only the combinations in which some zone is short
// (last is the last zone that can be).
func (s *exactSettler) walk(z, last int, p float64, short bool) {
	e, a := s.e, s.a
	if z == len(e.zones) {
		s.walkTransfers(0, p)
		return
	}
	lv := s.levels[z]
	hi := len(lv)
	if !short && z == last {
		hi = s.below[z] // a covered prefix needs this zone short
	}
	for j := range hi {
		a.hcap[z] = lv[j].units
		s.walk(z+1, last, p*lv[j].p, short || j < s.below[z])
	}
}

// walkTransfers enumerates the transfer capacities of interfaces i
// onwards, p being the probability of the states chosen before, and
// settles each state with the zones' capacities in a.hcap.
func (s *exactSettler) walkTransfers(i int, p float64) {
	e, a := s.e, s.a
	if i < len(e.ifaces) {
		for _, l := range e.ifaces[i] {
			a.hfw[i], a.hbw[i] = l.fw, l.bw
			s.walkTransfers(i+1, p*l.p)
		}
		return
	}
	clear(s.unserved)
	s.settled++
	u := a.settleCaps(s.load, 1, s.unserved)
	if u <= 0 {
		return
	}
	s.lolp.Add(p)
	s.eue.Add(p * u)
	for z, uz := range s.unserved {
		if uz > 0 {
			s.zLOLP[z].Add(p)
			s.zEUE[z].Add(p * uz)
		}
	}
}

// AdequacyExact computes the exact hourly indices of sys with the exact
// method for it: [AdequacyCOPT] for a system without zones, and the
// enumeration of [NewZonalExact] for a zonal one, whose result has
// method [MethodExact], the system's indices, each zone's in Zones and
// the number of states in ExactStates. Frequencies, durations, days and
// the probability of a year with shortfall need chronology and are
// left out (NaN), as are the daily-peak LOLE and the COPT's fields.
func AdequacyExact(sys *System) (*AdequacyResult, error) {
	if sys == nil {
		return nil, errorf("system is nil")
	}
	if !sys.Zoned() {
		return AdequacyCOPT(sys)
	}
	e, err := NewZonalExact(sys)
	if err != nil {
		return nil, err
	}
	hash, err := sys.Hash()
	if err != nil {
		return nil, err
	}
	r := &AdequacyResult{
		Method: MethodExact, Version: carveout.Version, SystemHash: hash,
		Hours: sys.hours(), LOLEDailyPeakDays: notGiven, ExactStates: e.States(),
	}
	if r.Indices, r.Zones, err = e.Indices(); err != nil {
		return nil, err
	}
	return r, nil
}
