package main

import (
	"bytes"
	"context"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/carveout/carveout/internal/clitest"
)

func TestRun(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"-trials", "20000", "-lfu-trials", "2000", "-workers", "2"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d, stderr:\n%s\nstdout:\n%s", code, errb.String(), out.String())
	}
	if n := strings.Count(out.String(), "| yes |"); n != 8 {
		t.Errorf("%d rows within 4 SE, want 8:\n%s", n, out.String())
	}
}

// The exact column reproduces the reference values to the precision they
// are given in (half a unit of their last printed decimal).
func TestExactMatchesReference(t *testing.T) {
	res, err := measure(context.Background(), io.Discard, 100, 100, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	tol := map[string]float64{
		"LOLE": 5e-7, "EUE (EENS)": 5e-5, "LOLP": 5e-7 / 8736,
		"LOLE, LFU σ=5%": 5e-5, "EUE, LFU σ=5%": 5e-3,
	}
	for _, r := range res.rows {
		if math.IsNaN(r.exact) || math.IsNaN(r.ref) {
			continue
		}
		tl, ok := tol[r.index]
		if !ok {
			t.Errorf("%s: no tolerance for a row with exact and reference values", r.index)
			continue
		}
		if d := math.Abs(r.exact - r.ref); d > tl {
			t.Errorf("%s: exact %v, reference %v: differ by %.3g, want <= %.3g", r.index, r.exact, r.ref, d, tl)
		}
	}
}

func TestRunFlags(t *testing.T) {
	for _, args := range [][]string{{"-trials", "1"}, {"-lfu-trials", "-1"}, {"-nosuchflag"}, {"extra"}} {
		if code := run(context.Background(), args, io.Discard, io.Discard); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
	var errb bytes.Buffer
	run(context.Background(), []string{"-h"}, io.Discard, &errb)
	clitest.CheckFlagHelp(t, errb.String(), "trials", "lfu-trials", "seed", "workers")
	// 0 means the default, as in every command; a bad count names its
	// own flag.
	if n, l, ok := trialCounts(0, 0, io.Discard); !ok || n != defaultTrials || l != defaultLFUTrials {
		t.Errorf("trials 0, 0: %d, %d, %v; want the defaults %d, %d", n, l, ok, defaultTrials, defaultLFUTrials)
	}
	if n, l, ok := trialCounts(50, 60, io.Discard); !ok || n != 50 || l != 60 {
		t.Errorf("trials 50, 60: %d, %d, %v", n, l, ok)
	}
	errb.Reset()
	if _, _, ok := trialCounts(100, 1, &errb); ok || !strings.Contains(errb.String(), "-lfu-trials = 1") || strings.Contains(errb.String(), "-trials = 100") {
		t.Errorf("lfu-trials 1: %q, want a refusal naming -lfu-trials alone", errb.String())
	}
}
