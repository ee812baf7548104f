// Package misuse runs the API-misuse tests of the library's packages: each
// package calls every exported function and method with bad values (nil,
// empty, NaN, infinite, negative, out of range, mismatched lengths, zero
// values of structs that need a constructor) and checks that each call
// either returns an error, signals the bad value in its result (a NaN),
// or — only where its doc comment says the call is a programming error —
// panics.
package misuse

import (
	"errors"
	"fmt"
	"math"
	"testing"
	"time"
)

// Want is what a misuse case expects of its call.
type Want int

const (
	// Refused: the call returns an error (or a NaN, via [NaN]) and does
	// not panic.
	Refused Want = iota
	// Panics: the call's doc comment says it is a programming error, and
	// it panics.
	Panics
	// Accepted: the value looks odd but is valid; the call returns no
	// error and does not panic.
	Accepted
)

// Case is one call with a bad (or odd) value.
type Case struct {
	// Name says which function is called with which value.
	Name string
	// Want is the expected behaviour.
	Want Want
	// Call makes the call and returns its error, or the error of [NaN]
	// for a call that signals a bad value in its result.
	Call func() error
}

// Refuse is a case whose call must return an error (or a NaN).
func Refuse(name string, call func() error) Case { return Case{Name: name, Want: Refused, Call: call} }

// Panic is a case whose call is a documented programming error and must
// panic.
func Panic(name string, call func() error) Case { return Case{Name: name, Want: Panics, Call: call} }

// Accept is a case whose odd value is valid: the call must succeed.
func Accept(name string, call func() error) Case { return Case{Name: name, Want: Accepted, Call: call} }

// errNaN is what [NaN] returns for a NaN result.
var errNaN = errors.New("result is NaN")

// NaN returns an error when x is NaN, so that a call that signals a bad
// argument by a NaN result counts as refusing it.
func NaN(x float64) error {
	if math.IsNaN(x) {
		return errNaN
	}
	return nil
}

// Counts summarises a table of cases.
type Counts struct {
	// Calls is the number of cases run.
	Calls int
	// Panics counts the undocumented panics.
	Panics int
	// Silent counts the bad values accepted without an error.
	Silent int
	// Hangs counts the calls that did not return within [Timeout].
	Hangs int
	// Other counts the remaining failures: a documented panic that did
	// not happen, or a valid value refused.
	Other int
}

// Check runs the cases, fails t for each one that does not behave as it
// wants, and logs the counts.
func Check(t *testing.T, cases []Case) Counts {
	t.Helper()
	var n Counts
	for _, c := range cases {
		n.Calls++
		panicked, hung, err := call(c.Call)
		switch {
		case hung:
			n.Hangs++
			t.Errorf("%s: no return within %v", c.Name, Timeout)
		case c.Want == Panics && !panicked:
			n.Other++
			t.Errorf("%s: returned %v, want a documented panic", c.Name, err)
		case c.Want == Panics:
		case panicked:
			n.Panics++
			t.Errorf("%s: panic: %v", c.Name, err)
		case c.Want == Refused && err == nil:
			n.Silent++
			t.Errorf("%s: accepted silently, want an error", c.Name)
		case c.Want == Accepted && err != nil:
			n.Other++
			t.Errorf("%s: %v, want it accepted", c.Name, err)
		}
	}
	t.Logf("misuse: %d calls, %d panics, %d accepted silently, %d hangs, %d other", n.Calls, n.Panics, n.Silent, n.Hangs, n.Other)
	return n
}

// Timeout is how long a call may take before it counts as a hang.
var Timeout = 20 * time.Second

// call runs f, turning a panic into an error; after Timeout it gives up
// on f (whose goroutine is left running) and reports a hang.
func call(f func() error) (panicked, hung bool, err error) {
	type result struct {
		err      error
		panicked bool
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{fmt.Errorf("%v", r), true}
			}
		}()
		done <- result{f(), false}
	}()
	select {
	case r := <-done:
		return r.panicked, false, r.err
	case <-time.After(Timeout):
		return false, true, nil
	}
}
