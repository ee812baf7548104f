package grid

import "math/bits"

// calendar is the event calendar of one trial: the changes of available
// capacity, filed under the hour instant at which each is first observed.
// For each instant it keeps the net change (in integer capacity units) and
// a bit saying the instant has changes, so the sweep jumps from one
// changed instant to the next in increasing order: a calendar queue
// (R. Brown, "Calendar queues", Comm. ACM 31(10), 1988) whose buckets are
// the hour instants. Filing a change is O(1) and the sweep costs
// O(changed instants + hours/64): cost grows with the number of outages,
// not with hours × units.
//
// Changes observed at the same instant are summed exactly, in integers, so
// their order within the instant cannot matter, and the calendar needs no
// sequence numbers to be deterministic. That is also why the units can be
// simulated one after the other, each drawing its whole year of
// alternating up and down times from its own stream (see [Simulator.Path]):
// units are independent, so no unit's draws depend on another's events.
//
// The textbook design, a heap of pending events ordered by (continuous
// time, insertion sequence) from which the earliest is taken and the
// unit's next change pushed, gives identical paths (calendar_heap_test.go
// keeps it as a reference and checks) but costs O(log n) badly predicted
// comparisons per event, against O(1) here; on the 300-unit benchmark
// fleet (about 7,400 changes per trial-year) it was several times slower
// (BenchmarkTrialYear against the reference in calendar_heap_test.go).
//
// The calendar does not allocate after construction; the sweep leaves it
// empty for the next trial.
type calendar struct {
	delta    []int64  // delta[h]: net change of available capacity first observed at instant h
	occupied []uint64 // bit h: instant h has changes
}

// newCalendar returns an empty calendar over hours instants.
func newCalendar(hours int) calendar {
	return calendar{
		delta:    make([]int64, hours),
		occupied: make([]uint64, (hours+63)/64),
	}
}

// file adds a change of d capacity units at instant h.
func (c *calendar) file(h int, d int64) {
	c.delta[h] += d
	c.occupied[h>>6] |= 1 << (h & 63)
}

// sweep calls f for each instant with changes, in increasing order, with
// the capacity after them, starting from avail, and empties the calendar.
// Instants whose changes cancel are included.
func (c *calendar) sweep(avail int64, f func(h int, avail int64)) {
	for w, word := range c.occupied {
		for word != 0 {
			h := w<<6 | bits.TrailingZeros64(word)
			word &= word - 1
			avail += c.delta[h]
			c.delta[h] = 0
			f(h, avail)
		}
		c.occupied[w] = 0
	}
}
