package input

import (
	"encoding/json"
	"errors"
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
			`doc line 3, column 17: fleet[1]: unknown field "bogus"`},
		{"unknown top field", `{"name":"x","nope":2}`, `doc line 1, column 13: unknown field "nope"`},
		{"unknown nested", `{"sub":{"N":1,"M":2}}`, `doc line 1, column 15: sub: unknown field "M"`},
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
