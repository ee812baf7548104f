package grid

import (
	"bytes"
	"testing"

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
