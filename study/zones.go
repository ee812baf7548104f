package study

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/montecarlo"
)

// ZoneSpec is a zone of a zonal study: its name and its share of the
// demand model's national load.
type ZoneSpec struct {
	// Name identifies the zone to units, interfaces and sites (letters,
	// digits, '_' and '-'). Zones are listed in priority order: when
	// zones compete for limited imports, the first listed is served first
	// (see [grid.Network]).
	Name string `json:"name"`
	// LoadShare is the zone's share of the national load: one value for
	// every month, or 12 (January first). For each month the zones'
	// shares sum to 1 (within 1e-9).
	LoadShare []float64 `json:"load_share"`
	// Source cites where the shares come from.
	Source string `json:"source,omitempty"`
}

// SiteShare places a share of the carve-out in a zone.
type SiteShare struct {
	// Zone names the zone.
	Zone string `json:"zone"`
	// Share is the carve-out's share in the zone, in (0, 1]; the shares
	// of a carve-out sum to 1 (within 1e-9).
	Share float64 `json:"share"`
}

// shareTolerance is how far the shares that must sum to 1 may miss it:
// decimal shares such as 0.79 + 0.125 + 0.085 do not sum to 1 exactly in
// binary.
const shareTolerance = 1e-9

// validateZonal checks the zonal part of a scenario (with defaults): with
// zones, their names and shares, every unit's zone, the interfaces, and
// the carve-out's site and the sweep's sites; without, no unit naming a
// zone, no interfaces and no sites.
func (d *Scenario) validateZonal() error {
	if len(d.Zones) == 0 {
		for i, u := range d.Fleet {
			if u.Zone != "" {
				return input.Field(fmt.Sprintf("fleet[%d].zone", i), strconv.Quote(u.Zone), `"" (the scenario declares no zones)`)
			}
		}
		switch {
		case len(d.Interfaces) > 0:
			return input.Field("interfaces", fmt.Sprintf("%d interfaces", len(d.Interfaces)), "none: the scenario declares no zones")
		case d.Carveout.Site != "" || len(d.Carveout.Sites) > 0:
			return input.Field("carveout.site", strconv.Quote(d.Carveout.Site), `"" (the scenario declares no zones)`)
		case len(d.Sweep.Sites) > 0:
			return input.Field("sweep.sites", fmt.Sprintf("%d sites", len(d.Sweep.Sites)), "none: the scenario declares no zones")
		}
		return nil
	}
	zs := make([]grid.Zone, len(d.Zones))
	for i, z := range d.Zones {
		zs[i].Name = z.Name
		if n := len(z.LoadShare); n != 1 && n != 12 {
			return input.Field(fmt.Sprintf("zones[%d].load_share", i), fmt.Sprintf("%d values", n), "1 value, or 12 (one per month)")
		}
		for m, v := range z.LoadShare {
			if !(v >= 0 && v <= 1) {
				return input.Field(fmt.Sprintf("zones[%d].load_share[%d]", i, m), v, "in [0, 1]")
			}
		}
	}
	names := zoneNames(d.Zones)
	units := make([]grid.Unit, len(d.Fleet))
	for i, u := range d.Fleet {
		units[i] = u.Unit
	}
	// The network's errors name zones, interfaces and, as "units[i]",
	// the fleet's units.
	if _, err := grid.NewNetwork(names, units, d.Classes, d.Interfaces, d.Hours); err != nil {
		var fe *input.FieldError
		if !errors.As(err, &fe) {
			return err
		}
		if rest, ok := strings.CutPrefix(fe.Path, "units["); ok {
			fe.Path = "fleet[" + rest
		}
		return fe
	}
	for m := range 12 {
		sum := 0.0
		for _, z := range d.Zones {
			sum += monthShare(z.LoadShare, m)
		}
		if math.Abs(sum-1) > shareTolerance {
			return input.Field(fmt.Sprintf("zones[*].load_share[%d]", m), sum, fmt.Sprintf("a sum of 1 over the zones (within %g)", shareTolerance))
		}
	}
	c := d.Carveout
	if _, err := siteShares(names, c.Site, c.Sites); err != nil {
		return input.In(err, "carveout")
	}
	for i, s := range d.Sweep.Sites {
		if !slices.Contains(names, s) {
			return input.Field(fmt.Sprintf("sweep.sites[%d]", i), strconv.Quote(s), "the name of a zone")
		}
		if j := slices.Index(d.Sweep.Sites, s); j < i {
			return input.Field(fmt.Sprintf("sweep.sites[%d]", i), strconv.Quote(s), fmt.Sprintf("a site not listed before (sweep.sites[%d])", j))
		}
	}
	return nil
}

// zoneNames returns the zones' names in order.
func zoneNames(zones []ZoneSpec) []string {
	out := make([]string, len(zones))
	for i, z := range zones {
		out[i] = z.Name
	}
	return out
}

// monthShare returns a zone's load share in month m.
func monthShare(share []float64, m int) float64 {
	if len(share) == 1 {
		return share[0]
	}
	return share[m]
}

// siteShares returns the carve-out's share in each zone, from a single
// site or from shares; with neither, the whole carve-out sits in the
// first zone. Errors have paths relative to the carve-out.
func siteShares(zones []string, site string, sites []SiteShare) ([]float64, error) {
	out := make([]float64, len(zones))
	switch {
	case site != "" && len(sites) > 0:
		return nil, input.Field("sites", fmt.Sprintf("%d shares", len(sites)), fmt.Sprintf("none when site = %q is given: give one of them", site))
	case site != "":
		k := slices.Index(zones, site)
		if k < 0 {
			return nil, input.Field("site", strconv.Quote(site), "the name of a zone")
		}
		out[k] = 1
		return out, nil
	case len(sites) == 0:
		out[0] = 1
		return out, nil
	}
	sum := 0.0
	for i, s := range sites {
		k := slices.Index(zones, s.Zone)
		if k < 0 {
			return nil, input.Field(fmt.Sprintf("sites[%d].zone", i), strconv.Quote(s.Zone), "the name of a zone")
		}
		if out[k] != 0 {
			return nil, input.Field(fmt.Sprintf("sites[%d].zone", i), strconv.Quote(s.Zone), "a zone not listed before")
		}
		if !(s.Share > 0 && s.Share <= 1) {
			return nil, input.Field(fmt.Sprintf("sites[%d].share", i), s.Share, "in (0, 1]")
		}
		out[k] = s.Share
		sum += s.Share
	}
	if math.Abs(sum-1) > shareTolerance {
		return nil, input.Field("sites[*].share", sum, fmt.Sprintf("a sum of 1 (within %g)", shareTolerance))
	}
	return out, nil
}

// siteLabel names a case's site: the zone, or "zone:share,…".
func siteLabel(zones []string, share []float64) string {
	label := ""
	for k, s := range share {
		if s == 1 {
			return zones[k]
		}
		if s > 0 {
			if label != "" {
				label += ","
			}
			label += zones[k] + ":" + strconv.FormatFloat(s, 'g', -1, 64)
		}
	}
	return label
}

// zonal is the compiled zonal part of a study.
type zonal struct {
	net   *grid.Network
	names []string
	share [][12]float64 // each zone's load share by month
	// sites are the distinct site shares of the study's cases, and
	// siteMax the largest carve-out at each, padded: an hour is risky
	// where the headroom at some site, now or at a notice horizon, is
	// below its siteMax.
	sites   [][]float64
	siteMax []float64
	screen  *grid.Sites // sites, compiled for the network's headroom
}

// compileZonal compiles the zonal part of a validated scenario with
// defaults; nil without zones.
func compileZonal(d *Scenario, units []grid.Unit) (*zonal, error) {
	if len(d.Zones) == 0 {
		return nil, nil
	}
	z := &zonal{names: zoneNames(d.Zones)}
	var err error
	if z.net, err = grid.NewNetwork(z.names, units, d.Classes, d.Interfaces, d.Hours); err != nil {
		return nil, fmt.Errorf("study: scenario: %w", err)
	}
	z.share = make([][12]float64, len(d.Zones))
	for i, zs := range d.Zones {
		for m := range 12 {
			z.share[i][m] = monthShare(zs.LoadShare, m)
		}
	}
	return z, nil
}

// zoneAcc accumulates one zone's results for the main case: the other
// customers' indices without and with the carve-out, the paired
// measures, and the hours of incremental shedding.
type zoneAcc struct {
	// Baseline accumulates the zone's indices without the carve-out.
	Baseline indicesAcc `json:"baseline"`
	// Others accumulates the zone's other customers' indices with it.
	Others indicesAcc `json:"others"`
	// Causes counts the trials in which the zone's other customers lost
	// more energy with the carve-out than without.
	Causes montecarlo.Proportion `json:"causes"`
	// NewShortfall counts the trials in which the zone's other customers
	// are short with the carve-out and not without it.
	NewShortfall montecarlo.Proportion `json:"new_shortfall"`
	// DeltaLOLE accumulates each trial's change in the zone's hours with
	// unserved load.
	DeltaLOLE montecarlo.Mean `json:"delta_lole_h"`
	// DeltaLOLF accumulates each trial's change in the zone's number of
	// loss-of-load events.
	DeltaLOLF montecarlo.Mean `json:"delta_lolf"`
	// DeltaEUE accumulates each trial's change in the zone's unserved
	// energy, MWh.
	DeltaEUE montecarlo.Mean `json:"delta_eue_mwh"`
	// Incremental counts the zone's hours of incremental shedding by
	// month and hour of day.
	Incremental incrementalAcc `json:"incremental_hours"`
	// DeltaLOLECells accumulates the zone's change in short hours by
	// month and hour of day, as [state].DeltaLOLE for the system.
	DeltaLOLECells deltaLOLEAcc `json:"delta_lole_cells"`
	// Months accumulates the zone's shortfall by month.
	Months monthsAcc `json:"months"`
}

// zoneOutcome is one zone's part of a trial's outcome: as the system's
// (see [outcome]), for the zone's other customers.
type zoneOutcome struct {
	loadMWh                  float64
	base, others             grid.Shortfall
	baseMonths, othersMonths monthTally
	worse                    []int32
	became, cleared          []int32
}

func (a *zoneAcc) add(o *zoneOutcome, months []int8, cells *cellScratch) {
	a.Baseline.add(&o.base, o.loadMWh)
	a.Others.add(&o.others, o.loadMWh)
	a.Causes.Add(o.others.UnservedMWh > o.base.UnservedMWh)
	a.NewShortfall.Add(o.base.UnservedMWh == 0 && o.others.UnservedMWh > 0)
	a.DeltaLOLE.Add(float64(o.others.Hours - o.base.Hours))
	a.DeltaLOLF.Add(float64(o.others.Events - o.base.Events))
	a.DeltaEUE.Add(o.others.UnservedMWh - o.base.UnservedMWh)
	for _, h := range o.worse {
		a.Incremental[months[h]][h%24]++
	}
	a.DeltaLOLECells.add(o.became, o.cleared, months, cells)
	a.Months.add(&o.baseMonths, &o.othersMonths)
}

func (a *zoneAcc) merge(o *zoneAcc) error {
	if err := a.Baseline.merge(&o.Baseline); err != nil {
		return input.In(err, "baseline")
	}
	if err := a.Others.merge(&o.Others); err != nil {
		return input.In(err, "others")
	}
	a.Causes.Merge(&o.Causes)
	a.NewShortfall.Merge(&o.NewShortfall)
	a.DeltaLOLE.Merge(&o.DeltaLOLE)
	a.DeltaLOLF.Merge(&o.DeltaLOLF)
	a.DeltaEUE.Merge(&o.DeltaEUE)
	a.Incremental.merge(&o.Incremental)
	a.DeltaLOLECells.merge(&o.DeltaLOLECells)
	a.Months.merge(&o.Months)
	return nil
}

func (a *zoneAcc) check(cellHours *[12][24]int64, done int64) error {
	for _, err := range []error{
		input.In(a.Baseline.check(done), "baseline"),
		input.In(a.Others.check(done), "others"),
		checkProportion("causes", &a.Causes, done),
		checkNewShortfall("new_shortfall", &a.NewShortfall, &a.Causes, done),
		checkCounts(done, counted{"delta_lole_h", &a.DeltaLOLE}, counted{"delta_lolf", &a.DeltaLOLF}, counted{"delta_eue_mwh", &a.DeltaEUE}),
		input.In(a.Incremental.check(cellHours, done), "incremental_hours"),
		input.In(a.DeltaLOLECells.check(cellHours, done), "delta_lole_cells"),
		input.In(a.DeltaLOLECells.checkTotal(&a.DeltaLOLE), "delta_lole_cells"),
		input.In(a.Months.check(done), "months"),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

// ZoneResult is one zone's part of a zonal study's main case: the zone's
// other customers without and with the carve-out, and the paired
// measures of what the carve-out does to them.
type ZoneResult struct {
	// Name is the zone's name.
	Name string `json:"name"`
	// CarveoutShare is the main carve-out's share sited in the zone.
	CarveoutShare float64 `json:"carveout_share"`
	// Baseline are the zone's indices without the carve-out.
	Baseline grid.Indices `json:"baseline"`
	// Carveout are the indices of the zone's other customers with it.
	Carveout grid.Indices `json:"carveout"`
	// PCausesShedding is P(the zone's other customers lose more energy
	// with the carve-out than without), per trial-year (Wilson interval).
	PCausesShedding montecarlo.Estimate `json:"p_causes_shedding"`
	// PNewShortfall is P(the zone's other customers have no unserved
	// energy without the carve-out and some with it), per trial-year
	// (Wilson interval), as [Risk.PNewShortfall] for the zone.
	PNewShortfall montecarlo.Estimate `json:"p_new_shortfall"`
	// DeltaLOLEHours is the expected change in the zone's hours with
	// unserved load, per trial-year.
	DeltaLOLEHours montecarlo.Estimate `json:"delta_lole_h"`
	// DeltaLOLF is the expected change in the zone's number of
	// loss-of-load events, per trial-year.
	DeltaLOLF montecarlo.Estimate `json:"delta_lolf"`
	// DeltaEUEMWh is the expected change in the zone's unserved energy,
	// MWh per trial-year.
	DeltaEUEMWh montecarlo.Estimate `json:"delta_eue_mwh"`
	// IncrementalShedding is as [Report.IncrementalShedding], for the
	// zone.
	IncrementalShedding [12][24]float64 `json:"incremental_shedding_probability"`
	// DeltaLOLEByMonthHour is as [Report.DeltaLOLEByMonthHour], for the
	// zone: its cells add up to the zone's DeltaLOLEHours.
	DeltaLOLEByMonthHour MonthHourMap `json:"delta_lole_by_month_hour"`
	// Months is as [Report.Months], for the zone.
	Months []MonthIndices `json:"months"`
}

func (a *zoneAcc) finalize(name string, share float64, cellHours *[12][24]int64, hours int, done int64) ZoneResult {
	return ZoneResult{
		Name: name, CarveoutShare: share,
		Baseline:             a.Baseline.finalize(hours),
		Carveout:             a.Others.finalize(hours),
		PCausesShedding:      a.Causes.Estimate(),
		PNewShortfall:        a.NewShortfall.Estimate(),
		DeltaLOLEHours:       a.DeltaLOLE.Estimate(),
		DeltaLOLF:            a.DeltaLOLF.Estimate(),
		DeltaEUEMWh:          a.DeltaEUE.Estimate(),
		IncrementalShedding:  a.Incremental.finalize(cellHours, done),
		DeltaLOLEByMonthHour: a.DeltaLOLECells.finalize(done),
		Months:               a.Months.finalize(cellHours),
	}
}

// zonesAcc accumulates every zone of a zonal study, in zone order.
type zonesAcc []zoneAcc

func (a zonesAcc) merge(o zonesAcc) error {
	if len(a) != len(o) {
		return input.Field("zones", fmt.Sprintf("%d zones", len(o)), fmt.Sprintf("%d zones", len(a)))
	}
	for i := range a {
		if err := a[i].merge(&o[i]); err != nil {
			return input.In(err, fmt.Sprintf("zones[%d]", i))
		}
	}
	return nil
}

func (a zonesAcc) check(zones int, cellHours *[12][24]int64, done int64) error {
	if len(a) != zones {
		return input.Field("zones", fmt.Sprintf("%d zones", len(a)), fmt.Sprintf("%d, the scenario's zones", zones))
	}
	for i := range a {
		if err := a[i].check(cellHours, done); err != nil {
			return input.In(err, fmt.Sprintf("zones[%d]", i))
		}
	}
	return nil
}

func (a zonesAcc) add(o []zoneOutcome, months []int8, cells *cellScratch) {
	for i := range a {
		a[i].add(&o[i], months, cells)
	}
}

// sitesAt returns the site shares of a carve-out wholly in zone name.
func sitesAt(zones []string, name string) []float64 {
	out := make([]float64, len(zones))
	out[slices.Index(zones, name)] = 1
	return out
}
