package study

import (
	"fmt"
	"slices"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/internal/hourcal"
)

// Stream names of the study's stochastic components besides the units'
// outages ("outage/<unit>"). Each has its own stream, so changing one model
// leaves the others' draws unchanged (common random numbers). The load
// forecast uncertainty stream is grid's ([grid.StreamLFU]), so that a
// study's baseline draws the same scale as the plain adequacy of its
// system.
const (
	StreamDemandLFU      = grid.StreamLFU
	StreamDemandWeather  = "demand/weather"
	StreamDemandHeatWave = "demand/heatwave"
	StreamMiningPrice    = "mining/price"
	StreamMiningJumps    = "mining/jumps"
	StreamMiningFees     = "mining/fees"
	StreamMiningBlocks   = "mining/blocks"
)

// maxConvergencePoints bounds the convergence record of a study: trials are
// grouped into at most this many equal blocks.
const maxConvergencePoints = 200

// Study is a compiled [Scenario], ready to run. Build it with [NewStudy];
// it is read-only and may be shared by goroutines.
type Study struct {
	sc        Scenario // with defaults
	hash      string
	hours     int
	fleet     *grid.Fleet
	months    []int8 // month of each hour, 0 = January
	cellHours [12][24]int64
	cases     []caseSpec // cases[0] is the main case
	slotCase  []int      // for each mining simulation, the first case using it
	kmax      float64    // margin below which an hour is risky (largest carve-out, padded)
	notices   []int      // distinct notice periods of interruptible cases
	convBlock int64
	z         *zonal      // the zones, nil for a copper plate
	cost      *costSpec   // economic dispatch; nil without economics
	budget    *budgetPlan // fuel budgets; nil without
	// budgetSame is, for each case, an earlier case asking for the same
	// load in every hour (so with the same fuel-budget schedule), or −1.
	budgetSame []int
	heat       bool // some class is heat-derated
	// cv are the control variates; nil unless the scenario asks for them.
	cv *cvSpec
}

// NewStudy validates the scenario and compiles it.
func NewStudy(sc *Scenario) (*Study, error) {
	if sc == nil {
		return nil, fmt.Errorf("study: scenario is nil")
	}
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	d := sc.withDefaults()
	// Refuse what one worker could not run before compiling it: a huge
	// sweep would exhaust memory here already.
	if err := scenarioMemory(&d).check(1); err != nil {
		return nil, err
	}
	st := &Study{sc: d, hash: d.Hash(), hours: d.Hours}
	st.months = make([]int8, d.Hours)
	for h := range st.months {
		st.months[h] = int8(hourcal.MonthOfHour(h))
	}
	st.cellHours = hourcal.CellHours(d.Hours)
	units := make([]grid.Unit, len(d.Fleet))
	for i, u := range d.Fleet {
		units[i] = u.Unit
	}
	z, err := compileZonal(&d, units)
	if err != nil {
		return nil, err
	}
	st.z = z
	if err := st.compileCost(units); err != nil {
		return nil, err
	}
	if z == nil {
		fleet, err := grid.NewFleet(units, d.Classes, d.Hours)
		if err != nil {
			return nil, fmt.Errorf("study: scenario: fleet: %w", err)
		}
		st.fleet = fleet
		st.heat = fleet.HeatDerated()
	} else {
		st.heat = z.net.HeatDerated()
	}
	var zoneNames []string
	if z != nil {
		zoneNames = z.names
	}
	if err := st.compileBudgets(units, zoneNames); err != nil {
		return nil, err
	}
	// Cases: the main one, then the sweep (sites × policies × sizes). A
	// sweep point equal to the main case is scored again (its draws are
	// the same, so its numbers are too).
	main, err := newCase(d.Carveout.MW, d.Carveout, d.Carveout.Policy, d.Hours)
	if err != nil {
		return nil, err
	}
	var names []string
	if st.z != nil {
		names = st.z.names
		main.site, _ = siteShares(names, d.Carveout.Site, d.Carveout.Sites) // validated
		main.siteName = siteLabel(names, main.site)
	}
	main.ref = -1
	st.cases = append(st.cases, main)
	policies, sizes := d.Sweep.Policies, d.Sweep.SizesMW
	if len(sizes) == 0 && (len(d.Sweep.Sites) > 0 || d.Sweep.Offset != nil) {
		sizes = []float64{d.Carveout.MW}
	}
	if len(policies) == 0 && len(sizes) > 0 {
		policies = []Policy{d.Carveout.Policy}
	}
	sites := [][]float64{main.site}
	if len(d.Sweep.Sites) > 0 {
		sites = nil
		for _, name := range d.Sweep.Sites {
			sites = append(sites, sitesAt(names, name))
		}
	}
	offsets := d.offsetSizes()
	perSite := len(policies) * len(sizes) * len(offsets)
	offSlots := 0
	for si, site := range sites {
		for _, p := range policies {
			for _, mw := range sizes {
				for _, off := range offsets {
					c, err := newCase(mw, d.Carveout, p.withDefaults(), d.Hours)
					if err != nil {
						return nil, err
					}
					c.site, c.ref = site, -1
					if site != nil {
						c.siteName = siteLabel(names, site)
					}
					if si > 0 {
						c.ref = len(st.cases) - 1 - si*perSite // sweep index at the first site
					}
					if err := c.withOffset(d.Sweep.Offset, off, names, d.Hours); err != nil {
						return nil, err
					}
					if c.offFleet != nil {
						c.offSlot = offSlots
						offSlots++
					}
					st.cases = append(st.cases, c)
				}
			}
		}
	}
	// Cases of the same size share one mining simulation: its draws come
	// from the same streams, so the path would be identical.
	var slotMW []float64
	for i := range st.cases {
		c := &st.cases[i]
		c.slot = -1
		if i > 0 && !c.economy {
			continue
		}
		c.slot = slices.Index(slotMW, c.mw)
		if c.slot < 0 {
			c.slot = len(slotMW)
			slotMW = append(slotMW, c.mw)
			st.slotCase = append(st.slotCase, i)
		}
	}
	// An hour is risky for every case when its margin, now or at any
	// notice horizon, is below the largest carve-out. The padding keeps
	// rounding in the hourly arithmetic on the safe side.
	for i := range st.cases {
		c := &st.cases[i]
		st.kmax = max(st.kmax, c.mw)
		if c.policy.Kind == Interruptible && c.policy.NoticeHours > 0 && !slices.Contains(st.notices, c.policy.NoticeHours) {
			st.notices = append(st.notices, c.policy.NoticeHours)
		}
	}
	st.kmax = st.kmax*(1+1e-9) + 1e-6
	for i := range st.cases {
		st.cases[i].idx = i
	}
	st.shareBudgetSchedules()
	for i := range st.cases {
		c := &st.cases[i]
		c.pad = c.mw*(1+1e-9) + 1e-6
		if st.z == nil {
			continue
		}
		z := st.z
		zones := 0
		for _, x := range c.site {
			if x > 0 {
				zones++
			}
		}
		c.oneZone = zones == 1
		c.siteIdx = slices.IndexFunc(z.sites, func(s []float64) bool { return slices.Equal(s, c.site) })
		if c.siteIdx < 0 {
			c.siteIdx = len(z.sites)
			z.sites = append(z.sites, c.site)
			z.siteMax = append(z.siteMax, 0)
		}
		z.siteMax[c.siteIdx] = max(z.siteMax[c.siteIdx], c.pad)
	}
	if st.z != nil {
		if st.z.screen, err = st.z.net.Sites(st.z.sites); err != nil {
			return nil, fmt.Errorf("study: scenario: %w", err) // validated shares: not expected
		}
	}
	st.convBlock = max(100, (d.Trials+maxConvergencePoints-1)/maxConvergencePoints)
	// Check that every piece compiles (errors surface here, not in a
	// worker).
	if _, err := st.newWorker(); err != nil {
		return nil, err
	}
	if st.cv, err = st.compileControls(); err != nil {
		return nil, err
	}
	return st, nil
}

// mainCase returns the main carve-out case, the scenario's carveout.
func (st *Study) mainCase() *caseSpec { return &st.cases[0] }

// unitsPerMW returns the capacity units per MW of the study's fleet or
// network.
func (st *Study) unitsPerMW() float64 {
	if st.z != nil {
		return st.z.net.UnitsPerMW()
	}
	return st.fleet.UnitsPerMW()
}

// sweepCases returns the further cases of the sweep, in the order of
// [Report.Sweep].
func (st *Study) sweepCases() []caseSpec { return st.cases[1:] }

// Hash returns the scenario hash recorded in reports.
func (st *Study) Hash() string { return st.hash }

// Scenario returns the scenario with its defaults filled in.
func (st *Study) Scenario() Scenario { return st.sc }
