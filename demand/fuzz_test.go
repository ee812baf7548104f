package demand

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/carveout/carveout/internal/hourcal"
)

// FuzzDecodeModel checks that the demand model decoder never panics, and
// that what it accepts is valid and survives a round trip to the byte.
func FuzzDecodeModel(f *testing.F) {
	f.Add([]byte(`{"base":{"hourly_mw":[50,60,70]}}`))
	f.Add([]byte(`{"base":{"hourly_mw":[50]},"lfu_sigma":0.03}`))
	f.Add([]byte(`{"base":{"hourly_mw":[50]},"base":{}}`))
	f.Add([]byte("\ufeff{}"))
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

// FuzzReadHourlyCSV checks that the hourly load reader never panics, and
// that what it accepts is a series of valid loads of at most MaxHours
// hours that reads back the same from its plainest CSV.
func FuzzReadHourlyCSV(f *testing.F) {
	f.Add([]byte("load_mw\n1\n2.5\n"))
	f.Add([]byte("# comment\nhour,load_mw\n1,3\n2,4\n"))
	f.Add([]byte("timestamp,LOAD_MW\n2025-01-01T00:00,1e3\n"))
	f.Add([]byte("load_mw\n1e309\n"))
	f.Add([]byte("\ufeffload_mw\r\n5\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		load, err := ReadHourlyCSV(bytes.NewReader(data), "load.csv")
		if err != nil {
			return
		}
		if len(load) < 1 || len(load) > hourcal.MaxHours {
			t.Fatalf("accepted %d hours", len(load))
		}
		var b strings.Builder
		b.WriteString("load_mw\n")
		for i, x := range load {
			if want := loadWant(x); want != "" {
				t.Fatalf("accepted hour %d = %v, want %s", i, x, want)
			}
			b.WriteString(strconv.FormatFloat(x, 'g', -1, 64) + "\n")
		}
		again, err := ReadHourlyCSV(strings.NewReader(b.String()), "load.csv")
		if err != nil {
			t.Fatalf("accepted series does not read back: %v", err)
		}
		if len(again) != len(load) {
			t.Fatalf("read back %d hours, was %d", len(again), len(load))
		}
		for i := range load {
			if again[i] != load[i] {
				t.Fatalf("hour %d read back as %v, was %v", i, again[i], load[i])
			}
		}
	})
}
