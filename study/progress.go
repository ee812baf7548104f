package study

import (
	"fmt"
	"io"
	"math"
	"time"

	"github.com/carveout/carveout/montecarlo"
)

// ProgressLine returns a progress callback for [Study.Run] (pass it to
// montecarlo.WithProgress) that rewrites one line on w — meant for a
// terminal's stderr — with the trials done, the rate, the current
// P(carve-out causes shedding) with its 95% interval, and the time left.
// It writes at most five times a second, and always at the end. Nothing it
// prints enters a result. A nil w writes nothing.
func ProgressLine(w io.Writer) func(montecarlo.Progress[*State]) {
	var last time.Time
	return func(p montecarlo.Progress[*State]) {
		if time.Since(last) < 200*time.Millisecond && p.Done < p.Total {
			return
		}
		last = time.Now()
		if w == nil {
			return
		}
		var e montecarlo.Estimate
		if p.State != nil {
			e = p.State.Main.Causes.Estimate()
		}
		rate := float64(p.Done) / max(p.Elapsed.Seconds(), 1e-9)
		fmt.Fprintf(w, "\r%d/%d trial-years  %.0f/s  P(carve-out causes shedding) %.4f [%.4f, %.4f]  ETA %-6s",
			p.Done, p.Total, rate, e.Mean, e.Lo, e.Hi, progressETA(p.Total-p.Done, rate))
	}
}

// progressETA is the time left for the remaining trials at rate trials a second,
// rounded to the second, or "?" when there is no rate yet (no trial done)
// or the time would not fit a time.Duration. The rate's divisor is floored
// at 1 ns above (Elapsed can be 0 on a coarse clock), so rate is finite; the
// guards keep a NaN or infinite number of nanoseconds out of the
// conversion to time.Duration, whose result is then implementation-defined.
func progressETA(remaining int64, rate float64) string {
	ns := float64(remaining) / rate * float64(time.Second)
	if !(rate > 0 && ns < math.MaxInt64) {
		return "?"
	}
	return time.Duration(ns).Round(time.Second).String()
}
