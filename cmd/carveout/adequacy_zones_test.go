package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/carveout/carveout/testsystems"
)

// zonalRBTS writes RBTS as two zones, its two buses: the thermal units
// (bus 1, 110 MW) in zone "thermal", the hydro units (bus 2, 130 MW) in
// zone "hydro", the load split 55% and 45% in that order of columns;
// interfaces holds the interfaces file (none when empty). It also writes
// the copper plate of the same units (no zone column) and the hourly sum
// of the zone loads as read, so that the two systems' loads agree to the
// bit. It returns the paths of the zonal units, load and interfaces files
// and of the copper plate's units and load.
func zonalRBTS(t *testing.T, interfaces string) (units, load, ifaces, copperUnits, copperLoad string) {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(testsystems.RBTSUnitsCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var zoned, copper strings.Builder
	for i, r := range recs {
		zone := "zone"
		if i > 0 {
			zone = "hydro"
			if strings.Contains(r[0], "thermal") {
				zone = "thermal"
			}
		}
		fmt.Fprintf(&zoned, "%s,%s\n", strings.Join(r, ","), zone)
		fmt.Fprintf(&copper, "%s\n", strings.Join(r, ","))
	}
	recs, err = csv.NewReader(bytes.NewReader(testsystems.RBTSLoadCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var zl, cl strings.Builder
	zl.WriteString("hour,load_mw_thermal,load_mw_hydro\n")
	cl.WriteString("hour,load_mw\n")
	num := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	for _, r := range recs[1:] {
		x, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		a, b := 0.55*x, 0.45*x
		fmt.Fprintf(&zl, "%s,%s,%s\n", r[0], num(a), num(b))
		fmt.Fprintf(&cl, "%s,%s\n", r[0], num(a+b))
	}
	dir := t.TempDir()
	write := func(name, s string) string {
		if s == "" {
			return ""
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	return write("units.csv", zoned.String()), write("load.csv", zl.String()), write("interfaces.csv", interfaces),
		write("copper_units.csv", copper.String()), write("copper_load.csv", cl.String())
}

// adequacyJSON runs carveout adequacy with args and decodes its output's
// members, failing the test on a non-zero exit.
func adequacyJSON(t *testing.T, args ...string) (map[string]json.RawMessage, string, string) {
	t.Helper()
	code, out, errOut := runCLI(append([]string{"adequacy"}, args...)...)
	if code != 0 {
		t.Fatalf("carveout adequacy %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	return m, out, errOut
}

// estimate decodes an index of the output.
func estimate(t *testing.T, raw json.RawMessage) struct{ Mean, SE float64 } {
	t.Helper()
	var e struct{ Mean, SE float64 }
	if err := json.Unmarshal(raw, &e); err != nil {
		t.Fatal(err)
	}
	return e
}

// TestAdequacyZonalNonBinding runs two-zone RBTS whose interfaces never
// bind (a 300 MW element that never fails, with failing elements beside
// it) through carveout adequacy and checks that its system indices are
// the copper plate's of the same units and summed load with the same
// seed: LOLE, LOLE in days, LOLF, LOLP and P(any shortfall) to the bit,
// EUE to 1e-12 relative. Its per-zone indices are printed under "zones",
// and on stderr; its output does not depend on the workers, and its
// shards merge into it byte for byte.
func TestAdequacyZonalNonBinding(t *testing.T) {
	ifaces := "from,to,name,count,capacity_mw,capacity_forward_mw,capacity_backward_mw,mttf_h,for,mttr_h\n" +
		"thermal,hydro,firm,1,300,,,,,\n" +
		"hydro,thermal,,2,,50,40.5,500,,20\n" +
		"thermal,hydro,weak,1,,10,10,,0.1,30\n"
	units, load, ifs, cu, cl := zonalRBTS(t, ifaces)
	common := []string{"-trials", "3000", "-seed", "11"}
	zonal, zout, zerr := adequacyJSON(t, append([]string{"-units", units, "-load", load, "-interfaces", ifs, "-workers", "2"}, common...)...)
	copper, _, _ := adequacyJSON(t, append([]string{"-units", cu, "-load", cl}, common...)...)
	for _, k := range []string{"lole_h", "lole_days", "lolf", "lold_h", "lolp", "p_any_shortfall", "trials", "seed", "hours"} {
		if !bytes.Equal(zonal[k], copper[k]) {
			t.Errorf("%s: zonal %s, copper plate %s", k, zonal[k], copper[k])
		}
	}
	ze, ce := estimate(t, zonal["eue_mwh"]), estimate(t, copper["eue_mwh"])
	if ce.Mean == 0 || abs(ze.Mean-ce.Mean) > 1e-12*ce.Mean {
		t.Errorf("EUE: zonal %v, copper plate %v", ze.Mean, ce.Mean)
	}
	if lole := estimate(t, copper["lole_h"]); lole.Mean == 0 {
		t.Error("the copper plate has no shortfall: the test compares nothing")
	}
	var zones map[string]map[string]json.RawMessage
	if err := json.Unmarshal(zonal["zones"], &zones); err != nil || len(zones) != 2 || zones["thermal"]["lole_h"] == nil || zones["hydro"]["eue_mwh"] == nil {
		t.Errorf("zones = %s (%v), want the indices of thermal and hydro", zonal["zones"], err)
	}
	if _, ok := copper["zones"]; ok {
		t.Error("the copper plate's output has zones")
	}
	for _, w := range []string{"  system:", "  zone thermal:", "  zone hydro:", "LOLE ", " h/yr"} {
		if !strings.Contains(zerr, w) {
			t.Errorf("stderr %q lacks %q", zerr, w)
		}
	}
	// The same bytes with one worker, and from merged shards.
	_, one, _ := adequacyJSON(t, append([]string{"-units", units, "-load", load, "-interfaces", ifs, "-workers", "1"}, common...)...)
	if one != zout {
		t.Error("the zonal output depends on -workers")
	}
	dir := t.TempDir()
	var files []string
	for i := range 2 {
		_, s, _ := adequacyJSON(t, append([]string{"-units", units, "-load", load, "-interfaces", ifs, "-shard", fmt.Sprintf("%d/2", i)}, common...)...)
		f := filepath.Join(dir, fmt.Sprintf("s%d.json", i))
		if err := os.WriteFile(f, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	if code, merged, e := runCLI(append([]string{"merge"}, files...)...); code != 0 || merged != zout {
		t.Errorf("merge: exit %d (%s); identical to the unsharded run: %v", code, e, merged == zout)
	}
}

// TestAdequacyZonalBinding: with a 15 MW interface between the zones,
// the thermal zone (110 MW against 55% of the load, a 102 MW peak) can
// import little of the hydro zone's surplus, and the zonal LOLE exceeds
// the copper plate's by far more than 4 standard errors of their
// difference (at most the sum of their standard errors).
func TestAdequacyZonalBinding(t *testing.T) {
	units, load, ifs, cu, cl := zonalRBTS(t, "from,to,capacity_mw\nhydro,thermal,15\n")
	common := []string{"-trials", "2000", "-seed", "3"}
	zonal, _, _ := adequacyJSON(t, append([]string{"-units", units, "-load", load, "-interfaces", ifs}, common...)...)
	copper, _, _ := adequacyJSON(t, append([]string{"-units", cu, "-load", cl}, common...)...)
	z, c := estimate(t, zonal["lole_h"]), estimate(t, copper["lole_h"])
	if !(z.Mean-c.Mean > 4*(z.SE+c.SE)) {
		t.Errorf("LOLE: zonal %v ± %v, copper plate %v ± %v; want the zonal one larger by more than 4 SE", z.Mean, z.SE, c.Mean, c.SE)
	}
	ze, ce := estimate(t, zonal["eue_mwh"]), estimate(t, copper["eue_mwh"])
	if !(ze.Mean-ce.Mean > 4*(ze.SE+ce.SE)) {
		t.Errorf("EUE: zonal %v ± %v, copper plate %v ± %v", ze.Mean, ze.SE, ce.Mean, ce.SE)
	}
	t.Logf("LOLE zonal %.4g ± %.2g h/yr, copper plate %.4g ± %.2g; EUE %.4g, %.4g MWh/yr", z.Mean, z.SE, c.Mean, c.SE, ze.Mean, ce.Mean)
}

// TestAdequacyMethodExact: without zones -method exact is the COPT (the
// same output, byte for byte); with zones it is the zonal enumeration,
// which the Monte Carlo of the same files meets within 4 SE, and -method
// copt refuses a zonal system, saying why.
func TestAdequacyMethodExact(t *testing.T) {
	units, load := rbtsFiles(t)
	_, exact, _ := adequacyJSON(t, "-units", units, "-load", load, "-method", "exact")
	_, copt, _ := adequacyJSON(t, "-units", units, "-load", load, "-method", "copt")
	if exact != copt || !strings.Contains(exact, `"method": "copt"`) {
		t.Errorf("-method exact gives\n%s\n-method copt\n%s", exact, copt)
	}
	zu, zl, zi, _, _ := zonalRBTS(t, "from,to,capacity_mw\nhydro,thermal,15\n")
	code, out, errOut := runCLI("adequacy", "-units", zu, "-load", zl, "-interfaces", zi, "-method", "copt")
	if code != 2 || out != "" || !strings.Contains(errOut, "exact zonal method") {
		t.Errorf("-method copt on a zonal system: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	type est struct{ Mean, SE float64 }
	indices := func(m map[string]json.RawMessage) (lole, eue est) {
		t.Helper()
		if err := json.Unmarshal(m["lole_h"], &lole); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(m["eue_mwh"], &eue); err != nil {
			t.Fatal(err)
		}
		return lole, eue
	}
	em, eout, _ := adequacyJSON(t, "-units", zu, "-load", zl, "-interfaces", zi, "-method", "exact")
	if !strings.Contains(eout, `"method": "exact"`) || em["zones"] == nil {
		t.Fatalf("-method exact on a zonal system:\n%s", eout)
	}
	mm, _, _ := adequacyJSON(t, "-units", zu, "-load", zl, "-interfaces", zi, "-trials", "4000", "-seed", "3")
	el, ee := indices(em)
	ml, me := indices(mm)
	if math.Abs(ml.Mean-el.Mean) > 4*ml.SE || math.Abs(me.Mean-ee.Mean) > 4*me.SE {
		t.Errorf("zonal exact LOLE %v EUE %v; Monte Carlo %v ± %v, %v ± %v", el.Mean, ee.Mean, ml.Mean, ml.SE, me.Mean, me.SE)
	}
}

// TestAdequacyZonalErrors checks that bad zonal inputs give exit status 2
// and a one-line message naming the file, line and column.
func TestAdequacyZonalErrors(t *testing.T) {
	units, load, _, cu, cl := zonalRBTS(t, "")
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	unknown := write("unknown.csv", "from,to,capacity_mw\nhydro,thermal,15\nhydro,north,10\n")
	self := write("self.csv", "from,to,capacity_mw\nhydro,hydro,15\n")
	both := write("both.csv", "from,to,capacity_mw,capacity_forward_mw,capacity_backward_mw\nhydro,thermal,15,10,10\n")
	for _, c := range []struct {
		name string
		args []string
		want []string
	}{
		{"unknown zone", []string{"-units", units, "-load", load, "-interfaces", unknown}, []string{"unknown.csv line 3, column 2 (to)", `to = "north", want a zone of`, "(thermal, hydro)"}},
		{"interface to itself", []string{"-units", units, "-load", load, "-interfaces", self}, []string{"self.csv line 2, column 2 (to)", `want a zone other than from = "hydro"`}},
		{"two capacities", []string{"-units", units, "-load", load, "-interfaces", both}, []string{"both.csv line 2, column 4 (capacity_forward_mw)", "gives both directions"}},
		{"interfaces, single load", []string{"-units", cu, "-load", cl, "-interfaces", unknown}, []string{"unknown.csv line 2, column 1 (from)", "one load_mw column"}},
		{"zoned units, single load", []string{"-units", units, "-load", cl}, []string{"units.csv line 2, column 6 (zone)", `zone = "hydro", want empty`}},
		{"single units, zonal load", []string{"-units", cu, "-load", load}, []string{"copper_units.csv line 1", `no "zone" column`}},
		{"missing interfaces file", []string{"-units", units, "-load", load, "-interfaces", filepath.Join(dir, "none.csv")}, []string{"none.csv"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCLI(append([]string{"adequacy"}, c.args...)...)
			if code != 2 || out != "" {
				t.Errorf("exit %d, stdout %q; want 2 and nothing", code, out)
			}
			for _, w := range c.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr %q lacks %q", errOut, w)
				}
			}
			if strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
				t.Errorf("error is not one line: %q", errOut)
			}
		})
	}
}

// TestReadmeZonalExample runs the README's zonal example: its three files
// as written there (their "# name" lines being comments before the
// header) and the command shown.
func TestReadmeZonalExample(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(readme), "\n### Zones and interfaces from the shell\n")
	if !ok {
		t.Fatal("README.md has no zonal section")
	}
	_, block, _ := strings.Cut(sec, "```\n")
	block, _, _ = strings.Cut(block, "```")
	dir := t.TempDir()
	files := map[string]string{}
	for _, part := range strings.Split(block, "\n\n") {
		first, _, _ := strings.Cut(part, "\n")
		name, _, _ := strings.Cut(strings.TrimPrefix(first, "# "), ":")
		files[name] = filepath.Join(dir, name)
		if err := os.WriteFile(files[name], []byte(part+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, _, errOut := adequacyJSON(t, "-units", files["units.csv"], "-load", files["load.csv"], "-interfaces", files["interfaces.csv"], "-trials", "2000")
	var zones map[string]json.RawMessage
	if err := json.Unmarshal(m["zones"], &zones); err != nil || len(zones) != 3 || zones["ke"] == nil {
		t.Errorf("zones %s (%v), want north, south and ke", m["zones"], err)
	}
	if !strings.Contains(errOut, "zone ke:") {
		t.Errorf("stderr %q has no line for zone ke", errOut)
	}
}
