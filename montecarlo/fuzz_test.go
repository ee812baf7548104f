package montecarlo

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzExactSumJSON checks that ExactSum's decoder never panics, and that
// what it accepts is the canonical form: it encodes back to the same sum,
// and decodes again to the same state.
func FuzzExactSumJSON(f *testing.F) {
	var s ExactSum
	for _, x := range []float64{-3.5, 1e-300, 7e200, -2.25e-310} {
		s.Add(x)
		b, _ := json.Marshal(s)
		f.Add(b)
	}
	f.Add([]byte(`{"scaled_2_pow_minus_1074":"-12","special":"+inf"}`))
	f.Add([]byte(`{"scaled_2_pow_minus_1074":"0","special":"nan"}`))
	f.Add([]byte(`{"scaled_2_pow_minus_1074":"1","scaled_2_pow_minus_1074":"2"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var s ExactSum
		if err := json.Unmarshal(data, &s); err != nil {
			return
		}
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("accepted sum does not encode: %v", err)
		}
		var again ExactSum
		if err := json.Unmarshal(b, &again); err != nil {
			t.Fatalf("encoded sum %s does not decode: %v", b, err)
		}
		b2, _ := json.Marshal(again)
		if !bytes.Equal(b, b2) || again.scaled().Cmp(s.scaled()) != 0 {
			t.Fatalf("round trip changed the sum: %s, %s", b, b2)
		}
		if f1, f2 := s.Float64(), again.Float64(); f1 != f2 && (f1 == f1 || f2 == f2) {
			t.Fatalf("round trip changed Float64: %v, %v", f1, f2)
		}
	})
}
