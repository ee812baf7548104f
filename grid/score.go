package grid

import (
	"math"
	"math/bits"
)

// blockBits sets the block size of the range-maximum index to 2^5 = 32
// hours (a judgement: stretches shorter than a block are swept directly,
// which costs no more than a lookup).
const blockBits = 5

const blockSize = 1 << blockBits

// LoadProfile is an hourly load series with an index for the maximum load
// over any range of hours, so that scoring can skip every stretch of
// constant capacity that the load never exceeds. Building it costs O(H);
// a range query costs O(1): within-block prefix and suffix maxima for the
// ends, and a sparse table over block maxima for the middle.
//
// A LoadProfile is read-only once built and may be shared by goroutines.
type LoadProfile struct {
	load   []float64
	max    float64
	energy float64
	pre    []float64 // pre[h]: max of load over h's block up to h
	suf    []float64 // suf[h]: max of load over h's block from h
	sparse []float64 // level k at offset k*nb: max over blocks i … i+2^k-1
	nb     int       // number of blocks
}

// NewLoadProfile validates load (non-empty, finite, >= 0) and indexes a
// copy of it.
func NewLoadProfile(load []float64) (*LoadProfile, error) {
	lp := &LoadProfile{}
	if err := lp.reset(load); err != nil {
		return nil, err
	}
	return lp, nil
}

// reset validates load and builds the profile for it, reusing memory.
func (lp *LoadProfile) reset(load []float64) error {
	if err := validateLoad(load); err != nil {
		return errorf("%w", err)
	}
	n := len(load)
	lp.load = append(lp.load[:0], load...)
	lp.pre = grow(lp.pre, n)
	lp.suf = grow(lp.suf, n)
	e, m := 0.0, 0.0
	for h, x := range load {
		e += x
		m = max(m, x)
		if h&(blockSize-1) == 0 || x > lp.pre[h-1] {
			lp.pre[h] = x
		} else {
			lp.pre[h] = lp.pre[h-1]
		}
	}
	for h := n - 1; h >= 0; h-- {
		x := load[h]
		if h == n-1 || (h+1)&(blockSize-1) == 0 || x > lp.suf[h+1] {
			lp.suf[h] = x
		} else {
			lp.suf[h] = lp.suf[h+1]
		}
	}
	lp.max, lp.energy = m, e
	nb := (n + blockSize - 1) >> blockBits
	levels := bits.Len(uint(nb))
	lp.nb = nb
	lp.sparse = grow(lp.sparse, levels*nb)
	for b := range nb {
		lp.sparse[b] = lp.suf[b<<blockBits] // whole-block maximum
	}
	for k := 1; k < levels; k++ {
		prev, cur := lp.sparse[(k-1)*nb:k*nb], lp.sparse[k*nb:(k+1)*nb]
		half := 1 << (k - 1)
		for b := 0; b+2*half <= nb; b++ {
			cur[b] = max(prev[b], prev[b+half])
		}
	}
	return nil
}

func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// Hours returns the length of the series.
func (lp *LoadProfile) Hours() int { return len(lp.load) }

// Load returns the series (read-only).
func (lp *LoadProfile) Load() []float64 { return lp.load }

// EnergyMWh returns the total load energy, the sum of the hourly loads in
// hour order (see [LoadEnergy]).
func (lp *LoadProfile) EnergyMWh() float64 { return lp.energy }

// Max returns the maximum load over hours [a, b), 0 <= a < b <= Hours(),
// or NaN for a range outside that.
func (lp *LoadProfile) Max(a, b int) float64 {
	if a < 0 || b <= a || b > len(lp.load) {
		return math.NaN()
	}
	return lp.rangeMax(a, b)
}

// rangeMax is [LoadProfile.Max] for a valid range.
func (lp *LoadProfile) rangeMax(a, b int) float64 {
	r := b - 1
	ba, br := a>>blockBits, r>>blockBits
	if ba == br {
		m := lp.load[a]
		for _, x := range lp.load[a+1 : b] {
			m = max(m, x)
		}
		return m
	}
	m := max(lp.suf[a], lp.pre[r])
	if br-ba > 1 {
		i, j := ba+1, br-1
		k := bits.Len(uint(j-i+1)) - 1
		lvl := lp.sparse[k*lp.nb:]
		m = max(m, lvl[i], lvl[j-1<<k+1])
	}
	return m
}

// scoreHourly scores the load series lp, scaled by scale, against the
// hourly capacity of a fleet (in its capacity units) into o, hour by hour.
// It compares exactly as [ScoreScaled] does, the capacity converted by
// [Fleet.MW] against scale·load.
func scoreHourly(f *Fleet, capacity []int64, lp *LoadProfile, scale float64, o *Outcome) {
	load := lp.load
	energy := lp.energy
	if scale != 1 {
		energy = LoadEnergy(load, scale)
	}
	*o = Outcome{LoadMWh: energy, ShortHours: o.ShortHours[:0]}
	var t Shortfall
	t.Reset()
	for h, x := range load {
		if c, l := f.MW(capacity[h]), scale*x; c < l {
			t.Add(h, l-c)
			o.ShortHours = append(o.ShortHours, h)
		}
	}
	o.ShortfallHours, o.ShortfallDays, o.Events, o.UnservedMWh = t.Hours, t.Days, t.Events, t.UnservedMWh
}

// LoadEnergy returns the energy of the load series scaled by scale, in MWh:
// the sum of scale·load[h] in hour order, in float64. Every scorer (plain
// adequacy, the carve-out study) adds a trial's hourly loads this one way,
// so that the same loads give the same energy to the bit.
func LoadEnergy(load []float64, scale float64) float64 {
	e := 0.0
	for _, x := range load {
		e += scale * x
	}
	return e
}

// Outcome is one trial's score of a load series against an availability
// path. Hour h has a shortfall when the available capacity at instant h is
// strictly below the load of hour h.
type Outcome struct {
	// ShortfallHours counts the hours with shortfall (the trial's LOLE).
	ShortfallHours int
	// ShortfallDays counts the days (hour/24) with at least one shortfall
	// hour.
	ShortfallDays int
	// Events counts loss-of-load events: maximal runs of consecutive
	// shortfall hours.
	Events int
	// UnservedMWh is the energy not served, Σ (load − available) over the
	// shortfall hours.
	UnservedMWh float64
	// LoadMWh is the load energy of the series scored.
	LoadMWh float64
	// ShortHours lists the shortfall hours in ascending order. Its memory is
	// reused from one call to the next.
	ShortHours []int
}

// Score scores the load series lp against path p into o, overwriting it.
// Stretches of constant capacity whose maximum load does not exceed it are
// skipped; only where a shortfall is possible is the stretch swept hour by
// hour. Nil arguments, paths and profiles of different lengths, and a
// malformed path (no steps, a first step not at hour 0, steps out of order
// or outside [0, Hours), a NaN capacity) are errors, which leave o
// unspecified. Score does not allocate once o.ShortHours has grown.
func Score(p *Path, lp *LoadProfile, o *Outcome) error { return ScoreScaled(p, lp, 1, o) }

// ScoreScaled is [Score] for the load series scaled by scale >= 0, as load
// forecast uncertainty scales a whole year (every hour's load is
// scale·load[h]). The range maxima scale with it, so skipping works as
// for the unscaled series.
func ScoreScaled(p *Path, lp *LoadProfile, scale float64, o *Outcome) error {
	if p == nil || lp == nil || o == nil {
		return errorf("score: nil path, load profile or outcome")
	}
	if len(p.Steps) == 0 || p.Steps[0].Hour != 0 {
		return errorf("score: path has no step at hour 0")
	}
	if p.Hours != len(lp.load) {
		return errorf("score: path has %d hours, load has %d", p.Hours, len(lp.load))
	}
	if !(scale >= 0) || math.IsInf(scale, 0) {
		return errorf("score: scale = %v, want finite >= 0", scale)
	}
	load := lp.load
	energy := lp.energy
	if scale != 1 {
		energy = LoadEnergy(load, scale)
	}
	*o = Outcome{LoadMWh: energy, ShortHours: o.ShortHours[:0]}
	peak := scale * lp.max
	var t Shortfall
	t.Reset()
	steps := p.Steps
	for s := range steps {
		a := steps[s].Hour
		b := p.Hours
		if s+1 < len(steps) {
			b = steps[s+1].Hour
		}
		c := steps[s].AvailableMW
		if b <= a || b > p.Hours || math.IsNaN(c) {
			return errorf("score: path step %d (hour %d, %v MW): steps must have increasing hours in [0, %d) and capacities not NaN", s, a, c, p.Hours)
		}
		if c >= peak || (b-a > blockSize && scale*lp.rangeMax(a, b) <= c) {
			continue
		}
		for h := a; h < b; h++ {
			if l := scale * load[h]; c < l {
				t.Add(h, l-c)
				o.ShortHours = append(o.ShortHours, h)
			}
		}
	}
	o.ShortfallHours, o.ShortfallDays, o.Events, o.UnservedMWh = t.Hours, t.Days, t.Events, t.UnservedMWh
	return nil
}
