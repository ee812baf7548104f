package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/carveout/carveout/internal/clitest"
	"github.com/carveout/carveout/study"
)

// With no files the program runs RBTS; the scenario it writes decodes
// strictly, and the estimated ΔLOLE agrees with the exact COPT value
// within 4 SE.
func TestRunRBTS(t *testing.T) {
	jsonPath := filepath.Join(t.TempDir(), "grid.json")
	var out, errb bytes.Buffer
	args := []string{"-trials", "3000", "-workers", "2", "-json", jsonPath}
	if code := run(context.Background(), args, &out, &errb); code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errb.String())
	}
	s := out.String()
	if !strings.Contains(s, `Grid "rbts": 11 units, 240.0 MW installed`) || !strings.Contains(s, "9.3 MW of always-running") {
		t.Errorf("unexpected description:\n%s", s)
	}
	// Energy in MWh, as in every example; both measures of the risk.
	if !strings.Contains(s, "8736 hours, 992,968 MWh") || strings.Contains(s, "GWh") ||
		!strings.Contains(s, "P(new shortfall) (%)") || !strings.Contains(s, "P(carve-out causes shedding) (%)") {
		t.Errorf("output lacks the year's energy in MWh or a measure:\n%s", s)
	}
	m := regexp.MustCompile(`the estimate is ([+-][0-9.]+) SE from it`).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no exact check in output:\n%s", s)
	}
	if z, err := strconv.ParseFloat(m[1], 64); err != nil || z < -4 || z > 4 {
		t.Errorf("ΔLOLE is %s SE from the exact value, want within 4", m[1])
	}
	f, err := os.Open(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc, err := study.DecodeScenario(f)
	if err != nil {
		t.Fatalf("written scenario does not decode: %v", err)
	}
	if sc.Hours != 8736 || len(sc.Fleet) != 6 || sc.Carveout.MW != 9.3 || sc.Carveout.MiningShare != 1 {
		t.Errorf("decoded scenario: hours %d, %d fleet rows, carve-out %v MW, mining share %v; want 8736, 6, 9.3, 1",
			sc.Hours, len(sc.Fleet), sc.Carveout.MW, sc.Carveout.MiningShare)
	}
}

func TestRunUserFiles(t *testing.T) {
	dir := t.TempDir()
	units := filepath.Join(dir, "units.csv")
	load := filepath.Join(dir, "load.csv")
	write := func(p, s string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(units, "name,count,capacity_mw,mttf_h,mttr_h\nbig,3,100,1000,50\nsmall,4,25,500,20\n")
	var b strings.Builder
	b.WriteString("hour,load_mw\n")
	for h := range 48 {
		b.WriteString(strconv.Itoa(h+1) + "," + strconv.Itoa(250+10*(h%24)) + "\n")
	}
	write(load, b.String())
	var out, errb bytes.Buffer
	args := []string{"-units", units, "-load", load, "-carveout-mw", "40", "-policy", "interruptible", "-lfu", "0.05", "-trials", "200"}
	if code := run(context.Background(), args, &out, &errb); code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errb.String())
	}
	if s := out.String(); !strings.Contains(s, `Grid "my-grid": 7 units, 400.0 MW installed`) ||
		!strings.Contains(s, "40.0 MW") || !strings.Contains(s, "interruptible policy") {
		t.Errorf("unexpected output:\n%s", s)
	}

	// A bad value is reported with its file, line and column.
	write(units, "name,count,capacity_mw,mttf_h,mttr_h\nbig,3,100,1000,-50\n")
	errb.Reset()
	if code := run(context.Background(), []string{"-units", units, "-load", load}, io.Discard, &errb); code != 1 ||
		!strings.Contains(errb.String(), "units.csv") || !strings.Contains(errb.String(), "mttr_h") {
		t.Errorf("bad mttr_h: exit %d, stderr %q; want 1 naming the file and column", code, errb.String())
	}

	// A zonal grid is refused, pointing to carveout adequacy.
	write(units, "name,zone,capacity_mw,mttf_h,mttr_h\na,n,100,1000,50\nb,s,100,1000,50\n")
	write(load, "hour,load_mw_n,load_mw_s\n1,50,50\n")
	errb.Reset()
	if code := run(context.Background(), []string{"-units", units, "-load", load}, io.Discard, &errb); code != 1 ||
		!strings.Contains(errb.String(), "zonal load") || !strings.Contains(errb.String(), "carveout adequacy -interfaces") {
		t.Errorf("zonal grid: exit %d, stderr %q; want 1 and the command that assesses it", code, errb.String())
	}
}

func TestRunFlags(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.csv")
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"-units", "u.csv"}, 2},
		{[]string{"-trials", "1"}, 2},
		{[]string{"-nosuchflag"}, 2},
		{[]string{"extra"}, 2},
		{[]string{"-units", missing, "-load", missing}, 1},
		{[]string{"-policy", "cheap", "-trials", "10"}, 1},
		{[]string{"-carveout-mw", "-3", "-trials", "10"}, 1},
		{[]string{"-lfu", "NaN", "-trials", "10"}, 1},
	} {
		if code := run(context.Background(), tc.args, io.Discard, io.Discard); code != tc.code {
			t.Errorf("%q: exit %d, want %d", tc.args, code, tc.code)
		}
	}
}

// TestFlags checks the help (one default per flag) and that -trials 0
// means the default, as in every command.
func TestFlags(t *testing.T) {
	var errb bytes.Buffer
	if _, ok := parseFlags([]string{"-h"}, &errb); ok {
		t.Error("-h parsed as a run")
	}
	clitest.CheckFlagHelp(t, errb.String(), "units", "load", "carveout-mw", "policy", "lfu", "trials", "seed", "workers", "json")
	for args, want := range map[string]int64{"": defaultTrials, "-trials 0": defaultTrials, "-trials 5": 5} {
		c, ok := parseFlags(strings.Fields(args), io.Discard)
		if !ok || c.trials != want || c.seed != 1 {
			t.Errorf("%q: ok %v, trials %d, seed %d; want %d trials, seed 1", args, ok, c.trials, c.seed, want)
		}
	}
	var e bytes.Buffer
	if _, ok := parseFlags([]string{"-trials", "-4"}, &e); ok || !strings.Contains(e.String(), "-trials = -4") {
		t.Errorf("-trials -4: %q, want a refusal naming -trials", e.String())
	}
}
