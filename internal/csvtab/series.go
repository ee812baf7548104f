package csvtab

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/hourcal"
)

// ReadSeries reads an hourly series from the column called column (lower
// case) of a CSV file, one row per chronological hour; other columns are
// ignored. Each value is a number (see [ParseFloat]) that check accepts
// (check returns what is wanted, or "" for a good value).
//
// An "hour" column whose first value is an integer is checked to count up
// by one from row to row, from 0 or 1 as the file chooses, either through
// the whole series or through each day (hours of the day, 1–24 or 0–23,
// restarting daily, as in files with a date column), so that a file out of
// order or with a missing hour is refused rather than read in the wrong
// order. An hour column of other text (timestamps) is ignored. A series
// longer than [hourcal.MaxHours] is refused at its first extra row, without
// reading the rest.
func ReadSeries(r io.Reader, file, column string, check func(float64) string) ([]float64, error) {
	t, err := New(r, file)
	if err != nil {
		return nil, err
	}
	if err := t.Require(column); err != nil {
		return nil, err
	}
	s, err := t.Series([]string{column}, check)
	if err != nil {
		return nil, err
	}
	return s[0], nil
}

// Series reads the rest of the table as hourly series, one from each of
// the named columns (lower case, each present), one row per
// chronological hour, with the checks of [ReadSeries]: every cell of
// those columns a number that check accepts, an integer "hour" column
// counting the rows. It returns the series in the order of columns, all
// of one length, at least 1 and at most [hourcal.MaxHours].
func (t *Table) Series(columns []string, check func(float64) string) ([][]float64, error) {
	if err := t.Require(columns...); err != nil {
		return nil, err
	}
	var hc hourCheck
	hc.on = t.Has("hour")
	out := make([][]float64, len(columns))
	for n := 0; ; n++ {
		ok, err := t.Next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		if n == hourcal.MaxHours {
			return nil, &input.CSVError{File: t.file, Line: t.Line(),
				Err: fmt.Errorf("more than %d rows of hours (MaxHours, ten years), the most a series holds", hourcal.MaxHours)}
		}
		if hc.on {
			if want := hc.next(t.String("hour"), n == 0); want != "" {
				return nil, t.CellError("hour", input.Field("hour", strconv.Quote(t.String("hour")), want))
			}
		}
		for i, c := range columns {
			x, err := t.Float(c, check)
			if err != nil {
				return nil, err
			}
			out[i] = append(out[i], x)
		}
	}
	if len(columns) == 0 || len(out[0]) == 0 {
		return nil, t.HeaderError(errors.New("no hours after the header, want at least 1"))
	}
	return out, nil
}

// hourCheck follows an hour column. first is the first hour (0 or 1);
// prev, the previous row's hour; daily, whether the hours restart each day
// (hour of day, first … first+23, as in files with a date column), which a
// restart after first+23 shows and a counter beyond it (counting) rules
// out.
type hourCheck struct {
	on              bool
	first, prev     int64
	daily, counting bool
}

// next checks the hour cell s of the next row and returns what was wanted
// instead, or "".
func (c *hourCheck) next(s string, firstRow bool) string {
	h, perr := strconv.ParseInt(s, 10, 64)
	const inOrder = ": rows must be consecutive hours in order"
	switch {
	case firstRow && perr != nil:
		c.on = false // not numbered hours: ignored
		return ""
	case firstRow:
		if h != 0 && h != 1 {
			return "0 or 1 on the first row"
		}
		c.first = h
	case perr != nil:
		return strconv.FormatInt(c.prev+1, 10) + inOrder
	case c.prev == c.first+23 && !c.counting:
		// The end of the first day or of a later one: the next day's
		// first hour, or the counter going on.
		switch h {
		case c.first:
			c.daily = true
		case c.prev + 1:
			if c.daily {
				return fmt.Sprintf("%d (hours of the day restart)%s", c.first, inOrder)
			}
			c.counting = true
		default:
			return fmt.Sprintf("%d or %d%s", c.prev+1, c.first, inOrder)
		}
	case h != c.prev+1:
		return strconv.FormatInt(c.prev+1, 10) + inOrder
	}
	c.prev = h
	return ""
}
