package grid

import (
	"math/rand/v2"

	"github.com/carveout/carveout/montecarlo"
)

// Step is a change point of an availability path: from instant Hour until
// the next step's Hour (or the end of the path), the fleet's available
// capacity is AvailableMW.
type Step struct {
	Hour        int
	AvailableMW float64
}

// Path is one trial's available capacity at the hour instants 0 … Hours-1,
// as the sorted list of its change points: capacity is constant between
// events. Steps[0].Hour is 0 and consecutive steps differ in capacity.
// Hour h's available capacity is the state at instant h.
type Path struct {
	Hours int
	Steps []Step
}

// Available returns the capacity available at instant h, 0 <= h < p.Hours,
// by binary search over the steps.
func (p *Path) Available(h int) float64 {
	lo, hi := 0, len(p.Steps) // invariant: Steps[lo].Hour <= h < Steps[hi].Hour
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if p.Steps[m].Hour <= h {
			lo = m
		} else {
			hi = m
		}
	}
	return p.Steps[lo].AvailableMW
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
	last  float64 // float64(hours-1): events at or after it are never observed
	scale float64 // 10^decimals: capacity units per MW
	units []simUnit
	pcg   []rand.PCG
	cal   calendar
}

// simUnit is a unit's data and state in a simulator, kept together so that
// processing an event touches one cache line.
type simUnit struct {
	mean [2]float64 // mean duration of the state: [0] down (MTTR), [1] up (MTTF)
	cap  int64      // capacity in units of 10^-decimals MW
	pUp  float64    // stationary probability of being up, MTTF/(MTTF+MTTR)
	key  montecarlo.StreamKey
	rng  *rand.Rand
	up   bool
}

// NewSimulator validates the fleet and returns a simulator of paths over
// hours instants. Units are expanded as by [System.Expand].
func NewSimulator(units []Unit, hours int) (*Simulator, error) {
	if hours < 1 {
		return nil, errorf("hours = %d, want >= 1", hours)
	}
	ex, err := (&System{Units: units}).Expand()
	if err != nil {
		return nil, err
	}
	capUnit, dec, err := capacityGrid(ex)
	if err != nil {
		return nil, err
	}
	n := len(ex)
	s := &Simulator{
		hours: hours,
		last:  float64(hours - 1),
		scale: pow10(dec),
		units: make([]simUnit, n),
		pcg:   make([]rand.PCG, n),
	}
	s.cal = newCalendar(n, hours)
	for i, u := range ex {
		su := &s.units[i]
		su.mean = [2]float64{u.MTTRh, u.MTTFh}
		su.cap = capUnit[i]
		su.pUp = u.MTTFh / (u.MTTFh + u.MTTRh)
		su.key = montecarlo.Key(OutageStream(u.Name))
		// One generator per unit, so every unit draws from its own stream
		// in its own order whatever the order of events: common random
		// numbers per unit. A *rand.Rand held here, rather than a distuv
		// type with Src set, because distuv calls rand.New(Src) on every
		// draw, which allocates.
		su.rng = rand.New(&s.pcg[i])
	}
	return s, nil
}

// Hours returns the number of hour instants of the paths.
func (s *Simulator) Hours() int { return s.hours }

// Units returns the number of units after expanding counts.
func (s *Simulator) Units() int { return len(s.units) }

// Path draws trial t's availability path into p, reusing p's memory.
//
// Each unit starts up with probability MTTF/(MTTF+MTTR) (the stationary
// distribution); the time to its first change is exponential with the mean
// of its initial state (memorylessness makes the residual time so
// distributed), and later up and down times are exponential with means
// MTTF and MTTR. Changes are processed in time order from the event
// calendar. The state at instant h is the state just before time h, so a
// change at time t is first observed at instant ⌊t⌋+1 (⌈t⌉ but for times
// that are whole hours, which have probability zero); changes that would
// be observed after the last instant are never drawn.
func (s *Simulator) Path(t montecarlo.Trial, p *Path) {
	cal := &s.cal
	var avail int64
	for i := range s.units {
		u := &s.units[i]
		t.Reseed(&s.pcg[i], u.key)
		u.up = u.rng.Float64() < u.pUp
		if u.up {
			avail += u.cap
		}
		if first := u.rng.ExpFloat64() * u.mean[b2i(u.up)]; first < s.last {
			cal.schedule(i, first)
		}
	}
	p.Hours = s.hours
	p.Steps = append(p.Steps[:0], Step{Hour: 0, AvailableMW: s.mw(avail)})
	emitted := avail // capacity of the last step
	for h := cal.nextInstant(1); h >= 0; h = cal.nextInstant(h + 1) {
		for {
			i, te := cal.pop(h)
			if i < 0 {
				break
			}
			u := &s.units[i]
			u.up = !u.up
			if u.up {
				avail += u.cap
			} else {
				avail -= u.cap
			}
			if tn := te + u.rng.ExpFloat64()*u.mean[b2i(u.up)]; tn < s.last {
				cal.schedule(i, tn)
			}
		}
		if avail != emitted {
			p.Steps = append(p.Steps, Step{Hour: h, AvailableMW: s.mw(avail)})
			emitted = avail
		}
	}
}

// b2i converts a bool to 0 or 1 without a branch.
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
