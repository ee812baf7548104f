package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carveout/carveout/internal/clitest"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	args := []string{"-trials", "20", "-sizes", "2000,0", "-out", dir}
	if code := run(context.Background(), args, &out, &errb); code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errb.String())
	}
	for _, f := range []string{"risk.png", "risk.svg", "risk.pdf"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v, want a non-empty chart", f, err)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "sweep.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// Header, then 2 sites × 2 policies × 2 sizes, sizes sorted within a
	// policy.
	var want [][3]string
	for _, site := range []string{"north", "south"} {
		want = append(want, [3]string{site, "firm", "0"}, [3]string{site, "firm", "2000"}, [3]string{site, "interruptible", "0"}, [3]string{site, "interruptible", "2000"})
	}
	if recs[0][15] != "p_new_shortfall" {
		t.Errorf("sweep.csv column 15 is %q, want p_new_shortfall", recs[0][15])
	}
	if len(recs) != 1+len(want) {
		t.Fatalf("sweep.csv has %d records, want %d:\n%s", len(recs), 1+len(want), b)
	}
	for i, w := range want {
		if got := [3]string{recs[i+1][0], recs[i+1][1], recs[i+1][2]}; got != w {
			t.Errorf("sweep.csv row %d = %v, want %v", i+1, got, w)
		}
		// No carve-out, no effect: exactly zero on the same draws.
		if w[2] == "0" && (recs[i+1][3] != "0" || recs[i+1][7] != "0" || recs[i+1][11] != "0" || recs[i+1][15] != "0") {
			t.Errorf("sweep.csv row %d: a 0 MW carve-out has non-zero risk: %v", i+1, recs[i+1])
		}
	}
	if n := strings.Count(out.String(), " firm "); n != 4 {
		t.Errorf("stdout has %d firm rows, want 4:\n%s", n, out.String())
	}
}

func TestRunErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-nosuchflag"}, 2, ""},
		{[]string{"extra"}, 2, "unexpected"},
		{[]string{"-sizes", "0,-5"}, 1, `"-5"`},
		{[]string{"-sizes", "100,100"}, 1, "twice"},
		{[]string{"-policies", "firm,firm"}, 1, "twice"},
		{[]string{"-policies", "cheap"}, 1, `"cheap"`},
		{[]string{"-trials", "-1"}, 1, "-trials = -1"},
	} {
		var errb bytes.Buffer
		code := run(context.Background(), append(tc.args, "-out", t.TempDir()), io.Discard, &errb)
		if code != tc.code || !strings.Contains(errb.String(), tc.msg) {
			t.Errorf("%q: exit %d, stderr %q; want exit %d mentioning %q", tc.args, code, errb.String(), tc.code, tc.msg)
		}
	}
}

// TestFlags checks the help (one default per flag) and that -trials 0
// means the default, as in every command.
func TestFlags(t *testing.T) {
	var errb bytes.Buffer
	run(context.Background(), []string{"-h"}, io.Discard, &errb)
	clitest.CheckFlagHelp(t, errb.String(), "sizes", "policies", "trials", "seed", "workers", "out")
	sc, err := scenario("", "", 0, 0)
	if err != nil || sc.Trials != defaultTrials {
		t.Errorf("-trials 0: %v, %d trials, want the default %d", err, sc.Trials, defaultTrials)
	}
	if sc, _ := scenario("", "", 33, 0); sc.Trials != 33 || sc.Name != "pakistan-2025" {
		t.Errorf("-trials 33: %d trials, name %q", sc.Trials, sc.Name)
	}
	// Other sizes make another scenario, and its name says so.
	if sc, _ := scenario("0,1000", "", 0, 0); sc.Name != "pakistan-2025 (edited: sweep.sizes_mw)" {
		t.Errorf("-sizes 0,1000: name %q", sc.Name)
	}
}
