package study

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzDecodeScenario checks that the scenario decoder never panics, and
// that whatever it accepts is valid and survives a round trip. Seeds are
// added here and in testdata/fuzz/FuzzDecodeScenario/.
func FuzzDecodeScenario(f *testing.F) {
	f.Add([]byte(`{"name":"x","fleet":[{"name":"a","capacity_mw":100,"mttf_h":1000,"mttr_h":50}],"demand":{"base":{"hourly_mw":[50,60,70]}},"hours":24}`))
	f.Add([]byte(`{"name":"x","fleet":[],"demand":{}}`))
	f.Add([]byte(`{"name":"x","fleet":[{"name":"a","capacity_mw":-5,"mttf_h":1,"mttr_h":1}],"unknown":true}`))
	f.Add([]byte(`{"name":"x","classes":[{"name":"c","monthly":[1,1,1,1,1,1,1,1,1,1,1,2]}],"fleet":[{"name":"a","class":"c","capacity_mw":1,"mttf_h":1,"mttr_h":1}]}`))
	f.Add([]byte(`{"carveout":{"mw":2000,"mining_share":0.5,"policy":{"kind":"interruptible","notice_h":2,"compliance":0.9}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := DecodeScenario(bytes.NewReader(data))
		if err != nil {
			return
		}
		b, err := json.Marshal(sc)
		if err != nil {
			t.Fatalf("accepted scenario does not encode: %v", err)
		}
		again, err := DecodeScenario(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("accepted scenario does not decode after encoding: %v\n%s", err, b)
		}
		if again.Hash() != sc.Hash() {
			t.Fatal("hash changed across an encode/decode round trip")
		}
	})
}
