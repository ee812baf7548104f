package grid

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/carveout/carveout/input"
)

// MaxFactorDecimals is the most decimal places a class factor may have.
// Factors are exact decimals, so that factor × capacity is an exact
// integer on the fleet's capacity grid (see [Fleet]); six places resolve
// a capacity factor to one part in a million.
const MaxFactorDecimals = 6

// Class is an availability class: an up unit of the class can deliver
// CapacityMW × Monthly[month] × Profile[month][hour], times the heat-wave
// thermal factor when HeatDerate is set. It models hydro capability by
// month, planned maintenance as expected monthly availability, seasonal
// plants, and wind and solar capacity factors. Units name their class in
// [Unit.Class].
type Class struct {
	// Name identifies the class to Unit.Class; it is required and
	// unique.
	Name string `json:"name"`
	// Monthly holds 12 multipliers in [0, 1], January first, each with at
	// most MaxFactorDecimals decimal places; empty means all 1.
	Monthly []float64 `json:"monthly,omitempty"`
	// Profile holds 12 rows of 24 capacity factors in [0, 1] (month ×
	// hour of day), each with at most MaxFactorDecimals decimal places;
	// empty means all 1.
	Profile [][]float64 `json:"profile,omitempty"`
	// HeatDerate applies the heat-wave thermal factor (see
	// [Availability.Sample]).
	HeatDerate bool `json:"heat_derate,omitempty"`
	// Source cites where the numbers come from.
	Source string `json:"source,omitempty"`
}

// Validate checks the class's name and factors. Errors are
// [*input.FieldError]s with paths relative to the class, such as
// "monthly[3]".
func (c *Class) Validate() error {
	if c == nil {
		return errorf("class is nil")
	}
	if c.Name == "" {
		return input.Field("name", `""`, "a name")
	}
	if len(c.Monthly) != 0 && len(c.Monthly) != 12 {
		return input.Field("monthly", fmt.Sprintf("%d values", len(c.Monthly)), "12 or none")
	}
	for m, v := range c.Monthly {
		if err := checkFactor(v); err != nil {
			return input.In(err, fmt.Sprintf("monthly[%d]", m))
		}
	}
	if len(c.Profile) != 0 && len(c.Profile) != 12 {
		return input.Field("profile", fmt.Sprintf("%d rows", len(c.Profile)), "12 rows of 24 or none")
	}
	for m, row := range c.Profile {
		if len(row) != 24 {
			return input.Field(fmt.Sprintf("profile[%d]", m), fmt.Sprintf("%d values", len(row)), "24")
		}
		for h, v := range row {
			if err := checkFactor(v); err != nil {
				return input.In(err, fmt.Sprintf("profile[%d][%d]", m, h))
			}
		}
	}
	return nil
}

// checkFactor checks one class factor: in [0, 1] with at most
// MaxFactorDecimals decimal places.
func checkFactor(v float64) error {
	if !(v >= 0 && v <= 1) {
		return input.Field("", v, "in [0, 1]")
	}
	if d := decimalPlaces(v); d > MaxFactorDecimals {
		return input.Field("", v, fmt.Sprintf("at most %d decimal places (MaxFactorDecimals), not %d", MaxFactorDecimals, d))
	}
	return nil
}

// validateClasses checks each class and that names are unique, and
// returns the index of each class by name.
func validateClasses(classes []Class) (map[string]int, error) {
	byName := make(map[string]int, len(classes))
	for i := range classes {
		c := &classes[i]
		p := fmt.Sprintf("classes[%d]", i)
		if err := c.Validate(); err != nil {
			return nil, input.In(err, p)
		}
		if _, dup := byName[c.Name]; dup {
			return nil, input.Field(p+".name", fmt.Sprintf("%q", c.Name), "unique (duplicate class)")
		}
		byName[c.Name] = i
	}
	return byName, nil
}

// decimalPlaces returns the number of decimal places of the shortest
// decimal that round-trips to x.
func decimalPlaces(x float64) int {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}
