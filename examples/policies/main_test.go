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

// The ideal interruptible contract curtails the miners completely before
// anyone else is shed, so on the same draws it leaves exactly the risk of
// the AI load alone, whichever way the miners decide to run.
func TestIdealInterruptibleLeavesOnlyAIRisk(t *testing.T) {
	_, rows, err := compare(context.Background(), io.Discard, config{mw: 2000, miningShare: math.NaN(), trials: 300, workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7 {
		t.Fatalf("%d rows, want 7", len(rows))
	}
	ai := rows[6].r.Risk
	if ai.DeltaEUEMWh.Mean <= 0 {
		t.Fatalf("AI-only ΔEUE = %v: no shortfall in these trials, so the test shows nothing", ai.DeltaEUEMWh.Mean)
	}
	for _, i := range []int{2, 5} { // the ideal rows, economic and always-run miners
		got := rows[i].r.Risk
		// Only the order of floating-point additions differs
		// ((l+ai+m−a)−m against l+ai−a), so allow rounding, not noise.
		if got.PCausesShedding.Mean != ai.PCausesShedding.Mean ||
			got.DeltaLOLEHours.Mean != ai.DeltaLOLEHours.Mean ||
			math.Abs(got.DeltaEUEMWh.Mean-ai.DeltaEUEMWh.Mean) > 1e-9*ai.DeltaEUEMWh.Mean {
			t.Errorf("row %d (%s): %+v, want the AI-only risk %+v", i, rows[i].label, got, ai)
		}
	}
	// Always-running miners under a firm policy add risk beyond the AI load.
	if f := rows[3].r.Risk.DeltaLOLEHours; !(f.Lo > ai.DeltaLOLEHours.Mean) {
		t.Errorf("always-run firm ΔLOLE %+v, want above the AI-only %v", f, ai.DeltaLOLEHours.Mean)
	}
}

func TestRunFlags(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"-trials", "20", "-mw", "1000"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errb.String())
	}
	if !strings.Contains(out.String(), "1000 MW carve-out") || strings.Count(out.String(), "interruptible, ideal") != 2 {
		t.Errorf("unexpected table:\n%s", out.String())
	}
	for _, args := range [][]string{{"-trials", "1"}, {"-nosuchflag"}, {"extra"}} {
		if code := run(context.Background(), args, io.Discard, io.Discard); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
	errb.Reset()
	if code := run(context.Background(), []string{"-trials", "20", "-mining-share", "1.5"}, io.Discard, &errb); code != 2 ||
		!strings.Contains(errb.String(), "-mining-share") {
		t.Errorf("-mining-share 1.5: exit %d, stderr %q; want 2 naming -mining-share", code, errb.String())
	}
	// Energy in MWh, as in every example.
	if s := out.String(); !strings.Contains(s, "ΔEUE MWh/yr") || strings.Contains(s, "GWh") {
		t.Errorf("table not in MWh:\n%s", s)
	}
}

// TestFlags checks the help (one default per flag) and that -trials 0
// means the default, as in every command.
func TestFlags(t *testing.T) {
	var errb bytes.Buffer
	if _, ok := parseFlags([]string{"-h"}, &errb); ok {
		t.Error("-h parsed as a run")
	}
	clitest.CheckFlagHelp(t, errb.String(), "mw", "mining-share", "trials", "seed", "workers")
	for args, want := range map[string]int64{"": defaultTrials, "-trials 0": defaultTrials, "-trials 7": 7} {
		c, ok := parseFlags(strings.Fields(args), io.Discard)
		if !ok || c.trials != want || !math.IsNaN(c.miningShare) {
			t.Errorf("%q: ok %v, trials %d, mining share %v; want %d trials, the scenario's share", args, ok, c.trials, c.miningShare, want)
		}
	}
	if c, ok := parseFlags([]string{"-mining-share", "0.25"}, io.Discard); !ok || c.miningShare != 0.25 {
		t.Errorf("-mining-share 0.25: %v, %v", ok, c.miningShare)
	}
}
