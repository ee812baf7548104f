package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/testsystems"
)

// rbtsFiles writes the RBTS CSV files into a temporary directory.
func rbtsFiles(t *testing.T) (units, load string) {
	t.Helper()
	dir := t.TempDir()
	units, load = filepath.Join(dir, "units.csv"), filepath.Join(dir, "load.csv")
	if err := os.WriteFile(units, testsystems.RBTSUnitsCSV, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(load, testsystems.RBTSLoadCSV, 0o644); err != nil {
		t.Fatal(err)
	}
	return units, load
}

// carveout runs the command with args and returns its exit status, stdout
// and stderr.
func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestAdequacyWorkers checks the output is byte-identical for 1, 2 and 8
// workers, and that it is one JSON object with the documented fields.
func TestAdequacyWorkers(t *testing.T) {
	units, load := rbtsFiles(t)
	args := []string{"adequacy", "-units", units, "-load", load, "-trials", "2500", "-seed", "7"}
	code, one, stderr := runCLI(append(args, "-workers", "1")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, w := range []string{"2", "8"} {
		if _, got, _ := runCLI(append(args, "-workers", w)...); got != one {
			t.Errorf("-workers %s:\n%s\n-workers 1:\n%s", w, got, one)
		}
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(one), &m); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\n%s", err, one)
	}
	for _, k := range []string{"method", "trials", "seed", "hours", "lole_h", "lole_days", "lolf", "lold_h", "eue_mwh", "neue_ppm", "lolp", "p_any_shortfall"} {
		if _, ok := m[k]; !ok {
			t.Errorf("output lacks %q", k)
		}
	}
	var e struct{ Mean, SE, Lo, Hi *float64 }
	if err := json.Unmarshal(m["eue_mwh"], &e); err != nil || e.Mean == nil || e.SE == nil || e.Lo == nil || e.Hi == nil || *e.SE <= 0 {
		t.Errorf("eue_mwh = %s, want {mean, se > 0, lo, hi}", m["eue_mwh"])
	}
	if string(m["trials"]) != "2500" || string(m["seed"]) != "7" || string(m["hours"]) != "8736" || string(m["method"]) != `"mc"` {
		t.Errorf("header %s %s %s %s", m["method"], m["trials"], m["seed"], m["hours"])
	}
	if strings.Contains(one, "state") || strings.Contains(one, "shard") {
		t.Error("unsharded output carries shard state")
	}
}

// TestAdequacyShards checks that three shards print their part of the run
// (shard envelope and exact state), and that their states merge into the
// unsharded indices byte for byte.
func TestAdequacyShards(t *testing.T) {
	units, load := rbtsFiles(t)
	args := []string{"adequacy", "-units", units, "-load", load, "-trials", "3001", "-seed", "5"}
	code, whole, stderr := runCLI(args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var merged *grid.Tally
	var trials int64
	for i := range 3 {
		code, out, stderr := runCLI(append(args, "-shard", []string{"0/3", "1/3", "2/3"}[i], "-workers", "2")...)
		if code != 0 {
			t.Fatalf("shard %d: exit %d: %s", i, code, stderr)
		}
		s, err := grid.DecodeAdequacyShard(strings.NewReader(out))
		if err != nil {
			t.Fatalf("shard %d: %v", i, err)
		}
		if s.Kind != grid.AdequacyShardKind || s.Index != i || s.Count != 3 || s.Start != trials || s.Trials != 3001 || s.Seed != 5 || s.Done != s.End-s.Start {
			t.Errorf("shard %d: %s %d/%d [%d, %d) done %d of %d (seed %d) after %d trials", i, s.Kind, s.Index, s.Count, s.Start, s.End, s.Done, s.Trials, s.Seed, trials)
		}
		trials += s.Done
		if merged == nil {
			merged = s.State
		} else if err := merged.Merge(s.State); err != nil {
			t.Fatal(err)
		}
	}
	if trials != 3001 {
		t.Errorf("shards ran %d trials, want 3001", trials)
	}
	inner, err := json.Marshal(merged.Indices())
	if err != nil {
		t.Fatal(err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(whole)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(compact.Bytes(), inner[1:len(inner)-1]) {
		t.Errorf("merged shards give\n%s\nunsharded run\n%s", inner, compact.Bytes())
	}
}

// TestAdequacyCOPT checks the exact method's output on RBTS.
func TestAdequacyCOPT(t *testing.T) {
	units, load := rbtsFiles(t)
	code, out, stderr := runCLI("adequacy", "-units", units, "-load", load, "-method", "copt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var r struct {
		Method string
		LOLE   struct{ Mean, SE, Lo, Hi float64 } `json:"lole_h"`
		EUE    struct{ Mean, SE float64 }         `json:"eue_mwh"`
		LOLF   *struct{}                          `json:"lolf"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	// Within 1e-4 relative of the reference, as in grid's own test.
	if r.Method != "copt" || r.LOLE.SE != 0 || r.LOLE.Lo != r.LOLE.Mean ||
		abs(r.LOLE.Mean/testsystems.RBTSLOLE-1) > 1e-4 || abs(r.EUE.Mean/testsystems.RBTSEUE-1) > 1e-4 {
		t.Errorf("copt output %+v", r)
	}
	if r.LOLF != nil {
		t.Error("copt output has lolf, which the table cannot give")
	}
}

func abs(x float64) float64 { return max(x, -x) }

// TestAdequacyExact checks -method exact: on a system without zones it
// prints what -method copt prints, byte for byte; on a zonal system
// (built in code, as the files give none) the exact zonal method, which
// -method copt refuses.
func TestAdequacyExact(t *testing.T) {
	units, load := rbtsFiles(t)
	code, exact, stderr := runCLI("adequacy", "-units", units, "-load", load, "-method", "exact")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, copt, _ := runCLI("adequacy", "-units", units, "-load", load, "-method", "copt"); exact != copt {
		t.Errorf("-method exact:\n%s\n-method copt:\n%s", exact, copt)
	}
	if code, _, stderr := runCLI("adequacy", "-units", units, "-load", load, "-method", "enumerate"); code != 2 || !strings.Contains(stderr, "want mc, copt or exact") {
		t.Errorf("-method enumerate: exit %d, %q", code, stderr)
	}
	// Two zones of one unit each, joined by a line that never fails: in
	// each hour a zone short of its own unit imports the other's surplus.
	sys := &grid.System{
		Units: []grid.Unit{
			{Name: "A", CapacityMW: 100, MTTFHours: 900, MTTRHours: 100, Zone: "a"},
			{Name: "B", CapacityMW: 60, MTTFHours: 400, MTTRHours: 100, Zone: "b"},
		},
		Zones:      []grid.Zone{{Name: "a", Load: []float64{70}}, {Name: "b", Load: []float64{50}}},
		Interfaces: []grid.Interface{{From: "a", To: "b", Elements: []grid.Element{{Name: "line", ForwardMW: 40, BackwardMW: 30}}}},
	}
	r, err := adequacyExact(sys, "exact")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := writeJSON(&out, r); err != nil {
		t.Fatal(err)
	}
	var m struct {
		Method string
		States int `json:"exact_states"`
		Zones  map[string]struct {
			LOLE struct{ Mean, SE float64 } `json:"lole_h"`
		}
		Trials *int64 `json:"trials"`
	}
	if err := json.Unmarshal(out.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	// a is short when A is down (0.1) and imports 10 MW: LOLP 0.1; b is
	// short when B is down and A up (0.18), importing 30 MW of 50, and
	// when both are down (0.02).
	if m.Method != "exact" || m.States != 4 || m.Trials != nil || abs(m.Zones["a"].LOLE.Mean-0.1) > 1e-15 || abs(m.Zones["b"].LOLE.Mean-0.2) > 1e-15 {
		t.Errorf("exact zonal output:\n%s", out.Bytes())
	}
	if _, err := adequacyExact(sys, "copt"); err == nil || !strings.Contains(err.Error(), "AdequacyExact") {
		t.Errorf("copt of a zonal system: err = %v", err)
	}
}

// TestAdequacyErrors checks bad files and flags give exit status 2 and a
// one-line message naming file, line and column.
func TestAdequacyErrors(t *testing.T) {
	units, load := rbtsFiles(t)
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	badUnits := write("bad_units.csv", "name,capacity_mw,mttf_h,mttr_h\na,10,100,10\nb,20,abc,10\n")
	badLoad := write("bad_load.csv", "hour,load_mw\n1,100\n2,100,7\n")
	for _, c := range []struct {
		name string
		args []string
		want []string
	}{
		{"bad units", []string{"adequacy", "-units", badUnits, "-load", load}, []string{"bad_units.csv line 3, column 3 (mttf_h)", `mttf_h = "abc", want a decimal number`}},
		{"bad load", []string{"adequacy", "-units", units, "-load", badLoad}, []string{"bad_load.csv line 3", "number of fields"}},
		{"missing file", []string{"adequacy", "-units", filepath.Join(dir, "none.csv"), "-load", load}, []string{"none.csv"}},
		{"no files", []string{"adequacy"}, []string{"-units and -load are required"}},
		{"bad method", []string{"adequacy", "-units", units, "-load", load, "-method", "x"}, []string{`-method = "x"`}},
		{"bad shard", []string{"adequacy", "-units", units, "-load", load, "-shard", "3/3"}, []string{`-shard = "3/3"`}},
		{"bad trials", []string{"adequacy", "-units", units, "-load", load, "-trials", "-1"}, []string{"-trials = -1"}},
		{"unknown flag", []string{"adequacy", "-nope"}, []string{"-nope"}},
		{"unknown command", []string{"frobnicate"}, []string{`unknown command "frobnicate"`}},
		{"no command", nil, []string{"usage"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, stderr := runCLI(c.args...)
			if code != 2 {
				t.Errorf("exit status %d, want 2 (stderr %q)", code, stderr)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q lacks %q", stderr, w)
				}
			}
			if (c.name == "bad units" || c.name == "bad load") && strings.Contains(strings.TrimSpace(stderr), "\n") {
				t.Errorf("error is not one line: %q", stderr)
			}
		})
	}
}

// TestAdequacyLFU checks -lfu: the exact COPT integral reproduces the RBTS
// table (σ = 5%: 1.4408 h/yr, 13.83 MWh/yr), and a bad σ is refused.
func TestAdequacyLFU(t *testing.T) {
	units, load := rbtsFiles(t)
	code, out, errOut := runCLI("adequacy", "-units", units, "-load", load, "-method", "copt", "-lfu", "0.05")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	lole := r["lole_h"].(map[string]any)["mean"].(float64)
	eue := r["eue_mwh"].(map[string]any)["mean"].(float64)
	if abs(lole-1.4408) > 1e-4*1.4408 || abs(eue-13.83) > 0.005 {
		t.Errorf("copt with LFU 5%%: LOLE %v, EUE %v; want 1.4408, 13.83", lole, eue)
	}
	if code, _, errOut := runCLI("adequacy", "-units", units, "-load", load, "-lfu", "-0.1"); code != 2 || !strings.Contains(errOut, "lfu_sigma") {
		t.Errorf("-lfu -0.1: exit %d, %q", code, errOut)
	}
}

// TestAdequacyShardsMerge checks that `carveout merge` combines adequacy
// shards into exactly the unsharded output, and refuses a missing shard.
func TestAdequacyShardsMerge(t *testing.T) {
	units, load := rbtsFiles(t)
	args := []string{"adequacy", "-units", units, "-load", load, "-trials", "3000", "-seed", "9"}
	code, ref, e := runCLI(args...)
	if code != 0 {
		t.Fatal(e)
	}
	dir := t.TempDir()
	var files []string
	for i := 2; i >= 0; i-- {
		code, out, e := runCLI(append(args, "-shard", fmt.Sprintf("%d/3", i))...)
		if code != 0 {
			t.Fatal(e)
		}
		f := filepath.Join(dir, fmt.Sprintf("a%d.json", i))
		if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	code, merged, e := runCLI(append([]string{"merge"}, files...)...)
	if code != 0 || merged != ref {
		t.Fatalf("merge: exit %d (%s); identical to the unsharded run: %v", code, e, merged == ref)
	}
	if code, _, e := runCLI("merge", files[0], files[1]); code != 2 || !strings.Contains(e, "missing") {
		t.Fatalf("merge without shard 0: exit %d, %q", code, e)
	}
	// Adequacy shards merge into stdout only: -out is refused, not ignored.
	if code, _, e := runCLI(append(append([]string{"merge"}, files...), "-out", filepath.Join(dir, "o"))...); code != 2 || !strings.Contains(e, "-out") {
		t.Fatalf("merge of adequacy shards with -out: exit %d, %q", code, e)
	}
}

// TestMergeAdequacyShardTrailingData checks that an adequacy shard with
// trailing data is refused as an adequacy shard (exit 2), naming the
// trailing data, not decoded as a study shard and refused for its kind.
func TestMergeAdequacyShardTrailingData(t *testing.T) {
	units, load := rbtsFiles(t)
	code, shard, e := runCLI("adequacy", "-units", units, "-load", load, "-trials", "200", "-shard", "0/1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, e)
	}
	p := filepath.Join(t.TempDir(), "shard-0.json")
	if err := os.WriteFile(p, []byte(shard+"{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, e := runCLI("merge", p)
	if code != 2 || out != "" || !strings.Contains(e, "adequacy shard") || strings.Contains(e, "study") {
		t.Fatalf("exit %d, %d bytes of stdout, stderr %q; want exit 2 from the adequacy shard decoder", code, len(out), e)
	}
}

// TestAdequacyCOPTTooLargeIsInputError: a fleet whose capacities need a
// table of more than grid.MaxCOPTStates states is bad input (exit 2, the
// message says to round the capacities), not a runtime failure.
func TestAdequacyCOPTTooLargeIsInputError(t *testing.T) {
	dir := t.TempDir()
	units := filepath.Join(dir, "units.csv")
	load := filepath.Join(dir, "load.csv")
	if err := os.WriteFile(units, []byte("name,capacity_mw,mttf_h,mttr_h\nA,41943.05,1000,10\nB,0.01,1000,10\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(load, []byte("hour,load_mw\n0,100\n1,200\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI("adequacy", "-units", units, "-load", load, "-method", "copt")
	if code != 2 || !strings.Contains(errOut, "round the capacities") {
		t.Fatalf("exit %d, %q; want 2 and advice to round the capacities", code, errOut)
	}
}

// TestAdequacyVR checks -vr is: the output is the same bytes for 1 and 2
// workers, its method is mc-is with a variance_reduction member (method,
// ESS, factors), stderr states the method, ESS and factors, and bad
// combinations are usage errors that name the flag.
func TestAdequacyVR(t *testing.T) {
	units, load := rbtsFiles(t)
	args := []string{"adequacy", "-units", units, "-load", load, "-trials", "3000", "-seed", "3", "-vr", "is"}
	code, one, stderr := runCLI(append(args, "-workers", "1")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, two, _ := runCLI(append(args, "-workers", "2")...); two != one {
		t.Errorf("-workers 2 differs from -workers 1")
	}
	var m struct {
		Method string `json:"method"`
		VR     struct {
			Method     string  `json:"method"`
			ESS        float64 `json:"ess"`
			Reductions []struct {
				Index  string  `json:"index"`
				Factor float64 `json:"factor"`
			} `json:"reductions"`
		} `json:"variance_reduction"`
	}
	if err := json.Unmarshal([]byte(one), &m); err != nil {
		t.Fatal(err)
	}
	if m.Method != grid.MethodIS || m.VR.Method != grid.ISCrossEntropy || !(m.VR.ESS > 0 && m.VR.ESS <= 3000) || len(m.VR.Reductions) != 4 || m.VR.Reductions[0].Index != "lole_h" || !(m.VR.Reductions[0].Factor > 0) {
		t.Errorf("output %+v, want method mc-is and a variance_reduction with ESS in (0, 3000] and four factors", m)
	}
	for _, w := range []string{"variance reduction: importance-sampling/cross-entropy", "ESS", "lole_h"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-vr", "cv"}, `-vr = "cv"`},
		{[]string{"-vr", "is", "-method", "copt"}, "-vr is needs -method mc"},
	} {
		code, out, stderr := runCLI(append([]string{"adequacy", "-units", units, "-load", load}, c.args...)...)
		if code != 2 || out != "" || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 2, nothing, %q", c.args, code, out, stderr, c.want)
		}
	}
}
