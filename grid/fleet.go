package grid

import (
	"fmt"
	"math"
	"sort"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// Fleet is a compiled fleet with availability classes, over a horizon of
// hours: the one routine by which every caller — [Adequacy] for a fleet
// with classes, and the carve-out study for any fleet — turns a trial's
// outage draws into each hour's available capacity. Build it with
// [NewFleet]; it is read-only and may be shared by goroutines, each of
// which samples through its own [Availability].
//
// # Capacities
//
// Available capacity is an exact integer number of capacity units of
// 10^-(c+f) MW, where c is the number of decimal places the fleet's
// capacities and derates need (as for [Simulator]) and f the number its
// class factors need (at most [MaxFactorDecimals]). A class factor times
// a unit's capacity is then an exact integer, so sums over units, hours
// and classes never drift, and capacity equal to load is enough whatever
// the order of the arithmetic. The one rounding is the heat-wave thermal
// factor, a real number drawn per trial: the heat-derated classes deliver
// θ·H rounded to the nearest capacity unit (half to even), where H is
// their capacity in the hour. Use [Fleet.MW] to convert; it rounds
// correctly, as [Simulator] does.
//
// # Draws
//
// Units are simulated class by class, each from its own stream
// ([OutageStream] of its expanded name), exactly as [Simulator] draws
// them: grouping units into classes changes none of their draws.
type Fleet struct {
	hours       int
	scale       float64 // capacity units per MW, 10^(c+f)
	dec         int     // c: the capacity decimals
	classes     []fleetClass
	months      []int8   // month of each hour, 0 = January
	segs        []int    // first hour of each month of the horizon
	segOf       []uint16 // index in segs of each hour's month
	heat        bool     // some class is heat-derated
	heatMonthly bool     // some heat-derated class has no hourly profile
}

// fleetClass is one group of units sharing a class, in order of first
// appearance in the fleet; units without a class form a group of their
// own with factor 1.
type fleetClass struct {
	units     []Unit
	hourly    bool    // the factor varies within a month (a profile)
	heat      bool    // heat-derated
	factor    []int64 // factor × 10^f of each hour (hourly classes)
	segFactor []int64 // factor × 10^f of each month of the horizon
}

// NewFleet validates units, classes and hours and compiles them. Every
// unit's Class must name an entry of classes (or be empty: always fully
// available when up). Errors name the field: "units[3].class",
// "classes[1].monthly[6]", or a unit's own field.
func NewFleet(units []Unit, classes []Class, hours int) (*Fleet, error) {
	return newFleet(units, classes, hours, 0)
}

// fleetDecimals returns the capacity and factor decimals, c and f, that
// units and classes need (see [Fleet]).
func fleetDecimals(units []Unit, classes []Class) (c, f int, err error) {
	all, err := expandFleet(units)
	if err != nil {
		return 0, 0, err
	}
	for i := range classes {
		dm, dp := classDecimals(&classes[i])
		f = max(f, dm+dp)
	}
	return all.dec, f, nil
}

// newFleet is [NewFleet] on a capacity grid of at least minDec capacity
// decimals: the zones of a [Network] share one grid.
func newFleet(units []Unit, classes []Class, hours, minDec int) (*Fleet, error) {
	if hours < 1 || hours > MaxHours {
		return nil, fmt.Errorf("grid: %w", input.Field("hours", hours, fmt.Sprintf("in [1, %d] (MaxHours)", MaxHours)))
	}
	byName, err := validateClasses(classes)
	if err != nil {
		return nil, fmt.Errorf("grid: %w", err)
	}
	for i, u := range units {
		if _, ok := byName[u.Class]; u.Class != "" && !ok {
			return nil, fmt.Errorf("grid: %w", input.Field(fmt.Sprintf("units[%d].class", i), fmt.Sprintf("%q", u.Class), "the name of an entry of classes"))
		}
	}
	all, err := expandFleet(units)
	if err != nil {
		return nil, err
	}
	// f: the places a class factor needs, monthly × profile.
	fdec := 0
	for i := range classes {
		dm, dp := classDecimals(&classes[i])
		fdec = max(fdec, dm+dp)
	}
	// Every available capacity, factor × capacity summed over units, must
	// stay below 2^53 to convert to MW exactly (factors are at most 1).
	one := int64(pow10(fdec))
	dec := max(all.dec, minDec)
	var total int64
	for _, c := range all.cap {
		total += c
	}
	if total > (1<<53)/one/int64(pow10(dec-all.dec)) {
		return nil, fmt.Errorf("grid: units: total capacity %v MW too large to track exactly at %d decimal places", float64(total)/pow10(all.dec), dec+fdec)
	}
	f := &Fleet{hours: hours, scale: pow10(dec + fdec), dec: dec}
	f.months = make([]int8, hours)
	f.segOf = make([]uint16, hours) // MaxHours spans at most 121 months
	for h := range f.months {
		m := MonthOfHour(h)
		f.months[h] = int8(m)
		if h == 0 || int(f.months[h-1]) != m {
			f.segs = append(f.segs, h)
		}
		f.segOf[h] = uint16(len(f.segs) - 1)
	}
	group := map[string]int{}
	for _, u := range units {
		i, ok := group[u.Class]
		if !ok {
			i = len(f.classes)
			group[u.Class] = i
			var c Class
			if k, ok := byName[u.Class]; ok {
				c = classes[k]
			}
			f.classes = append(f.classes, f.compileClass(&c, one))
		}
		f.classes[i].units = append(f.classes[i].units, u)
	}
	for _, c := range f.classes {
		f.heat = f.heat || c.heat
		f.heatMonthly = f.heatMonthly || (c.heat && !c.hourly)
	}
	return f, nil
}

// classDecimals returns the decimal places of c's monthly factors and of
// its profile.
func classDecimals(c *Class) (monthly, profile int) {
	for _, v := range c.Monthly {
		monthly = max(monthly, decimalPlaces(v))
	}
	for _, row := range c.Profile {
		for _, v := range row {
			profile = max(profile, decimalPlaces(v))
		}
	}
	return monthly, profile
}

// compileClass returns class c's factors as exact integers in units of
// 1/one, one being 10^f with f at least the places of c's monthly factor
// plus those of its profile, so that their product is exact.
func (f *Fleet) compileClass(c *Class, one int64) fleetClass {
	fc := fleetClass{heat: c.HeatDerate, hourly: len(c.Profile) == 12}
	dm, dp := classDecimals(c)
	var monthly [12]int64 // in units of 10^-dm
	for m := range monthly {
		monthly[m] = int64(pow10(dm))
		if len(c.Monthly) == 12 {
			monthly[m] = decimalToUnits(c.Monthly[m], dm)
		}
	}
	if !fc.hourly {
		up := one / int64(pow10(dm))
		for _, h := range f.segs {
			fc.segFactor = append(fc.segFactor, monthly[f.months[h]]*up)
		}
		return fc
	}
	up := one / int64(pow10(dm+dp))
	fc.factor = make([]int64, f.hours)
	for h := range fc.factor {
		m := f.months[h]
		fc.factor[h] = monthly[m] * decimalToUnits(c.Profile[m][h%24], dp) * up
	}
	return fc
}

// decimalToUnits returns v, a decimal of at most d places, in units of
// 10^-d, exactly.
func decimalToUnits(v float64, d int) int64 {
	return int64(math.Round(v * pow10(d)))
}

// Hours returns the horizon in hours.
func (f *Fleet) Hours() int { return f.hours }

// UnitsPerMW returns the number of capacity units in one MW, 10^(c+f).
func (f *Fleet) UnitsPerMW() float64 { return f.scale }

// MW converts capacity units to MW. Division by the exact power of ten
// rounds correctly, so a capacity equal to a decimal load compares equal
// to it. It is NaN for a Fleet not built by [NewFleet].
func (f *Fleet) MW(units int64) float64 {
	if f.scale == 1 {
		return float64(units)
	}
	if f.scale == 0 {
		return math.NaN()
	}
	return float64(units) / f.scale
}

// HeatDerated reports whether some class is heat-derated, so that
// [Availability.Sample] reads its thermal factor.
func (f *Fleet) HeatDerated() bool { return f.heat }

// Availability draws trial after trial of a [Fleet]'s hourly available
// capacity. It owns one goroutine's scratch memory and is not safe for
// concurrent use; after the first trial it does not allocate.
type Availability struct {
	f       *Fleet
	sims    []*Simulator
	targets []classTarget // of each class without an hourly profile
	steps   [][]capStep   // of each class with an hourly profile
	start   []int64       // capacity at each month's first hour, classes without heat derate
	// heatStart is start for the heat-derated classes without a profile;
	// heat first holds their changes, then their capacity in each hour,
	// plus over the heat-wave hours that of the heat-derated classes with
	// a profile.
	heatStart, heat []int64
	units           []int64 // the result
	// rec, when a dispatch worker has asked for it (see
	// [Dispatch.NewWorker]), receives every unit's changes by merit-order
	// group as well; nil otherwise, and then Sample runs as without it.
	rec *tierRecorder
}

// capStep is a change point of a class's capacity in capacity units.
type capStep struct {
	hour  int
	units int64
}

// NewAvailability returns a sampler of f's hourly available capacity.
func (f *Fleet) NewAvailability() (*Availability, error) {
	if f.hours < 1 {
		return nil, errorf("fleet: not built by NewFleet")
	}
	a := &Availability{f: f, units: make([]int64, f.hours), start: make([]int64, len(f.segs))}
	a.sims = make([]*Simulator, len(f.classes))
	a.targets = make([]classTarget, len(f.classes))
	a.steps = make([][]capStep, len(f.classes))
	if f.heat {
		a.heat = make([]int64, f.hours)
		a.heatStart = make([]int64, len(f.segs))
	}
	for i, c := range f.classes {
		// The units were validated and expanded by NewFleet; each class
		// is put on the fleet's capacity grid.
		s, err := NewSimulator(c.units, f.hours)
		if err != nil {
			return nil, err
		}
		s.rescale(f.dec)
		a.sims[i] = s
		if c.hourly {
			continue
		}
		dt := classTarget{chg: a.units, segOf: f.segOf, factor: c.segFactor, units: make([]int64, len(f.segs))}
		if c.heat {
			dt.chg = a.heat
		}
		a.targets[i] = dt
	}
	return a, nil
}

// Sample draws trial t's outages and returns the available capacity of
// each hour in capacity units (see [Fleet]): for each hour, the sum over
// classes of the class's factor of the hour times the capacity of its up
// units. The slice is owned by a and overwritten by the next call.
//
// When the fleet has heat-derated classes, thermal gives each hour's
// thermal factor θ in [0, 1] and spans the sorted, disjoint runs [start,
// end) of hours where it may differ from 1 (heat waves); θ is taken to be
// 1 outside them. The heat-derated classes deliver their capacity times θ,
// rounded to the nearest capacity unit. Both are ignored otherwise, and
// may be nil.
//
// If t's run is cancelled ([montecarlo.Trial.Cancelled]) Sample may stop
// drawing early and return meaningless capacities, which the trial
// discards; a's state stays ready for the next trial.
func (a *Availability) Sample(t montecarlo.Trial, thermal []float64, spans [][2]int) []int64 {
	f := a.f
	avail, start := a.units, a.start
	// avail first holds the changes of the month-constant classes
	// without heat derate, then (below) the available capacity; heat and
	// heatStart do the same for the heat-derated ones.
	clear(avail)
	clear(start)
	if f.heat {
		clear(a.heat)
		clear(a.heatStart)
	}
	for i := range f.classes {
		c := &f.classes[i]
		sim := a.sims[i]
		if c.hourly {
			var u0 int64
			if a.rec != nil {
				u0 = sim.drawRecorded(t, nil, a.rec.log, a.rec.gid[i])
			} else {
				u0 = sim.draw(t)
			}
			a.steps[i] = sim.capSteps(u0, a.steps[i][:0])
			continue
		}
		dt := &a.targets[i]
		var u int64
		if a.rec != nil {
			u = sim.drawRecorded(t, dt, a.rec.log, a.rec.gid[i])
		} else {
			u = sim.drawInto(t, dt)
		}
		// Capacity at each month's first hour, from the capacity at
		// instant 0 and the changes of the months before.
		ss := start
		if c.heat {
			ss = a.heatStart
		}
		for k := range ss {
			ss[k] += dt.factor[k] * u
			u += dt.units[k]
			dt.units[k] = 0
		}
	}
	// The running sums within each month, in place. A change at a month's
	// first hour is already in that month's start.
	segs, hours := f.segs, f.hours
	for k, hs := range segs {
		he := hours
		if k+1 < len(segs) {
			he = segs[k+1]
		}
		run := start[k]
		if !f.heatMonthly {
			avail[hs] = run
			for h := hs + 1; h < he; h++ {
				run += avail[h]
				avail[h] = run
			}
			continue
		}
		q, qc := a.heatStart[k], a.heat
		qc[hs] = q
		avail[hs] = run + q
		for h := hs + 1; h < he; h++ {
			run += avail[h]
			q += qc[h]
			qc[h] = q
			avail[h] = run + q
		}
	}
	// Classes with an hourly profile.
	for i := range f.classes {
		c := &f.classes[i]
		if !c.hourly {
			continue
		}
		steps := a.steps[i]
		for s := range steps {
			lo, hi := steps[s].hour, hours
			if s+1 < len(steps) {
				hi = steps[s+1].hour
			}
			if u := steps[s].units; u != 0 {
				fac, av := c.factor[lo:hi], avail[lo:hi]
				for k := range av {
					av[k] += u * fac[k]
				}
			}
		}
		if c.heat {
			addOverSpans(a.heat, steps, c.factor, spans)
		}
	}
	// The heat derate, over the heat-wave hours: θ·H replaces H.
	if f.heat && thermal != nil {
		for _, sp := range spans {
			for h := sp[0]; h < sp[1]; h++ {
				if q := a.heat[h]; q != 0 {
					avail[h] += int64(math.RoundToEven(thermal[h]*float64(q))) - q
				}
			}
		}
	}
	return avail
}

// addOverSpans adds a profile class's capacity, units × factor, to dst
// over the hours of spans (sorted, disjoint). The steps are walked once:
// a binary search finds the step at each span's start, and the step in
// force moves forward from there.
func addOverSpans(dst []int64, steps []capStep, factor []int64, spans [][2]int) {
	s := 0
	for _, sp := range spans {
		h := sp[0]
		if s+1 < len(steps) && steps[s+1].hour <= h {
			s = sort.Search(len(steps), func(i int) bool { return steps[i].hour > h }) - 1
		}
		for h < sp[1] {
			e := sp[1]
			if s+1 < len(steps) {
				e = min(e, steps[s+1].hour)
			}
			if u := steps[s].units; u != 0 {
				for ; h < e; h++ {
					dst[h] += u * factor[h]
				}
			}
			h = e
			if s+1 < len(steps) && steps[s+1].hour <= h {
				s++
			}
		}
	}
}
