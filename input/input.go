// Package input holds what every carveout decoder and validator shares:
// the structured errors that say which field of which input is wrong, and
// where.
//
// A researcher's scenario, CSV tables and JSON documents pass through
// several packages (grid checks units, demand checks its model, mining its
// economics, the study the whole document). Each package validates its own
// fields, but a user needs one kind of answer whichever package objects:
// the field's path, the value found and what was wanted, and for a file
// its name, line and column. So validators return a [*FieldError] whose
// Path is relative to the value they were given; a caller that holds that
// value inside a larger document prefixes the path with [In] (the scenario
// turns "mttr_h" into "fleet[12].mttr_h"), and a reader of a file wraps it
// in a [*CSVError] naming the cell. Every wrapper keeps the error chain,
// so errors.As finds the FieldError (or CSVError) whatever context was
// added around it.
//
// JSON documents are decoded by one function, [DecodeJSON], strictly
// (unknown fields, keys given twice or in the wrong case, and trailing
// data are errors), and its [*JSONError] gives the line, column and path
// of a syntax error, a value of the wrong type or a bad key. Inputs are
// bounded while they are read ([MaxJSONBytes], [MaxCSVBytes]), so a huge
// or endless file is refused with a [*SizeError] naming the limit rather
// than exhausting memory.
package input

import (
	"errors"
	"fmt"
	"strings"
)

// FieldError says that one field of an input has a bad value.
type FieldError struct {
	// Path locates the field by its JSON names, e.g. "fleet[12].mttr_h",
	// relative to the value that was validated.
	Path string
	// Value is the value found.
	Value any
	// Want says what was wanted, e.g. "finite >= 0.1 (MinDurationHours)".
	Want string
	// Note adds context that is not part of the path, e.g. `unit "B"`.
	Note string
}

// Field returns a FieldError for the field at path holding value, where
// want says what was wanted.
func Field(path string, value any, want string) *FieldError {
	return &FieldError{Path: path, Value: value, Want: want}
}

// Error returns "path = value, want …", followed by the note in
// parentheses when there is one.
func (e *FieldError) Error() string {
	var b strings.Builder
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(" = ")
	}
	fmt.Fprintf(&b, "%v, want %s", e.Value, e.Want)
	if e.Note != "" {
		fmt.Fprintf(&b, " (%s)", e.Note)
	}
	return b.String()
}

// In returns err located inside the field at prefix: a [*FieldError]
// anywhere in err's chain gets prefix in front of its path (joined by a
// dot, or directly before an index such as "[3]"), and any other error is
// wrapped as "prefix: err". A nil err stays nil; an empty prefix leaves
// err as it is.
func In(err error, prefix string) error {
	if err == nil || prefix == "" {
		return err
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		fe.Path = JoinPath(prefix, fe.Path)
		return err
	}
	return fmt.Errorf("%s: %w", prefix, err)
}

// JoinPath joins two parts of a field path: "fleet[2]" and "mttr_h" give
// "fleet[2].mttr_h"; "fleet" and "[2]" give "fleet[2]".
func JoinPath(prefix, path string) string {
	switch {
	case prefix == "":
		return path
	case path == "":
		return prefix
	case path[0] == '[':
		return prefix + path
	}
	return prefix + "." + path
}

// CSVError is an error in a CSV file. It names the file, the line
// (counting from 1, the header being line 1) and the column (counting
// from 1, with its header name when known).
type CSVError struct {
	// File is the file's name.
	File string
	// Line is the line number, counting from 1; 0 when the error
	// concerns the whole file.
	Line int
	// Column is the field number, counting from 1; 0 when the error
	// concerns a whole row or file.
	Column int
	// Field is the header name of the column, if any.
	Field string
	// Err is the underlying error, often a [*FieldError].
	Err error
}

// Error returns "File line L, column C (Field): Err", leaving out the
// parts that are zero.
func (e *CSVError) Error() string {
	var b strings.Builder
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
