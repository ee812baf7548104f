package input

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// JSONError is a JSON document that does not decode: a syntax error, a
// value of the wrong type, an unknown field, or data after the value. It
// names the line and column (counting from 1; the column in bytes) of the
// offending token and the path of the field it lies in.
type JSONError struct {
	// What names the document, e.g. "scenario".
	What string
	// Line and Column locate the offending token; 0 when unknown.
	Line, Column int
	// Path is the JSON path of the value holding the error, e.g.
	// "fleet[1].mttr_h" for a value of the wrong type, or of an unknown
	// field, e.g. "fleet[1].bogus"; "" at the top.
	Path string
	// Err is the error: the *json.SyntaxError or *json.UnmarshalTypeError
	// of encoding/json, or one describing an unknown field or trailing
	// data.
	Err error
}

// Error returns "What line L, column C: Path: message".
func (e *JSONError) Error() string {
	var b strings.Builder
	b.WriteString(e.What)
	if e.Line > 0 {
		fmt.Fprintf(&b, " line %d, column %d", e.Line, e.Column)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	var te *json.UnmarshalTypeError
	if errors.As(e.Err, &te) {
		fmt.Fprintf(&b, "cannot unmarshal %s into %s", te.Value, te.Type)
	} else {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *JSONError) Unwrap() error { return e.Err }

// DecodeJSON decodes one JSON value from r into v strictly: a field that v
// has no place for, a key given twice in one object, a key that matches a
// field only regardless of case ("TRIALS" for "trials"), data after the
// value, a syntax error and a value of the wrong type are errors. A
// leading byte-order mark is skipped, and a document longer than
// [MaxJSONBytes] is refused without reading the rest ([ReadJSON]). Such an error is a [*JSONError] naming what
// (the document, e.g. "scenario"), the line, the column and the path of
// the offending field; an error reading r is returned as it is.
func DecodeJSON(r io.Reader, v any, what string) error {
	data, err := ReadJSON(r, what)
	if err != nil {
		return err
	}
	if off := checkDepth(data); off >= 0 {
		e := &JSONError{What: what, Err: fmt.Errorf("arrays and objects nested more than %d deep (MaxJSONDepth)", MaxJSONDepth)}
		e.Line, e.Column = position(data, off)
		return e
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err = dec.Decode(v)
	switch {
	case err == io.EOF:
		return &JSONError{What: what, Err: errors.New("empty document, want a JSON value")}
	case err == nil:
		end := skipSpace(data, dec.InputOffset())
		if end != int64(len(data)) {
			e := &JSONError{What: what, Err: errors.New("data after the JSON value")}
			e.Line, e.Column = position(data, end)
			return e
		}
		// encoding/json matches keys regardless of case and keeps the
		// last of repeated ones: look for both.
		k := keyChecker{dec: json.NewDecoder(bytes.NewReader(data)), data: data}
		if k.value(reflect.TypeOf(v), "") {
			e := &JSONError{What: what, Path: k.path, Err: k.err}
			e.Line, e.Column = position(data, k.off)
			return e
		}
		return nil
	}
	e := &JSONError{What: what, Err: err}
	w := walker{dec: json.NewDecoder(bytes.NewReader(data)), data: data, typeEnd: -1}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		w.syntax = true
	case errors.As(err, &te):
		w.typeEnd = te.Offset
	case errors.Is(err, io.ErrUnexpectedEOF):
		w.syntax = true
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		// encoding/json names the field but not where it is.
	default:
		// A value's own UnmarshalJSON failed: find the value.
		w.custom = true
	}
	if w.value(reflect.TypeOf(v), "") {
		e.Path = w.path
		e.Line, e.Column = position(data, w.off)
		if w.unknown != "" {
			// The path names the unknown field itself, under the
			// whole path of the object holding it.
			e.Path = JoinPath(w.path, w.unknown)
			e.Err = errors.New("unknown field")
			if near := nearestField(w.unknownIn, w.unknown); near != "" {
				e.Err = fmt.Errorf("unknown field (did you mean %q?)", near)
			}
		}
	}
	if se != nil {
		e.Line, e.Column = position(data, se.Offset-1) // Offset is just past the bad byte
	}
	return e
}

// walker follows a JSON document and the Go type it decodes into, to find
// where decoding failed: the first field the type has no place for, the
// scalar or the opening bracket that ends at typeEnd (a type error), or
// the token that does not parse (syntax is set).
type walker struct {
	dec     *json.Decoder
	data    []byte
	typeEnd int64 // end offset of a value of the wrong type; -1 if none
	syntax  bool  // looking for a syntax error: ignore unknown fields
	custom  bool  // looking for a value whose UnmarshalJSON fails

	// The finding: the path, the offset of the token, and the name of an
	// unknown field.
	path      string
	off       int64
	unknown   string
	unknownIn reflect.Type // the struct type that has no field unknown
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// value walks one value decoding into t (nil: anything) at path and
// reports whether it found what it looks for.
func (w *walker) value(t reflect.Type, path string) bool {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	start := skipSpace(w.data, w.dec.InputOffset())
	if t != nil && (reflect.PointerTo(t).Implements(unmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType)) {
		var raw json.RawMessage
		if err := w.dec.Decode(&raw); err != nil || w.dec.InputOffset() == w.typeEnd {
			return w.found(path, start)
		}
		if u, ok := reflect.New(t).Interface().(json.Unmarshaler); ok && w.custom && u.UnmarshalJSON(raw) != nil {
			return w.found(path, start)
		}
		return false
	}
	tok, err := w.dec.Token()
	if err != nil {
		return w.found(path, start)
	}
	if w.dec.InputOffset() == w.typeEnd {
		return w.found(path, start)
	}
	switch tok {
	case json.Delim('{'):
		for w.dec.More() {
			kt, err := w.dec.Token()
			if err != nil {
				return w.found(path, skipSpace(w.data, start))
			}
			key, _ := kt.(string)
			var ft reflect.Type
			if t != nil {
				switch t.Kind() {
				case reflect.Struct:
					f, ok := structField(t, key)
					if !ok && !w.syntax && !w.custom {
						w.unknown, w.unknownIn = key, t
						return w.found(path, keyStart(w.data, w.dec.InputOffset()))
					}
					ft = f
				case reflect.Map:
					ft = t.Elem()
				}
			}
			if w.value(ft, JoinPath(path, key)) {
				return true
			}
		}
	case json.Delim('['):
		var et reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			et = t.Elem()
		}
		for i := 0; w.dec.More(); i++ {
			if w.value(et, path+"["+strconv.Itoa(i)+"]") {
				return true
			}
		}
	default:
		return false
	}
	if _, err := w.dec.Token(); err != nil { // the closing bracket
		return w.found(path, skipSpace(w.data, w.dec.InputOffset()))
	}
	return false
}

func (w *walker) found(path string, off int64) bool {
	w.path, w.off = path, off
	return true
}

// structField returns the type of the field of struct type t that
// encoding/json decodes key into: the exact name first, else one equal
// under case folding.
func structField(t reflect.Type, key string) (reflect.Type, bool) {
	ft, _, ok := structFieldName(t, key)
	return ft, ok
}

// structFieldName is [structField] that also returns the field's JSON
// name, which differs from key only in case when key matched by folding.
func structFieldName(t reflect.Type, key string) (reflect.Type, string, bool) {
	var fold reflect.Type
	var foldName string
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() && !f.Anonymous {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			continue // promoted: its fields are visible on their own
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if name == key {
			return f.Type, name, true
		}
		if fold == nil && strings.EqualFold(name, key) {
			fold, foldName = f.Type, name
		}
	}
	return fold, foldName, fold != nil
}

// nearestField returns the JSON name of the field of struct type t that
// key most likely misspells — the closest by edit distance (counting a
// swap of neighbours as one edit), at most min(2, len(key)/3) edits away
// (none for keys of one or two letters), the first such in field order —
// or "" if there is none.
func nearestField(t reflect.Type, key string) string {
	if t == nil || t.Kind() != reflect.Struct {
		return ""
	}
	best, most := "", min(2, len(key)/3)
	for _, f := range reflect.VisibleFields(t) {
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if !f.IsExported() || tag == "-" || (f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct) {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if d := editDistance(strings.ToLower(key), strings.ToLower(name)); d <= most {
			best, most = name, d-1
		}
	}
	return best
}

// editDistance returns the optimal-string-alignment distance between a
// and b, in bytes: insertions, deletions, substitutions and swaps of
// neighbours count one edit each.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			sub := d[i-1][j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			d[i][j] = min(sub, d[i-1][j]+1, d[i][j-1]+1)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// skipSpace returns the offset of the first byte at or after off that is
// neither white space nor a separator (',' or ':').
func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\n', '\r', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

// keyStart returns the offset of the opening quote of the object key
// whose closing quote is at end-1.
func keyStart(data []byte, end int64) int64 {
	for i := end - 2; i >= 0; i-- {
		if data[i] != '"' {
			continue
		}
		bs := 0
		for j := i - 1; j >= 0 && data[j] == '\\'; j-- {
			bs++
		}
		if bs%2 == 0 {
			return i
		}
	}
	return end
}

// position returns the line and column (both counting from 1, the column
// in bytes) of offset off in data.
func position(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = 1 + bytes.Count(before, []byte{'\n'})
	col = int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// keyChecker follows a JSON document that decoded without error, and the
// Go type it decoded into, looking for what encoding/json lets pass: a key
// repeated in one object (it keeps the last value) and a key that names a
// struct field only regardless of case.
type keyChecker struct {
	dec  *json.Decoder
	data []byte

	// The finding: the path of the object, the offset of the key and
	// the error.
	path string
	off  int64
	err  error
}

// value checks one value decoding into t (nil: anything) at path and
// reports whether it found a bad key.
func (k *keyChecker) value(t reflect.Type, path string) bool {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t != nil && (reflect.PointerTo(t).Implements(unmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType)) {
		t = nil // decodes itself: look for repeated keys only
	}
	tok, err := k.dec.Token()
	if err != nil {
		return false // cannot happen: the document decoded
	}
	switch tok {
	case json.Delim('{'):
		seen := map[string]int64{}
		for k.dec.More() {
			kt, err := k.dec.Token()
			if err != nil {
				return false
			}
			key, _ := kt.(string)
			off := keyStart(k.data, k.dec.InputOffset())
			if prev, dup := seen[key]; dup {
				line, col := position(k.data, prev)
				k.path, k.off = path, off
				k.err = fmt.Errorf("key %q given twice (also at line %d, column %d)", key, line, col)
				return true
			}
			seen[key] = off
			var ft reflect.Type
			if t != nil {
				switch t.Kind() {
				case reflect.Struct:
					f, name, _ := structFieldName(t, key)
					if name != "" && name != key {
						k.path, k.off = path, off
						k.err = fmt.Errorf("key %q, want %q: keys are case-sensitive", key, name)
						return true
					}
					ft = f
				case reflect.Map:
					ft = t.Elem()
				}
			}
			if k.value(ft, JoinPath(path, key)) {
				return true
			}
		}
	case json.Delim('['):
		var et reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			et = t.Elem()
		}
		for i := 0; k.dec.More(); i++ {
			if k.value(et, path+"["+strconv.Itoa(i)+"]") {
				return true
			}
		}
	default:
		return false
	}
	k.dec.Token() // the closing bracket
	return false
}
