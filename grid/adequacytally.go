package grid

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"

	"github.com/carveout/carveout/montecarlo"
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
	Hours    int                   `json:"hours"`
	LOLE     montecarlo.Mean       `json:"lole_h"`
	LOLEDays montecarlo.Mean       `json:"lole_days"`
	LOLF     montecarlo.Mean       `json:"lolf"`
	LOLD     montecarlo.Ratio      `json:"lold_h"`
	EUE      montecarlo.Mean       `json:"eue_mwh"`
	NEUE     montecarlo.Ratio      `json:"neue"`
	Any      montecarlo.Proportion `json:"any_shortfall"`
	// MonthHour[m][k] counts shortfall hours in month m (0 = January) at
	// hour of day k, over all trials (see [MonthHour]).
	MonthHour [12][24]int64 `json:"month_hour"`
}

// NewTally returns an empty tally for trial-years of hours hours.
func NewTally(hours int) *Tally { return &Tally{Hours: hours} }

// Add records one trial's outcome. It does not allocate.
func (t *Tally) Add(o *Outcome) {
	t.LOLE.Add(float64(o.ShortfallHours))
	t.LOLEDays.Add(float64(o.ShortfallDays))
	t.LOLF.Add(float64(o.Events))
	t.LOLD.Add(float64(o.ShortfallHours), float64(o.Events))
	t.EUE.Add(o.UnservedMWh)
	t.NEUE.Add(o.UnservedMWh, o.LoadMWh)
	t.Any.Add(o.ShortfallHours > 0)
	for _, h := range o.Hours {
		m, k := MonthHour(h)
		t.MonthHour[m][k]++
	}
}

// Merge adds the trials recorded in o. Tallies of different year lengths
// do not merge.
func (t *Tally) Merge(o *Tally) error {
	if t.Hours != o.Hours {
		return errorf("tally: hours = %d, want %d to merge", o.Hours, t.Hours)
	}
	for _, err := range []error{
		t.LOLE.Merge(&o.LOLE), t.LOLEDays.Merge(&o.LOLEDays), t.LOLF.Merge(&o.LOLF),
		t.LOLD.Merge(&o.LOLD), t.EUE.Merge(&o.EUE), t.NEUE.Merge(&o.NEUE), t.Any.Merge(&o.Any),
	} {
		if err != nil {
			return errorf("tally: %w", err)
		}
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
func (t *Tally) RelativeSE() float64 {
	e := t.EUE.Estimate()
	if e.Mean == 0 || math.IsNaN(e.SE) {
		return math.Inf(1)
	}
	return e.RelativeSE()
}

// AdequacyIndices are the adequacy indices of a run, each with its
// standard error and 95% interval (normal; Wilson for the probability).
// Undefined estimates are NaN and are left out of the JSON form.
type AdequacyIndices struct {
	// LOLEh is the expected number of shortfall hours per year, h/yr.
	LOLEh montecarlo.Estimate `json:"lole_h"`
	// LOLEDays is the expected number of days with any shortfall, d/yr.
	LOLEDays montecarlo.Estimate `json:"lole_days"`
	// LOLF is the expected number of loss-of-load events per year.
	LOLF montecarlo.Estimate `json:"lolf"`
	// LOLDh is the mean duration of an event, E[hours]/E[events], h.
	LOLDh montecarlo.Estimate `json:"lold_h"`
	// EUEMWh is the expected unserved energy, MWh/yr.
	EUEMWh montecarlo.Estimate `json:"eue_mwh"`
	// NEUEppm is E[unserved]/E[load energy] in parts per million.
	NEUEppm montecarlo.Estimate `json:"neue_ppm"`
	// LOLP is the probability that an hour has shortfall, LOLE/Hours.
	LOLP montecarlo.Estimate `json:"lolp"`
	// PAnyShortfall is the probability that a year has any shortfall.
	PAnyShortfall montecarlo.Estimate `json:"p_any_shortfall"`
}

// Indices returns the estimates from the trials recorded. Undefined
// estimates (LOLD without any event, errors with fewer than two trials)
// are NaN.
func (t *Tally) Indices() AdequacyIndices {
	lole := t.LOLE.Estimate()
	return AdequacyIndices{
		LOLEh:         lole,
		LOLEDays:      t.LOLEDays.Estimate(),
		LOLF:          t.LOLF.Estimate(),
		LOLDh:         t.LOLD.Estimate(),
		EUEMWh:        t.EUE.Estimate(),
		NEUEppm:       t.NEUE.Estimate().Scale(1e6),
		LOLP:          lole.Scale(1 / float64(t.Hours)),
		PAnyShortfall: t.Any.Estimate(),
	}
}

// MarshalJSON writes the indices in a fixed order, each as
// {"mean","se","lo","hi"}, leaving out an index whose mean is NaN and
// writing null for an undefined error or bound (JSON has no NaN).
func (x AdequacyIndices) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	first := true
	for _, f := range []struct {
		name string
		e    montecarlo.Estimate
	}{
		{"lole_h", x.LOLEh}, {"lole_days", x.LOLEDays}, {"lolf", x.LOLF}, {"lold_h", x.LOLDh},
		{"eue_mwh", x.EUEMWh}, {"neue_ppm", x.NEUEppm}, {"lolp", x.LOLP}, {"p_any_shortfall", x.PAnyShortfall},
	} {
		if math.IsNaN(f.e.Mean) {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(strconv.Quote(f.name))
		b.WriteString(`:{"mean":`)
		writeNumber(&b, f.e.Mean)
		b.WriteString(`,"se":`)
		writeNumber(&b, f.e.SE)
		b.WriteString(`,"lo":`)
		writeNumber(&b, f.e.Lo)
		b.WriteString(`,"hi":`)
		writeNumber(&b, f.e.Hi)
		b.WriteByte('}')
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// writeNumber writes x as encoding/json would, or null if it is NaN or
// infinite.
func writeNumber(b *bytes.Buffer, x float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		b.WriteString("null")
		return
	}
	j, _ := json.Marshal(x)
	b.Write(j)
}

// UnmarshalJSON reads the form written by MarshalJSON; absent indices and
// null values become NaN.
func (x *AdequacyIndices) UnmarshalJSON(data []byte) error {
	var m map[string]struct {
		Mean *float64 `json:"mean"`
		SE   *float64 `json:"se"`
		Lo   *float64 `json:"lo"`
		Hi   *float64 `json:"hi"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	get := func(name string) montecarlo.Estimate {
		v, ok := m[name]
		e := montecarlo.Estimate{Mean: math.NaN(), SE: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
		if !ok {
			return e
		}
		for _, p := range []struct {
			src *float64
			dst *float64
		}{{v.Mean, &e.Mean}, {v.SE, &e.SE}, {v.Lo, &e.Lo}, {v.Hi, &e.Hi}} {
			if p.src != nil {
				*p.dst = *p.src
			}
		}
		return e
	}
	*x = AdequacyIndices{
		LOLEh: get("lole_h"), LOLEDays: get("lole_days"), LOLF: get("lolf"), LOLDh: get("lold_h"),
		EUEMWh: get("eue_mwh"), NEUEppm: get("neue_ppm"), LOLP: get("lolp"), PAnyShortfall: get("p_any_shortfall"),
	}
	return nil
}

// MonthHourProbability returns, for each month and hour of day, the
// probability that an hour of that cell has shortfall: the cell's count
// over trials × the number of hours of the series in the cell. Cells the
// series does not reach are NaN.
func (t *Tally) MonthHourProbability() [12][24]float64 {
	var hours [12][24]int64
	for h := range t.Hours {
		m, k := MonthHour(h)
		hours[m][k]++
	}
	var p [12][24]float64
	n := float64(t.Trials())
	for m := range p {
		for k := range p[m] {
			p[m][k] = float64(t.MonthHour[m][k]) / (n * float64(hours[m][k]))
		}
	}
	return p
}

// MonthHour returns the month (0 = January) and hour of day of hour h of a
// series that starts on 1 January 00:00 of a non-leap year; series longer
// than 8760 hours wrap into the next year.
func MonthHour(h int) (month, hourOfDay int) {
	return MonthOfHour(h), h % 24
}
