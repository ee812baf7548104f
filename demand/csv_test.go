package demand

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/carveout/carveout/input"
)

func TestReadHourlyCSV(t *testing.T) {
	in := "# hourly served load\ntimestamp, Load_MW ,note\n2025-01-01T00,12000.5,a\n2025-01-01T01, 11800 ,\n2025-01-01T02,0,\n"
	got, err := ReadHourlyCSV(strings.NewReader(in), "load.csv")
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{12000.5, 11800, 0}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	bad := []struct{ name, in, want string }{
		{"empty", "", "demand: load.csv: empty file"},
		{"no column", "time,mw\n1,2\n", `demand: load.csv line 1: header has no "load_mw" column (columns: time,mw)`},
		{"no rows", "load_mw\n", "demand: load.csv line 1: no hours after the header"},
		{"not a number", "t,load_mw\na,1\nb,abc\n", `demand: load.csv line 3, column 2 (load_mw): load_mw = "abc", want a decimal number`},
		{"negative", "load_mw\n-4\n", `demand: load.csv line 2, column 1 (load_mw): load_mw = -4, want finite and >= 0`},
		{"NaN", "load_mw\nNaN\n", `demand: load.csv line 2, column 1 (load_mw): load_mw = NaN`},
		{"Inf", "load_mw\n+Inf\n", `demand: load.csv line 2, column 1 (load_mw): load_mw = +Inf`},
		{"too large", "load_mw\n2e7\n", `load_mw = 2e+07, want <= 1e+07 (MaxLoadMW)`},
		{"ragged", "t,load_mw\n1,2\n3\n", "demand: load.csv line 3: row has a different number of fields"},
		// The rules of grid.ReadLoad: no digit separators, no skipped hour.
		{"digit separator", "load_mw\n1_000\n", `demand: load.csv line 2, column 1 (load_mw): load_mw = "1_000", want a decimal number`},
		{"skipped hour", "hour,load_mw\n0,10\n2,11\n", `demand: load.csv line 3, column 1 (hour): hour = "2", want 1: rows must be consecutive hours in order`},
	}
	for _, c := range bad {
		err := noPanic(t, c.name, func() error { _, err := ReadHourlyCSV(strings.NewReader(c.in), "load.csv"); return err })
		checkErr(t, c.name, err, c.want)
		var ce *input.CSVError
		if !errors.As(err, &ce) || ce.File != "load.csv" {
			t.Errorf("%s: %v is not a CSVError naming the file", c.name, err)
		}
	}
}
