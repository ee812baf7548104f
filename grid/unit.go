package grid

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/carveout/carveout/input"
)

// MaxUnits is the largest number of units a system may have once counts are
// expanded (100,000). It is a judgement: national fleets have a few
// thousand units at most (Pakistan's 2025 scenario has 213), so this leaves
// room for individually modelled wind turbines while keeping validation of
// any input fast.
const MaxUnits = 100_000

// MaxDecimals is the finest capacity resolution accepted: capacities must
// be whole multiples of 10^-MaxDecimals MW (1 W). Available capacity is
// tracked in integers of that resolution, so it never drifts however many
// outages come and go.
const MaxDecimals = 6

// Unit is a generating unit with two-state Markov outages: it is up for an
// exponentially distributed time with mean MTTFHours hours, then down for an
// exponential time with mean MTTRHours hours, and so on. Its forced outage rate
// is MTTRHours/(MTTFHours+MTTRHours).
//
// A unit may also have partial (derated) outages: with DeratedMW > 0 a
// second alternating process, independent of the first, takes DeratedMW
// away for an exponential time with mean PartialMTTRHours hours after an
// exponential time with mean PartialMTTFHours hours without, and so on. The
// unit then has three capacity levels: CapacityMW (up, not derated),
// CapacityMW − DeratedMW (up and derated) and 0 (on full outage, whatever
// the partial process's state). In the stationary distribution they have
// probabilities (1−FOR)(1−PFOR), (1−FOR)·PFOR and FOR, PFOR being
// PartialMTTRHours/(PartialMTTFHours+PartialMTTRHours). This is the three-state unit
// of the textbook capacity outage table with a derated state (R. Billinton
// and R. N. Allan, Reliability Evaluation of Power Systems, 2nd ed.,
// Plenum 1996, §2.3.3), its chronology given by two independent
// processes.
//
// Count > 1 stands for that many identical, independent units, named
// "Name#1" … "Name#Count" (see [System.Expand]); 0 means 1.
type Unit struct {
	// Name identifies the unit in errors; it is required and unique in a
	// system once counts are expanded.
	Name string `json:"name"`
	// CapacityMW is the unit's capacity when up, in MW: finite, positive
	// and a whole multiple of 10^-MaxDecimals MW.
	CapacityMW float64 `json:"capacity_mw"`
	// MTTFHours is the mean time to failure (mean up time), in hours.
	MTTFHours float64 `json:"mttf_h"`
	// MTTRHours is the mean time to repair (mean down time), in hours.
	MTTRHours float64 `json:"mttr_h"`
	// Count is the number of identical units this entry stands for; 0
	// means 1.
	Count int `json:"count,omitempty"`
	// DeratedMW is the capacity a partial outage takes away, in MW: 0
	// means the unit has no partial outages; otherwise it lies strictly
	// between 0 and CapacityMW and is a whole multiple of
	// 10^-MaxDecimals MW.
	DeratedMW float64 `json:"derated_mw,omitempty"`
	// PartialMTTFHours is the mean time between partial outages, in hours;
	// required when DeratedMW > 0, and then at least MinDurationHours.
	PartialMTTFHours float64 `json:"partial_mttf_h,omitempty"`
	// PartialMTTRHours is the mean duration of a partial outage, in hours;
	// required when DeratedMW > 0, and then at least MinDurationHours.
	PartialMTTRHours float64 `json:"partial_mttr_h,omitempty"`
	// Class names the unit's availability class (see [Class] and
	// [Fleet]); empty means always fully available when up.
	Class string `json:"class,omitempty"`
	// Zone names the unit's zone in a zonal system (see [System.Zones]);
	// it must be empty in a system without zones.
	Zone string `json:"zone,omitempty"`
	// CostPerMWh is the unit's short-run marginal cost (fuel plus
	// variable operation and maintenance) per MWh sent out, in the
	// currency of the system ([System.Currency]); it orders the merit
	// order of economic dispatch and is ignored by adequacy. It must be
	// finite; it may be 0 (hydro, wind, solar) or negative (a unit paid
	// to run).
	CostPerMWh float64 `json:"cost_per_mwh,omitempty"`
	// CO2TPerMWh is the unit's direct CO₂ emissions per MWh sent out, in
	// tonnes: finite and >= 0.
	CO2TPerMWh float64 `json:"co2_t_per_mwh,omitempty"`
	// Fuel names the unit's fuel group ("coal", "rlng", "hydro"): the
	// key of dispatch totals by fuel and of energy budgets. Letters,
	// digits, '_' and '-'; empty means the group "other".
	Fuel string `json:"fuel,omitempty"`
}

// PFOR returns the unit's partial outage rate
// PartialMTTRHours/(PartialMTTFHours+PartialMTTRHours), the stationary probability
// that a partial outage is in progress; 0 for a unit without partial
// outages.
func (u Unit) PFOR() float64 {
	if u.DeratedMW == 0 {
		return 0
	}
	return u.PartialMTTRHours / (u.PartialMTTFHours + u.PartialMTTRHours)
}

// FOR returns the unit's forced outage rate MTTRHours/(MTTFHours+MTTRHours), the
// stationary probability that it is down.
func (u Unit) FOR() float64 { return u.MTTRHours / (u.MTTFHours + u.MTTRHours) }

// Validate reports the first invalid field of u as an [*input.FieldError]
// whose path is the field's JSON name ("mttr_h") and whose note names the
// unit; a caller holding u in a larger document locates it with
// [input.In]. A name is required; capacity must be finite, positive and
// have at most MaxDecimals decimals; MTTF and MTTR must be valid mean
// durations (see [MinDurationHours], [MaxDurationHours]); Count must be in
// [0, MaxUnits]; the partial-outage fields are all zero or a derate in
// (0, CapacityMW) with both mean durations valid.
func (u Unit) Validate() error {
	if err := u.validate(); err != nil {
		if u.Name != "" {
			err.Note = fmt.Sprintf("unit %q", u.Name)
		}
		return err
	}
	return nil
}

// validate is [Unit.Validate] without the note naming the unit.
func (u Unit) validate() *input.FieldError {
	if u.Name == "" {
		return &input.FieldError{Path: "name", Value: `""`, Want: "a name", Note: fmt.Sprintf("capacity_mw = %v", u.CapacityMW)}
	}
	if want := positive(u.CapacityMW); want != "" {
		return input.Field("capacity_mw", u.CapacityMW, want)
	}
	if want := decimals(u.CapacityMW); want != "" {
		return input.Field("capacity_mw", u.CapacityMW, want)
	}
	if want := duration(u.MTTRHours); want != "" {
		return input.Field("mttr_h", u.MTTRHours, want)
	}
	if want := duration(u.MTTFHours); want != "" {
		return input.Field("mttf_h", u.MTTFHours, want)
	}
	if u.Count < 0 || u.Count > MaxUnits {
		return input.Field("count", u.Count, fmt.Sprintf("in [1, %d] (0 means 1)", MaxUnits))
	}
	if err := u.validateEconomics(); err != nil {
		return err
	}
	return u.validatePartial()
}

// validateEconomics checks the dispatch fields: a finite cost, a finite
// non-negative CO₂ intensity and a well-formed fuel group.
func (u Unit) validateEconomics() *input.FieldError {
	if math.IsNaN(u.CostPerMWh) || math.IsInf(u.CostPerMWh, 0) {
		return input.Field("cost_per_mwh", u.CostPerMWh, "a finite cost per MWh")
	}
	if math.IsNaN(u.CO2TPerMWh) || math.IsInf(u.CO2TPerMWh, 0) || u.CO2TPerMWh < 0 {
		return input.Field("co2_t_per_mwh", u.CO2TPerMWh, "finite and >= 0 (tonnes of CO₂ per MWh)")
	}
	if u.Fuel != "" && !validZoneName(u.Fuel) {
		return &input.FieldError{Path: "fuel", Value: strconv.Quote(u.Fuel), Want: "letters, digits, '_' and '-' (empty for \"other\")"}
	}
	return nil
}

// validatePartial checks the partial-outage fields: all zero, or a
// derate strictly inside (0, CapacityMW) with both mean durations valid.
func (u Unit) validatePartial() *input.FieldError {
	if u.DeratedMW == 0 && u.PartialMTTFHours == 0 && u.PartialMTTRHours == 0 {
		return nil
	}
	if math.IsNaN(u.DeratedMW) || !(u.DeratedMW > 0 && u.DeratedMW < u.CapacityMW) {
		why := fmt.Sprintf("partial outages (partial_mttf_h = %v, partial_mttr_h = %v) need one", u.PartialMTTFHours, u.PartialMTTRHours)
		if u.DeratedMW != 0 {
			why = "a derate must leave some capacity"
		}
		return input.Field("derated_mw", u.DeratedMW, fmt.Sprintf("in (0, capacity_mw = %v): %s", u.CapacityMW, why))
	}
	if want := decimals(u.DeratedMW); want != "" {
		return input.Field("derated_mw", u.DeratedMW, want)
	}
	if want := duration(u.PartialMTTFHours); want != "" {
		return input.Field("partial_mttf_h", u.PartialMTTFHours, want+fmt.Sprintf(", as derated_mw = %v is set", u.DeratedMW))
	}
	if want := duration(u.PartialMTTRHours); want != "" {
		return input.Field("partial_mttr_h", u.PartialMTTRHours, want+fmt.Sprintf(", as derated_mw = %v is set", u.DeratedMW))
	}
	return nil
}

// MinDurationHours is the shortest mean up or down time accepted, in hours
// (6 minutes; a judgement). Units are observed hourly, so shorter means
// change nothing but the run time: a year of a unit cycling every few
// seconds would take billions of events.
const MinDurationHours = 0.1

// MaxDurationHours is the longest mean up or down time accepted, in hours
// (10^12, a hundred million years): beyond it a unit is simply always up
// or down, and MTTF+MTTR could overflow.
const MaxDurationHours = 1e12

// duration returns "" if x is a mean duration in [MinDurationHours,
// MaxDurationHours] hours, else what is wanted.
func duration(x float64) string {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0) || x < MinDurationHours:
		return fmt.Sprintf("finite >= %v (MinDurationHours)", MinDurationHours)
	case x > MaxDurationHours:
		return fmt.Sprintf("<= %v (MaxDurationHours)", MaxDurationHours)
	}
	return ""
}

// positive returns "" if x is finite and > 0, else what is wanted.
func positive(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) || x <= 0 {
		return "finite > 0"
	}
	return ""
}

// System is a generating fleet and the hourly load it must serve. Load[h]
// is the load of hour h in MW, h = 0 being the first hour of the year
// (1 January 00:00–01:00 of a non-leap year, for the month statistics).
type System struct {
	// Name labels the system; it is optional.
	Name string `json:"name,omitempty"`
	// Units is the generating fleet.
	Units []Unit `json:"units"`
	// Classes give seasonal and hourly availability to the units that
	// name them (see [Fleet]). A heat-derated class is never derated
	// here: a plain system has no heat waves.
	Classes []Class `json:"classes,omitempty"`
	// Load is the hourly load series, in MW.
	Load []float64 `json:"load_mw"`
	// LFUSigma is the load forecast uncertainty: each trial-year's whole
	// load series is scaled by max(0, 1+σZ), Z standard normal, drawn from
	// the trial's "demand/lfu" stream by demand.LFU.DrawScale, the draw
	// the study's demand model makes. 0 means none; it must be in [0, 1).
	LFUSigma float64 `json:"lfu_sigma,omitempty"`
	// Zones, if any, make the system zonal: each zone has its load and
	// the units that name it, Load is then empty, and the zones trade
	// power over Interfaces (see [Network]). Without zones the system is
	// one copper plate.
	Zones []Zone `json:"zones,omitempty"`
	// Interfaces join pairs of zones with transmission elements.
	Interfaces []Interface `json:"interfaces,omitempty"`
	// Currency names the currency of the units' costs
	// ([Unit.CostPerMWh]), an ISO 4217 code such as "PKR" or "USD";
	// empty leaves costs in unnamed money units.
	Currency string `json:"currency,omitempty"`
}

// Validate checks every unit ([Unit.Validate]), that unit names are unique
// after expanding counts, that the fleet is neither empty nor larger than
// [MaxUnits], that the total capacity is representable exactly, and that
// the load series is non-empty with every value finite and >= 0. A bad
// field is an [*input.FieldError] with its path in the system
// ("units[3].mttr_h", "load_mw[7]").
func (s *System) Validate() error {
	if s == nil {
		return errorf("system is nil")
	}
	if _, err := s.Expand(); err != nil {
		return err
	}
	if err := s.validateZones(); err != nil {
		return errorf("%w", err)
	}
	if s.hasClasses() {
		if _, err := NewFleet(s.Units, s.Classes, max(1, min(s.hours(), MaxHours))); err != nil {
			return err
		}
	}
	if !(s.LFUSigma >= 0 && s.LFUSigma < 1) {
		return errorf("%w", input.Field("lfu_sigma", s.LFUSigma, "in [0, 1)"))
	}
	if err := s.validateCurrency(); err != nil {
		return errorf("%w", err)
	}
	if s.Zoned() {
		return nil // zone loads are checked with the zones
	}
	if err := validateLoad(s.Load); err != nil {
		return errorf("%w", err)
	}
	return nil
}

// validateCurrency checks that Currency is empty or three capital
// letters.
func (s *System) validateCurrency() *input.FieldError {
	if c := s.Currency; c != "" && !isCurrencyCode(c) {
		return input.Field("currency", strconv.Quote(c), "an ISO 4217 code: three capital letters (\"PKR\", \"USD\")")
	}
	return nil
}

// isCurrencyCode reports whether c is three capital ASCII letters.
func isCurrencyCode(c string) bool {
	if len(c) != 3 {
		return false
	}
	for i := range 3 {
		if c[i] < 'A' || c[i] > 'Z' {
			return false
		}
	}
	return true
}

// Zoned reports whether the system has zones.
func (s *System) Zoned() bool { return len(s.Zones) > 0 }

// hours returns the length of the system's load series (of its zones'
// series when it is zonal).
func (s *System) hours() int {
	if s.Zoned() {
		return len(s.Zones[0].Load)
	}
	return len(s.Load)
}

// validateZones checks the zonal part of a system: with zones, their
// names, units' zones, interfaces and loads, and an empty Load; without,
// no unit naming a zone and no interfaces.
func (s *System) validateZones() error {
	if !s.Zoned() {
		for i, u := range s.Units {
			if u.Zone != "" {
				return &input.FieldError{Path: fmt.Sprintf("units[%d].zone", i), Value: strconv.Quote(u.Zone), Want: `"" (the system declares no zones)`, Note: fmt.Sprintf("unit %q", u.Name)}
			}
		}
		if len(s.Interfaces) > 0 {
			return input.Field("interfaces", fmt.Sprintf("%d interfaces", len(s.Interfaces)), "none: the system declares no zones to join")
		}
		return nil
	}
	if len(s.Load) > 0 {
		return input.Field("load_mw", fmt.Sprintf("%d hours", len(s.Load)), "no series when zones are declared: each zone has its own (zones[i].load_mw)")
	}
	if _, err := validateZones(s.Zones, s.Units, s.Interfaces); err != nil {
		return err
	}
	return validateZoneLoads(s.Zones)
}

// hasClasses reports whether the system has availability classes.
func (s *System) hasClasses() bool {
	if len(s.Classes) > 0 {
		return true
	}
	for _, u := range s.Units {
		if u.Class != "" {
			return true
		}
	}
	return false
}

// validateLoad checks a load series; paths start at "load_mw".
func validateLoad(load []float64) *input.FieldError {
	if len(load) == 0 {
		return input.Field("load_mw", "no hours", "at least 1")
	}
	if len(load) > MaxHours {
		return input.Field("load_mw", fmt.Sprintf("%d hours", len(load)), fmt.Sprintf("at most %d (MaxHours)", MaxHours))
	}
	for h, x := range load {
		if want := nonNegative(x); want != "" {
			return input.Field(fmt.Sprintf("load_mw[%d]", h), x, want)
		}
	}
	return nil
}

// nonNegative returns "" if x is finite and >= 0, else what is wanted.
func nonNegative(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
		return "finite >= 0"
	}
	return ""
}

// Expand validates the fleet and returns one [Unit] per physical unit, in
// order, with Count 1: a unit with Count k > 1 becomes k units named
// "Name#1" … "Name#k"; a unit with Count 0 or 1 keeps its name. Names must
// be unique after expansion, because each unit's random stream is derived
// from its name. A bad unit's error has the path "units[i]…".
func (s *System) Expand() ([]Unit, error) {
	if s == nil {
		return nil, errorf("system is nil")
	}
	f, err := expandFleet(s.Units)
	if err != nil {
		return nil, err
	}
	return f.units, nil
}

// expandedFleet is a fleet expanded as by [System.Expand], with every
// capacity and derate on the integer grid of capacityGrid.
type expandedFleet struct {
	units []Unit  // one per physical unit, Count 1
	cap   []int64 // cap[i]: units[i]'s capacity in units of 10^-dec MW
	der   []int64 // der[i]: units[i]'s derate in the same units (0: no partial outages)
	dec   int
}

// expandFleet validates and expands units (see [System.Expand]) and puts
// their capacities on the integer grid, for [NewCOPT] and [NewSimulator].
// Errors start with "grid: " and locate a bad unit as "units[i]".
func expandFleet(units []Unit) (expandedFleet, error) {
	f, bad, err := checkFleet(units)
	if err != nil {
		return expandedFleet{}, errorf("%w", input.In(locate(err, bad), "units"))
	}
	return f, nil
}

// ValidateUnits checks a fleet as [System.Validate] does: every unit
// ([Unit.Validate]), names unique after expanding counts, at most
// [MaxUnits] units, and a total capacity that is representable exactly.
// A bad unit's error is an [*input.FieldError] whose path starts at its
// index ("[3].mttr_h"), for the caller to locate with [input.In].
func ValidateUnits(units []Unit) error {
	_, bad, err := checkFleet(units)
	return locate(err, bad)
}

// locate prefixes err with the index bad unless bad < 0.
func locate(err error, bad int) error {
	if bad < 0 {
		return err
	}
	return input.In(err, fmt.Sprintf("[%d]", bad))
}

// checkFleet is expandFleet without the package context: on error, bad
// is the index in units of the unit at fault (its error a
// [*input.FieldError] relative to the unit), or -1 when the fleet as a
// whole is.
func checkFleet(units []Unit) (f expandedFleet, bad int, err error) {
	if len(units) == 0 {
		return f, -1, input.Field("", "[]", "at least 1 unit")
	}
	n := 0
	for i, u := range units {
		if err := u.Validate(); err != nil {
			return f, i, err
		}
		n += max(u.Count, 1)
		if n > MaxUnits {
			return f, -1, input.Field("", fmt.Sprintf("%d or more after expanding counts", n), fmt.Sprintf("<= %d (MaxUnits)", MaxUnits))
		}
	}
	out := make([]Unit, 0, n)
	from := make([]int, 0, n) // from[j]: index in units of out[j]
	seen := make(map[string]int, n)
	for i, u := range units {
		k := max(u.Count, 1)
		base := u.Name
		for c := 1; c <= k; c++ {
			v := u
			v.Count = 1
			if k > 1 {
				v.Name = base + "#" + strconv.Itoa(c)
			}
			if j, dup := seen[v.Name]; dup {
				return f, i, input.Field("name", strconv.Quote(u.Name),
					fmt.Sprintf("a name unique after expanding counts (entry %d also expands to %q)", j, v.Name))
			}
			seen[v.Name] = i
			out = append(out, v)
			from = append(from, i)
		}
	}
	cp, der, dec, j, fe := capacityGrid(out)
	if fe != nil {
		return f, from[j], fe
	}
	return expandedFleet{units: out, cap: cp, der: der, dec: dec}, -1, nil
}

// decimals returns "" if the shortest decimal that round-trips to x has
// at most MaxDecimals decimal places, else what is wanted.
func decimals(x float64) string {
	if d := decimalPlaces(x); d > MaxDecimals {
		return fmt.Sprintf("at most %d decimal places (MaxDecimals), not %d", MaxDecimals, d)
	}
	return ""
}

// capacityGrid expresses every capacity, and every derate (0 for units
// without partial outages), as an exact integer multiple of 10^-dec MW,
// with dec the finest decimal resolution they need; the units have been
// validated, so each has at most MaxDecimals decimal places.
// The total must stay below 2^53 so that any available capacity converts
// to float64 exactly; if it does not, bad is the unit at which it
// overflows.
func capacityGrid(units []Unit) (grid, derate []int64, dec, bad int, err *input.FieldError) {
	for _, u := range units {
		dec = max(dec, decimalPlaces(u.CapacityMW))
		if u.DeratedMW != 0 {
			dec = max(dec, decimalPlaces(u.DeratedMW))
		}
	}
	grid = make([]int64, len(units))
	derate = make([]int64, len(units))
	var total int64
	for i, u := range units {
		v, ok := decimalUnits(u.CapacityMW, dec)
		if !ok || v > 1<<53-total {
			return nil, nil, 0, i, &input.FieldError{Path: "capacity_mw", Value: u.CapacityMW,
				Want: fmt.Sprintf("a total capacity small enough to track exactly at %d decimal places", dec), Note: fmt.Sprintf("unit %q", u.Name)}
		}
		grid[i] = v
		total += v
		if u.DeratedMW != 0 {
			// derated_mw < capacity_mw, so it fits wherever the capacity does.
			derate[i], _ = decimalUnits(u.DeratedMW, dec)
		}
	}
	return grid, derate, dec, -1, nil
}

// decimalUnits returns x in units of 10^-dec, parsed from its shortest
// decimal digits (exact, unlike x*10^dec), and whether it fits an int64.
func decimalUnits(x float64, dec int) (int64, bool) {
	s := strconv.FormatFloat(x, 'f', dec, 64)
	v, err := strconv.ParseInt(strings.Replace(s, ".", "", 1), 10, 64)
	return v, err == nil
}

// pow10 returns 10^d exactly, for 0 <= d <= MaxDecimals.
func pow10(d int) float64 {
	p := 1.0
	for range d {
		p *= 10
	}
	return p
}

// errorf formats an error prefixed with the package name.
func errorf(format string, args ...any) error {
	return fmt.Errorf("grid: "+format, args...)
}
