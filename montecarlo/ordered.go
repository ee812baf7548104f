package montecarlo

import (
	"errors"
	"fmt"
	"sync"
)

// ErrAborted is the error [Ordered.Reserve] returns once the buffer has
// been aborted ([Ordered.Abort]): the run is being cancelled or has
// failed, and no further record will be emitted.
var ErrAborted = errors.New("montecarlo: ordered records aborted")

// Ordered hands records made by trials to a consumer in trial-index
// order. [Run]'s workers finish trials out of order; a trial that wants
// to pass on a record of its own (a row of a per-trial table, say)
// reserves its slot with [Ordered.Reserve], fills it, and publishes it
// with [Ordered.Commit]. Ordered calls its emit function with each record
// once every record before it has been emitted, so the consumer sees
// records first, first+1, … whatever the number of workers, and the same
// bytes from the same run.
//
// The buffer is bounded: it holds at most the capacity given to
// [Ordered.Start] records, made once by newRecord, and Reserve waits while
// a trial runs that far ahead of the lowest trial not yet committed. This
// cannot deadlock inside [Run]: Run hands out trials in increasing order
// and each worker runs its share in order, so the lowest trial not yet
// committed is always running, never waiting for room; when it commits,
// room frees. A trial that never commits — cancelled, failed or panicked
// — must be followed by [Ordered.Abort], which wakes every waiting trial
// and makes Reserve return [ErrAborted] from then on (a run using Ordered
// registers Abort with context.AfterFunc and calls it when a trial
// fails).
//
// Emit runs under Ordered's lock, on the goroutine of the trial whose
// commit completed the run of records: it is never called concurrently.
// An error from it stops the emitting: Reserve returns it, as does
// [Ordered.Err]. Reserve and Commit do not allocate.
type Ordered[R any] struct {
	mu        sync.Mutex
	room      sync.Cond // signalled when next moves, or on Abort
	newRecord func() R
	emit      func(index int64, r *R) error
	slots     []R
	full      []bool
	next      int64 // index of the next record to emit
	end       int64 // one past the last index that may be reserved
	started   bool
	aborted   bool
	err       error // emit's error
}

// NewOrdered returns an Ordered that makes each slot's record with
// newRecord and passes records, in index order, to emit. Neither may be
// nil. Call [Ordered.Start] before the first Reserve.
func NewOrdered[R any](newRecord func() R, emit func(index int64, r *R) error) (*Ordered[R], error) {
	if newRecord == nil || emit == nil {
		return nil, fmt.Errorf("montecarlo: NewOrdered needs newRecord and emit")
	}
	o := &Ordered[R]{newRecord: newRecord, emit: emit}
	o.room.L = &o.mu
	return o, nil
}

// MaxOrderedCapacity is the most records an [Ordered] holds at once.
const MaxOrderedCapacity = 1 << 20

// Start readies the buffer for records first, first+1, …, end−1, holding
// at most capacity (in [1, MaxOrderedCapacity]) of them; [Experiment.Begin]
// gives first and end. It may be called once, before any Reserve.
func (o *Ordered[R]) Start(first, end int64, capacity int) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	switch {
	case o.started:
		return fmt.Errorf("montecarlo: Ordered started twice")
	case first < 0 || end < first:
		return fmt.Errorf("montecarlo: Ordered range [%d, %d), want 0 <= first <= end", first, end)
	case capacity < 1 || capacity > MaxOrderedCapacity:
		return fmt.Errorf("montecarlo: Ordered capacity = %d, want in [1, %d] (MaxOrderedCapacity)", capacity, MaxOrderedCapacity)
	}
	capacity = int(min(int64(capacity), max(1, end-first)))
	o.slots = make([]R, capacity)
	for i := range o.slots {
		o.slots[i] = o.newRecord()
	}
	o.full = make([]bool, capacity)
	o.next, o.end, o.started = first, end, true
	return nil
}

// Reserve returns the slot of the record of trial index, waiting while
// index is a capacity or more ahead of the next record to emit. The slot
// is the caller's alone until it calls Commit(index); it holds whatever
// the record it last carried held, so the caller sets every field. It
// returns [ErrAborted] once the buffer is aborted, emit's error once it
// has failed, and an error for an index outside the started range or
// reserved twice.
func (o *Ordered[R]) Reserve(index int64) (*R, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.started {
		return nil, fmt.Errorf("montecarlo: Ordered.Reserve(%d) before Start", index)
	}
	if index < o.next || index >= o.end {
		return nil, fmt.Errorf("montecarlo: Ordered.Reserve(%d), want in [%d, %d)", index, o.next, o.end)
	}
	c := int64(len(o.slots))
	for index >= o.next+c && o.err == nil && !o.aborted {
		o.room.Wait()
	}
	switch {
	case o.err != nil:
		return nil, o.err
	case o.aborted:
		return nil, ErrAborted
	}
	k := index % c
	if o.full[k] {
		return nil, fmt.Errorf("montecarlo: Ordered.Reserve(%d): already committed", index)
	}
	return &o.slots[k], nil
}

// Commit publishes the record of trial index, reserved with Reserve and
// filled, and emits every record from the next one on that is now ready.
// A commit after Abort, or after emit failed, is dropped.
func (o *Ordered[R]) Commit(index int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	c := int64(len(o.slots))
	if o.aborted || o.err != nil || c == 0 || index < o.next || index >= o.next+c {
		return
	}
	o.full[index%c] = true
	moved := false
	for o.next < o.end && o.full[o.next%c] {
		k := o.next % c
		if err := o.emit(o.next, &o.slots[k]); err != nil {
			o.err = fmt.Errorf("montecarlo: record of trial %d: %w", o.next, err)
			o.room.Broadcast()
			return
		}
		o.full[k] = false
		o.next++
		moved = true
	}
	if moved {
		o.room.Broadcast()
	}
}

// Abort stops the buffer: waiting and later Reserve calls return
// [ErrAborted], and records not yet emitted never will be. It may be
// called any number of times, from any goroutine.
func (o *Ordered[R]) Abort() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.aborted = true
	o.room.Broadcast()
}

// Next returns the index of the next record to emit: all records before
// it have been emitted.
func (o *Ordered[R]) Next() int64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.next
}

// Err returns emit's error, if it failed.
func (o *Ordered[R]) Err() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.err
}
