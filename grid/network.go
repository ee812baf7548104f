package grid

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/carveout/carveout/montecarlo"
)

// Network is a compiled zonal system: each zone's fleet, every fleet and
// interface element on one exact capacity grid, and the interfaces that
// join the zones. Build it with [NewNetwork]; it is read-only and may be
// shared by goroutines, each of which samples and settles hours through
// its own [NetworkAvailability].
//
// # Settling an hour
//
// In each hour each zone serves its own load first, from its own
// available capacity. Zones with capacity to spare can send it to zones
// short of their load over the interfaces, up to the capacity of the
// interface elements that are up in the hour, in each direction. The
// unserved energy of the hour is the least the network allows: by the
// max-flow min-cut theorem, the largest over sets S of zones of
//
//	L(S) − C(S) − T(S)
//
// (or 0), where L(S) is the load of the zones in S, C(S) their available
// capacity and T(S) the capacity of the interfaces into S from the zones
// outside it. Capacities are exact integers on the network's grid, so
// C(S)+T(S) is exact, and the settlement is exact too: L(S) − C(S) −
// T(S) is held without rounding (in error-free floating-point
// arithmetic), and each zone's share is its exact value rounded once to
// the nearest float64 (a zone joined to no other is settled as a copper
// plate is, its load less its capacity in MW); the hour's total is the
// shares added in zone order. A zone's share therefore depends on the
// other zones' loads only through the transfers the network allows,
// never through the rounding of a sum of loads: a zone whose share is
// its own deficit gets the same share, to the bit, whatever the others'
// loads. (For a network whose interfaces never bind, the hour's unserved
// energy is then within rounding of what a copper plate of the summed
// load computes, not always to the bit.) A share of at most 10⁻¹² of
// the part's load plus its capacity is a tie and counts as met (its
// amount is dropped, not passed on to the next zone's share): zones'
// decimal loads rarely add up in binary to exactly the decimal capacity
// that meets them. The sets are enumerated within each connected part
// of the network (hence [MaxZones]); an hour in which every zone covers
// its own load is settled in O(zones), without enumeration, and so is,
// on a radial network (no two zones joined by two paths, as in most
// national grids' zonal models), an hour in which imports cover every
// short zone (see [NetworkAvailability.Headroom]).
//
// # Who is shed
//
// When zones compete for limited imports, the minimum total can be shared
// out in many ways. The rule here is priority in declaration order: among
// the allocations with the least total unserved energy, the first zone
// declared is served as fully as the network allows, then the second, and
// so on (the lexicographic optimum, found greedily: zone k's unserved
// energy is the least total when only the first k short zones' deficits
// count, less that when the first k−1 count). Zones that cover their own
// load are never shed to serve others. Order the zones by priority to
// choose who bears a shortage; proportional loss sharing, as some GE MARS
// studies use, is not offered.
type Network struct {
	hours  int
	units  []Unit // as declared, for the merit order (see NewDispatch)
	zones  []string
	fleets []*Fleet // nil for a zone without units
	scale  float64  // capacity units per MW
	ifaces []netIface
	parts  [][]int // connected parts: zone indices in declaration order
	partOf []int   // part of each zone
	local  []int   // index of each zone within its part
	// linkMax is, for each part, the transfer capacity of all its
	// interface elements, both ways: the most T(S) can be.
	linkMax []int64
	// radial is set when no two zones are joined by more than one path
	// (parallel interfaces between one pair count as one link); trees[r]
	// then lists, for each root zone r, every zone after the zones it
	// feeds, with the link to its parent on the way to r (see
	// [NetworkAvailability.Headroom]).
	radial bool
	trees  [][]treeStep
	// tol is the margin, MW, by which a folded hour must clear its loads
	// for Settle to take it as served without enumerating cuts: far above
	// the rounding of the fold's sums, far below any meaningful load.
	tol float64
}

// treeStep is a zone of a radial network in leaf-to-root order: its
// parent (−1 for the root of its part), the link that joins it to the
// parent (−1 for a root), and whether the zone is the link's from end
// (its exports then flow forward).
type treeStep struct {
	zone, parent, link int
	fromZone           bool
}

// netIface is a link: every interface element joining one pair of
// zones, from < to, forward meaning from→to.
type netIface struct {
	from, to int
	fwd, bwd int64 // capacity of the elements that never fail, units
	rows     []netRow
}

// netRow is an interface element row with outages: count elements drawn
// by sim as units of capacity 1, each carrying fwd and bwd capacity units.
type netRow struct {
	units    []Unit // for the simulator: one entry of Count elements
	fwd, bwd int64
}

// NewNetwork validates and compiles a zonal fleet over hours: zones
// names the zones in priority order, every unit names one of them
// ([Unit.Zone]) and may name a class of classes, and interfaces join
// pairs of them. Loads are not part of a network: each trial settles its
// own (see [NetworkAvailability.Settle]). Errors are
// [*input.FieldError]s with paths as in a [System] ("units[3].zone",
// "interfaces[0].elements[1].mttr_h").
func NewNetwork(zones []string, units []Unit, classes []Class, interfaces []Interface, hours int) (*Network, error) {
	if hours < 1 || hours > MaxHours {
		return nil, errorf("network: hours = %d, want in [1, %d] (MaxHours)", hours, MaxHours)
	}
	if len(zones) == 0 {
		return nil, errorf("network: no zones")
	}
	zs := make([]Zone, len(zones))
	for i, z := range zones {
		zs[i].Name = z
	}
	idx, err := validateZones(zs, units, interfaces)
	if err != nil {
		return nil, errorf("%w", err)
	}
	// The common grid: the finest capacity decimals of any unit or
	// element; the class factors' decimals are the same for every zone,
	// as each fleet sees every class.
	dec, fdec, err := fleetDecimals(units, classes)
	if err != nil {
		return nil, err
	}
	for _, f := range interfaces {
		for _, e := range f.Elements {
			dec = max(dec, decimalPlaces(e.ForwardMW), decimalPlaces(e.BackwardMW))
		}
	}
	n := &Network{hours: hours, units: slices.Clone(units), zones: append([]string(nil), zones...), fleets: make([]*Fleet, len(zones)), scale: pow10(dec + fdec)}
	byZone := make([][]Unit, len(zones))
	for _, u := range units {
		z := idx[u.Zone]
		byZone[z] = append(byZone[z], u)
	}
	for z, us := range byZone {
		if len(us) == 0 {
			continue
		}
		if n.fleets[z], err = newFleet(us, classes, hours, dec); err != nil {
			return nil, fmt.Errorf("grid: zone %q: %w", zones[z], err)
		}
	}
	// Interfaces on the grid, capacities in units of 10^-(dec+fdec) MW,
	// merged into links: one per pair of zones joined, oriented from the
	// zone declared first, every element of every interface between them
	// with its forward and backward capacities in that orientation.
	var total int64
	link := make(map[[2]int]int)
	for _, f := range interfaces {
		from, to := idx[f.From], idx[f.To]
		flip := from > to
		pair := [2]int{min(from, to), max(from, to)}
		li, ok := link[pair]
		if !ok {
			li = len(n.ifaces)
			link[pair] = li
			n.ifaces = append(n.ifaces, netIface{from: pair[0], to: pair[1]})
		}
		ni := &n.ifaces[li]
		for _, e := range f.Elements {
			fw, _ := decimalUnits(e.ForwardMW, dec+fdec)
			bw, _ := decimalUnits(e.BackwardMW, dec+fdec)
			if flip {
				fw, bw = bw, fw
			}
			k := int64(max(e.Count, 1))
			total += k * max(fw, bw)
			if total > 1<<53 {
				return nil, errorf("network: interfaces: total capacity too large to track exactly at %d decimal places", dec+fdec)
			}
			if !e.Fails() {
				ni.fwd += k * fw
				ni.bwd += k * bw
				continue
			}
			u := Unit{Name: e.Name, Count: e.Count, CapacityMW: 1, MTTFHours: e.meanUpHours(), MTTRHours: e.MTTRHours}
			ni.rows = append(ni.rows, netRow{units: []Unit{u}, fwd: fw, bwd: bw})
		}
	}
	n.connect()
	n.linkMax = make([]int64, len(n.parts))
	for _, f := range n.ifaces {
		c := f.fwd + f.bwd
		for _, r := range f.rows {
			c += int64(max(r.units[0].Count, 1)) * (r.fwd + r.bwd)
		}
		n.linkMax[n.partOf[f.from]] += c
	}
	n.plantTrees()
	mw := n.MW(total)
	for _, u := range units {
		mw += u.CapacityMW * float64(max(u.Count, 1))
	}
	n.tol = 1e-6 + 1e-12*mw
	return n, nil
}

// plantTrees sets n.radial and, for a radial network, the leaf-to-root
// order of every zone towards each root zone.
func (n *Network) plantTrees() {
	nz := len(n.zones)
	// A forest has one link fewer than zones in each connected part.
	if len(n.ifaces) != nz-len(n.parts) {
		return
	}
	nbr := make([][]int, nz) // each zone's links
	for i, f := range n.ifaces {
		nbr[f.from] = append(nbr[f.from], i)
		nbr[f.to] = append(nbr[f.to], i)
	}
	n.radial = true
	n.trees = make([][]treeStep, nz)
	for root := range nz {
		var order []treeStep
		// Each part is rooted at root if root is in it, else at its first
		// zone, and root's part comes last (so that its root is the last
		// step); a depth-first search lists parents before children, so
		// the reversed list runs from the leaves to the root.
		parts := slices.Clone(n.parts)
		mine := n.partOf[root]
		parts = append(slices.Delete(parts, mine, mine+1), n.parts[mine])
		for _, part := range parts {
			r := part[0]
			if n.partOf[root] == n.partOf[r] {
				r = root
			}
			var pre []treeStep
			stack := []treeStep{{zone: r, parent: -1, link: -1}}
			for len(stack) > 0 {
				st := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				pre = append(pre, st)
				for _, l := range nbr[st.zone] {
					if l == st.link {
						continue
					}
					f := n.ifaces[l]
					c := f.from
					if c == st.zone {
						c = f.to
					}
					stack = append(stack, treeStep{zone: c, parent: st.zone, link: l, fromZone: f.from == c})
				}
			}
			slices.Reverse(pre)
			order = append(order, pre...)
		}
		n.trees[root] = order
	}
}

// connect finds the connected parts of the network.
func (n *Network) connect() {
	z := len(n.zones)
	n.partOf = make([]int, z)
	n.local = make([]int, z)
	for i := range n.partOf {
		n.partOf[i] = -1
	}
	for start := range z {
		if n.partOf[start] >= 0 {
			continue
		}
		p := len(n.parts)
		stack := []int{start}
		n.partOf[start] = p
		var members []int
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			members = append(members, v)
			for _, f := range n.ifaces {
				for _, w := range [][2]int{{f.from, f.to}, {f.to, f.from}} {
					if w[0] == v && n.partOf[w[1]] < 0 {
						n.partOf[w[1]] = p
						stack = append(stack, w[1])
					}
				}
			}
		}
		// Declaration order within the part.
		slices.Sort(members)
		for k, m := range members {
			n.local[m] = k
		}
		n.parts = append(n.parts, members)
	}
}

// Zones returns the zone names in priority order.
func (n *Network) Zones() []string { return append([]string(nil), n.zones...) }

// Hours returns the horizon in hours.
func (n *Network) Hours() int { return n.hours }

// UnitsPerMW returns the number of capacity units in one MW.
func (n *Network) UnitsPerMW() float64 { return n.scale }

// MW converts capacity units to MW, rounding correctly (see [Fleet.MW]).
func (n *Network) MW(units int64) float64 {
	if n.scale == 1 {
		return float64(units)
	}
	return float64(units) / n.scale
}

// HeatDerated reports whether some zone's fleet has a heat-derated class.
func (n *Network) HeatDerated() bool {
	for _, f := range n.fleets {
		if f != nil && f.HeatDerated() {
			return true
		}
	}
	return false
}

// NetworkAvailability draws trial after trial of a [Network]'s hourly
// available capacity, zone by zone, and of its interfaces, and settles
// hours against loads. It owns one goroutine's scratch memory and is not
// safe for concurrent use; after the first trial it does not allocate.
type NetworkAvailability struct {
	n        *Network
	avail    []*Availability
	capacity [][]int64      // each zone's capacity of each hour, capacity units
	sims     [][]*Simulator // each interface's element rows
	links    [][]linkStep   // each interface's transfer capacity, as steps from hour 0; nil without outages
	diffs    []linkStep     // Sample's scratch: the changes of one interface's capacity
	steps    []capStep

	// Settling scratch, over the subsets of the largest part.
	lsum      []float64
	csum, tin []int64
	short     []bool
	order     []int
	lz        []float64 // each zone's load, MW
	ex, ex2   expansion // exact values (see settlePart)

	// Headroom scratch: each zone's capacity and each interface's
	// transfer capacity, the least over the hours asked about, and each
	// zone's net supply as the tree is folded.
	hcap     []int64
	hfw, hbw []int64
	varying  []int // the links with outages
	net      []float64

	// What the last Sample was given, for a dispatch worker: the thermal
	// factors, the heat-wave spans, and the number of samples drawn.
	thermal []float64
	spans   [][2]int
	samples int64
	rec     *dispatchLog // set by Dispatch.NewWorker
}

// NewAvailability returns a sampler of n's hourly capacities.
func (n *Network) NewAvailability() (*NetworkAvailability, error) {
	if n.hours < 1 {
		return nil, errorf("network: not built by NewNetwork")
	}
	a := &NetworkAvailability{n: n, avail: make([]*Availability, len(n.zones)), capacity: make([][]int64, len(n.zones))}
	for z, f := range n.fleets {
		if f == nil {
			a.capacity[z] = make([]int64, n.hours)
			continue
		}
		av, err := f.NewAvailability()
		if err != nil {
			return nil, err
		}
		a.avail[z] = av
	}
	a.sims = make([][]*Simulator, len(n.ifaces))
	a.links = make([][]linkStep, len(n.ifaces))
	for i, f := range n.ifaces {
		for _, r := range f.rows {
			s, err := newSimulator(r.units, n.hours, TransmissionStream)
			if err != nil {
				return nil, err
			}
			a.sims[i] = append(a.sims[i], s)
		}
		if len(f.rows) > 0 {
			a.links[i] = make([]linkStep, 0, 16)
		}
	}
	most := 0
	for _, p := range n.parts {
		most = max(most, len(p))
	}
	a.lsum = make([]float64, 1<<most)
	a.csum = make([]int64, 1<<most)
	a.tin = make([]int64, 1<<most)
	a.short = make([]bool, len(n.zones))
	a.lz = make([]float64, len(n.zones))
	// An exact difference of two cuts has two terms for each zone and
	// two for the capacity; rounding its quotient doubles it and adds four.
	a.ex.parts = make([]float64, 0, 2*most+2)
	a.ex2.parts = make([]float64, 0, 4*most+8)
	a.hcap = make([]int64, len(n.zones))
	a.hfw = make([]int64, len(n.ifaces))
	a.hbw = make([]int64, len(n.ifaces))
	for i, f := range n.ifaces {
		if len(f.rows) > 0 {
			a.varying = append(a.varying, i)
		} else {
			a.hfw[i], a.hbw[i] = f.fwd, f.bwd // for good
		}
	}
	a.net = make([]float64, len(n.zones))
	a.order = make([]int, 0, most)
	return a, nil
}

// Sample draws trial t's outages of units and interface elements. Each
// zone's fleet is sampled by its [Availability] (thermal and spans as
// there), each element row by its own simulator. The capacities are then
// read with [NetworkAvailability.Capacity] and settled with
// [NetworkAvailability.Settle]. If t's run is cancelled Sample may stop
// early, leaving meaningless capacities, which the trial discards.
func (a *NetworkAvailability) Sample(t montecarlo.Trial, thermal []float64, spans [][2]int) {
	n := a.n
	a.thermal, a.spans = thermal, spans
	a.samples++
	if a.rec != nil {
		a.rec.reset()
	}
	for z, av := range a.avail {
		if av != nil {
			a.capacity[z] = av.Sample(t, thermal, spans)
		}
	}
	for i, f := range n.ifaces {
		if len(f.rows) == 0 {
			continue
		}
		// The changes of capacity at the hours where they happen, in
		// order, then their running sums from the elements that never
		// fail: the interface's capacity as steps.
		a.diffs = a.diffs[:0]
		for r, s := range a.sims[i] {
			row := f.rows[r]
			a.steps = s.capSteps(s.draw(t), a.steps[:0])
			var up int64
			for _, st := range a.steps {
				if d := st.units - up; d != 0 {
					a.diffs = append(a.diffs, linkStep{hour: st.hour, fw: d * row.fwd, bw: d * row.bwd})
				}
				up = st.units
			}
		}
		slices.SortFunc(a.diffs, func(x, y linkStep) int { return x.hour - y.hour })
		steps := append(a.links[i][:0], linkStep{hour: 0, fw: f.fwd, bw: f.bwd})
		for _, d := range a.diffs {
			last := steps[len(steps)-1]
			next := linkStep{hour: d.hour, fw: last.fw + d.fw, bw: last.bw + d.bw}
			if d.hour == last.hour {
				steps[len(steps)-1] = next
			} else {
				steps = append(steps, next)
			}
		}
		a.links[i] = steps
	}
}

// linkStep is an interface's transfer capacity from an hour on (until
// the next step), forward and backward, in capacity units.
type linkStep struct {
	hour   int
	fw, bw int64
}

// linkAt returns the index of the step of steps (sorted, the first at
// hour 0) in force in hour h.
func linkAt(steps []linkStep, h int) int {
	k, _ := slices.BinarySearchFunc(steps, h+1, func(s linkStep, x int) int { return s.hour - x })
	return k - 1
}

// Capacity returns zone z's available capacity in each hour of the trial
// last sampled, in capacity units ([Network.MW] converts). The slice is
// owned by a and overwritten by the next [NetworkAvailability.Sample].
func (a *NetworkAvailability) Capacity(z int) []int64 { return a.capacity[z] }

// Transfer returns interface i's available capacity in hour h of the
// trial last sampled, forward (From→To) and backward, in capacity units.
func (a *NetworkAvailability) Transfer(i, h int) (forward, backward int64) {
	f := &a.n.ifaces[i]
	if a.links[i] == nil {
		return f.fwd, f.bwd
	}
	st := a.links[i][linkAt(a.links[i], h)]
	return st.fw, st.bw
}

// Settle settles hour h of the trial last sampled against the zones'
// loads, scale·load[z] MW in zone z, and returns the least total unserved
// energy the network allows, MWh; unserved[z] receives zone z's share of
// it under the priority rule (see [Network]). len(load) and len(unserved)
// must be the number of zones. Each zone's load is compared with its own
// capacity as [Fleet.MW](capacity) < scale·load; when no zone is short
// Settle returns 0 at once. The total is the zones' shares added in zone
// order, so that a caller who adds them, or parts of them, in that order
// compares the same bits.
func (a *NetworkAvailability) Settle(h int, load []float64, scale float64, unserved []float64) float64 {
	n := a.n
	some := false
	for z := range n.zones {
		unserved[z] = 0
		some = some || n.MW(a.capacity[z][h]) < scale*load[z]
	}
	if !some {
		return 0
	}
	a.hourCaps(h, nil)
	return a.settleCaps(load, scale, unserved)
}

// settleCaps settles the zones' loads against the capacities in a.hcap
// and the transfer capacities in a.hfw and a.hbw, as Settle does for an
// hour; unserved must be zeroed. Every settlement, of a sampled hour or
// of a state the exact method enumerates, runs through it.
func (a *NetworkAvailability) settleCaps(load []float64, scale float64, unserved []float64) float64 {
	n := a.n
	some := false
	for z := range n.zones {
		a.short[z] = n.MW(a.hcap[z]) < scale*load[z]
		some = some || a.short[z]
	}
	if !some {
		return 0
	}
	// On a radial network, fold it: an hour cleared with a margin is
	// served exactly too, as enumerating the cuts would find every one
	// slack.
	if n.radial && a.fold(0, false, 0, load, scale) >= n.tol {
		return 0
	}
	for _, part := range n.parts {
		a.settlePart(part, load, scale, unserved)
	}
	total := 0.0
	for _, u := range unserved {
		total += u
	}
	return total
}

// hourCaps fills a.hcap, a.hfw and a.hbw with each zone's capacity and
// each interface's transfer capacity in hour h, or the least over h and
// the hours h−n for n in back (hours before the first count as the first).
func (a *NetworkAvailability) hourCaps(h int, back []int) {
	for z, c := range a.capacity {
		v := c[h]
		for _, b := range back {
			v = min(v, c[max(0, h-b)])
		}
		a.hcap[z] = v
	}
	for _, i := range a.varying {
		steps := a.links[i]
		st := steps[linkAt(steps, h)]
		fw, bw := st.fw, st.bw
		for _, b := range back {
			st := steps[linkAt(steps, max(0, h-b))]
			fw, bw = min(fw, st.fw), min(bw, st.bw)
		}
		a.hfw[i], a.hbw[i] = fw, bw
	}
}

// cuts returns, for every set S of the zones of part (bit k for part[k]),
// the load L(S), the capacity C(S) and the transfer capacity T(S) into S
// from the rest of the part, from a.hcap, a.hfw and a.hbw. Loads add in
// declaration order (the highest member last).
func (a *NetworkAvailability) cuts(part []int, load []float64) (lsum []float64, csum, tin []int64) {
	n := a.n
	m := len(part)
	lsum, csum, tin = a.lsum[:1<<m], a.csum[:1<<m], a.tin[:1<<m]
	lsum[0], csum[0] = 0, 0
	for s := 1; s < 1<<m; s++ {
		k := bits.Len(uint(s)) - 1
		z := part[k]
		lsum[s] = lsum[s&^(1<<k)] + load[z]
		csum[s] = csum[s&^(1<<k)] + a.hcap[z]
	}
	clear(tin)
	for i, f := range n.ifaces {
		if n.partOf[f.from] != n.partOf[part[0]] {
			continue
		}
		fw, bw := a.hfw[i], a.hbw[i]
		bf, bt := 1<<n.local[f.from], 1<<n.local[f.to]
		for s := range tin {
			switch {
			case s&bt != 0 && s&bf == 0:
				tin[s] += fw
			case s&bf != 0 && s&bt == 0:
				tin[s] += bw
			}
		}
	}
	return lsum, csum, tin
}

// Sites are places where extra load may be added, compiled for
// [NetworkAvailability.Headroom]: each a share of the extra load in
// each zone. Build them with [Network.Sites]; they are read-only.
type Sites struct {
	shares [][]float64
	root   []int     // the one zone of a site wholly in one zone (radial networks), else −1
	inv    []float64 // 1/share of that zone
}

// Sites compiles sites for n: shares[j][z] is site j's share of an extra
// load in zone z, finite and >= 0, with len(shares[j]) the number of
// zones; a site with no share anywhere screens only whether the loads
// alone are served.
func (n *Network) Sites(shares [][]float64) (*Sites, error) {
	s := &Sites{}
	for j, sh := range shares {
		if len(sh) != len(n.zones) {
			return nil, errorf("network: sites[%d]: %d shares, want one for each of %d zones", j, len(sh), len(n.zones))
		}
		root, inv := -1, 0.0
		for z, x := range sh {
			if !(x >= 0) || math.IsInf(x, 0) {
				return nil, errorf("network: sites[%d][%d] = %v, want a finite share >= 0", j, z, x)
			}
			if x == 0 {
				continue
			}
			if root != -1 {
				root = -2 // shares in several zones
				continue
			}
			root, inv = z, 1/x
		}
		if root == -2 || !n.radial {
			root = -1
		}
		s.shares = append(s.shares, slices.Clone(sh))
		s.root = append(s.root, root)
		s.inv = append(s.inv, inv)
	}
	return s, nil
}

// Headroom screens hour h of the trial last sampled for extra loads at
// a few sites: out[j] receives the largest extra load t MW that can be
// added across the zones in site j's shares (t·share[z] in zone z)
// with every load still served, the zones' own loads being
// scale·load[z], and each zone's capacity and each interface's transfer
// capacity the least over hour h and the hours h−n for n in back. A
// value is negative when the loads alone are not all served; for a site
// with no share anywhere only its sign means anything (it is the least
// slack of a radial network, +Inf otherwise). Values are computed in floating point and may differ from
// the exact ones by rounding: callers compare them with a margin and
// settle the hours they do not clear with [NetworkAvailability.Settle].
//
// On a radial network (no two zones joined by two paths) with a site in
// one zone, Headroom folds the network onto that zone in O(zones +
// interfaces): each zone, from the leaves inwards, sends its surplus to
// its neighbour towards the site, as much as the interfaces between
// them carry, or draws its deficit from it, and the site's net supply is
// the headroom. Otherwise it takes the least over sets S of zones of
// (C(S) + T(S) − L(S)) / site(S), the min-cut bound.
func (a *NetworkAvailability) Headroom(h int, back []int, load []float64, scale float64, sites *Sites, out []float64) {
	a.hourCaps(h, back)
	a.headrooms(load, scale, sites, out)
}

// headrooms is Headroom for every site, from a.hcap, a.hfw and a.hbw.
func (a *NetworkAvailability) headrooms(load []float64, scale float64, sites *Sites, out []float64) {
	for j, root := range sites.root {
		if root >= 0 {
			out[j] = a.fold(root, true, sites.inv[j], load, scale)
			continue
		}
		out[j] = a.headroom(load, scale, sites.shares[j])
	}
}

// HeadroomOver is [NetworkAvailability.Headroom] for a range of hours:
// out[j] receives the headroom at sites[j] with each zone's capacity and
// each interface's transfer capacity the least over hours [start, end),
// against zone loads scale·load[z] (callers pass each zone's largest
// load over the hours screened). Capacities only lower and loads only
// raise what a network must serve, so a range whose headroom clears a
// carve-out clears it in every hour of the range, and the per-hour
// screen is needed only in the ranges that do not. Hours outside the
// horizon are ignored.
func (a *NetworkAvailability) HeadroomOver(start, end int, load []float64, scale float64, sites *Sites, out []float64) {
	start, end = max(start, 0), min(end, a.n.hours)
	if end <= start {
		for j := range sites.root {
			out[j] = math.Inf(1) // no hours: nothing to serve
		}
		return
	}
	for z, c := range a.capacity {
		if a.avail[z] != nil { // a zone without units has none, ever
			a.hcap[z] = slices.Min(c[start:end])
		}
	}
	for _, i := range a.varying {
		steps := a.links[i]
		k := linkAt(steps, start)
		fw, bw := steps[k].fw, steps[k].bw
		for k++; k < len(steps) && steps[k].hour < end; k++ {
			fw, bw = min(fw, steps[k].fw), min(bw, steps[k].bw)
		}
		a.hfw[i], a.hbw[i] = fw, bw
	}
	a.headrooms(load, scale, sites, out)
}

// headroom is Headroom for one site, from a.hcap, a.hfw and a.hbw.
func (a *NetworkAvailability) headroom(load []float64, scale float64, site []float64) float64 {
	n := a.n
	root, share := -1, 0.0
	for z, s := range site {
		if s <= 0 {
			continue
		}
		if root >= 0 {
			root = -2 // shares in several zones
			break
		}
		root, share = z, s
	}
	if n.radial && root != -2 {
		return a.fold(max(root, 0), root >= 0, 1/share, load, scale)
	}
	best := math.Inf(1)
	for _, part := range n.parts {
		lsum, csum, tin := a.cuts(part, load)
		for s := 1; s < len(lsum); s++ {
			v := n.MW(csum[s]+tin[s]) - scale*lsum[s]
			w := 0.0
			for k, z := range part {
				if s&(1<<k) != 0 && z < len(site) {
					w += site[z]
				}
			}
			switch {
			case v < 0:
				return v
			case w > 0:
				best = min(best, v/w)
			}
		}
	}
	return best
}

// fold is Headroom on a radial network, rooted at zone root, which holds
// the share 1/inv of the extra load; with atSite unset (root any zone)
// it returns the least slack of the constraints a served network meets,
// so that a tie within rounding does not pass for a margin.
func (a *NetworkAvailability) fold(root int, atSite bool, inv float64, load []float64, scale float64) float64 {
	n := a.n
	net := a.net
	pu := 1 / n.scale // a product by the reciprocal: within an ulp, far inside the margins callers use
	for z := range net {
		net[z] = float64(a.hcap[z])*pu - scale*load[z]
	}
	// Without a site, the least slack of any constraint met: a root's
	// surplus, or the room left on an interface carrying a deficit.
	slack := math.Inf(1)
	for _, st := range n.trees[root] {
		r := net[st.zone]
		if st.parent < 0 {
			if r < 0 {
				return r
			}
			if atSite && st.zone == root {
				return r * inv // the last step: the site's part is folded last
			}
			slack = min(slack, r)
			continue
		}
		up, down := a.hfw[st.link], a.hbw[st.link] // towards the parent, and back
		if !st.fromZone {
			up, down = down, up
		}
		if r >= 0 {
			net[st.parent] += min(r, float64(up)*pu)
		} else if d := float64(down) * pu; -r <= d {
			net[st.parent] += r
			slack = min(slack, r+d)
		} else {
			return r + d
		}
	}
	return slack
}

// settlePart settles one connected part of the network in hour h (see
// Settle): unserved[z] receives the share of each zone z of the part.
//
// The settlement is exact. A cut's value, U·L(S) − (C(S) + T(S)) in
// capacity units (U of them to the MW), is a sum of the products of the
// zones' loads by U, each exact as two float64 values (see [twoProd]),
// and of an integer; the cuts are screened in floating point, and those
// that screen within twice the bound of that rounding of the largest
// are compared exactly. Each zone's share, the difference of two
// such maxima, is then held exactly, its cut's terms less those of the
// cut before (zones in both cancel), and divided by U with one rounding.
// A zone's share thus depends on the other
// zones' loads only through the cuts the network makes, never through
// the rounding of their sum.
func (a *NetworkAvailability) settlePart(part []int, load []float64, scale float64, unserved []float64) {
	n := a.n
	if len(part) == 1 {
		if z := part[0]; a.short[z] {
			unserved[z] = scale*load[z] - n.MW(a.hcap[z])
		}
		return
	}
	// The short zones of the part, in priority order.
	a.order = a.order[:0]
	for _, z := range part {
		if a.short[z] {
			a.order = append(a.order, z)
		}
	}
	if len(a.order) == 0 {
		return
	}
	m := len(part)
	// Each zone's load in MW, as its shortness was judged.
	mag := 0.0
	for _, z := range part {
		a.lz[z] = float64(scale * load[z]) // rounded as in settleCaps, never fused
		mag += math.Abs(a.lz[z])
	}
	lsum, csum, tin := a.cuts(part, a.lz)
	all := 1<<m - 1
	// A screened value, a sum of up to m loads less a capacity converted
	// to MW, is off its exact value by at most m+3 roundings, each at
	// most 2^-53 of the part's loads and capacities in magnitude: margin
	// bounds that with room to spare. The cut of the exact largest value
	// screens within two margins of the largest screened value.
	margin := float64(2*(m+4)) * 0x1p-53 * (mag + n.MW(csum[all]+n.linkMax[n.partOf[part[0]]]))
	// Zones that cover their own load, and the short zones counted so
	// far, contribute their margins; short zones not yet counted serve
	// their own load from their own capacity and count for nothing.
	counted := 0
	for _, z := range part {
		if !a.short[z] {
			counted |= 1 << n.local[z]
		}
	}
	// A share of at most 10⁻¹² of the part's load and capacity is a
	// tie, met: capacity equal to the load is enough, however the zones'
	// decimal loads add up in binary (24.6 + 2.3 is more than 26.9).
	tie := 1e-12 * (lsum[all] + n.MW(csum[all]))
	var pc int   // the zones of the cut of the last share, ...
	var pk int64 // ... and its C(S) + T(S)
	for _, z := range a.order {
		counted |= 1 << n.local[z]
		// The largest screened value, from the empty cut's 0, with its
		// zones bc and C(S) + T(S) bk, and the largest of the cuts that
		// differ from it: the first may be a later best's (c, k), which
		// only overstates it.
		best, next := 0.0, math.Inf(-1)
		bc, bk := 0, int64(0)
		for s := 1; s < 1<<m; s++ {
			c := s & counted
			k := csum[c] + tin[s]
			v := lsum[c] - n.MW(k)
			switch {
			case v > best:
				if c != bc || k != bk {
					next = best
				}
				best, bc, bk = v, c, k
			case v > next && (c != bc || k != bk):
				next = v
			}
		}
		if next >= best-2*margin {
			// Another cut screens within two margins of the largest: the
			// largest exactly among them (the first of equals).
			bc, bk = 0, 0
			first := best-2*margin > 0 // else the empty cut is one of them
			for s := 1; s < 1<<m; s++ {
				c := s & counted
				k := csum[c] + tin[s]
				if lsum[c]-n.MW(k) < best-2*margin {
					continue
				}
				switch {
				case first:
					first = false
				case c == bc && k == bk:
					continue
				case a.cutSign(part, c, k, bc, bk) <= 0:
					continue
				}
				bc, bk = c, k
			}
		}
		// A share within the tie is met and dropped: the cut moves on
		// either way, so that it is not added to the next zone's.
		if share := a.cutMW(part, bc, bk, pc, pk); share > tie {
			unserved[z] = share
		}
		pc, pk = bc, bk
	}
}

// The exact difference of two cuts' values, U·L(S) − (C(S) + T(S)) in
// capacity units, is that of the zones c (bit k for part[k]) with C(S) +
// T(S) = k, less that of the zones c0 with k0: zones in both cancel.
// cutSign and cutMW find its sign and its value in MW directly, with one
// IEEE operation, when the cuts differ in one zone at most, and from its
// exact expansion (cutDiff) otherwise.

// cutSign returns the sign of the exact difference of two cuts' values.
func (a *NetworkAvailability) cutSign(part []int, c int, k int64, c0 int, k0 int64) int {
	d, dk := c^c0, k0-k
	switch {
	case d == 0:
		return cmp.Compare(dk, 0)
	case d&(d-1) == 0 && -1<<53 <= dk && dk <= 1<<53:
		// U·l + dk, rounded once by the fused multiply-add: its sign is
		// the exact one.
		return cmp.Compare(math.FMA(a.cutLoad(part, d, c0), a.n.scale, float64(dk)), 0)
	}
	return a.cutDiff(part, c, k, c0, k0).sign()
}

// cutMW returns the exact difference of two cuts' values in MW, rounded
// once to the nearest float64.
func (a *NetworkAvailability) cutMW(part []int, c int, k int64, c0 int, k0 int64) float64 {
	n := a.n
	d, dk := c^c0, k0-k
	if -1<<53 <= dk && dk <= 1<<53 {
		if d == 0 {
			return n.MW(dk) // one correctly rounded division
		}
		// The loads as hi + lo, if two float64 values hold their sum.
		hi, lo, exact := a.cutLoad(part, d&-d, c0), 0.0, true
		for x := d & (d - 1); x != 0; x &= x - 1 {
			var e, e2 float64
			hi, e = twoSum(hi, a.cutLoad(part, x&-x, c0))
			lo, e2 = twoSum(lo, e)
			exact = exact && e2 == 0
		}
		if exact {
			if v, ok := n.nearest(hi, lo, dk); ok {
				return v
			}
		}
	}
	return a.cutDiff(part, c, k, c0, k0).quo(n.scale, &a.ex2)
}

// cutLoad returns the load of the one zone d (a bit) in which two cuts
// differ: negative when it is the second cut's, c0.
func (a *NetworkAvailability) cutLoad(part []int, d, c0 int) float64 {
	l := a.lz[part[bits.TrailingZeros(uint(d))]]
	if c0&d != 0 {
		return -l
	}
	return l
}

// cutDiff returns, in a.ex, the exact difference of two cuts' values in
// capacity units as an expansion.
func (a *NetworkAvailability) cutDiff(part []int, c int, k int64, c0 int, k0 int64) *expansion {
	x := &a.ex
	x.reset()
	u := a.n.scale
	for d := c ^ c0; d != 0; d &= d - 1 {
		x.addProd(a.cutLoad(part, d&-d, c0), u)
	}
	x.addInt(k0 - k)
	return x
}

// nearest returns hi + lo + dk/U correctly rounded, for |dk| <= 2^53,
// and true; or false when that cannot be told without the expansion
// (when the sum lies within a few ulps of its tail of a point half-way
// between two float64 values, which is rare). With dk/U = q + r/U
// exactly (q the rounded quotient, r its remainder, exact by a fused
// multiply-add) and hi + q = s + e exactly, the sum is s + (e + lo +
// r/U). Its tail t is computed with two-sums whose errors are known and
// one division by U, off by at most half an ulp of its result; s + t
// rounds as the sum does when it lies further than all those errors
// from half-way, and always when none of them is there.
func (n *Network) nearest(hi, lo float64, dk int64) (float64, bool) {
	u := n.scale
	fk := float64(dk)
	q, r := fk, 0.0
	if u != 1 {
		q = fk / u
		r = math.FMA(-q, u, fk)
	}
	if r == 0 && lo == 0 {
		return hi + q, true // the sum of two float64 values, rounded once
	}
	s, e := twoSum(hi, q)
	el, x1 := twoSum(e, lo)
	rq := r / u
	t, x2 := twoSum(el, rq)
	v, err := twoSum(s, t)
	if r == 0 && x1 == 0 && x2 == 0 {
		return v, true // s + t is the sum, and v its one rounding
	}
	off := math.Abs(err) + math.Abs(x1) + math.Abs(x2)
	if r != 0 {
		off += ulp(rq)
	}
	// Half the gap to the nearer neighbour of v: a quarter of an ulp
	// below a power of two.
	half := ulp(v) / 2
	if math.Float64bits(v)&(1<<52-1) == 0 {
		half /= 2
	}
	if off < half {
		return v, true
	}
	return 0, false
}

// ulp returns the unit in the last place of x: the gap from |x| to the
// next float64 up (for zero and subnormals, the smallest subnormal).
func ulp(x float64) float64 {
	return max(math.Float64frombits(math.Float64bits(x)&(0x7ff<<52))*0x1p-52, 0x1p-1074)
}
