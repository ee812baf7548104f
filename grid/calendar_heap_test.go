package grid

// This file keeps the event calendar as a 4-ary heap ordered by continuous
// time and insertion sequence, the textbook discrete-event design, as a
// reference: TestHeapCalendarSamePaths checks that the production calendar
// queue (calendar.go) gives the same paths, and BenchmarkHeapCalendar
// measures what the heap costs.

import (
	"testing"

	"github.com/carveout/carveout/internal/variate"
	"github.com/carveout/carveout/montecarlo"
)

// event is a pending state change of one unit.
type heapEvent struct {
	t   float64 // time of the change, hours from the start of the year
	tie uint64  // sequence<<unitBits | unit: ties in t go to the earlier insertion
}

// unitBits is the number of low bits of event.tie holding the unit index;
// the remaining 44 bits count insertions (1.7e13 per trial).
const unitBits = 20

// calendarArity is the heap's branching factor. A 4-ary heap halves the
// depth of a binary one, and its four children (16 bytes each) share one
// 64-byte cache line.
const calendarArity = 4

// heapCalendar is the event calendar of one trial as a 4-ary min-heap of pending
// events ordered by (time, sequence number), the sequence number being the
// order of insertion, so simultaneous events are processed in a fixed order
// (the scheme of JensRantil/steps, without container/heap's interface
// boxing). Each unit has at most one pending event, so the heap never holds
// more than the number of units. It is not safe for concurrent use and does
// not allocate once its slice has grown to the fleet size.
type heapCalendar struct {
	ev  []heapEvent
	seq uint64
}

// before reports whether a is ordered before b.
func heapBefore(a, b *heapEvent) bool {
	return a.t < b.t || (a.t == b.t && a.tie < b.tie)
}

// reset empties the calendar and restarts the sequence numbers.
func (c *heapCalendar) reset() {
	c.ev = c.ev[:0]
	c.seq = 0
}

// len returns the number of pending events.
func (c *heapCalendar) len() int { return len(c.ev) }

// next returns the earliest pending event's time and unit. The calendar
// must not be empty.
func (c *heapCalendar) next() (t float64, unit int) {
	e := &c.ev[0]
	return e.t, int(e.tie & (1<<unitBits - 1))
}

// push schedules an event for unit at time t.
func (c *heapCalendar) push(t float64, unit int) {
	e := heapEvent{t: t, tie: c.seq<<unitBits | uint64(unit)}
	c.seq++
	c.ev = append(c.ev, e)
	// Sift up.
	h := c.ev
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / calendarArity
		if !heapBefore(&e, &h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = e
}

// reschedule replaces the earliest event by an event at time t for the same
// unit (the unit's next state change), with a new sequence number. It is
// the whole cost of processing an event: one sift-down.
func (c *heapCalendar) reschedule(t float64) {
	h := c.ev
	unit := h[0].tie & (1<<unitBits - 1)
	e := heapEvent{t: t, tie: c.seq<<unitBits | unit}
	c.seq++
	c.siftDown(e)
}

// pop removes the earliest event.
func (c *heapCalendar) pop() {
	n := len(c.ev) - 1
	last := c.ev[n]
	c.ev = c.ev[:n]
	if n > 0 {
		c.siftDown(last)
	}
}

// siftDown places e, which replaces the root, where it belongs.
func (c *heapCalendar) siftDown(e heapEvent) {
	h := c.ev
	n := len(h)
	i := 0
	for {
		first := calendarArity*i + 1
		if first >= n {
			break
		}
		// The earliest of the (up to four) children.
		m := first
		end := min(first+calendarArity, n)
		for j := first + 1; j < end; j++ {
			if heapBefore(&h[j], &h[m]) {
				m = j
			}
		}
		if !heapBefore(&h[m], &e) {
			break
		}
		h[i] = h[m]
		i = m
	}
	h[i] = e
}

// heapSim is the textbook discrete-event simulator: one generator per
// unit, and events processed in (time, sequence) order from a heap.
type heapSim struct {
	*Simulator
	cal heapCalendar
	pcg []variate.PCG
	up  []bool
}

func newHeapSim(s *Simulator) *heapSim {
	n := len(s.units)
	return &heapSim{Simulator: s, pcg: make([]variate.PCG, n), up: make([]bool, n)}
}

// path draws trial t's path like Simulator.Path, from the same streams,
// but processing events in time order from the heap.
func (s *heapSim) path(t montecarlo.Trial, p *Path) {
	c := &s.cal
	c.reset()
	var avail int64
	for i := range s.units {
		u := &s.units[i]
		s.pcg[i] = variate.NewPCG(u.key.Seed(t.Seed, t.Index))
		s.up[i] = s.pcg[i].Uniform() < u.pUp
		if s.up[i] {
			avail += u.cap
		}
		if first := variate.Exponential(&s.pcg[i]) * u.mean[b2i(s.up[i])]; first < s.last {
			c.push(first, i)
		}
	}
	p.Hours = s.hours
	p.Steps = append(p.Steps[:0], Step{Hour: 0, AvailableMW: s.mw(avail)})
	emitted, hour := avail, 0
	for c.len() > 0 {
		te, i := c.next()
		if h := int(te) + 1; h != hour {
			if avail != emitted {
				p.Steps = append(p.Steps, Step{Hour: hour, AvailableMW: s.mw(avail)})
				emitted = avail
			}
			hour = h
		}
		u := &s.units[i]
		s.up[i] = !s.up[i]
		if s.up[i] {
			avail += u.cap
		} else {
			avail -= u.cap
		}
		if tn := te + variate.Exponential(&s.pcg[i])*u.mean[b2i(s.up[i])]; tn < s.last {
			c.reschedule(tn)
		} else {
			c.pop()
		}
	}
	if avail != emitted {
		p.Steps = append(p.Steps, Step{Hour: hour, AvailableMW: s.mw(avail)})
	}
}

// TestHeapCalendarSamePaths checks that ordering events by continuous time
// on a heap and by instant on the calendar queue give identical paths:
// each unit draws from its own stream, and changes observed at one instant
// are summed, so the order within an instant cannot matter.
func TestHeapCalendarSamePaths(t *testing.T) {
	for _, sys := range []*System{rbts(t), fleet300(t)} {
		sim, err := NewSimulator(sys.Units, len(sys.Load))
		if err != nil {
			t.Fatal(err)
		}
		hs := newHeapSim(sim)
		var p, q Path
		for i := range int64(200) {
			tr := montecarlo.Trial{Seed: 5, Index: i}
			sim.Path(tr, &p)
			hs.path(tr, &q)
			if p.Hours != q.Hours || len(p.Steps) != len(q.Steps) {
				t.Fatalf("%s trial %d: %d steps, heap %d", sys.Name, i, len(p.Steps), len(q.Steps))
			}
			for k := range p.Steps {
				if p.Steps[k] != q.Steps[k] {
					t.Fatalf("%s trial %d step %d: %+v, heap %+v", sys.Name, i, k, p.Steps[k], q.Steps[k])
				}
			}
		}
	}
}

// BenchmarkHeapCalendar is BenchmarkTrialYear's path generation with the
// heap calendar, for comparison with BenchmarkPath.
func BenchmarkHeapCalendar(b *testing.B) {
	for _, sys := range []*System{rbts(b), fleet300(b)} {
		b.Run(sys.Name, func(b *testing.B) {
			sim, err := NewSimulator(sys.Units, len(sys.Load))
			if err != nil {
				b.Fatal(err)
			}
			hs := newHeapSim(sim)
			var p Path
			var i int64
			b.ReportAllocs()
			for b.Loop() {
				hs.path(montecarlo.Trial{Seed: 1, Index: i}, &p)
				i++
			}
			b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "trial-years/s")
		})
	}
}
