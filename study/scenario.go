package study

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/carveout/carveout/demand"
	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/mining"
)

// Scenario is a whole carve-out study as data: the fleet, demand, the
// carve-out and its policy, and the run's trials and seed. It is one JSON
// document; [DecodeScenario] reads it strictly (unknown fields are errors)
// and [Scenario.Validate] names the field path of any bad value, as in
// "fleet[12].mttr_h = -5, want finite >= 0.1 (MinDurationHours) (unit …)".
// Zero values of the scenario's own fields mean the documented defaults;
// the carve-out's mining model decodes onto [mining.Defaults], in which
// zero means zero.
type Scenario struct {
	// Name identifies the scenario in reports.
	Name string `json:"name"`
	// Description says what the scenario represents.
	Description string `json:"description,omitempty"`
	// Notes carry sources and judgements; they do not affect results
	// (but do enter the hash).
	Notes []string `json:"notes,omitempty"`
	// Hours is the horizon of a trial in hours (default 8760).
	Hours int `json:"hours,omitempty"`
	// Trials is the number of Monte Carlo trials (default 10000).
	Trials int64 `json:"trials,omitempty"`
	// Seed is the run's seed (default 1).
	Seed uint64 `json:"seed,omitempty"`
	// Fleet lists the generating units.
	Fleet []FleetUnit `json:"fleet"`
	// Classes give seasonal and hourly availability to the units that
	// name them.
	Classes []grid.Class `json:"classes,omitempty"`
	// Demand is the stochastic demand of the other customers.
	Demand demand.Model `json:"demand"`
	// Carveout is the block of load set aside for mining and AI.
	Carveout Carveout `json:"carveout"`
	// Sweep lists further carve-out sizes and policies scored on the same
	// draws, for risk curves.
	Sweep Sweep `json:"sweep,omitempty"`
	// Zones, if any, make the study zonal: each unit names its zone
	// (fleet[i].zone), each zone takes its share of the national demand,
	// and zones trade power only over Interfaces (see [grid.Network] for
	// how an hour is settled and who is shed). Without zones the grid is
	// one copper plate.
	Zones []ZoneSpec `json:"zones,omitempty"`
	// Interfaces join pairs of zones with transmission elements.
	Interfaces []grid.Interface `json:"interfaces,omitempty"`
	// Economics, if given, turns on economic dispatch: every hour of
	// every trial is dispatched in merit order, for the baseline and
	// each carve-out case on the same draws, at the units' costs
	// (fleet[i].cost_per_mwh, co2_t_per_mwh, fuel), and the study
	// reports the carve-out's cost, subsidy, emissions and who carries
	// them (see [CostResult]). Without it the study is adequacy alone.
	Economics *Economics `json:"economics,omitempty"`
	// FuelBudgets limit the energy of energy-limited fuels month by
	// month (see [FuelBudget] for the rule); FuelShocks cut them at
	// random. Units are in merit order by their cost_per_mwh.
	FuelBudgets []FuelBudget `json:"fuel_budgets,omitempty"`
	FuelShocks  []FuelShock  `json:"fuel_shocks,omitempty"`
	// VarianceReduction names a variance-reduction method for the
	// headline indices: "" (the default) for none, or [ControlVariates]
	// ("control-variates"), which adds to the report the headline
	// indices adjusted by control variates whose means are computed
	// exactly (see [ControlVariateResult]). Every other result is the
	// crude Monte Carlo estimate either way.
	VarianceReduction string `json:"variance_reduction,omitempty"`
}

// ControlVariates is the [Scenario.VarianceReduction] value that turns
// on control variates.
const ControlVariates = "control-variates"

// FleetUnit is a [Unit] with its technology and provenance.
type FleetUnit struct {
	grid.Unit
	// Technology is descriptive ("hydro_reservoir", "coal_imported", ...).
	Technology string `json:"technology,omitempty"`
	// Source cites where the unit's numbers come from.
	Source string `json:"source,omitempty"`
}

// Sweep lists carve-out sizes and policies scored on the same draws as the
// main case (common random numbers), for the risk curve.
type Sweep struct {
	// SizesMW lists the carve-out sizes, in MW, each in [0, 1e6]; empty
	// means no sweep.
	SizesMW []float64 `json:"sizes_mw,omitempty"`
	// Policies lists the policies scored at every size; empty means the
	// main case's policy alone.
	Policies []Policy `json:"policies,omitempty"`
	// Sites lists zones of a zonal study, each a candidate site for the
	// whole carve-out: every size and policy is scored at every site on
	// the same draws, so that sites compare with paired intervals
	// ([SweepPoint.VsFirstSite]). Empty means the main case's siting.
	Sites []string `json:"sites,omitempty"`
	// Offset, when set, scores every case of the sweep with each of its
	// offsets of firm capacity ([Offset]); nil means none.
	Offset *Offset `json:"offset,omitempty"`
}

// FromSystem returns a scenario of sys with no carve-out: its units and
// classes as the fleet, its load as the demand's hourly series, its load
// forecast uncertainty as the demand's, and a horizon of its load's hours.
// Its baseline is then exactly the adequacy of sys ([Adequacy] with the
// same seed and trials gives the same indices to the bit). Set the
// carve-out, policy, sweep, trials and seed on the result. It returns nil
// for a nil sys.
func FromSystem(sys *grid.System) *Scenario {
	if sys == nil {
		return nil
	}
	sc := &Scenario{
		Name:    sys.Name,
		Hours:   len(sys.Load),
		Classes: sys.Classes,
		Demand: demand.Model{
			Base: demand.Base{HourlyMW: sys.Load},
			LFU:  demand.LFU{Sigma: sys.LFUSigma},
		},
		Carveout: Carveout{Mining: mining.Defaults()},
	}
	for _, u := range sys.Units {
		sc.Fleet = append(sc.Fleet, FleetUnit{Unit: u})
	}
	return sc
}

// DecodeScenario reads a scenario JSON document strictly: unknown fields,
// trailing data and type mismatches are errors naming line, column and
// path ([input.JSONError]). It validates the result.
func DecodeScenario(r io.Reader) (*Scenario, error) {
	if r == nil {
		return nil, fmt.Errorf("study: scenario: nil reader")
	}
	// The mining model decodes onto its defaults: absent fields keep
	// them and explicit zeros are zeros.
	s := Scenario{Carveout: Carveout{Mining: mining.Defaults()}}
	if err := input.DecodeJSON(r, &s, "scenario"); err != nil {
		return nil, fmt.Errorf("study: %w", err)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return &s, nil
}

// WithDefaults returns the scenario as it runs: its zero values replaced
// by the documented defaults (hours, trials, seed, the policy's kind and
// compliance, the AI data centres' utilisation and PUE). Two scenarios
// that differ only in defaults written out or left out have equal
// WithDefaults, and the same [Scenario.Hash].
func (s Scenario) WithDefaults() Scenario { return s.withDefaults() }

// withDefaults returns the scenario with defaults filled in.
func (s Scenario) withDefaults() Scenario {
	if s.Hours == 0 {
		s.Hours = grid.HoursPerYear
	}
	if s.Trials == 0 {
		s.Trials = 10000
	}
	if s.Seed == 0 {
		s.Seed = 1
	}
	s.Carveout.Policy = s.Carveout.Policy.withDefaults()
	s.Carveout.AI = s.Carveout.AI.withDefaults()
	return s
}

// Validate reports the first invalid field of the scenario, an
// [*input.FieldError] with its path in the document
// ("fleet[12].mttr_h"), after "study: scenario: ".
func (s *Scenario) Validate() error {
	if s == nil {
		return fmt.Errorf("study: scenario is nil")
	}
	if err := s.validate(); err != nil {
		return fmt.Errorf("study: scenario: %w", err)
	}
	return nil
}

func (s *Scenario) validate() error {
	d := s.withDefaults()
	switch {
	case d.Hours < 24 || d.Hours > grid.MaxHours:
		return input.Field("hours", d.Hours, fmt.Sprintf("in [24, %d]", grid.MaxHours))
	case d.Trials < 1 || d.Trials > 1_000_000_000_000:
		return input.Field("trials", d.Trials, "in [1, 1e12]")
	case len(d.Fleet) == 0:
		return input.Field("fleet", "[]", "at least one unit")
	case d.VarianceReduction != "" && d.VarianceReduction != ControlVariates:
		return input.Field("variance_reduction", strconv.Quote(d.VarianceReduction), `"" or "`+ControlVariates+`"`)
	}
	classes := map[string]bool{}
	for i, c := range d.Classes {
		p := fmt.Sprintf("classes[%d]", i)
		if err := c.Validate(); err != nil {
			return input.In(err, p)
		}
		if classes[c.Name] {
			return input.Field(p+".name", strconv.Quote(c.Name), "unique (duplicate class)")
		}
		classes[c.Name] = true
	}
	names := map[string]int{}
	for i, u := range d.Fleet {
		p := fmt.Sprintf("fleet[%d]", i)
		if err := u.Unit.Validate(); err != nil {
			return input.In(err, p)
		}
		if j, ok := names[u.Name]; ok {
			return input.Field(p+".name", strconv.Quote(u.Name), fmt.Sprintf("unique (also fleet[%d])", j))
		}
		names[u.Name] = i
		if u.Class != "" && !classes[u.Class] {
			return input.Field(p+".class", strconv.Quote(u.Class), "the name of an entry of classes")
		}
	}
	// Names must stay unique once counts are expanded ("X" with count 2
	// becomes "X#1", "X#2"): each name is a unit's random stream.
	all := make([]grid.Unit, len(d.Fleet))
	for i, u := range d.Fleet {
		all[i] = u.Unit
	}
	if err := grid.ValidateUnits(all); err != nil {
		return input.In(err, "fleet")
	}
	if n := len(d.Demand.Base.HourlyMW); n > 0 && n != d.Hours {
		return input.Field("demand.base.hourly_mw", fmt.Sprintf("%d values", n), fmt.Sprintf("hours = %d values", d.Hours))
	}
	if err := d.Demand.Validate(); err != nil {
		return input.In(err, "demand")
	}
	c := d.Carveout
	switch {
	case !(c.MW >= 0 && c.MW <= 1e6):
		return input.Field("carveout.mw", c.MW, "in [0, 1e6]")
	case !(c.MiningShare >= 0 && c.MiningShare <= 1):
		return input.Field("carveout.mining_share", c.MiningShare, "in [0, 1]")
	}
	if err := c.Policy.Validate(); err != nil {
		return input.In(err, "carveout.policy")
	}
	if err := c.Mining.Validate(); err != nil {
		return input.In(err, "carveout.mining")
	}
	if err := c.AI.Validate(); err != nil {
		return input.In(err, "carveout.ai")
	}
	for i, mw := range d.Sweep.SizesMW {
		if !(mw >= 0 && mw <= 1e6) {
			return input.Field(fmt.Sprintf("sweep.sizes_mw[%d]", i), mw, "in [0, 1e6]")
		}
	}
	for i, p := range d.Sweep.Policies {
		if err := p.Validate(); err != nil {
			return input.In(err, fmt.Sprintf("sweep.policies[%d]", i))
		}
	}
	if e := d.Economics; e != nil {
		if err := e.validate(); err != nil {
			return input.In(err, "economics")
		}
	}
	if err := validateBudgets(d.FuelBudgets, d.FuelShocks, d.Fleet); err != nil {
		return err
	}
	if err := d.validateZonal(); err != nil {
		return err
	}
	return d.validateOffset()
}

// Hash returns the SHA-256, in hex, of the canonical JSON encoding of the
// scenario as it runs: with every default filled in (an absent seed is
// seed 1, an absent policy is firm, ...), so that a scenario and the same
// scenario with its defaults written out have one hash. Reports and shards
// record it ([Study.Hash]) so a result can be traced to its exact inputs.
// A nil scenario's hash is "".
func (s *Scenario) Hash() string {
	if s == nil {
		return ""
	}
	d := s.withDefaults()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(&d); err != nil {
		// A validated scenario holds only finite numbers, which always
		// encode; this cannot happen through the public API.
		return "unhashable: " + err.Error()
	}
	sum := sha256.Sum256(b.Bytes())
	return hex.EncodeToString(sum[:])
}
