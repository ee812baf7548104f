package grid

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// CSVError is an error in a CSV file. It names the file, the line (counting
// from 1, the header being line 1 in the usual layout) and the column
// (field number counting from 1, with its header name when known).
type CSVError struct {
	// File is the file's name.
	File string
	// Line is the line number, counting from 1; 0 when the error
	// concerns the whole file.
	Line   int
	Column int    // 0 when the error concerns a whole row or file
	Field  string // header name of the column, if any
	// Err is the underlying error.
	Err error
}

// Error returns the message "grid: File line L, column C (Field): Err",
// leaving out the parts that are zero.
func (e *CSVError) Error() string {
	var b strings.Builder
	b.WriteString("grid: ")
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, " line %d", e.Line)
	}
	if e.Column > 0 {
		fmt.Fprintf(&b, ", column %d", e.Column)
		if e.Field != "" {
			fmt.Fprintf(&b, " (%s)", e.Field)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *CSVError) Unwrap() error { return e.Err }

// csvTable reads a CSV file with a header row, mapping column names to
// field indices.
type csvTable struct {
	file string
	r    *csv.Reader
	cols map[string]int // lower-case header name -> field index
	head []string
}

func newCSVTable(r io.Reader, file string) (*csvTable, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 0 // every row must have as many fields as the header
	cr.TrimLeadingSpace = true
	head, err := cr.Read()
	if err == io.EOF {
		return nil, &CSVError{File: file, Err: errors.New("empty file, want a header row")}
	}
	if err != nil {
		return nil, csvReadError(file, err, nil)
	}
	line, _ := cr.FieldPos(0)
	t := &csvTable{file: file, r: cr, cols: make(map[string]int, len(head))}
	for i, h := range head {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff") // byte-order mark written by spreadsheets
		}
		h = strings.ToLower(strings.TrimSpace(h))
		t.head = append(t.head, h)
		if h == "" {
			continue
		}
		if j, dup := t.cols[h]; dup {
			return nil, &CSVError{File: file, Line: line, Column: i + 1, Field: h,
				Err: fmt.Errorf("header repeats column %q (also column %d)", h, j+1)}
		}
		t.cols[h] = i
	}
	return t, nil
}

// require returns the index of a required column.
func (t *csvTable) require(name string) (int, error) {
	i, ok := t.cols[name]
	if !ok {
		return 0, &CSVError{File: t.file, Line: 1, Err: fmt.Errorf("header has no %q column (columns: %s)", name, strings.Join(t.head, ","))}
	}
	return i, nil
}

// next reads the next row; it returns io.EOF at the end.
func (t *csvTable) next() ([]string, int, error) {
	rec, err := t.r.Read()
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	if err != nil {
		return nil, 0, csvReadError(t.file, err, t.head)
	}
	line, _ := t.r.FieldPos(0)
	return rec, line, nil
}

// csvReadError converts an encoding/csv error, pointing a ragged row at the
// first missing or extra field.
func csvReadError(file string, err error, head []string) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return &CSVError{File: file, Err: err}
	}
	if errors.Is(pe.Err, csv.ErrFieldCount) {
		return &CSVError{File: file, Line: pe.Line, Err: fmt.Errorf("row has a different number of fields than the header's %d", len(head))}
	}
	return &CSVError{File: file, Line: pe.Line, Column: pe.Column, Err: pe.Err}
}

// float parses field i of rec as a finite number and checks it.
func (t *csvTable) float(rec []string, line, i int, check func(float64) string) (float64, error) {
	s := strings.TrimSpace(rec[i])
	x, err := strconv.ParseFloat(s, 64)
	if err == nil && strings.ContainsAny(s, "_xXpP") {
		// ParseFloat also takes Go syntax ("1_000", hex floats); a data
		// file means plain decimals.
		err = strconv.ErrSyntax
	}
	if err != nil {
		return 0, &CSVError{File: t.file, Line: line, Column: i + 1, Field: t.head[i], Err: fmt.Errorf("%q is not a number", s)}
	}
	if want := check(x); want != "" {
		return 0, &CSVError{File: t.file, Line: line, Column: i + 1, Field: t.head[i], Err: fmt.Errorf("%s = %v, %s", t.head[i], x, want)}
	}
	return x, nil
}

// outageRate returns "" if q is a forced outage rate in (0, 1), else what
// is wanted.
func outageRate(q float64) string {
	if !(q > 0 && q < 1) {
		return "want in (0, 1)"
	}
	return ""
}

// ReadUnits reads generating units from CSV. The header row names the
// columns: capacity_mw, mttr_h and either mttf_h or for (the forced
// outage rate, in (0, 1): MTTF = MTTR·(1 − FOR)/FOR, as in data that give
// FOR and MTTR) are required; name, count
// (default 1, see [Unit]) and the partial-outage columns derated_mw,
// partial_mttf_h and partial_mttr_h (empty or absent: no partial outages)
// are optional; other columns are ignored. Header
// names are matched without regard to case or surrounding spaces. A unit
// without a name is called "unit<k>", k its data row counting from 1.
//
// Every value is checked as [Unit.Validate] does, and names must be unique
// after expanding counts; errors are [*CSVError]s naming file (the file
// argument), line and column.
func ReadUnits(r io.Reader, file string) ([]Unit, error) {
	t, err := newCSVTable(r, file)
	if err != nil {
		return nil, err
	}
	cCap, err := t.require("capacity_mw")
	if err != nil {
		return nil, err
	}
	cMTTF, hasMTTF := t.cols["mttf_h"]
	cFOR, hasFOR := t.cols["for"]
	switch {
	case hasMTTF && hasFOR:
		return nil, &CSVError{File: file, Line: 1, Field: "for", Err: errors.New("both mttf_h and for are given, want one of them")}
	case !hasMTTF && !hasFOR:
		return nil, &CSVError{File: file, Line: 1, Err: fmt.Errorf(`header has no "mttf_h" or "for" column (columns: %s)`, strings.Join(t.head, ","))}
	}
	cMTTR, err := t.require("mttr_h")
	if err != nil {
		return nil, err
	}
	cName, hasName := t.cols["name"]
	cCount, hasCount := t.cols["count"]
	partialCols := []string{"derated_mw", "partial_mttf_h", "partial_mttr_h"}
	var units []Unit
	seen := map[string]int{} // expanded name -> line
	for row := 1; ; row++ {
		rec, line, err := t.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		u := Unit{Count: 1}
		if hasName {
			u.Name = strings.TrimSpace(rec[cName])
		}
		if u.Name == "" {
			u.Name = "unit" + strconv.Itoa(row)
		}
		if u.CapacityMW, err = t.float(rec, line, cCap, positive); err != nil {
			return nil, err
		}
		if _, err := capacityDecimals(u.CapacityMW); err != nil {
			return nil, &CSVError{File: file, Line: line, Column: cCap + 1, Field: "capacity_mw", Err: err}
		}
		if u.MTTRh, err = t.float(rec, line, cMTTR, positive); err != nil {
			return nil, err
		}
		if hasMTTF {
			if u.MTTFh, err = t.float(rec, line, cMTTF, positive); err != nil {
				return nil, err
			}
		} else {
			q, err := t.float(rec, line, cFOR, outageRate)
			if err != nil {
				return nil, err
			}
			u.MTTFh = u.MTTRh * (1 - q) / q
			if d := duration(u.MTTFh); d != "" || u.MTTFh > MaxDurationH {
				return nil, &CSVError{File: file, Line: line, Column: cFOR + 1, Field: "for",
					Err: fmt.Errorf("for = %v with mttr_h = %v gives mttf_h = %v, want it in [%v, %v]", q, u.MTTRh, u.MTTFh, MinDurationH, MaxDurationH)}
			}
		}
		for k, name := range partialCols {
			c, ok := t.cols[name]
			if !ok || strings.TrimSpace(rec[c]) == "" {
				continue
			}
			v, err := t.float(rec, line, c, positive)
			if err != nil {
				return nil, err
			}
			switch k {
			case 0:
				u.DeratedMW = v
			case 1:
				u.PartialMTTFh = v
			default:
				u.PartialMTTRh = v
			}
		}
		if err := u.validatePartial(); err != nil {
			return nil, &CSVError{File: file, Line: line, Err: errors.New(strings.TrimPrefix(err.Error(), "grid: "))}
		}
		if hasCount {
			if s := strings.TrimSpace(rec[cCount]); s != "" {
				k, err := strconv.Atoi(s)
				if err != nil || k < 1 || k > MaxUnits {
					return nil, &CSVError{File: file, Line: line, Column: cCount + 1, Field: "count",
						Err: fmt.Errorf("count = %q, want a whole number in [1, %d]", s, MaxUnits)}
				}
				u.Count = k
			}
		}
		col := 0
		if hasName {
			col = cName + 1
		}
		for i := 1; i <= u.Count; i++ {
			name := u.Name
			if u.Count > 1 {
				name += "#" + strconv.Itoa(i)
			}
			if prev, dup := seen[name]; dup {
				return nil, &CSVError{File: file, Line: line, Column: col, Field: "name",
					Err: fmt.Errorf("unit name %q duplicates the unit on line %d", name, prev)}
			}
			seen[name] = line
			if len(seen) > MaxUnits {
				return nil, &CSVError{File: file, Line: line, Err: fmt.Errorf("more than %d units after expanding counts", MaxUnits)}
			}
		}
		units = append(units, u)
	}
	if len(units) == 0 {
		return nil, &CSVError{File: file, Line: 1, Err: errors.New("no units after the header, want at least 1")}
	}
	// The whole fleet must also fit the exact capacity grid.
	if _, err := (&System{Units: units}).Expand(); err != nil {
		return nil, &CSVError{File: file, Err: err}
	}
	return units, nil
}

// ReadLoad reads an hourly load series from CSV: the header row names a
// load_mw column (matched without regard to case), one row per
// chronological hour; other columns are ignored. Values must be finite and
// >= 0. An hour column whose first value is an integer is checked to count
// up by one from row to row, from 0 or 1 as the file chooses, either
// through the whole series or through each day (hours of the day, 1–24 or
// 0–23, restarting daily, as in files with a date column), so that a file
// out of order or with a missing hour is refused rather than read in the
// wrong order; an hour column of other text (timestamps) is ignored. Errors are [*CSVError]s naming file, line and column.
func ReadLoad(r io.Reader, file string) ([]float64, error) {
	t, err := newCSVTable(r, file)
	if err != nil {
		return nil, err
	}
	c, err := t.require("load_mw")
	if err != nil {
		return nil, err
	}
	cHour, hasHour := t.cols["hour"]
	var load []float64
	// The hour check: first, the first hour (0 or 1); prev, the previous
	// row's hour; daily, whether the hours restart each day (hour of day,
	// first … first+23, as in files with a date column), which a restart
	// after first+23 shows and a counter beyond it rules out.
	var first, prev int64
	daily, counting := false, false
	for {
		rec, line, err := t.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if hasHour {
			s := strings.TrimSpace(rec[cHour])
			h, perr := strconv.ParseInt(s, 10, 64)
			bad := func(want string) error {
				return &CSVError{File: file, Line: line, Column: cHour + 1, Field: "hour",
					Err: fmt.Errorf("hour = %q, want %s: rows must be consecutive hours in order", s, want)}
			}
			switch {
			case len(load) == 0 && perr != nil:
				hasHour = false // not numbered hours: ignored
			case len(load) == 0:
				if h != 0 && h != 1 {
					return nil, &CSVError{File: file, Line: line, Column: cHour + 1, Field: "hour",
						Err: fmt.Errorf("hour = %d on the first row, want 0 or 1", h)}
				}
				first = h
			case perr != nil:
				return nil, bad(strconv.FormatInt(prev+1, 10))
			case prev == first+23 && !counting:
				// The end of the first day or of a later one: the next
				// day's first hour, or the counter going on.
				switch h {
				case first:
					daily = true
				case prev + 1:
					if daily {
						return nil, bad(fmt.Sprintf("%d (hours of the day restart)", first))
					}
					counting = true
				default:
					return nil, bad(fmt.Sprintf("%d or %d", prev+1, first))
				}
			case h != prev+1:
				return nil, bad(strconv.FormatInt(prev+1, 10))
			}
			prev = h
		}
		x, err := t.float(rec, line, c, nonNegative)
		if err != nil {
			return nil, err
		}
		load = append(load, x)
	}
	if len(load) == 0 {
		return nil, &CSVError{File: file, Line: 1, Err: errors.New("no hours after the header, want at least 1")}
	}
	return load, nil
}

// nonNegative returns "" if x is finite and >= 0, else what is wanted.
func nonNegative(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
		return "want finite >= 0"
	}
	return ""
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
