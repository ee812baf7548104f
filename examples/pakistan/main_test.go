package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carveout/carveout/internal/clitest"
	"github.com/carveout/carveout/scenarios"
	"github.com/carveout/carveout/study"
)

// TestRunSmall runs the main job with a few trials and checks its outputs:
// the summary, a report that decodes, and every chart in PNG and SVG.
func TestRunSmall(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"-trials", "150", "-out", dir}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"Chance a year's carve-out adds shedding", "Chance it makes a year without shortfall short", "95% CI", "files written to",
		"P(new shortfall) %",
		"By zone", "By site", "−north", "Risk against the south->north transfer limit", "\n5200       south ",
		"Hosting capacity", "\nsouth  interruptible ", "Energy-limited fuels", "\nbudgets+shock  north ", "Firm capacity equivalent of the 2000 MW carve-out", "\nnorth "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, out.String())
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r study.Report
	if err := json.Unmarshal(b, &r); err != nil || r.Done != 150 || r.Scenario.Name != "pakistan-2025" {
		t.Fatalf("report: %v, done %d, scenario %q", err, r.Done, r.Scenario.Name)
	}
	for _, name := range []string{"risk", "risk-log", "heatmap", "extrahours", "market", "convergence", "corridor"} {
		for _, ext := range []string{".png", ".svg", ".pdf"} {
			if fi, err := os.Stat(filepath.Join(dir, name+ext)); err != nil || fi.Size() == 0 {
				t.Errorf("%s%s: %v", name, ext, err)
			}
		}
	}
	if h, err := os.ReadFile(filepath.Join(dir, "hosting.csv")); err != nil || strings.Count(string(h), "\n") != 1+2*2 {
		t.Errorf("hosting.csv: %v, want a header and 4 rows (2 sites × 2 policies):\n%s", err, h)
	}
	if f, err := os.ReadFile(filepath.Join(dir, "fuel.csv")); err != nil || strings.Count(string(f), "\n") != 1+3*2 || !strings.HasPrefix(string(f), "fuel,site,mw,policy,baseline_lole_h,") {
		t.Errorf("fuel.csv: %v, want a header and 6 rows (3 variants × 2 sites):\n%s", err, f)
	}
	if f, err := os.ReadFile(filepath.Join(dir, "fce.csv")); err != nil || strings.Count(string(f), "\n") != 1+2 || !strings.HasPrefix(string(f), "site,policy,index,carveout_mw,fce_mw,") {
		t.Errorf("fce.csv: %v, want a header and 2 rows (2 sites):\n%s", err, f)
	}
	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{r.Scenario.Hash, `id="sensitivity"`, `id="chart-sensitivity"`, "south→north transfer limit"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	c, err := os.ReadFile(filepath.Join(dir, "corridor.csv"))
	if err != nil || strings.Count(string(c), "\n") != 1+2*6 || !strings.Contains(string(c), ",p_new_shortfall,") {
		t.Errorf("corridor.csv: %v, want a header and 12 rows (6 limits × 2 sites):\n%s", err, c)
	}
	if code := run(context.Background(), []string{"-trials", "x"}, &out, &errb); code != 2 {
		t.Errorf("bad -trials: exit %d, want 2", code)
	}
}

// TestRunSamplesAndTables checks that the main job writes the report's
// tables, and with -samples one row per trial-year of the main run, with
// the zones' columns; a rerun without -samples leaves no samples file of
// the earlier run, nor a temporary file.
func TestRunSamplesAndTables(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"-trials", "120", "-corridor-trials", "-1", "-samples", "-out", dir}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, "samples.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != 121 || !strings.Contains(lines[0], "zone_ke_with_unserved_mwh") {
		t.Fatalf("samples.csv: %d lines, header %q; want a header with the zones and 120 rows", len(lines), lines[0])
	}
	for _, name := range []string{"months.csv", "zones.csv", "zone_months.csv"} {
		c, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || strings.Count(string(c), "\n") < 4 {
			t.Errorf("%s: %v, %d lines", name, err, strings.Count(string(c), "\n"))
		}
	}
	if code := run(context.Background(), []string{"-trials", "20", "-corridor-trials", "-1", "-out", dir}, &out, &errb); code != 0 {
		t.Fatalf("rerun: exit %d: %s", code, errb.String())
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if e.Name() == "samples.csv" || strings.HasPrefix(e.Name(), ".") {
			t.Errorf("after a run without -samples the folder holds %s", e.Name())
		}
	}
}

// TestRunInterrupted checks a run interrupted before any trial is done:
// exit 1 naming the interruption (it used to go on and fail in the charts,
// on the NaN estimates of zero trials).
func TestRunInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var errb bytes.Buffer
	code := run(ctx, []string{"-trials", "150", "-out", t.TempDir()}, io.Discard, &errb)
	if code != 1 || !strings.Contains(errb.String(), context.Canceled.Error()) || strings.Contains(errb.String(), "<nil>") {
		t.Errorf("interrupted run: exit %d, stderr %q; want exit 1 naming %q", code, errb.String(), context.Canceled)
	}
}

// TestFlags checks the flags: one default each in the help, 0 meaning
// the default (the scenario's trial count, as in every command), and
// each bad value refused naming its own flag.
func TestFlags(t *testing.T) {
	var errb bytes.Buffer
	if _, ok := parseFlags([]string{"-h"}, &errb); ok {
		t.Error("-h parsed as a run")
	}
	clitest.CheckFlagHelp(t, errb.String(), "trials", "seed", "out", "workers", "corridor-trials")
	want, err := scenarios.Load("pakistan")
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{nil, {"-trials", "0", "-seed", "0"}} {
		o, ok := parseFlags(args, io.Discard)
		if !ok {
			t.Fatalf("%v refused", args)
		}
		sc, err := o.scenario()
		if err != nil || sc.Trials != want.Trials || sc.Seed != want.Seed {
			t.Errorf("%v: trials %d, seed %d (%v); want the scenario's %d and %d", args, sc.Trials, sc.Seed, err, want.Trials, want.Seed)
		}
	}
	if o, _ := parseFlags([]string{"-trials", "77"}, io.Discard); func() int64 { sc, _ := o.scenario(); return sc.Trials }() != 77 {
		t.Error("-trials 77 not applied")
	}
	for flag, args := range map[string][]string{
		"-trials":          {"-trials", "-3"},
		"-workers":         {"-workers", "-1"},
		"-corridor-trials": {"-corridor-trials", "-2"},
	} {
		var e bytes.Buffer
		if _, ok := parseFlags(args, &e); ok || !strings.Contains(e.String(), flag+" = ") || strings.Count(e.String(), " = ") != 1 {
			t.Errorf("%v: stderr %q, want a refusal naming %s alone", args, e.String(), flag)
		}
	}
}
