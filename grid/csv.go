package grid

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/csvtab"
)

// ReadUnits reads generating units from CSV. The header row names the
// columns: capacity_mw, mttr_h and either mttf_h or for (the forced
// outage rate, in (0, 1): MTTF = MTTR·(1 − FOR)/FOR, as in data that give
// FOR and MTTR) are required; name, count (empty for 1; an explicit 0 is
// refused, as a file that means "no such unit" should drop the row) and
// the partial-outage columns derated_mw, partial_mttf_h and
// partial_mttr_h (empty or absent: no partial outages) are optional, and
// so is class, the unit's availability class ([Unit.Class]; a file holds
// no class definitions, so a system whose units name classes must be given
// its [System.Classes] before it validates), and so is zone, the unit's
// zone in a zonal system ([Unit.Zone]: letters, digits, '_' and '-'; see
// [ReadZonalSystemFiles] for how it must agree with the load file), and
// so are the dispatch columns cost_per_mwh, co2_t_per_mwh and fuel
// ([Unit.CostPerMWh], [Unit.CO2TPerMWh], [Unit.Fuel]; empty or absent:
// 0 and the group "other"); other columns are ignored. A unit without a name is called "unit<k>", k its
// data row counting from 1. Header matching, comments and numbers
// follow one set of rules for every CSV input (see [ReadLoad]).
//
// Every unit is checked by [Unit.Validate], and names must be unique
// after expanding counts. An error is an [*input.CSVError] naming file
// (the file argument), line and column; for a bad value it wraps the
// [*input.FieldError] of the field, so errors.As finds both.
func ReadUnits(r io.Reader, file string) ([]Unit, error) {
	if r == nil {
		return nil, errorf("%s: nil reader", file)
	}
	u, err := readUnits(r, file)
	if err != nil {
		return nil, errorf("%w", err)
	}
	return u.units, nil
}

// unitsFile is a units file as read: its table (for locating errors
// found later), its units and the line of each.
type unitsFile struct {
	t     *csvtab.Table
	units []Unit
	lines []int
}

func readUnits(r io.Reader, file string) (*unitsFile, error) {
	t, err := csvtab.New(r, file)
	if err != nil {
		return nil, err
	}
	if err := t.Require("capacity_mw"); err != nil {
		return nil, err
	}
	hasMTTF, hasFOR := t.Has("mttf_h"), t.Has("for")
	switch {
	case hasMTTF && hasFOR:
		return nil, t.HeaderError(errors.New("both mttf_h and for are given, want one of them"))
	case !hasMTTF && !hasFOR:
		return nil, t.HeaderError(fmt.Errorf(`header has no "mttf_h" or "for" column (columns: %s)`, strings.Join(t.Columns(), ",")))
	}
	if err := t.Require("mttr_h"); err != nil {
		return nil, err
	}
	var units []Unit
	var lines []int          // lines[i]: the line of units[i]
	seen := map[string]int{} // expanded name -> line
	for row := 1; ; row++ {
		ok, err := t.Next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		u, err := readUnit(t, row, hasFOR)
		if err != nil {
			return nil, err
		}
		for i := 1; i <= u.Count; i++ {
			name := u.Name
			if u.Count > 1 {
				name += "#" + strconv.Itoa(i)
			}
			if prev, dup := seen[name]; dup {
				return nil, t.CellError("name", &input.FieldError{Path: "name", Value: strconv.Quote(u.Name),
					Want: fmt.Sprintf("unique after expanding counts (%q duplicates the unit on line %d)", name, prev)})
			}
			seen[name] = t.Line()
			if len(seen) > MaxUnits {
				return nil, &input.CSVError{File: file, Line: t.Line(), Err: fmt.Errorf("more than %d units after expanding counts (MaxUnits)", MaxUnits)}
			}
		}
		units = append(units, u)
		lines = append(lines, t.Line())
	}
	if len(units) == 0 {
		return nil, t.HeaderError(errors.New("no units after the header, want at least 1"))
	}
	// The whole fleet must also fit the exact capacity grid.
	if _, bad, err := checkFleet(units); err != nil {
		e := &input.CSVError{File: file, Err: err}
		var fe *input.FieldError
		if bad >= 0 {
			e.Line = lines[bad]
			if errors.As(err, &fe) && t.Has(fe.Path) {
				e.Column, e.Field = t.Column(fe.Path), fe.Path
			}
		}
		return nil, e
	}
	return &unitsFile{t: t, units: units, lines: lines}, nil
}

// readUnit reads the unit on the current row of t, the row-th data row,
// and validates it with [Unit.Validate], locating a bad field at its cell.
func readUnit(t *csvtab.Table, row int, hasFOR bool) (Unit, error) {
	u := Unit{Name: t.String("name"), Count: 1, Class: t.String("class"), Zone: t.String("zone"), Fuel: t.String("fuel")}
	if u.Name == "" {
		u.Name = "unit" + strconv.Itoa(row)
	}
	if u.Zone != "" && !validZoneName(u.Zone) {
		return u, t.CellError("zone", &input.FieldError{Path: "zone", Value: strconv.Quote(u.Zone), Want: zoneNameWant, Note: fmt.Sprintf("unit %q", u.Name)})
	}
	var err error
	if u.CapacityMW, err = t.Float("capacity_mw", nil); err != nil {
		return u, err
	}
	if u.MTTRHours, err = t.Float("mttr_h", nil); err != nil {
		return u, err
	}
	var q float64
	if hasFOR {
		if q, err = t.Float("for", outageRate); err != nil {
			return u, err
		}
		u.MTTFHours = u.MTTRHours * (1 - q) / q
	} else if u.MTTFHours, err = t.Float("mttf_h", nil); err != nil {
		return u, err
	}
	for _, c := range []struct {
		name string
		v    *float64
	}{{"derated_mw", &u.DeratedMW}, {"partial_mttf_h", &u.PartialMTTFHours}, {"partial_mttr_h", &u.PartialMTTRHours},
		{"cost_per_mwh", &u.CostPerMWh}, {"co2_t_per_mwh", &u.CO2TPerMWh}} {
		if t.String(c.name) == "" {
			continue // empty or absent: no partial outages, no cost, no emissions
		}
		if *c.v, err = t.Float(c.name, nil); err != nil {
			return u, err
		}
	}
	if t.String("count") != "" {
		if u.Count, err = t.Int("count", 1, MaxUnits); err != nil {
			return u, err
		}
	}
	if err := u.Validate(); err != nil {
		var fe *input.FieldError
		errors.As(err, &fe)
		if fe.Path == "mttf_h" && hasFOR {
			return u, t.CellError("for", fmt.Errorf("for = %v with mttr_h = %v gives %w", q, u.MTTRHours, err))
		}
		return u, t.CellError(fe.Path, err)
	}
	return u, nil
}

// outageRate returns "" if q is a forced outage rate in (0, 1), else what
// is wanted.
func outageRate(q float64) string {
	if !(q > 0 && q < 1) {
		return "in (0, 1)"
	}
	return ""
}

// ReadLoad reads an hourly load series from CSV: the header row names a
// load_mw column, one row per chronological hour; other columns are
// ignored, except that columns named load_mw_<zone> make the file a zonal
// load, which [ReadZoneLoads] reads and ReadLoad refuses. Values must be
// finite and >= 0. An hour column whose first
// value is an integer is checked to count up by one from row to row, from
// 0 or 1 as the file chooses, either through the whole series or through
// each day (hours of the day, 1–24 or 0–23, restarting daily, as in files
// with a date column), so that a file out of order or with a missing hour
// is refused rather than read in the wrong order; an hour column of other
// text (timestamps) is ignored.
//
// The rules for every CSV input: header names are matched without regard
// to case or surrounding spaces; lines starting with '#' before the header
// are comments; a number is a plain decimal ("1_000" and hexadecimal are
// refused). Errors are [*input.CSVError]s naming file, line and column.
func ReadLoad(r io.Reader, file string) ([]float64, error) {
	if r == nil {
		return nil, errorf("%s: nil reader", file)
	}
	l, err := readLoads(r, file, singleLoad)
	if err != nil {
		return nil, errorf("%w", err)
	}
	return l.load, nil
}

// ReadZoneLoads reads the hourly loads of a zonal system from CSV: one
// column per zone, headed load_mw_<zone>, giving the zones in column
// order, at most [MaxZones] of them. The prefix is matched without regard
// to case, as header names are, and the zone's name is the rest of the
// header as written ("LOAD_MW_North" is zone "North"): letters, digits,
// '_' and '-', and matched exactly by units' zones and interfaces' ends.
// Every row is one chronological hour, each cell a load in MW, finite
// and >= 0, with the hour column and the other rules of [ReadLoad]; other
// columns are ignored, but a load_mw column beside the zones' is refused
// as ambiguous. The order of the zones is their priority when imports
// are short (see [Network]).
//
// A file with a single load_mw column is a copper plate's load, which
// [ReadLoad] reads; ReadZoneLoads refuses it. Errors are
// [*input.CSVError]s naming file, line and column.
func ReadZoneLoads(r io.Reader, file string) ([]Zone, error) {
	if r == nil {
		return nil, errorf("%s: nil reader", file)
	}
	l, err := readLoads(r, file, zonalLoad)
	if err != nil {
		return nil, errorf("%w", err)
	}
	return l.zones, nil
}

// zoneLoadPrefix begins the header of a zone's load column.
const zoneLoadPrefix = "load_mw_"

// loadFile is a load file as read: its table, and either one series
// (load) or one per zone (zones).
type loadFile struct {
	t     *csvtab.Table
	load  []float64
	zones []Zone
}

// Kinds of load file, for readLoads.
const (
	anyLoad    = iota // either kind
	singleLoad        // one load_mw column (ReadLoad)
	zonalLoad         // load_mw_<zone> columns (ReadZoneLoads)
)

// readLoads reads a load file, single or zonal as its header says (see
// [ReadLoad] and [ReadZoneLoads]), refusing the other kind than want
// before reading any row.
func readLoads(r io.Reader, file string, want int) (*loadFile, error) {
	t, err := csvtab.New(r, file)
	if err != nil {
		return nil, err
	}
	var cols []string
	for _, c := range t.Columns() {
		if strings.HasPrefix(c, zoneLoadPrefix) {
			cols = append(cols, c)
		}
	}
	switch {
	case want == singleLoad && len(cols) > 0:
		return nil, t.HeaderCellError(cols[0], fmt.Errorf("load_mw_<zone> columns (%s): a zonal load, read by ReadZoneLoads; ReadLoad reads one load_mw column", strings.Join(cols, ",")))
	case want == zonalLoad && len(cols) == 0 && t.Has("load_mw"):
		return nil, t.HeaderCellError("load_mw", errors.New(`one load_mw column: a single zone's load, read by ReadLoad; want one "load_mw_<zone>" column per zone`))
	}
	l := &loadFile{t: t}
	if len(cols) == 0 {
		if !t.Has("load_mw") {
			return nil, t.HeaderError(fmt.Errorf(`header has no "load_mw" column, nor "load_mw_<zone>" columns (columns: %s)`, strings.Join(t.Columns(), ",")))
		}
		s, err := t.Series([]string{"load_mw"}, nonNegative)
		if err != nil {
			return nil, err
		}
		l.load = s[0]
		return l, nil
	}
	if t.Has("load_mw") {
		return nil, t.HeaderCellError("load_mw", fmt.Errorf("a load_mw column beside load_mw_<zone> columns (%s), want one or the other: one load_mw column for a single zone, or one load_mw_<zone> column per zone", strings.Join(cols, ",")))
	}
	if len(cols) > MaxZones {
		return nil, t.HeaderCellError(cols[MaxZones], fmt.Errorf("%d load_mw_<zone> columns, want at most %d (MaxZones)", len(cols), MaxZones))
	}
	l.zones = make([]Zone, len(cols))
	for i, c := range cols {
		h := t.Heading(c)
		name := h[len(zoneLoadPrefix):] // the prefix is ASCII, as is any valid name
		if !validZoneName(name) {
			return nil, t.HeaderCellError(c, input.Field("zone", strconv.Quote(name), zoneNameWant+fmt.Sprintf(" after %q", zoneLoadPrefix)))
		}
		l.zones[i].Name = name
	}
	s, err := t.Series(cols, nonNegative)
	if err != nil {
		return nil, err
	}
	for i := range l.zones {
		l.zones[i].Load = s[i]
	}
	return l, nil
}

// ReadSystemFiles reads a system from a units file and a load file (see
// [ReadUnits] and [ReadLoad]); errors name the paths as given. It is
// [ReadZonalSystemFiles] without interfaces: a load file with
// load_mw_<zone> columns gives a zonal system whose zones trade nothing.
func ReadSystemFiles(unitsPath, loadPath string) (*System, error) {
	return ReadZonalSystemFiles(unitsPath, loadPath, "")
}

// ReadZonalSystemFiles reads a system from a units file, a load file and
// an interfaces file (see [ReadUnits], [ReadZoneLoads] and
// [ReadInterfaces]); interfacesPath "" means none. Errors name the paths
// as given, with line and column.
//
// The load file decides what the system is. With a single load_mw column
// it is one copper plate ([System.Load]): no unit may name a zone, and
// there can be no interfaces. With load_mw_<zone> columns it is zonal
// ([System.Zones], in column order): every unit names one of those zones
// in a zone column, every interface joins two of them, and every zone
// has units or an interface. A zone with load and no units of its own is
// legitimate when an interface feeds it (a distribution company that
// buys all its power from its neighbours); a zone with neither could
// never serve any of its load, which is almost always a zone name
// misspelt in one of the files, so it is refused at its load column. A
// zone with units and no interfaces is an island, assessed on its own.
//
// The system is not validated as a whole (the caller may add classes or
// load forecast uncertainty first): [System.Validate] does that.
func ReadZonalSystemFiles(unitsPath, loadPath, interfacesPath string) (*System, error) {
	units, err := openFile(unitsPath, readUnits)
	if err != nil {
		return nil, err
	}
	load, err := openFile(loadPath, func(r io.Reader, file string) (*loadFile, error) { return readLoads(r, file, anyLoad) })
	if err != nil {
		return nil, err
	}
	var ifaces *interfacesFile
	if interfacesPath != "" {
		if ifaces, err = openFile(interfacesPath, readInterfaces); err != nil {
			return nil, err
		}
	}
	sys, err := assembleSystem(units, load, ifaces)
	if err != nil {
		return nil, errorf("%w", err)
	}
	return sys, nil
}

// assembleSystem builds the system of a units file, a load file and, if
// not nil, an interfaces file, checking what no file can alone (see
// [ReadZonalSystemFiles]) and locating each error in the file, line and
// column that holds the offending name.
func assembleSystem(u *unitsFile, l *loadFile, f *interfacesFile) (*System, error) {
	loadName := l.t.File()
	if l.zones == nil {
		for i, un := range u.units {
			if un.Zone != "" {
				return nil, u.t.ErrorAt(u.lines[i], "zone", &input.FieldError{Path: "zone", Value: strconv.Quote(un.Zone),
					Want: fmt.Sprintf("empty: %s has one load_mw column, a single zone; a zonal system has a load_mw_<zone> column per zone", loadName), Note: fmt.Sprintf("unit %q", un.Name)})
			}
		}
		if f != nil {
			return nil, f.t.ErrorAt(f.lines[0][0], "from", input.Field("from", strconv.Quote(f.ifaces[0].From),
				fmt.Sprintf("a zone of %s, which has one load_mw column, a single zone: interfaces join the zones of load_mw_<zone> columns", loadName)))
		}
		return &System{Units: u.units, Load: l.load}, nil
	}
	names := make([]string, len(l.zones))
	known := make(map[string]bool, len(l.zones))
	for i, z := range l.zones {
		names[i] = z.Name
		known[z.Name] = true
	}
	zonesOf := fmt.Sprintf("a zone of %s (%s)", loadName, strings.Join(names, ", "))
	if !u.t.Has("zone") {
		return nil, u.t.HeaderError(fmt.Errorf(`header has no "zone" column (columns: %s), want one: %s has load_mw_<zone> columns, so every unit names its zone`, strings.Join(u.t.Columns(), ","), loadName))
	}
	connected := make(map[string]bool, len(l.zones))
	for i, un := range u.units {
		if !known[un.Zone] {
			want := zonesOf + ", which has no " + zoneLoadPrefix + un.Zone + " column"
			if un.Zone == "" {
				want = zonesOf + ": every unit names one when the load is zonal"
			}
			return nil, u.t.ErrorAt(u.lines[i], "zone", &input.FieldError{Path: "zone", Value: strconv.Quote(un.Zone), Want: want, Note: fmt.Sprintf("unit %q", un.Name)})
		}
		connected[un.Zone] = true
	}
	var ifaces []Interface
	if f != nil {
		ifaces = f.ifaces
		for i, fc := range f.ifaces {
			for _, end := range []struct{ field, zone string }{{"from", fc.From}, {"to", fc.To}} {
				if !known[end.zone] {
					return nil, f.t.ErrorAt(f.lines[i][0], end.field, input.Field(end.field, strconv.Quote(end.zone), zonesOf+", which has no "+zoneLoadPrefix+end.zone+" column"))
				}
				connected[end.zone] = true
			}
		}
	}
	for _, z := range l.zones {
		if !connected[z.Name] {
			col := zoneLoadPrefix + strings.ToLower(z.Name) // as csvtab names it
			return nil, l.t.HeaderCellError(col, &input.FieldError{Path: col, Value: fmt.Sprintf("zone %q, without units or interfaces", z.Name),
				Want: "a zone with units or an interface: nothing could serve its load (is the zone's name spelt the same in every file?)"})
		}
	}
	return &System{Units: u.units, Zones: l.zones, Interfaces: ifaces}, nil
}

// openFile reads the file at path with read, giving read the path as the
// file's name.
func openFile[T any](path string, read func(io.Reader, string) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, fmt.Errorf("grid: %w", err)
	}
	defer f.Close()
	t, err := read(f, path)
	if err != nil {
		var zero T
		return zero, errorf("%w", err)
	}
	return t, nil
}
