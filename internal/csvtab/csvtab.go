// Package csvtab reads the CSV tables of carveout's inputs (generating
// units, hourly loads, the scenario data) with one set of rules, so that a
// file that one package accepts another does not read differently.
//
// The rules:
//
//   - Lines starting with '#' before the header row are comments; after
//     it, every line is a row (a unit named "#1" is data, not a comment).
//
//   - The header row names the columns, matched without regard to case or
//     surrounding spaces (and a spreadsheet's byte-order mark); a repeated
//     name is an error. Every row has as many fields as the header.
//
//   - Cells are trimmed of surrounding spaces.
//
//   - A number is a plain decimal as [strconv.ParseFloat] reads it, without
//     Go's digit separators or hexadecimal ("1_000" and "0x1p4" are
//     refused); "NaN" and "Inf" parse, for the caller's check to refuse.
//
//   - An hour series ([ReadSeries]) is one row per consecutive hour; an
//     integer hour column must count them without gaps.
//
//   - A file is text, without NUL bytes, at most [input.MaxCSVBytes] long, and a series at most
//     [hourcal.MaxHours] rows; reading stops at the limit.
//
// Every error is an [*input.CSVError] naming the file, the line and, for a
// cell, the column number and header name; a bad value is an
// [*input.FieldError] inside it.
package csvtab

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/carveout/carveout/input"
)

// maxBytes is input.MaxCSVBytes, a variable for tests.
var maxBytes int64 = input.MaxCSVBytes

// errBinary is the error of a file with a NUL byte, which no text file
// holds: refusing it at once stops a binary file or a device such as
// /dev/zero without reading on.
var errBinary = errors.New("a NUL byte: not a text file")

// textReader reads r, failing at the first NUL byte.
type textReader struct{ r io.Reader }

func (t textReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if i := bytes.IndexByte(p[:n], 0); i >= 0 {
		return i, errBinary
	}
	return n, err
}

// Table reads a CSV file row by row, its cells addressed by header name.
type Table struct {
	file     string
	r        *csv.Reader
	cols     map[string]int // lower-case header name -> field index
	head     []string       // lower case
	raw      []string       // as written, trimmed
	rec      []string
	line     int // line of the current row
	headLine int
}

// New reads the header row of a CSV file called file (the name errors
// give) from r.
func New(r io.Reader, file string) (*Table, error) {
	cr := csv.NewReader(textReader{input.LimitReader(r, maxBytes, "", "MaxCSVBytes")})
	cr.FieldsPerRecord = 0 // every row must have as many fields as the header
	cr.TrimLeadingSpace = true
	cr.Comment = '#'
	head, err := cr.Read()
	if err == io.EOF {
		return nil, &input.CSVError{File: file, Err: errors.New("empty file, want a header row")}
	}
	if err != nil {
		return nil, readError(file, err, 0)
	}
	cr.Comment = 0 // comments only before the header
	line, _ := cr.FieldPos(0)
	t := &Table{file: file, r: cr, cols: make(map[string]int, len(head)), line: line, headLine: line}
	for i, h := range head {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff") // byte-order mark written by spreadsheets
		}
		t.raw = append(t.raw, strings.TrimSpace(h))
		h = strings.ToLower(strings.TrimSpace(h))
		t.head = append(t.head, h)
		if h == "" {
			continue
		}
		if j, dup := t.cols[h]; dup {
			return nil, &input.CSVError{File: file, Line: line, Column: i + 1, Field: h,
				Err: fmt.Errorf("header repeats column %q (also column %d)", h, j+1)}
		}
		t.cols[h] = i
	}
	return t, nil
}

// File returns the file's name.
func (t *Table) File() string { return t.file }

// Has reports whether the header has a column called name (lower case).
func (t *Table) Has(name string) bool { _, ok := t.cols[name]; return ok }

// Columns returns the header's column names, in lower case.
func (t *Table) Columns() []string { return t.head }

// Heading returns the header cell of the column called name (lower case)
// as the file writes it, trimmed of spaces, or "" when there is none: for
// a header that carries a name of its own ("load_mw_North"), whose case
// the file chooses.
func (t *Table) Heading(name string) string {
	i, ok := t.cols[name]
	if !ok {
		return ""
	}
	return t.raw[i]
}

// Column returns the number (counting from 1) of the column called name,
// or 0 when there is none.
func (t *Table) Column(name string) int {
	i, ok := t.cols[name]
	if !ok {
		return 0
	}
	return i + 1
}

// Require returns an error on the header line unless every named column
// is present.
func (t *Table) Require(names ...string) error {
	for _, n := range names {
		if !t.Has(n) {
			return t.HeaderError(fmt.Errorf("header has no %q column (columns: %s)", n, strings.Join(t.head, ",")))
		}
	}
	return nil
}

// HeaderError returns err located on the header line.
func (t *Table) HeaderError(err error) *input.CSVError {
	return &input.CSVError{File: t.file, Line: t.headLine, Err: err}
}

// Next reads the next row. It returns false at the end of the file, and
// false with an error for a row it cannot read.
func (t *Table) Next() (bool, error) {
	rec, err := t.r.Read()
	if err == io.EOF {
		return false, nil
	}
	if err != nil {
		return false, readError(t.file, err, len(t.head))
	}
	t.rec = rec
	t.line, _ = t.r.FieldPos(0)
	return true, nil
}

// Line returns the line number of the current row (of the header before
// the first call to [Table.Next]).
func (t *Table) Line() int { return t.line }

// String returns the trimmed cell of column name in the current row, or ""
// when there is no such column.
func (t *Table) String(name string) string {
	i, ok := t.cols[name]
	if !ok || t.rec == nil {
		return ""
	}
	return strings.TrimSpace(t.rec[i])
}

// CellError returns err located at the cell of column name in the current
// row; without such a column it names the row alone.
func (t *Table) CellError(name string, err error) *input.CSVError {
	return t.ErrorAt(t.line, name, err)
}

// HeaderCellError returns err located at the header cell of column name;
// without such a column it names the header line alone.
func (t *Table) HeaderCellError(name string, err error) *input.CSVError {
	return t.ErrorAt(t.headLine, name, err)
}

// ErrorAt returns err located at the given line, in column name when the
// table has one: for a check that can only be made once other rows, or
// other files, have been read.
func (t *Table) ErrorAt(line int, name string, err error) *input.CSVError {
	e := &input.CSVError{File: t.file, Line: line, Err: err}
	if i, ok := t.cols[name]; ok {
		e.Column, e.Field = i+1, name
	}
	return e
}

// Float parses the cell of column name as a number (see [ParseFloat]) and
// checks it with check, which returns what is wanted or "" when x is
// good; a nil check accepts any number. A missing column is an error.
func (t *Table) Float(name string, check func(x float64) string) (float64, error) {
	if err := t.Require(name); err != nil {
		return 0, err
	}
	s := t.String(name)
	x, err := ParseFloat(s)
	if err != nil {
		return 0, t.CellError(name, input.Field(name, strconv.Quote(s), "a decimal number"))
	}
	if check != nil {
		if want := check(x); want != "" {
			return 0, t.CellError(name, input.Field(name, x, want))
		}
	}
	return x, nil
}

// Floats reads the cells of the named columns with [Table.Float].
func (t *Table) Floats(names []string, check func(float64) string) ([]float64, error) {
	out := make([]float64, len(names))
	for i, n := range names {
		v, err := t.Float(n, check)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// Int parses the cell of column name as a whole number in [lo, hi].
func (t *Table) Int(name string, lo, hi int) (int, error) {
	if err := t.Require(name); err != nil {
		return 0, err
	}
	s := t.String(name)
	k, err := strconv.Atoi(s)
	if err != nil || k < lo || k > hi {
		return 0, t.CellError(name, input.Field(name, strconv.Quote(s), fmt.Sprintf("a whole number in [%d, %d]", lo, hi)))
	}
	return k, nil
}

// ParseFloat parses a plain decimal number: what [strconv.ParseFloat]
// accepts, less Go's digit separators ("1_000") and hexadecimal floats,
// which a data file does not mean.
func ParseFloat(s string) (float64, error) {
	x, err := strconv.ParseFloat(s, 64)
	if err == nil && strings.ContainsAny(s, "_xXpP") {
		err = strconv.ErrSyntax
	}
	return x, err
}

// readError converts an encoding/csv error, pointing a ragged row at its
// line.
func readError(file string, err error, fields int) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return &input.CSVError{File: file, Err: err}
	}
	if errors.Is(pe.Err, csv.ErrFieldCount) {
		return &input.CSVError{File: file, Line: pe.Line, Err: fmt.Errorf("row has a different number of fields than the header's %d", fields)}
	}
	return &input.CSVError{File: file, Line: pe.Line, Column: pe.Column, Err: pe.Err}
}
