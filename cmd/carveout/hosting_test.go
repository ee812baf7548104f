package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/study"
)

// TestHostingExact: -method exact prints the COPT bisection's answer,
// which the library gives too.
func TestHostingExact(t *testing.T) {
	units, load := rbtsFiles(t)
	code, out, errOut := runCLI("hosting", "-method", "exact", "-units", units, "-load", load, "-criterion", "delta_lole_h<=0.5", "-hi", "100", "-tolerance", "0.01")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r struct {
		Method    string  `json:"method"`
		HostingMW float64 `json:"hosting_mw"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	sys, err := grid.ReadSystemFiles(units, load)
	if err != nil {
		t.Fatal(err)
	}
	want, err := study.HostingCOPT(sys, []study.Criterion{{Measure: study.MeasureDeltaLOLE, Max: 0.5}}, 0, 100, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	if r.Method != "exact" || r.HostingMW != want || want <= 0 {
		t.Errorf("got %+v, want hosting_mw %v", r, want)
	}
}

// TestHostingSearch runs the Monte Carlo search on the zonal Pakistan
// scenario with few trials: a JSON result with a bracket around the
// estimate, at the site asked for.
func TestHostingSearch(t *testing.T) {
	code, out, errOut := runCLI("hosting", "-scenario", smallScenario(t), "-trials", "300", "-criterion", "delta_lole_h<=0.2", "-site", "south", "-hi", "6000", "-points", "5", "-rounds", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r study.HostingResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Spec.Site != "south" || !(r.LoMW <= r.EstimateMW && r.EstimateMW <= r.HiMW) || r.Status == "" || len(r.Rounds) == 0 || r.Trials != 300 {
		t.Errorf("result %+v", r)
	}
	if !strings.Contains(errOut, "MW, between") {
		t.Errorf("stderr %q lacks the summary", errOut)
	}
}

// TestHostingErrors: bad usage and bad input exit 2 with a message.
func TestHostingErrors(t *testing.T) {
	units, load := rbtsFiles(t)
	sc := smallScenario(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-criterion", "delta_lole_h=1", "-hi", "10"}, "MEASURE<=MAX"},
		{[]string{"-criterion", "delta_lole_h<=x", "-hi", "10"}, "not a number"},
		{[]string{"-hi", "10", "-scenario", sc}, "criteria"},
		{[]string{"-criterion", "delta_lole_h<=1", "-scenario", sc}, "hi_mw"},
		{[]string{"-criterion", "delta_lole_h<=1", "-criterion", "delta_lole_h<=2", "-hi", "10", "-scenario", sc}, "conflict"},
		{[]string{"-criterion", "delta_lole_h<=1", "-hi", "10", "-scenario", sc, "-site", "west"}, "west"},
		{[]string{"-criterion", "delta_lole_h<=1", "-hi", "10", "-method", "exact"}, "-units and -load"},
		{[]string{"-criterion", "p_causes_shedding<=0.1", "-hi", "10", "-method", "exact", "-units", units, "-load", load}, "no exact value"},
		{[]string{"-criterion", "delta_lole_h<=1", "-hi", "10", "-units", units}, "-method exact"},
		{[]string{"-criterion", "delta_lole_h<=1", "-hi", "10", "-method", "copt"}, "want mc or exact"},
	} {
		code, out, errOut := runCLI(append([]string{"hosting"}, tc.args...)...)
		if code != 2 || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("hosting %q: exit %d, stdout %q, stderr %q; want exit 2 naming %q", tc.args, code, out, errOut, tc.want)
		}
	}
}
