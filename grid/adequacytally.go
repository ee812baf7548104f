package grid

import (
	"fmt"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/hourcal"
)

// Tally is the mergeable state of an adequacy run: the per-trial indices
// accumulated with exact sums and integer counts. It implements
// [montecarlo.Accumulator]: Merge is exact, so any split of the trials
// into workers or shards gives the same Tally to the bit. Its JSON form is
// its exact state (sums as exact fixed-point values), so shards written to
// files can be merged later with identical results.
//
// Each trial adds: its shortfall hours (LOLE), shortfall days, events
// (LOLF), the pair (hours, events) for LOLD, unserved energy (EUE), the
// pair (unserved, load energy) for NEUE, whether it had any shortfall,
// and its shortfall hours by month and hour of day.
type Tally struct {
	// Hours is the length of the trial-year, in hours.
	Hours int `json:"hours"`
	IndexAcc
	// MonthHour[m][k] counts shortfall hours in month m (0 = January) at
	// hour of day k, over all trials (see [MonthHour]).
	MonthHour [12][24]int64 `json:"month_hour"`
	// Zones accumulate each zone's indices, in priority order, for a
	// zonal system; the fields above are then the system's.
	Zones []ZoneAcc `json:"zones,omitempty"`
}

// NewTally returns an empty tally for trial-years of hours hours.
func NewTally(hours int) *Tally { return &Tally{Hours: hours} }

// Add records one trial's outcome. It does not allocate. A nil o is a
// programming error: Add panics.
func (t *Tally) Add(o *Outcome) {
	t.IndexAcc.Add(o.ShortfallHours, o.ShortfallDays, o.Events, o.UnservedMWh, o.LoadMWh)
	for _, h := range o.ShortHours {
		m, k := MonthHour(h)
		t.MonthHour[m][k]++
	}
}

// Merge adds the trials recorded in o. Tallies of different year lengths
// do not merge.
func (t *Tally) Merge(o *Tally) error {
	if o == nil {
		return errorf("tally: merge of a nil tally")
	}
	if t.Hours != o.Hours {
		return errorf("tally: hours = %d, want %d to merge", o.Hours, t.Hours)
	}
	zones, err := t.mergedZones(o)
	if err != nil {
		return err
	}
	if err := t.IndexAcc.Merge(&o.IndexAcc); err != nil {
		return errorf("tally: %w", err)
	}
	if zones != nil {
		t.Zones = zones
	}
	for m := range t.MonthHour {
		for k := range t.MonthHour[m] {
			t.MonthHour[m][k] += o.MonthHour[m][k]
		}
	}
	return nil
}

// Trials returns the number of trials recorded.
func (t *Tally) Trials() int64 { return t.Any.N }

// RelativeSE returns the relative standard error of the EUE estimate, the
// quantity [montecarlo.WithTargetRSE] targets. Until some trial has
// unserved energy it is +Inf: an estimate of zero with zero error says
// nothing about precision.
func (t *Tally) RelativeSE() float64 { return t.EUE.Estimate().PrecisionRSE() }

// Indices returns the estimates from the trials recorded. Undefined
// estimates (LOLD without any event, errors with fewer than two trials)
// are NaN, and encode as JSON null.
func (t *Tally) Indices() Indices { return t.IndexAcc.Indices(t.Hours) }

// MonthHourProbability returns, for each month and hour of day, the
// probability that an hour of that cell has shortfall: the cell's count
// over trials × the number of hours of the series in the cell. Cells the
// series does not reach are NaN.
func (t *Tally) MonthHourProbability() [12][24]float64 {
	hours := hourcal.CellHours(t.Hours)
	var p [12][24]float64
	n := float64(t.Trials())
	for m := range p {
		for k := range p[m] {
			p[m][k] = float64(t.MonthHour[m][k]) / (n * float64(hours[m][k]))
		}
	}
	return p
}

// Check returns an error unless t is a state that done trials of Add can
// produce, as far as it shows: hours in [1, MaxHours], indices that pass
// [IndexAcc.Check], and month-hour counts between none and all of the
// cell's hours in done trials. Errors are [*input.FieldError]s with JSON
// paths ("month_hour[6][20]"). It guards against edited or damaged shard
// files.
func (t *Tally) Check(done int64) error {
	if t.Hours < 1 || t.Hours > MaxHours {
		return input.Field("hours", t.Hours, fmt.Sprintf("in [1, %d] (MaxHours)", MaxHours))
	}
	if err := t.IndexAcc.Check(done); err != nil {
		return err
	}
	for i := range t.Zones {
		if err := t.Zones[i].IndexAcc.Check(done); err != nil {
			return input.In(err, fmt.Sprintf("zones[%d]", i))
		}
	}
	cells := hourcal.CellHours(t.Hours)
	for m := range t.MonthHour {
		for k, c := range t.MonthHour[m] {
			if most := cells[m][k] * done; c < 0 || c > most {
				return input.Field(fmt.Sprintf("month_hour[%d][%d]", m, k), c, fmt.Sprintf("in [0, %d], the cell's hours in the trials done", most))
			}
		}
	}
	return nil
}
