package study

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/hourcal"
	"github.com/carveout/carveout/internal/variate"
	"github.com/carveout/carveout/montecarlo"
)

// FuelBudget limits the electricity one fuel's units may send out in each
// month: the gas a pipeline or LNG terminal delivers, a mine's output, a
// reservoir's water. Energy is counted as sent out (MWh); a budget of
// fuel (gas volume, tonnes) is converted by the scenario at a stated
// heat rate, with its source.
//
// # The rule
//
// The fuel's units are dispatched in merit order by their marginal cost
// ([grid.Unit.CostPerMWh]) against the trial's own load, hour by hour,
// with every unit's outages as drawn. In a month where that use would
// exceed the budget, the fuel is run as if the load were θ lower, θ the
// least whole capacity unit that keeps the month within its budget:
// the fuel's output in an hour is what merit order would give it
// against load − θ. It so keeps its energy for the hours of highest net
// load (load less the capacity cheaper than the fuel), shaving their
// peak, which is how an operator spends a scarce fuel: where it displaces
// the dearest plant or would otherwise be short. The capacity the fuel
// cannot use in an hour is withheld from the adequacy model, so a
// budget that binds raises the shortfall wherever the plant dearer than
// the fuel cannot cover what it leaves; a month whose use fits the
// budget is untouched, bit for bit.
//
// The merit order is the dispatch's ([grid.CompareMerit]): units by cost,
// and units of different fuels at one cost by the fuel's name in
// alphabetical order ([grid.OtherFuel] for units that name none), so
// that a budgeted fuel's merit-order use is what the dispatch burns of it
// when no interface binds. At one cost, "coal" runs before "gas" and
// "gas" before "oil", whichever of them has a budget. Budgets are
// scheduled fuel by fuel in merit order of each fuel's cheapest unit (by
// cost, then name): a fuel's cheaper capacity counts an earlier budgeted
// fuel at what its own budget lets it run, a later one at its whole
// availability. The schedule of each carve-out case is made on that
// case's load (the other customers' plus the carve-out as it asks for
// it, before any curtailment), so the carve-out draws on the scarce fuel
// as any load does; a sweep's firm-capacity offsets ([Offset]) are not
// part of the schedule.
//
// What a fuel runs in an hour is its cheapest available capacity, so
// what its budget withholds is its dearest: its units at their dearest
// cost first, then those at the next. The schedule is national: over a
// zonal network the capacity withheld at one cost is taken from the
// zones in proportion to the fuel's available capacity at that cost in
// each, and the dispatch takes each zone's share from the fuel's dearest
// units there. A fuel with 60 MW at 20 in zone a and 60 MW at 25 in zone
// b that may run 30 MW so has 30 MW withheld in a and 60 MW in b, not 45
// in each. In a heat-wave hour each block of units of the schedule (a
// budgeted fuel's units at one cost, or the units between two of those
// in merit order) is derated on its own.
type FuelBudget struct {
	// Fuel is the fuel group of the units the budget limits
	// (fleet[i].fuel; "other", [grid.OtherFuel], holds the units that
	// name none, as in the dispatch).
	Fuel string `json:"fuel"`
	// MonthlyMWh is the energy the fuel's units may send out in each
	// calendar month, January first: in JSON an array of exactly 12
	// numbers ([Monthly]). A month the horizon covers only in part gets
	// its share by hours.
	MonthlyMWh Monthly `json:"monthly_mwh"`
	// Source says where the budget comes from.
	Source string `json:"source,omitempty"`
}

// Monthly holds a value for each calendar month, January first. Its JSON
// form is an array of exactly 12 numbers: a shorter or a longer one, or
// null, is an error (a plain Go array would decode the missing months as
// 0 and drop the extra ones without a word).
type Monthly [12]float64

// UnmarshalJSON reads an array of 12 numbers.
func (m *Monthly) UnmarshalJSON(b []byte) error {
	var xs []float64
	err := json.Unmarshal(b, &xs)
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &te) && bytes.HasPrefix(bytes.TrimSpace(b), []byte("[")):
		return fmt.Errorf("an array holding a %s, want %d numbers (one per month)", te.Value, len(m))
	case errors.As(err, &te):
		return fmt.Errorf("%s, want an array of %d numbers (one per month)", te.Value, len(m))
	case err != nil:
		return fmt.Errorf("%v, want an array of %d numbers (one per month)", err, len(m))
	case xs == nil:
		return fmt.Errorf("null, want an array of %d numbers (one per month)", len(m))
	case len(xs) != len(m):
		return fmt.Errorf("%d values, want %d (one per month)", len(xs), len(m))
	}
	copy(m[:], xs)
	return nil
}

// FuelShock is a supply shock to a budgeted fuel, such as the LNG cargo
// defaults of 2021–22: shocks start in a trial-year at random (a Poisson
// number of them, at RatePerYear), each in a month drawn uniformly over
// the horizon, and cut the fuel's budget by CutMWhPerMonth in that month
// and the DurationMonths − 1 after it (shocks that overlap add; a budget
// never falls below 0). Each fuel's shocks are drawn from their own
// stream ([StreamFuelShock]), so every case of a trial sees the same
// shocks.
//
// A shock is cut off at the end of the horizon, without wrapping round
// to its first months: over a one-year horizon a three-month shock that
// starts in December cuts December alone, and one that starts in
// November cuts November and December. A shock of d months over a
// horizon of n months (d <= n) so cuts d − d(d−1)/(2n) months on
// average, not d: three-month shocks at 0.1 a year cut 0.275 months a
// year of a one-year horizon, not 0.3.
type FuelShock struct {
	// Fuel is the budgeted fuel the shock cuts (fuel_budgets[i].fuel).
	Fuel string `json:"fuel"`
	// RatePerYear is the expected number of shocks in a year.
	RatePerYear float64 `json:"rate_per_year"`
	// CutMWhPerMonth is the energy lost from the budget in each month a
	// shock lasts.
	CutMWhPerMonth float64 `json:"cut_mwh_per_month"`
	// DurationMonths is how many months a shock lasts, 1 to 12.
	DurationMonths int `json:"duration_months"`
	// Source says where the shock's numbers come from.
	Source string `json:"source,omitempty"`
}

// StreamFuelShock returns the name of the random stream of a fuel's
// supply shocks ([FuelShock]).
func StreamFuelShock(fuel string) string { return "fuel-shock/" + fuel }

// validateBudgets checks the fuel budgets and shocks against the fleet.
func validateBudgets(budgets []FuelBudget, shocks []FuelShock, fleet []FleetUnit) error {
	fuels := map[string]bool{}
	for _, u := range fleet {
		fuels[grid.FuelGroup(u.Unit)] = true
	}
	seen := map[string]int{}
	for i, b := range budgets {
		p := fmt.Sprintf("fuel_budgets[%d]", i)
		if b.Fuel == "" || !fuels[b.Fuel] {
			return input.Field(p+".fuel", strconv.Quote(b.Fuel), `the fuel of some unit of the fleet (fleet[i].fuel; "other" for units that name none)`)
		}
		if j, ok := seen[b.Fuel]; ok {
			return input.Field(p+".fuel", strconv.Quote(b.Fuel), fmt.Sprintf("unique (also fuel_budgets[%d])", j))
		}
		seen[b.Fuel] = i
		for m, e := range b.MonthlyMWh {
			if !(e >= 0) || math.IsInf(e, 0) {
				return input.Field(fmt.Sprintf("%s.monthly_mwh[%d]", p, m), e, "finite and >= 0")
			}
		}
	}
	for i, s := range shocks {
		p := fmt.Sprintf("fuel_shocks[%d]", i)
		if _, ok := seen[s.Fuel]; !ok {
			return input.Field(p+".fuel", strconv.Quote(s.Fuel), "a fuel with a budget (fuel_budgets[j].fuel)")
		}
		switch {
		case !(s.RatePerYear >= 0 && s.RatePerYear <= 100):
			return input.Field(p+".rate_per_year", s.RatePerYear, "in [0, 100]")
		case !(s.CutMWhPerMonth >= 0) || math.IsInf(s.CutMWhPerMonth, 0):
			return input.Field(p+".cut_mwh_per_month", s.CutMWhPerMonth, "finite and >= 0")
		case s.DurationMonths < 1 || s.DurationMonths > 12:
			return input.Field(p+".duration_months", s.DurationMonths, "in [1, 12]")
		}
	}
	return nil
}

// budgetPlan is a study's fuel budgets, compiled: the blocks of units in
// merit order up to the dearest budgeted unit, and each budgeted fuel.
type budgetPlan struct {
	blocks []budgetBlock
	fuels  []budgetFuel
	spans  []hourcal.MonthSpan
	scale  float64 // the study fleet's capacity units per MW
}

// budgetBlock is units whose capacity the schedule reads as one: a
// budgeted fuel's units at one cost (a tier), or the unbudgeted units
// between two tiers in merit order (a band).
type budgetBlock struct {
	fleet *grid.Fleet
	ratio int64 // study fleet units per block fleet unit
	fuel  int   // the fuel of a tier (index into fuels), −1 for a band
	// zoneFleets are a tier's units in each zone of a zonal study (nil
	// for a zone without any), zoneRatio their ratios.
	zoneFleets []*grid.Fleet
	zoneRatio  []int64
	// onlyZone is the one zone holding all of a tier's units, or −1.
	onlyZone int
}

// budgetFuel is one budgeted fuel.
type budgetFuel struct {
	name  string
	tiers []int // block of each of its costs, cheapest first
	// earlier lists, for each tier, the blocks before it that are tiers
	// of fuels scheduled before this one.
	earlier [][]int
	monthly [12]float64
	shocks  []FuelShock
	key     montecarlo.StreamKey
}

// meritKey is where a unit stands in the dispatch's merit order
// ([grid.Dispatch]): by its cost, then by its fuel group's name, units
// that name none in [grid.OtherFuel]. Units of one key are of one fuel
// at one cost, whose order among themselves (by zone, then by
// declaration) changes nothing the schedule counts.
type meritKey struct {
	cost float64
	fuel string
}

// meritKeyOf returns unit u's place in the merit order.
func meritKeyOf(u grid.Unit) meritKey {
	return meritKey{u.CostPerMWh, grid.FuelGroup(u)}
}

// compare orders a and b as the dispatch's merit order does.
func (a meritKey) compare(b meritKey) int {
	return grid.CompareMerit(a.cost, a.fuel, b.cost, b.fuel)
}

// compileBudgets compiles the scenario's fuel budgets over the study's
// units (expanded, each with its zone). zones names the zones of a zonal
// study (nil for a copper plate).
func (st *Study) compileBudgets(units []grid.Unit, zones []string) error {
	sc := st.sc
	if len(sc.FuelBudgets) == 0 {
		return nil
	}
	if st.cost != nil && st.cost.disp.Network().UnitsPerMW() != st.unitsPerMW() {
		return fmt.Errorf("study: scenario: fuel_budgets: the dispatch's capacity units (%v per MW) are not the fleet's (%v)",
			st.cost.disp.Network().UnitsPerMW(), st.unitsPerMW())
	}
	p := &budgetPlan{spans: hourcal.MonthSpans(st.hours), scale: st.unitsPerMW()}
	budgeted := map[string]int{}
	for _, b := range sc.FuelBudgets {
		budgeted[b.Fuel] = 0
	}
	// A tier is a budgeted fuel's units at one cost; the tiers and the
	// units between them are in the dispatch's merit order.
	var tiers []meritKey
	for _, u := range units {
		k := meritKeyOf(u)
		if _, ok := budgeted[k.fuel]; ok && !slices.Contains(tiers, k) {
			tiers = append(tiers, k)
		}
	}
	slices.SortFunc(tiers, meritKey.compare)
	// Fuels in merit order of their cheapest tier: by its cost, then by
	// name.
	first := map[string]int{}
	for i, t := range slices.Backward(tiers) {
		first[t.fuel] = i
	}
	order := slices.Clone(sc.FuelBudgets)
	slices.SortFunc(order, func(a, b FuelBudget) int { return cmp.Compare(first[a.Fuel], first[b.Fuel]) })
	for i, b := range order {
		budgeted[b.Fuel] = i
		f := budgetFuel{name: b.Fuel, monthly: b.MonthlyMWh, key: montecarlo.Key(StreamFuelShock(b.Fuel))}
		for _, s := range sc.FuelShocks {
			if s.Fuel == b.Fuel {
				f.shocks = append(f.shocks, s)
			}
		}
		p.fuels = append(p.fuels, f)
	}
	// Blocks: before each tier, the unbudgeted units after the previous
	// tier in merit order and before it (a band), then the tier.
	for i, t := range tiers {
		var band, own []grid.Unit
		for _, u := range units {
			k := meritKeyOf(u)
			switch _, ok := budgeted[k.fuel]; {
			case k == t:
				own = append(own, u)
			case !ok && k.compare(t) < 0 && (i == 0 || k.compare(tiers[i-1]) > 0):
				band = append(band, u)
			}
		}
		if len(band) > 0 {
			b, err := st.budgetBlock(band, -1, nil)
			if err != nil {
				return err
			}
			p.blocks = append(p.blocks, b)
		}
		f := budgeted[t.fuel]
		b, err := st.budgetBlock(own, f, zones)
		if err != nil {
			return err
		}
		p.fuels[f].tiers = append(p.fuels[f].tiers, len(p.blocks))
		p.blocks = append(p.blocks, b)
	}
	for f := range p.fuels {
		fu := &p.fuels[f]
		for _, t := range fu.tiers {
			var e []int
			for i, b := range p.blocks[:t] {
				if b.fuel >= 0 && b.fuel < f {
					e = append(e, i)
				}
			}
			fu.earlier = append(fu.earlier, e)
		}
	}
	st.budget = p
	return nil
}

// shareBudgetSchedules finds, for each case, an earlier one asking for
// the same load in every hour (another site or policy): the two share a
// fuel-budget schedule.
func (st *Study) shareBudgetSchedules() {
	if st.budget == nil {
		return
	}
	st.budgetSame = make([]int, len(st.cases))
	for i := range st.cases {
		c := &st.cases[i]
		st.budgetSame[i] = slices.IndexFunc(st.cases[:i], func(o caseSpec) bool {
			return o.slot == c.slot && o.minerMW == c.minerMW && o.aiMW == c.aiMW
		})
	}
}

// budgetBlock builds the block of units us: the fuel index f of a tier
// (−1 for a band), and with zones the tier's units in each zone.
func (st *Study) budgetBlock(us []grid.Unit, f int, zones []string) (budgetBlock, error) {
	b := budgetBlock{fuel: f, onlyZone: -1}
	var err error
	if b.fleet, b.ratio, err = st.subFleet(us); err != nil {
		return b, err
	}
	if f >= 0 && zones == nil {
		b.onlyZone = 0 // a copper plate's one zone
	}
	if f < 0 || zones == nil {
		return b, nil
	}
	b.zoneFleets = make([]*grid.Fleet, len(zones))
	b.zoneRatio = make([]int64, len(zones))
	for z, name := range zones {
		var in []grid.Unit
		for _, u := range us {
			if u.Zone == name {
				in = append(in, u)
			}
		}
		if len(in) > 0 {
			if b.zoneFleets[z], b.zoneRatio[z], err = st.subFleet(in); err != nil {
				return b, err
			}
			if len(in) == len(us) {
				b.onlyZone = z
			}
		}
	}
	return b, nil
}

// subFleet returns a fleet of some of the study's units, and how many of
// the study fleet's capacity units make one of its own: the units' own
// streams give it the same outages as in the study's fleet.
func (st *Study) subFleet(us []grid.Unit) (*grid.Fleet, int64, error) {
	f, err := grid.NewFleet(us, st.sc.Classes, st.hours)
	if err != nil {
		return nil, 0, fmt.Errorf("study: scenario: fuel_budgets: %w", err)
	}
	r := st.unitsPerMW() / f.UnitsPerMW()
	ratio := int64(math.Round(r))
	if ratio < 1 || float64(ratio)*f.UnitsPerMW() != st.unitsPerMW() {
		return nil, 0, fmt.Errorf("study: scenario: fuel_budgets: capacity units of %v per MW do not divide the fleet's %v", f.UnitsPerMW(), st.unitsPerMW())
	}
	return f, ratio, nil
}

// budgetWorker is a worker's scratch memory for the fuel budgets.
type budgetWorker struct {
	avail [][]*grid.Availability // each block's sampler, then its zones' (tiers of a zonal study)
	cap   [][]int64              // each block's available capacity in each hour, study units
	zcap  [][][]int64            // each tier's capacity in each zone and hour, study units (zonal)
	alloc [][]int64              // each tier's capacity the case's schedule lets it run
	// budget is each fuel's budget in each month span of the trial
	// (shocks taken off), study units × hours.
	budget [][]float64
	loadU  []float64 // the case's load in each hour, study units
	baseU  []float64 // the baseline's load in each hour, study units
	// stat is, for each fuel, tier and hour, the capacity of the blocks
	// below the tier but for earlier fuels' tiers (study units);
	// theta0 the baseline's θ of each fuel and month span (0 where its
	// budget does not bind).
	stat   [][][]float64
	theta0 [][]float64
	below  []float64 // scratch: each hour's capacity below each tier of the fuel
	avl    []float64 // scratch: each hour's capacity of each tier of the fuel
	// withheld is the capacity withheld in each hour, for the case last
	// scheduled.
	withheld []int64
	// fz is the capacity withheld from each fuel's units in each zone
	// (the one zone of a copper plate) and hour; zwithheld the same
	// summed over the fuels (a zonal study).
	fz        [][][]int64
	zwithheld [][]int64
	rng       rand.PCG
	rand      *rand.Rand // over rng
	zoneHas   [][]bool   // whether each tier block has units in each zone
	quota     []int64    // scratch of split
	rem       []float64  // scratch of split
}

func (p *budgetPlan) newWorker(hours, zones int) (*budgetWorker, error) {
	bw := &budgetWorker{loadU: make([]float64, hours), baseU: make([]float64, hours), withheld: make([]int64, hours)}
	for _, f := range p.fuels {
		var st [][]float64
		for range f.tiers {
			st = append(st, make([]float64, hours))
		}
		bw.stat = append(bw.stat, st)
		bw.theta0 = append(bw.theta0, make([]float64, len(p.spans)))
	}
	bw.rand = rand.New(&bw.rng)
	for range zones {
		bw.zwithheld = append(bw.zwithheld, make([]int64, hours))
	}
	for range p.fuels {
		bw.fz = append(bw.fz, hourTable(max(zones, 1), hours))
	}
	for _, b := range p.blocks {
		a, err := b.fleet.NewAvailability()
		if err != nil {
			return nil, err
		}
		as := []*grid.Availability{a}
		for _, zf := range b.zoneFleets {
			var za *grid.Availability
			if zf != nil {
				if za, err = zf.NewAvailability(); err != nil {
					return nil, err
				}
			}
			as = append(as, za)
		}
		bw.avail = append(bw.avail, as)
		has := make([]bool, len(b.zoneFleets))
		for z, zf := range b.zoneFleets {
			has[z] = zf != nil
		}
		bw.zoneHas = append(bw.zoneHas, has)
		bw.cap = append(bw.cap, make([]int64, hours))
		bw.alloc = append(bw.alloc, make([]int64, hours))
		var zc [][]int64
		if b.zoneFleets != nil {
			zc = make([][]int64, zones)
			for z := range zc {
				zc[z] = make([]int64, hours)
			}
		}
		bw.zcap = append(bw.zcap, zc)
	}
	bw.budget = make([][]float64, len(p.fuels))
	for f := range bw.budget {
		bw.budget[f] = make([]float64, len(p.spans))
	}
	return bw, nil
}

// sample draws the blocks' capacities of trial t (the units' own outage
// streams, so the study's draws) and the month budgets with the trial's
// shocks.
func (p *budgetPlan) sample(bw *budgetWorker, t montecarlo.Trial, thermal []float64, spans [][2]int) {
	for i, b := range p.blocks {
		c := bw.avail[i][0].Sample(t, thermal, spans)
		for h, u := range c {
			bw.cap[i][h] = u * b.ratio
		}
		for z, a := range bw.avail[i][1:] {
			if a == nil {
				clear(bw.zcap[i][z])
				continue
			}
			c := a.Sample(t, thermal, spans)
			for h, u := range c {
				bw.zcap[i][z][h] = u * b.zoneRatio[z]
			}
		}
	}
	for f := range p.fuels {
		fu := &p.fuels[f]
		for k, t := range fu.tiers {
			st := bw.stat[f][k]
			clear(st)
			for i, b := range p.blocks[:t] {
				if b.fuel >= 0 && b.fuel < f {
					continue
				}
				for h, c := range bw.cap[i] {
					st[h] += float64(c)
				}
			}
		}
		for s, sp := range p.spans {
			full := float64(hourcal.DaysInMonth(sp.Month) * 24)
			bw.budget[f][s] = fu.monthly[sp.Month] * float64(sp.End-sp.Start) / full
		}
		// One stream for the fuel's shocks, drawn one shock entry after
		// another.
		t.Reseed(&bw.rng, fu.key)
		for _, sh := range fu.shocks {
			r := bw.rand
			years := float64(len(bw.loadU)) / hourcal.HoursPerYear
			for range variate.Poisson(r, sh.RatePerYear*years) {
				start := r.IntN(len(p.spans))
				for s := start; s < min(start+sh.DurationMonths, len(p.spans)); s++ {
					sp := p.spans[s]
					full := float64(hourcal.DaysInMonth(sp.Month) * 24)
					bw.budget[f][s] -= sh.CutMWhPerMonth * float64(sp.End-sp.Start) / full
				}
			}
		}
		for s := range bw.budget[f] {
			bw.budget[f][s] = max(0, bw.budget[f][s]) * p.scale
		}
	}
}

// schedule makes the budgets' schedule of one case, whose load in each
// hour (MW, the carve-out included) is in bw.loadU on entry, or of the
// baseline (base set, scheduled first in each trial): it fills
// bw.alloc with what each tier may run, bw.withheld with the capacity
// withheld in each hour (study units) and bw.fz with it by fuel and zone.
func (p *budgetPlan) schedule(bw *budgetWorker, base bool) {
	for h := range bw.loadU {
		bw.loadU[h] *= p.scale
	}
	if base {
		copy(bw.baseU, bw.loadU)
	}
	clear(bw.withheld)
	for _, fz := range bw.fz {
		for _, z := range fz {
			clear(z)
		}
	}
	for i, b := range p.blocks {
		if b.fuel >= 0 {
			copy(bw.alloc[i], bw.cap[i])
		}
	}
	for f := range p.fuels {
		fu := &p.fuels[f]
		nt := len(fu.tiers)
		for s, sp := range p.spans {
			n := sp.End - sp.Start
			bw.below = slices.Grow(bw.below[:0], n*nt)[:n*nt]
			bw.avl = slices.Grow(bw.avl[:0], n*nt)[:n*nt]
			lmax := 0.0
			kmin, kmax := math.Inf(1), math.Inf(-1)
			for h := sp.Start; h < sp.End; h++ {
				// The capacity below each of the fuel's tiers: the
				// trial's blocks before it, an earlier budgeted fuel's
				// tiers at what they may run.
				j := (h - sp.Start) * nt
				for k, i := range fu.tiers {
					b := bw.stat[f][k][h]
					for _, e := range fu.earlier[k] {
						b += float64(bw.alloc[e][h])
					}
					bw.below[j+k] = b
					bw.avl[j+k] = float64(bw.cap[i][h])
				}
				l := bw.loadU[h]
				lmax = max(lmax, l)
				if !base {
					d := l - bw.baseU[h]
					kmin, kmax = min(kmin, d), max(kmax, d)
				}
			}
			budget := bw.budget[f][s]
			excess := p.use(bw, sp, nt, 0) - budget
			if base {
				bw.theta0[f][s] = 0
			}
			if excess <= 0 {
				continue
			}
			var gLo, gHi float64
			if t0 := bw.theta0[f][s]; !base && t0 > 0 {
				gLo, gHi = max(0, math.Floor(t0-1+kmin)), math.Ceil(t0+kmax)+1
			}
			hi := p.theta(bw, sp, nt, budget, excess, math.Ceil(lmax), gLo, gHi)
			if base {
				bw.theta0[f][s] = hi
			}
			for h := sp.Start; h < sp.End; h++ {
				x := p.runs(bw, h-sp.Start, nt, bw.loadU[h]-hi)
				// Shared over the fuel's tiers in merit order.
				for _, i := range fu.tiers {
					a := bw.cap[i][h]
					r := min(a, x)
					bw.alloc[i][h] = r
					bw.withheld[h] += a - r
					if a > r {
						if z := p.blocks[i].onlyZone; z >= 0 {
							bw.fz[f][z][h] += a - r
						} else {
							bw.split(bw.fz[f], i, h, a-r)
						}
					}
					x -= r
				}
			}
		}
	}
	bw.sumZones()
}

// split takes d units of tier block i's capacity in hour h from its
// zones, adding them to fz (the withheld capacity of the tier's fuel by
// zone) in proportion to each zone's available capacity of the tier
// (largest remainders, ties to the lower zone), never more than a zone
// has; what the zones' own rounding in a heat-wave hour leaves over goes
// to the zone with the most.
func (bw *budgetWorker) split(fz [][]int64, i, h int, d int64) {
	zc := bw.zcap[i]
	var sum int64
	// big is the zone with the most of the tier in the hour, among the
	// zones that have some of its units (whose capacities the trial
	// samples afresh).
	zf := bw.zoneHas[i]
	big := -1
	for z := range zc {
		sum += zc[z][h]
		if zf[z] && (big < 0 || zc[z][h] > zc[big][h]) {
			big = z
		}
	}
	// Capacities run to 10^12 units and more, so the shares are taken
	// in floating point (deterministic) and the whole units they leave
	// handed out after.
	take := min(d, sum)
	fz[big][h] += d - take
	if take <= 0 {
		return
	}
	q, rem := bw.quota[:0], bw.rem[:0]
	left := take
	for z := range zc {
		c := zc[z][h]
		share := float64(take) * float64(c) / float64(sum)
		x := min(int64(share), c)
		q = append(q, x)
		rem = append(rem, share-float64(x))
		left -= x
	}
	// The whole units left over, one to each of the largest remainders
	// (ties to the lower zone) while a zone has room.
	for left > 0 {
		best := -1
		for z := range zc {
			if q[z] < zc[z][h] && (best < 0 || rem[z] > rem[best]) {
				best = z
			}
		}
		if best < 0 {
			fz[big][h] += left
			break
		}
		q[best]++
		rem[best] = -1
		left--
	}
	for z, x := range q {
		fz[z][h] += x
	}
	bw.quota, bw.rem = q, rem
}

// theta returns the least whole θ in (0, top] whose use over span sp
// fits budget, the use at 0 exceeding it by excess and the use at top
// being 0. guessLo and guessHi, when guessHi > guessLo, are whole
// numbers thought to bracket θ.
// The use falls with θ piecewise linearly (but for the rounding of each
// hour up), so the bracket is narrowed by false position, with the
// Illinois halving of the end that stays, falling back on bisection
// when a step would not narrow it: a handful of passes over the month
// where bisection over capacities of 10^12 units would take forty.
func (p *budgetPlan) theta(bw *budgetWorker, sp hourcal.MonthSpan, nt int, budget, excess, top, guessLo, guessHi float64) float64 {
	lo, hi := 0.0, top
	flo, fhi := excess, -budget // > 0 at lo, <= 0 at hi
	if guessHi > guessLo {
		// A guess at the bracket (the baseline's θ shifted by the least
		// and most the case adds): each end is checked, and moved out
		// by doubling until it holds.
		for w := guessHi - guessLo; guessHi < top; w *= 2 {
			f := p.use(bw, sp, nt, guessHi) - budget
			if f <= 0 {
				hi, fhi = guessHi, f
				break
			}
			lo, flo = guessHi, f
			guessHi = min(top, guessHi+w)
		}
		for w := guessHi - guessLo; guessLo > lo; w *= 2 {
			f := p.use(bw, sp, nt, guessLo) - budget
			if f > 0 {
				lo, flo = guessLo, f
				break
			}
			hi, fhi = guessLo, f
			guessLo = max(lo, guessLo-w)
		}
	}
	side := 0
	for hi-lo > 1 {
		x := math.Round(lo + (hi-lo)*flo/(flo-fhi))
		if !(x > lo && x < hi) {
			x = math.Floor((lo + hi) / 2)
		}
		fx := p.use(bw, sp, nt, x) - budget
		if fx <= 0 {
			hi, fhi = x, fx
			if side == -1 {
				flo /= 2
			}
			side = -1
		} else {
			lo, flo = x, fx
			if side == 1 {
				fhi /= 2
			}
			side = 1
		}
	}
	return hi
}

// sumZones fills bw.zwithheld with the capacity withheld in each zone,
// over the fuels (a zonal study).
func (bw *budgetWorker) sumZones() {
	for z, zw := range bw.zwithheld {
		clear(zw)
		for _, fz := range bw.fz {
			for h, x := range fz[z] {
				zw[h] += x
			}
		}
	}
}

// use returns the energy, study units × hours, that fuel tiers given by
// bw.below and bw.avl run over month span sp against the load less theta.
func (p *budgetPlan) use(bw *budgetWorker, sp hourcal.MonthSpan, nt int, theta float64) float64 {
	e := 0.0
	if nt == 1 {
		// One tier, the common case: runs without its loop.
		load := bw.loadU[sp.Start:sp.End]
		below, avl := bw.below[:len(load)], bw.avl[:len(load)]
		for j, l := range load {
			if r := l - theta - below[j]; r > 0 {
				e += math.Ceil(min(r, avl[j]))
			}
		}
		return e
	}
	for h := sp.Start; h < sp.End; h++ {
		e += float64(p.runs(bw, h-sp.Start, nt, bw.loadU[h]-theta))
	}
	return e
}

// runs returns the whole capacity units the fuel's tiers run in hour j
// of the span against load l (study units): each tier what the load
// leaves above the capacity below it, up to its own, rounded up.
func (p *budgetPlan) runs(bw *budgetWorker, j, nt int, l float64) int64 {
	x := 0.0
	for k := range nt {
		if r := l - bw.below[j*nt+k]; r > 0 {
			x += min(r, bw.avl[j*nt+k])
		}
	}
	return int64(math.Ceil(x))
}

// scheduleBudgets samples trial t's blocks and makes the budgets'
// schedule of the baseline (w.budW0) and of every case (w.budDelta,
// w.budHas, w.budMax), once the trial's demand and mining paths are
// drawn.
func (w *worker) scheduleBudgets(t montecarlo.Trial) {
	st, bw := w.st, w.bud
	p := st.budget
	p.sample(bw, t, w.sample.ThermalFactor, w.heatSpans())
	load := w.sample.Load
	copy(bw.loadU, load)
	p.schedule(bw, true)
	copy(w.budW0, bw.withheld)
	keep := func(dst [][][]int64) {
		for f, fz := range bw.fz {
			for z, x := range fz {
				copy(dst[f][z], x)
			}
		}
	}
	if w.budFz[0] != nil {
		keep(w.budFz[0]) // for the dispatch
	}
	clear(w.budMax)
	for z, x := range bw.zwithheld {
		copy(w.budW0z[z], x)
		clear(w.budMaxZ[z])
	}
	for i := range st.cases {
		c := &st.cases[i]
		if j := st.budgetSame[i]; j >= 0 {
			// A case asking for the same load as an earlier one (another
			// site or policy) has its schedule, in the same series.
			w.budHas[i] = w.budHas[j]
			continue
		}
		for h, l := range load {
			bw.loadU[h] = l + w.carveMW(c, h)
		}
		p.schedule(bw, false)
		if i == 0 && w.budFz[1] != nil {
			keep(w.budFz[1])
		}
		has := false
		d := w.budDelta[i]
		for h, x := range bw.withheld {
			d[h] = x - w.budW0[h]
			if d[h] != 0 {
				has = true
				w.budMax[h] = max(w.budMax[h], d[h])
			}
		}
		if w.budDeltaZ != nil {
			for z, x := range bw.zwithheld {
				dz, mz, w0 := w.budDeltaZ[i][z], w.budMaxZ[z], w.budW0z[z]
				for h := range x {
					dz[h] = x[h] - w0[h]
					if dz[h] != 0 {
						has = true
						mz[h] = max(mz[h], dz[h])
					}
				}
			}
		}
		w.budHas[i] = has
	}
}

// budMaxAt returns the most capacity any case's budget schedule withholds
// in hour h beyond the baseline's (0 without budgets).
func (w *worker) budMaxAt(h int) int64 {
	if w.bud == nil {
		return 0
	}
	return w.budMax[h]
}

// carveMW returns case c's carve-out load in hour h as it asks for it:
// its miners (their mining path when the case has one) and its AI load.
// The budgets' schedules and the dispatch both read it.
func (w *worker) carveMW(c *caseSpec, h int) float64 {
	miner := c.minerMW
	if c.slot >= 0 {
		miner = w.minePaths[c.slot].FleetMW[h]
	}
	return miner + c.aiMW[h%24]
}

// hourTable returns n zeroed series of hours values.
func hourTable(n, hours int) [][]int64 {
	t := make([][]int64, n)
	for i := range t {
		t[i] = make([]int64, hours)
	}
	return t
}

// withhold adds sign × w[z][h] to each zone's sampled capacity (a zonal
// study): −1 takes the withheld capacity away, +1 gives it back.
func (w *worker) withhold(wz [][]int64, sign int64) {
	for z, d := range wz {
		c := w.zw.av.Capacity(z)
		if c == nil {
			continue
		}
		for h, x := range d {
			c[h] += sign * x
		}
	}
}

// scoreBudgeted scores case c as [worker.score] does, with the capacity
// its own fuel-budget schedule withholds beyond the baseline's taken
// from the zones while it is scored (a copper plate's case reads its
// own from w.budDelta as it settles).
func (w *worker) scoreBudgeted(c *caseSpec, main bool) *outcome {
	if w.zw == nil || w.bud == nil || !w.budHas[c.idx] {
		return w.score(c, main)
	}
	d := w.budDeltaZ[c.idx]
	w.withhold(d, -1)
	o := w.score(c, main)
	w.withhold(d, +1)
	return o
}

// budgetDispatch hands the fuel-budget schedule of case c (the baseline
// for nil) to the dispatch worker: what it withholds from each fuel in
// each zone. The baseline's and the main case's are kept from
// scheduleBudgets; a sweep case's is made again.
func (w *worker) budgetDispatch(c *caseSpec) error {
	st, bw := w.st, w.bud
	fz := bw.fz
	switch {
	case c == nil:
		fz = w.budFz[0] // the baseline's, kept by scheduleBudgets
	case st.budgetSame[c.idx] == 0 || c.idx == 0:
		fz = w.budFz[1] // the main case's
	default:
		load := w.sample.Load
		for h, l := range load {
			bw.loadU[h] = l + w.carveMW(c, h)
		}
		st.budget.schedule(bw, false)
	}
	for f, fu := range st.budget.fuels {
		if err := w.cost.dw.Withhold(fu.name, fz[f]); err != nil {
			return err
		}
	}
	return nil
}

// budgetCapacity adds sign × the capacity case c's schedule withholds
// beyond the baseline's to the dispatch's availability: the zones' (a
// zonal study's, shared with the adequacy) or the copper plate's one
// zone.
func (w *worker) budgetCapacity(c *caseSpec, sign int64) {
	if w.st.z != nil {
		w.withhold(w.budDeltaZ[c.idx], sign)
		return
	}
	cp := w.cost.av.Capacity(0)
	for h, x := range w.budDelta[c.idx] {
		cp[h] += sign * x
	}
}
