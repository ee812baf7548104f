package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/study"
	"github.com/carveout/carveout/testsystems"
)

// rbtsScenarioFile writes RBTS with a 10 MW carve-out of always-running
// miners as a scenario file.
func rbtsScenarioFile(t *testing.T) string {
	t.Helper()
	units, err := grid.ReadUnits(bytes.NewReader(testsystems.RBTSUnitsCSV), "units.csv")
	if err != nil {
		t.Fatal(err)
	}
	load, err := grid.ReadLoad(bytes.NewReader(testsystems.RBTSLoadCSV), "load.csv")
	if err != nil {
		t.Fatal(err)
	}
	sc := study.FromSystem(&grid.System{Name: "rbts", Units: units, Load: load})
	sc.Trials, sc.Seed = 1000, 3
	sc.Carveout.MW, sc.Carveout.MiningShare = 10, 1
	b, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "rbts.json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestHostingFCEExact: -fce -method exact prints the library's exact
// firm capacity equivalent.
func TestHostingFCEExact(t *testing.T) {
	units, load := rbtsFiles(t)
	code, out, errOut := runCLI("hosting", "-fce", "-fce-index", "eue", "-method", "exact", "-units", units, "-load", load,
		"-carveout-mw", "10", "-fce-unit-mw", "5", "-fce-for", "0.05", "-fce-mttr", "50", "-hi", "20", "-tolerance", "0.01")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r struct {
		Method string  `json:"method"`
		FCEMW  float64 `json:"fce_mw"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	sys, err := grid.ReadSystemFiles(units, load)
	if err != nil {
		t.Fatal(err)
	}
	want, err := study.FCECOPT(sys, 10, study.MeasureDeltaEUE, &study.OffsetUnit{MW: 5, FOR: 0.05, MTTRHours: 50}, 0, 20, 0.01)
	if err != nil {
		t.Fatal(err)
	}
	if r.Method != "exact" || r.FCEMW != want || want <= 0 {
		t.Errorf("got %+v, want fce_mw %v", r, want)
	}
}

// TestHostingFCESearch: the Monte Carlo search prints the library's
// result, the same with its rounds sharded.
func TestHostingFCESearch(t *testing.T) {
	sc := rbtsScenarioFile(t)
	args := []string{"hosting", "-fce", "-scenario", sc, "-fce-index", "lole", "-hi", "20", "-points", "5", "-rounds", "2"}
	code, out, errOut := runCLI(args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r study.FCEResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.CarveoutMW != 10 || !(r.LoMW <= r.EstimateMW && r.EstimateMW <= r.HiMW && r.HiMW <= 20) || r.Status == "" || len(r.Rounds) == 0 || r.Trials != 1000 {
		t.Errorf("result %+v", r)
	}
	if !strings.Contains(errOut, "firm capacity equivalent of 10 MW") {
		t.Errorf("stderr %q lacks the summary", errOut)
	}
	code, sharded, errOut := runCLI(append(args, "-shards", "3", "-workers", "2")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var s study.FCEResult
	if err := json.Unmarshal([]byte(sharded), &s); err != nil {
		t.Fatal(err)
	}
	if s.Spec.Shards != 3 {
		t.Errorf("sharded spec %+v", s.Spec)
	}
	s.Spec.Shards = 0
	if !reflect.DeepEqual(s, r) {
		t.Errorf("sharded %+v, unsharded %+v", s, r)
	}
}

// TestHostingFCEErrors: bad usage and bad input exit 2 naming the flag
// or field.
func TestHostingFCEErrors(t *testing.T) {
	sc := rbtsScenarioFile(t)
	units, load := rbtsFiles(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-fce", "-scenario", sc, "-fce-unit-mw", "5", "-fce-for", "1.5", "-fce-mttr", "50"}, "for = 1.5"},
		{[]string{"-fce", "-scenario", sc, "-fce-unit-mw", "5", "-fce-for", "0", "-fce-mttr", "50"}, "for = 0"},
		{[]string{"-fce", "-scenario", sc, "-fce-for", "0.1"}, "-fce-unit-mw"},
		{[]string{"-fce", "-scenario", sc, "-fce-zone", "east"}, "sweep.offset.zone"},
		{[]string{"-fce", "-scenario", sc, "-fce-index", "lolp"}, "-fce-index"},
		{[]string{"-fce", "-scenario", sc, "-criterion", "delta_lole_h<=1"}, "-criterion"},
		{[]string{"-fce", "-scenario", sc, "-hi", "3"}, "hi_mw = 3 MW does not restore"},
		{[]string{"-fce", "-scenario", sc, "-lo", "5", "-hi", "2"}, "hi_mw"},
		{[]string{"-fce", "-method", "exact", "-units", units, "-load", load}, "-carveout-mw"},
		{[]string{"-scenario", sc, "-criterion", "delta_lole_h<=1", "-hi", "40", "-fce-for", "0.1"}, "-fce-for goes with -fce"},
	} {
		code, _, errOut := runCLI(append([]string{"hosting"}, tc.args...)...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%q: exit %d, %q; want 2 and a message naming %q", tc.args, code, errOut, tc.want)
		}
	}
}

// prasCreditFiles writes PRAS's capacity credit test system (see grid's
// TestCapacityCreditPRAS): three 10 MW generators, loads net of variable
// generation, and a fourth generator as the new resource.
func prasCreditFiles(t *testing.T) (units, load, add string) {
	t.Helper()
	dir := t.TempDir()
	units, load, add = filepath.Join(dir, "units.csv"), filepath.Join(dir, "load.csv"), filepath.Join(dir, "new.csv")
	for p, s := range map[string]string{
		units: "name,count,capacity_mw,for,mttr_h\nGen,3,10,0.1,1.111111\n",
		add:   "name,count,capacity_mw,for,mttr_h\nGen4,1,10,0.1,1.111111\n",
		load:  "hour,load_mw\n1,20\n2,22\n3,20\n4,16\n",
	} {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return units, load, add
}

// TestCapacityCredit: the command reproduces PRAS's published brackets
// (EFC in [8, 9] MW, ELCC in [7, 8] MW; PRASCapacityCredits tests, PRAS
// commit fbde94ec49112cf750354545eafcc25cfb6de701) with PRAS's 100,000
// samples, and names bad input.
func TestCapacityCredit(t *testing.T) {
	units, load, add := prasCreditFiles(t)
	code, out, errOut := runCLI("capacity-credit", "-units", units, "-load", load, "-add", add, "-max", "10", "-trials", "100000")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r map[string]grid.CreditResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if e, l := r["efc"], r["elcc"]; e.LoMW != 8 || e.HiMW != 9 || l.LoMW != 7 || l.HiMW != 8 {
		t.Errorf("EFC [%d, %d], ELCC [%d, %d]; PRAS publishes [8, 9] and [7, 8]", e.LoMW, e.HiMW, l.LoMW, l.HiMW)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-units", units, "-load", load, "-add", add}, "max_mw"},
		{[]string{"-units", units, "-load", load, "-add", add, "-max", "3"}, "max_mw = 3"},
		{[]string{"-units", units, "-load", load, "-max", "10"}, "-add"},
		{[]string{"-units", units, "-load", load, "-add", add, "-max", "10", "-metric", "lolp"}, "metric"},
		{[]string{"-units", units, "-load", load, "-add", add, "-max", "10", "-zone", "north"}, "zone"},
		{[]string{"-units", units, "-load", load, "-add", units, "-max", "10"}, "unique"},
		{[]string{"-units", units, "-load", load, "-add", add, "-max", "10", "-method", "lolp"}, "-method"},
	} {
		code, _, errOut := runCLI(append([]string{"capacity-credit", "-trials", "2000"}, tc.args...)...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%q: exit %d, %q; want 2 and a message naming %q", tc.args, code, errOut, tc.want)
		}
	}
}
