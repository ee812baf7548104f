package mining

import (
	"fmt"
	"math"
	"strconv"
)

// fieldError formats the package's validation errors:
// `mining: fleet.j_per_th = -3, want > 0`.
func fieldError(field string, value any, want string) error {
	return fmt.Errorf("mining: %s = %v, want %s", field, value, want)
}

// quote renders a string value in an error message.
func quote(s string) string { return strconv.Quote(s) }

// checkRange reports an error unless v is finite and lo < v ≤ hi
// (loInclusive makes it lo ≤ v ≤ hi).
func checkRange(field string, v, lo, hi float64, loInclusive bool) error {
	ok := !math.IsNaN(v) && !math.IsInf(v, 0) && v <= hi
	if loInclusive {
		ok = ok && v >= lo
	} else {
		ok = ok && v > lo
	}
	if ok {
		return nil
	}
	if loInclusive {
		return fieldError(field, v, fmt.Sprintf("in [%v, %v]", lo, hi))
	}
	if math.IsInf(hi, 1) {
		return fieldError(field, v, fmt.Sprintf("> %v", lo))
	}
	return fieldError(field, v, fmt.Sprintf("in (%v, %v]", lo, hi))
}
