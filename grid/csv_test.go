package grid

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/carveout/carveout/input"
)

// TestReadUnits reads a file with optional columns in another order, an
// ignored column, counts and a missing name.
func TestReadUnits(t *testing.T) {
	in := "\ufeffMTTR_H, capacity_mw ,note,mttf_h,count,name\n" +
		"50,12.5,old,950,2,gt\n" +
		"20,100,,1980,,\n"
	units, err := ReadUnits(strings.NewReader(in), "u.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []Unit{
		{Name: "gt", CapacityMW: 12.5, MTTFHours: 950, MTTRHours: 50, Count: 2},
		{Name: "unit2", CapacityMW: 100, MTTFHours: 1980, MTTRHours: 20, Count: 1},
	}
	if len(units) != len(want) || units[0] != want[0] || units[1] != want[1] {
		t.Fatalf("got %+v, want %+v", units, want)
	}
	ex, err := (&System{Units: units}).Expand()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range ex {
		names = append(names, u.Name)
	}
	if got := strings.Join(names, ","); got != "gt#1,gt#2,unit2" {
		t.Errorf("expanded names %s, want gt#1,gt#2,unit2", got)
	}
}

// TestBadInputs checks that every kind of bad input gives an error that
// names the file, line and column (CSV) or the unit and field (structs),
// and that none panics.
func TestBadInputs(t *testing.T) {
	const head = "name,count,capacity_mw,mttf_h,mttr_h\n"
	units := []struct {
		name, in string
		want     []string // substrings of the error
	}{
		{"NaN capacity", head + "a,1,NaN,100,10\n", []string{"u.csv line 2, column 3 (capacity_mw)", "capacity_mw = NaN, want finite > 0"}},
		{"Inf mttf", head + "a,1,10,+Inf,10\n", []string{"line 2, column 4 (mttf_h)", "mttf_h = +Inf"}},
		{"negative capacity", head + "a,1,-5,100,10\n", []string{"line 2, column 3 (capacity_mw)", "capacity_mw = -5, want finite > 0"}},
		{"zero capacity", head + "a,1,0,100,10\n", []string{"column 3 (capacity_mw)", "capacity_mw = 0"}},
		{"zero mttf", head + "a,1,10,0,10\n", []string{"column 4 (mttf_h)", "mttf_h = 0"}},
		{"negative mttr", head + "a,1,10,100,-5\n", []string{"line 2, column 5 (mttr_h)", "mttr_h = -5, want finite >= 0.1 (MinDurationHours)"}},
		{"go-syntax number", head + "a,1,1_0,100,5\n", []string{"line 2, column 3 (capacity_mw)", `capacity_mw = "1_0", want a decimal number`}},
		{"hex float", head + "a,1,0x1p4,100,5\n", []string{"line 2, column 3 (capacity_mw)", `capacity_mw = "0x1p4", want a decimal number`}},
		{"zero mttr", head + "b,1,10,100,0\n", []string{"column 5 (mttr_h)", "mttr_h = 0"}},
		{"non-numeric", head + "a,1,10,abc,10\n", []string{"line 2, column 4 (mttf_h)", `mttf_h = "abc", want a decimal number`}},
		{"empty field", head + "a,1,,100,10\n", []string{"column 3 (capacity_mw)", `capacity_mw = "", want a decimal number`}},
		{"bad count", head + "a,1.5,10,100,10\n", []string{"column 2 (count)", `count = "1.5"`}},
		{"zero count", head + "a,0,10,100,10\n", []string{"column 2 (count)", `count = "0"`}},
		{"ragged short", head + "a,1,10,100,10\nb,1,10,100\n", []string{"u.csv line 3", "number of fields"}},
		{"ragged long", head + "a,1,10,100,10,9\n", []string{"u.csv line 2", "number of fields"}},
		{"duplicate", head + "a,1,10,100,10\nb,1,10,100,10\na,1,5,100,10\n", []string{"line 4, column 1 (name)", `"a" duplicates the unit on line 2`}},
		{"duplicate after count", head + "a,2,10,100,10\na#2,1,5,100,10\n", []string{"line 3", `"a#2" duplicates the unit on line 2`}},
		{"empty fleet", head, []string{"u.csv line 1", "no units"}},
		{"empty file", "", []string{"u.csv", "empty file"}},
		{"missing column", "name,capacity_mw,mttf_h\na,1,2\n", []string{"u.csv line 1", `no "mttr_h" column`}},
		{"repeated column", "capacity_mw,mttf_h,mttr_h,mttf_h\n1,2,3,4\n", []string{"line 1, column 4 (mttf_h)", "repeats"}},
		{"too fine", head + "a,1,0.0000001,100,10\n", []string{"column 3 (capacity_mw)", "decimal places"}},
		{"bad quote", head + "\"a,1,10,100,10\n", []string{"u.csv line 2"}},
	}
	for _, c := range units {
		t.Run("units/"+c.name, func(t *testing.T) {
			_, err := ReadUnits(strings.NewReader(c.in), "u.csv")
			checkErr(t, err, c.want)
			var ce *input.CSVError
			if !errors.As(err, &ce) || ce.File != "u.csv" {
				t.Errorf("error %v is not a *CSVError naming the file", err)
			}
		})
	}
	loads := []struct {
		name, in string
		want     []string
	}{
		{"empty", "hour,load_mw\n", []string{"l.csv line 1", "no hours"}},
		{"non-numeric", "hour,load_mw\n1,10\n2,ten\n", []string{"l.csv line 3, column 2 (load_mw)", `load_mw = "ten", want a decimal number`}},
		{"NaN", "load_mw\nNaN\n", []string{"line 2, column 1 (load_mw)", "load_mw = NaN, want finite >= 0"}},
		{"negative", "load_mw\n5\n-1\n", []string{"line 3, column 1 (load_mw)", "load_mw = -1"}},
		{"ragged", "hour,load_mw\n1,10\n2\n", []string{"l.csv line 3", "number of fields"}},
		{"missing column", "hour,mw\n1,10\n", []string{"l.csv line 1", `no "load_mw" column`}},
	}
	for _, c := range loads {
		t.Run("load/"+c.name, func(t *testing.T) {
			_, err := ReadLoad(strings.NewReader(c.in), "l.csv")
			checkErr(t, err, c.want)
		})
	}
	ok := Unit{Name: "a", CapacityMW: 10, MTTFHours: 100, MTTRHours: 10}
	with := func(f func(*Unit)) []Unit { u := ok; f(&u); return []Unit{u} }
	systems := []struct {
		name string
		sys  *System
		want []string
	}{
		{"nil", nil, []string{"system is nil"}},
		{"empty fleet", &System{Load: []float64{1}}, []string{"grid: units = [], want at least 1 unit"}},
		{"NaN capacity", &System{Units: with(func(u *Unit) { u.CapacityMW = math.NaN() }), Load: []float64{1}}, []string{`grid: units[0].capacity_mw = NaN, want finite > 0 (unit "a")`}},
		{"negative mttr", &System{Units: with(func(u *Unit) { u.MTTRHours = -5 }), Load: []float64{1}}, []string{`grid: units[0].mttr_h = -5, want finite >= 0.1 (MinDurationHours) (unit "a")`}},
		{"tiny mttf", &System{Units: with(func(u *Unit) { u.MTTFHours = 1e-9 }), Load: []float64{1}}, []string{`grid: units[0].mttf_h = 1e-09, want finite >= 0.1`}},
		{"zero mttf", &System{Units: with(func(u *Unit) { u.MTTFHours = 0 }), Load: []float64{1}}, []string{`units[0].mttf_h = 0`}},
		{"negative count", &System{Units: with(func(u *Unit) { u.Count = -1 }), Load: []float64{1}}, []string{`units[0].count = -1`}},
		{"no name", &System{Units: with(func(u *Unit) { u.Name = "" }), Load: []float64{1}}, []string{`units[0].name = "", want a name (capacity_mw = 10)`}},
		{"duplicate", &System{Units: []Unit{ok, ok}, Load: []float64{1}}, []string{`units[1].name = "a", want a name unique after expanding counts (entry 0 also expands to "a")`}},
		{"empty load", &System{Units: []Unit{ok}}, []string{"load_mw = no hours"}},
		{"NaN load", &System{Units: []Unit{ok}, Load: []float64{1, math.NaN()}}, []string{"load_mw[1] = NaN"}},
		{"negative load", &System{Units: []Unit{ok}, Load: []float64{-1}}, []string{"load_mw[0] = -1"}},
	}
	for _, c := range systems {
		t.Run("system/"+c.name, func(t *testing.T) {
			checkErr(t, c.sys.Validate(), c.want)
			if c.sys == nil {
				return
			}
			if _, err := NewSimulator(c.sys.Units, 24); err == nil && !strings.Contains(c.want[0], "load_mw") {
				t.Error("NewSimulator accepted the bad fleet")
			}
			if _, err := NewCOPT(c.sys.Units); err == nil && !strings.Contains(c.want[0], "load_mw") {
				t.Error("NewCOPT accepted the bad fleet")
			}
			if _, err := Adequacy(t.Context(), c.sys); err == nil {
				t.Error("Adequacy accepted the bad system")
			}
		})
	}
	if _, err := NewSimulator([]Unit{ok}, 0); err == nil {
		t.Error("NewSimulator accepted 0 hours")
	}
	if _, err := NewLoadProfile(nil); err == nil {
		t.Error("NewLoadProfile accepted an empty series")
	}
}

func checkErr(t *testing.T, err error, want []string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", want)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") {
		t.Errorf("error spans lines: %q", msg)
	}
	if !strings.HasPrefix(msg, "grid: ") {
		t.Errorf("error %q lacks the package prefix", msg)
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("error %q does not contain %q", msg, w)
		}
	}
}

// dayHours returns a load file with date and hour-of-day columns, hours
// first … first+23 on each of days days.
func dayHours(first, days int) string {
	var b strings.Builder
	b.WriteString("date,hour,load_mw\n")
	for d := 1; d <= days; d++ {
		for h := first; h < first+24; h++ {
			fmt.Fprintf(&b, "d%d,%d,%d\n", d, h, 100+h)
		}
	}
	return b.String()
}

// TestReadLoadHourColumn checks the hour column: numbered hours must count
// up by one from 0 or 1 through the series, or through each day restarting
// daily; an hour column of timestamps is ignored.
func TestReadLoadHourColumn(t *testing.T) {
	for _, ok := range []string{
		"hour,load_mw\n0,1\n1,2\n2,3\n",
		"hour,load_mw\n1,1\n2,2\n3,3\n",
		"hour,load_mw\n2025-01-01 00:00,1\n2025-01-01 01:00,2\n",
		"load_mw\n1\n2\n",
		dayHours(1, 3), // date,hour,load_mw with hours 1–24 each day
		dayHours(0, 2), // hours 0–23
	} {
		if _, err := ReadLoad(strings.NewReader(ok), "l.csv"); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, c := range []struct{ in, line string }{
		{"hour,load_mw\n1,1\n3,2\n", "line 3"},      // a missing hour
		{"hour,load_mw\n2,1\n1,2\n", "line 2"},      // first hour 2
		{"hour,load_mw\n1,1\n2,1\n2,2\n", "line 4"}, // a repeated hour
		{"hour,load_mw\n0,1\nx,2\n", "line 3"},      // text after numbers
		{dayHours(1, 2) + "d3,5,1\n", "line 50"},    // a day starting at hour 5
		{dayHours(1, 2) + "d3,25,1\n", "line 50"},   // hour 25 after the hours restarted
		{dayHours(1, 1) + "d2,2,1\n", "line 26"},    // neither the next hour nor a new day
	} {
		_, err := ReadLoad(strings.NewReader(c.in), "l.csv")
		if err == nil || !strings.Contains(err.Error(), c.line) || !strings.Contains(err.Error(), "hour") {
			t.Errorf("%q: error %v, want one about hour at %s", c.in, err, c.line)
		}
	}
}

// TestReadUnitsBadCells checks that every bad value in a units file is
// located at its cell (file, line, column and header name) and checked by
// the rule [Unit.Validate] applies, with errors.As finding both the
// CSVError and the FieldError. Before one predicate per field, an MTTR of
// 0.05 h passed the reader's own check and failed the unit's, giving
// "grid: u.csv: grid: unit "B": …" with neither line nor column.
func TestReadUnitsBadCells(t *testing.T) {
	const head = "name,count,capacity_mw,mttf_h,mttr_h,derated_mw,partial_mttf_h,partial_mttr_h\n"
	const good = "A,1,100,900,10,,,\n"
	cases := []struct {
		name, row string
		col       int
		field     string
		path      string // FieldError path; "" when the cell is not a number
		value     any
	}{
		{"mttr below MinDurationHours", "B,1,100,900,0.05,,,", 5, "mttr_h", "mttr_h", 0.05},
		{"mttf below MinDurationHours", "B,1,100,0.05,10,,,", 4, "mttf_h", "mttf_h", 0.05},
		{"mttf above MaxDurationHours", "B,1,100,2e12,10,,,", 4, "mttf_h", "mttf_h", 2e12},
		{"zero capacity", "B,1,0,900,10,,,", 3, "capacity_mw", "capacity_mw", 0.0},
		{"NaN capacity", "B,1,NaN,900,10,,,", 3, "capacity_mw", "capacity_mw", math.NaN()},
		{"capacity too fine", "B,1,0.0000001,900,10,,,", 3, "capacity_mw", "capacity_mw", 1e-7},
		{"count zero", "B,0,100,900,10,,,", 2, "count", "count", `"0"`},
		{"count fraction", "B,1.5,100,900,10,,,", 2, "count", "count", `"1.5"`},
		{"count too large", "B,100001,100,900,10,,,", 2, "count", "count", `"100001"`},
		{"derate of whole capacity", "B,1,100,900,10,100,300,30", 6, "derated_mw", "derated_mw", 100.0},
		{"negative derate", "B,1,100,900,10,-1,300,30", 6, "derated_mw", "derated_mw", -1.0},
		{"derate without durations", "B,1,100,900,10,40,,", 7, "partial_mttf_h", "partial_mttf_h", 0.0},
		{"durations without derate", "B,1,100,900,10,,300,30", 6, "derated_mw", "derated_mw", 0.0},
		{"short partial mttf", "B,1,100,900,10,40,0.05,30", 7, "partial_mttf_h", "partial_mttf_h", 0.05},
		{"infinite partial mttr", "B,1,100,900,10,40,300,Inf", 8, "partial_mttr_h", "partial_mttr_h", math.Inf(1)},
		{"not a number", "B,1,100,9OO,10,,,", 4, "mttf_h", "mttf_h", `"9OO"`},
		{"digit separator", "B,1,1_000,900,10,,,", 3, "capacity_mw", "capacity_mw", `"1_000"`},
		{"duplicate name", "A,1,100,900,10,,,", 1, "name", "name", `"A"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadUnits(strings.NewReader(head+good+c.row+"\n"), "u.csv")
			var ce *input.CSVError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a CSVError", err)
			}
			if ce.File != "u.csv" || ce.Line != 3 || ce.Column != c.col || ce.Field != c.field {
				t.Errorf("error %q at %s line %d column %d (%s), want u.csv line 3 column %d (%s)",
					err, ce.File, ce.Line, ce.Column, ce.Field, c.col, c.field)
			}
			var fe *input.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v has no FieldError", err)
			}
			if fe.Path != c.path || fmt.Sprint(fe.Value) != fmt.Sprint(c.value) {
				t.Errorf("FieldError %s = %v, want %s = %v", fe.Path, fe.Value, c.path, c.value)
			}
			if strings.Count(err.Error(), "grid: ") != 1 {
				t.Errorf("error %q does not start with one package prefix", err)
			}
		})
	}
	_, err := ReadUnits(strings.NewReader("name,capacity_mw,mttf_h,mttr_h\nB,100,900,0.05\n"), "u.csv")
	want := `grid: u.csv line 2, column 4 (mttr_h): mttr_h = 0.05, want finite >= 0.1 (MinDurationHours) (unit "B")`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// TestReadUnitsFORCells locates the errors of a file given by forced
// outage rate at the for column.
func TestReadUnitsFORCells(t *testing.T) {
	for _, c := range []struct{ row, want string }{
		{"a,1,0,1", `u.csv line 2, column 3 (for): for = 0, want in (0, 1)`},
		{"a,1,0.9999,1", `u.csv line 2, column 3 (for): for = 0.9999 with mttr_h = 1 gives mttf_h = 0.000100010001000089, want finite >= 0.1 (MinDurationHours) (unit "a")`},
		{"a,1,0.1,0.05", `u.csv line 2, column 4 (mttr_h): mttr_h = 0.05, want finite >= 0.1 (MinDurationHours) (unit "a")`},
	} {
		_, err := ReadUnits(strings.NewReader("name,capacity_mw,for,mttr_h\n"+c.row+"\n"), "u.csv")
		var fe *input.FieldError
		if err == nil || err.Error() != "grid: "+c.want || !errors.As(err, &fe) {
			t.Errorf("got  %v\nwant grid: %s", err, c.want)
		}
	}
}

// TestReadUnitsClass: a class column is read into Unit.Class, and a system
// whose units name classes it does not define is refused, naming the unit
// and the class, instead of being assessed without them.
func TestReadUnitsClass(t *testing.T) {
	units, err := ReadUnits(strings.NewReader("name,capacity_mw,mttf_h,mttr_h,class\nA,100,900,10,hydro\nB,50,900,10,\n"), "u.csv")
	if err != nil {
		t.Fatal(err)
	}
	if units[0].Class != "hydro" || units[1].Class != "" {
		t.Fatalf("classes %q, %q; want hydro and none", units[0].Class, units[1].Class)
	}
	sys := &System{Units: units, Load: []float64{50, 60}}
	if err := sys.Validate(); err == nil || !strings.Contains(err.Error(), `units[0].class = "hydro"`) {
		t.Fatalf("system without its classes: err = %v", err)
	}
	sys.Classes = []Class{{Name: "hydro", Monthly: []float64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5}}}
	if err := sys.Validate(); err != nil {
		t.Fatalf("with its classes: %v", err)
	}
}
