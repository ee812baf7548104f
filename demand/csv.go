package demand

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// LoadColumn is the header of the CSV column that [ReadHourlyCSV] reads.
const LoadColumn = "load_mw"

// ReadHourlyCSV reads an hourly load series (MW) from CSV with a header
// row. It takes the column headed "load_mw" (matched after trimming
// spaces, case-insensitively); other columns, such as a timestamp, are
// ignored. Rows are hours in order, the first being 1 January 00:00.
// Every value must be a finite number >= 0; errors name the line.
// Use the result as [Base.HourlyMW].
func ReadHourlyCSV(r io.Reader) ([]float64, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	cr.Comment = '#'
	header, err := cr.Read()
	if err == io.EOF {
		return nil, errors.New("demand: csv: empty input, want a header row with a load_mw column")
	}
	if err != nil {
		return nil, fmt.Errorf("demand: csv: %w", err)
	}
	col := -1
	for i, name := range header {
		if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff")), LoadColumn) {
			col = i
			break
		}
	}
	if col < 0 {
		return nil, fmt.Errorf("demand: csv: header %q has no %s column", strings.Join(header, ","), LoadColumn)
	}
	var out []float64
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("demand: csv: %w", err)
		}
		line, _ := cr.FieldPos(col)
		s := strings.TrimSpace(rec[col])
		v, perr := strconv.ParseFloat(s, 64)
		if perr != nil || !(v >= 0) || math.IsInf(v, 1) {
			return nil, fmt.Errorf("demand: csv line %d: %s = %q, want a finite number >= 0", line, LoadColumn, s)
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("demand: csv: no data rows under the %s header", LoadColumn)
	}
	return out, nil
}
