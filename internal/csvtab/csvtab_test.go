package csvtab

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/hourcal"
)

func nonNegative(x float64) string {
	if !(x >= 0) || x > 1e300 {
		return "finite >= 0"
	}
	return ""
}

func TestReadSeries(t *testing.T) {
	day := func(first int) string {
		var b strings.Builder
		b.WriteString("date,hour,load_mw\n")
		for d := range 2 {
			for h := range 24 {
				fmt.Fprintf(&b, "2025-01-0%d,%d,%d\n", d+1, first+h, h)
			}
		}
		return b.String()
	}
	good := []struct {
		name, in string
		n        int
	}{
		{"comment before header, BOM, spaces", "# served load\n\ufeff Hour , LOAD_MW \n0, 10\n1,11 \n", 2},
		{"no hour column", "load_mw\n1\n2\n3\n", 3},
		{"timestamps", "hour,load_mw\n2025-01-01T00,1\n2025-01-01T02,2\n", 2},
		{"counter from 1", "hour,load_mw\n1,1\n2,2\n3,3\n", 3},
		{"hours of the day from 0", day(0), 48},
		{"hours of the day from 1", day(1), 48},
	}
	for _, c := range good {
		got, err := ReadSeries(strings.NewReader(c.in), "l.csv", "load_mw", nonNegative)
		if err != nil || len(got) != c.n {
			t.Errorf("%s: got %v, %v; want %d values", c.name, got, err, c.n)
		}
	}
	got, _ := ReadSeries(strings.NewReader("hour,load_mw\n0,10\n1,11\n"), "l.csv", "load_mw", nil)
	if !slices.Equal(got, []float64{10, 11}) {
		t.Errorf("got %v, want [10 11]", got)
	}
	bad := []struct {
		name, in  string
		line, col int
		want      string
	}{
		{"skipped hour", "hour,load_mw\n0,10\n2,11\n", 3, 1, `hour = "2", want 1: rows must be consecutive hours in order`},
		{"first hour 2", "hour,load_mw\n2,10\n", 2, 1, `hour = "2", want 0 or 1 on the first row`},
		{"day restart then counter", strings.Replace(day(0), "2025-01-02,0,", "2025-01-02,24,", 1) + "x,25,1\n", 0, 0, ""},
		{"digit separator", "load_mw\n1_000\n", 2, 1, `load_mw = "1_000", want a decimal number`},
		{"hex", "load_mw\n0x10\n", 2, 1, `load_mw = "0x10", want a decimal number`},
		{"negative", "a,load_mw\n,-1\n", 2, 2, `load_mw = -1, want finite >= 0`},
		{"comment after header is a row", "load_mw\n# note\n", 2, 1, `load_mw = "# note", want a decimal number`},
		{"repeated column", "load_mw,LOAD_MW\n1,2\n", 1, 2, `header repeats column "load_mw" (also column 1)`},
		{"no column", "mw\n1\n", 1, 0, `header has no "load_mw" column (columns: mw)`},
		{"no rows", "load_mw\n", 1, 0, "no hours after the header, want at least 1"},
		{"empty", "", 0, 0, "empty file, want a header row"},
		{"ragged", "hour,load_mw\n0,1\n1\n", 3, 0, "row has a different number of fields than the header's 2"},
	}
	for _, c := range bad {
		_, err := ReadSeries(strings.NewReader(c.in), "l.csv", "load_mw", nonNegative)
		var ce *input.CSVError
		if !errors.As(err, &ce) || ce.File != "l.csv" {
			t.Errorf("%s: %v is not a CSVError naming the file", c.name, err)
			continue
		}
		if c.want == "" {
			continue
		}
		if ce.Line != c.line || ce.Column != c.col || ce.Err.Error() != c.want {
			t.Errorf("%s: got line %d column %d %q, want line %d column %d %q", c.name, ce.Line, ce.Column, ce.Err, c.line, c.col, c.want)
		}
	}
}

func TestTableCells(t *testing.T) {
	tab, err := New(strings.NewReader("name,count,x\n#1,3,2.5\nb,1.5,\n"), "t.csv")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := tab.Next(); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if n, err := tab.Int("count", 1, 10); tab.String("name") != "#1" || n != 3 || err != nil {
		t.Errorf("row 2: name %q count %d, %v", tab.String("name"), n, err)
	}
	if x, err := tab.Float("x", nonNegative); x != 2.5 || err != nil {
		t.Errorf("x = %v, %v", x, err)
	}
	if _, err := tab.Float("y", nil); err == nil || !strings.Contains(err.Error(), `t.csv line 1: header has no "y" column`) {
		t.Errorf("missing column: %v", err)
	}
	tab.Next()
	_, err = tab.Int("count", 1, 10)
	if err == nil || err.Error() != `t.csv line 3, column 2 (count): count = "1.5", want a whole number in [1, 10]` {
		t.Errorf("count: %v", err)
	}
	var fe *input.FieldError
	if !errors.As(err, &fe) || fe.Path != "count" {
		t.Errorf("count: no FieldError in %v", err)
	}
	if ok, err := tab.Next(); ok || err != nil {
		t.Errorf("end: %v, %v", ok, err)
	}
}

// TestReadSeriesStopsAtItsLimits checks that a series longer than
// MaxHours is refused at its first extra row, and an endless file (like
// /dev/zero) once it passes MaxCSVBytes, each error naming its limit.
func TestReadSeriesStopsAtItsLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("load_mw\n")
	for range hourcal.MaxHours {
		b.WriteString("1\n")
	}
	ok := b.String()
	if s, err := ReadSeries(strings.NewReader(ok), "load.csv", "load_mw", nil); err != nil || len(s) != hourcal.MaxHours {
		t.Fatalf("MaxHours rows: %d, %v", len(s), err)
	}
	// Endless rows: refused at the first beyond MaxHours, not read on.
	rows := io.MultiReader(strings.NewReader(ok), endless("1\n"))
	_, err := ReadSeries(rows, "load.csv", "load_mw", nil)
	want := fmt.Sprintf("load.csv line %d: more than %d rows of hours (MaxHours, ten years)", hourcal.MaxHours+2, hourcal.MaxHours)
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("endless rows: %v, want %s…", err, want)
	}
	_, err = ReadSeries(endless("\x00"), "zero.csv", "load_mw", nil)
	if err == nil || err.Error() != "zero.csv: a NUL byte: not a text file" {
		t.Errorf("endless zeros: %v", err)
	}
	defer func(n int64) { maxBytes = n }(maxBytes)
	maxBytes = 1 << 16
	_, err = ReadSeries(endless("1"), "one.csv", "load_mw", nil)
	if !errors.Is(err, input.ErrTooLarge) || !strings.HasPrefix(err.Error(), "one.csv: longer than 65536 bytes (MaxCSVBytes)") {
		t.Errorf("endless bytes: %v", err)
	}
}

// endless reads as s repeated without end.
type endless string

func (e endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = e[i%len(e)]
	}
	return len(p) - len(p)%len(e), nil
}

// TestSeriesColumns reads several series from one table, in the order
// asked, with the header as written, and locates errors found later at
// their header cell or line.
func TestSeriesColumns(t *testing.T) {
	tab, err := New(strings.NewReader("hour, Load_B ,load_a,note\n0,1,10,x\n1,2,20,y\n"), "l.csv")
	if err != nil {
		t.Fatal(err)
	}
	if h := tab.Heading("load_b"); h != "Load_B" {
		t.Errorf("heading %q, want Load_B", h)
	}
	s, err := tab.Series([]string{"load_a", "load_b"}, nonNegative)
	if err != nil || len(s) != 2 || !slices.Equal(s[0], []float64{10, 20}) || !slices.Equal(s[1], []float64{1, 2}) {
		t.Fatalf("series %v, %v", s, err)
	}
	if e := tab.HeaderCellError("load_a", errors.New("bad")); e.Error() != "l.csv line 1, column 3 (load_a): bad" {
		t.Errorf("header cell error %q", e)
	}
	if e := tab.ErrorAt(2, "nope", errors.New("bad")); e.Error() != "l.csv line 2: bad" {
		t.Errorf("error at line 2 %q", e)
	}
	tab, _ = New(strings.NewReader("hour,a,b\n0,1,2\n2,1,2\n"), "l.csv")
	if _, err := tab.Series([]string{"a", "b"}, nil); err == nil || !strings.Contains(err.Error(), "line 3, column 1 (hour)") {
		t.Errorf("skipped hour: %v", err)
	}
	tab, _ = New(strings.NewReader("a,b\n1,-2\n"), "l.csv")
	if _, err := tab.Series([]string{"a", "b"}, nonNegative); err == nil || err.Error() != "l.csv line 2, column 2 (b): b = -2, want finite >= 0" {
		t.Errorf("negative: %v", err)
	}
}
