package pras

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/csvtab"
	"github.com/carveout/carveout/testsystems"
)

// ThreeNode returns PRAS's three-region test system as a zonal
// [grid.System] over its four hours, zones region_a, region_b and
// region_c in that order (the priority order of [grid.Network]). Its
// reference values are the testsystems.PRASThreeNode* values.
func ThreeNode() (*grid.System, error) { return threeNode(nil) }

// ThreeNodeCopperPlate returns the units of [ThreeNode] serving the sum of
// its zones' loads without zones or interfaces: the copper plate of
// testsystems.PRASThreeNodeCopperPlateLOLE and
// testsystems.PRASThreeNodeCopperPlateEUE.
func ThreeNodeCopperPlate() (*grid.System, error) {
	z, err := ThreeNode()
	if err != nil {
		return nil, err
	}
	s := &grid.System{Name: "PRAS threenode, copper plate", Classes: z.Classes, Load: make([]float64, len(z.Zones[0].Load))}
	for _, zone := range z.Zones {
		for h, x := range zone.Load {
			s.Load[h] += x
		}
	}
	for _, u := range z.Units {
		u.Zone = ""
		s.Units = append(s.Units, u)
	}
	return s, nil
}

// TwoNode returns PRAS's Test System 1 as a zonal [grid.System] of one
// hour, zones region_a and region_b. Its reference values are the
// testsystems.PRASTwoNode* values.
func TwoNode() (*grid.System, error) {
	const dir = "pras-twonode/"
	units, err := readUnits(testsystems.PRASTwoNodeUnitsCSV, dir+"units.csv")
	if err != nil {
		return nil, err
	}
	zones, err := readZoneLoads(testsystems.PRASTwoNodeLoadCSV, dir+"load.csv")
	if err != nil {
		return nil, err
	}
	ifaces, err := readInterfaces(testsystems.PRASTwoNodeInterfacesCSV, dir+"interfaces.csv")
	if err != nil {
		return nil, err
	}
	return validated(&grid.System{Name: "PRAS test1", Units: units, Zones: zones, Interfaces: ifaces})
}

// threeNode returns the three-region system over the given hours of its
// horizon (counting from 1, in the order given), or over all four when
// hours is empty: the loads of those hours, and class factors such that
// the system's hour k has the factors of hours[k].
func threeNode(hours []int) (*grid.System, error) {
	const dir = "pras-threenode/"
	units, err := readUnits(testsystems.PRASThreeNodeUnitsCSV, dir+"units.csv")
	if err != nil {
		return nil, err
	}
	zones, err := readZoneLoads(testsystems.PRASThreeNodeLoadCSV, dir+"load.csv")
	if err != nil {
		return nil, err
	}
	n := len(zones[0].Load)
	classes, err := readClasses(testsystems.PRASThreeNodeClassesCSV, dir+"classes.csv", n)
	if err != nil {
		return nil, err
	}
	ifaces, err := readInterfaces(testsystems.PRASThreeNodeInterfacesCSV, dir+"interfaces.csv")
	if err != nil {
		return nil, err
	}
	name := "PRAS threenode"
	if len(hours) > 0 {
		if len(hours) > 24 {
			return nil, fmt.Errorf("pras: %d hours, want at most 24", len(hours))
		}
		for k, h := range hours {
			if h < 1 || h > n {
				return nil, fmt.Errorf("pras: hours[%d] = %d, want in [1, %d]", k, h, n)
			}
		}
		for i := range zones {
			load := make([]float64, len(hours))
			for k, h := range hours {
				load[k] = zones[i].Load[h-1]
			}
			zones[i].Load = load
		}
		for i := range classes {
			row := ones(24)
			for k, h := range hours {
				row[k] = classes[i].Profile[0][h-1]
			}
			classes[i].Profile[0] = row
		}
		name = fmt.Sprintf("PRAS threenode, hours %v", hours)
	}
	return validated(&grid.System{Name: name, Units: units, Classes: classes, Zones: zones, Interfaces: ifaces})
}

// validated returns s if it validates.
func validated(s *grid.System) (*grid.System, error) {
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("pras: %s: %w", s.Name, err)
	}
	return s, nil
}

// readUnits reads units from the columns
// name,count,capacity_mw,for,mttr_h,zone and an optional class column:
// MTTF = MTTR·(1−FOR)/FOR.
func readUnits(data []byte, file string) ([]grid.Unit, error) {
	t, err := table(data, file, "name", "count", "capacity_mw", "for", "mttr_h", "zone")
	if err != nil {
		return nil, err
	}
	var units []grid.Unit
	for {
		ok, err := t.Next()
		if err != nil {
			return nil, wrap(err)
		}
		if !ok {
			break
		}
		u := grid.Unit{Name: t.String("name"), Zone: t.String("zone"), Class: t.String("class")}
		if u.Count, err = t.Int("count", 1, grid.MaxUnits); err != nil {
			return nil, wrap(err)
		}
		if u.CapacityMW, err = t.Float("capacity_mw", nil); err != nil {
			return nil, wrap(err)
		}
		q, err := t.Float("for", outageRate)
		if err != nil {
			return nil, wrap(err)
		}
		if u.MTTRHours, err = t.Float("mttr_h", nil); err != nil {
			return nil, wrap(err)
		}
		u.MTTFHours = u.MTTRHours * (1 - q) / q
		if err := u.Validate(); err != nil {
			var fe *input.FieldError
			errors.As(err, &fe)
			return nil, wrap(t.CellError(fe.Path, err))
		}
		units = append(units, u)
	}
	if len(units) == 0 {
		return nil, wrap(t.HeaderError(errors.New("no units after the header")))
	}
	return units, nil
}

// readClasses reads class factors by hour from the columns
// class,hour,factor: every class gives each of the hours 1 … hours once.
// Hour k of the horizon is hour of day k−1 of 1 January (see
// [grid.Class]), so hours is at most 24; the factors of the other months
// and hours are 1.
func readClasses(data []byte, file string, hours int) ([]grid.Class, error) {
	if hours > 24 {
		return nil, wrap(&input.CSVError{File: file, Err: fmt.Errorf("%d hours, want at most 24 (one hour of the day each)", hours)})
	}
	t, err := table(data, file, "class", "hour", "factor")
	if err != nil {
		return nil, err
	}
	var classes []grid.Class
	index := map[string]int{}
	seen := map[string][]bool{}
	for {
		ok, err := t.Next()
		if err != nil {
			return nil, wrap(err)
		}
		if !ok {
			break
		}
		name := t.String("class")
		if name == "" {
			return nil, wrap(t.CellError("class", input.Field("class", `""`, "a class name")))
		}
		h, err := t.Int("hour", 1, hours)
		if err != nil {
			return nil, wrap(err)
		}
		f, err := t.Float("factor", unitInterval)
		if err != nil {
			return nil, wrap(err)
		}
		i, ok := index[name]
		if !ok {
			i = len(classes)
			index[name] = i
			profile := make([][]float64, 12)
			for m := range profile {
				profile[m] = ones(24)
			}
			classes = append(classes, grid.Class{Name: name, Profile: profile})
			seen[name] = make([]bool, hours)
		}
		if seen[name][h-1] {
			return nil, wrap(t.CellError("hour", input.Field("hour", h, fmt.Sprintf("given once for class %q", name))))
		}
		seen[name][h-1] = true
		classes[i].Profile[0][h-1] = f
	}
	for _, c := range classes {
		for h, ok := range seen[c.Name] {
			if !ok {
				return nil, wrap(&input.CSVError{File: file, Err: fmt.Errorf("class %q has no factor for hour %d", c.Name, h+1)})
			}
		}
		if err := c.Validate(); err != nil {
			return nil, wrap(&input.CSVError{File: file, Err: fmt.Errorf("class %q: %w", c.Name, err)})
		}
	}
	return classes, nil
}

// readZoneLoads reads the zones' hourly loads from an hour column counting
// 1, 2, … and one load_mw_<zone> column per zone, in the zones' order.
func readZoneLoads(data []byte, file string) ([]grid.Zone, error) {
	t, err := table(data, file, "hour")
	if err != nil {
		return nil, err
	}
	var zones []grid.Zone
	var cols []string
	for _, c := range t.Columns() {
		if z, ok := strings.CutPrefix(c, "load_mw_"); ok {
			zones = append(zones, grid.Zone{Name: z})
			cols = append(cols, c)
		}
	}
	if len(zones) == 0 {
		return nil, wrap(t.HeaderError(errors.New(`no "load_mw_<zone>" column`)))
	}
	for row := 1; ; row++ {
		ok, err := t.Next()
		if err != nil {
			return nil, wrap(err)
		}
		if !ok {
			break
		}
		if h := t.String("hour"); h != strconv.Itoa(row) {
			return nil, wrap(t.CellError("hour", input.Field("hour", strconv.Quote(h), strconv.Itoa(row))))
		}
		for i, c := range cols {
			x, err := t.Float(c, nonNegative)
			if err != nil {
				return nil, wrap(err)
			}
			zones[i].Load = append(zones[i].Load, x)
		}
	}
	if len(zones[0].Load) == 0 {
		return nil, wrap(t.HeaderError(errors.New("no hours after the header")))
	}
	return zones, nil
}

// readInterfaces reads one interface of one element row per line from the
// columns from,to,name,count,capacity_forward_mw,capacity_backward_mw,
// for,mttf_h,mttr_h; for and mttf_h empty with mttr_h empty mean an
// element that never fails.
func readInterfaces(data []byte, file string) ([]grid.Interface, error) {
	t, err := table(data, file, "from", "to", "name", "count", "capacity_forward_mw", "capacity_backward_mw", "for", "mttf_h", "mttr_h")
	if err != nil {
		return nil, err
	}
	var out []grid.Interface
	for {
		ok, err := t.Next()
		if err != nil {
			return nil, wrap(err)
		}
		if !ok {
			break
		}
		e := grid.Element{Name: t.String("name")}
		if e.Count, err = t.Int("count", 1, grid.MaxUnits); err != nil {
			return nil, wrap(err)
		}
		for _, c := range []struct {
			col string
			v   *float64
		}{{"capacity_forward_mw", &e.ForwardMW}, {"capacity_backward_mw", &e.BackwardMW}, {"for", &e.FOR}, {"mttf_h", &e.MTTFHours}, {"mttr_h", &e.MTTRHours}} {
			if t.String(c.col) == "" && c.col != "capacity_forward_mw" && c.col != "capacity_backward_mw" {
				continue // empty: 0
			}
			if *c.v, err = t.Float(c.col, nil); err != nil {
				return nil, wrap(err)
			}
		}
		if err := e.Validate(); err != nil {
			var fe *input.FieldError
			errors.As(err, &fe)
			return nil, wrap(t.CellError(fe.Path, err))
		}
		out = append(out, grid.Interface{From: t.String("from"), To: t.String("to"), Elements: []grid.Element{e}})
	}
	if len(out) == 0 {
		return nil, wrap(t.HeaderError(errors.New("no interfaces after the header")))
	}
	return out, nil
}

// table opens an embedded CSV file and requires its columns.
func table(data []byte, file string, cols ...string) (*csvtab.Table, error) {
	t, err := csvtab.New(bytes.NewReader(data), file)
	if err != nil {
		return nil, wrap(err)
	}
	if err := t.Require(cols...); err != nil {
		return nil, wrap(err)
	}
	return t, nil
}

// wrap prefixes the package name to an error.
func wrap(err error) error { return fmt.Errorf("pras: %w", err) }

// outageRate returns "" if q is a forced outage rate in (0, 1), else what
// is wanted.
func outageRate(q float64) string {
	if !(q > 0 && q < 1) {
		return "in (0, 1)"
	}
	return ""
}

// nonNegative returns "" if x is finite and >= 0, else what is wanted.
func nonNegative(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
		return "finite and >= 0"
	}
	return ""
}

// unitInterval returns "" if x is in [0, 1], else what is wanted.
func unitInterval(x float64) string {
	if !(x >= 0 && x <= 1) {
		return "in [0, 1]"
	}
	return ""
}

// ones returns n ones.
func ones(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = 1
	}
	return s
}
