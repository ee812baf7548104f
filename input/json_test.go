package input

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

type testUnit struct {
	Name      string  `json:"name"`
	MTTRHours float64 `json:"mttr_h"`
}

type testDoc struct {
	Name  string           `json:"name"`
	Fleet []testUnit       `json:"fleet"`
	Extra map[string]int   `json:"extra,omitempty"`
	Any   any              `json:"any,omitempty"`
	Raw   json.RawMessage  `json:"raw,omitempty"`
	Sub   *struct{ N int } `json:"sub,omitempty"`
}

func TestDecodeJSONLocatesErrors(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"unknown field", "{\"fleet\": [\n  {\"name\": \"a\"},\n  {\"name\": \"b\", \"bogus\": 1}\n]}",
			`doc line 3, column 17: fleet[1].bogus: unknown field`},
		{"unknown top field", `{"name":"x","nope":2}`, `doc line 1, column 13: nope: unknown field`},
		{"unknown nested", `{"sub":{"N":1,"M":2}}`, `doc line 1, column 15: sub.M: unknown field`},
		{"misspelt field", `{"fleet":[{"name":"a","mttrh":2}]}`, `doc line 1, column 23: fleet[0].mttrh: unknown field (did you mean "mttr_h"?)`},
		{"misspelt top field", `{"nmae":"x"}`, `doc line 1, column 2: nmae: unknown field (did you mean "name"?)`},
		{"type", "{\"fleet\": [{\"name\": \"a\"},\n {\"mttr_h\": \"x\"}]}",
			`doc line 2, column 13: fleet[1].mttr_h: cannot unmarshal string into float64`},
		{"type object", `{"fleet": {"a": 1}}`, `doc line 1, column 11: fleet: cannot unmarshal object into []input.testUnit`},
		{"type in map", `{"extra": {"a": 1, "b": true}}`, `doc line 1, column 25: extra.b: cannot unmarshal bool into int`},
		{"syntax", "{\"fleet\": [\n {\"name\": \"a\",}]}", `doc line 2, column 15: fleet[0]: invalid character '}' looking for beginning of object key string`},
		{"truncated", `{"fleet": [{"name": "a"`, `doc line 1, column 24: fleet[0]: unexpected EOF`},
		{"trailing", "{\"name\":\"x\"}\n {}", `doc line 2, column 2: data after the JSON value`},
		{"empty", " ", `doc: empty document, want a JSON value`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var d testDoc
			err := DecodeJSON(strings.NewReader(c.in), &d, "doc")
			if err == nil || err.Error() != c.want {
				t.Fatalf("got  %v\nwant %s", err, c.want)
			}
			var je *JSONError
			if !errors.As(err, &je) {
				t.Errorf("%v is not a *JSONError", err)
			}
		})
	}
	var d testDoc
	in := `{"name":"x","fleet":[{"name":"a","mttr_h":5}],"any":{"free":[1]},"raw":{"k":1},"extra":{"a":1}}`
	if err := DecodeJSON(strings.NewReader(in), &d, "doc"); err != nil || d.Fleet[0].MTTRHours != 5 || d.Extra["a"] != 1 {
		t.Errorf("good document: %v, %+v", err, d)
	}
}

func TestDecodeJSONRefusesRepeatedAndMiscasedKeys(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"repeated", "{\"name\": \"a\",\n \"name\": \"b\"}", `doc line 2, column 2: key "name" given twice (also at line 1, column 2)`},
		{"repeated nested", `{"fleet":[{"mttr_h":1,"mttr_h":2}]}`, `doc line 1, column 23: fleet[0]: key "mttr_h" given twice (also at line 1, column 12)`},
		{"repeated in map", `{"extra":{"a":1,"a":2}}`, `doc line 1, column 17: extra: key "a" given twice (also at line 1, column 11)`},
		{"repeated in any", `{"any":{"a":1,"a":2}}`, `doc line 1, column 15: any: key "a" given twice (also at line 1, column 9)`},
		{"upper case", `{"NAME":"x"}`, `doc line 1, column 2: key "NAME", want "name": keys are case-sensitive`},
		{"mixed case nested", `{"fleet":[{"Mttr_H":1}]}`, `doc line 1, column 12: fleet[0]: key "Mttr_H", want "mttr_h": keys are case-sensitive`},
		{"case twin", `{"name":"a","Name":"b"}`, `doc line 1, column 13: key "Name", want "name": keys are case-sensitive`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var d testDoc
			err := DecodeJSON(strings.NewReader(c.in), &d, "doc")
			if err == nil || err.Error() != c.want {
				t.Fatalf("got  %v\nwant %s", err, c.want)
			}
		})
	}
	// Same keys in different objects, and a field without a tag under
	// its Go name, are fine.
	var d testDoc
	if err := DecodeJSON(strings.NewReader(`{"fleet":[{"name":"a"},{"name":"b"}],"sub":{"N":1}}`), &d, "doc"); err != nil {
		t.Error(err)
	}
}

func TestDecodeJSONSkipsByteOrderMark(t *testing.T) {
	var d testDoc
	if err := DecodeJSON(strings.NewReader("\ufeff{\"name\":\"x\"}"), &d, "doc"); err != nil || d.Name != "x" {
		t.Fatalf("%v, %+v", err, d)
	}
}

func TestDecodeJSONBoundsItsInput(t *testing.T) {
	// A binary stream without end fails at its first byte.
	var d testDoc
	err := DecodeJSON(zeros{}, &d, "doc")
	if err == nil || err.Error() != `doc line 1, column 1: invalid character '\x00' looking for beginning of value` {
		t.Fatalf("zeros: %v", err)
	}
	// A document longer than the limit is refused once the limit is
	// passed, naming it.
	long := io.MultiReader(strings.NewReader(`{"name":"`), spaces{})
	_, err = readJSON(long, "doc", 1<<16)
	var se *SizeError
	if !errors.As(err, &se) || !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "MaxJSONBytes") {
		t.Fatalf("long: %v", err)
	}
}

// zeros reads as an endless stream of NUL bytes, like /dev/zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// spaces reads as an endless stream of spaces.
type spaces struct{}

func (spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func TestLimitReader(t *testing.T) {
	for _, n := range []int{0, 9, 10} {
		b, err := io.ReadAll(LimitReader(strings.NewReader(strings.Repeat("x", n)), 10, "f", "Max"))
		if err != nil || len(b) != n {
			t.Errorf("%d bytes: %d, %v", n, len(b), err)
		}
	}
	b, err := io.ReadAll(LimitReader(strings.NewReader(strings.Repeat("x", 11)), 10, "f", "Max"))
	if err == nil || err.Error() != "f: longer than 10 bytes (Max), the most carveout reads" || len(b) != 10 {
		t.Errorf("11 bytes: %d, %v", len(b), err)
	}
}

// TestDecodeJSONRefusesDeepNesting: a million nested brackets (2 MB) used to
// exhaust memory in the error locator; they are refused at the first level
// beyond MaxJSONDepth, with its position. Brackets inside strings do not
// count.
func TestDecodeJSONRefusesDeepNesting(t *testing.T) {
	doc := strings.Repeat("[", 1_000_000) + strings.Repeat("]", 1_000_000)
	var v any
	err := DecodeJSON(strings.NewReader(doc), &v, "scenario")
	var je *JSONError
	if !errors.As(err, &je) || je.Line != 1 || je.Column != MaxJSONDepth+1 || !strings.Contains(err.Error(), "MaxJSONDepth") {
		t.Fatalf("err = %v, want MaxJSONDepth named at column %d", err, MaxJSONDepth+1)
	}
	var s struct {
		Name string `json:"name"`
	}
	if err := DecodeJSON(strings.NewReader(`{"name":"`+strings.Repeat("[{", 1000)+`"}`), &s, "x"); err != nil {
		t.Fatalf("brackets in a string: %v", err)
	}
}
