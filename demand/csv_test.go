package demand

import (
	"slices"
	"strings"
	"testing"
)

func TestReadHourlyCSV(t *testing.T) {
	in := "# hourly served load\ntimestamp, Load_MW ,note\n2025-01-01T00,12000.5,a\n2025-01-01T01, 11800 ,\n2025-01-01T02,0,\n"
	got, err := ReadHourlyCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{12000.5, 11800, 0}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	bad := []struct{ name, in, want string }{
		{"empty", "", "demand: csv: empty input"},
		{"no column", "time,mw\n1,2\n", `demand: csv: header "time,mw" has no load_mw column`},
		{"no rows", "load_mw\n", "demand: csv: no data rows"},
		{"not a number", "t,load_mw\na,1\nb,abc\n", `demand: csv line 3: load_mw = "abc", want a finite number >= 0`},
		{"negative", "load_mw\n-4\n", `demand: csv line 2: load_mw = "-4"`},
		{"NaN", "load_mw\nNaN\n", `demand: csv line 2: load_mw = "NaN"`},
		{"Inf", "load_mw\n+Inf\n", `demand: csv line 2: load_mw = "+Inf"`},
		{"ragged", "t,load_mw\n1,2\n3\n", "demand: csv:"},
	}
	for _, c := range bad {
		err := noPanic(t, c.name, func() error { _, err := ReadHourlyCSV(strings.NewReader(c.in)); return err })
		checkErr(t, c.name, err, c.want)
	}
}
