package grid

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// mcfEdge is an edge of the oracle's flow network.
type mcfEdge struct {
	to       int
	cap, fl  float64
	cost     float64
	rev      int
	original bool
}

// minCostMaxFlow is the test oracle: the minimum-cost maximum flow from
// s to t by successive shortest paths (Bellman-Ford, so negative costs
// are fine), in floating point. It returns the flow and its cost.
func minCostMaxFlow(g [][]mcfEdge, s, t int) (flow, cost float64) {
	const eps = 1e-9
	n := len(g)
	dist := make([]float64, n)
	prevV := make([]int, n)
	prevE := make([]int, n)
	for {
		for i := range dist {
			dist[i] = math.Inf(1)
		}
		dist[s] = 0
		for range n {
			changed := false
			for v := range n {
				if math.IsInf(dist[v], 1) {
					continue
				}
				for i, e := range g[v] {
					if e.cap-e.fl > eps && dist[v]+e.cost < dist[e.to]-1e-12 {
						dist[e.to] = dist[v] + e.cost
						prevV[e.to], prevE[e.to] = v, i
						changed = true
					}
				}
			}
			if !changed {
				break
			}
		}
		if math.IsInf(dist[t], 1) {
			return flow, cost
		}
		push := math.Inf(1)
		for v := t; v != s; v = prevV[v] {
			e := g[prevV[v]][prevE[v]]
			push = min(push, e.cap-e.fl)
		}
		for v := t; v != s; v = prevV[v] {
			e := &g[prevV[v]][prevE[v]]
			e.fl += push
			g[v][e.rev].fl -= push
			cost += push * e.cost
		}
		flow += push
	}
}

// addEdge adds an edge and its residual twin.
func addEdge(g [][]mcfEdge, a, b int, cp, cost float64) {
	g[a] = append(g[a], mcfEdge{to: b, cap: cp, cost: cost, rev: len(g[b]), original: true})
	g[b] = append(g[b], mcfEdge{to: a, cap: 0, cost: -cost, rev: len(g[a]) - 1})
}

// randomRadial returns a random radial system of 1 to 4 zones over
// hours: a few units per zone with costs from a small set (so that ties
// occur), some in monthly, profile and heat-derated classes, and links
// with failing elements.
func randomRadial(r *rand.Rand, hours int) *System {
	nz := 1 + r.IntN(4)
	prof := make([][]float64, 12)
	for m := range prof {
		prof[m] = make([]float64, 24)
		for h := range prof[m] {
			prof[m][h] = float64(r.IntN(11)) / 10
		}
	}
	classes := []Class{
		{Name: "m", Monthly: []float64{0.5, 0.9, 0.7, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
		{Name: "p", Profile: prof},
		{Name: "hot", HeatDerate: true, Monthly: []float64{0.8, 0.6, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
	}
	costs := []float64{-5, 0, 0, 10, 20, 20, 35, 50}
	fuels := []string{"", "a", "b", "c"}
	var zones []Zone
	var units []Unit
	var ifaces []Interface
	for z := range nz {
		name := fmt.Sprintf("z%d", z)
		zones = append(zones, Zone{Name: name, Load: make([]float64, hours)})
		for i := range 1 + r.IntN(5) {
			u := Unit{Name: fmt.Sprintf("%s-u%d", name, i), Zone: name, CapacityMW: float64(10 + r.IntN(90)),
				Count: 1 + r.IntN(2), MTTFHours: float64(20 + r.IntN(200)), MTTRHours: float64(5 + r.IntN(30)),
				CostPerMWh: costs[r.IntN(len(costs))], CO2TPerMWh: float64(r.IntN(3)) / 2, Fuel: fuels[r.IntN(len(fuels))]}
			if k := r.IntN(5); k < 3 {
				u.Class = classes[k].Name
				if k == 1 && r.IntN(5) > 0 { // wind and solar are mostly free
					u.CostPerMWh = costs[r.IntN(3)]
				}
			}
			units = append(units, u)
		}
		if z > 0 {
			p := r.IntN(z)
			e := Element{Name: fmt.Sprintf("l%d", z), ForwardMW: float64(r.IntN(80)), BackwardMW: float64(r.IntN(80))}
			if r.IntN(2) == 0 {
				e.MTTFHours, e.MTTRHours = 50, 10
			}
			ifaces = append(ifaces, Interface{From: fmt.Sprintf("z%d", p), To: name, Elements: []Element{e}})
		}
	}
	return &System{Units: units, Classes: classes, Zones: zones, Interfaces: ifaces}
}

// TestDispatchOracle checks Hour against a brute-force minimum-cost flow
// on thousands of random radial networks and loads: the same cost to
// 1e-9 relative in every hour that is not short, and the same total
// unserved energy in every hour.
func TestDispatchOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const hours = 24 * 70 // three months: the month boundaries count
	checked, shortChecked, slowish, fast := 0, 0, 0, 0
	for sysIdx := range 40 {
		sys := randomRadial(r, hours)
		_, av, w := newDispatchWorker(t, sys)
		thermal := make([]float64, hours)
		for h := range thermal {
			thermal[h] = 1
		}
		spans := [][2]int{{100, 130}, {1500, 1520}}
		for _, sp := range spans {
			for h := sp[0]; h < sp[1]; h++ {
				thermal[h] = 0.7 + 0.3*r.Float64()
			}
		}
		load := make([]float64, len(sys.Zones))
		for z := range load {
			load[z] = float64(r.IntN(100))
		}
		av.Sample(montecarlo.Trial{Seed: 11, Index: int64(sysIdx)}, thermal, spans)
		if err := w.Prepare(); err != nil {
			t.Fatal(err)
		}
		o := newOracleRun(w)
		for h := 0; h < hours; h++ {
			if r.IntN(50) == 0 {
				h += r.IntN(10) // skip some hours
				if h >= hours {
					break
				}
			}
			for z := range load {
				switch k := r.IntN(20); {
				case k == 0:
					load[z] = 0
				case k == 1:
					load[z] = float64(r.IntN(300))
				default:
					load[z] = max(0, 0.95*load[z]+0.05*70+float64(r.IntN(21)-10)+0.25)
				}
			}
			scale := 1.0
			if r.IntN(10) == 0 {
				scale = 0.5 + r.Float64()
			}
			short, ran, err := o.hour(h, load, scale)
			if err != nil {
				t.Fatalf("system %d: %v", sysIdx, err)
			}
			if ran {
				fast++
			}
			if short {
				shortChecked++
				continue
			}
			checked++
		}
		if len(sys.Interfaces) > 0 {
			slowish++
		}
	}
	t.Logf("%d hours checked for cost (%d by the fast path), %d short hours for unserved energy; %d networks with interfaces", checked, fast, shortChecked, slowish)
	if fast < checked/4 || checked-fast < checked/10 {
		t.Errorf("fast path in %d of %d hours: both paths should be well exercised", fast, checked)
	}
}

// oracleRun dispatches the hours of one trial and checks each against
// the oracle (oracleHour).
type oracleRun struct {
	w        *DispatchWorker
	tot, ref *DispatchTotals
	prev     []float64 // each tier's energy before the hour
	// withhold, if set, takes capacity off the tiers' capacities of the
	// hour before the oracle solves it.
	withhold func(capU []int64)
}

// newOracleRun starts checking the trial w is prepared for.
func newOracleRun(w *DispatchWorker) *oracleRun {
	d := w.d
	o := &oracleRun{w: w, tot: d.NewTotals(), ref: d.NewTotals(), prev: make([]float64, len(d.tiers))}
	o.ref.cur.start(o.ref, w)
	return o
}

// hour dispatches hour h at the zones' loads times scale and compares it
// with the oracle's: the same unserved energy to 1e-6 relative to the
// load, and, in an hour that is not short, the same cost to 1e-9
// relative. It reports whether the hour was short and whether the fast
// path dispatched it, or how the hour differs from the oracle's.
func (o *oracleRun) hour(h int, load []float64, scale float64) (short, fast bool, err error) {
	d, tot := o.w.d, o.tot
	un0 := tot.UnservedMWh
	if err := o.w.Hour(h, load, scale, tot); err != nil {
		return false, false, err
	}
	fast = tot.cur.running
	tot.Flush()
	got := 0.0
	for k, e := range tot.energy {
		got += d.tiers[k].cost * (e - o.prev[k])
		o.prev[k] = e
	}
	unserved := tot.UnservedMWh - un0
	flow, want, totalLoad := oracleHour(o.w, o.ref, h, load, scale, o.withhold)
	if math.Abs((totalLoad-flow)-unserved) > 1e-6*(1+totalLoad) {
		return false, fast, fmt.Errorf("hour %d: unserved %v, oracle %v", h, unserved, totalLoad-flow)
	}
	if unserved > 0 {
		return true, fast, nil
	}
	if math.Abs(got-want) > 1e-9*(1+math.Abs(want)) {
		return false, fast, fmt.Errorf("hour %d (loads %v × %v): cost %v, oracle %v", h, load, scale, got, want)
	}
	return false, fast, nil
}

// oracleHour returns the least-cost dispatch of hour h of w's trial by
// minimum-cost flow on the tiers' capacities and links of the hour: the
// load served, its cost, and the load. ref follows the trial's hours
// for the tiers' capacities (start it on w's trial first); withhold, if
// not nil, lowers them first.
func oracleHour(w *DispatchWorker, ref *DispatchTotals, h int, load []float64, scale float64, withhold func([]int64)) (flow, cost, totalLoad float64) {
	d, n, av := w.d, w.d.n, w.av
	nz := len(load)
	ref.cur.advance(ref, w, h)
	w.tierCaps(h, ref.cur.u)
	if withhold != nil {
		withhold(w.capU)
	}
	nt := len(d.tiers)
	src, sink := nt+nz, nt+nz+1
	g := make([][]mcfEdge, nt+nz+2)
	for k := range nt {
		addEdge(g, src, k, n.MW(w.capU[k]), d.tiers[k].cost)
		addEdge(g, k, nt+d.tiers[k].zone, math.Inf(1), 0)
	}
	for z := range nz {
		addEdge(g, nt+z, sink, scale*load[z], 0)
		totalLoad += scale * load[z]
	}
	for i, f := range n.ifaces {
		fw, bw := av.Transfer(i, h)
		addEdge(g, nt+f.from, nt+f.to, n.MW(fw), 0)
		addEdge(g, nt+f.to, nt+f.from, n.MW(bw), 0)
	}
	flow, cost = minCostMaxFlow(g, src, sink)
	return flow, cost, totalLoad
}

// TestDispatchImportingZone checks Hour on a network shaped like
// Pakistan's: a city whose own units never cover its load, fed over a
// one-way link from a zone with cheap surplus, which also exports over
// a limited corridor to the main zone. Every hour is dispatched at the
// oracle's cost, and the fast path takes nearly every hour that is not
// short: a zone short of its own capacity is no reason to solve an hour
// from scratch.
func TestDispatchImportingZone(t *testing.T) {
	const hours = 24 * 90
	prof := make([][]float64, 12)
	for m := range prof {
		prof[m] = make([]float64, 24)
		for h := range prof[m] {
			prof[m][h] = float64(20+3*((h+3*m)%24)) / 100
		}
	}
	classes := []Class{
		{Name: "hydro", Monthly: []float64{0.4, 0.4, 0.5, 0.7, 0.9, 1, 1, 1, 0.8, 0.6, 0.5, 0.4}},
		{Name: "wind", Profile: prof},
	}
	unit := func(name, zone, class string, mw float64, count int, cost float64) Unit {
		return Unit{Name: name, Zone: zone, Class: class, CapacityMW: mw, Count: count,
			MTTFHours: 400, MTTRHours: 40, CostPerMWh: cost, CO2TPerMWh: cost / 100, Fuel: "f"}
	}
	units := []Unit{
		unit("north-hydro", "north", "hydro", 100, 4, 0),
		unit("north-coal", "north", "", 80, 4, 30),
		unit("north-gas", "north", "", 50, 6, 60),
		unit("south-wind", "south", "wind", 50, 4, 0),
		unit("south-coal", "south", "", 90, 4, 20),
		unit("south-gas", "south", "", 40, 3, 45),
		unit("city-gas", "city", "", 25, 2, 70),
	}
	zones := []Zone{{Name: "north", Load: make([]float64, hours)}, {Name: "south", Load: make([]float64, hours)},
		{Name: "city", Load: make([]float64, hours)}}
	ifaces := []Interface{
		{From: "south", To: "north", Elements: []Element{{Name: "corridor", ForwardMW: 260, BackwardMW: 150, MTTFHours: 300, MTTRHours: 20}}},
		{From: "south", To: "city", Elements: []Element{{Name: "city link", ForwardMW: 220}}},
	}
	sys := &System{Units: units, Classes: classes, Zones: zones, Interfaces: ifaces}
	d, av, w := newDispatchWorker(t, sys)
	n := d.Network()
	r := rand.New(rand.NewPCG(3, 4))
	checked, fast, short, cityShort := 0, 0, 0, 0
	for trial := range 3 {
		av.Sample(montecarlo.Trial{Seed: 5, Index: int64(trial)}, nil, nil)
		if err := w.Prepare(); err != nil {
			t.Fatal(err)
		}
		o := newOracleRun(w)
		load := make([]float64, 3)
		for h := range hours {
			day := math.Sin(2 * math.Pi * float64(h%24) / 24)
			load[0] = 560 + 160*day + 30*r.Float64()
			load[1] = 150 + 40*day + 10*r.Float64()
			load[2] = 120 + 60*day + 10*r.Float64()
			if n.MW(av.Capacity(2)[h]) < load[2] {
				cityShort++
			}
			isShort, ran, err := o.hour(h, load, 1)
			if err != nil {
				t.Fatalf("trial %d: %v", trial, err)
			}
			if isShort {
				short++
				continue
			}
			checked++
			if ran {
				fast++
			}
		}
	}
	t.Logf("%d hours checked (%d by the fast path), %d short; the city short of its own units in %d", checked, fast, short, cityShort)
	if cityShort < checked/2 {
		t.Errorf("the city covers its own load in %d of %d hours: want it importing in most", checked+short-cityShort, checked+short)
	}
	if fast < checked*99/100 {
		t.Errorf("fast path in %d of %d hours served, want nearly all", fast, checked)
	}
}
