package scenarios

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/carveout/carveout/grid"
	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/csvtab"
	"github.com/carveout/carveout/study"
)

// zonalPart adds the zones, interfaces and siting of the zonal Pakistan
// scenario to sc: zones.csv (each zone's monthly share of the national
// demand, in priority order), interfaces.csv (one element row each) and
// the sites of parameters.csv.
func zonalPart(sc *study.Scenario, p params) error {
	zones, err := readZones()
	if err != nil {
		return err
	}
	sc.Zones = zones
	if sc.Interfaces, err = readInterfaces(); err != nil {
		return err
	}
	south, north := p["zones.site.south"].value, p["zones.site.north"].value
	if south == "" || north == "" {
		return &input.CSVError{File: "parameters.csv", Err: fmt.Errorf("keys %q and %q are required", "zones.site.south", "zones.site.north")}
	}
	// The main case sits at the southern sites (Port Qasim, China Hub);
	// the sweep compares the southern site with the northern (Sahiwal).
	sc.Carveout.Site = south
	sc.Sweep.Sites = []string{north, south}
	sc.Notes = append(sc.Notes,
		"Zones: north, south and K-Electric's draw, in that priority order when they compete for imports (a judgement; see README).")
	return nil
}

// readZones reads zones.csv: one row per zone and month, zones in order
// of first appearance.
func readZones() ([]study.ZoneSpec, error) {
	var zones []study.ZoneSpec
	err := eachRow("zones.csv", []string{"zone", "month", "load_share", "source"}, func(t *csvtab.Table) error {
		name := t.String("zone")
		k := slices.IndexFunc(zones, func(z study.ZoneSpec) bool { return z.Name == name })
		if k < 0 {
			k = len(zones)
			zones = append(zones, study.ZoneSpec{Name: name, LoadShare: make([]float64, 12), Source: t.String("source")})
		}
		m, err := t.Int("month", 1, 12)
		if err != nil {
			return err
		}
		if zones[k].LoadShare[m-1] != 0 {
			return t.CellError("month", fmt.Errorf("zone %q has month %d twice", name, m))
		}
		zones[k].LoadShare[m-1], err = t.Float("load_share", func(x float64) string {
			if !(x > 0 && x <= 1) {
				return "in (0, 1]"
			}
			return ""
		})
		return err
	})
	return zones, err
}

// readInterfaces reads interfaces.csv with the reader of
// `carveout adequacy -interfaces` (its judgement column is ignored).
func readInterfaces() ([]grid.Interface, error) {
	b, err := pakistanFS.ReadFile("pakistan2025/interfaces.csv")
	if err != nil {
		return nil, err
	}
	return grid.ReadInterfaces(bytes.NewReader(b), "interfaces.csv")
}

// South→north transfer: the element names of interfaces.csv that make
// it up.
const (
	hvdcPole   = "Matiari-Lahore HVDC pole"
	acCorridor = "500 kV AC corridor"
	acTowers   = "500 kV AC corridor tower-collapse section"
)

// SouthNorthLimits returns the south→north transfer limits, MW with
// every element up, against which the Pakistan study charts its risk
// (parameters.csv zones.south_north.sweep_mw: a judgement spanning the
// HVDC alone to the HVDC at its rating plus the AC corridor's high end).
func SouthNorthLimits() ([]float64, error) {
	p, err := readParams()
	if err != nil {
		return nil, fmt.Errorf("scenarios: pakistan-2025: %w", err)
	}
	v, ok := p["zones.south_north.sweep_mw"]
	if !ok {
		return nil, fmt.Errorf("scenarios: pakistan-2025: parameters.csv: key %q missing", "zones.south_north.sweep_mw")
	}
	var out []float64
	for _, f := range strings.Fields(v.value) {
		x, err := csvtab.ParseFloat(f)
		if err != nil {
			return nil, fmt.Errorf("scenarios: pakistan-2025: parameters.csv: zones.south_north.sweep_mw: %w", err)
		}
		out = append(out, x)
	}
	return out, nil
}

// acCorridorMax returns the high end of the AC corridor's judgement range
// (parameters.csv zones.south_north.ac_corridor_mw_range, "lo-hi").
func acCorridorMax() (float64, error) {
	p, err := readParams()
	if err != nil {
		return 0, fmt.Errorf("scenarios: pakistan-2025: %w", err)
	}
	const key = "zones.south_north.ac_corridor_mw_range"
	_, hi, ok := strings.Cut(p[key].value, "-")
	x, err := csvtab.ParseFloat(strings.TrimSpace(hi))
	if !ok || err != nil || !(x > 0) {
		return 0, fmt.Errorf("scenarios: pakistan-2025: parameters.csv: %s = %q, want lo-hi in MW", key, p[key].value)
	}
	return x, nil
}

// SetSouthNorthLimit sets the south→north transfer limit of a zonal
// Pakistan scenario (from [Pakistan2025]) to limitMW with every element
// up, the AC corridor's rating having no published figure: the HVDC
// poles keep their operating limit (1,600 MW each) and the AC corridor
// takes the rest, up to the high end of its judgement range (3,000 MW,
// parameters.csv zones.south_north.ac_corridor_mw_range),
// its tower-collapse section carrying min(its stranded MW, the corridor)
// of it;
// beyond that the HVDC poles rise towards their 2,000 MW rating. North→
// south, the AC corridor carries the same as south→north and the poles
// keep their reverse capability. Elements keep their names, so every
// outage draw is the same as in the scenario: studies at different
// limits with one seed are paired on common random numbers. The limit is
// taken to a kilowatt. It changes sc's elements in place, from the
// values of a scenario fresh from [Pakistan2025]: apply it once.
func SetSouthNorthLimit(sc *study.Scenario, limitMW float64) error {
	var poles, ac, towers *grid.Element
	for i := range sc.Interfaces {
		f := &sc.Interfaces[i]
		if f.From != "south" || f.To != "north" {
			continue
		}
		for k := range f.Elements {
			switch e := &f.Elements[k]; e.Name {
			case hvdcPole:
				poles = e
			case acCorridor:
				ac = e
			case acTowers:
				towers = e
			}
		}
	}
	if poles == nil || ac == nil || towers == nil || poles.Count < 1 {
		return fmt.Errorf("scenarios: south->north limit: the scenario has not the zonal Pakistan interfaces (%q, %q, %q)", hvdcPole, acCorridor, acTowers)
	}
	hvdc := poles.ForwardMW * float64(poles.Count)
	if !(limitMW >= hvdc) || math.IsInf(limitMW, 0) {
		return fmt.Errorf("scenarios: south->north limit %v MW, want a finite number >= %v MW (the HVDC poles' operating limit)", limitMW, hvdc)
	}
	// Capacities are decimals of at most grid.MaxDecimals places: the
	// limit is taken to a kilowatt, and so is every share of it.
	kw := func(x float64) float64 { return math.Round(x*1000) / 1000 }
	limitMW = kw(limitMW)
	acMax, err := acCorridorMax()
	if err != nil {
		return err
	}
	corridor := kw(min(limitMW-hvdc, acMax))
	if rest := kw(limitMW - hvdc - corridor); rest > 0 {
		poles.ForwardMW = kw(poles.ForwardMW + rest/float64(poles.Count))
	}
	towers.ForwardMW = min(towers.ForwardMW, corridor)
	towers.BackwardMW = towers.ForwardMW
	ac.ForwardMW = kw(corridor - towers.ForwardMW)
	ac.BackwardMW = ac.ForwardMW
	sc.Name = fmt.Sprintf("%s, south-north %g MW", sc.Name, limitMW)
	return nil
}

// HostingSearch returns the hosting criterion and search bracket of the
// Pakistan study (parameters.csv hosting.*: a judgement, ΔLOLE of other
// customers at most a tenth of a one-day-in-ten-years LOLE standard, as
// Pakistan publishes none), for [study.Hosting] at each site and policy.
func HostingSearch() (study.HostingSpec, error) {
	p, err := readParams()
	if err != nil {
		return study.HostingSpec{}, fmt.Errorf("scenarios: pakistan-2025: %w", err)
	}
	v, err := p.nums("hosting.delta_lole_h", "hosting.max_mw")
	if err != nil {
		return study.HostingSpec{}, fmt.Errorf("scenarios: pakistan-2025: %w", err)
	}
	return study.HostingSpec{Criteria: []study.Criterion{{Measure: study.MeasureDeltaLOLE, Max: v[0]}}, HiMW: v[1]}, nil
}
