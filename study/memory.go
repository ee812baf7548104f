package study

import (
	"fmt"
	"math"
)

// MaxMemoryBytes is the most memory (4 GiB) a study run may need by
// [Study.MemoryBytes]: [NewStudy] refuses a scenario that needs more with
// one worker, and [Study.Run] a worker count that needs more. It protects
// a shared machine from a typo (a sweep of 10⁵ sizes, 65,536 workers)
// that would otherwise end in the kernel's out-of-memory killer. A bigger
// study is run as shards (carveout run -shard), each process within the
// limit.
const MaxMemoryBytes = 4 << 30

// Coefficients of the memory model, in bytes, measured with
// runtime.MemStats on the Pakistan scenario at 8,760 to 87,600 hours, 213
// to 10,203 units and 1 to 1,001 cases (study/memory_test.go checks them).
const (
	memWorkerBase   = 64 << 10 // per worker
	memWorkerHour   = 176      // per worker and hour: demand, availability, risky hours
	memWorkerUnit   = 280      // per worker and unit: the outage simulators
	memSlotBase     = 5 << 10  // per worker and mining path
	memSlotHour     = 8        // per worker, mining path and hour: the fleet's power
	memSlotDay      = 64       // per worker, mining path and day: the market series
	memStateBase    = 300 << 10
	memStateHour    = 48   // per state and hour: the hourly load and market sums
	memStateCase    = 2400 // per state and case: a sweep point's sums
	memSharedBase   = 256 << 10
	memSharedHour   = 24   // the calendar of the horizon
	memSharedUnit   = 400  // the compiled fleet
	memSharedCase   = 2048 // a compiled case
	memSharedClassH = 8    // per hour of each class with an hourly profile
	memRuntime      = 8 << 20
	// memOffsetHour is per worker, case with an offset of units
	// ([OffsetUnit]) and hour: the units' availability (an int64 an hour
	// and its change list), an estimate from the layout, not measured.
	memOffsetHour = 16
	// memBudgetSeries is per worker, hour and series of the fuel
	// budgets' schedule (each block's capacity and allowance, each
	// tier's by zone, each fuel's withholding by zone, each distinct
	// carve-out load's extra withholding by zone): an int64 or float64
	// each, from the layout, not measured.
	memBudgetSeries = 8
)

// memoryModel holds what a study's memory depends on.
type memoryModel struct {
	hours, units, cases, slots, hourlyClasses int
	offsetCases                               int // cases with an offset of units
	// budgetSeries is the hourly series a worker keeps for the fuel
	// budgets, and budgetUnits the units its blocks sample again.
	budgetSeries, budgetUnits int
}

// bytes returns the memory a run with the given number of workers needs.
// Live memory is the study's compiled data, each worker's scratch and
// state of the round, the run's total state and the copy a checkpoint
// encodes; the Go collector lets the heap grow to about twice the live
// data before it reclaims garbage (GOGC = 100), hence the factor 2.
func (m memoryModel) bytes(workers int) int64 {
	h, days := int64(m.hours), int64(m.hours+23)/24
	shared := memSharedBase + memSharedHour*h + memSharedUnit*int64(m.units) +
		memSharedCase*int64(m.cases) + memSharedClassH*h*int64(m.hourlyClasses)
	slot := memSlotBase + memSlotHour*h + memSlotDay*days
	worker := memWorkerBase + memWorkerHour*h + memWorkerUnit*int64(m.units) + int64(m.slots)*slot +
		memOffsetHour*h*int64(m.offsetCases) + memBudgetSeries*h*int64(m.budgetSeries) + memWorkerUnit*int64(m.budgetUnits)
	state := memStateBase + memStateHour*h + memStateCase*int64(m.cases)
	live := shared + int64(workers)*(worker+2*state) + 2*state
	return memRuntime + 2*live
}

// check returns an error when a run with the given workers needs more than
// [MaxMemoryBytes], saying why and what to change.
func (m memoryModel) check(workers int) error {
	need := m.bytes(workers)
	if need <= MaxMemoryBytes {
		return nil
	}
	what := "use fewer workers"
	if m.cases > 1 {
		what = "use fewer sweep sizes or policies, or fewer workers"
	}
	per := (m.bytes(workers) - m.bytes(0)) / int64(max(1, workers))
	return fmt.Errorf("study: the run needs about %s (%d hours, %d units, %d cases with %d workers, %s per worker), over the limit of %s (MaxMemoryBytes); %s, or split the sweep into several scenarios",
		gb(need), m.hours, m.units, m.cases, workers, gb(per), gb(MaxMemoryBytes), what)
}

// gb formats a byte count in GB or MB.
func gb(b int64) string {
	if b >= 1e9 {
		return fmt.Sprintf("%.2f GB", float64(b)/1e9)
	}
	return fmt.Sprintf("%.0f MB", float64(b)/1e6)
}

// scenarioMemory returns the memory model of a scenario with its defaults,
// before it is compiled: when miners follow economics, every size of the
// sweep is taken to need a mining path of its own, an upper bound.
func scenarioMemory(d *Scenario) memoryModel {
	m := memoryModel{hours: d.Hours, cases: 1}
	for _, u := range d.Fleet {
		m.units += max(1, u.Count)
	}
	for _, c := range d.Classes {
		if len(c.Profile) > 0 {
			m.hourlyClasses++
		}
	}
	policies := max(1, len(d.Sweep.Policies))
	m.cases += policies * len(d.Sweep.SizesMW)
	m.slots = 1
	if d.Carveout.Mining.Fleet.Economic {
		m.slots += len(d.Sweep.SizesMW)
	}
	if o := d.Sweep.Offset; o != nil {
		// Every size and policy is scored with every offset; an offset
		// of units simulates them in each case.
		per := policies * max(1, len(d.Sweep.SizesMW))
		m.cases = 1 + per*len(o.MW)
		if o.Unit != nil && o.Unit.MW > 0 {
			for _, mw := range o.MW {
				if n := math.Ceil(mw / o.Unit.MW); n > 0 && n < 1e7 {
					m.units += per * int(n)
					m.offsetCases += per
				}
			}
		}
	}
	if len(d.FuelBudgets) > 0 {
		m.budgetSeries, m.budgetUnits = budgetMemory(d, m.units)
	}
	return m
}

// budgetMemory returns the hourly series a worker keeps for a scenario's
// fuel budgets and the units it samples again, upper bounds: every unit
// in a block, every size of the sweep a load of its own.
func budgetMemory(d *Scenario, units int) (series, again int) {
	zones := max(1, len(d.Zones))
	budgeted := map[string]bool{}
	for _, b := range d.FuelBudgets {
		budgeted[b.Fuel] = true
	}
	tiers := map[meritKey]bool{}
	for _, u := range d.Fleet {
		if k := meritKeyOf(u.Unit); budgeted[k.fuel] {
			tiers[k] = true
		}
	}
	t, f := len(tiers), len(d.FuelBudgets)
	blocks := 2 * t
	loads := 1 + max(1, len(d.Sweep.SizesMW))
	series = 2*blocks + t*zones + t + f*zones + 3*zones + 6 + loads*(1+zones)
	if d.Economics != nil {
		series += 2 * f * zones // the baseline's and main case's schedules, kept for the dispatch
	}
	return series, units
}

// memory returns the study's memory model.
func (st *Study) memory() memoryModel {
	m := scenarioMemory(&st.sc)
	m.slots = len(st.slotCase)
	return m
}

// MemoryBytes returns an estimate of the memory, in bytes, that a run of
// the study with the given number of workers needs: the compiled study,
// each worker's scratch memory and state, and the run's total state,
// times two for the collector's headroom. It grows with the hours, the
// units (counts expanded), the cases (sweep sizes × policies), the mining
// paths (one per distinct size when miners follow economics) and the
// workers. [Study.Run] refuses a run whose estimate exceeds
// [MaxMemoryBytes].
func (st *Study) MemoryBytes(workers int) int64 { return st.memory().bytes(max(0, workers)) }

// CheckMemory returns an error when a run with the given workers would
// need more than [MaxMemoryBytes] ([Study.MemoryBytes]), saying why and
// what to change; [Study.Run] makes the same check before any worker
// starts. Callers use it to refuse a run before other work.
func (st *Study) CheckMemory(workers int) error { return st.memory().check(max(1, workers)) }
