package demand

import (
	"fmt"
	"io"

	"github.com/carveout/carveout/internal/csvtab"
)

// LoadColumn is the header of the CSV column that [ReadHourlyCSV] reads.
const LoadColumn = "load_mw"

// ReadHourlyCSV reads an hourly load series (MW) from a CSV file called
// file (the name errors give) with a header row, by the rules of
// grid.ReadLoad: it takes the column headed "load_mw" (matched after
// trimming spaces, case-insensitively); other columns, such as a
// timestamp, are ignored; lines starting with '#' before the header are
// comments. Rows are hours in order, the first being 1 January 00:00; an
// integer "hour" column must count them without a gap. Every value must
// be a plain decimal number, finite, >= 0 and at most [MaxLoadMW]. Errors
// are [*input.CSVError]s naming the file, line and column. Use the result
// as [Base.HourlyMW].
func ReadHourlyCSV(r io.Reader, file string) ([]float64, error) {
	if r == nil {
		return nil, fmt.Errorf("demand: %s: nil reader", file)
	}
	load, err := csvtab.ReadSeries(r, file, LoadColumn, loadWant)
	if err != nil {
		return nil, fmt.Errorf("demand: %w", err)
	}
	return load, nil
}
