package grid

import (
	"fmt"
	"strconv"

	"github.com/carveout/carveout/input"
)

// MaxZones is the most zones a system may have (12). Each hour in which
// some zone is short is settled exactly by enumerating the sets of zones
// of its connected part of the network (see [Network]), 2^zones of them;
// twelve zones, 4,096 sets, is a judgement that covers the multi-area
// systems of PRAS and GE MARS studies while keeping a short hour cheap.
const MaxZones = 12

// Zone is an area of a zonal system: the units that name it
// ([Unit.Zone]) and the hourly load it must serve. Zones trade power only
// over the [Interface]s that join them.
type Zone struct {
	// Name identifies the zone to units and interfaces; it is required
	// and unique. A name is letters, digits, '_' and '-' (it names a CSV
	// column, "load_mw_<zone>").
	Name string `json:"name"`
	// Load is the zone's hourly load, in MW: as long as every other
	// zone's, each value finite and >= 0.
	Load []float64 `json:"load_mw"`
}

// Interface joins two zones with transmission elements: power can flow
// From→To up to the sum of the forward capacities of the elements that
// are up, and To→From up to the sum of their backward capacities.
// Several interfaces between the same pair of zones add up.
type Interface struct {
	// From and To name the zones joined; they differ.
	From string `json:"from"`
	// To is the zone at the forward end.
	To string `json:"to"`
	// Elements are the interface's lines, poles or corridors; at least
	// one.
	Elements []Element `json:"elements"`
}

// Element is a transmission element of an [Interface] (an HVDC pole, an
// AC circuit, a corridor's towers) with two-state outages like a unit's:
// up for exponential times of mean MTTFHours, down for exponential times
// of mean MTTRHours. With MTTFHours and MTTRHours both 0 (and FOR 0) it
// never fails. FOR in (0, 1) with MTTRHours is the alternative to
// MTTFHours: MTTF = MTTR·(1−FOR)/FOR.
//
// Each element draws its outages from its own stream,
// [TransmissionStream] of its expanded name, with the same discrete-event
// machinery as units ([Simulator]); units' streams ([OutageStream]) are
// unchanged by zones, so putting units into zones changes none of their
// draws.
type Element struct {
	// Name identifies the element; it is required and unique among
	// elements after expanding counts ("Name#1" … "Name#Count"), and names
	// its random stream.
	Name string `json:"name"`
	// Count is the number of identical, independent elements; 0 means 1.
	Count int `json:"count,omitempty"`
	// ForwardMW is each element's capacity From→To, in MW: finite, >= 0,
	// at most MaxDecimals decimal places.
	ForwardMW float64 `json:"capacity_forward_mw"`
	// BackwardMW is each element's capacity To→From, in MW, as
	// ForwardMW.
	BackwardMW float64 `json:"capacity_backward_mw"`
	// MTTFHours is the mean time to failure, in hours; 0 with MTTRHours
	// 0 means never failing.
	MTTFHours float64 `json:"mttf_h,omitempty"`
	// MTTRHours is the mean time to repair, in hours.
	MTTRHours float64 `json:"mttr_h,omitempty"`
	// FOR is the forced outage rate, an alternative to MTTFHours (give
	// one of them, with MTTRHours).
	FOR float64 `json:"for,omitempty"`
	// Source cites where the numbers come from.
	Source string `json:"source,omitempty"`
}

// TransmissionStream returns the name of the random stream of an
// interface element's outages, "transmission/<name>", name being its
// expanded name.
func TransmissionStream(elementName string) string { return "transmission/" + elementName }

// Fails reports whether the element has outages.
func (e *Element) Fails() bool { return e.MTTRHours != 0 || e.MTTFHours != 0 || e.FOR != 0 }

// meanUpHours returns the element's MTTF, from FOR where that is given.
func (e *Element) meanUpHours() float64 {
	if e.FOR != 0 {
		return e.MTTRHours * (1 - e.FOR) / e.FOR
	}
	return e.MTTFHours
}

// Validate checks the element's fields. Errors are [*input.FieldError]s
// with paths relative to the element ("capacity_forward_mw").
func (e *Element) Validate() error {
	if e.Name == "" {
		return input.Field("name", `""`, "a name")
	}
	if e.Count < 0 || e.Count > MaxUnits {
		return input.Field("count", e.Count, fmt.Sprintf("in [1, %d] (0 means 1)", MaxUnits))
	}
	for _, c := range []struct {
		path string
		v    float64
	}{{"capacity_forward_mw", e.ForwardMW}, {"capacity_backward_mw", e.BackwardMW}} {
		if want := nonNegative(c.v); want != "" {
			return input.Field(c.path, c.v, want)
		}
		if want := decimals(c.v); want != "" {
			return input.Field(c.path, c.v, want)
		}
	}
	if !e.Fails() {
		return nil
	}
	if e.FOR != 0 && e.MTTFHours != 0 {
		return input.Field("for", e.FOR, fmt.Sprintf("not given with mttf_h = %v: give one of them", e.MTTFHours))
	}
	if e.FOR != 0 && !(e.FOR > 0 && e.FOR < 1) {
		return input.Field("for", e.FOR, "in (0, 1)")
	}
	if want := duration(e.MTTRHours); want != "" {
		return input.Field("mttr_h", e.MTTRHours, want+" (an element that fails needs a repair time)")
	}
	if want := duration(e.meanUpHours()); want != "" {
		if e.FOR != 0 {
			return input.Field("for", e.FOR, fmt.Sprintf("a value giving mttf_h = mttr_h·(1−for)/for = %v, %s", e.meanUpHours(), want))
		}
		return input.Field("mttf_h", e.MTTFHours, want)
	}
	return nil
}

// zoneNameWant is what a zone name must be.
const zoneNameWant = "a name of letters, digits, '_' and '-'"

// validZoneName reports whether name is a zone name: non-empty letters,
// digits, '_' and '-'.
func validZoneName(name string) bool {
	if name == "" {
		return false
	}
	for _, r := range name {
		if !(r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// validateZones checks a zonal system's zones, units' zones and
// interfaces: at most MaxZones zones with valid, unique names; every unit
// naming a zone; every interface joining two distinct known zones with
// valid elements whose expanded names are unique. It returns the zone
// index of each name. Loads are checked by the caller. Errors are
// [*input.FieldError]s with paths in the system ("interfaces[2].to").
func validateZones(zones []Zone, units []Unit, ifaces []Interface) (map[string]int, error) {
	if len(zones) > MaxZones {
		return nil, input.Field("zones", fmt.Sprintf("%d zones", len(zones)), fmt.Sprintf("at most %d (MaxZones)", MaxZones))
	}
	idx := make(map[string]int, len(zones))
	for i, z := range zones {
		if !validZoneName(z.Name) {
			return nil, input.Field(fmt.Sprintf("zones[%d].name", i), strconv.Quote(z.Name), zoneNameWant)
		}
		if j, dup := idx[z.Name]; dup {
			return nil, input.Field(fmt.Sprintf("zones[%d].name", i), strconv.Quote(z.Name), fmt.Sprintf("a name unique among zones (zones[%d] has it too)", j))
		}
		idx[z.Name] = i
	}
	for i, u := range units {
		if _, ok := idx[u.Zone]; !ok {
			want := "the name of a zone"
			if u.Zone == "" {
				want = "a zone: every unit names one when zones are declared"
			}
			return nil, &input.FieldError{Path: fmt.Sprintf("units[%d].zone", i), Value: strconv.Quote(u.Zone), Want: want, Note: fmt.Sprintf("unit %q", u.Name)}
		}
	}
	seen := map[string]string{}
	for i, f := range ifaces {
		at := fmt.Sprintf("interfaces[%d]", i)
		for _, end := range []struct{ field, name string }{{"from", f.From}, {"to", f.To}} {
			if _, ok := idx[end.name]; !ok {
				return nil, input.Field(at+"."+end.field, strconv.Quote(end.name), "the name of a zone")
			}
		}
		if f.From == f.To {
			return nil, input.Field(at+".to", strconv.Quote(f.To), fmt.Sprintf("a zone other than from = %q: an interface joins two zones", f.From))
		}
		if len(f.Elements) == 0 {
			return nil, input.Field(at+".elements", "[]", "at least 1 element")
		}
		for j := range f.Elements {
			e := &f.Elements[j]
			ea := fmt.Sprintf("%s.elements[%d]", at, j)
			if err := e.Validate(); err != nil {
				return nil, input.In(err, ea)
			}
			for _, name := range expandedNames(e.Name, e.Count) {
				if prev, dup := seen[name]; dup {
					return nil, input.Field(ea+".name", strconv.Quote(e.Name), fmt.Sprintf("a name unique among elements after expanding counts (%s also expands to %q)", prev, name))
				}
				seen[name] = ea
			}
		}
	}
	return idx, nil
}

// expandedNames returns the names of count entries named name, as units
// and elements are expanded: name itself for a count of 0 or 1, else
// "name#1" … "name#count".
func expandedNames(name string, count int) []string {
	if count <= 1 {
		return []string{name}
	}
	out := make([]string, count)
	for i := range out {
		out[i] = name + "#" + strconv.Itoa(i+1)
	}
	return out
}

// validateZoneLoads checks that every zone has a load series, all of the
// same length, each valid as [System.Load] is.
func validateZoneLoads(zones []Zone) error {
	for i, z := range zones {
		at := fmt.Sprintf("zones[%d]", i)
		if len(z.Load) == 0 {
			return &input.FieldError{Path: at + ".load_mw", Value: "no hours", Want: "a load series: every zone has one", Note: fmt.Sprintf("zone %q", z.Name)}
		}
		if err := validateLoad(z.Load); err != nil {
			return input.In(err, at)
		}
		if n := len(zones[0].Load); len(z.Load) != n {
			return &input.FieldError{Path: at + ".load_mw", Value: fmt.Sprintf("%d hours", len(z.Load)), Want: fmt.Sprintf("%d, the hours of zones[0]", n), Note: fmt.Sprintf("zone %q", z.Name)}
		}
	}
	return nil
}

// zoneLoadSum returns the hourly sum of the zones' loads, zone by zone in
// declaration order: the load of the copper plate of a zonal system.
func zoneLoadSum(zones []Zone) []float64 {
	if len(zones) == 0 {
		return nil
	}
	sum := make([]float64, len(zones[0].Load))
	for _, z := range zones {
		for h, x := range z.Load {
			sum[h] += x
		}
	}
	return sum
}
