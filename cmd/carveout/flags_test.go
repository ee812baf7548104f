package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/carveout/carveout/internal/clitest"
	"github.com/carveout/carveout/scenarios"
)

// TestFlagHelp checks each command's -h: it exits 0 and describes its
// flags with one default each.
func TestFlagHelp(t *testing.T) {
	for cmd, flags := range map[string][]string{
		"run":      {"scenario", "carveout-mw", "policy", "trials", "seed", "workers", "out", "shard", "checkpoint", "target-rse", "quiet", "dump"},
		"adequacy": {"units", "load", "interfaces", "method", "trials", "seed", "workers", "shard", "lfu", "target-rse"},
		"merge":    {"out"},
	} {
		code, _, help := runCLI(cmd, "-h")
		if code != 0 {
			t.Errorf("%s -h: exit %d", cmd, code)
		}
		clitest.CheckFlagHelp(t, help, flags...)
	}
}

// TestTrialsZeroIsDefault checks that -trials 0 means the default in
// every command, as it does in the examples: the scenario's for run, and
// 10,000 for adequacy; a negative count is refused naming the flag.
func TestTrialsZeroIsDefault(t *testing.T) {
	sc, err := scenarios.Load("pakistan")
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"run", "-dump"}, {"run", "-dump", "-trials", "0"}} {
		code, out, e := runCLI(args...)
		var d struct {
			Trials int64 `json:"trials"`
		}
		if code != 0 || json.Unmarshal([]byte(out), &d) != nil || d.Trials != sc.Trials {
			t.Errorf("%v: exit %d (%s), trials %d, want the scenario's %d", args, code, e, d.Trials, sc.Trials)
		}
	}
	units, load := rbtsFiles(t)
	code, out, e := runCLI("adequacy", "-units", units, "-load", load, "-trials", "0")
	var a struct {
		Trials int64 `json:"trials"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &a) != nil || a.Trials != 10000 {
		t.Errorf("adequacy -trials 0: exit %d (%s), trials %d, want 10000", code, e, a.Trials)
	}
	for _, args := range [][]string{
		{"run", "-dump", "-trials", "-5"},
		{"adequacy", "-units", units, "-load", load, "-trials", "-5"},
		{"adequacy", "-units", units, "-load", load, "-trials", "-5", "-method", "copt"},
	} {
		if code, _, e := runCLI(args...); code != 2 || !strings.Contains(e, "-trials = -5") {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 naming -trials", args, code, e)
		}
	}
}
