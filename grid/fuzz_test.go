package grid

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/testsystems"
)

// The fuzz targets check that the readers of user input never panic, and
// that whatever they accept is valid and survives a round trip. Seeds are
// added here and in testdata/fuzz/<target>/.

func FuzzReadUnits(f *testing.F) {
	f.Add(testsystems.RBTSUnitsCSV)
	f.Add([]byte("capacity_mw,mttf_h,mttr_h\n10,100,5\n"))
	f.Add([]byte("name,count,capacity_mw,mttf_h,mttr_h,extra\na,2,1.5,10,1,x\nb,1,NaN,1,1,y\n"))
	f.Add([]byte("name,capacity_mw,mttf_h,mttr_h\n\"a,b\",1e308,1e-300,5\n"))
	f.Add([]byte("name,capacity_mw,mttf_h,mttr_h,derated_mw,partial_mttf_h,partial_mttr_h\na,100,900,100,40,300,30\nb,50,900,100,,,\nc,50,900,100,50,1,1\n"))
	f.Add([]byte("name,capacity_mw,for,mttr_h\na,400,0.12,150\nb,12,0.02,60\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		units, err := ReadUnits(bytes.NewReader(data), "units.csv")
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if err := (&System{Units: units, Load: []float64{1}}).Validate(); err != nil {
			t.Fatalf("ReadUnits accepted units that do not validate: %v", err)
		}
	})
}

func FuzzReadLoad(f *testing.F) {
	f.Add(testsystems.RBTSLoadCSV[:200])
	f.Add([]byte("load_mw\n1\n2.5\n"))
	f.Add([]byte("hour,load_mw\n1,-3\n"))
	f.Add([]byte("load_mw\n1e309\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		load, err := ReadLoad(bytes.NewReader(data), "load.csv")
		if err != nil {
			return
		}
		if _, err := NewLoadProfile(load); err != nil {
			t.Fatalf("ReadLoad accepted a load that does not index: %v", err)
		}
	})
}

// FuzzDecodeAdequacyShard checks that the adequacy shard decoder never
// panics, and that what it accepts passes its checks again and survives
// a round trip to the byte.
func FuzzDecodeAdequacyShard(f *testing.F) {
	sys := &System{Units: []Unit{{Name: "a", CapacityMW: 60, MTTFHours: 200, MTTRHours: 20}, {Name: "b", CapacityMW: 60, MTTFHours: 300, MTTRHours: 30}},
		Load: []float64{50, 80, 100, 90, 70, 60, 55, 50, 52, 58, 65, 75, 85, 95, 100, 98, 90, 80, 70, 65, 60, 58, 55, 52}}
	rep, err := Adequacy(context.Background(), sys, montecarlo.WithTrials(30), montecarlo.WithSeed(1), montecarlo.WithShard(0, 2))
	if err != nil {
		f.Fatal(err)
	}
	b, err := json.Marshal(rep.Shard())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"kind":"carveout-adequacy-shard","version":"0"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := DecodeAdequacyShard(bytes.NewReader(data))
		if err != nil {
			return
		}
		if err := s.State.Check(s.Done); err != nil {
			t.Fatalf("accepted shard's state fails its check: %v", err)
		}
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("accepted shard does not encode: %v", err)
		}
		again, err := DecodeAdequacyShard(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("accepted shard does not decode after encoding: %v", err)
		}
		if b2, _ := json.Marshal(again); !bytes.Equal(b, b2) {
			t.Fatal("shard changed across an encode/decode round trip")
		}
	})
}
