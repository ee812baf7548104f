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
// its [System.Classes] before it validates); other columns are ignored. A unit without a name is called "unit<k>", k
// its data row counting from 1. Header matching, comments and numbers
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
	units, err := readUnits(r, file)
	if err != nil {
		return nil, errorf("%w", err)
	}
	return units, nil
}

func readUnits(r io.Reader, file string) ([]Unit, error) {
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
	return units, nil
}

// readUnit reads the unit on the current row of t, the row-th data row,
// and validates it with [Unit.Validate], locating a bad field at its cell.
func readUnit(t *csvtab.Table, row int, hasFOR bool) (Unit, error) {
	u := Unit{Name: t.String("name"), Count: 1, Class: t.String("class")}
	if u.Name == "" {
		u.Name = "unit" + strconv.Itoa(row)
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
	}{{"derated_mw", &u.DeratedMW}, {"partial_mttf_h", &u.PartialMTTFHours}, {"partial_mttr_h", &u.PartialMTTRHours}} {
		if t.String(c.name) == "" {
			continue // empty or absent: no partial outages
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
// ignored. Values must be finite and >= 0. An hour column whose first
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
	load, err := csvtab.ReadSeries(r, file, "load_mw", nonNegative)
	if err != nil {
		return nil, errorf("%w", err)
	}
	return load, nil
}

// ReadSystemFiles reads a system from a units file and a load file (see
// [ReadUnits] and [ReadLoad]); errors name the paths as given.
func ReadSystemFiles(unitsPath, loadPath string) (*System, error) {
	units, err := readFile(unitsPath, ReadUnits)
	if err != nil {
		return nil, err
	}
	load, err := readFile(loadPath, ReadLoad)
	if err != nil {
		return nil, err
	}
	return &System{Units: units, Load: load}, nil
}

func readFile[T any](path string, read func(io.Reader, string) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, fmt.Errorf("grid: %w", err)
	}
	defer f.Close()
	return read(f, path)
}
