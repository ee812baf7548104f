package grid

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"
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

func FuzzReadInterfaces(f *testing.F) {
	f.Add([]byte("from,to,capacity_mw\na,b,10\n"))
	f.Add([]byte("from,to,name,count,capacity_mw,capacity_forward_mw,capacity_backward_mw,for,mttf_h,mttr_h,source\ns,n,pole,2,,1600,1000,0.015,,48,\"a, b\"\nn,s,,,300,,,,8760,240,\ns,n,x,1,,1,2,,,,\n"))
	f.Add([]byte("from,to,capacity_forward_mw,capacity_backward_mw,mttf_h,mttr_h\na,a,1,1,,\nb,c,NaN,1,5,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ifaces, err := ReadInterfaces(bytes.NewReader(data), "interfaces.csv")
		if err != nil {
			return
		}
		seen := map[string]bool{}
		var zones []Zone
		for _, x := range ifaces {
			for _, z := range []string{x.From, x.To} {
				if !seen[z] {
					seen[z] = true
					zones = append(zones, Zone{Name: z})
				}
			}
		}
		if len(zones) <= MaxZones {
			if _, err := validateZones(zones, nil, ifaces); err != nil {
				t.Fatalf("ReadInterfaces accepted interfaces that do not validate: %v", err)
			}
		}
		again, err := ReadInterfaces(strings.NewReader(interfacesCSV(ifaces)), "again.csv")
		if err != nil || !reflect.DeepEqual(again, ifaces) {
			t.Fatalf("interfaces changed when written and read again: %v", err)
		}
	})
}

func FuzzReadZoneLoads(f *testing.F) {
	f.Add([]byte("hour,load_mw_a,load_mw_b\n0,1,2\n1,3,4\n"))
	f.Add([]byte("LOAD_MW_North,load_mw_x y\n1,2\n"))
	f.Add([]byte("load_mw,load_mw_a\n1,2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		zones, err := ReadZoneLoads(bytes.NewReader(data), "load.csv")
		if err != nil {
			return
		}
		if len(zones) == 0 || len(zones) > MaxZones {
			t.Fatalf("ReadZoneLoads accepted %d zones", len(zones))
		}
		if _, err := validateZones(zones, nil, nil); err != nil {
			t.Fatalf("ReadZoneLoads accepted zones that do not validate: %v", err)
		}
		if err := validateZoneLoads(zones); err != nil {
			t.Fatalf("ReadZoneLoads accepted loads that do not validate: %v", err)
		}
	})
}
