package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carveout/carveout/internal/clitest"
	"github.com/carveout/carveout/scenarios"
	"github.com/carveout/carveout/study"
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

// TestEditedScenarioName checks that a report does not call a changed
// built-in scenario by the built-in's name: flags that change it, and a
// dump edited by hand, are named in it; -trials and -seed are not (the
// report records them beside the scenario).
func TestEditedScenarioName(t *testing.T) {
	name := func(args ...string) string {
		t.Helper()
		code, out, e := runCLI(append([]string{"run", "-dump"}, args...)...)
		var d struct {
			Name string `json:"name"`
		}
		if code != 0 || json.Unmarshal([]byte(out), &d) != nil {
			t.Fatalf("%v: exit %d: %s", args, code, e)
		}
		return d.Name
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "pakistan-2025"},
		{[]string{"-trials", "50", "-seed", "4"}, "pakistan-2025"},
		{[]string{"-carveout-mw", "2000"}, "pakistan-2025"}, // the scenario's own size
		{[]string{"-carveout-mw", "3000"}, "pakistan-2025 (edited: carveout.mw)"},
		{[]string{"-carveout-mw", "3000", "-policy", "interruptible"}, "pakistan-2025 (edited: carveout.mw, carveout.policy.kind)"},
		{[]string{"-scenario", "pakistan-copperplate"}, "pakistan-2025-copperplate"},
		{[]string{"-vr", "control-variates"}, "pakistan-2025"}, // the run's method, as trials and seed
	} {
		if got := name(c.args...); got != c.want {
			t.Errorf("%v: name %q, want %q", c.args, got, c.want)
		}
	}
	// A dump edited by hand, keeping its name, is named again when run;
	// the report carries the name.
	_, doc, _ := runCLI("run", "-dump")
	edited := strings.Replace(doc, `"mining_share": 0.5`, `"mining_share": 0.8`, 1)
	if edited == doc {
		t.Fatal("no mining_share of 0.5 in the dump to edit")
	}
	p := filepath.Join(t.TempDir(), "mine.json")
	if err := os.WriteFile(p, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, want := name("-scenario", p), "pakistan-2025 (edited: carveout.mining_share)"; got != want {
		t.Errorf("edited dump: name %q, want %q", got, want)
	}
	code, out, e := runCLI("run", "-scenario", p, "-trials", "20", "-quiet")
	var r study.Report
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil || r.Scenario.Name != "pakistan-2025 (edited: carveout.mining_share)" {
		t.Errorf("report of the edited dump: exit %d (%s), scenario %q", code, e, r.Scenario.Name)
	}
}
