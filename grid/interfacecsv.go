package grid

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/csvtab"
)

// ReadInterfaces reads the interfaces of a zonal system from CSV, one
// transmission element ([Element]) a row. The header row names the
// columns:
//
//   - from and to (required): the zones joined, two different zone names
//     (letters, digits, '_' and '-', matched exactly by the zones of the
//     load file). Forward is from→to.
//   - capacity_mw, the element's capacity in both directions, or
//     capacity_forward_mw and capacity_backward_mw, its capacity from→to
//     and to→from: each in MW, finite, >= 0, with at most [MaxDecimals]
//     decimals. A file may have all three columns; each row then gives
//     either capacity_mw or both of the others.
//   - name (optional): the element's name, unique among the elements after
//     expanding counts, as it names the element's random stream
//     ([TransmissionStream]). Without one a row's element is called
//     "<from>-<to>/<k>", k its data row counting from 1: stable as long
//     as the rows above it stay.
//   - count (optional; empty for 1, an explicit 0 is refused): identical,
//     independent elements.
//   - mttf_h or for, with mttr_h (optional): the element's outages, as a
//     unit's (see [ReadUnits]), mean time to failure or forced outage rate
//     in (0, 1) together with the mean time to repair. A file may have
//     both the mttf_h and for columns, each row giving at most one of
//     them; a row that gives neither, nor mttr_h, is an element that never
//     fails, and so is every row of a file without these columns.
//   - source (optional): where the numbers come from ([Element.Source]).
//
// Other columns are ignored, as [ReadUnits] ignores them. Rows from the
// same zone to the same zone add up: they become the elements of one
// [Interface], in row order, the interfaces in the order their first row
// comes. A row from b to a is not merged into a's interface to b but
// starts an interface of its own, b→a, so that every element's forward
// capacity is the flow from its row's from zone to its to zone, as
// written; the network adds interfaces between the same pair of zones
// whatever their direction, so the two forms give the same results.
//
// Whether the zones exist is a question for the system
// ([ReadZonalSystemFiles], [System.Validate]). Errors are
// [*input.CSVError]s naming file, line and column; a bad value wraps the
// [*input.FieldError] of its field.
func ReadInterfaces(r io.Reader, file string) ([]Interface, error) {
	if r == nil {
		return nil, errorf("%s: nil reader", file)
	}
	f, err := readInterfaces(r, file)
	if err != nil {
		return nil, errorf("%w", err)
	}
	return f.ifaces, nil
}

// interfacesFile is an interfaces file as read: its table, its interfaces
// and the line of each element (lines[i][j] of ifaces[i].Elements[j]).
type interfacesFile struct {
	t      *csvtab.Table
	ifaces []Interface
	lines  [][]int
}

func readInterfaces(r io.Reader, file string) (*interfacesFile, error) {
	t, err := csvtab.New(r, file)
	if err != nil {
		return nil, err
	}
	if err := t.Require("from", "to"); err != nil {
		return nil, err
	}
	hasFwd, hasBwd := t.Has("capacity_forward_mw"), t.Has("capacity_backward_mw")
	switch {
	case hasFwd != hasBwd:
		have, lack := "capacity_forward_mw", "capacity_backward_mw"
		if hasBwd {
			have, lack = lack, have
		}
		return nil, t.HeaderCellError(have, fmt.Errorf("header has %s but no %q column, want both (or capacity_mw for both directions)", have, lack))
	case !hasFwd && !t.Has("capacity_mw"):
		return nil, t.HeaderError(fmt.Errorf(`header has no "capacity_mw" column, nor "capacity_forward_mw" and "capacity_backward_mw" (columns: %s)`, strings.Join(t.Columns(), ",")))
	}
	out := &interfacesFile{t: t}
	pairs := map[[2]string]int{} // (from, to) -> index in out.ifaces
	seen := map[string]int{}     // expanded element name -> line
	for row := 1; ; row++ {
		ok, err := t.Next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		from, to, e, err := readElement(t, row)
		if err != nil {
			return nil, err
		}
		for _, name := range expandedNames(e.Name, e.Count) {
			if prev, dup := seen[name]; dup {
				return nil, t.CellError("name", &input.FieldError{Path: "name", Value: strconv.Quote(e.Name),
					Want: fmt.Sprintf("unique among elements after expanding counts (%q duplicates the element on line %d)", name, prev)})
			}
			seen[name] = t.Line()
			if len(seen) > MaxUnits {
				return nil, &input.CSVError{File: file, Line: t.Line(), Err: fmt.Errorf("more than %d elements after expanding counts (MaxUnits)", MaxUnits)}
			}
		}
		k, ok := pairs[[2]string{from, to}]
		if !ok {
			k = len(out.ifaces)
			pairs[[2]string{from, to}] = k
			out.ifaces = append(out.ifaces, Interface{From: from, To: to})
			out.lines = append(out.lines, nil)
		}
		out.ifaces[k].Elements = append(out.ifaces[k].Elements, e)
		out.lines[k] = append(out.lines[k], t.Line())
	}
	if len(out.ifaces) == 0 {
		return nil, t.HeaderError(errors.New("no interfaces after the header, want at least 1 row"))
	}
	return out, nil
}

// readElement reads the element on the current row of t, the row-th data
// row, and the zones it joins, and validates it with [Element.Validate],
// locating a bad field at its cell.
func readElement(t *csvtab.Table, row int) (from, to string, e Element, err error) {
	from, to = t.String("from"), t.String("to")
	for _, end := range []struct{ field, zone string }{{"from", from}, {"to", to}} {
		if !validZoneName(end.zone) {
			return "", "", e, t.CellError(end.field, input.Field(end.field, strconv.Quote(end.zone), "a zone: "+zoneNameWant))
		}
	}
	if from == to {
		return "", "", e, t.CellError("to", input.Field("to", strconv.Quote(to), fmt.Sprintf("a zone other than from = %q: an interface joins two zones", from)))
	}
	e = Element{Name: t.String("name"), Count: 1, Source: t.String("source")}
	if e.Name == "" {
		e.Name = from + "-" + to + "/" + strconv.Itoa(row)
	}
	if t.String("count") != "" {
		if e.Count, err = t.Int("count", 1, MaxUnits); err != nil {
			return "", "", e, err
		}
	}
	if err := readCapacities(t, &e); err != nil {
		return "", "", e, err
	}
	if err := readOutages(t, &e); err != nil {
		return "", "", e, err
	}
	if err := e.Validate(); err != nil {
		var fe *input.FieldError
		if !errors.As(err, &fe) {
			return "", "", e, t.CellError("", err)
		}
		fe.Note = fmt.Sprintf("element %q", e.Name)
		return "", "", e, t.CellError(fe.Path, err)
	}
	return from, to, e, nil
}

// capacityWant returns "" if x is a transfer capacity, finite, >= 0 and
// with at most MaxDecimals decimals, else what is wanted.
func capacityWant(x float64) string {
	if want := nonNegative(x); want != "" {
		return want
	}
	return decimals(x)
}

// readCapacities reads the row's capacity_mw, or its
// capacity_forward_mw and capacity_backward_mw, into e.
func readCapacities(t *csvtab.Table, e *Element) error {
	both := t.String("capacity_mw")
	if both == "" && t.Has("capacity_forward_mw") {
		var err error
		if e.ForwardMW, err = t.Float("capacity_forward_mw", capacityWant); err != nil {
			return err
		}
		e.BackwardMW, err = t.Float("capacity_backward_mw", capacityWant)
		return err
	}
	for _, c := range []string{"capacity_forward_mw", "capacity_backward_mw"} {
		if v := t.String(c); v != "" {
			return t.CellError(c, input.Field(c, strconv.Quote(v), fmt.Sprintf("empty: capacity_mw = %s gives both directions on this row; give one or the other", both)))
		}
	}
	x, err := t.Float("capacity_mw", capacityWant)
	e.ForwardMW, e.BackwardMW = x, x
	return err
}

// readOutages reads the row's outage columns into e: mttf_h or for, with
// mttr_h, or none of them.
func readOutages(t *csvtab.Table, e *Element) error {
	mttf, q, mttr := t.String("mttf_h"), t.String("for"), t.String("mttr_h")
	var err error
	switch {
	case mttf != "" && q != "":
		return t.CellError("for", input.Field("for", strconv.Quote(q), fmt.Sprintf("empty: mttf_h = %s is given on this row; give one of them", mttf)))
	case mttf == "" && q == "" && mttr == "":
		return nil // never fails
	case mttf == "" && q == "":
		return t.CellError("mttr_h", input.Field("mttr_h", strconv.Quote(mttr), "empty, or mttf_h or for on this row as well: an element without them never fails"))
	case mttr == "":
		given := "mttf_h = " + mttf
		if q != "" {
			given = "for = " + q
		}
		return t.CellError("mttr_h", input.Field("mttr_h", `""`, fmt.Sprintf("a mean time to repair, in hours: the element fails (%s)", given)))
	case q != "":
		if e.FOR, err = t.Float("for", outageRate); err != nil {
			return err
		}
	default:
		if e.MTTFHours, err = t.Float("mttf_h", nil); err != nil {
			return err
		}
	}
	e.MTTRHours, err = t.Float("mttr_h", nil)
	return err
}
