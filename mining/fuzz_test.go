package mining

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzDecodeModel checks that the mining model decoder never panics, and
// that what it accepts is valid and survives a round trip to the byte.
func FuzzDecodeModel(f *testing.F) {
	if b, err := json.Marshal(Defaults()); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"fleet": {"mw": 500, "economic": true, "tariff_usd_per_mwh": 0}, "network": {"height": 0}}`))
	f.Add([]byte(`{"fleet": {"pue": 0}}`))
	f.Add([]byte(`{"fleet": {"mw": 1, "mw": 2}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := DecodeModel(bytes.NewReader(data))
		if err != nil {
			return
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("accepted model does not validate: %v", err)
		}
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("accepted model does not encode: %v", err)
		}
		again, err := DecodeModel(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("encoded model does not decode: %v\n%s", err, b)
		}
		if b2, _ := json.Marshal(again); !bytes.Equal(b, b2) {
			t.Fatalf("round trip changed the model:\n%s\n%s", b, b2)
		}
	})
}
