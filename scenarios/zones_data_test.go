package scenarios

import (
	"encoding/csv"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/study"
)

// The zonal tables of the Pakistan 2025 scenario (fleet.csv's zone column,
// zones.csv, interfaces.csv and the zones.* rows of parameters.csv) are
// checked here for internal consistency by reading the embedded files
// directly, independent of the code that loads them into a study.

// fleetZones are the zones a generating unit may be in; "ke" has no units.
var fleetZones = map[string]bool{"north": true, "south": true}

// csvTable is an embedded scenario table: its rows by column name.
type csvTable struct {
	file string
	rows []map[string]string
}

// readTable reads pakistan2025/<file> with encoding/csv, requiring the
// named columns.
func readTable(t *testing.T, file string, cols ...string) csvTable {
	t.Helper()
	b, err := pakistanFS.ReadFile("pakistan2025/" + file)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if len(recs) < 2 {
		t.Fatalf("%s: no data rows", file)
	}
	idx := map[string]int{}
	for i, c := range recs[0] {
		idx[c] = i
	}
	for _, c := range cols {
		if _, ok := idx[c]; !ok {
			t.Fatalf("%s: no column %q (header %v)", file, c, recs[0])
		}
	}
	tab := csvTable{file: file}
	for _, r := range recs[1:] {
		row := map[string]string{}
		for c, i := range idx {
			row[c] = r[i]
		}
		tab.rows = append(tab.rows, row)
	}
	return tab
}

// num parses a decimal cell; line is the row's line in the file.
func (tab csvTable) num(t *testing.T, line int, row map[string]string, col string) float64 {
	t.Helper()
	x, err := strconv.ParseFloat(row[col], 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		t.Fatalf("%s line %d: %s = %q, want a finite decimal", tab.file, line, col, row[col])
	}
	return x
}

// zoneTotal is a zone's installed capacity and unit count in fleet.csv.
type zoneTotal struct {
	mw    float64
	units int
}

// fleetZoneTotals sums fleet.csv's capacity_mw × count by zone.
func fleetZoneTotals(t *testing.T) map[string]zoneTotal {
	t.Helper()
	fleet := readTable(t, "fleet.csv", "name", "capacity_mw", "count", "zone", "zone_source")
	tot := map[string]zoneTotal{}
	for i, r := range fleet.rows {
		line := i + 2
		z := r["zone"]
		if !fleetZones[z] {
			t.Errorf("fleet.csv line %d (%s): zone %q, want north or south", line, r["name"], z)
		}
		if strings.TrimSpace(r["zone_source"]) == "" {
			t.Errorf("fleet.csv line %d (%s): empty zone_source", line, r["name"])
		}
		n, err := strconv.Atoi(r["count"])
		if err != nil || n < 1 {
			t.Fatalf("fleet.csv line %d: count %q", line, r["count"])
		}
		zt := tot[z]
		zt.mw += float64(n) * fleet.num(t, line, r, "capacity_mw")
		zt.units += n
		tot[z] = zt
	}
	return tot
}

func TestZonesFleetUnitsHaveZones(t *testing.T) {
	tot := fleetZoneTotals(t)
	// Zoning moves units, never adds or drops them: the totals are the
	// copper plate's 213 units and 36,614.59 MW (TestPakistan2025Loads).
	mw, units := tot["north"].mw+tot["south"].mw, tot["north"].units+tot["south"].units
	if units != 213 || math.Abs(mw-36614.59) > 1e-6 {
		t.Errorf("zones hold %d units, %.6f MW; want 213 and 36,614.59", units, mw)
	}
}

// zoneNames are the zones of zones.csv, in parameters.csv's zones.names.
func zoneNames(t *testing.T) []string {
	t.Helper()
	return strings.Fields(paramValue(t, "zones.names"))
}

// paramValue returns the value of key in parameters.csv.
func paramValue(t *testing.T, key string) string {
	t.Helper()
	tab := readTable(t, "parameters.csv", "key", "value")
	for _, r := range tab.rows {
		if r["key"] == key {
			return r["value"]
		}
	}
	t.Fatalf("parameters.csv: no key %q", key)
	return ""
}

// paramNum returns the number under key in parameters.csv.
func paramNum(t *testing.T, key string) float64 {
	t.Helper()
	v := paramValue(t, key)
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("parameters.csv: %s = %q, want a number", key, v)
	}
	return x
}

// paramRange returns the ends of a "low-high" value in parameters.csv.
func paramRange(t *testing.T, key string) (lo, hi float64) {
	t.Helper()
	v := paramValue(t, key)
	a, b, ok := strings.Cut(v, "-")
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	if !ok || err1 != nil || err2 != nil || x > y {
		t.Fatalf("parameters.csv: %s = %q, want low-high", key, v)
	}
	return x, y
}

func TestZonesLoadSharesSumToOne(t *testing.T) {
	names := zoneNames(t)
	if len(names) != 3 || names[0] != "north" || names[1] != "south" || names[2] != "ke" {
		t.Fatalf("zones.names = %v, want north south ke", names)
	}
	known := map[string]bool{}
	for _, z := range names {
		known[z] = true
	}
	tab := readTable(t, "zones.csv", "zone", "month", "load_share", "source", "judgement")
	share := map[string]*[12]float64{}
	seen := map[string]*[12]bool{}
	for _, z := range names {
		share[z], seen[z] = new([12]float64), new([12]bool)
	}
	for i, r := range tab.rows {
		line := i + 2
		z := r["zone"]
		if !known[z] {
			t.Errorf("zones.csv line %d: zone %q, want one of %v", line, z, names)
			continue
		}
		m, err := strconv.Atoi(r["month"])
		if err != nil || m < 1 || m > 12 {
			t.Errorf("zones.csv line %d: month %q, want 1-12", line, r["month"])
			continue
		}
		if seen[z][m-1] {
			t.Errorf("zones.csv line %d: second row for zone %s, month %d", line, z, m)
		}
		seen[z][m-1] = true
		s := tab.num(t, line, r, "load_share")
		if !(s > 0 && s < 1) {
			t.Errorf("zones.csv line %d: load_share %v, want in (0, 1)", line, s)
		}
		if strings.TrimSpace(r["source"]) == "" {
			t.Errorf("zones.csv line %d: empty source", line)
		}
		share[z][m-1] = s
	}
	southDISCO := paramNum(t, "zones.south_disco_share")
	keMW := paramNum(t, "zones.ke_draw_avg_mw")
	avg := monthlyAverageMW(t)
	for m := range 12 {
		sum := 0.0
		for _, z := range names {
			if !seen[z][m] {
				t.Errorf("zones.csv: no row for zone %s, month %d", z, m+1)
			}
			sum += share[z][m]
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("zones.csv month %d: shares sum to %.17g, want 1", m+1, sum)
		}
		// The shares are the stated derivations rounded to 0.001:
		// ke = KE's average draw / the month's average national demand,
		// south = the southern DISCOs' share of the rest.
		ke, south := share["ke"][m], share["south"][m]
		if d := math.Abs(ke - keMW/avg[m]); d > 0.0005+1e-12 {
			t.Errorf("zones.csv month %d: ke share %v, want %v MW / %.1f MW = %.4f to 0.001", m+1, ke, keMW, avg[m], keMW/avg[m])
		}
		if d := math.Abs(south - southDISCO*(1-ke)); d > 0.0005+1e-12 {
			t.Errorf("zones.csv month %d: south share %v, want %v x (1 - %v) = %.4f to 0.001", m+1, south, southDISCO, ke, southDISCO*(1-ke))
		}
	}
}

// monthlyAverageMW is each month's average national demand from
// monthly_energy.csv (GWh over the hours of the 2025 month).
func monthlyAverageMW(t *testing.T) [12]float64 {
	t.Helper()
	days := [12]float64{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	tab := readTable(t, "monthly_energy.csv", "month", "total_gwh")
	var avg [12]float64
	for i, r := range tab.rows {
		m, err := strconv.Atoi(r["month"])
		if err != nil || m < 1 || m > 12 {
			t.Fatalf("monthly_energy.csv line %d: month %q", i+2, r["month"])
		}
		avg[m-1] = tab.num(t, i+2, r, "total_gwh") * 1000 / (24 * days[m-1])
	}
	return avg
}

func TestZonesInterfacesConsistent(t *testing.T) {
	known := map[string]bool{}
	for _, z := range zoneNames(t) {
		known[z] = true
	}
	tab := readTable(t, "interfaces.csv", "from", "to", "name", "count", "capacity_forward_mw",
		"capacity_backward_mw", "for", "mttf_h", "mttr_h", "source", "judgement")
	// total[from>to] and total[to>from]: each direction's capacity with
	// every element up; byName: forward MW of each row.
	total := map[string]float64{}
	byName := map[string]float64{}
	linked := map[string]map[string]bool{}
	for i, r := range tab.rows {
		line := i + 2
		from, to := r["from"], r["to"]
		if !known[from] || !known[to] {
			t.Errorf("interfaces.csv line %d: %s -> %s names an unknown zone", line, from, to)
		}
		if from == to {
			t.Errorf("interfaces.csv line %d: from = to = %s", line, from)
		}
		if strings.TrimSpace(r["name"]) == "" || strings.TrimSpace(r["source"]) == "" {
			t.Errorf("interfaces.csv line %d: empty name or source", line)
		}
		n, err := strconv.Atoi(r["count"])
		if err != nil || n < 1 {
			t.Errorf("interfaces.csv line %d: count %q, want an integer >= 1", line, r["count"])
		}
		fwd := tab.num(t, line, r, "capacity_forward_mw")
		bwd := tab.num(t, line, r, "capacity_backward_mw")
		if fwd < 0 || bwd < 0 || fwd+bwd == 0 {
			t.Errorf("interfaces.csv line %d: capacities %v, %v MW, want >= 0 and not both 0", line, fwd, bwd)
		}
		total[from+">"+to] += float64(n) * fwd
		total[to+">"+from] += float64(n) * bwd
		byName[r["name"]] = float64(n) * fwd
		if linked[from] == nil {
			linked[from] = map[string]bool{}
		}
		if linked[to] == nil {
			linked[to] = map[string]bool{}
		}
		linked[from][to], linked[to][from] = true, true
		checkOutageColumns(t, tab, line, r)
	}
	// Every zone can reach every other: no zone is an island.
	reach := map[string]bool{"north": true}
	for grew := true; grew; {
		grew = false
		for z := range reach {
			for y := range linked[z] {
				if !reach[y] {
					reach[y], grew = true, true
				}
			}
		}
	}
	for z := range known {
		if !reach[z] {
			t.Errorf("interfaces.csv: zone %s is joined to no other", z)
		}
	}
	// The rows agree with the parameters users vary.
	ac := paramNum(t, "zones.south_north.ac_corridor_mw")
	collapse := paramNum(t, "zones.south_north.tower_collapse_mw")
	lo, hi := paramRange(t, "zones.south_north.ac_corridor_mw_range")
	if ac < lo || ac > hi {
		t.Errorf("AC corridor %v MW outside its range %v-%v", ac, lo, hi)
	}
	if lo, hi := paramRange(t, "zones.south_north.tower_collapse_mw_range"); collapse < lo || collapse > hi || collapse > ac {
		t.Errorf("tower collapse %v MW, want within %v-%v and at most the AC corridor's %v", collapse, lo, hi, ac)
	}
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"HVDC poles south->north", byName["Matiari-Lahore HVDC pole"], 2 * paramNum(t, "zones.south_north.hvdc_pole_mw")},
		{"AC row + tower-collapse section", byName["500 kV AC corridor"] + byName["500 kV AC corridor tower-collapse section"], ac},
		{"tower-collapse section", byName["500 kV AC corridor tower-collapse section"], collapse},
		{"south->north total", total["south>north"], paramNum(t, "zones.south_north.total_mw")},
		{"north->south total", total["north>south"], paramNum(t, "zones.north_south.total_mw")},
		{"south->ke", total["south>ke"], paramNum(t, "zones.ke_link_mw")},
	} {
		if c.got != c.want {
			t.Errorf("interfaces.csv: %s %v MW, parameters.csv says %v", c.what, c.got, c.want)
		}
	}
}

// checkOutageColumns checks one interfaces.csv row's outage columns: all
// empty (never fails), or mttr_h with exactly one of for and mttf_h.
func checkOutageColumns(t *testing.T, tab csvTable, line int, r map[string]string) {
	t.Helper()
	hasFOR, hasMTTF, hasMTTR := r["for"] != "", r["mttf_h"] != "", r["mttr_h"] != ""
	switch {
	case !hasFOR && !hasMTTF && !hasMTTR:
		return
	case hasFOR == hasMTTF || !hasMTTR:
		t.Errorf("interfaces.csv line %d: for %q, mttf_h %q, mttr_h %q; want none, or mttr_h with one of for and mttf_h",
			line, r["for"], r["mttf_h"], r["mttr_h"])
		return
	}
	if mttr := tab.num(t, line, r, "mttr_h"); mttr <= 0 {
		t.Errorf("interfaces.csv line %d: mttr_h %v, want > 0", line, mttr)
	}
	if hasFOR {
		if f := tab.num(t, line, r, "for"); !(f > 0 && f < 1) {
			t.Errorf("interfaces.csv line %d: for %v, want in (0, 1)", line, f)
		}
	} else if mttf := tab.num(t, line, r, "mttf_h"); mttf <= 0 {
		t.Errorf("interfaces.csv line %d: mttf_h %v, want > 0", line, mttf)
	}
}

// TestZonesREADMECapacity holds the README's table of installed capacity by
// zone to fleet.csv, so that neither can drift from the other.
func TestZonesREADMECapacity(t *testing.T) {
	b, err := pakistanFS.ReadFile("pakistan2025/README.md")
	if err != nil {
		t.Fatal(err)
	}
	const heading = "### Installed capacity by zone"
	_, sec, ok := strings.Cut(string(b), heading)
	if !ok {
		t.Fatalf("README.md: no %q section", heading)
	}
	stated := map[string]zoneTotal{}
	for _, line := range strings.Split(sec, "\n") {
		if strings.HasPrefix(line, "### ") {
			break
		}
		cells := strings.Split(strings.Trim(line, "| "), "|")
		if len(cells) != 3 {
			continue
		}
		z := strings.TrimSpace(cells[0])
		mw, err1 := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(cells[1]), ",", ""), 64)
		units, err2 := strconv.Atoi(strings.TrimSpace(cells[2]))
		if err1 != nil || err2 != nil {
			continue // the header and separator rows
		}
		stated[z] = zoneTotal{mw, units}
	}
	got := fleetZoneTotals(t)
	got["total"] = zoneTotal{got["north"].mw + got["south"].mw, got["north"].units + got["south"].units}
	for _, z := range []string{"north", "south", "total"} {
		s, ok := stated[z]
		if !ok {
			t.Errorf("README.md %s: no row for %s", heading, z)
			continue
		}
		// The README states MW to 0.01; the sum of the rows' products is
		// exact to far better than that.
		if math.Abs(s.mw-got[z].mw) > 0.005 || s.units != got[z].units {
			t.Errorf("README.md says %s has %.2f MW in %d units; fleet.csv sums to %.2f MW in %d units",
				z, s.mw, s.units, got[z].mw, got[z].units)
		}
	}
}

// TestZonesDataCompileAsNetwork puts the scenario's units into their
// fleet.csv zones and joins the zones by interfaces.csv: the zonal model
// ([grid.NewNetwork]) must accept the result.
func TestZonesDataCompileAsNetwork(t *testing.T) {
	sc, err := Pakistan2025()
	if err != nil {
		t.Fatal(err)
	}
	fleet := readTable(t, "fleet.csv", "name", "zone")
	if len(fleet.rows) != len(sc.Fleet) {
		t.Fatalf("fleet.csv has %d rows, the scenario %d units", len(fleet.rows), len(sc.Fleet))
	}
	units := make([]grid.Unit, len(sc.Fleet))
	for i, u := range sc.Fleet {
		if fleet.rows[i]["name"] != u.Name {
			t.Fatalf("fleet.csv line %d is %q, the scenario's unit %d %q", i+2, fleet.rows[i]["name"], i, u.Name)
		}
		units[i] = u.Unit
		units[i].Zone = fleet.rows[i]["zone"]
	}
	tab := readTable(t, "interfaces.csv", "from", "to", "name", "count", "capacity_forward_mw",
		"capacity_backward_mw", "for", "mttf_h", "mttr_h", "source")
	var ifaces []grid.Interface
	for i, r := range tab.rows {
		line := i + 2
		n, _ := strconv.Atoi(r["count"])
		e := grid.Element{Name: r["name"], Count: n, Source: r["source"],
			ForwardMW: tab.num(t, line, r, "capacity_forward_mw"), BackwardMW: tab.num(t, line, r, "capacity_backward_mw")}
		for _, f := range []struct {
			col string
			v   *float64
		}{{"for", &e.FOR}, {"mttf_h", &e.MTTFHours}, {"mttr_h", &e.MTTRHours}} {
			if r[f.col] != "" {
				*f.v = tab.num(t, line, r, f.col)
			}
		}
		ifaces = append(ifaces, grid.Interface{From: r["from"], To: r["to"], Elements: []grid.Element{e}})
	}
	nw, err := grid.NewNetwork(zoneNames(t), units, sc.Classes, ifaces, sc.Hours)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(nw.Zones(), " "); got != "north south ke" {
		t.Errorf("network zones %q, want north south ke", got)
	}
}

// The south→north limits: every limit of the chart is the sum of the
// elements' south→north capacities, the scenario's own limit among them,
// and every element keeps its name (so that outage draws are paired).
func TestSetSouthNorthLimit(t *testing.T) {
	limits, err := SouthNorthLimits()
	if err != nil {
		t.Fatal(err)
	}
	base, err := Pakistan2025()
	if err != nil {
		t.Fatal(err)
	}
	total := func(sc *study.Scenario) (mw float64, names []string) {
		for _, f := range sc.Interfaces {
			for _, e := range f.Elements {
				names = append(names, e.Name)
				if f.From == "south" && f.To == "north" {
					mw += e.ForwardMW * float64(max(e.Count, 1))
				}
			}
		}
		return mw, names
	}
	own, names := total(base)
	if !slices.Contains(limits, own) {
		t.Errorf("limits %v omit the scenario's own %v MW", limits, own)
	}
	for _, l := range limits {
		sc, _ := Pakistan2025()
		if err := SetSouthNorthLimit(sc, l); err != nil {
			t.Fatalf("%v MW: %v", l, err)
		}
		got, n := total(sc)
		if math.Abs(got-l) > 1e-9 || !slices.Equal(n, names) {
			t.Errorf("%v MW: elements total %v MW, names %v", l, got, n)
		}
		if l == own && !reflect.DeepEqual(sc.Interfaces, base.Interfaces) {
			t.Errorf("%v MW: interfaces changed from the scenario's own", l)
		}
		if _, err := study.NewStudy(sc); err != nil {
			t.Errorf("%v MW: %v", l, err)
		}
	}
	// Limits that are not round numbers still give a valid scenario.
	for _, l := range []float64{4700.3, 4000.7, 5200.25, 6999.9999} {
		sc, _ := Pakistan2025()
		if err := SetSouthNorthLimit(sc, l); err != nil {
			t.Fatalf("%v MW: %v", l, err)
		}
		if _, err := study.NewStudy(sc); err != nil {
			t.Errorf("%v MW: %v", l, err)
		}
	}
	sc, _ := Pakistan2025()
	if err := SetSouthNorthLimit(sc, 3000); err == nil {
		t.Error("a limit below the HVDC's was accepted")
	}
	if err := SetSouthNorthLimit(&study.Scenario{}, 5200); err == nil {
		t.Error("a scenario without the corridor was accepted")
	}
}
