package grid

import (
	"math"

	"github.com/carveout/carveout/internal/variate"
	"github.com/carveout/carveout/montecarlo"
)

// Step is a change point of an availability path: from instant Hour until
// the next step's Hour (or the end of the path), the fleet's available
// capacity is AvailableMW.
type Step struct {
	// Hour is the instant from which the step holds.
	Hour int
	// AvailableMW is the fleet's available capacity from Hour on, in MW.
	AvailableMW float64
}

// Path is one trial's available capacity at the hour instants 0 … Hours-1,
// as the sorted list of its change points: capacity is constant between
// events. Steps[0].Hour is 0 and consecutive steps differ in capacity.
// Hour h's available capacity is the state at instant h.
type Path struct {
	// Hours is the number of hour instants the path covers.
	Hours int
	// Steps are the change points, sorted by Hour.
	Steps []Step
}

// Available returns the capacity available at instant h, 0 <= h < p.Hours,
// by binary search over the steps; NaN for h outside that or a path
// without steps.
func (p *Path) Available(h int) float64 {
	if h < 0 || h >= p.Hours || len(p.Steps) == 0 {
		return math.NaN()
	}
	return p.Steps[stepAt(p.Steps, h)].AvailableMW
}

// stepAt returns the index of the step in force at hour h, by binary
// search; steps[0].Hour <= h.
func stepAt(steps []Step, h int) int {
	lo, hi := 0, len(steps) // invariant: steps[lo].Hour <= h < steps[hi].Hour
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if steps[m].Hour <= h {
			lo = m
		} else {
			hi = m
		}
	}
	return lo
}

// OutageStream returns the name of the random stream of a unit's outages,
// "outage/" followed by the (expanded) unit name. See the package
// documentation, # Streams.
func OutageStream(unitName string) string { return "outage/" + unitName }

// Simulator draws availability paths of a fleet by discrete-event
// simulation. It owns the scratch memory of one worker and is not safe for
// concurrent use; make one per goroutine with [NewSimulator] (cheap next to
// a run). After the first trial it does not allocate.
type Simulator struct {
	hours int
	last  float64 // float64(hours-1): changes at or after it are never observed
	scale float64 // 10^decimals: capacity units per MW
	dec   int     // decimals
	units []simUnit
	cal   calendar
	// Scratch for units with partial outages (see partial): the change
	// times of each process and the unit's merged changes.
	fullT, partT []float64
	changes      []change
}

// change is a change of a unit's available capacity: d capacity units at
// time t (hours).
type change struct {
	t float64
	d int64
}

// simUnit is a unit's data in a simulator.
type simUnit struct {
	mean  [2]float64 // mean duration of the state: [0] down (MTTR), [1] up (MTTF)
	cap   int64      // capacity in units of 10^-decimals MW
	capMW float64    // the same in MW
	pUp   float64    // stationary probability of being up, MTTF/(MTTF+MTTR)
	key   montecarlo.StreamKey
	// Partial outages (see Unit), if der > 0: the derate in capacity
	// units, the partial process's mean durations ([0] derated,
	// PartialMTTR; [1] not, PartialMTTF) and its stationary probability of
	// not being derated.
	der   int64
	pmean [2]float64
	pOK   float64
}

// NewSimulator validates the fleet and returns a simulator of paths over
// hours instants. Units are expanded as by [System.Expand].
func NewSimulator(units []Unit, hours int) (*Simulator, error) {
	return newSimulator(units, hours, OutageStream)
}

// newSimulator is [NewSimulator] with the units' streams named by stream
// (of a unit's expanded name): [OutageStream] for units,
// [TransmissionStream] for interface elements.
func newSimulator(units []Unit, hours int, stream func(string) string) (*Simulator, error) {
	if hours < 1 || hours > MaxHours {
		return nil, errorf("hours = %d, want in [1, %d]", hours, MaxHours)
	}
	f, err := expandFleet(units)
	if err != nil {
		return nil, err
	}
	s := &Simulator{
		hours: hours,
		last:  float64(hours - 1),
		scale: pow10(f.dec),
		dec:   f.dec,
		units: make([]simUnit, len(f.units)),
		cal:   newCalendar(hours),
	}
	for i, u := range f.units {
		s.units[i] = simUnit{
			mean:  [2]float64{u.MTTRHours, u.MTTFHours},
			cap:   f.cap[i],
			capMW: float64(f.cap[i]) / pow10(f.dec),
			pUp:   u.MTTFHours / (u.MTTFHours + u.MTTRHours),
			key:   montecarlo.Key(stream(u.Name)),
		}
		if f.der[i] != 0 {
			su := &s.units[i]
			su.der = f.der[i]
			su.pmean = [2]float64{u.PartialMTTRHours, u.PartialMTTFHours}
			su.pOK = u.PartialMTTFHours / (u.PartialMTTFHours + u.PartialMTTRHours)
		}
	}
	return s, nil
}

// partial draws the year of a unit with partial outages from r (seeded to
// the unit's stream; passed by value so that callers' generators stay in
// registers) and returns its capacity at instant 0 and
// its changes before the last instant, in time order. The full-outage
// process is drawn first, as for any unit (initial state, then
// alternating durations), then the partial process the same way from the
// same stream; the two are merged, each change of either process changing
// the capacity by what the other's state at that time implies. The result
// lives in the simulator's scratch memory until the next call.
func (s *Simulator) partial(u *simUnit, r variate.PCG) (int64, []change) {
	up := r.Uniform() < u.pUp
	s.fullT = alternate(&r, s.fullT[:0], up, u.mean, s.last)
	return s.mergePartial(u, &r, up)
}

// mergePartial draws the partial process of a unit with partial outages
// from r, after its full-outage process (initial state up, change times
// in s.fullT), and merges the two as [Simulator.partial] describes.
func (s *Simulator) mergePartial(u *simUnit, r *variate.PCG, up bool) (int64, []change) {
	ok := r.Uniform() < u.pOK
	s.partT = alternate(r, s.partT[:0], ok, u.pmean, s.last)
	level := func(up, ok bool) int64 {
		switch {
		case !up:
			return 0
		case ok:
			return u.cap
		default:
			return u.cap - u.der
		}
	}
	a0 := level(up, ok)
	cur := a0
	s.changes = s.changes[:0]
	f, p := s.fullT, s.partT
	for len(f) > 0 || len(p) > 0 {
		var t float64
		if len(p) == 0 || (len(f) > 0 && f[0] <= p[0]) {
			t, f, up = f[0], f[1:], !up
		} else {
			t, p, ok = p[0], p[1:], !ok
		}
		if next := level(up, ok); next != cur {
			s.changes = append(s.changes, change{t, next - cur})
			cur = next
		}
	}
	return a0, s.changes
}

// alternate appends to ts the change times before last of an alternating
// process starting in state on (true: the state with mean duration
// mean[1]), drawn from r as exponential durations.
func alternate(r *variate.PCG, ts []float64, on bool, mean [2]float64, last float64) []float64 {
	t := 0.0
	for {
		t += variate.Exponential(r) * mean[b2i(on)]
		if t >= last {
			return ts
		}
		ts = append(ts, t)
		on = !on
	}
}

// Hours returns the number of hour instants of the paths.
func (s *Simulator) Hours() int { return s.hours }

// Path draws trial t's availability path into p, reusing p's memory. A
// nil p is a programming error: Path panics.
//
// Each unit draws from its own stream (see the package documentation,
// # Streams): first its initial state, up with probability MTTF/(MTTF+MTTR)
// (the stationary distribution); then the time to its first change,
// exponential with the mean of its initial state (memorylessness makes the
// residual time so distributed); then its up and down times in turn,
// exponential with means MTTF and MTTR, until the last instant. Each change
// is filed on the event calendar under the instant at which it is first
// observed; a sweep of the calendar in time order then yields the path.
//
// A unit with partial outages (see [Unit]) then draws its partial
// process the same way from the same stream (initial state, not derated
// with probability PartialMTTF/(PartialMTTF+PartialMTTR), then alternating
// durations), and its capacity changes at the changes of either process.
//
// The state at instant h is the state just before time h, so a change at
// time t is first observed at instant ⌊t⌋+1 (⌈t⌉ but for times that are
// whole hours, which have probability zero); changes that would be
// observed after the last instant are not drawn.
//
// If t's run is cancelled ([montecarlo.Trial.Cancelled]) Path may stop
// early, leaving p a valid but meaningless path, which the trial discards.
func (s *Simulator) Path(t montecarlo.Trial, p *Path) {
	s.steps(s.draw(t), p)
}

// cancelEvery is how many units a simulator draws between checks of
// [montecarlo.Trial.Cancelled]: a unit cycling at the shortest mean
// durations over [MaxHours] takes some 10 ms, so a cancelled trial stops
// within about 0.1 s, while the check costs nothing next to a unit's draws.
const cancelEvery = 8

// draw files trial t's changes of available capacity on the calendar, as
// described on [Simulator.Path], and returns the capacity available at
// instant 0 in capacity units. The calendar must then be swept (by
// steps), which empties it.
func (s *Simulator) draw(t montecarlo.Trial) int64 {
	var avail int64
	cal := &s.cal
	last := s.last
	for i := range s.units {
		if i%cancelEvery == 0 && t.Cancelled() {
			return avail // a cancelled trial's draws are discarded
		}
		u := &s.units[i]
		r := variate.NewPCG(u.key.Seed(t.Seed, t.Index)) // the unit's stream, in registers
		if u.der != 0 {
			a0, chs := s.partial(u, r)
			avail += a0
			for _, ch := range chs {
				cal.file(int(ch.t)+1, ch.d)
			}
			continue
		}
		up := r.Uniform() < u.pUp
		c := u.cap // capacity change at the next change of state
		if up {
			avail += c
			c = -c
		}
		// Alternate exponential durations until the last instant. The
		// common case of an exponential draw (see variate.Exponential) is
		// written out here, as this loop runs once per outage event.
		tc := 0.0
		for {
			w := r.Uint64()
			x, ok := variate.ExponentialRect(w)
			if !ok {
				x, r = variate.ExponentialSlow(r, uint32(w), uint8(w>>32))
			}
			if tc += x * u.mean[b2i(up)]; tc >= last {
				break
			}
			cal.file(int(tc)+1, c) // ⌊tc⌋+1: tc >= 0
			up = !up
			c = -c
		}
	}
	return avail
}

// drawInto draws trial t's changes of available capacity like draw, the
// same draws in the same order, but adds them to dt instead of the
// calendar (see classTarget). It returns the capacity available at
// instant 0 in capacity units.
//
// Its loop repeats draw's on purpose: a helper for the shared part does
// not inline (cost 195 against the compiler's budget of 80), and a call
// per event would put the generator's state back in memory; one loop
// serving both, with a branch on the target, made the calendar path 9%
// slower (measured on BenchmarkTrialYear/Fleet300).
func (s *Simulator) drawInto(t montecarlo.Trial, dt *classTarget) int64 {
	var avail int64
	last := s.last
	// The target's slices, held locally so that the loop's stores cannot
	// make the compiler reload them.
	chg, factor, segOf, units := dt.chg, dt.factor, dt.segOf, dt.units
	for i := range s.units {
		if i%cancelEvery == 0 && t.Cancelled() {
			return avail
		}
		u := &s.units[i]
		r := variate.NewPCG(u.key.Seed(t.Seed, t.Index))
		if u.der != 0 {
			a0, chs := s.partial(u, r)
			avail += a0
			for _, ch := range chs {
				h := int(ch.t)
				seg := segOf[h]
				chg[h+1] += factor[seg] * ch.d
				units[seg] += ch.d
			}
			continue
		}
		up := r.Uniform() < u.pUp
		c := u.cap
		if up {
			avail += c
			c = -c
		}
		tc := 0.0
		for {
			w := r.Uint64()
			x, ok := variate.ExponentialRect(w)
			if !ok {
				x, r = variate.ExponentialSlow(r, uint32(w), uint8(w>>32))
			}
			if tc += x * u.mean[b2i(up)]; tc >= last {
				break
			}
			h := int(tc) // the change is first observed at instant h+1
			seg := segOf[h]
			chg[h+1] += factor[seg] * c
			units[seg] += c
			up = !up
			c = -c
		}
	}
	return avail
}

// classTarget receives the changes of a class's available capacity
// directly, instead of the calendar: for a class whose factor is constant
// within each month, the available capacity within a month is a running
// sum of factor × change from the month's start (see
// [Availability.Sample]).
type classTarget struct {
	// chg[h] accumulates factor × change in capacity units first
	// observed at instant h, the factor being that of the month of
	// instant h−1. (A change at a month's first instant is part of that
	// month's start, where its entry is not read.)
	chg []int64
	// segOf[h] is the month of the horizon of instant h (k for
	// segs[k] <= h < segs[k+1]).
	segOf []uint16
	// factor[k] is the class's factor in month k of the horizon, in the
	// fleet's factor units.
	factor []int64
	// units[k] accumulates the changes, in capacity units, first observed
	// at instants h with h−1 in month k: the capacity at month k+1's first
	// instant is the capacity at instant 0 plus units[0..k].
	units []int64
}

// rescale puts the simulator's capacities on a grid of dec decimal places,
// dec >= its own: a fleet of several classes shares the finest grid.
func (s *Simulator) rescale(dec int) {
	m := int64(pow10(dec - s.dec))
	for i := range s.units {
		s.units[i].cap *= m
		s.units[i].der *= m
	}
	s.dec, s.scale = dec, pow10(dec)
}

// capSteps sweeps the calendar into dst as integer steps, starting from
// avail capacity units at instant 0, and returns dst.
func (s *Simulator) capSteps(avail int64, dst []capStep) []capStep {
	dst = append(dst[:0], capStep{0, avail})
	emitted := avail
	s.cal.sweep(avail, func(h int, a int64) {
		if a != emitted {
			dst = append(dst, capStep{h, a})
			emitted = a
		}
	})
	return dst
}

// steps sweeps the calendar into p's steps, starting from avail capacity
// units at instant 0.
func (s *Simulator) steps(avail int64, p *Path) {
	p.Hours = s.hours
	p.Steps = append(p.Steps[:0], Step{Hour: 0, AvailableMW: s.mw(avail)})
	emitted := avail // capacity of the last step
	s.cal.sweep(avail, func(h int, a int64) {
		if a != emitted {
			p.Steps = append(p.Steps, Step{Hour: h, AvailableMW: s.mw(a)})
			emitted = a
		}
	})
}

// b2i converts a bool to 0 or 1.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// mw converts integer capacity units to MW. Division by the exact power of
// ten rounds correctly, so a capacity equal to a decimal written in a file
// compares equal to the same decimal load.
func (s *Simulator) mw(units int64) float64 {
	if s.scale == 1 {
		return float64(units)
	}
	return float64(units) / s.scale
}
