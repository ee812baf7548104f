package mining

import (
	"fmt"
	"math"
	"strconv"

	"github.com/carveout/carveout/input"
)

// bound is one range check of a model's field: the value at path (relative
// to the [Model], e.g. "fleet.j_per_th") must be finite and lie in
// [lo, hi], or in (lo, hi] when open is set.
type bound struct {
	path   string
	v      float64
	lo, hi float64
	open   bool
}

// check returns a [*input.FieldError] naming b's path unless b holds.
func (b bound) check() error {
	ok := !math.IsNaN(b.v) && !math.IsInf(b.v, 0) && b.v <= b.hi
	if b.open {
		ok = ok && b.v > b.lo
	} else {
		ok = ok && b.v >= b.lo
	}
	if ok {
		return nil
	}
	var want string
	switch {
	case math.IsInf(b.hi, 1) && b.open:
		want = fmt.Sprintf("> %v", b.lo)
	case math.IsInf(b.hi, 1):
		want = fmt.Sprintf(">= %v", b.lo)
	case b.open:
		want = fmt.Sprintf("in (%v, %v]", b.lo, b.hi)
	default:
		want = fmt.Sprintf("in [%v, %v]", b.lo, b.hi)
	}
	return input.Field(b.path, b.v, want)
}

// checkBounds returns the error of the first bound that does not hold.
func checkBounds(bs []bound) error {
	for _, b := range bs {
		if err := b.check(); err != nil {
			return err
		}
	}
	return nil
}

// checkProfile checks a by-hour profile: n values (or none, if empty is
// allowed), each within lo and hi as for [bound].
func checkProfile(path string, vs []float64, emptyOK bool, lo, hi float64, open bool) error {
	if n := len(vs); n != 24 && !(n == 0 && emptyOK) {
		want := "24 values"
		if emptyOK {
			want = "0 or 24 values"
		}
		return input.Field(path, fmt.Sprintf("%d values", n), want)
	}
	for h, v := range vs {
		if err := (bound{path: fmt.Sprintf("%s[%d]", path, h), v: v, lo: lo, hi: hi, open: open}).check(); err != nil {
			return err
		}
	}
	return nil
}

// quote renders a string value in an error message.
func quote(s string) string { return strconv.Quote(s) }
