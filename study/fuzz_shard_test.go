package study

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

// FuzzDecodeShard checks that the shard and checkpoint decoder never
// panics, and that what it accepts is a shard whose state passes the
// study's checks again and that survives a round trip to the byte.
// Seeds: a complete shard and a checkpoint of a small study.
func FuzzDecodeShard(f *testing.F) {
	sc := rbtsScenario(f, 15, Policy{Kind: Interruptible, NoticeHours: 1})
	sc.Sweep = Sweep{SizesMW: []float64{10}}
	// Two weeks: each decode compiles the scenario.
	sc.Trials, sc.Hours = 40, 24*14
	sc.Demand.Base.HourlyMW = sc.Demand.Base.HourlyMW[:sc.Hours]
	_, res := runStudy(f, sc, montecarlo.WithShard(1, 2))
	b, err := json.Marshal(res.Shard())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	cp := *res.Shard()
	cp.Done, cp.State = 0, nil
	if st, err := NewStudy(sc); err == nil {
		cp.State = st.newState()
	}
	if c, err := json.Marshal(&cp); err == nil {
		f.Add(c)
	}
	f.Add([]byte(`{"kind":"carveout-study-shard","version":"0"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := DecodeShard(bytes.NewReader(data))
		if err != nil {
			return
		}
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("accepted shard does not encode: %v", err)
		}
		again, err := DecodeShard(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("accepted shard does not decode after encoding: %v", err)
		}
		b2, _ := json.Marshal(again)
		if !bytes.Equal(b, b2) {
			t.Fatal("shard changed across an encode/decode round trip")
		}
	})
}
