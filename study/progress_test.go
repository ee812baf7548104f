package study

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/carveout/carveout/montecarlo"
)

// TestProgressLineWithoutRate feeds ProgressLine the calls that have no
// rate to divide by: nothing done yet, and work done at Elapsed = 0 (a
// coarse clock). Each must print a finite rate and no ETA from a NaN or
// infinite duration (on amd64 that conversion gives the minimum
// time.Duration, printed as -2562047h47m16.854775808s). The empty
// accumulator's estimate is NaN, as it should be: no trial, no estimate.
func TestProgressLineWithoutRate(t *testing.T) {
	for _, tc := range []struct {
		p    montecarlo.Progress[*State]
		want string
	}{
		{montecarlo.Progress[*State]{Done: 0, Total: 100, Elapsed: 0}, "0/100 trial-years  0/s  "},
		{montecarlo.Progress[*State]{Done: 0, Total: 100, Elapsed: time.Second}, "0/100 trial-years  0/s  "},
		{montecarlo.Progress[*State]{Done: 100, Total: 100, Elapsed: 0}, "100/100 trial-years  100000000000/s  "},
	} {
		var b bytes.Buffer
		tc.p.State = &State{}
		ProgressLine(&b)(tc.p)
		out := b.String()
		if !strings.Contains(out, tc.want) {
			t.Errorf("%+v: %q lacks %q", tc.p, out, tc.want)
		}
		wantETA := "ETA ?"
		if tc.p.Done == tc.p.Total {
			wantETA = "ETA 0s"
		}
		if !strings.HasSuffix(strings.TrimRight(out, " "), wantETA) {
			t.Errorf("%+v: %q, want it to end with %q", tc.p, out, wantETA)
		}
	}
}

// TestProgressETA checks the time left at a known rate, and "?" where no
// time.Duration can hold it.
func TestProgressETA(t *testing.T) {
	for _, tc := range []struct {
		remaining int64
		rate      float64
		want      string
	}{
		{90, 1, "1m30s"},
		{0, 5, "0s"},
		{10, 0, "?"},
		{montecarlo.MaxTrials, 1e-3, "?"}, // 10^15 s: beyond time.Duration's 292 years
	} {
		if got := progressETA(tc.remaining, tc.rate); got != tc.want {
			t.Errorf("progressETA(%d, %v) = %q, want %q", tc.remaining, tc.rate, got, tc.want)
		}
	}
}
