package grid

import (
	"fmt"
	"math"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/variate"
	"github.com/carveout/carveout/montecarlo"
)

// MaxTiltFactor bounds the factors of a [Tilt]: each lies in
// [1/MaxTiltFactor, MaxTiltFactor]. A larger tilt makes the likelihood
// ratios of a year's paths so dispersed that the estimate rests on a few
// trials (a judgement, from the pilots of the test systems, whose
// cross-entropy factors stay below 10).
const MaxTiltFactor = 32.0

// Tilt is an importance-sampling change of measure of the units'
// full-outage processes (see the package documentation, # Variance
// reduction). Inside its windows every unit of entry i of the system's
// units fails at Failure[i] times its own rate 1/MTTF and is repaired at
// Repair[i] times its rate 1/MTTR; outside them, and for the partial
// outages of a three-state unit, the units follow their own rates. A unit
// whose first instant lies in a window starts in the stationary state of
// its tilted rates. Each trial is weighted by the likelihood ratio of the
// paths drawn.
type Tilt struct {
	// Failure holds one factor per entry of the system's units (before
	// counts are expanded) on the failure rate, in [1/MaxTiltFactor,
	// MaxTiltFactor].
	Failure []float64 `json:"failure"`
	// Repair holds one factor per entry on the repair rate, in the same
	// range.
	Repair []float64 `json:"repair"`
	// Windows are the sorted, disjoint, non-empty hour ranges [start,
	// end) of the trial-year in which the tilt applies, within [0, hours).
	Windows [][2]int `json:"windows"`
	// Defensive is the share of trials drawn from the units' own
	// processes, the defensive component of the sampling mixture, in
	// (0, 1]; 0 means DefaultDefensive. Every trial's weight is at most
	// 1/Defensive.
	Defensive float64 `json:"defensive,omitempty"`
}

// defensive returns the tilt's defensive share, the default for 0.
func (t *Tilt) defensive() float64 {
	if t.Defensive == 0 {
		return DefaultDefensive
	}
	return t.Defensive
}

// Validate checks t against a system of entries unit entries and hours
// hours. Errors are [*input.FieldError]s with paths relative to the tilt
// ("failure[3]", "windows[1]").
func (t *Tilt) Validate(entries, hours int) error {
	if t == nil {
		return input.Field("tilt", "nil", "a tilt")
	}
	for _, f := range []struct {
		name string
		v    []float64
	}{{"failure", t.Failure}, {"repair", t.Repair}} {
		if len(f.v) != entries {
			return input.Field(f.name, fmt.Sprintf("%d factors", len(f.v)), fmt.Sprintf("%d, one per entry of units", entries))
		}
		for i, x := range f.v {
			if !(x >= 1/MaxTiltFactor && x <= MaxTiltFactor) {
				return input.Field(fmt.Sprintf("%s[%d]", f.name, i), x, fmt.Sprintf("in [1/%v, %v] (MaxTiltFactor)", MaxTiltFactor, MaxTiltFactor))
			}
		}
	}
	if !(t.Defensive >= 0 && t.Defensive <= 1) {
		return input.Field("defensive", t.Defensive, "in (0, 1] (0: DefaultDefensive)")
	}
	prev := 0
	for i, w := range t.Windows {
		if w[0] < prev || w[1] <= w[0] || w[1] > hours {
			return input.Field(fmt.Sprintf("windows[%d]", i), fmt.Sprintf("[%d, %d)", w[0], w[1]), fmt.Sprintf("a non-empty range within [%d, %d), after the windows before", prev, hours))
		}
		prev = w[1]
	}
	return nil
}

// TiltedHours returns the number of hours inside the tilt's windows.
func (t *Tilt) TiltedHours() int {
	n := 0
	for _, w := range t.Windows {
		n += w[1] - w[0]
	}
	return n
}

// tiltedSim draws a simulator's paths under a tilt and returns each
// trial's log likelihood ratio. It owns its simulator's scratch memory:
// one per goroutine.
type tiltedSim struct {
	sim *Simulator
	// Per expanded unit: the entry it came from, its rates ([0] repair,
	// [1] failure) and their tilted values, and the log ratios
	// log(rate/tilted rate).
	entry        []int
	rate, tilted [][2]float64
	logRatio     [][2]float64
	pUpTilted    []float64
	bounds       []float64 // ends of the time segments; the last is the last instant
	inWindow     []bool    // whether segment k is tilted
	stats        []float64 // if not nil: per entry, 4 sufficient statistics (see ceStats)
	// sample is whether the trial draws from the tilted processes (true)
	// or the units' own (the defensive component of the mixture).
	sample bool
}

// Sufficient statistics of the cross-entropy update, per entry, inside
// the windows: failures, up time (hours), repairs and down time.
const (
	ceFail = iota
	ceUp
	ceRepair
	ceDown
	ceStats
)

// The statistics of a sojourn down ([0]) or up ([1]): its exposure and
// the event that ends it.
var (
	exposure = [2]int{ceDown, ceUp}
	events   = [2]int{ceRepair, ceFail}
)

// newTiltedSim returns a sampler of sim's paths under tilt, for units
// (the system's entries, which sim was built from).
func newTiltedSim(sim *Simulator, units []Unit, tilt *Tilt) (*tiltedSim, error) {
	if err := tilt.Validate(len(units), sim.hours); err != nil {
		return nil, fmt.Errorf("grid: %w", input.In(err, "tilt"))
	}
	z := &tiltedSim{sim: sim}
	for i, u := range units {
		for range max(u.Count, 1) {
			z.entry = append(z.entry, i)
		}
	}
	if len(z.entry) != len(sim.units) {
		return nil, errorf("tilt: %d expanded units, the simulator has %d", len(z.entry), len(sim.units))
	}
	n := len(sim.units)
	z.rate = make([][2]float64, n)
	z.tilted = make([][2]float64, n)
	z.logRatio = make([][2]float64, n)
	z.pUpTilted = make([]float64, n)
	for k := range sim.units {
		u := &sim.units[k]
		e := z.entry[k]
		z.rate[k] = [2]float64{1 / u.mean[0], 1 / u.mean[1]}
		z.tilted[k] = [2]float64{z.rate[k][0] * tilt.Repair[e], z.rate[k][1] * tilt.Failure[e]}
		z.logRatio[k] = [2]float64{-math.Log(tilt.Repair[e]), -math.Log(tilt.Failure[e])}
		z.pUpTilted[k] = z.tilted[k][0] / (z.tilted[k][0] + z.tilted[k][1])
	}
	// Segments: alternately outside and inside the windows, ending at the
	// last instant (changes at or after it are never observed).
	last := sim.last
	at := 0.0
	add := func(end float64, in bool) {
		end = min(end, last)
		if end > at || (len(z.bounds) == 0 && end == at) {
			z.bounds = append(z.bounds, end)
			z.inWindow = append(z.inWindow, in)
			at = end
		}
	}
	for _, w := range tilt.Windows {
		add(float64(w[0]), false)
		add(float64(w[1]), true)
	}
	add(last, false)
	return z, nil
}

// path draws trial t's path into p, from the tilted processes when
// z.sample is set and from the units' own otherwise, and returns the log
// likelihood ratio of the path under the units' own processes to the
// tilted ones, log(f/g). The sums run over units in order and events in
// time order, so the value is the same to the bit wherever the trial
// runs.
func (z *tiltedSim) path(t montecarlo.Trial, p *Path) float64 {
	avail, lw := z.draw(t)
	z.sim.steps(avail, p)
	return lw
}

// draw files trial t's changes on the simulator's calendar and returns
// the capacity at instant 0 and the log likelihood ratio.
func (z *tiltedSim) draw(t montecarlo.Trial) (int64, float64) {
	s := z.sim
	cal := &s.cal
	var avail int64
	lw := 0.0
	for i := range s.units {
		if i%cancelEvery == 0 && t.Cancelled() {
			return avail, lw
		}
		u := &s.units[i]
		r := variate.NewPCG(u.key.Seed(t.Seed, t.Index))
		up, l := z.unit(i, &r)
		lw += l
		if u.der != 0 {
			a0, chs := s.mergePartial(u, &r, up)
			avail += a0
			for _, ch := range chs {
				cal.file(int(ch.t)+1, ch.d)
			}
			continue
		}
		c := u.cap
		if up {
			avail += c
			c = -c
		}
		for _, tc := range s.fullT {
			cal.file(int(tc)+1, c)
			c = -c
		}
	}
	return avail, lw
}

// unit draws expanded unit i's full-outage process from r, under the
// tilt if z.sample is set, into the simulator's fullT (change times
// before the last instant) and returns its initial state and the log
// likelihood ratio of the path, own rates to tilted. With stats set it
// adds the unit's sufficient statistics inside the windows.
func (z *tiltedSim) unit(i int, r *variate.PCG) (bool, float64) {
	s := z.sim
	u := &s.units[i]
	rate, tilted, lr := z.rate[i], z.tilted[i], z.logRatio[i]
	var st []float64
	if z.stats != nil {
		e := z.entry[i]
		st = z.stats[e*ceStats : (e+1)*ceStats]
	}
	lw := 0.0
	pUp := u.pUp
	if z.inWindow[0] && z.sample {
		pUp = z.pUpTilted[i]
	}
	up := r.Uniform() < pUp
	if z.inWindow[0] {
		if up {
			lw += math.Log(u.pUp / z.pUpTilted[i])
		} else {
			lw += math.Log((1 - u.pUp) / (1 - z.pUpTilted[i]))
		}
	}
	sample := z.sample
	up0 := up
	ts := s.fullT[:0]
	tc, k := 0.0, 0
	bounds, in := z.bounds, z.inWindow
	for {
		e := variate.Exponential(r)
		st0 := b2i(up)
		for {
			room := bounds[k] - tc
			rt := rate[st0] // the rate drawn from
			if in[k] && sample {
				rt = tilted[st0]
			}
			if e < rt*room {
				dt := e / rt
				if in[k] {
					lw -= (rate[st0] - tilted[st0]) * dt
					if st != nil {
						st[exposure[st0]] += dt
					}
				}
				tc += dt
				break
			}
			e -= rt * room
			if in[k] {
				lw -= (rate[st0] - tilted[st0]) * room
				if st != nil {
					st[exposure[st0]] += room
				}
			}
			tc = bounds[k]
			if k++; k == len(bounds) {
				s.fullT = ts
				return up0, lw
			}
		}
		if in[k] {
			lw += lr[st0]
			if st != nil {
				st[events[st0]]++
			}
		}
		ts = append(ts, tc)
		up = !up
	}
}
