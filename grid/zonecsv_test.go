package grid

import (
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/carveout/carveout/input"
)

// TestReadInterfaces reads both capacity forms, both outage forms, an
// element that never fails, default names, counts, an ignored column and
// rows between the same zones in both directions.
func TestReadInterfaces(t *testing.T) {
	in := "# corridors\n" +
		"From,To,name,count,capacity_mw,capacity_forward_mw,capacity_backward_mw,for,mttf_h,mttr_h,source,note\n" +
		"s,n,pole,2,,1600,1000,0.015,,48,\"audit, 2024\",x\n" +
		"s,n,,,2000,,,,,,,\n" +
		"n,s,back,,300.5,,,,8760,240,,\n" +
		"s,ke,,1,,1600,0,,,,,\n" +
		"s,n,tower,3,,10,20,,500,5,,\n"
	got, err := ReadInterfaces(strings.NewReader(in), "i.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []Interface{
		{From: "s", To: "n", Elements: []Element{
			{Name: "pole", Count: 2, ForwardMW: 1600, BackwardMW: 1000, FOR: 0.015, MTTRHours: 48, Source: "audit, 2024"},
			{Name: "s-n/2", Count: 1, ForwardMW: 2000, BackwardMW: 2000},
			{Name: "tower", Count: 3, ForwardMW: 10, BackwardMW: 20, MTTFHours: 500, MTTRHours: 5},
		}},
		{From: "n", To: "s", Elements: []Element{{Name: "back", Count: 1, ForwardMW: 300.5, BackwardMW: 300.5, MTTFHours: 8760, MTTRHours: 240}}},
		{From: "s", To: "ke", Elements: []Element{{Name: "s-ke/4", Count: 1, ForwardMW: 1600}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	// The least file: from, to and capacity_mw; nothing fails.
	got, err = ReadInterfaces(strings.NewReader("from,to,capacity_mw\na,b,10\n"), "i.csv")
	if err != nil || !reflect.DeepEqual(got, []Interface{{From: "a", To: "b", Elements: []Element{{Name: "a-b/1", Count: 1, ForwardMW: 10, BackwardMW: 10}}}}) {
		t.Errorf("least file: %+v, %v", got, err)
	}
}

// TestReadInterfacesPakistan reads the Pakistan scenario's interfaces
// file unchanged (its judgement column ignored) and its fleet's zones.
func TestReadInterfacesPakistan(t *testing.T) {
	f, err := os.Open("../scenarios/pakistan2025/interfaces.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ifaces, err := ReadInterfaces(f, "interfaces.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(ifaces) != 2 || ifaces[0].From != "south" || ifaces[0].To != "north" || ifaces[1].From != "south" || ifaces[1].To != "ke" {
		t.Fatalf("interfaces %+v, want south->north and south->ke", ifaces)
	}
	sn := ifaces[0].Elements
	if len(sn) != 3 || sn[0].Name != "Matiari-Lahore HVDC pole" || sn[0].Count != 2 || sn[0].FOR != 0.015 || sn[0].MTTRHours != 48 || sn[0].MTTFHours != 0 {
		t.Errorf("HVDC poles: %+v", sn)
	}
	var fwd, bwd float64
	for _, e := range sn {
		fwd += float64(e.Count) * e.ForwardMW
		bwd += float64(e.Count) * e.BackwardMW
		if e.Source == "" {
			t.Errorf("element %q has no source", e.Name)
		}
	}
	// 2 poles of 1,600/1,000 MW, the AC corridor's 400 MW and its
	// tower-collapse section of 1,600 MW.
	if fwd != 5200 || bwd != 4000 {
		t.Errorf("south->north %v MW forward, %v backward; want 5200, 4000", fwd, bwd)
	}
	if sn[1].Fails() || !sn[2].Fails() || sn[2].MTTFHours != 8760 || sn[2].MTTRHours != 240 {
		t.Errorf("AC corridor %+v, tower collapse %+v", sn[1], sn[2])
	}
	if ke := ifaces[1].Elements; len(ke) != 1 || ke[0].ForwardMW != 1600 || ke[0].BackwardMW != 0 || ke[0].Fails() {
		t.Errorf("KE link %+v", ke)
	}
	// The file survives a write and a read.
	dir := t.TempDir()
	back, err := ReadInterfaces(strings.NewReader(interfacesCSV(ifaces)), filepath.Join(dir, "i.csv"))
	if err != nil || !reflect.DeepEqual(back, ifaces) {
		t.Errorf("written and read back: %+v, %v", back, err)
	}
	fleet, err := os.Open("../scenarios/pakistan2025/fleet.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer fleet.Close()
	units, err := ReadUnits(fleet, "fleet.csv")
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, u := range units {
		n[u.Zone]++
	}
	if len(n) != 2 || n["north"] == 0 || n["south"] == 0 {
		t.Errorf("fleet zones %v, want units in north and south only", n)
	}
}

// TestReadZoneLoads reads one column per zone, the zone named by the
// header as written, and checks that each reader refuses the other's
// files.
func TestReadZoneLoads(t *testing.T) {
	in := "date,Hour,LOAD_MW_North,load_mw_south-2,note\nd1,1,10,5.25,x\nd1,2,11,6,y\n"
	zones, err := ReadZoneLoads(strings.NewReader(in), "l.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []Zone{{Name: "North", Load: []float64{10, 11}}, {Name: "south-2", Load: []float64{5.25, 6}}}
	if !reflect.DeepEqual(zones, want) {
		t.Errorf("got %+v, want %+v", zones, want)
	}
	_, err = ReadLoad(strings.NewReader(in), "l.csv")
	checkCSVErr(t, err, "l.csv", 1, 3, "load_mw_north", "read by ReadZoneLoads")
	_, err = ReadZoneLoads(strings.NewReader("hour,load_mw\n1,5\n"), "l.csv")
	checkCSVErr(t, err, "l.csv", 1, 2, "load_mw", "read by ReadLoad")
	if l, err := ReadLoad(strings.NewReader("hour,load_mw\n1,5\n2,6\n"), "l.csv"); err != nil || len(l) != 2 {
		t.Errorf("ReadLoad: %v, %v", l, err)
	}
}

// checkCSVErr checks that err is a one-line error with one package
// prefix and a CSVError at file (base name), line and column (with its
// header name field), whose message contains each of want.
func checkCSVErr(t *testing.T, err error, file string, line, col int, field string, want ...string) {
	t.Helper()
	var ce *input.CSVError
	if !errors.As(err, &ce) {
		t.Fatalf("error %v is not a CSVError", err)
	}
	if filepath.Base(ce.File) != file || ce.Line != line || ce.Column != col || ce.Field != field {
		t.Errorf("error %q at %s line %d column %d (%s), want %s line %d column %d (%s)",
			err, filepath.Base(ce.File), ce.Line, ce.Column, ce.Field, file, line, col, field)
	}
	msg := err.Error()
	if strings.Count(msg, "grid: ") != 1 || !strings.HasPrefix(msg, "grid: ") || strings.Contains(msg, "\n") {
		t.Errorf("error %q is not one line with one package prefix", msg)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q lacks %q", msg, w)
		}
	}
}

// writeFiles writes the named files into a fresh folder and returns their
// paths in the order given; an empty content gives an empty path (no
// file).
func writeFiles(t *testing.T, contents ...string) []string {
	t.Helper()
	dir := t.TempDir()
	paths := make([]string, len(contents))
	for i, c := range contents {
		if c == "" {
			continue
		}
		paths[i] = filepath.Join(dir, []string{"u.csv", "l.csv", "i.csv"}[i])
		if err := os.WriteFile(paths[i], []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return paths
}

// csvText writes rows as CSV.
func csvText(rows [][]string) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.WriteAll(rows) // a strings.Builder does not fail
	return b.String()
}

func num(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// unitsCSV, zoneLoadCSV and interfacesCSV write a system's parts in the
// formats the readers take, every number exactly.
func unitsCSV(units []Unit) string {
	rows := [][]string{{"name", "zone", "count", "capacity_mw", "mttf_h", "mttr_h", "derated_mw", "partial_mttf_h", "partial_mttr_h"}}
	for _, u := range units {
		r := []string{u.Name, u.Zone, strconv.Itoa(u.Count), num(u.CapacityMW), num(u.MTTFHours), num(u.MTTRHours), "", "", ""}
		if u.DeratedMW != 0 {
			r[6], r[7], r[8] = num(u.DeratedMW), num(u.PartialMTTFHours), num(u.PartialMTTRHours)
		}
		rows = append(rows, r)
	}
	return csvText(rows)
}

func zoneLoadCSV(zones []Zone) string {
	rows := [][]string{{"hour"}}
	for _, z := range zones {
		rows[0] = append(rows[0], "load_mw_"+z.Name)
	}
	for h := range zones[0].Load {
		r := []string{strconv.Itoa(h)}
		for _, z := range zones {
			r = append(r, num(z.Load[h]))
		}
		rows = append(rows, r)
	}
	return csvText(rows)
}

func interfacesCSV(ifaces []Interface) string {
	rows := [][]string{{"from", "to", "name", "count", "capacity_forward_mw", "capacity_backward_mw", "for", "mttf_h", "mttr_h", "source"}}
	opt := func(x float64) string {
		if x == 0 {
			return ""
		}
		return num(x)
	}
	for _, f := range ifaces {
		for _, e := range f.Elements {
			rows = append(rows, []string{f.From, f.To, e.Name, strconv.Itoa(e.Count), num(e.ForwardMW), num(e.BackwardMW), opt(e.FOR), opt(e.MTTFHours), opt(e.MTTRHours), e.Source})
		}
	}
	return csvText(rows)
}

// TestReadZonalSystemRoundTrip writes a zonal system (a zone fed only by
// an interface, interfaces both ways between two zones, elements given by
// MTTF and by FOR, derated units) as CSV and reads back the same system,
// with the same hash.
func TestReadZonalSystemRoundTrip(t *testing.T) {
	sys := &System{
		Units: []Unit{
			{Name: "s1", CapacityMW: 50, Count: 3, MTTFHours: 850, MTTRHours: 150, Zone: "s"},
			{Name: "n1", CapacityMW: 60.25, Count: 2, MTTFHours: 900, MTTRHours: 100, Zone: "n", DeratedMW: 20, PartialMTTFHours: 300, PartialMTTRHours: 30},
			{Name: "s2", CapacityMW: 12, Count: 1, MTTFHours: 1000, MTTRHours: 20, Zone: "s"},
		},
		Zones: []Zone{
			{Name: "n", Load: []float64{80, 90.5, 100, 110.125}},
			{Name: "s", Load: []float64{60, 65, 70.3, 75}},
			{Name: "ke", Load: []float64{10, 11, 12, 13}},
		},
		Interfaces: []Interface{
			{From: "s", To: "n", Elements: []Element{
				{Name: "pole", Count: 2, ForwardMW: 35, BackwardMW: 30, MTTFHours: 190, MTTRHours: 10, Source: "a, b"},
				{Name: "ac", Count: 1, ForwardMW: 25, BackwardMW: 25, FOR: 0.2, MTTRHours: 40},
			}},
			{From: "n", To: "s", Elements: []Element{{Name: "back", Count: 1, ForwardMW: 5, BackwardMW: 0}}},
			{From: "s", To: "ke", Elements: []Element{{Name: "ke-link", Count: 1, ForwardMW: 16, BackwardMW: 0}}},
		},
	}
	if err := sys.Validate(); err != nil {
		t.Fatal(err)
	}
	p := writeFiles(t, unitsCSV(sys.Units), zoneLoadCSV(sys.Zones), interfacesCSV(sys.Interfaces))
	got, err := ReadZonalSystemFiles(p[0], p[1], p[2])
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, sys) {
		t.Fatalf("read back\n%+v\nwant\n%+v", got, sys)
	}
	h1, _ := sys.Hash()
	h2, _ := got.Hash()
	if h1 != h2 {
		t.Errorf("hash %s, want %s", h2, h1)
	}
	// Without interfaces the zones are islands; ke, which has no units,
	// is then refused (see TestZonalCSVErrors), so drop it.
	sys.Zones, sys.Interfaces = sys.Zones[:2], nil
	p = writeFiles(t, unitsCSV(sys.Units), zoneLoadCSV(sys.Zones), "")
	if got, err = ReadSystemFiles(p[0], p[1]); err != nil || !reflect.DeepEqual(got, sys) {
		t.Errorf("islands: %+v, %v", got, err)
	}
	// A copper plate reads as before: units with an empty zone column.
	for i := range sys.Units {
		sys.Units[i].Zone = ""
	}
	p = writeFiles(t, unitsCSV(sys.Units), "load_mw\n5\n6\n", "")
	if got, err = ReadSystemFiles(p[0], p[1]); err != nil || !reflect.DeepEqual(got, &System{Units: sys.Units, Load: []float64{5, 6}}) {
		t.Errorf("copper plate: %+v, %v", got, err)
	}
}

// TestZonalCSVErrors checks that each bad zonal input is refused with an
// error naming the file, line, column and field that hold it.
func TestZonalCSVErrors(t *testing.T) {
	const (
		units  = "name,zone,capacity_mw,mttf_h,mttr_h\nn1,n,60,900,100\ns1,s,50,850,150\n"
		load   = "hour,load_mw_n,load_mw_s\n0,80,60\n1,90,65\n"
		ihead  = "from,to,name,capacity_mw,capacity_forward_mw,capacity_backward_mw,mttf_h,for,mttr_h\n"
		iface  = ihead + "s,n,ac,100,,,,,\n"
		copper = "load_mw\n80\n90\n"
	)
	row := func(r string) string { return ihead + r + "\n" }
	var many strings.Builder
	many.WriteString("hour")
	for k := range MaxZones + 1 {
		fmt.Fprintf(&many, ",load_mw_z%d", k)
	}
	many.WriteString("\n0" + strings.Repeat(",1", MaxZones+1) + "\n")
	cases := []struct {
		name                string
		units, load, ifaces string
		file                string
		line, col           int
		field               string
		want                []string
	}{
		// Zones named in one file and not another.
		{"interface to an unknown zone", units, load, row("s,x,ac,100,,,,,"), "i.csv", 2, 2, "to", []string{`to = "x", want a zone of `, "(n, s), which has no load_mw_x column"}},
		{"interface from an unknown zone", units, load, row("y,n,ac,100,,,,,"), "i.csv", 2, 1, "from", []string{`from = "y"`, "no load_mw_y column"}},
		{"unit without a zone", units + "n2,,60,900,100\n", load, iface, "u.csv", 4, 2, "zone", []string{`zone = "", want a zone of `, "every unit names one when the load is zonal", `(unit "n2")`}},
		{"units without a zone column", "name,capacity_mw,mttf_h,mttr_h\nn1,60,900,100\n", load, iface, "u.csv", 1, 0, "", []string{`header has no "zone" column`, "every unit names its zone"}},
		{"unit in a zone without load", units + "e1,e,10,900,100\n", load, iface, "u.csv", 4, 2, "zone", []string{`zone = "e"`, "which has no load_mw_e column", `(unit "e1")`}},
		{"zone with neither units nor interfaces", units, "hour,load_mw_n,load_mw_s,load_mw_x\n0,80,60,5\n", iface, "l.csv", 1, 4, "load_mw_x", []string{`zone "x", without units or interfaces`}},
		{"zone with neither, no interfaces file", units, "hour,load_mw_n,load_mw_s,load_mw_x\n0,80,60,5\n", "", "l.csv", 1, 4, "load_mw_x", []string{`zone "x", without units or interfaces`}},
		{"unit names a zone, single load", units, copper, "", "u.csv", 2, 2, "zone", []string{`zone = "n", want empty: `, "has one load_mw column"}},
		{"interfaces with a single load", "name,capacity_mw,mttf_h,mttr_h\nn1,60,900,100\n", copper, iface, "i.csv", 2, 1, "from", []string{`from = "s", want a zone of `, "which has one load_mw column"}},
		{"bad zone name of a unit", units + "b1,a b,10,900,100\n", load, iface, "u.csv", 4, 2, "zone", []string{`zone = "a b", want a name of letters, digits`}},
		// Interface rows.
		{"negative capacity", units, load, row("s,n,ac,-5,,,,,"), "i.csv", 2, 4, "capacity_mw", []string{"capacity_mw = -5, want finite >= 0"}},
		{"NaN capacity", units, load, row("s,n,ac,,NaN,10,,,"), "i.csv", 2, 5, "capacity_forward_mw", []string{"capacity_forward_mw = NaN, want finite >= 0"}},
		{"infinite capacity", units, load, row("s,n,ac,,10,+Inf,,,"), "i.csv", 2, 6, "capacity_backward_mw", []string{"capacity_backward_mw = +Inf, want finite >= 0"}},
		{"capacity too fine", units, load, row("s,n,ac,0.0000001,,,,,"), "i.csv", 2, 4, "capacity_mw", []string{"capacity_mw = 1e-07, want at most 6 decimal places"}},
		{"capacity not a number", units, load, row("s,n,ac,1_000,,,,,"), "i.csv", 2, 4, "capacity_mw", []string{`capacity_mw = "1_000", want a decimal number`}},
		{"interface to itself", units, load, row("n,n,ac,100,,,,,"), "i.csv", 2, 2, "to", []string{`to = "n", want a zone other than from = "n"`}},
		{"capacity_mw and forward", units, load, row("s,n,ac,100,50,,,,"), "i.csv", 2, 5, "capacity_forward_mw", []string{`capacity_forward_mw = "50", want empty: capacity_mw = 100 gives both directions`}},
		{"capacity_mw and backward", units, load, row("s,n,ac,100,,50,,,"), "i.csv", 2, 6, "capacity_backward_mw", []string{`capacity_backward_mw = "50", want empty`}},
		{"no capacity", units, load, row("s,n,ac,,,,,,"), "i.csv", 2, 5, "capacity_forward_mw", []string{`capacity_forward_mw = "", want a decimal number`}},
		{"forward without backward", units, load, row("s,n,ac,,10,,,,"), "i.csv", 2, 6, "capacity_backward_mw", []string{`capacity_backward_mw = "", want a decimal number`}},
		{"mttf_h and for", units, load, row("s,n,ac,100,,,900,0.1,10"), "i.csv", 2, 8, "for", []string{`for = "0.1", want empty: mttf_h = 900 is given on this row; give one of them`}},
		{"mttf_h without mttr_h", units, load, row("s,n,ac,100,,,900,,"), "i.csv", 2, 9, "mttr_h", []string{`mttr_h = "", want a mean time to repair, in hours: the element fails (mttf_h = 900)`}},
		{"for without mttr_h", units, load, row("s,n,ac,100,,,,0.1,"), "i.csv", 2, 9, "mttr_h", []string{`the element fails (for = 0.1)`}},
		{"mttf_h, no mttr_h column", units, load, "from,to,capacity_mw,mttf_h\ns,n,100,900\n", "i.csv", 2, 0, "", []string{`mttr_h = "", want a mean time to repair`}},
		{"mttr_h alone", units, load, row("s,n,ac,100,,,,,10"), "i.csv", 2, 9, "mttr_h", []string{`mttr_h = "10", want empty, or mttf_h or for on this row as well`}},
		{"for out of range", units, load, row("s,n,ac,100,,,,1.5,10"), "i.csv", 2, 8, "for", []string{"for = 1.5, want in (0, 1)"}},
		{"mttf too short", units, load, row("s,n,ac,100,,,0.05,,10"), "i.csv", 2, 7, "mttf_h", []string{`mttf_h = 0.05, want finite >= 0.1 (MinDurationHours) (element "ac")`}},
		{"mttr too short", units, load, row("s,n,ac,100,,,,0.1,0.05"), "i.csv", 2, 9, "mttr_h", []string{`mttr_h = 0.05, want finite >= 0.1 (MinDurationHours)`}},
		{"duplicate name", units, load, row("s,n,ac,100,,,,,") + "s,n,ac,100,,,,,\n", "i.csv", 3, 3, "name", []string{`"ac" duplicates the element on line 2`}},
		{"duplicate default name", units, load, row("s,n,s-n/2,100,,,,,") + "s,n,,100,,,,,\n", "i.csv", 3, 3, "name", []string{`"s-n/2" duplicates the element on line 2`}},
		{"duplicate after count", units, load, "from,to,name,count,capacity_mw\ns,n,a,2,10\nn,s,a#2,1,10\n", "i.csv", 3, 3, "name", []string{`"a#2" duplicates the element on line 2`}},
		{"zero count", units, load, "from,to,count,capacity_mw\ns,n,0,10\n", "i.csv", 2, 3, "count", []string{`count = "0", want a whole number in [1, 100000]`}},
		{"bad zone name in an interface", units, load, row("s,n x,ac,100,,,,,"), "i.csv", 2, 2, "to", []string{`to = "n x", want a zone: a name of letters`}},
		{"forward column without backward", units, load, "from,to,capacity_forward_mw\ns,n,10\n", "i.csv", 1, 3, "capacity_forward_mw", []string{`no "capacity_backward_mw" column`}},
		{"no capacity column", units, load, "from,to,name\ns,n,a\n", "i.csv", 1, 0, "", []string{`header has no "capacity_mw" column, nor "capacity_forward_mw" and "capacity_backward_mw"`}},
		{"no from column", units, load, "to,capacity_mw\nn,10\n", "i.csv", 1, 0, "", []string{`header has no "from" column`}},
		{"no interfaces", units, load, ihead, "i.csv", 1, 0, "", []string{"no interfaces after the header"}},
		// Load files.
		{"load_mw beside zones", units, "hour,load_mw_n,load_mw_s,load_mw\n0,80,60,140\n", iface, "l.csv", 1, 4, "load_mw", []string{"a load_mw column beside load_mw_<zone> columns (load_mw_n,load_mw_s)"}},
		{"bad zone name in a load column", units, "hour,load_mw_n,load_mw_s,load_mw_a.b\n0,80,60,1\n", iface, "l.csv", 1, 4, "load_mw_a.b", []string{`zone = "a.b", want a name of letters`}},
		{"negative zone load", units, "hour,load_mw_n,load_mw_s\n0,80,60\n1,80,-1\n", iface, "l.csv", 3, 3, "load_mw_s", []string{"load_mw_s = -1, want finite >= 0"}},
		{"NaN zone load", units, "hour,load_mw_n,load_mw_s\n0,NaN,60\n", iface, "l.csv", 2, 2, "load_mw_n", []string{"load_mw_n = NaN, want finite >= 0"}},
		{"missing zone load", units, "hour,load_mw_n,load_mw_s\n0,80,\n", iface, "l.csv", 2, 3, "load_mw_s", []string{`load_mw_s = "", want a decimal number`}},
		{"skipped hour", units, "hour,load_mw_n,load_mw_s\n0,80,60\n2,80,60\n", iface, "l.csv", 3, 1, "hour", []string{"rows must be consecutive hours"}},
		{"more than MaxZones", units, many.String(), "", "l.csv", 1, MaxZones + 2, fmt.Sprintf("load_mw_z%d", MaxZones), []string{"13 load_mw_<zone> columns, want at most 12 (MaxZones)"}},
		{"no load column", units, "hour,mw\n0,1\n", iface, "l.csv", 1, 0, "", []string{`header has no "load_mw" column, nor "load_mw_<zone>" columns (columns: hour,mw)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeFiles(t, c.units, c.load, c.ifaces)
			_, err := ReadZonalSystemFiles(p[0], p[1], p[2])
			checkCSVErr(t, err, c.file, c.line, c.col, c.field, c.want...)
			var fe *input.FieldError
			// A bad cell of a row wraps the FieldError of its field.
			if c.line > 1 && c.field != "" && !errors.As(err, &fe) {
				t.Errorf("error %v has no FieldError", err)
			}
		})
	}
}

// TestZonalCSVZoneFedByImports: a zone with load and no units of its own
// is a legitimate zone when an interface feeds it; the system it gives
// validates, and the zone is short exactly when its import is.
func TestZonalCSVZoneFedByImports(t *testing.T) {
	p := writeFiles(t,
		"name,zone,capacity_mw,mttf_h,mttr_h\ns1,s,100,1e12,0.1\n",
		"hour,load_mw_s,load_mw_ke\n0,50,30\n1,50,45\n",
		"from,to,name,capacity_forward_mw,capacity_backward_mw\ns,ke,link,40,0\n")
	sys, err := ReadZonalSystemFiles(p[0], p[1], p[2])
	if err != nil {
		t.Fatal(err)
	}
	if err := sys.Validate(); err != nil {
		t.Fatal(err)
	}
	// Unit s1 is up but for one chance in 10^13 an hour: hour 1 is short
	// by 5 MW in ke (45 MW against a 40 MW link), hour 0 is not.
	r := runAdequacy(t, sys, 100)
	if r.Indices.LOLEHours.Mean != 1 || r.Indices.EUEMWh.Mean != 5 || r.Zones[1].LOLEHours.Mean != 1 || r.Zones[0].LOLEHours.Mean != 0 {
		t.Errorf("LOLE %v h, EUE %v MWh, zones %v and %v h; want 1, 5, 0 and 1", r.Indices.LOLEHours.Mean, r.Indices.EUEMWh.Mean, r.Zones[0].LOLEHours.Mean, r.Zones[1].LOLEHours.Mean)
	}
}
