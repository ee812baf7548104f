package grid

import (
	"fmt"
	"io"
	"time"

	"github.com/carveout/carveout/montecarlo"
)

// ProgressLine returns a progress callback for [Study.Run] (pass it to
// montecarlo.WithProgress) that rewrites one line on w — meant for a
// terminal's stderr — with the trials done, the rate, the current
// P(carve-out causes shedding) with its 95% interval, and the time left.
// It writes at most five times a second, and always at the end. Nothing it
// prints enters a result.
func ProgressLine(w io.Writer) func(montecarlo.Progress) {
	var last time.Time
	return func(p montecarlo.Progress) {
		if time.Since(last) < 200*time.Millisecond && p.Done < p.Total {
			return
		}
		last = time.Now()
		acc, ok := p.State.(*StudyAcc)
		if !ok {
			return
		}
		e := acc.Main.Causes.Estimate()
		rate := float64(p.Done) / p.Elapsed.Seconds()
		eta := time.Duration(float64(p.Total-p.Done) / rate * float64(time.Second))
		fmt.Fprintf(w, "\r%d/%d trial-years  %.0f/s  P(carve-out causes shedding) %.4f [%.4f, %.4f]  ETA %-6v",
			p.Done, p.Total, rate, e.Mean, e.Lo, e.Hi, eta.Round(time.Second))
	}
}
