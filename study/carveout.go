package study

import (
	"fmt"
	"math"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/mining"
)

// Carveout is the block of grid power set aside for Bitcoin mining and AI
// data centres.
type Carveout struct {
	// MW is the size of the carve-out (MW of grid supply at the meter).
	MW float64 `json:"mw"`
	// MiningShare is the share of MW allocated to miners, in [0, 1]; the
	// rest is allocated to AI data centres. The split is an assumption;
	// state it. Each side's allocation is its grid capacity: miners draw
	// all of theirs while they run, AI data centres theirs times the
	// hour's utilisation (AI.Utilisation).
	MiningShare float64 `json:"mining_share"`
	// Mining is the Bitcoin economics and the mining fleet. The fleet's
	// MW is set from the allocation (MW × MiningShare), and
	// Mining.Fleet.MW given here is not used. Mining.Fleet.Economic makes
	// miners run only when revenue covers their tariff and other costs;
	// otherwise they always run. A document's absent fields keep the
	// values of [mining.Defaults] ([DecodeScenario] decodes onto them); a
	// scenario built in Go must start from mining.Defaults() too.
	Mining mining.Model `json:"mining"`
	// AI is the AI data centres' load.
	AI AI `json:"ai"`
	// Policy is the curtailment policy.
	Policy Policy `json:"policy"`
	// Site names the zone of a zonal study where the whole carve-out
	// sits; or Sites spreads it over zones. With neither, it sits in the
	// first zone. Both must be empty without zones.
	Site string `json:"site,omitempty"`
	// Sites gives the carve-out's share in each of several zones.
	Sites []SiteShare `json:"sites,omitempty"`
}

// Default AI data-centre parameters. Both are judgements.
const (
	// DefaultAIUtilisation is the flat hourly utilisation of the AI data
	// centres' capacity. Judgement: training clusters run near flat out
	// around the clock.
	DefaultAIUtilisation = 0.9

	// DefaultAIPUE is the data centres' power usage effectiveness.
	// Judgement between the industry average of 1.56 (Uptime Institute
	// Global Data Center Survey 2024) and the 1.3 or better of new large
	// facilities (same survey), allowing for Pakistan's hot climate.
	DefaultAIPUE = 1.4
)

// AI describes the carve-out's AI data centres. Their load is firm unless
// the policy says otherwise ([Policy.AIInterruptible]): whatever the BTC
// price, they draw their allocation, MW × (1 − MiningShare), times the
// utilisation of the hour of day.
//
// Zero values mean defaults: a flat utilisation of DefaultAIUtilisation
// and a PUE of DefaultAIPUE.
type AI struct {
	// Utilisation gives the draw as a share of the AI allocation for each
	// hour of the day (24 values in [0, 1], hour 0 = midnight); empty
	// means a flat DefaultAIUtilisation.
	Utilisation []float64 `json:"utilisation,omitempty"`
	// PUE is the power usage effectiveness, in [1, 10]; 0 means
	// DefaultAIPUE. It does not change the grid draw: it says how much of
	// the allocation is IT capacity ([AI.ITMW]).
	PUE float64 `json:"pue,omitempty"`
}

// withDefaults returns a with zero values replaced by defaults. The
// utilisation is a new slice when it is defaulted.
func (a AI) withDefaults() AI {
	if len(a.Utilisation) == 0 {
		a.Utilisation = make([]float64, 24)
		for h := range a.Utilisation {
			a.Utilisation[h] = DefaultAIUtilisation
		}
	}
	if a.PUE == 0 {
		a.PUE = DefaultAIPUE
	}
	return a
}

// ITMW returns the IT capacity, in MW, of AI data centres allocated
// allocationMW of grid capacity: allocationMW / PUE (PUE 0 means
// DefaultAIPUE). It is NaN for a PUE outside [1, 10] (see [AI.Validate]).
func (a AI) ITMW(allocationMW float64) float64 {
	pue := a.withDefaults().PUE
	if !(pue >= 1 && pue <= 10) {
		return math.NaN()
	}
	return allocationMW / pue
}

// Validate reports the first invalid field of a (after defaults) as an
// [*input.FieldError] whose path is relative to a, e.g.
// "utilisation[3] = 1.5, want in [0, 1]".
func (a AI) Validate() error {
	d := a.withDefaults()
	if !(d.PUE >= 1 && d.PUE <= 10) {
		return input.Field("pue", d.PUE, "in [1, 10]")
	}
	if n := len(d.Utilisation); n != 24 {
		return input.Field("utilisation", fmt.Sprintf("%d values", n), "24 values")
	}
	for h, u := range d.Utilisation {
		if !(u >= 0 && u <= 1) {
			return input.Field(fmt.Sprintf("utilisation[%d]", h), u, "in [0, 1]")
		}
	}
	return nil
}

// mwByHour returns the grid draw, by hour of day, of AI data centres
// allocated allocationMW: the allocation times the hour's utilisation.
// a must have its defaults.
func (a AI) mwByHour(allocationMW float64) (mw [24]float64) {
	for h := range mw {
		mw[h] = allocationMW * a.Utilisation[h]
	}
	return mw
}

// yearMWh returns the energy, in MWh, of a draw repeated every day over
// hours hours, summed day by day.
func yearMWh(byHour *[24]float64, hours int) float64 {
	var day float64
	for _, mw := range byHour {
		day += mw
	}
	var total float64
	for h0 := 0; h0 < hours; h0 += 24 {
		if hours-h0 >= 24 {
			total += day
			continue
		}
		for _, mw := range byHour[:hours-h0] {
			total += mw
		}
	}
	return total
}

// caseSpec is one carve-out size and policy scored in every trial.
type caseSpec struct {
	mw      float64
	policy  Policy
	model   mining.Model // fleet and AI sized for mw
	economy bool         // miners decide by economics: needs the mining path
	aiMW    [24]float64  // AI grid draw by hour of day
	minerMW float64
	slot    int     // index of the mining simulation this case reads, −1 for none
	aiYear  float64 // AI energy of a trial-year (MWh)
	// site is the carve-out's share in each zone of a zonal study (nil
	// without zones), siteName its label, and ref the index in the sweep
	// of the same size and policy at the sweep's first site (−1 when
	// there is none or the case is that one).
	site     []float64
	siteName string
	ref      int
	// pad is mw padded for rounding in the hourly screens, and siteIdx
	// the index of site among the zonal study's distinct sites.
	pad     float64
	siteIdx int
	// oneZone is set when the site is wholly in one zone.
	oneZone bool
	// hasOff is set for a case of a sweep with offsets ([Offset]): off
	// MW of firm capacity, in zone offZone of a zonal study, perfectly
	// reliable or, with offFleet, of units whose availability the worker
	// samples into slot offSlot.
	hasOff   bool
	off      float64
	offZone  int
	offFleet *grid.Fleet
	offSlot  int
	// idx is the case's index in Study.cases.
	idx int
}

// newCase sizes the mining fleet and AI load of a carve-out of mw MW. co
// has its defaults.
func newCase(mw float64, co Carveout, p Policy, hours int) (caseSpec, error) {
	m := co.Mining
	m.Fleet.MW = mw * co.MiningShare
	c := caseSpec{mw: mw, policy: p, model: m, economy: m.Fleet.Economic, minerMW: m.Fleet.MW}
	c.aiMW = co.AI.mwByHour(mw * (1 - co.MiningShare))
	c.aiYear = yearMWh(&c.aiMW, hours)
	if err := m.Validate(); err != nil {
		return c, fmt.Errorf("study: scenario (carve-out of %v MW): %w", mw, input.In(err, "carveout.mining"))
	}
	return c, nil
}
