package grid

import (
	"fmt"

	"github.com/carveout/carveout/montecarlo"
)

// ClassCOPT holds the exact capacity outage probability tables of a fleet
// with availability classes: one [COPT] per distinct combination of class
// factors, each of the fleet's units with its capacity (and derate) times
// its class's factor, exactly, on the fleet's capacity grid (see [Fleet]).
// Without a profile class there is one table per month; with one, one per
// month and hour of day. Hours are independent in the marginal indices,
// so each hour's LOLP and expected unserved energy come from its own
// table, and the indices are exact.
//
// The heat-wave derate is not modelled: a plain system has no heat waves,
// as in [Adequacy].
type ClassCOPT struct {
	fleet  *Fleet
	tables []*COPT
	cell   []int // index in tables of each hour's table
}

// NewClassCOPT builds the tables of units with their classes over hours.
// It fails, naming the month and hour, if a table would have more than
// [MaxCOPTStates] states: class factors with many decimal places make the
// step between states fine (round them instead).
func NewClassCOPT(units []Unit, classes []Class, hours int) (*ClassCOPT, error) {
	f, err := NewFleet(units, classes, hours)
	if err != nil {
		return nil, err
	}
	c := &ClassCOPT{fleet: f, cell: make([]int, hours)}
	// Each unit's class group, capacity and derate on the fleet's grid.
	type member struct {
		group    int
		cap, der int64
		u        Unit
	}
	var members []member
	for g, fc := range f.classes {
		ex, err := expandFleet(fc.units)
		if err != nil {
			return nil, err
		}
		m := int64(pow10(f.dec - ex.dec))
		for i, u := range ex.units {
			members = append(members, member{g, ex.cap[i] * m, ex.der[i] * m, u})
		}
	}
	// The factor of each group in hour h, in the fleet's factor units.
	factor := func(g, h int) int64 {
		fc := &f.classes[g]
		if fc.hourly {
			return fc.factor[h]
		}
		return fc.segFactor[f.segOf[h]]
	}
	byKey := map[string]int{}
	key := make([]byte, 0, 8*len(f.classes))
	caps := make([]int64, len(members))
	ders := make([]int64, len(members))
	us := make([]Unit, len(members))
	for h := range hours {
		key = key[:0]
		for g := range f.classes {
			key = fmt.Appendf(key, "%d,", factor(g, h))
		}
		k, ok := byKey[string(key)]
		if !ok {
			for i, m := range members {
				fa := factor(m.group, h)
				caps[i], ders[i], us[i] = m.cap*fa, m.der*fa, m.u
			}
			t, err := convolve(us, caps, ders, f.scale)
			if err != nil {
				return nil, fmt.Errorf("%w (month %d, hour %d)", err, MonthOfHour(h)+1, h%24)
			}
			k = len(c.tables)
			byKey[string(key)] = k
			c.tables = append(c.tables, t)
		}
		c.cell[h] = k
	}
	return c, nil
}

// Tables returns the number of distinct tables.
func (c *ClassCOPT) Tables() int { return len(c.tables) }

// Indices returns the exact indices for load, whose length must be the
// horizon's, as [COPT.Indices] does: each hour's LOLP and expected
// unserved energy from that hour's table.
func (c *ClassCOPT) Indices(load []float64) (Indices, error) {
	if err := c.checkLoad(load); err != nil {
		return Indices{}, err
	}
	var lole, eue, energy montecarlo.ExactSum
	for h, l := range load {
		t := c.tables[c.cell[h]]
		j := t.below(l)
		lole.Add(t.cumP[j])
		eue.Add(max(0, l*t.cumP[j]-t.cumPA[j]))
		energy.Add(l)
	}
	return coptIndices(lole.Float64(), eue.Float64(), energy.Float64(), len(load)), nil
}

// LOLEDailyPeak returns the daily-peak LOLE, days/yr, as
// [COPT.LOLEDailyPeak] does: each day's peak hour (the first, on ties)
// with that hour's table.
func (c *ClassCOPT) LOLEDailyPeak(load []float64) (float64, error) {
	if err := c.checkLoad(load); err != nil {
		return 0, err
	}
	var daily montecarlo.ExactSum
	peak, peakHour := -1.0, 0
	for h, l := range load {
		if l > peak {
			peak, peakHour = l, h
		}
		if h%24 == 23 || h == len(load)-1 {
			daily.Add(c.tables[c.cell[peakHour]].LOLP(peak))
			peak = -1
		}
	}
	return daily.Float64(), nil
}

// checkLoad checks a load series and that it spans the tables' horizon.
func (c *ClassCOPT) checkLoad(load []float64) error {
	if err := validateLoad(load); err != nil {
		return errorf("%w", err)
	}
	if len(load) != len(c.cell) {
		return errorf("copt: load has %d hours, the tables %d", len(load), len(c.cell))
	}
	return nil
}
